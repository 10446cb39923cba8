//! Where documents come from: the input directory walked (`walk.rs`), files decompressed
//! (`compression.rs`: gzip, zstd, bzip2, xz, by extension and magic bytes, with a limit on what
//! they decompress to), and containers split into their documents (`records.rs`: JSON Lines and
//! CSV/TSV, one document per line or row). A document inside a container is named by the
//! container and its place: `items.jsonl#line-42`, `export.csv#row-9`.

mod compression;
mod docx;
mod list;
mod pdf;
mod records;
mod walk;
mod warc;

pub use compression::Compression;
pub use list::{InputFiles, Listed};
pub use walk::{collect, source_name};

use crate::config::InputConfig;
use crate::document::{Format, Stage};
use crate::error::DocumentError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file of the input directory. A run holds one for every input, so it is kept small:
/// the path is the input directory joined with `source` unless it has to be kept apart, and a
/// problem (rare) is boxed.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Path relative to the input directory, `/`-separated; a name that is not UTF-8 keeps
    /// its bytes as `%XX` escapes (see [`source_name`]).
    pub source: String,
    /// Where to read it, when that is not the input directory joined with `source` (a name
    /// that is not UTF-8, one renamed in `source`, an entry that could not be listed).
    path: Option<Box<Path>>,
    /// Format of its documents' text (of every member, for a container).
    pub format: Option<Format>,
    /// A file of many documents, when it is one.
    pub container: Option<Container>,
    pub compression: Option<Compression>,
    /// Why it cannot be read, decided while walking (unsupported type, bad link).
    pub problem: Option<Box<InputProblem>>,
}

impl InputFile {
    /// The file at `path` of the input directory `root`, written `source`.
    fn new(
        root: &Path,
        path: PathBuf,
        source: String,
        format: Option<Format>,
        container: Option<Container>,
        problem: Option<InputProblem>,
    ) -> Self {
        let apart = root.join(&source) != path;
        InputFile {
            source,
            path: apart.then(|| path.into_boxed_path()),
            format,
            container,
            compression: None,
            problem: problem.map(Box::new),
        }
    }

    /// Where to read the file of the input directory `root` (for a symlink, the link itself;
    /// the OS resolves it).
    pub fn path(&self, root: &Path) -> Cow<'_, Path> {
        match &self.path {
            Some(path) => Cow::Borrowed(path),
            None => Cow::Owned(root.join(&self.source)),
        }
    }
}

/// Size and modification time of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified_ns: Option<u64>,
}

impl Stamp {
    /// The stamp of the file at `path` (following a symlink; the link's own when it cannot
    /// be followed); zero when there is none.
    pub fn of(path: &Path) -> Stamp {
        let meta = std::fs::metadata(path).or_else(|_| std::fs::symlink_metadata(path));
        meta.map_or(Stamp::default(), |m| Stamp {
            size: m.len(),
            modified_ns: m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .and_then(|d| u64::try_from(d.as_nanos()).ok()),
        })
    }
}

/// A file that holds many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Container {
    /// `.jsonl`, `.ndjson`: one JSON object per line.
    JsonLines,
    /// `.csv` (`,`) and `.tsv` (tab): one row per document, under a header row.
    Csv(u8),
    /// `.warc`: one document per HTML or text `response` record.
    Warc,
    /// `.docx`: one document, its text converted.
    Docx,
    /// `.pdf`: one document, its text layer.
    Pdf,
}

impl Container {
    pub fn from_extension(extension: &str) -> Option<Container> {
        match extension.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Some(Container::JsonLines),
            "csv" => Some(Container::Csv(b',')),
            "tsv" => Some(Container::Csv(b'\t')),
            "warc" => Some(Container::Warc),
            "docx" => Some(Container::Docx),
            "pdf" => Some(Container::Pdf),
            _ => None,
        }
    }

    /// The word for a member in its source: `items.jsonl#line-42`, `export.csv#row-9`.
    fn member(self) -> &'static str {
        match self {
            Container::JsonLines => "line",
            Container::Csv(_) => "row",
            Container::Warc => "record",
            Container::Docx | Container::Pdf => "part",
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

impl Doc {
    /// A member that cannot be a document, and why.
    fn bad(source: String, format: Format, problem: String) -> Doc {
        Doc {
            source,
            format,
            bytes: Vec::new(),
            fields: BTreeMap::new(),
            problem: Some(problem),
        }
    }
}

/// The documents of a file, and what stopped the reading of the rest (a truncated archive, a
/// decompression bomb) with the size read: the file's own error record.
pub struct Docs {
    pub docs: Vec<Doc>,
    pub error: Option<(u64, DocumentError)>,
    /// Members that are not documents (WARC requests, images): counted in the report.
    pub skipped: u64,
}

/// Reads a file's documents: the bytes (within `input.max_file_bytes`), decompressed (within
/// `input.max_decompressed_bytes`), split when it is a container. `decode` gives the text of
/// a JSON Lines or CSV file that is not UTF-8 (a CSV exported in windows-1251), as the decode
/// stage reads it.
pub fn read_docs(
    file: &InputFile,
    config: &InputConfig,
    decode: impl Fn(&[u8]) -> Option<String>,
) -> Docs {
    let failed = |size, e| Docs {
        docs: Vec::new(),
        error: Some((size, e)),
        skipped: 0,
    };
    let raw = match read_file(&file.path(&config.dir), config.max_file_bytes) {
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
    let whole = |format, bytes, fields| Doc {
        source: file.source.clone(),
        format,
        bytes,
        fields,
        problem: None,
    };
    let converted = |text: Result<String, String>, from: &str| {
        let fields =
            BTreeMap::from([("converted_from".to_string(), serde_json::Value::from(from))]);
        match text {
            Ok(text) => whole(Format::Txt, text.into_bytes(), fields),
            Err(problem) => Doc::bad(file.source.clone(), Format::Txt, problem),
        }
    };
    let mut skipped = 0;
    let docs = match file.container {
        _ if error.is_some() && file.container.is_none_or(|c| !c.splits()) => Vec::new(),
        None => vec![whole(format, bytes, BTreeMap::new())],
        Some(Container::Docx) => vec![converted(docx::text(&bytes), "docx")],
        Some(Container::Pdf) => vec![converted(pdf::text(&bytes), "pdf")],
        Some(Container::Warc) => {
            let (docs, n) = warc::split(&file.source, &bytes, &config.records);
            skipped = n;
            docs
        }
        Some(container) => {
            let text = match std::str::from_utf8(&bytes) {
                Ok(_) => None,
                Err(_) => decode(&bytes),
            };
            let bytes = text.map_or(bytes, String::into_bytes);
            records::split(&file.source, container, format, &bytes, &config.records)
        }
    };
    Docs {
        docs,
        error,
        skipped,
    }
}

impl Container {
    /// Whether it holds many documents (whose part before a cut is worth keeping).
    fn splits(self) -> bool {
        matches!(
            self,
            Container::JsonLines | Container::Csv(_) | Container::Warc
        )
    }
}

fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, (u64, DocumentError)> {
    let read_error = |e: std::io::Error| {
        (
            0,
            DocumentError::new(Stage::Read, format!("cannot read: {e}")),
        )
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    let too_big = |size: u64, what: &str| {
        let message = format!("file {what} {size} bytes, above input.max_file_bytes = {max}");
        (size, DocumentError::new(Stage::Read, message))
    };
    if size > max {
        return Err(too_big(size, "is"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)
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
        for word in ["line-", "row-", "record-"] {
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
