//! `tilmech detect`: the language of a text, or of each of its lines.

use super::{load_config, read_input, source_name};
use anyhow::{Context, Result};
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tilmech::document::Format;
use tilmech::pipeline::Pipeline;

#[derive(clap::Args)]
pub struct Args {
    /// One JSON object per input line instead of one for the whole text.
    #[arg(long)]
    per_line: bool,
    /// Config file (default ./pipeline.toml when present).
    #[arg(long)]
    config: Option<PathBuf>,
    file: Option<PathBuf>,
}

#[derive(serde::Serialize)]
struct DetectLine {
    lang: tilmech::text::Lang,
    confidence: f64,
    script: tilmech::text::Script,
}

pub fn run(
    Args {
        per_line,
        config,
        file,
    }: Args,
) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let identifier = pipeline.identifier();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut emit = |text: &str| -> Result<()> {
        let d = identifier.identify(text);
        let line = DetectLine {
            lang: d.lang,
            confidence: tilmech::detect::segment::round4(d.confidence),
            script: d.script,
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if per_line {
        // Streamed line by line: memory stays flat on any input size.
        let mut reader: Box<dyn BufRead> = match &file {
            Some(p) => Box::new(std::io::BufReader::new(
                std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?,
            )),
            None => Box::new(std::io::stdin().lock()),
        };
        // One buffer for every line: reading allocates nothing per line.
        let mut line = Vec::new();
        loop {
            line.clear();
            if reader
                .read_until(b'\n', &mut line)
                .context("cannot read input")?
                == 0
            {
                break;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            emit(&String::from_utf8_lossy(&line))?;
        }
    } else {
        let bytes = read_input(&file)?;
        let decoded = pipeline
            .decoder()
            .decode(&source_name(&file), Format::Txt, &bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", source_name(&file)))?;
        emit(&decoded.text)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
