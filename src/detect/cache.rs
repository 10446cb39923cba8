//! Answers for short texts already identified in this run. Scraped pages repeat their menus,
//! footers and datelines on every page, and boilerplate lines are identified too (for the
//! `removed` list): the same short line is asked about thousands of times. Identification is
//! a pure function of the text, so a remembered answer is the answer.

use super::Detection;
use rustc_hash::FxHashMap;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::sync::Mutex;

/// Longer texts rarely repeat, and hashing them costs a fair part of identifying them.
const MAX_BYTES: usize = 256;
/// Shards, so that workers seldom wait on one another's lock.
const SHARDS: usize = 16;
/// Texts per shard: a full shard starts over, so memory stays bounded (about 2 MB in all).
const PER_SHARD: usize = 2048;

type Hasher = BuildHasherDefault<rustc_hash::FxHasher>;

#[derive(Default)]
pub struct DetectionCache {
    shards: [Mutex<FxHashMap<Box<str>, Detection>>; SHARDS],
}

impl DetectionCache {
    /// The remembered answer for `text`, or the one `identify` gives (then remembered).
    pub fn get_or(&self, text: &str, identify: impl FnOnce() -> Detection) -> Detection {
        if text.len() > MAX_BYTES {
            return identify();
        }
        let shard = &self.shards[Hasher::default().hash_one(text) as usize % SHARDS];
        let known = shard.lock().ok().and_then(|s| s.get(text).copied());
        if let Some(detection) = known {
            return detection;
        }
        let detection = identify();
        // A poisoned lock only means another worker panicked mid-insert: skip remembering.
        if let Ok(mut shard) = shard.lock() {
            if shard.len() >= PER_SHARD {
                shard.clear();
            }
            shard.insert(text.into(), detection);
        }
        detection
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, Script};
    use std::cell::Cell;

    fn english() -> Detection {
        Detection {
            lang: Lang::En,
            confidence: 0.9,
            script: Script::Latn,
        }
    }

    #[test]
    fn short_texts_are_identified_once_and_long_ones_every_time() {
        let cache = DetectionCache::default();
        let calls = Cell::new(0);
        let identify = || {
            calls.set(calls.get() + 1);
            english()
        };
        for _ in 0..3 {
            assert_eq!(cache.get_or("Skip to main content", identify), english());
        }
        assert_eq!(calls.get(), 1);
        let long = "word ".repeat(100);
        for _ in 0..2 {
            cache.get_or(&long, identify);
        }
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn memory_stays_bounded() {
        let cache = DetectionCache::default();
        for i in 0..(SHARDS * PER_SHARD * 3) {
            cache.get_or(&format!("line {i}"), english);
        }
        let held: usize = (cache.shards.iter()).map(|s| s.lock().unwrap().len()).sum();
        assert!(held <= SHARDS * PER_SHARD, "{held}");
    }
}
