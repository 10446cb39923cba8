//! The input files of a run, in source order, with the stamp each had when the run began.
//! A run walks them more than once (its plan, pass 1, pass 2), so it keeps the list; the list
//! lives in a [`Spool`] (an unnamed temporary file in the output directory), and memory holds
//! eight bytes a file, plus the path and problem of the rare file that has one of its own.

use super::{Compression, Container, InputFile, InputProblem, Stamp};
use crate::document::Format;
use crate::spool::Spool;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct InputFiles {
    root: PathBuf,
    spool: Mutex<Spool>,
    /// Where each file's entry starts in the spool (it ends where the next one starts).
    starts: Vec<u64>,
    /// By position: the path and problem of the files that have them.
    apart: FxHashMap<usize, Apart>,
}

/// A file's own path and its problem.
type Apart = (Option<Box<Path>>, Option<Box<InputProblem>>);

/// One file as the list gives it back.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Its position in the list.
    pub index: usize,
    pub file: InputFile,
    /// Its size and modification time when the list was made.
    pub stamp: Stamp,
}

/// A file's entry in the spool.
#[derive(Serialize, Deserialize)]
struct Entry {
    source: String,
    format: Option<Format>,
    container: Option<Container>,
    compression: Option<Compression>,
    stamp: Stamp,
}

impl InputFiles {
    /// The files of the input directory `root` (sorted by source), stamped in parallel and
    /// spooled in `dir` (the system's temporary directory when no file can be made there);
    /// without `dir`, held in memory.
    pub fn new(root: &Path, files: Vec<InputFile>, dir: Option<&Path>) -> std::io::Result<Self> {
        let file = match dir {
            Some(d) => Some(tempfile::tempfile_in(d).or_else(|_| tempfile::tempfile())?),
            None => None,
        };
        let mut spool = Spool::new(file);
        let stamps: Vec<Stamp> = files.par_iter().map(|f| Stamp::of(&f.path(root))).collect();
        let mut starts = Vec::with_capacity(files.len());
        let mut apart = FxHashMap::default();
        let mut line = Vec::new();
        for (index, (file, stamp)) in files.into_iter().zip(stamps).enumerate() {
            starts.push(spool.end());
            let InputFile {
                source,
                path,
                format,
                container,
                compression,
                problem,
            } = file;
            if path.is_some() || problem.is_some() {
                apart.insert(index, (path, problem));
            }
            let entry = Entry {
                source,
                format,
                container,
                compression,
                stamp,
            };
            line.clear();
            serde_json::to_writer(&mut line, &entry).map_err(std::io::Error::other)?;
            spool.append(&line)?;
        }
        Ok(InputFiles {
            root: root.to_path_buf(),
            spool: Mutex::new(spool),
            starts,
            apart,
        })
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The input directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// File `index` of the list (`None` past its end).
    pub fn get(&self, index: usize) -> std::io::Result<Option<Listed>> {
        let Some(&start) = self.starts.get(index) else {
            return Ok(None);
        };
        let mut spool = self
            .spool
            .lock()
            .map_err(|_| std::io::Error::other("input list poisoned"))?;
        let end = (self.starts.get(index + 1).copied()).unwrap_or_else(|| spool.end());
        let mut bytes = vec![0; (end - start) as usize];
        spool.read(start, &mut bytes)?;
        drop(spool);
        let entry: Entry = serde_json::from_slice(&bytes).map_err(std::io::Error::other)?;
        let (path, problem) = self.apart.get(&index).cloned().unwrap_or_default();
        Ok(Some(Listed {
            index,
            file: InputFile {
                source: entry.source,
                path,
                format: entry.format,
                container: entry.container,
                compression: entry.compression,
                problem,
            },
            stamp: entry.stamp,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_each_file_with_its_stamp_on_disk_and_in_memory() {
        let input = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        std::fs::write(input.path().join("a.txt"), "12345").unwrap();
        let config = crate::config::InputConfig {
            dir: input.path().to_path_buf(),
            extensions: vec!["txt".into()],
            ..Default::default()
        };
        std::fs::write(input.path().join("b.bin"), "x").unwrap();
        for dir in [Some(out.path()), None] {
            let (files, _) = super::super::collect(&config).unwrap();
            let expected = files.clone();
            let list = InputFiles::new(input.path(), files, dir).unwrap();
            assert_eq!(list.len(), 2);
            for (i, want) in expected.iter().enumerate() {
                let got = list.get(i).unwrap().unwrap();
                assert_eq!(got.index, i);
                assert_eq!(got.file.source, want.source);
                assert_eq!(got.file.format, want.format);
                assert_eq!(got.file.problem, want.problem);
                assert_eq!(got.file.path(list.root()), want.path(list.root()));
            }
            let a = list.get(0).unwrap().unwrap();
            assert_eq!(a.stamp.size, 5);
            assert!(a.file.problem.is_none());
            // The unsupported file keeps its problem.
            assert!(list.get(1).unwrap().unwrap().file.problem.is_some());
            assert!(list.get(2).unwrap().is_none());
        }
    }
}
