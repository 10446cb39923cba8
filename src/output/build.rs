//! The one place a record is made: from what the stages produced for a document (or the error
//! that stopped them), converted into the record's own types.

use super::record::{
    EncodingName, EncodingSource, Metadata, NormalizationKind, Record, RecordError, RemovedReason,
    RemovedText, Repair, Segment, Status, TranslatedSpan, TranslationOut, SCHEMA_VERSION,
};
use crate::clean::boilerplate::{Reason, Removed};
use crate::decode::{self, Decoded, SourceMap};
use crate::detect::segment::{self, round4};
use crate::document::Format;
use crate::error::DocumentError;
use crate::normalize::{NormCounts, NormKind};
use crate::text::{count_words, Lang, Script, ScriptProfile};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A document as it was read: `bytes` is `None` when it could not be (then `size` is what the
/// file system said, or 0).
pub struct Source<'a> {
    pub source: &'a str,
    pub format: Option<Format>,
    pub bytes: Option<&'a [u8]>,
    pub size: u64,
}

/// The text stages' result for one document.
pub struct Content {
    pub metadata: crate::clean::Metadata,
    pub text: String,
    pub removed: Vec<Removed>,
    pub segments: Vec<segment::Segment>,
    pub normalization: NormCounts,
    /// The normalized text (`normalize::dedup_key`), what duplicates and quality signals are
    /// measured on ...
    pub key: String,
    /// ... and whether the record shows it.
    pub with_dedup_key: bool,
    /// The romanized text, when the config asks for it.
    pub translit: Option<String>,
    /// The translation, or why it failed, when a backend is configured.
    pub translation: Option<Result<crate::translate::Translation, String>>,
}

/// What became of a document.
pub enum Outcome {
    /// Boxed: the failures are the many small ones.
    Processed(Box<(Decoded, Content)>),
    /// The error that stopped it, and the encoding if it got that far.
    Failed(
        DocumentError,
        Option<(&'static encoding_rs::Encoding, decode::EncodingSource)>,
    ),
}

/// The record of a document.
pub fn build(doc: &Source, outcome: Outcome) -> Record {
    let bytes = doc.bytes.unwrap_or(b"");
    let mut record = Record {
        id: record_id(doc.source, bytes),
        source: doc.source.to_string(),
        status: Status::Error,
        error: None,
        format: doc.format,
        bytes: doc.bytes.map_or(doc.size, |b| b.len() as u64),
        content_hash: doc.bytes.map(|b| format!("sha256:{:x}", Sha256::digest(b))),
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
        normalization: BTreeMap::new(),
        dedup_key: None,
        chars: 0,
        words: 0,
        translit: None,
        translation: None,
        translation_error: None,
        duplicate_of: None,
        duplicate_kind: None,
        duplicate_similarity: None,
        quality: None,
        schema_version: SCHEMA_VERSION,
        tilmech_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    match outcome {
        Outcome::Processed(processed) => {
            let (decoded, content) = *processed;
            fill(&mut record, bytes, decoded, content)
        }
        Outcome::Failed(e, encoding) => {
            record.encoding = encoding.map(|(e, _)| EncodingName(e));
            record.encoding_source = encoding.map(|(_, s)| encoding_source(s));
            record.error = Some(RecordError {
                stage: e.stage,
                message: e.message,
            });
        }
    }
    record
}

/// The fields of a processed document.
fn fill(record: &mut Record, bytes: &[u8], d: Decoded, c: Content) {
    let (lang, lang_confidence) = main_language(&c.segments);
    record.status = if c.text.is_empty() {
        Status::Filtered
    } else {
        Status::Ok
    };
    record.encoding = Some(EncodingName(d.encoding));
    record.encoding_source = Some(encoding_source(d.source));
    record.replacement_chars = d.replacement_chars;
    record.repairs = d.repairs.iter().map(repair).collect();
    record.removed = if c.removed.is_empty() {
        Vec::new()
    } else {
        let map = SourceMap::new(bytes, &d.text, d.encoding);
        c.removed.into_iter().map(|r| removed(r, &map)).collect()
    };
    record.lang = lang;
    record.lang_confidence = lang_confidence;
    record.script = ScriptProfile::of(&c.text).dominant();
    record.title = c.metadata.title.clone();
    record.metadata = metadata(c.metadata);
    record.chars = c.text.chars().count() as u64;
    record.words = count_words(&c.text);
    record.segments = c.segments.into_iter().map(segment).collect();
    record.normalization = c
        .normalization
        .into_iter()
        .map(|(k, n)| (normalization_kind(k), n))
        .collect();
    record.quality =
        (!c.text.is_empty()).then(|| crate::dedup::quality::measure(&c.text, &c.key, lang));
    record.dedup_key = c.with_dedup_key.then_some(c.key);
    record.translit = c.translit;
    match c.translation {
        Some(Ok(t)) => record.translation = Some(translation(t)),
        Some(Err(e)) => record.translation_error = Some(e),
        None => {}
    }
    record.text = c.text;
}

/// Takes what a container said about a member into its record: the configured title, URL and
/// date fields (where the text gave none), the others into `metadata.fields`.
pub fn add_fields(
    record: &mut Record,
    fields: &BTreeMap<String, serde_json::Value>,
    names: &crate::config::RecordsConfig,
) {
    for (key, value) in fields {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        let slot = match key {
            k if *k == names.title_field => &mut record.metadata.title,
            k if *k == names.url_field => &mut record.metadata.url,
            k if *k == names.date_field => &mut record.metadata.date,
            _ => {
                record.metadata.fields.insert(key.clone(), text);
                continue;
            }
        };
        slot.get_or_insert(text);
    }
    if record.title.is_none() {
        record.title = record.metadata.title.clone();
    }
}

/// Sets (or clears) a record's duplicate fields from the verdict of the run's index.
pub fn mark_duplicate(record: &mut Record, duplicate: Option<crate::dedup::Duplicate>) {
    record.duplicate_of = duplicate.as_ref().map(|d| d.of.clone());
    record.duplicate_kind = duplicate.as_ref().map(|d| d.kind);
    record.duplicate_similarity = duplicate.map(|d| d.similarity);
}

fn translation(t: crate::translate::Translation) -> TranslationOut {
    TranslationOut {
        backend: t.backend.to_string(),
        source_langs: t.source_langs,
        target: t.target,
        text: t.text,
        segments: t
            .segments
            .into_iter()
            .map(|s| TranslatedSpan {
                start: s.start,
                end: s.end,
                lang: s.lang,
                translated: s.translated,
            })
            .collect(),
    }
}

/// The language of most characters (`und` only if nothing else was found) and the mean
/// confidence of its segments, weighted by length.
fn main_language(segments: &[segment::Segment]) -> (Lang, f64) {
    let mut chars_by_lang: BTreeMap<Lang, (usize, f64)> = BTreeMap::new();
    for s in segments {
        let len = s.end - s.start;
        let entry = chars_by_lang.entry(s.lang).or_default();
        entry.0 += len;
        entry.1 += s.confidence * len as f64;
    }
    let (lang, (len, weighted)) = chars_by_lang
        .iter()
        .filter(|(l, _)| **l != Lang::Und)
        .max_by_key(|(_, (len, _))| *len)
        .or_else(|| chars_by_lang.iter().next())
        .map(|(l, v)| (*l, *v))
        .unwrap_or((Lang::Und, (0, 0.0)));
    let confidence = if len > 0 {
        round4(weighted / len as f64)
    } else {
        0.0
    };
    (lang, confidence)
}

/// First 16 hex digits of SHA-256 over the source path, a NUL byte and the raw bytes.
fn record_id(source: &str, bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    h.update([0u8]);
    h.update(bytes);
    format!("{:x}", h.finalize())[..16].to_string()
}

fn removed(r: Removed, map: &SourceMap) -> RemovedText {
    let at = map.position(r.start);
    RemovedText {
        text: r.text,
        reason: match r.reason {
            Reason::Repeated => RemovedReason::Repeated,
            Reason::Phrase => RemovedReason::Phrase,
            Reason::Notice => RemovedReason::Notice,
            Reason::Contact => RemovedReason::Contact,
            Reason::Menu => RemovedReason::Menu,
            Reason::Footer => RemovedReason::Footer,
            Reason::Symbols => RemovedReason::Symbols,
            Reason::Markup => RemovedReason::Markup,
            Reason::Links => RemovedReason::Links,
            Reason::NotMain => RemovedReason::NotMain,
        },
        line: at.line,
        byte: at.byte,
        lang: r.lang,
    }
}

fn repair(r: &decode::Repair) -> Repair {
    match r {
        decode::Repair::NulBytes => Repair::NulBytes,
        decode::Repair::HtmlEntities => Repair::HtmlEntities,
        decode::Repair::C1Controls => Repair::C1Controls,
        decode::Repair::Mojibake(m) => Repair::Mojibake(m.name().to_string()),
    }
}

fn encoding_source(s: decode::EncodingSource) -> EncodingSource {
    match s {
        decode::EncodingSource::Pinned => EncodingSource::Pinned,
        decode::EncodingSource::Bom => EncodingSource::Bom,
        decode::EncodingSource::Utf8 => EncodingSource::Utf8,
        decode::EncodingSource::Utf16Pattern => EncodingSource::Utf16Pattern,
        decode::EncodingSource::Detector => EncodingSource::Detector,
        decode::EncodingSource::Scorer => EncodingSource::Scorer,
    }
}

fn metadata(m: crate::clean::Metadata) -> Metadata {
    Metadata {
        title: m.title,
        date: m.date,
        author: m.author,
        url: m.url,
        site_name: m.site_name,
        fields: BTreeMap::new(),
    }
}

fn segment(s: segment::Segment) -> Segment {
    Segment {
        start: s.start,
        end: s.end,
        lang: s.lang,
        confidence: s.confidence,
        script: s.script,
    }
}

fn normalization_kind(k: NormKind) -> NormalizationKind {
    match k {
        NormKind::Unicode => NormalizationKind::Unicode,
        NormKind::Control => NormalizationKind::Control,
        NormKind::Compat => NormalizationKind::Compat,
        NormKind::Hyphenation => NormalizationKind::Hyphenation,
        NormKind::Quote => NormalizationKind::Quote,
        NormKind::Dash => NormalizationKind::Dash,
        NormKind::Space => NormalizationKind::Space,
        NormKind::Homoglyph => NormalizationKind::Homoglyph,
        NormKind::KyLetter => NormalizationKind::KyLetter,
        NormKind::KyRestore => NormalizationKind::KyRestore,
    }
}
