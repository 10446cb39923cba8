//! An append-only byte log read back at any offset: the latest appends in memory, the rest in
//! an unnamed temporary file (gone when the run ends, however it ends). Without a file it all
//! stays in memory. What a run would otherwise hold for every document (the duplicate index's
//! signatures, the list of input files) lives in one, so memory does not grow with the corpus.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// Bytes kept in memory before they are written out.
const TAIL_BYTES: usize = 1 << 20;

pub struct Spool {
    file: Option<File>,
    /// Bytes in the file; `tail` follows them.
    written: u64,
    tail: Vec<u8>,
}

impl Spool {
    /// A spool that writes to `file`, or keeps everything in memory.
    pub fn new(file: Option<File>) -> Self {
        Spool {
            file,
            written: 0,
            tail: Vec::new(),
        }
    }

    /// Where the next append goes: the bytes appended so far.
    pub fn end(&self) -> u64 {
        self.written + self.tail.len() as u64
    }

    /// Appends `bytes`; their offset is [`Spool::end`] before the call.
    pub fn append(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.tail.extend_from_slice(bytes);
        if let Some(file) = self.file.as_mut().filter(|_| self.tail.len() >= TAIL_BYTES) {
            file.write_all(&self.tail)?;
            self.written += self.tail.len() as u64;
            self.tail.clear();
        }
        Ok(())
    }

    /// Fills `buf` with the bytes appended at `offset`. A whole append is either in the file or
    /// in the tail, so a read of one never straddles the two.
    pub fn read(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        if offset >= self.written {
            let start = (offset - self.written) as usize;
            let bytes = self.tail.get(start..start + buf.len()).ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "read past the end")
            })?;
            buf.copy_from_slice(bytes);
            return Ok(());
        }
        let file = self.file.as_mut().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "read past the end")
        })?;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(buf)?;
        // Appends go at the end.
        file.seek(SeekFrom::Start(self.written))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_was_appended_on_file_and_in_memory() {
        for file in [Some(tempfile::tempfile().unwrap()), None] {
            let mut spool = Spool::new(file);
            let mut offsets = Vec::new();
            // Enough to move most of it to the file, with appends of uneven sizes.
            for i in 0..10_000u32 {
                offsets.push(spool.end());
                let record: Vec<u8> = (0..(i % 700)).map(|k| (i ^ k) as u8).collect();
                spool.append(&record).unwrap();
            }
            assert!(spool.end() > 2 * TAIL_BYTES as u64);
            for i in (0..10_000u32).rev().step_by(7) {
                let mut buf = vec![0; (i % 700) as usize];
                spool.read(offsets[i as usize], &mut buf).unwrap();
                assert!(buf
                    .iter()
                    .enumerate()
                    .all(|(k, &b)| b == (i ^ k as u32) as u8));
            }
            // Reading moves nothing: later appends still land at the end.
            let end = spool.end();
            spool.append(b"last").unwrap();
            let mut buf = [0; 4];
            spool.read(end, &mut buf).unwrap();
            assert_eq!(&buf, b"last");
            assert!(spool.read(end + 1, &mut buf).is_err());
        }
    }
}
