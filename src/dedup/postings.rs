//! The documents each key (an LSH band, a sentence hash) was seen in, at most `cap` per key,
//! in bounded memory: the latest postings in a hash table, the older ones in sorted runs in
//! unnamed temporary files. A run keeps in memory only a Bloom filter of its keys (six bits a
//! posting), which spares the disk nearly every look-up of a key it lacks, and the first key of
//! each block. Runs of like size are merged, so a look-up visits logarithmically many.
//! Without a directory for the runs everything stays in memory.

use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Postings held in memory before they are written out as a run, by default.
pub const RECENT: usize = 1 << 16;
/// Postings per block of a run (the unit read from disk).
const BLOCK: usize = 256;
/// Bytes of one posting in a run: the key, then the document (little-endian).
const POSTING: usize = 12;
/// Bloom filter bits per posting of a run, and probes per key.
const BLOOM_BITS: usize = 6;
const BLOOM_PROBES: usize = 3;
/// No earlier posting of the key in `recent`.
const NONE: u32 = u32::MAX;

pub struct Postings {
    cap: usize,
    /// Postings held in memory before they are written out.
    recent_limit: usize,
    /// Where runs are written; `None` keeps every posting in memory.
    dir: Option<PathBuf>,
    /// Each key's latest posting in `log`.
    recent: FxHashMap<u64, u32>,
    log: Vec<Recent>,
    /// Oldest first.
    runs: Vec<Run>,
    block: Vec<u8>,
}

struct Recent {
    key: u64,
    doc: u32,
    /// The key's posting before this one in `log`, or `NONE`.
    earlier: u32,
}

impl Postings {
    /// Postings of at most `cap` documents a key, `recent` of them held in memory before
    /// they are written out as a run in `dir`.
    pub fn new(cap: usize, recent: usize, dir: Option<&Path>) -> Self {
        Postings {
            cap,
            recent_limit: recent,
            dir: dir.map(Path::to_path_buf),
            recent: FxHashMap::default(),
            log: Vec::new(),
            runs: Vec::new(),
            block: Vec::new(),
        }
    }

    /// Appends the documents of `key` to `docs`, in the order they were added.
    pub fn get(&mut self, key: u64, docs: &mut Vec<u32>) -> std::io::Result<()> {
        for run in &mut self.runs {
            run.get(key, docs, &mut self.block)?;
        }
        let start = docs.len();
        let mut at = self.recent.get(&key).copied().unwrap_or(NONE);
        while at != NONE {
            let posting = &self.log[at as usize];
            docs.push(posting.doc);
            at = posting.earlier;
        }
        docs[start..].reverse();
        Ok(())
    }

    /// Adds `doc` to `key`, which already has `count` documents (as [`Postings::get`] found);
    /// a key with `cap` keeps the ones it has.
    pub fn add(&mut self, key: u64, doc: u32, count: usize) -> std::io::Result<()> {
        if count >= self.cap {
            return Ok(());
        }
        let at = self.log.len() as u32;
        let earlier = self.recent.insert(key, at).unwrap_or(NONE);
        self.log.push(Recent { key, doc, earlier });
        if self.log.len() >= self.recent_limit {
            if let Some(dir) = self.dir.clone() {
                self.write_run(&dir)?;
            }
        }
        Ok(())
    }

    /// Moves the postings in memory to a new run, then merges runs of like size.
    fn write_run(&mut self, dir: &Path) -> std::io::Result<()> {
        let mut postings: Vec<(u64, u32)> = self.log.iter().map(|p| (p.key, p.doc)).collect();
        // Documents are numbered in the order they are added: sorted, each key's stay in order.
        postings.sort_unstable();
        let mut writer = RunWriter::new(dir, postings.len())?;
        for &(key, doc) in &postings {
            writer.push(key, doc)?;
        }
        self.runs.push(writer.finish()?);
        self.recent.clear();
        self.log.clear();
        while let [.., older, newer] = &self.runs[..] {
            if newer.len * 2 < older.len {
                break;
            }
            let (newer, older) = (self.runs.pop(), self.runs.pop());
            let merged = Run::merge(dir, older.expect("two runs"), newer.expect("two runs"))?;
            self.runs.push(merged);
        }
        Ok(())
    }
}

/// Postings sorted by key, then document, in a file.
struct Run {
    file: File,
    len: usize,
    /// The first key of each block.
    fences: Vec<u64>,
    bloom: Bloom,
}

impl Run {
    fn get(&mut self, key: u64, docs: &mut Vec<u32>, block: &mut Vec<u8>) -> std::io::Result<()> {
        if !self.bloom.may_hold(key) {
            return Ok(());
        }
        // The key starts in the last block whose first key is below it (or in the first one).
        let mut b = self.fences.partition_point(|&f| f < key).saturating_sub(1);
        while b < self.fences.len() {
            let records = BLOCK.min(self.len - b * BLOCK);
            block.resize(records * POSTING, 0);
            self.file
                .seek(SeekFrom::Start((b * BLOCK * POSTING) as u64))?;
            self.file.read_exact(block)?;
            for posting in block.chunks_exact(POSTING) {
                let (k, doc) = decode(posting);
                if k > key {
                    return Ok(());
                }
                if k == key {
                    docs.push(doc);
                }
            }
            b += 1;
        }
        Ok(())
    }

    /// One run of the postings of `older` and `newer` (whose documents all come later).
    fn merge(dir: &Path, older: Run, newer: Run) -> std::io::Result<Run> {
        let mut writer = RunWriter::new(dir, older.len + newer.len)?;
        let mut a = RunReader::new(older.file)?;
        let mut b = RunReader::new(newer.file)?;
        let (mut x, mut y) = (a.next()?, b.next()?);
        loop {
            match (x, y) {
                (Some(p), Some(q)) if p.0 <= q.0 => {
                    writer.push(p.0, p.1)?;
                    x = a.next()?;
                }
                (_, Some(q)) => {
                    writer.push(q.0, q.1)?;
                    y = b.next()?;
                }
                (Some(p), None) => {
                    writer.push(p.0, p.1)?;
                    x = a.next()?;
                }
                (None, None) => return writer.finish(),
            }
        }
    }
}

fn decode(posting: &[u8]) -> (u64, u32) {
    let key = u64::from_le_bytes(posting[..8].try_into().expect("8 bytes"));
    let doc = u32::from_le_bytes(posting[8..POSTING].try_into().expect("4 bytes"));
    (key, doc)
}

struct RunWriter {
    out: BufWriter<File>,
    len: usize,
    fences: Vec<u64>,
    bloom: Bloom,
}

impl RunWriter {
    /// A run of `postings` postings.
    fn new(dir: &Path, postings: usize) -> std::io::Result<Self> {
        Ok(RunWriter {
            out: BufWriter::new(tempfile::tempfile_in(dir)?),
            len: 0,
            fences: Vec::with_capacity(postings.div_ceil(BLOCK)),
            bloom: Bloom::new(postings),
        })
    }

    fn push(&mut self, key: u64, doc: u32) -> std::io::Result<()> {
        if self.len.is_multiple_of(BLOCK) {
            self.fences.push(key);
        }
        self.bloom.insert(key);
        self.out.write_all(&key.to_le_bytes())?;
        self.out.write_all(&doc.to_le_bytes())?;
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> std::io::Result<Run> {
        Ok(Run {
            file: self.out.into_inner().map_err(|e| e.into_error())?,
            len: self.len,
            fences: self.fences,
            bloom: self.bloom,
        })
    }
}

struct RunReader {
    input: BufReader<File>,
    posting: [u8; POSTING],
}

impl RunReader {
    fn new(mut file: File) -> std::io::Result<Self> {
        file.rewind()?;
        Ok(RunReader {
            input: BufReader::with_capacity(1 << 16, file),
            posting: [0; POSTING],
        })
    }

    fn next(&mut self) -> std::io::Result<Option<(u64, u32)>> {
        match self.input.read_exact(&mut self.posting) {
            Ok(()) => Ok(Some(decode(&self.posting))),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A Bloom filter of 64-bit keys: never a false "absent", about 6 % false "present".
struct Bloom {
    words: Vec<u64>,
    bits: u64,
}

impl Bloom {
    fn new(keys: usize) -> Self {
        let bits = (keys * BLOOM_BITS).max(64) as u64;
        Bloom {
            words: vec![0; bits.div_ceil(64) as usize],
            bits,
        }
    }

    /// The bits of `key`, by double hashing.
    fn probes(&self, key: u64) -> [u64; BLOOM_PROBES] {
        let h = mix(key);
        let (h1, h2) = (h & 0xffff_ffff, (h >> 32) | 1);
        std::array::from_fn(|i| h1.wrapping_add((i as u64).wrapping_mul(h2)) % self.bits)
    }

    fn insert(&mut self, key: u64) {
        for bit in self.probes(key) {
            self.words[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }

    fn may_hold(&self, key: u64) -> bool {
        (self.probes(key).iter())
            .all(|&bit| self.words[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
}

/// Spreads the bits of a key (band hashes are FNV, whose low bits are weak).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys drawn so that some are shared by many documents, most by few.
    fn key(doc: u32, slot: u32) -> u64 {
        let x = doc.wrapping_mul(2_654_435_761) ^ slot.wrapping_mul(40_503);
        u64::from(x % (if slot.is_multiple_of(4) { 50 } else { 20_000 })) * 1_000_003
            + u64::from(slot)
    }

    #[test]
    fn on_disk_and_in_memory_give_the_same_postings_in_order_capped() {
        let dir = tempfile::tempdir().unwrap();
        let mut disk = Postings::new(8, 2_000, Some(dir.path()));
        let mut memory = Postings::new(8, 2_000, None);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let docs = 3_000;
        for doc in 0..docs {
            for slot in 0..20 {
                let k = key(doc, slot);
                a.clear();
                b.clear();
                disk.get(k, &mut a).unwrap();
                memory.get(k, &mut b).unwrap();
                assert_eq!(a, b, "key {k} at document {doc}");
                assert!(a.len() <= 8 && a.windows(2).all(|w| w[0] < w[1]), "{a:?}");
                disk.add(k, doc, a.len()).unwrap();
                memory.add(k, doc, b.len()).unwrap();
            }
        }
        // Runs were written and merged: far fewer runs than were written.
        assert!(
            !disk.runs.is_empty() && disk.runs.len() < 6,
            "{}",
            disk.runs.len()
        );
        assert!(memory.runs.is_empty());
        // A key shared by many documents is capped at the first eight, in order.
        let mut first = Vec::new();
        disk.get(key(0, 0), &mut first).unwrap();
        assert_eq!(first.len(), 8);
        assert_eq!(first[0], 0);
    }

    #[test]
    fn bloom_filter_never_misses_and_rarely_errs() {
        let mut bloom = Bloom::new(10_000);
        (0..10_000u64).for_each(|k| bloom.insert(k * 7919));
        assert!((0..10_000u64).all(|k| bloom.may_hold(k * 7919)));
        let false_hits = (0..10_000u64)
            .filter(|k| bloom.may_hold(k * 7919 + 1))
            .count();
        assert!(false_hits < 1_000, "{false_hits}");
    }
}
