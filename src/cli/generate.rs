//! `tilmech generate`: the benchmark corpus (see `tilmech::eval::generate`), written to a
//! folder; prints what it wrote.

use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The corpus folder (holding `docs/` and `langid/heldout/`).
    #[arg(long)]
    corpus: PathBuf,
    /// Site templates (`<lang>_<name>.{html,txt}`).
    #[arg(long, default_value = "tests/fixtures/sites")]
    templates: PathBuf,
    /// Folder to write the documents into (created when missing).
    #[arg(long)]
    out: PathBuf,
    /// Megabytes to write (10 to 1,000 for the benchmarks).
    #[arg(long, default_value_t = 10)]
    megabytes: usize,
    /// Largest document in bytes (sizes are spread evenly on a log scale from 300 bytes);
    /// 5000 makes a corpus of small documents.
    #[arg(long, default_value_t = tilmech::eval::generate::LARGEST)]
    largest: usize,
    /// The same seed writes the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    // The templates default to a path of a checkout: name what is missing, not an I/O error.
    for (what, flag, dir) in [
        ("corpus", "--corpus", &args.corpus),
        ("site templates", "--templates", &args.templates),
    ] {
        if !dir.is_dir() {
            anyhow::bail!(
                "{what} folder {} not found ({flag} names it)",
                dir.display()
            );
        }
    }
    let made = tilmech::eval::generate::generate(
        &args.corpus,
        &args.templates,
        &args.out,
        (args.megabytes * 1_000_000, args.largest),
        args.seed,
    )
    .with_context(|| format!("cannot generate into {}", args.out.display()))?;
    println!(
        "{} documents, {:.1} MB in {}",
        made.documents,
        made.bytes as f64 / 1e6,
        args.out.display()
    );
    for (kind, n) in &made.kinds {
        println!("  {kind}: {n}");
    }
    Ok(ExitCode::SUCCESS)
}
