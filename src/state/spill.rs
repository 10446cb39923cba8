//! What the first pass of a run made of each document, kept on disk until the second pass
//! takes it back: a document is decoded, and an HTML page parsed and its main content
//! judged, once per run, while memory holds one batch at a time. Entries are written and read
//! in the order of the run's input files, so the reader needs no index. The file is an
//! unnamed temporary file, gone when the run ends however it ends. A spill that fails (a full
//! disk, a damaged entry) costs time, never a record: the second pass makes again what it
//! cannot take.
//!
//! Values are encoded with postcard, compact and without field names: the spill is read only
//! by the run that wrote it, so it needs no schema of its own. An entry is the position of
//! its input file (8 bytes), then its document's source and its value, each after its length
//! (4 and 8 bytes, little-endian).

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::marker::PhantomData;
use std::path::Path;

/// A value of the spill, encoded: workers encode and decode values in parallel, and only the
/// writing and reading of entries is left to the one thread that owns the file.
pub struct Spilled<T> {
    bytes: Vec<u8>,
    kind: PhantomData<T>,
}

impl<T: Serialize + DeserializeOwned> Spilled<T> {
    /// Encodes a value; `None` if it cannot be (the second pass then makes it again).
    pub fn encode(value: &T) -> Option<Self> {
        let mut bytes = postcard::to_stdvec(value).ok()?;
        // A batch of values waits in memory for the writer: without the room the vector grew
        // by doubling.
        bytes.shrink_to_fit();
        Some(Spilled {
            bytes,
            kind: PhantomData,
        })
    }

    /// The value back; `None` for a damaged entry.
    pub fn decode(self) -> Option<T> {
        postcard::from_bytes(&self.bytes).ok()
    }
}

/// Writes the entries of the first pass.
pub struct SpillWriter<T> {
    out: Option<BufWriter<File>>,
    /// Bytes written: an entry's lengths are checked against it when read back.
    written: u64,
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
            written: 0,
            kind: PhantomData,
        }
    }

    /// Adds the value of document `doc` of input file `file`; entries come in file order.
    /// After a failed write the spill takes no more.
    pub fn write(&mut self, file: usize, doc: &str, value: &Spilled<T>) {
        let Some(out) = self.out.as_mut() else {
            return;
        };
        let Ok(doc_len) = u32::try_from(doc.len()) else {
            return;
        };
        let written = (out.write_all(&(file as u64).to_le_bytes()))
            .and_then(|()| out.write_all(&doc_len.to_le_bytes()))
            .and_then(|()| out.write_all(doc.as_bytes()))
            .and_then(|()| out.write_all(&(value.bytes.len() as u64).to_le_bytes()))
            .and_then(|()| out.write_all(&value.bytes));
        match written {
            Ok(()) => self.written += 20 + doc.len() as u64 + value.bytes.len() as u64,
            Err(_) => self.out = None,
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
            input: file.map(BufReader::new),
            left: self.written,
            next: None,
            kind: PhantomData,
        }
    }
}

/// An entry as read back.
struct ReadEntry {
    /// The position of its input file in the run.
    file: usize,
    /// Its document's source.
    doc: String,
    /// Its value, still encoded.
    value: Vec<u8>,
}

/// Gives back the entries of each input file in turn.
pub struct SpillReader<T> {
    input: Option<BufReader<File>>,
    /// Bytes written and not yet read: no length read back may reach past them.
    left: u64,
    /// An entry read ahead: it belongs to a later file than the one last asked for.
    next: Option<ReadEntry>,
    kind: PhantomData<T>,
}

impl<T: Serialize + DeserializeOwned> SpillReader<T> {
    /// A reader with no entries.
    pub fn empty() -> Self {
        SpillReader {
            input: None,
            left: 0,
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
                    bytes: entry.value,
                    kind: PhantomData,
                };
                values.insert(entry.doc, spilled);
            }
        }
    }

    /// The next entry; `None` at the end, or for good after a read error, a length that
    /// reaches past what was written or a source that is not UTF-8 (a damaged entry: past
    /// it, nothing says where the next one starts).
    fn read(&mut self) -> Option<ReadEntry> {
        let entry = self.read_entry();
        if entry.is_none() {
            self.input = None;
        }
        entry
    }

    fn read_entry(&mut self) -> Option<ReadEntry> {
        let mut word = [0u8; 8];
        self.read_exact(&mut word)?;
        let file = usize::try_from(u64::from_le_bytes(word)).ok()?;
        let mut half = [0u8; 4];
        self.read_exact(&mut half)?;
        let doc = self.read_bytes(u64::from(u32::from_le_bytes(half)))?;
        self.read_exact(&mut word)?;
        let value = self.read_bytes(u64::from_le_bytes(word))?;
        Some(ReadEntry {
            file,
            doc: String::from_utf8(doc).ok()?,
            value,
        })
    }

    fn read_bytes(&mut self, len: u64) -> Option<Vec<u8>> {
        let mut bytes = vec![0u8; usize::try_from(len).ok().filter(|_| len <= self.left)?];
        self.read_exact(&mut bytes)?;
        Some(bytes)
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> Option<()> {
        let input = self.input.as_mut()?;
        self.left = self.left.checked_sub(buf.len() as u64)?;
        input.read_exact(buf).ok()
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
    fn a_length_past_what_was_written_ends_the_reading() {
        let mut file = tempfile::tempfile().unwrap();
        let mut entry = Vec::new();
        entry.extend(0u64.to_le_bytes());
        entry.extend(u32::MAX.to_le_bytes());
        entry.extend(b"a.txt");
        file.write_all(&entry).unwrap();
        file.rewind().unwrap();
        let mut reader = SpillReader::<String> {
            input: Some(BufReader::new(file)),
            left: entry.len() as u64,
            next: None,
            kind: PhantomData,
        };
        assert!(reader.take(0).is_empty());
        assert!(reader.input.is_none());
    }

    #[test]
    fn an_empty_reader_gives_nothing() {
        let mut reader = SpillReader::<String>::empty();
        assert!(reader.take(0).is_empty());
    }
}
