//! Library error types. Document-level failures become error records; run-level failures
//! (configuration, output) abort the run.

use crate::document::Stage;
use std::path::PathBuf;

/// Why one document could not be turned into a record.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{stage}: {message}")]
pub struct DocumentError {
    pub stage: Stage,
    pub message: String,
}

impl DocumentError {
    pub fn new(stage: Stage, message: impl Into<String>) -> Self {
        DocumentError {
            stage,
            message: message.into(),
        }
    }
}

/// A configuration that cannot be used; the message names the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid config: `{key}` {message}")]
    Invalid { key: &'static str, message: String },
}

/// A failure that stops the whole run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("input directory {path}: {source}")]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("language model {path}: {message}")]
    Model { path: PathBuf, message: String },
    #[error("the output directory is in use by another run ({holder}); lock {path}")]
    Locked { path: PathBuf, holder: String },
    #[error("state file {path}, line {line}: {message}")]
    State {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("cannot merge {dir}: {message}")]
    Merge { dir: PathBuf, message: String },
    #[error(transparent)]
    Dedup(#[from] crate::dedup::DedupError),
}
