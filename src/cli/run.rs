//! `tilmech run`: the batch job.

use super::{load_config, EXIT_DOCUMENT_ERRORS};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tilmech::output::record::Status;
use tilmech::pipeline::{Pipeline, Progress, RunOptions};
use tilmech::report::Report;
use tilmech::state::{Shard, StopRequest};

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
    /// Process only new and changed inputs; the records of unchanged ones are kept (from the
    /// state file in the output directory).
    #[arg(long)]
    incremental: bool,
    /// Take shard I of N (0 <= I < N) of the inputs, by a hash of their paths, and write
    /// records-0000I-of-0000N.* and a completion marker; join shards with `tilmech merge`.
    #[arg(long, value_name = "I/N")]
    shard: Option<Shard>,
    /// Read {"id", "text"} JSON objects from stdin, one per line (fields set in [stream]),
    /// and write their records to stdout as JSON Lines.
    #[arg(long, conflicts_with_all = ["incremental", "shard", "dry_run"])]
    stdin_jsonl: bool,
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
        return dry_run(&config, args.shard);
    }
    let stop = stop_on_signals()?;
    let pipeline = Pipeline::new(config)?;
    if args.stdin_jsonl {
        return stream(&pipeline, &stop, quiet);
    }
    let progress = Bar::new(quiet);
    let options = RunOptions {
        incremental: args.incremental,
        shard: args.shard,
        stop,
    };
    let report = pipeline.run(&options, &progress)?;
    Ok(finish(&report, &pipeline.config().output.dir, quiet))
}

/// The summary line (unless quiet) and the exit code of a run or merge: 128 + the signal
/// that stopped it, 1 when documents processed became error records, else 0.
pub(super) fn finish(report: &Report, output: &std::path::Path, quiet: bool) -> ExitCode {
    tracing::info!(
        documents = report.documents,
        processed = report.processed,
        failed = report.failed,
        seconds = report.wall_seconds,
        "finished; records in {}",
        output.display()
    );
    if !quiet {
        eprintln!(
            "tilmech: {} documents ({} ok, {} filtered, {} failed); {} processed, {} unchanged, {} deleted in {:.2}s, {:.1} MB/s -> {}",
            report.documents,
            report.count(Status::Ok),
            report.count(Status::Filtered),
            report.count(Status::Error),
            report.processed,
            report.unchanged,
            report.deleted,
            report.wall_seconds,
            report.megabytes_per_second,
            output.display()
        );
        for note in &report.notes {
            eprintln!("tilmech: note: {note}");
        }
    }
    if let Some(signal) = &report.stopped_by {
        // Said even when quiet: the run did not do all it was asked.
        eprintln!(
            "tilmech: stopped by {signal}: {} documents processed and written, {} left (with their previous records, if any); run again with --incremental to finish",
            report.processed, report.pending
        );
        let number = if signal == "SIGINT" { 2 } else { 15 };
        return ExitCode::from(128 + number);
    }
    if report.failed > 0 {
        ExitCode::from(EXIT_DOCUMENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// SIGINT and SIGTERM ask the run to stop after the batch in hand; a second one ends the
/// process at once (exit 128 + signal).
pub(super) fn stop_on_signals() -> Result<StopRequest> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stop = StopRequest::default();
    let asked = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, asked.clone())
            .and_then(|_| signal_hook::flag::register(signal, asked.clone()))
            .and_then(|_| signal_hook::flag::register_usize(signal, stop.cell(), signal as usize))
            .context("cannot install the signal handlers")?;
    }
    Ok(stop)
}

/// `--stdin-jsonl`: records on stdout. Exit 0 whenever every line got its record (error
/// records included, so that one bad line does not fail a Spark task); 128 + signal when
/// stopped.
fn stream(pipeline: &Pipeline, stop: &StopRequest, quiet: bool) -> Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = pipeline.stream(stdin, stdout, stop)?;
    if !quiet {
        eprintln!(
            "tilmech: {} records ({} errors) written to stdout",
            summary.records, summary.failed
        );
    }
    Ok(match summary.stopped_by {
        Some(signal) => {
            eprintln!(
                "tilmech: stopped by signal {signal} after {} records",
                summary.records
            );
            ExitCode::from(128 + signal as u8)
        }
        None => ExitCode::SUCCESS,
    })
}

impl Bar {
    /// A bar on stderr when it is a terminal and the run is not quiet.
    pub(super) fn new(quiet: bool) -> Bar {
        let show_bar = !quiet && std::io::stderr().is_terminal();
        Bar(show_bar.then(|| {
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
        }))
    }
}

/// Prints the sources the run (of a shard) would read, then the entries it would skip, and
/// why.
fn dry_run(config: &tilmech::Config, shard: Option<Shard>) -> Result<ExitCode> {
    let (mut files, mut skipped) = tilmech::input::collect(&config.input)?;
    if let Some(shard) = shard {
        files.retain(|f| shard.takes(&f.source));
        skipped.retain(|s| shard.takes(&s.source));
    }
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
pub(super) struct Bar(Option<ProgressBar>);

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
