//! Run state kept in the output directory, for runs nobody watches: the state file that makes
//! runs incremental and shards mergeable (`store.rs`), the lock that keeps two runs from
//! writing one output at once (`lock.rs`), shards (`shard.rs`), the graceful stop on SIGINT
//! and SIGTERM (`stop.rs`), and the clean-up of what a killed run left half-written.

mod lock;
pub mod shard;
mod stop;
pub mod store;

pub use lock::OutputLock;
pub use shard::{Shard, ShardMarker};
pub use stop::StopRequest;

use crate::config::{Config, OutputFormat};
use crate::error::RunError;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The files one run writes in its output directory: plain names for a whole run
/// (`records.jsonl`), tagged names for a shard (`records-00003-of-00016.jsonl`).
#[derive(Debug, Clone)]
pub struct RunFiles {
    pub dir: PathBuf,
    pub shard: Option<Shard>,
}

impl RunFiles {
    /// `-00003-of-00016` for a shard, empty for a whole run.
    pub fn tag(&self) -> String {
        self.shard.map(|s| s.tag()).unwrap_or_default()
    }

    fn named(&self, stem: &str, extension: &str) -> PathBuf {
        self.dir.join(format!("{stem}{}.{extension}", self.tag()))
    }

    pub fn records(&self, format: OutputFormat) -> PathBuf {
        let extension = match format {
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Csv => "csv",
            OutputFormat::Parquet => "parquet",
        };
        self.named("records", extension)
    }

    pub fn report(&self) -> PathBuf {
        self.named("report", "json")
    }

    pub fn removed(&self) -> PathBuf {
        self.named("removed", "jsonl")
    }

    pub fn state(&self) -> PathBuf {
        self.named("tilmech-state", "jsonl")
    }

    pub fn lock(&self) -> PathBuf {
        self.named(".tilmech", "lock")
    }

    /// The completion marker of a shard.
    pub fn marker(&self) -> Option<PathBuf> {
        self.shard.map(|s| self.dir.join(s.marker_name()))
    }

    /// Every file this run may write (what a killed run of it may have left half-written).
    fn written(&self) -> Vec<PathBuf> {
        let mut files = vec![self.report(), self.removed(), self.state()];
        files.extend(
            [
                OutputFormat::Jsonl,
                OutputFormat::Csv,
                OutputFormat::Parquet,
            ]
            .map(|f| self.records(f)),
        );
        files
    }

    /// Removes the temporary files (`.records.jsonl.tmp1234`) a killed run of the same files
    /// left. Only the holder of the lock calls it, so no live run is writing them; the
    /// temporaries of other shards are not touched.
    pub fn remove_stale_temporaries(&self) -> std::io::Result<usize> {
        let names: Vec<String> = self
            .written()
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(|n| format!(".{n}.tmp")))
            .collect();
        let mut removed = 0;
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let stale = names.iter().any(|prefix| {
                name.strip_prefix(prefix.as_str())
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            });
            if stale && entry.file_type()?.is_file() {
                std::fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// A short hash of everything in the config that shapes a record (not where files are, not
/// how many threads), with the language model file's bytes when one is configured. A record
/// made under another hash is made again.
pub fn config_hash(config: &Config) -> Result<String, RunError> {
    let shaping = serde_json::json!({
        "input": {
            "extensions": config.input.extensions,
            "unsupported": config.input.unsupported,
            "max_file_bytes": config.input.max_file_bytes,
        },
        "decode": config.decode,
        "clean": config.clean,
        "boilerplate": config.boilerplate,
        "normalize": config.normalize,
        "detect": config.detect,
    });
    let mut h = Sha256::new();
    h.update(shaping.to_string().as_bytes());
    if let Some(model) = &config.detect.model {
        let bytes = std::fs::read(model).map_err(|e| RunError::Model {
            path: model.clone(),
            message: e.to_string(),
        })?;
        h.update(&bytes);
    }
    Ok(format!("{:x}", h.finalize())[..16].to_string())
}
