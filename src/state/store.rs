//! The state file, `tilmech-state.jsonl` in the output directory (one per shard): a header
//! line, then one line per document in source order — what the document was made from (size,
//! modification time, content hash, config hash, tilmech version), what its boilerplate verdict
//! drew from the other documents, and its full record. It is the truth an incremental run or a
//! merge starts from: every record file of the directory is written from it again.

use crate::clean::boilerplate::LineEvidence;
use crate::error::RunError;
use crate::input::source_cmp;
pub use crate::input::Stamp;
use crate::output::record::Record;
use crate::output::AtomicFile;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// Version of the layout below; a state file of another version is not used (the run then
/// processes everything, and says so in the report).
pub const STATE_FORMAT: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    tilmech_state: u32,
}

/// What a document's record was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocState {
    pub source: String,
    /// Size and modification time (nanoseconds since the Unix epoch) seen before it was read.
    pub stamp: Stamp,
    /// `sha256:…` of the bytes read, as in the record.
    pub content_hash: Option<String>,
    /// [`super::config_hash`] of the config the record was made with.
    pub config_hash: String,
    pub tilmech_version: String,
    /// What its boilerplate verdict drew from the batch.
    pub lines: LineEvidence,
    /// What duplicates of it are found by; duplicates are assigned again in every run.
    pub dedup: Option<crate::dedup::minhash::Fingerprint>,
}

/// One line of the state file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub doc: DocState,
    pub record: Record,
}

/// An entry read without its record (cheap: the record is skipped, not built).
#[derive(Debug, Deserialize)]
pub struct DocOnly {
    pub doc: DocState,
}

/// Something read from a state file: its source, for merging in order.
pub trait Keyed {
    fn source(&self) -> &str;
}

impl Keyed for Entry {
    fn source(&self) -> &str {
        &self.doc.source
    }
}

impl Keyed for DocOnly {
    fn source(&self) -> &str {
        &self.doc.source
    }
}

/// Reads a state file line by line: entries (or just their `doc`) in source order.
pub struct StateReader<T> {
    path: PathBuf,
    lines: std::io::Lines<BufReader<File>>,
    line: usize,
    last: Option<String>,
    kind: PhantomData<T>,
}

impl<T: DeserializeOwned + Keyed> StateReader<T> {
    /// Opens `path`; `Ok(None)` when there is no state file.
    pub fn open(path: &Path) -> Result<Option<Self>, RunError> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(state_error(path, 0, e.to_string())),
        };
        let mut reader = StateReader {
            path: path.to_path_buf(),
            lines: BufReader::new(file).lines(),
            line: 0,
            last: None,
            kind: PhantomData,
        };
        let header: Header = reader
            .next_line()
            .ok_or_else(|| state_error(path, 1, "empty file"))?
            .and_then(|l| {
                serde_json::from_str(&l).map_err(|e| state_error(path, 1, e.to_string()))
            })?;
        if header.tilmech_state != STATE_FORMAT {
            return Err(state_error(
                path,
                1,
                format!(
                    "state format {} (this tilmech reads {STATE_FORMAT})",
                    header.tilmech_state
                ),
            ));
        }
        Ok(Some(reader))
    }

    fn next_line(&mut self) -> Option<Result<String, RunError>> {
        self.line += 1;
        let line = self.lines.next()?;
        Some(line.map_err(|e| state_error(&self.path, self.line, e.to_string())))
    }
}

impl<T: DeserializeOwned + Keyed> Iterator for StateReader<T> {
    type Item = Result<T, RunError>;

    fn next(&mut self) -> Option<Self::Item> {
        let line = match self.next_line()? {
            Ok(l) => l,
            Err(e) => return Some(Err(e)),
        };
        let item: T = match serde_json::from_str(&line) {
            Ok(item) => item,
            Err(e) => return Some(Err(state_error(&self.path, self.line, e.to_string()))),
        };
        // Merging by source relies on the order; a file out of order is not ours.
        let ordered = |last: &str| source_cmp(last, item.source()) == std::cmp::Ordering::Less;
        if self.last.as_deref().is_some_and(|last| !ordered(last)) {
            let message = format!("`{}` is out of source order", item.source());
            return Some(Err(state_error(&self.path, self.line, message)));
        }
        self.last = Some(item.source().to_string());
        Some(Ok(item))
    }
}

fn state_error(path: &Path, line: usize, message: impl Into<String>) -> RunError {
    RunError::State {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Writes a state file atomically: the header at once, then entries in source order.
pub struct StateWriter {
    file: AtomicFile,
}

impl StateWriter {
    pub fn create(path: PathBuf) -> Result<Self, RunError> {
        let mut writer = StateWriter {
            file: AtomicFile::create(path)?,
        };
        writer.write_line(&Header {
            tilmech_state: STATE_FORMAT,
        })?;
        Ok(writer)
    }

    fn write_line<T: Serialize>(&mut self, value: &T) -> Result<(), RunError> {
        let mut json = serde_json::to_vec(value).expect("state serializes");
        json.push(b'\n');
        self.file.write_all(&json)
    }

    /// Writes the entry of `doc` and its record, already encoded: the line an [`Entry`]
    /// serializes to.
    pub fn write(&mut self, doc: &DocState, record: &RawValue) -> Result<(), RunError> {
        #[derive(Serialize)]
        struct Encoded<'a> {
            doc: &'a DocState,
            record: &'a RawValue,
        }
        self.write_line(&Encoded { doc, record })
    }

    /// Hands what is written to the OS, so that a killed run leaves it as a journal.
    pub fn flush(&mut self) -> Result<(), RunError> {
        let flushed = std::io::Write::flush(self.file.writer());
        flushed.map_err(|e| self.file.error(e))
    }

    pub fn commit(self) -> Result<(), RunError> {
        self.file.commit()
    }
}

/// The previous run's entries: the state, overlaid with the journal a killed run left (its
/// entries are newer; it is read up to its first unreadable line, where the run was killed).
/// `None` when there is neither.
pub fn previous<T: DeserializeOwned + Keyed>(
    state: &Path,
    journal: &Path,
) -> Result<Option<impl Iterator<Item = Result<T, RunError>>>, RunError> {
    let state = StateReader::<T>::open(state)?;
    let journal = StateReader::<T>::open(journal).ok().flatten();
    if state.is_none() && journal.is_none() {
        return Ok(None);
    }
    let mut older = state.into_iter().flatten().peekable();
    let mut newer = journal
        .into_iter()
        .flatten()
        .map_while(Result::ok)
        .peekable();
    Ok(Some(std::iter::from_fn(move || {
        use std::cmp::Ordering;
        let order = match (older.peek(), newer.peek()) {
            (_, None) => Ordering::Less,
            (None | Some(Err(_)), Some(_)) => Ordering::Greater,
            (Some(Ok(o)), Some(n)) => o.source().cmp(n.source()),
        };
        match order {
            Ordering::Less => older.next(),
            Ordering::Equal => {
                older.next();
                newer.next().map(Ok)
            }
            Ordering::Greater => newer.next().map(Ok),
        }
    })))
}

/// A reader's next source, ordered as sources are.
#[derive(PartialEq, Eq)]
struct Head(String, usize);

impl Ord for Head {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        source_cmp(&self.0, &other.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Entries of several state files (each in source order) in one source order; a source in
/// two of them is an error (shards overlap).
pub fn merge_sorted(
    readers: Vec<StateReader<Entry>>,
) -> impl Iterator<Item = Result<Entry, RunError>> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    struct Merge {
        readers: Vec<StateReader<Entry>>,
        heads: BinaryHeap<Reverse<Head>>,
        held: Vec<Option<Entry>>,
        failed: Option<RunError>,
        last: Option<String>,
    }
    impl Merge {
        fn pull(&mut self, i: usize) {
            match self.readers[i].next() {
                Some(Ok(entry)) => {
                    self.heads.push(Reverse(Head(entry.doc.source.clone(), i)));
                    self.held[i] = Some(entry);
                }
                Some(Err(e)) => self.failed = Some(e),
                None => {}
            }
        }
    }
    impl Iterator for Merge {
        type Item = Result<Entry, RunError>;
        fn next(&mut self) -> Option<Self::Item> {
            if let Some(e) = self.failed.take() {
                return Some(Err(e));
            }
            let Reverse(Head(source, i)) = self.heads.pop()?;
            let entry = self.held[i].take().expect("a head is held");
            if self.last.as_deref() == Some(source.as_str()) {
                return Some(Err(RunError::State {
                    path: self.readers[i].path.clone(),
                    line: self.readers[i].line,
                    message: format!(
                        "`{source}` is in two shards (were they run with different N?)"
                    ),
                }));
            }
            self.pull(i);
            self.last = Some(source);
            Some(Ok(entry))
        }
    }
    let n = readers.len();
    let mut merge = Merge {
        readers,
        heads: BinaryHeap::new(),
        held: (0..n).map(|_| None).collect(),
        failed: None,
        last: None,
    };
    for i in 0..n {
        merge.pull(i);
    }
    merge
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_written_from_its_encoded_record_is_the_line_it_serializes_to() {
        let stored = r#"
            {
             "doc": {
              "source": "d1.txt",
              "stamp": {
               "size": 308,
               "modified_ns": 1795532845657094190
              },
              "content_hash": "sha256:b3f7d205f6b6d22317638af92bfd5b07549862dfc4b35800fb8b5d248ef9a728",
              "config_hash": "60ade75f28715ffe",
              "tilmech_version": "0.1.0",
              "lines": {
               "lines": [
                12046419216772707877
               ],
               "batch": {
                "repeat_min": 10,
                "repeats": [
                 1
                ]
               }
              },
              "dedup": {
               "exact": "e365883de03cc64d",
               "minhash": [],
               "shingles": 25,
               "sentences": []
              }
             },
             "record": {
              "id": "6590ae999cb45776",
              "source": "d1.txt",
              "status": "ok",
              "error": null,
              "format": "txt",
              "bytes": 308,
              "content_hash": "sha256:b3f7d205f6b6d22317638af92bfd5b07549862dfc4b35800fb8b5d248ef9a728",
              "encoding": "UTF-8",
              "encoding_source": "utf8",
              "replacement_chars": 0,
              "repairs": [],
              "lang": "ru",
              "lang_confidence": 1.0,
              "script": "Cyrl",
              "title": null,
              "metadata": {
               "title": null,
               "date": null,
               "author": null,
               "url": null,
               "site_name": null,
               "fields": {}
              },
              "text": "Бишкекте жаңы мектеп ачылды. \"Кош келиңиз!\"",
              "removed": [],
              "segments": [
               {
                "start": 0,
                "end": 179,
                "lang": "ru",
                "confidence": 1.0,
                "script": "Cyrl"
               }
              ],
              "normalization": {},
              "dedup_key": null,
              "chars": 179,
              "words": 25,
              "translit": null,
              "translation": null,
              "translation_error": null,
              "duplicate_of": null,
              "duplicate_kind": null,
              "duplicate_similarity": null,
              "quality": {
               "sentences": 3,
               "mean_word_length": 5.4074,
               "alphabetic_fraction": 0.9226,
               "lines_ending_in_punctuation": 1.0,
               "duplicate_line_fraction": 0.0,
               "duplicate_5gram_char_fraction": 0.0,
               "top_2gram_char_fraction": 0.0,
               "stop_words": 13,
               "stop_word_fraction": 0.4815
              },
              "schema_version": 8,
              "tilmech_version": "0.1.0"
             }
            }
        "#;
        let entry: Entry = serde_json::from_str(stored).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.jsonl");
        let mut writer = StateWriter::create(path.clone()).unwrap();
        let record = serde_json::value::to_raw_value(&entry.record).unwrap();
        writer.write(&entry.doc, &record).unwrap();
        writer.commit().unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        let mut lines = written.lines().skip(1);
        assert_eq!(
            lines.next(),
            Some(serde_json::to_string(&entry).unwrap().as_str())
        );
        assert_eq!(lines.next(), None);
    }
}
