//! What the first pass of a run made of each document, kept on disk until the second pass
//! takes it back: a document is decoded, and an HTML page parsed and its main content
//! judged, once per run, while memory holds one batch at a time. Entries are written and read
//! in the order of the run's input files, so the reader needs no index. The file is an
//! unnamed temporary file, gone when the run ends however it ends. A spill that fails (a full
//! disk, a damaged entry) costs time, never a record: the second pass makes again what it
//! cannot take.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::marker::PhantomData;
use std::path::Path;

/// One document's entry: the position of its input file in the run, its source, the value.
#[derive(Serialize, Deserialize)]
struct Entry<D, V> {
    file: usize,
    doc: D,
    value: V,
}

/// An entry as read back, its value still encoded.
type ReadEntry = Entry<String, Box<RawValue>>;

/// A value of the spill as JSON text: workers encode and decode values in parallel, and only
/// the writing and reading of lines is left to the one thread that owns the file.
pub struct Spilled<T> {
    json: Box<RawValue>,
    kind: PhantomData<T>,
}

impl<T: Serialize + DeserializeOwned> Spilled<T> {
    /// Encodes a value; `None` if it cannot be (the second pass then makes it again).
    pub fn encode(value: &T) -> Option<Self> {
        let json = serde_json::value::to_raw_value(value).ok()?;
        Some(Spilled {
            json,
            kind: PhantomData,
        })
    }

    /// The value back; `None` for a damaged entry.
    pub fn decode(self) -> Option<T> {
        serde_json::from_str(self.json.get()).ok()
    }
}

/// Writes the entries of the first pass, one JSON line each.
pub struct SpillWriter<T> {
    out: Option<BufWriter<File>>,
    kind: PhantomData<T>,
}

impl<T: Serialize + DeserializeOwned> SpillWriter<T> {
    /// A spill in `dir` (the output directory, which has room for the output), else in the
    /// system's temporary directory; one that cannot be made spills nothing.
    pub fn new(dir: Option<&Path>) -> Self {
        let file = dir
            .and_then(|d| tempfile::tempfile_in(d).ok())
            .or_else(|| tempfile::tempfile().ok());
        SpillWriter {
            out: file.map(BufWriter::new),
            kind: PhantomData,
        }
    }

    /// Adds the value of document `doc` of input file `file`; entries come in file order.
    /// After a failed write the spill takes no more.
    pub fn write(&mut self, file: usize, doc: &str, value: &Spilled<T>) {
        let Some(out) = self.out.as_mut() else {
            return;
        };
        let entry = Entry {
            file,
            doc,
            value: &value.json,
        };
        let written = serde_json::to_writer(&mut *out, &entry)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if written.is_err() {
            self.out = None;
        }
    }

    /// The entries written, for the second pass.
    pub fn into_reader(self) -> SpillReader<T> {
        let file = self.out.and_then(|out| {
            let mut file = out.into_inner().ok()?;
            file.rewind().ok()?;
            Some(file)
        });
        SpillReader {
            lines: file.map(|f| BufReader::new(f).lines()),
            next: None,
            kind: PhantomData,
        }
    }
}

/// Gives back the entries of each input file in turn.
pub struct SpillReader<T> {
    lines: Option<std::io::Lines<BufReader<File>>>,
    /// An entry read ahead: it belongs to a later file than the one last asked for.
    next: Option<ReadEntry>,
    kind: PhantomData<T>,
}

impl<T: Serialize + DeserializeOwned> SpillReader<T> {
    /// A reader with no entries.
    pub fn empty() -> Self {
        SpillReader {
            lines: None,
            next: None,
            kind: PhantomData,
        }
    }

    /// The entries of input file `file` by document source, still encoded; those of earlier
    /// files that were never asked for are passed over. Files must be asked for in increasing
    /// order.
    pub fn take(&mut self, file: usize) -> HashMap<String, Spilled<T>> {
        let mut values = HashMap::new();
        loop {
            let entry = match self.next.take() {
                Some(entry) => entry,
                None => match self.read() {
                    Some(entry) => entry,
                    None => return values,
                },
            };
            if entry.file > file {
                self.next = Some(entry);
                return values;
            }
            if entry.file == file {
                let spilled = Spilled {
                    json: entry.value,
                    kind: PhantomData,
                };
                values.insert(entry.doc, spilled);
            }
        }
    }

    /// The next entry that reads back whole; `None` at the end (or after a read error).
    fn read(&mut self) -> Option<ReadEntry> {
        let lines = self.lines.as_mut()?;
        loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Ok(entry) = serde_json::from_str(&line) {
                        return Some(entry);
                    }
                }
                _ => {
                    self.lines = None;
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_per_file_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = SpillWriter::new(Some(dir.path()));
        let mut write = |file, doc, value: &str| {
            spill.write(file, doc, &Spilled::encode(&value.to_string()).unwrap());
        };
        write(0, "a.html", "first");
        write(2, "c.jsonl#1", "third, one");
        write(2, "c.jsonl#2", "third, two");
        write(3, "d.html", "never asked");
        write(5, "f.html", "sixth");
        let mut reader = spill.into_reader();
        let value = |mut values: HashMap<String, Spilled<String>>, doc: &str| {
            values.remove(doc).and_then(Spilled::decode)
        };
        assert_eq!(value(reader.take(0), "a.html").unwrap(), "first");
        assert!(reader.take(1).is_empty());
        let third = reader.take(2);
        assert_eq!(third.len(), 2);
        assert_eq!(value(third, "c.jsonl#2").unwrap(), "third, two");
        assert_eq!(value(reader.take(5), "f.html").unwrap(), "sixth");
        assert!(reader.take(6).is_empty());
        // Nothing is left in the directory: the file has no name.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_empty_reader_gives_nothing() {
        let mut reader = SpillReader::<String>::empty();
        assert!(reader.take(0).is_empty());
    }
}
