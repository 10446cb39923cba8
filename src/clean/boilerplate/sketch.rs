//! Line fingerprints counted across a batch: in how many documents each line occurs, and the
//! evidence a document's verdict drew from them (kept in the run state, so that a later run
//! can tell whether the verdict still holds without processing the document again).

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU32, Ordering};

/// Line fingerprints of a whole batch: in how many documents each line occurs. A count-min
/// sketch: fixed memory whatever the corpus size; counts can only be over-estimated.
pub struct LineCounts {
    rows: Vec<Vec<AtomicU32>>,
    mask: u64,
}

const SKETCH_ROWS: usize = 4;
const SKETCH_BITS: u32 = 20;

impl Default for LineCounts {
    fn default() -> Self {
        LineCounts {
            rows: (0..SKETCH_ROWS)
                .map(|_| {
                    (0..1usize << SKETCH_BITS)
                        .map(|_| AtomicU32::new(0))
                        .collect()
                })
                .collect(),
            mask: (1u64 << SKETCH_BITS) - 1,
        }
    }
}

impl LineCounts {
    fn slot(&self, fingerprint: u64, row: usize) -> usize {
        let h = fingerprint.wrapping_add((row as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        ((h ^ (h >> 29)) & self.mask) as usize
    }

    /// Counts the distinct lines of one document. Safe to call from many threads.
    pub fn add_document<'a>(&self, lines: impl Iterator<Item = &'a str>) {
        self.add_fingerprints(&fingerprints(lines));
    }

    /// Counts one document by the distinct fingerprints of its lines (as kept in the run
    /// state). The sketch does not depend on the order documents are added in.
    pub fn add_fingerprints(&self, distinct: &[u64]) {
        for &f in distinct {
            for (r, row) in self.rows.iter().enumerate() {
                row[self.slot(f, r)].fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// In how many documents the line with this fingerprint occurs (an upper bound).
    pub fn estimate(&self, fingerprint: u64) -> u32 {
        self.rows
            .iter()
            .enumerate()
            .map(|(r, row)| row[self.slot(fingerprint, r)].load(Ordering::Relaxed))
            .min()
            .unwrap_or(0)
    }
}

/// What a document's boilerplate verdict drew from the other documents of its batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineEvidence {
    /// The distinct fingerprints of its countable lines, sorted: what it adds to a batch.
    pub lines: Vec<u64>,
    /// How it was judged; `None` when on its own (no batch).
    pub batch: Option<BatchEvidence>,
}

/// The repetition a document was judged with in its batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchEvidence {
    /// Documents a line had to occur in to be `repeated`.
    pub repeat_min: u32,
    /// The batch's count of each of `lines`, in the same order.
    pub repeats: Vec<u32>,
}

/// The distinct fingerprints of some lines, sorted.
pub fn fingerprints<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<u64> {
    distinct(lines.filter_map(fingerprint))
}

/// Fingerprints sorted, each once.
pub fn distinct(fingerprints: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut seen: Vec<u64> = fingerprints.collect();
    seen.sort_unstable();
    seen.dedup();
    seen
}

/// Lines compare case-insensitively with digits and spacing ignored ("© 2023" recurs as
/// "© 2024"); lines of fewer than two letters have no fingerprint.
pub fn fingerprint(line: &str) -> Option<u64> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut letters = 0;
    for c in line.chars().filter(|&c| crate::text::is_letter(c)) {
        letters += 1;
        for l in crate::text::to_lowercase(c) {
            h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    (letters >= 2).then_some(h)
}
