//! `tilmech merge`: complete shards into the files of a single run.

use super::load_config;
use super::run::{finish, stop_on_signals, Bar};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::pipeline::Pipeline;

#[derive(clap::Args)]
pub struct Args {
    /// Directory the shards wrote (`run --shard I/N --output DIR`).
    dir: PathBuf,
    /// Where the merged records.jsonl, records.csv, report.json and state go (overrides
    /// output.dir).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Config file: the shards' (default ./pipeline.toml when present).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Input directory, for the documents the merge processes again (overrides input.dir).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Worker threads, 0 for one per core (overrides run.threads).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(args: Args, quiet: bool) -> Result<ExitCode> {
    let mut config = load_config(args.config)?;
    if let Some(dir) = args.output {
        config.output.dir = dir;
    }
    if let Some(dir) = args.input {
        config.input.dir = dir;
    }
    if let Some(n) = args.threads {
        config.run.threads = n;
    }
    config.validate()?;
    let stop = stop_on_signals()?;
    let pipeline = Pipeline::new(config)?;
    let report = pipeline.merge(&args.dir, &stop, &Bar::new(quiet))?;
    Ok(finish(&report, &pipeline.config().output.dir, quiet))
}
