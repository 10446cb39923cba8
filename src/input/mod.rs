//! Where documents come from: the input directory walked (`walk.rs`), files decompressed
//! (`compression.rs`: gzip, zstd, bzip2, xz, by extension and magic bytes, with a limit on what
//! they decompress to), and containers split into their documents (`records.rs`: JSON Lines and
//! CSV/TSV, one document per line or row). A document inside a container is named by the
//! container and its place: `items.jsonl#line-42`, `export.csv#row-9`.

mod compression;
mod records;
mod walk;

pub use compression::Compression;
pub use walk::{collect, source_name};

use crate::config::InputConfig;
use crate::document::{Format, Stage};
use crate::error::DocumentError;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

/// A file of the input directory.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Where to read it (for a symlink, the link itself; the OS resolves it).
    pub path: PathBuf,
    /// Path relative to the input directory, `/`-separated; a name that is not UTF-8 keeps
    /// its bytes as `%XX` escapes (see [`source_name`]).
    pub source: String,
    /// Format of its documents' text (of every member, for a container).
    pub format: Option<Format>,
    /// A file of many documents, when it is one.
    pub container: Option<Container>,
    pub compression: Option<Compression>,
    /// Why it cannot be read, decided while walking (unsupported type, bad link).
    pub problem: Option<InputProblem>,
}

/// A file that holds many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `.jsonl`, `.ndjson`: one JSON object per line.
    JsonLines,
    /// `.csv` (`,`) and `.tsv` (tab): one row per document, under a header row.
    Csv(u8),
}

impl Container {
    pub fn from_extension(extension: &str) -> Option<Container> {
        match extension.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Some(Container::JsonLines),
            "csv" => Some(Container::Csv(b',')),
            "tsv" => Some(Container::Csv(b'\t')),
            _ => None,
        }
    }

    /// The word for a member in its source: `items.jsonl#line-42`, `export.csv#row-9`.
    fn member(self) -> &'static str {
        match self {
            Container::JsonLines => "line",
            Container::Csv(_) => "row",
        }
    }
}

/// Why a file of the input directory cannot be read as a document; its error record says so.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputProblem {
    #[error("cannot list: {0}")]
    Unlisted(String),
    #[error("symlink cannot be resolved (dangling or a loop): {0}")]
    UnresolvedLink(String),
    #[error("symlink points outside the input directory; not followed")]
    LinkOutside,
    #[error("symlink to something that is not a regular file")]
    LinkToSpecial,
    #[error("not a regular file (device, pipe or socket)")]
    NotRegular,
    #[error("unsupported file type `{extension}` (input.extensions: {accepted})")]
    Unsupported { extension: String, accepted: String },
    #[error("another file's name is written the same way in `source`; rename one of them")]
    SameSource,
}

/// A document read from an input file: the whole file, or one member of a container.
#[derive(Debug, Clone)]
pub struct Doc {
    pub source: String,
    pub format: Format,
    /// The raw bytes of a whole file; the text of a member, as UTF-8.
    pub bytes: Vec<u8>,
    /// What a container said about the member: its title, date, URL, id and other fields.
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Why this member cannot be a document (a malformed line or row).
    pub problem: Option<String>,
}

/// The documents of a file, and what stopped the reading of the rest (a truncated archive, a
/// decompression bomb) with the size read: the file's own error record.
pub struct Docs {
    pub docs: Vec<Doc>,
    pub error: Option<(u64, DocumentError)>,
}

/// Reads a file's documents: the bytes (within `input.max_file_bytes`), decompressed (within
/// `input.max_decompressed_bytes`), split when it is a container.
pub fn read_docs(file: &InputFile, config: &InputConfig) -> Docs {
    let failed = |size, e| Docs {
        docs: Vec::new(),
        error: Some((size, e)),
    };
    let raw = match read_file(file, config.max_file_bytes) {
        Ok(raw) => raw,
        Err((size, e)) => return failed(size, e),
    };
    let size = raw.len() as u64;
    let compression = file.compression.or_else(|| Compression::sniff(&raw));
    let (bytes, error) = match compression {
        None => (raw, None),
        Some(c) => match c.decompress(&raw, config.max_decompressed_bytes) {
            Ok(bytes) => (bytes, None),
            Err((partial, message)) => (
                partial,
                Some((size, DocumentError::new(Stage::Read, message))),
            ),
        },
    };
    let format = file.format.unwrap_or(Format::Txt);
    let docs = match file.container {
        None if error.is_some() => Vec::new(),
        None => vec![Doc {
            source: file.source.clone(),
            format,
            bytes,
            fields: BTreeMap::new(),
            problem: None,
        }],
        Some(container) => records::split(&file.source, container, format, &bytes, &config.records),
    };
    Docs { docs, error }
}

fn read_file(file: &InputFile, max: u64) -> Result<Vec<u8>, (u64, DocumentError)> {
    let read_error = |e: std::io::Error| {
        (
            0,
            DocumentError::new(Stage::Read, format!("cannot read: {e}")),
        )
    };
    let size = std::fs::metadata(&file.path).map_err(read_error)?.len();
    let too_big = |size: u64, what: &str| {
        let message = format!("file {what} {size} bytes, above input.max_file_bytes = {max}");
        (size, DocumentError::new(Stage::Read, message))
    };
    if size > max {
        return Err(too_big(size, "is"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(&file.path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64, "grew above"));
    }
    Ok(bytes)
}

/// The file part of a source and the member's number (0 for a whole file):
/// `items.jsonl#line-42` is (`items.jsonl`, 42).
pub fn split_source(source: &str) -> (&str, u64) {
    if let Some((file, member)) = source.rsplit_once('#') {
        for word in ["line-", "row-"] {
            if let Some(n) = member.strip_prefix(word).and_then(|n| n.parse().ok()) {
                return (file, n);
            }
        }
    }
    (source, 0)
}

/// The order of sources in every output and state file: by file, then by place in the file
/// (line 9 before line 10).
pub fn source_cmp(a: &str, b: &str) -> Ordering {
    let (file_a, n_a) = split_source(a);
    let (file_b, n_b) = split_source(b);
    file_a
        .cmp(file_b)
        .then(n_a.cmp(&n_b))
        .then_with(|| a.cmp(b))
}

/// The source of member `n` (1-based) of a container.
fn member_source(file: &str, container: Container, n: u64) -> String {
    format!("{file}#{}-{n}", container.member())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_sort_by_number_within_their_file() {
        let mut sources = vec![
            "b.txt",
            "a.jsonl#line-10",
            "a.jsonl#line-9",
            "a.jsonl",
            "a.jsonl.bak",
        ];
        sources.sort_by(|a, b| source_cmp(a, b));
        assert_eq!(
            sources,
            [
                "a.jsonl",
                "a.jsonl#line-9",
                "a.jsonl#line-10",
                "a.jsonl.bak",
                "b.txt"
            ]
        );
        assert_eq!(split_source("x.csv#row-3"), ("x.csv", 3));
        assert_eq!(split_source("notes#draft.txt"), ("notes#draft.txt", 0));
    }
}
