//! Duplicates and quality signals. Every document with text gets a fingerprint
//! (`minhash.rs`) when it is processed; duplicates are then assigned in source order as records
//! are written, from the fingerprints alone — so a record's `duplicate_of` is the same whether
//! the run is whole, incremental (the fingerprints of unchanged documents come from the state)
//! or merged from shards, and nothing has to be processed again when a new copy arrives.
//! Quality signals (`quality.rs`) are measured on each clean text.
//!
//! Near duplicates are found by LSH banding: the signature is cut into `bands` bands of
//! `SLOTS / bands` slots, and documents that agree on a whole band are compared. A pair is a
//! duplicate when its estimated Jaccard similarity reaches `threshold`, or when the smaller
//! text lies in the other to `containment` (a copy with a paragraph dropped has a low Jaccard
//! similarity to a short original, but nearly all of it is there).

pub mod minhash;
pub mod quality;

use crate::config::DedupConfig;
use minhash::{containment, similarity, Fingerprint, SLOTS};
use rustc_hash::FxHashMap;

/// Documents listed per sentence hash; a sentence in more is not used to find candidates.
const SENTENCE_POSTINGS: usize = 32;

/// Documents listed per LSH band bucket.
const BAND_POSTINGS: usize = 64;

/// How a record duplicates an earlier one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    /// The same normalized text.
    Exact,
    /// Estimated Jaccard similarity of word shingles at or above `dedup.threshold`, or the
    /// smaller text contained in the other at or above `dedup.containment`.
    Near,
}

/// What the index says of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// `id` of the first document of its cluster, in source order.
    pub of: String,
    pub kind: DuplicateKind,
    /// Estimated Jaccard similarity to the document it matched (1 for exact).
    pub similarity: f64,
}

/// A document already seen.
struct Seen {
    /// The first document of its cluster.
    root: String,
    minhash: Vec<u32>,
    shingles: u32,
}

/// The documents seen so far, in source order.
pub struct Index {
    threshold: f64,
    containment: f64,
    rows: usize,
    exact: FxHashMap<String, usize>,
    bands: FxHashMap<(usize, u64), Vec<usize>>,
    /// Documents by the hashes of their long sentences.
    sentences: FxHashMap<u64, Vec<usize>>,
    seen: Vec<Seen>,
}

impl Index {
    pub fn new(config: &DedupConfig) -> Self {
        Index {
            threshold: config.threshold,
            containment: config.containment,
            rows: SLOTS / config.bands,
            exact: FxHashMap::default(),
            bands: FxHashMap::default(),
            sentences: FxHashMap::default(),
            seen: Vec::new(),
        }
    }

    /// The duplicate verdict on document `id` against those seen before it, which it then
    /// joins.
    pub fn assign(&mut self, id: &str, fingerprint: Option<&Fingerprint>) -> Option<Duplicate> {
        let fingerprint = fingerprint?;
        if let Some(&k) = self.exact.get(&fingerprint.exact) {
            return Some(Duplicate {
                of: self.seen[k].root.clone(),
                kind: DuplicateKind::Exact,
                similarity: 1.0,
            });
        }
        let near = self.nearest(fingerprint);
        let root = near
            .as_ref()
            .map_or_else(|| id.to_string(), |(k, _)| self.seen[*k].root.clone());
        let n = self.seen.len();
        self.exact.insert(fingerprint.exact.clone(), n);
        if fingerprint.minhash.len() == SLOTS {
            for (b, band) in fingerprint.minhash.chunks(self.rows).enumerate() {
                // A full bucket (thousands of copies of one release) already holds documents
                // a new copy is found by: capped, each document costs a bounded number of
                // comparisons however large a cluster grows.
                let docs = self.bands.entry((b, band_hash(band))).or_default();
                if docs.len() < BAND_POSTINGS {
                    docs.push(n);
                }
            }
        }
        for &h in &fingerprint.sentences {
            let docs = self.sentences.entry(h).or_default();
            // A sentence in many documents is a template's, not evidence of a copy.
            if docs.len() < SENTENCE_POSTINGS {
                docs.push(n);
            }
        }
        self.seen.push(Seen {
            root: root.clone(),
            minhash: fingerprint.minhash.clone(),
            shingles: fingerprint.shingles,
        });
        near.map(|(_, similarity)| Duplicate {
            of: root,
            kind: DuplicateKind::Near,
            similarity: (similarity * 1e4).round() / 1e4,
        })
    }

    /// The most similar earlier document that is a near duplicate (the earliest of equals).
    fn nearest(&self, fingerprint: &Fingerprint) -> Option<(usize, f64)> {
        let minhash = &fingerprint.minhash;
        if minhash.len() != SLOTS {
            return None;
        }
        let mut candidates: Vec<usize> = minhash
            .chunks(self.rows)
            .enumerate()
            .filter_map(|(b, band)| self.bands.get(&(b, band_hash(band))))
            .chain(fingerprint.sentences.iter().filter_map(|h| {
                self.sentences
                    .get(h)
                    .filter(|d| d.len() < SENTENCE_POSTINGS)
            }))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f64)> = None;
        for k in candidates {
            let s = similarity(minhash, &self.seen[k].minhash);
            let contained = containment(s, fingerprint.shingles, self.seen[k].shingles);
            let near = s >= self.threshold || contained >= self.containment;
            if near && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        best
    }
}

fn band_hash(band: &[u32]) -> u64 {
    band.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &v| {
        (h ^ u64::from(v)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(seed: usize, words: usize) -> String {
        (0..words)
            .scan(seed as u64 * 0x9e37_79b9 + 1, |x, _| {
                *x ^= *x << 13;
                *x ^= *x >> 7;
                *x ^= *x << 17;
                Some(format!("сөз{}", *x % 5000))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn clusters_point_at_their_first_document() {
        let config = DedupConfig::default();
        let mut index = Index::new(&config);
        let fp = |t: &str| minhash::fingerprint(t, config.shingle_words, config.min_words);
        let a = article(1, 300);
        let edited = a.replacen("сөз", "башка", 3);
        let copy = format!("  {}  ", a.to_uppercase());
        assert_eq!(index.assign("a", fp(&a).as_ref()), None);
        assert_eq!(index.assign("b", fp(&article(2, 300)).as_ref()), None);
        let near = index.assign("c", fp(&edited).as_ref()).unwrap();
        assert_eq!((near.of.as_str(), near.kind), ("a", DuplicateKind::Near));
        assert!(near.similarity > 0.8 && near.similarity < 1.0, "{near:?}");
        let exact = index.assign("d", fp(&copy).as_ref()).unwrap();
        assert_eq!(
            (exact.of.as_str(), exact.kind, exact.similarity),
            ("a", DuplicateKind::Exact, 1.0)
        );
        // A copy of the edited one joins the cluster of its first document too.
        let again = index
            .assign("e", fp(&edited.replacen("сөз", "жаңы", 2)).as_ref())
            .unwrap();
        assert_eq!(again.of, "a");
        // Short texts are only ever exact duplicates.
        assert_eq!(index.assign("f", fp("Кыска кабар.").as_ref()), None);
        assert_eq!(
            index.assign("g", fp("кыска КАБАР").as_ref()).unwrap().of,
            "f"
        );
        assert_eq!(index.assign("h", fp("Кыска башка кабар.").as_ref()), None);
    }
}
