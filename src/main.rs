//! The `tilmech` command: parses arguments, runs, maps the outcome to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tilmech: error: {}", cli::error_message(&e));
            ExitCode::from(cli::exit_code_for(&e))
        }
    }
}
