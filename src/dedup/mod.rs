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
mod postings;
pub mod quality;

use crate::config::DedupConfig;
use crate::spool::Spool;
use minhash::{containment, similarity, Fingerprint, SLOTS};
use postings::{Postings, RECENT};
use std::path::{Path, PathBuf};

/// Documents listed per sentence hash; a sentence in more is not used to find candidates.
const SENTENCE_POSTINGS: usize = 32;

/// Documents listed per LSH band bucket.
const BAND_POSTINGS: usize = 64;

/// Bytes of a signature in the spool.
const SIGNATURE_BYTES: usize = SLOTS * 4;

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

/// A document already seen, as its row in the spool of rows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Row {
    /// The first document of its cluster.
    root: u32,
    shingles: u32,
    /// Where its signature is in the spool; `NO_SIGNATURE` for a text too short to have one.
    signature: u64,
    /// Where its id is in the spool (it ends where the next document's begins).
    id: u64,
}

const NO_SIGNATURE: u64 = u64::MAX;
const ROW_BYTES: usize = 24;

impl Row {
    fn to_bytes(self) -> [u8; ROW_BYTES] {
        let mut bytes = [0; ROW_BYTES];
        bytes[..4].copy_from_slice(&self.root.to_le_bytes());
        bytes[4..8].copy_from_slice(&self.shingles.to_le_bytes());
        bytes[8..16].copy_from_slice(&self.signature.to_le_bytes());
        bytes[16..].copy_from_slice(&self.id.to_le_bytes());
        bytes
    }

    fn from_bytes(bytes: &[u8; ROW_BYTES]) -> Self {
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let u64_at = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        Row {
            root: u32_at(0),
            shingles: u32_at(4),
            signature: u64_at(8),
            id: u64_at(16),
        }
    }
}

/// Exact hashes held in memory before they are written out as a run: few, so that the table
/// is full early in a run and memory stays flat after.
const RECENT_EXACT: usize = 1 << 12;

/// The documents seen so far, in source order.
///
/// Memory grows by a few bytes a document: rows, signatures and ids are spooled to a temporary
/// file, and exact hashes, LSH bands and sentence hashes are [`Postings`] (on disk but for a
/// Bloom filter of six bits a posting).
pub struct Index {
    threshold: f64,
    containment: f64,
    rows: usize,
    /// The first document of each exact hash.
    exact: Postings,
    bands: Postings,
    /// Documents by the hashes of their long sentences.
    sentences: Postings,
    /// Documents seen.
    documents: u32,
    /// Their rows, signatures and ids, as they arrive.
    seen: Spool,
    signatures: Spool,
    ids: Spool,
    /// Look-up buffers, reused.
    exact_docs: Vec<u32>,
    band_docs: Vec<Vec<u32>>,
    sentence_docs: Vec<Vec<u32>>,
    signature: Vec<u32>,
    /// Where the temporary files are (for errors).
    dir: PathBuf,
}

impl Index {
    /// An index that keeps its bulk in unnamed temporary files in `dir` (the output
    /// directory, which has room for the output; the system's temporary directory when files
    /// cannot be made there).
    pub fn on_disk(config: &DedupConfig, dir: &Path) -> Result<Self, DedupError> {
        let dir = if tempfile::tempfile_in(dir).is_ok() {
            dir.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let spool = || {
            tempfile::tempfile_in(&dir)
                .map(|f| Spool::new(Some(f)))
                .map_err(|source| DedupError {
                    dir: dir.clone(),
                    source,
                })
        };
        Ok(Index {
            seen: spool()?,
            signatures: spool()?,
            ids: spool()?,
            exact: Postings::new(1, RECENT_EXACT, Some(&dir)),
            bands: Postings::new(BAND_POSTINGS, RECENT, Some(&dir)),
            sentences: Postings::new(SENTENCE_POSTINGS, RECENT, Some(&dir)),
            dir,
            ..Index::in_memory(config)
        })
    }

    /// An index held all in memory (for a batch held in memory): it does no I/O, and its
    /// [`Index::assign`] never fails.
    pub fn in_memory(config: &DedupConfig) -> Self {
        Index {
            threshold: config.threshold,
            containment: config.containment,
            rows: SLOTS / config.bands,
            exact: Postings::new(1, RECENT_EXACT, None),
            bands: Postings::new(BAND_POSTINGS, RECENT, None),
            sentences: Postings::new(SENTENCE_POSTINGS, RECENT, None),
            documents: 0,
            seen: Spool::new(None),
            signatures: Spool::new(None),
            ids: Spool::new(None),
            dir: PathBuf::new(),
            exact_docs: Vec::new(),
            band_docs: Vec::new(),
            sentence_docs: Vec::new(),
            signature: vec![0; SLOTS],
        }
    }

    /// The duplicate verdict on document `id` against those seen before it, which it then
    /// joins.
    pub fn assign(
        &mut self,
        id: &str,
        fingerprint: Option<&Fingerprint>,
    ) -> Result<Option<Duplicate>, DedupError> {
        let Some(fingerprint) = fingerprint else {
            return Ok(None);
        };
        self.assign_io(id, fingerprint)
            .map_err(|source| DedupError {
                dir: self.dir.clone(),
                source,
            })
    }

    fn assign_io(
        &mut self,
        id: &str,
        fingerprint: &Fingerprint,
    ) -> std::io::Result<Option<Duplicate>> {
        let exact = exact_key(&fingerprint.exact);
        self.exact_docs.clear();
        self.exact.get(exact, &mut self.exact_docs)?;
        if let Some(&k) = self.exact_docs.first() {
            let root = self.row(k)?.root;
            return Ok(Some(Duplicate {
                of: self.id(root)?,
                kind: DuplicateKind::Exact,
                similarity: 1.0,
            }));
        }
        self.look_up(fingerprint)?;
        let near = self.nearest(fingerprint)?;
        let n = self.documents;
        let root = match near {
            Some((k, _)) => self.row(k)?.root,
            None => n,
        };
        self.exact.add(exact, n, 0)?;
        if fingerprint.minhash.len() == SLOTS {
            for (b, band) in fingerprint.minhash.chunks(self.rows).enumerate() {
                // A full bucket (thousands of copies of one release) already holds documents
                // a new copy is found by: capped, each document costs a bounded number of
                // comparisons however large a cluster grows.
                let count = self.band_docs[b].len();
                self.bands.add(band_key(b, band), n, count)?;
            }
        }
        for (i, &h) in fingerprint.sentences.iter().enumerate() {
            // A sentence in many documents is a template's, not evidence of a copy.
            let count = self.sentence_docs[i].len();
            self.sentences.add(h, n, count)?;
        }
        let signature = if fingerprint.minhash.len() == SLOTS {
            let at = self.signatures.end();
            let bytes: Vec<u8> = (fingerprint.minhash.iter())
                .flat_map(|v| v.to_le_bytes())
                .collect();
            self.signatures.append(&bytes)?;
            at
        } else {
            NO_SIGNATURE
        };
        let row = Row {
            root,
            shingles: fingerprint.shingles,
            signature,
            id: self.ids.end(),
        };
        self.ids.append(id.as_bytes())?;
        self.seen.append(&row.to_bytes())?;
        self.documents += 1;
        let Some((_, similarity)) = near else {
            return Ok(None);
        };
        Ok(Some(Duplicate {
            of: self.id(root)?,
            kind: DuplicateKind::Near,
            similarity: (similarity * 1e4).round() / 1e4,
        }))
    }

    /// The documents of each band and each sentence of `fingerprint`, into `band_docs` and
    /// `sentence_docs` (what finds candidates, and how full each key is).
    fn look_up(&mut self, fingerprint: &Fingerprint) -> std::io::Result<()> {
        let bands = if fingerprint.minhash.len() == SLOTS {
            SLOTS / self.rows
        } else {
            0
        };
        let fill = |lists: &mut Vec<Vec<u32>>, n: usize| {
            lists.resize_with(lists.len().max(n), Vec::new);
            lists.iter_mut().for_each(Vec::clear);
        };
        fill(&mut self.band_docs, bands);
        fill(&mut self.sentence_docs, fingerprint.sentences.len());
        for (b, band) in fingerprint
            .minhash
            .chunks(self.rows)
            .take(bands)
            .enumerate()
        {
            (self.bands.get(band_key(b, band), &mut self.band_docs[b]))?;
        }
        for (i, &h) in fingerprint.sentences.iter().enumerate() {
            self.sentences.get(h, &mut self.sentence_docs[i])?;
        }
        Ok(())
    }

    /// The most similar earlier document that is a near duplicate (the earliest of equals),
    /// among those [`Index::look_up`] found.
    fn nearest(&mut self, fingerprint: &Fingerprint) -> std::io::Result<Option<(u32, f64)>> {
        let minhash = &fingerprint.minhash;
        if minhash.len() != SLOTS {
            return Ok(None);
        }
        let mut candidates: Vec<u32> = (self.band_docs[..SLOTS / self.rows].iter())
            .chain(
                (self.sentence_docs[..fingerprint.sentences.len()].iter())
                    .filter(|d| d.len() < SENTENCE_POSTINGS),
            )
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(u32, f64)> = None;
        for k in candidates {
            let seen = self.row(k)?;
            let shingles = seen.shingles;
            let s = if seen.signature == NO_SIGNATURE {
                similarity(minhash, &[])
            } else {
                let mut bytes = [0u8; SIGNATURE_BYTES];
                self.signatures.read(seen.signature, &mut bytes)?;
                for (v, b) in self.signature.iter_mut().zip(bytes.chunks_exact(4)) {
                    *v = u32::from_le_bytes(b.try_into().expect("4 bytes"));
                }
                similarity(minhash, &self.signature)
            };
            let contained = containment(s, fingerprint.shingles, shingles);
            let near = s >= self.threshold || contained >= self.containment;
            if near && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        Ok(best)
    }

    /// The row of document `k`.
    fn row(&mut self, k: u32) -> std::io::Result<Row> {
        let mut bytes = [0; ROW_BYTES];
        let at = u64::from(k) * ROW_BYTES as u64;
        self.seen.read(at, &mut bytes)?;
        Ok(Row::from_bytes(&bytes))
    }

    /// The id of document `k`.
    fn id(&mut self, k: u32) -> std::io::Result<String> {
        let start = self.row(k)?.id;
        let end = if k + 1 < self.documents {
            self.row(k + 1)?.id
        } else {
            self.ids.end()
        };
        let mut bytes = vec![0; (end - start) as usize];
        self.ids.read(start, &mut bytes)?;
        String::from_utf8(bytes).map_err(|_| std::io::ErrorKind::InvalidData.into())
    }
}

/// The duplicate index could not write or read its temporary files.
#[derive(Debug, thiserror::Error)]
#[error("duplicate index, temporary files in {dir}: {source}")]
pub struct DedupError {
    dir: PathBuf,
    source: std::io::Error,
}

/// The exact hash (16 hex digits) as a number; any other string hashed.
fn exact_key(exact: &str) -> u64 {
    u64::from_str_radix(exact, 16).unwrap_or_else(|_| {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(exact)
    })
}

/// The key of band `b` of a signature.
fn band_key(b: usize, band: &[u32]) -> u64 {
    band_hash(band) ^ (b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
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
        let dir = tempfile::tempdir().unwrap();
        for dir in [Some(dir.path()), None] {
            clusters_point_at_their_first_document_in(dir);
        }
    }

    fn clusters_point_at_their_first_document_in(dir: Option<&Path>) {
        let config = DedupConfig::default();
        let mut index = match dir {
            Some(dir) => Index::on_disk(&config, dir).unwrap(),
            None => Index::in_memory(&config),
        };
        let fp = |t: &str| minhash::fingerprint(t, config.shingle_words, config.min_words);
        let a = article(1, 300);
        let edited = a.replacen("сөз", "башка", 3);
        let copy = format!("  {}  ", a.to_uppercase());
        assert_eq!(index.assign("a", fp(&a).as_ref()).unwrap(), None);
        assert_eq!(
            index.assign("b", fp(&article(2, 300)).as_ref()).unwrap(),
            None
        );
        let near = index.assign("c", fp(&edited).as_ref()).unwrap().unwrap();
        assert_eq!((near.of.as_str(), near.kind), ("a", DuplicateKind::Near));
        assert!(near.similarity > 0.8 && near.similarity < 1.0, "{near:?}");
        let exact = index.assign("d", fp(&copy).as_ref()).unwrap().unwrap();
        assert_eq!(
            (exact.of.as_str(), exact.kind, exact.similarity),
            ("a", DuplicateKind::Exact, 1.0)
        );
        // A copy of the edited one joins the cluster of its first document too.
        let again = index
            .assign("e", fp(&edited.replacen("сөз", "жаңы", 2)).as_ref())
            .unwrap()
            .unwrap();
        assert_eq!(again.of, "a");
        // Short texts are only ever exact duplicates.
        assert_eq!(
            index.assign("f", fp("Кыска кабар.").as_ref()).unwrap(),
            None
        );
        assert_eq!(
            index
                .assign("g", fp("кыска КАБАР").as_ref())
                .unwrap()
                .unwrap()
                .of,
            "f"
        );
        assert_eq!(
            index
                .assign("h", fp("Кыска башка кабар.").as_ref())
                .unwrap(),
            None
        );
    }
}
