//! The `tilmech` command line: one file per subcommand, as xsv has it; this one parses the
//! arguments, dispatches, maps errors to exit codes, and holds what the subcommands share.

mod clean;
mod detect;
mod eval;
mod generate;
mod merge;
mod repair;
mod run;
mod train;
mod translit;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tilmech::config::Config;
use tilmech::document::Format;
use tilmech::error::{ConfigError, RunError};

/// Some documents became error records.
const EXIT_DOCUMENT_ERRORS: u8 = 1;
/// Usage, configuration, input or model error: nothing was processed.
const EXIT_USAGE: u8 = 2;
/// The output could not be written.
const EXIT_OUTPUT: u8 = 3;
/// Another run holds the output directory's lock.
const EXIT_LOCKED: u8 = 4;
/// `merge` refused: a shard is missing or unfinished, or was made differently.
const EXIT_MERGE_REFUSED: u8 = 5;

#[derive(Parser)]
#[command(
    name = "tilmech",
    version,
    about = "Kyrgyz, Russian and English documents to clean, language-labelled records"
)]
pub struct Args {
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Nothing on stderr: no progress bar, no summary, no log.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process the input directory into records.jsonl, records.csv and report.json.
    Run(run::Args),
    /// Join the complete shards of `run --shard I/N` into the files of a single run.
    Merge(merge::Args),
    /// Print the language of a text (FILE, or stdin), or of each line with --per-line.
    Detect(detect::Args),
    /// Print the cleaned text of one document (FILE, or stdin), after every stage.
    Clean(clean::Args),
    /// Print the decoded and repaired text of FILE (or stdin) as UTF-8, and nothing else.
    Repair(repair::Args),
    /// Print the romanization of a text (FILE, or stdin), and nothing else.
    Translit(translit::Args),
    /// Print the JSON Schema of a record.
    Schema,
    /// Train a model.
    #[command(subcommand)]
    Train(train::Command),
    /// Measure quality on labelled data.
    #[command(subcommand)]
    Eval(eval::Command),
    /// Write the benchmark corpus: ky/ru/en text and HTML pages in site templates, 300 B to
    /// 50 kB, legacy encodings and mojibake, reproducible by seed.
    Generate(generate::Args),
}

/// An error and its causes, each once: the library's errors name their I/O cause in their
/// own message and also give it as their source, which a plain `{:#}` would print twice.
pub fn error_message(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Maps an error to the documented exit codes.
pub fn exit_code_for(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<RunError>() {
        Some(RunError::Output { .. }) => EXIT_OUTPUT,
        Some(RunError::Locked { .. }) => EXIT_LOCKED,
        Some(RunError::Merge { .. }) => EXIT_MERGE_REFUSED,
        Some(RunError::State { .. }) => EXIT_OUTPUT,
        Some(RunError::Dedup(_)) => EXIT_OUTPUT,
        Some(_) => EXIT_USAGE,
        None if e.downcast_ref::<ConfigError>().is_some() => EXIT_USAGE,
        None => EXIT_OUTPUT,
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    init_logging(args.verbose, args.quiet);
    match args.command {
        Command::Run(run_args) => run::run(run_args, args.quiet),
        Command::Merge(merge_args) => merge::run(merge_args, args.quiet),
        Command::Detect(args) => detect::run(args),
        Command::Clean(args) => clean::run(args),
        Command::Repair(args) => repair::run(args),
        Command::Translit(args) => translit::run(args),
        Command::Schema => {
            println!("{}", tilmech::output::record::json_schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Train(command) => train::run(command),
        Command::Eval(command) => eval::run(command),
        Command::Generate(args) => generate::run(args),
    }
}

/// Logs to stderr. By default only tilmech's own warnings: dependencies (html5ever,
/// trafilatura) warn about every odd page, and what matters of a document is in its record
/// and the report. A panic contained to one document is in its error record; it is logged
/// only with `-v`.
fn init_logging(verbose: u8, quiet: bool) {
    let default = match (quiet, verbose) {
        (true, _) => "off",
        (false, 0) => "tilmech=warn",
        (false, 1) => "tilmech=info,warn",
        (false, _) => "debug",
    };
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if tilmech::budget::contained() {
            tracing::info!("contained to its document: {info}");
        } else {
            default_hook(info);
        }
    }));
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// The config from `--config`, else ./pipeline.toml if present, else the defaults.
fn load_config(path: Option<PathBuf>) -> Result<Config> {
    let path = path.or_else(|| Some(PathBuf::from("pipeline.toml")).filter(|p| p.is_file()));
    Ok(match path {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    })
}

fn read_input(file: &Option<PathBuf>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match file {
        Some(p) => {
            bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?
        }
        None => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read stdin")?;
        }
    }
    Ok(bytes)
}

/// The `<lang>.txt` sentence files of an evaluation or training folder.
fn sentences_in(data: &Path, max: Option<usize>) -> Result<tilmech::corpus::LabelledSentences> {
    tilmech::corpus::read_sentences(data, max).with_context(|| {
        format!(
            "cannot read <lang>.txt sentence files in {}",
            data.display()
        )
    })
}

/// The format of FILE by its extension; plain text for stdin and unknown extensions.
fn format_of(file: &Option<PathBuf>) -> Format {
    file.as_deref()
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
        .unwrap_or(Format::Txt)
}

fn source_name(file: &Option<PathBuf>) -> String {
    file.as_ref()
        .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
}

/// `--format` of the commands that take one document.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Txt,
    Md,
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Txt => Format::Txt,
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
        }
    }
}
