//! Run state kept in the output directory, for runs nobody watches: the state file that makes
//! runs incremental and shards mergeable (`store.rs`), the lock that keeps two runs from
//! writing one output at once (`lock.rs`), shards (`shard.rs`), what the first pass extracted kept on disk for the
//! second (`spill.rs`), the graceful stop on SIGINT
//! and SIGTERM (`stop.rs`), and the clean-up of what a killed run left half-written.

mod lock;
pub mod shard;
pub mod spill;
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

    /// What a killed run had written of its state: the entries it finished, in order.
    pub fn journal(&self) -> PathBuf {
        self.named("tilmech-journal", "jsonl")
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

    /// Clears what a killed run of the same files left: its temporary files
    /// (`.records.jsonl.tmp1234`) go, except its half-written state, which becomes the journal
    /// (the newest one, when several runs were killed) — the entries it finished, which the
    /// next incremental run takes over instead of making them again. Only the holder of the
    /// lock calls it, so no live run is writing them; other shards' files are not touched.
    pub fn clear_stale_temporaries(&self) -> std::io::Result<()> {
        let state_name = self
            .state()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let state_prefix = state_name.map(|n| format!(".{n}.tmp"));
        let prefixes: Vec<String> = self
            .written()
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(|n| format!(".{n}.tmp")))
            .collect();
        let mut states = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = prefixes.iter().any(|prefix| {
                name.strip_prefix(prefix.as_str())
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            });
            if !stale || !entry.file_type()?.is_file() {
                continue;
            }
            if state_prefix.as_deref().is_some_and(|p| name.starts_with(p)) {
                states.push((entry.metadata()?.modified()?, entry.path()));
            } else {
                std::fs::remove_file(entry.path())?;
            }
        }
        states.sort();
        if let Some((_, newest)) = states.pop() {
            std::fs::rename(newest, self.journal())?;
        }
        for (_, older) in states {
            std::fs::remove_file(older)?;
        }
        Ok(())
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
        "translit": config.translit,
        "dedup": {
            "enabled": config.dedup.enabled,
            "shingle_words": config.dedup.shingle_words,
            "min_words": config.dedup.min_words,
        },
        "translate": {
            "backend": config.translate.backend,
            "url": config.translate.url,
            "command": config.translate.command,
            "source_langs": config.translate.source_langs,
            "target": config.translate.target,
            "codes": config.translate.codes,
            "on_failure": config.translate.on_failure,
        },
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
