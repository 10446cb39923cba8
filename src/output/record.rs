//! The record: one per input file, the contract with downstream tools. Its types are its own,
//! not the stages' (they are converted in `build.rs`), so that a change inside a stage cannot
//! change what downstream tools import unseen. Change it deliberately and bump
//! [`SCHEMA_VERSION`].

use crate::document::{Format, Stage};
use crate::text::{Lang, Script};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the record layout below.
pub const SCHEMA_VERSION: u32 = 8;

/// Whether the document was processed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Everything extracted was boilerplate: `text` is empty and `removed` says why.
    Filtered,
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

/// How the encoding of a document was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingSource {
    /// `decode.pin` in the config.
    Pinned,
    /// A byte order mark.
    Bom,
    /// The bytes are valid UTF-8 (or nearly).
    Utf8,
    /// The zero-byte pattern of UTF-16 text without a byte order mark.
    Utf16Pattern,
    /// The encoding detector, confirmed by tilmech's scorer.
    Detector,
    /// tilmech's Cyrillic scorer, overruling the detector.
    Scorer,
}

/// An encoding, written as its WHATWG name (`UTF-8`, `windows-1251`, `KOI8-U`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct EncodingName(pub &'static encoding_rs::Encoding);

impl From<EncodingName> for String {
    fn from(e: EncodingName) -> String {
        e.0.name().to_string()
    }
}

impl TryFrom<String> for EncodingName {
    type Error = String;
    fn try_from(name: String) -> Result<Self, String> {
        encoding_rs::Encoding::for_label(name.as_bytes())
            .map(EncodingName)
            .ok_or_else(|| format!("unknown encoding `{name}`"))
    }
}

/// A repair made while decoding, written `nul-bytes`, `html-entities`, `c1-controls` or
/// `mojibake:utf8-as-<encoding>` (windows-1251, windows-1252, latin-1, koi8, ibm866,
/// x-mac-cyrillic, iso-8859-5, windows-1250, iso-8859-2, windows-1253, windows-1254,
/// windows-1257, mac-roman, cp437).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Repair {
    NulBytes,
    HtmlEntities,
    /// C1 control characters read as windows-1252 punctuation.
    C1Controls,
    /// UTF-8 that had been read through this encoding.
    Mojibake(String),
}

impl From<Repair> for String {
    fn from(r: Repair) -> String {
        match r {
            Repair::NulBytes => "nul-bytes".to_string(),
            Repair::HtmlEntities => "html-entities".to_string(),
            Repair::C1Controls => "c1-controls".to_string(),
            Repair::Mojibake(through) => format!("mojibake:utf8-as-{through}"),
        }
    }
}

impl TryFrom<String> for Repair {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "nul-bytes" => Ok(Repair::NulBytes),
            "html-entities" => Ok(Repair::HtmlEntities),
            "c1-controls" => Ok(Repair::C1Controls),
            _ => s
                .strip_prefix("mojibake:utf8-as-")
                .map(|through| Repair::Mojibake(through.to_string()))
                .ok_or_else(|| format!("unknown repair `{s}`")),
        }
    }
}

/// Types written as plain strings: their schema is a string in place, as in schema 2.
macro_rules! plain_string_schema {
    ($($name:ident),*) => {$(
        impl JsonSchema for $name {
            fn schema_name() -> String {
                stringify!($name).to_string()
            }
            fn is_referenceable() -> bool {
                false
            }
            fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
                String::json_schema(gen)
            }
        }
    )*};
}

plain_string_schema!(EncodingName, Repair);

/// What a document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// `og:title`, `<title>` or the first `<h1>` (HTML); the first heading (Markdown).
    pub title: Option<String>,
    /// Publication date as the page gives it (`article:published_time`, `<time datetime>`).
    pub date: Option<String>,
    pub author: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`).
    pub url: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// For a document from a JSON Lines or CSV input: the other fields of its line or row
    /// (values that are not text as JSON).
    pub fields: BTreeMap<String, String>,
}

/// Why text was removed as boilerplate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "Reason")]
pub enum RemovedReason {
    /// The line recurs in many documents of the batch.
    Repeated,
    /// A known navigation, banner or notice phrase.
    Phrase,
    /// A donor, implementer or copyright statement.
    Notice,
    /// Contact details: phone, fax, e-mail, address, website.
    Contact,
    /// A menu: a run of short lines, a one-line menu or a breadcrumb, a page header.
    Menu,
    /// A short line in the footer zone after the article.
    Footer,
    /// A line without words.
    Symbols,
    /// An HTML element that is not content (nav, aside, footer, form, share and menu blocks).
    Markup,
    /// A list of other headlines.
    Links,
    /// Page text outside the main content, as the main-content extractor judged.
    NotMain,
}

/// A span of `text` in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Segment {
    /// Offset of the first character, in Unicode scalar values into `text`.
    pub start: usize,
    /// Offset just past the last character (exclusive), in Unicode scalar values.
    pub end: usize,
    pub lang: Lang,
    pub confidence: f64,
    pub script: Script,
}

/// What normalization changed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NormalizationKind {
    Unicode,
    Control,
    Compat,
    Hyphenation,
    Quote,
    Dash,
    Space,
    Homoglyph,
    KyLetter,
    KyRestore,
}

/// Text that boilerplate removal dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Removed")]
pub struct RemovedText {
    pub text: String,
    pub reason: RemovedReason,
    /// 1-based line of the source file where the text starts.
    pub line: usize,
    /// Byte offset in the source file where the text starts.
    pub byte: usize,
    /// Language of the dropped text (a Russian hotline banner on an English page is `ru`).
    pub lang: Lang,
}

/// A document's text in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Translation")]
pub struct TranslationOut {
    /// `libretranslate`, `apertium` or `command`.
    pub backend: String,
    /// The languages whose segments were sent.
    pub source_langs: Vec<Lang>,
    pub target: Lang,
    pub text: String,
    /// One per segment of the record, in order: its span in `text` (Unicode scalar values,
    /// `end` exclusive), its language, and whether it was translated or copied.
    pub segments: Vec<TranslatedSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TranslatedSpan {
    pub start: usize,
    pub end: usize,
    pub lang: Lang,
    pub translated: bool,
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
    pub encoding: Option<EncodingName>,
    /// How the encoding was established.
    pub encoding_source: Option<EncodingSource>,
    /// U+FFFD replacement characters left in `text` (undecodable bytes).
    pub replacement_chars: u64,
    /// Repairs made while decoding: `mojibake:utf8-as-<encoding>` (the encodings of
    /// [`Repair`]), `c1-controls`, `html-entities`, `nul-bytes`.
    pub repairs: Vec<Repair>,
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
    pub normalization: BTreeMap<NormalizationKind, u64>,
    /// With `normalize.dedup_key = true`: `text` in lower case, ё folded to е, punctuation
    /// dropped, for finding near-duplicates; otherwise `null`.
    pub dedup_key: Option<String>,
    /// Characters (Unicode scalar values) in `text`.
    pub chars: u64,
    /// Words in `text` (runs of letters and digits).
    pub words: u64,
    /// With `translit.enabled`: `text` romanized segment by segment (Kyrgyz by
    /// `translit.ky`, other Cyrillic by `translit.ru`); otherwise `null`.
    pub translit: Option<String>,
    /// With a `translate.backend`: `text` in the target language; `null` when off or failed.
    pub translation: Option<TranslationOut>,
    /// Why the translation failed (`translate.on_failure = "skip"`); otherwise `null`.
    pub translation_error: Option<String>,
    /// `id` of the first document (in source order) of the cluster this one duplicates;
    /// `null` for that first one, for unique documents and with `dedup.enabled = false`.
    pub duplicate_of: Option<String>,
    /// `exact` (the same normalized text) or `near` (similar word shingles).
    pub duplicate_kind: Option<crate::dedup::DuplicateKind>,
    /// Estimated Jaccard similarity of word shingles to the document it matched (1 for exact).
    pub duplicate_similarity: Option<f64>,
    /// Quality signals of `text` (Gopher and C4 definitions); `null` when it is empty.
    pub quality: Option<crate::dedup::quality::Quality>,
    pub schema_version: u32,
    /// Version of tilmech that wrote the record.
    pub tilmech_version: String,
}

/// Column names of records.csv, in order; the same as the JSON keys.
pub const CSV_HEADER: [&str; 32] = [
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
    "translit",
    "translation",
    "translation_error",
    "duplicate_of",
    "duplicate_kind",
    "duplicate_similarity",
    "quality",
    "schema_version",
    "tilmech_version",
];

impl Record {
    /// The CSV row: scalars as text, `null` as an empty field, nested values as JSON.
    pub fn csv_row(&self) -> [String; 32] {
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
            opt(&self.encoding, plain),
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
            self.translit.clone().unwrap_or_default(),
            opt(&self.translation, json),
            self.translation_error.clone().unwrap_or_default(),
            self.duplicate_of.clone().unwrap_or_default(),
            opt(&self.duplicate_kind, plain),
            opt(&self.duplicate_similarity, json),
            opt(&self.quality, json),
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
        let doc = super::super::build::Source {
            source: "a.txt",
            format: Some(Format::Txt),
            bytes: Some(b"x"),
            size: 1,
        };
        let failed = crate::error::DocumentError::new(Stage::Decode, "test");
        let mut record = super::super::build::build(
            &doc,
            super::super::build::Outcome::Failed(
                failed,
                Some((encoding_rs::UTF_8, crate::decode::EncodingSource::Utf8)),
            ),
        );
        record.status = Status::Ok;
        record.repairs = vec![Repair::Mojibake("koi8".into()), Repair::NulBytes];
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
        assert_eq!(record.csv_row()[7], "UTF-8");
        assert_eq!(
            record.csv_row()[10],
            r#"["mojibake:utf8-as-koi8","nul-bytes"]"#
        );
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
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
