//! The translation cache: a JSON Lines file of `{key, text}` in the output directory, read
//! once when the run starts and appended to as translations come back, so that a re-run sends
//! no request for text already translated. The key is a SHA-256 of the backend, where it is,
//! the languages and the text. A line cut by a killed run is skipped when read.

use crate::error::RunError;
use crate::text::Lang;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(serde::Serialize, serde::Deserialize)]
struct Line {
    key: String,
    text: String,
}

pub struct Cache {
    path: PathBuf,
    known: Mutex<HashMap<String, String>>,
    file: Mutex<BufWriter<File>>,
}

/// The cache key of a text's translation.
pub fn key(backend: &str, identity: &str, source: Lang, target: Lang, text: &str) -> String {
    let mut h = Sha256::new();
    for part in [backend, identity, source.code(), target.code(), text] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}

impl Cache {
    pub fn open(path: &Path) -> Result<Cache, RunError> {
        let error = |source| RunError::Output {
            path: path.to_path_buf(),
            source,
        };
        let mut known = HashMap::new();
        if let Ok(file) = File::open(path) {
            for line in BufReader::new(file).lines() {
                let line = line.map_err(error)?;
                if let Ok(entry) = serde_json::from_str::<Line>(&line) {
                    known.insert(entry.key, entry.text);
                }
            }
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(error)?;
        }
        let file = File::options()
            .create(true)
            .append(true)
            .open(path)
            .map_err(error)?;
        Ok(Cache {
            path: path.to_path_buf(),
            known: Mutex::new(known),
            file: Mutex::new(BufWriter::new(file)),
        })
    }

    pub fn get(&self, key: &str) -> Option<String> {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.get(key).cloned()
    }

    /// Remembers a translation; written through at once (a failed write only costs a
    /// request next time, and is logged).
    pub fn put(&self, key: String, text: &str) {
        let mut line = serde_json::to_vec(&Line {
            key: key.clone(),
            text: text.to_string(),
        })
        .expect("a cache line serializes");
        line.push(b'\n');
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = file.write_all(&line).and_then(|()| file.flush()) {
            tracing::warn!("translation cache {}: {e}", self.path.display());
        }
        drop(file);
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.insert(key, text.to_string());
    }
}
