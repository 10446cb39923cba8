//! The record: one per input file, the contract with downstream tools. Change it deliberately
//! and bump [`SCHEMA_VERSION`].

use crate::clean::boilerplate::Reason;
use crate::clean::Metadata;
use crate::decode::EncodingSource;
use crate::detect::segment::Segment;
use crate::document::{Format, Stage};

use crate::normalize::NormCounts;
use crate::text::{Lang, Script};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the record layout below.
pub const SCHEMA_VERSION: u32 = 3;

/// Whether the document was processed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Error,
}

/// Why a document failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordError {
    /// The stage that failed.
    pub stage: Stage,
    /// What went wrong, in words.
    pub message: String,
}

/// Text that boilerplate removal dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RemovedText {
    pub text: String,
    pub reason: Reason,
    /// 1-based line of the source file where the text starts.
    pub line: usize,
    /// Byte offset in the source file where the text starts.
    pub byte: usize,
    /// Language of the dropped text (a Russian hotline banner on an English page is `ru`).
    pub lang: Lang,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "tilmech record")]
pub struct Record {
    /// Stable identifier: the first 16 hex digits of SHA-256 over `source`, a NUL byte and the
    /// raw bytes. The same file at the same path always gets the same id.
    pub id: String,
    /// Path relative to the input directory, `/`-separated.
    pub source: String,
    pub status: Status,
    /// `null` when `status` is `ok`.
    pub error: Option<RecordError>,
    /// Input format from the file extension; `null` for unsupported extensions.
    pub format: Option<Format>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// `sha256:` and the hex SHA-256 of the raw bytes; `null` when the file could not be read.
    pub content_hash: Option<String>,
    /// WHATWG label of the encoding the bytes were in (`UTF-8`, `windows-1251`, ...); `null`
    /// when the bytes were not decoded.
    pub encoding: Option<String>,
    /// How the encoding was established.
    pub encoding_source: Option<EncodingSource>,
    /// U+FFFD replacement characters left in `text` (undecodable bytes).
    pub replacement_chars: u64,
    /// Repairs made while decoding: `mojibake:utf8-as-<encoding>` (windows-1251,
    /// windows-1252, latin-1, koi8, ibm866, x-mac-cyrillic, iso-8859-5), `html-entities`,
    /// `nul-bytes`.
    pub repairs: Vec<String>,
    /// Language covering most characters of `text`: ISO 639-1, ISO 639-3 where no 639-1 code
    /// exists, `und` when undetermined.
    pub lang: Lang,
    /// Mean confidence of the segments in `lang`, 0 to 1.
    pub lang_confidence: f64,
    /// ISO 15924 code of the script of most letters (`Zyyy`: no letters).
    pub script: Script,
    /// From `<title>` or the first `<h1>` in HTML, the first heading in Markdown.
    pub title: Option<String>,
    /// What the document says about itself: title, date, author, canonical URL, site name.
    pub metadata: Metadata,
    /// The clean text: paragraphs separated by a blank line, lines inside one by a newline.
    pub text: String,
    /// Text dropped as boilerplate, in the order of the document, with the reason and where
    /// it starts in the source file.
    pub removed: Vec<RemovedText>,
    /// Language spans of `text`, at least one per paragraph, in order.
    pub segments: Vec<Segment>,
    /// Normalization changes per kind.
    pub normalization: NormCounts,
    /// With `normalize.dedup_key = true`: `text` in lower case, ё folded to е, punctuation
    /// dropped, for finding near-duplicates; otherwise `null`.
    pub dedup_key: Option<String>,
    /// Characters (Unicode scalar values) in `text`.
    pub chars: u64,
    /// Words in `text` (runs of letters and digits).
    pub words: u64,
    pub schema_version: u32,
    /// Version of tilmech that wrote the record.
    pub tilmech_version: String,
}

/// Column names of records.csv, in order; the same as the JSON keys.
pub const CSV_HEADER: [&str; 25] = [
    "id",
    "source",
    "status",
    "error",
    "format",
    "bytes",
    "content_hash",
    "encoding",
    "encoding_source",
    "replacement_chars",
    "repairs",
    "lang",
    "lang_confidence",
    "script",
    "title",
    "metadata",
    "text",
    "removed",
    "segments",
    "normalization",
    "dedup_key",
    "chars",
    "words",
    "schema_version",
    "tilmech_version",
];

impl Record {
    /// The CSV row: scalars as text, `null` as an empty field, nested values as JSON.
    pub fn csv_row(&self) -> [String; 25] {
        fn json<T: Serialize>(v: &T) -> String {
            serde_json::to_string(v).expect("record values serialize")
        }
        /// A serialized enum without its JSON quotes.
        fn plain<T: Serialize>(v: &T) -> String {
            json(v).trim_matches('"').to_string()
        }
        fn opt<T: Serialize>(v: &Option<T>, f: fn(&T) -> String) -> String {
            v.as_ref().map(f).unwrap_or_default()
        }
        [
            self.id.clone(),
            self.source.clone(),
            plain(&self.status),
            opt(&self.error, json),
            opt(&self.format, plain),
            self.bytes.to_string(),
            self.content_hash.clone().unwrap_or_default(),
            self.encoding.clone().unwrap_or_default(),
            opt(&self.encoding_source, plain),
            self.replacement_chars.to_string(),
            json(&self.repairs),
            self.lang.code().to_string(),
            json(&self.lang_confidence),
            self.script.code().to_string(),
            self.title.clone().unwrap_or_default(),
            json(&self.metadata),
            self.text.clone(),
            json(&self.removed),
            json(&self.segments),
            json(&self.normalization),
            self.dedup_key.clone().unwrap_or_default(),
            self.chars.to_string(),
            self.words.to_string(),
            self.schema_version.to_string(),
            self.tilmech_version.clone(),
        ]
    }
}

/// The JSON Schema of a record, as printed by `tilmech schema`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Record);
    serde_json::to_string_pretty(&schema).expect("schema serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_matches_json_keys() {
        let record = Record {
            id: "0".into(),
            source: "a.txt".into(),
            status: Status::Ok,
            error: None,
            format: Some(Format::Txt),
            bytes: 1,
            content_hash: None,
            encoding: None,
            encoding_source: None,
            replacement_chars: 0,
            repairs: Vec::new(),
            lang: Lang::Und,
            lang_confidence: 0.0,
            script: Script::Zyyy,
            title: None,
            metadata: Metadata::default(),
            text: String::new(),
            removed: Vec::new(),
            segments: Vec::new(),
            normalization: NormCounts::new(),
            dedup_key: None,
            chars: 0,
            words: 0,
            schema_version: SCHEMA_VERSION,
            tilmech_version: "x".into(),
        };
        let json = serde_json::to_string(&record).unwrap();
        let keys: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json)
                .unwrap()
                .keys()
                .cloned()
                .collect();
        let mut header: Vec<String> = CSV_HEADER.iter().map(|s| s.to_string()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        header.sort();
        assert_eq!(sorted, header);
        assert_eq!(record.csv_row()[2], "ok");
    }

    #[test]
    fn schema_names_every_field() {
        let schema = json_schema();
        for key in CSV_HEADER {
            assert!(
                schema.contains(&format!("\"{key}\"")),
                "{key} missing from schema"
            );
        }
    }
}
