//! `tilmech run`: the batch job.

use super::{load_config, EXIT_DOCUMENT_ERRORS};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::pipeline::{Pipeline, Progress};

#[derive(clap::Args)]
pub struct Args {
    /// Config file (default ./pipeline.toml when present, else built-in defaults).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Input directory (overrides input.dir).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Output directory (overrides output.dir).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Worker threads, 0 for one per core (overrides run.threads).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut config = load_config(args.config)?;
    if let Some(dir) = args.input {
        config.input.dir = dir;
    }
    if let Some(dir) = args.output {
        config.output.dir = dir;
    }
    if let Some(n) = args.threads {
        config.run.threads = n;
    }
    config.validate()?;
    let pipeline = Pipeline::new(config)?;
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let progress = Bar(show_bar.then(|| {
        ProgressBar::new(0).with_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} documents ({per_sec}, eta {eta})",
            )
            .expect("valid template")
            .progress_chars("=> "),
        )
    }));
    let report = pipeline.run(&progress)?;
    let failed = report.failed();
    tracing::info!(
        documents = report.documents,
        failed,
        seconds = report.wall_seconds,
        "run finished; records in {}",
        pipeline.config().output.dir.display()
    );
    if !args.quiet {
        eprintln!(
            "tilmech: {} documents ({} failed) in {:.2}s, {:.1} MB/s -> {}",
            report.documents,
            failed,
            report.wall_seconds,
            report.megabytes_per_second,
            pipeline.config().output.dir.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(EXIT_DOCUMENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

/// indicatif progress bar, or nothing when stderr is not a terminal or --quiet.
struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn start(&self, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
        }
    }
    fn advance(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
