//! Shards for the schedulers teams already have (Slurm job arrays, Kubernetes Indexed Jobs,
//! GNU parallel): `--shard I/N` takes the inputs whose source hashes to `I` modulo `N` and
//! writes its own files (`records-00003-of-00016.jsonl`, …) into a shared directory, with a
//! completion marker written last. `merge` refuses a set of shards with one missing or
//! unfinished.

use super::RunFiles;
use crate::error::RunError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// One shard of `count`, numbered from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Whether the input `source` belongs to this shard: by a hash of the source path, so
    /// the split is the same on every machine and run, whatever the file sizes or order.
    pub fn takes(&self, source: &str) -> bool {
        let digest = Sha256::digest(source.as_bytes());
        let h = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        h % u64::from(self.count) == u64::from(self.index)
    }

    /// The tag in the names of its files: `-00003-of-00016`.
    pub fn tag(&self) -> String {
        format!("-{:05}-of-{:05}", self.index, self.count)
    }

    /// The name of its completion marker.
    pub fn marker_name(&self) -> String {
        format!("tilmech-shard{}.done", self.tag())
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `I/N` with `0 <= I < N`.
    fn from_str(s: &str) -> Result<Self, String> {
        let usage = || format!("`{s}`: a shard is I/N with 0 <= I < N, e.g. 3/16");
        let (i, n) = s.split_once('/').ok_or_else(usage)?;
        let index: u32 = i.trim().parse().map_err(|_| usage())?;
        let count: u32 = n.trim().parse().map_err(|_| usage())?;
        if count == 0 || index >= count || count > 99_999 {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

/// The completion marker of a shard: written after all its files are in place, removed when
/// a run of the shard starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardMarker {
    pub shard: u32,
    pub of: u32,
    pub documents: u64,
    pub config_hash: String,
    pub tilmech_version: String,
}

/// The N of the shards in `dir`, from the names of their files; refused when there are none,
/// or shards of two different N.
fn shard_count(dir: &Path) -> Result<u32, RunError> {
    let refuse = |message: String| RunError::Merge {
        dir: dir.to_path_buf(),
        message,
    };
    let listing = std::fs::read_dir(dir).map_err(|e| refuse(e.to_string()))?;
    let mut counts = std::collections::BTreeSet::new();
    for entry in listing {
        let name = entry.map_err(|e| refuse(e.to_string()))?.file_name();
        let name = name.to_string_lossy();
        let tagged = name
            .strip_prefix("tilmech-state-")
            .and_then(|rest| rest.strip_suffix(".jsonl"))
            .or_else(|| {
                name.strip_prefix("tilmech-shard-")
                    .and_then(|rest| rest.strip_suffix(".done"))
            });
        if let Some((_, count)) = tagged.and_then(|t| t.split_once("-of-")) {
            if let Ok(count) = count.parse::<u32>() {
                counts.insert(count);
            }
        }
    }
    match counts.len() {
        0 => Err(refuse(
            "no shards in it (files named tilmech-state-I-of-N.jsonl)".into(),
        )),
        1 => Ok(*counts.first().expect("one")),
        _ => Err(refuse(format!(
            "it holds shards of different runs (N = {counts:?}); merge one N at a time"
        ))),
    }
}

/// The files of every shard in `dir`, checked complete: all `N` shards present, each with its
/// completion marker, made with the config whose hash is `config_hash` and with this tilmech.
pub fn complete_shards(dir: &Path, config_hash: &str) -> Result<Vec<RunFiles>, RunError> {
    let refuse = |message: String| RunError::Merge {
        dir: dir.to_path_buf(),
        message,
    };
    let count = shard_count(dir)?;
    let mut shards = Vec::with_capacity(count as usize);
    let mut unfinished = Vec::new();
    for index in 0..count {
        let shard = Shard { index, count };
        let files = RunFiles {
            dir: dir.to_path_buf(),
            shard: Some(shard),
        };
        let marker_path = files.marker().expect("a shard has a marker");
        let marker: ShardMarker = match std::fs::read(&marker_path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| refuse(format!("{}: {e}", marker_path.display())))?,
            Err(_) => {
                unfinished.push(shard.to_string());
                continue;
            }
        };
        if marker.shard != index || marker.of != count {
            return Err(refuse(format!(
                "{} belongs to shard {}/{}",
                marker_path.display(),
                marker.shard,
                marker.of
            )));
        }
        if marker.config_hash != config_hash {
            return Err(refuse(format!(
                "shard {shard} was made with another config (hash {}) than this merge's ({config_hash}); merge with the shards' pipeline.toml",
                marker.config_hash
            )));
        }
        if marker.tilmech_version != env!("CARGO_PKG_VERSION") {
            return Err(refuse(format!(
                "shard {shard} was made by tilmech {}, this is {}",
                marker.tilmech_version,
                env!("CARGO_PKG_VERSION")
            )));
        }
        shards.push(files);
    }
    if !unfinished.is_empty() {
        return Err(refuse(format!(
            "{} of {count} shards are missing or unfinished (no completion marker): {}",
            unfinished.len(),
            unfinished.join(", ")
        )));
    }
    Ok(shards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_every_source_exactly_once() {
        let shards: Vec<Shard> = (0..4).map(|i| Shard { index: i, count: 4 }).collect();
        let mut sizes = [0; 4];
        for n in 0..2000 {
            let source = format!("news/{n}.txt");
            let owners: Vec<usize> = (0..4).filter(|&i| shards[i].takes(&source)).collect();
            assert_eq!(owners.len(), 1, "{source}");
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&s| (400..600).contains(&s)), "{sizes:?}");
    }

    #[test]
    fn shard_arguments_are_checked() {
        let shard: Shard = "3/16".parse().unwrap();
        assert_eq!(shard.tag(), "-00003-of-00016");
        assert_eq!(shard.marker_name(), "tilmech-shard-00003-of-00016.done");
        for bad in ["16/16", "1", "a/2", "0/0", "-1/4"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
