//! `tilmech repair`: the decoded and repaired UTF-8 text of one file, and nothing else.

use super::{format_of, load_config, read_input, source_name, EXIT_DOCUMENT_ERRORS};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::pipeline::Pipeline;

#[derive(clap::Args)]
pub struct Args {
    /// Config file (default ./pipeline.toml when present).
    #[arg(long)]
    config: Option<PathBuf>,
    file: Option<PathBuf>,
}

pub fn run(Args { config, file }: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let bytes = read_input(&file)?;
    let format = format_of(&file);
    match pipeline
        .decoder()
        .decode_lenient(&source_name(&file), format, &bytes)
    {
        Ok(decoded) => {
            std::io::stdout().write_all(decoded.text.as_bytes())?;
            if decoded.replacement_chars > 0 {
                eprintln!(
                    "tilmech: {}: {} U+FFFD replacement characters left (text lost before or while decoding)",
                    source_name(&file),
                    decoded.replacement_chars
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("tilmech: {}: {e}", source_name(&file));
            Ok(ExitCode::from(EXIT_DOCUMENT_ERRORS))
        }
    }
}
