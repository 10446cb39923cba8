//! `tilmech clean`: the clean text of one document after every stage.

use super::{format_of, load_config, read_input, source_name, FormatArg, EXIT_DOCUMENT_ERRORS};
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::document::Format;
use tilmech::output::record::Status;
use tilmech::pipeline::Pipeline;

#[derive(clap::Args)]
pub struct Args {
    /// Input format; by default from FILE's extension, txt for stdin.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Config file (default ./pipeline.toml when present).
    #[arg(long)]
    config: Option<PathBuf>,
    file: Option<PathBuf>,
}

pub fn run(
    Args {
        format,
        config,
        file,
    }: Args,
) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let bytes = read_input(&file)?;
    let format = format.map_or_else(|| format_of(&file), Format::from);
    let record = pipeline.process_bytes(&source_name(&file), format, &bytes);
    if let (Status::Error, Some(e)) = (record.status, &record.error) {
        eprintln!(
            "tilmech: {}: {} failed: {}",
            record.source, e.stage, e.message
        );
        return Ok(ExitCode::from(EXIT_DOCUMENT_ERRORS));
    }
    if record.status == Status::Filtered {
        eprintln!(
            "tilmech: {}: all text is boilerplate ({} lines removed)",
            record.source,
            record.removed.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", record.text);
    Ok(ExitCode::SUCCESS)
}
