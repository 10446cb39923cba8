//! `tilmech translit`: the romanization of a text (FILE, or stdin), and nothing else.

use super::{format_of, load_config, read_input, source_name, EXIT_DOCUMENT_ERRORS};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::translate::translit::{transliterate, Scheme};

#[derive(clap::Args)]
pub struct Args {
    /// ky-bgn, ky-ascii, ru-bgn or ru-iso9.
    #[arg(long)]
    scheme: Scheme,
    /// Config file, for how bytes that are not UTF-8 are decoded (default ./pipeline.toml
    /// when present).
    #[arg(long)]
    config: Option<PathBuf>,
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let bytes = read_input(&args.file)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Legacy encodings are decoded as the pipeline decodes them.
        Err(e) => {
            let config = load_config(args.config)?;
            let model = std::sync::Arc::new(tilmech::detect::configured_model(&config.detect)?);
            let decoder = tilmech::decode::Decoder::new(&config.decode, Some(model))?;
            let source = source_name(&args.file);
            match decoder.decode(&source, format_of(&args.file), e.as_bytes()) {
                Ok(decoded) => decoded.text,
                Err(e) => {
                    eprintln!("tilmech: {source}: {e}");
                    return Ok(ExitCode::from(EXIT_DOCUMENT_ERRORS));
                }
            }
        }
    };
    std::io::stdout().write_all(transliterate(&text, args.scheme).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
