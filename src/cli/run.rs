//! `tilmech run`: the batch job.

use super::{load_config, EXIT_DOCUMENT_ERRORS};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::output::record::Status;
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
    /// Seconds to wait for another run that holds the output directory (overrides
    /// run.wait_lock_seconds).
    #[arg(long, value_name = "SECONDS")]
    wait_lock: Option<f64>,
    /// List the files the run would process (and skip), and write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, quiet: bool) -> Result<ExitCode> {
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
    if let Some(seconds) = args.wait_lock {
        config.run.wait_lock_seconds = seconds;
    }
    config.validate()?;
    if args.dry_run {
        return dry_run(&config);
    }
    let pipeline = Pipeline::new(config)?;
    let show_bar = !quiet && std::io::stderr().is_terminal();
    let progress = Bar(show_bar.then(|| {
        ProgressBar::new(0).with_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} documents ({rate}, eta {eta})",
            )
            .expect("valid template")
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", state.per_sec());
                },
            )
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
    if !quiet {
        eprintln!(
            "tilmech: {} documents ({} ok, {} filtered, {} failed) in {:.2}s, {:.1} MB/s -> {}",
            report.documents,
            report.by_status.get(&Status::Ok).copied().unwrap_or(0),
            report
                .by_status
                .get(&Status::Filtered)
                .copied()
                .unwrap_or(0),
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

/// Prints the sources the run would read, then the entries it would skip, and why.
fn dry_run(config: &tilmech::Config) -> Result<ExitCode> {
    let (files, skipped) = tilmech::input::collect(&config.input)?;
    for file in &files {
        match &file.problem {
            Some(problem) => println!("{}\t(error record: {problem})", file.source),
            None => println!("{}", file.source),
        }
    }
    for entry in &skipped {
        println!("{}\t(skipped: {})", entry.source, entry.reason);
    }
    Ok(ExitCode::SUCCESS)
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
