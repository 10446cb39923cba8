//! `pipeline.toml`: one validated configuration from which every stage is built.

use crate::error::ConfigError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The whole pipeline configuration.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where documents come from.
    pub input: InputConfig,
    /// Where records go.
    pub output: OutputConfig,
    /// Parallelism and batching.
    pub run: RunConfig,
    /// Byte decoding.
    pub decode: DecodeConfig,
    /// Text extraction and paragraph structure.
    pub clean: CleanConfig,
    /// Boilerplate removal.
    pub boilerplate: BoilerplateConfig,
    /// Unicode and typography normalization.
    pub normalize: NormalizeConfig,
    /// Language identification.
    pub detect: DetectConfig,
    /// `run --stdin-jsonl`: the fields of the JSON objects read.
    pub stream: StreamConfig,
    /// Romanization of Kyrgyz and Russian segments.
    pub translit: TranslitConfig,
    /// Machine translation through a backend.
    pub translate: TranslateConfig,
    /// Exact and near duplicates.
    pub dedup: DedupConfig,
}

/// `[dedup]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DedupConfig {
    /// Mark duplicates in `duplicate_of`, `duplicate_kind`, `duplicate_similarity`.
    pub enabled: bool,
    /// Estimated Jaccard similarity of word shingles from which two texts are near duplicates.
    pub threshold: f64,
    /// Share of the smaller text's shingles found in the other from which the two are near
    /// duplicates (a copy with paragraphs dropped); 1 turns this rule off.
    pub containment: f64,
    /// Words per shingle.
    pub shingle_words: usize,
    /// LSH bands the 128-slot signature is cut into (a divisor of 128): more bands find
    /// pairs of lower similarity as candidates, at more comparisons.
    pub bands: usize,
    /// Texts with fewer words are only compared exactly.
    pub min_words: usize,
    /// Leave duplicates out of the record files (they stay in the state and the report).
    pub drop: bool,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            enabled: true,
            threshold: 0.5,
            containment: 0.8,
            shingle_words: 3,
            bands: 32,
            min_words: 30,
            drop: false,
        }
    }
}

/// `[translit]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TranslitConfig {
    /// Add `translit` to each record: every segment romanized by the scheme of its language.
    pub enabled: bool,
    /// Scheme for Kyrgyz segments: `ky-bgn` or `ky-ascii`.
    pub ky: crate::translate::translit::Scheme,
    /// Scheme for Russian (and other Cyrillic) segments: `ru-bgn` or `ru-iso9`.
    pub ru: crate::translate::translit::Scheme,
}

impl Default for TranslitConfig {
    fn default() -> Self {
        TranslitConfig {
            enabled: false,
            ky: crate::translate::translit::Scheme::KyBgn,
            ru: crate::translate::translit::Scheme::RuBgn,
        }
    }
}

/// Which translation backend, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// No translation; no network connection is opened.
    None,
    /// The LibreTranslate HTTP API (also LTEngine): `POST {url}/translate`.
    Libretranslate,
    /// The Apertium APy HTTP API: `GET {url}/translate?langpair=…&q=…`.
    Apertium,
    /// An external command reading JSON Lines requests on stdin, answering on stdout.
    Command,
}

/// What becomes of a document whose translation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OnFailure {
    /// The record stays, with `translation_error` saying why.
    Skip,
    /// The record becomes an error record (stage `translate`).
    Fail,
}

/// `[translate]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TranslateConfig {
    /// `none`, `libretranslate`, `apertium` or `command`.
    pub backend: Backend,
    /// Base URL of the LibreTranslate or APy server.
    pub url: String,
    /// Name of the environment variable holding the LibreTranslate API key (the key itself is
    /// never in the config, the logs or the records).
    pub api_key_env: String,
    /// The command backend: program and arguments.
    pub command: Vec<String>,
    /// Languages whose segments are translated.
    pub source_langs: Vec<crate::text::Lang>,
    /// Language translated into; segments already in it are copied.
    pub target: crate::text::Lang,
    /// Backend codes for tilmech's languages where they differ from the default (Apertium:
    /// ISO 639-3 such as `kir`; the others: ISO 639-1).
    pub codes: std::collections::BTreeMap<crate::text::Lang, String>,
    /// Segments sent in one request (LibreTranslate, command).
    pub batch_size: usize,
    /// Requests in flight at once, over the whole run.
    pub max_concurrent: usize,
    /// Seconds one request may take.
    pub timeout_seconds: f64,
    /// Attempts after the first, on timeouts, connection errors, 429 and 5xx answers.
    pub retries: u32,
    /// First wait before a retry, doubled each time (a `Retry-After` answer is honoured up to
    /// 60 s).
    pub backoff_seconds: f64,
    /// Translation cache file in the output directory (`""`: no cache).
    pub cache: String,
    /// `skip` (keep the record, with `translation_error`) or `fail` (an error record).
    pub on_failure: OnFailure,
}

impl Default for TranslateConfig {
    fn default() -> Self {
        TranslateConfig {
            backend: Backend::None,
            url: "http://127.0.0.1:5000".to_string(),
            api_key_env: "LIBRETRANSLATE_API_KEY".to_string(),
            command: Vec::new(),
            source_langs: vec![crate::text::Lang::Ky, crate::text::Lang::Ru],
            target: crate::text::Lang::En,
            codes: Default::default(),
            batch_size: 16,
            max_concurrent: 4,
            timeout_seconds: 30.0,
            retries: 3,
            backoff_seconds: 1.0,
            cache: "translation-cache.jsonl".to_string(),
            on_failure: OnFailure::Skip,
        }
    }
}

/// `[input]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputConfig {
    /// Directory walked recursively, in sorted order, without following symlinks out of it.
    pub dir: PathBuf,
    /// File extensions read as documents (case-insensitive, without the dot).
    pub extensions: Vec<String>,
    /// What to do with files whose extension is not listed: `error` (an error record) or
    /// `skip` (listed in report.json only).
    pub unsupported: Unsupported,
    /// Files larger than this many bytes get an error record instead of being read.
    pub max_file_bytes: u64,
    /// A compressed file that decompresses to more than this many bytes is an error record
    /// (a decompression bomb); it bounds the memory one file can take.
    pub max_decompressed_bytes: u64,
    /// The fields of JSON Lines and CSV/TSV inputs.
    pub records: RecordsConfig,
}

/// `[input.records]`: JSON Lines objects and CSV/TSV rows, one document each.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RecordsConfig {
    /// Field (column) holding the document's text.
    pub text_field: String,
    /// Field with the document's title (into `title` and `metadata.title`).
    pub title_field: String,
    /// Field with its URL (into `metadata.url`).
    pub url_field: String,
    /// Field with its date (into `metadata.date`).
    pub date_field: String,
    /// How the text is read: `txt`, `md` or `html`.
    pub format: crate::document::Format,
}

impl Default for RecordsConfig {
    fn default() -> Self {
        RecordsConfig {
            text_field: "text".to_string(),
            title_field: "title".to_string(),
            url_field: "url".to_string(),
            date_field: "date".to_string(),
            format: crate::document::Format::Txt,
        }
    }
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            dir: PathBuf::from("input"),
            extensions: [
                "txt", "md", "html", "htm", "jsonl", "ndjson", "csv", "tsv", "warc", "docx", "pdf",
            ]
            .map(String::from)
            .to_vec(),
            unsupported: Unsupported::Error,
            max_file_bytes: 50 * 1024 * 1024,
            max_decompressed_bytes: 256 * 1024 * 1024,
            records: RecordsConfig::default(),
        }
    }
}

/// What happens to a file whose extension is not in `input.extensions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unsupported {
    Error,
    Skip,
}

/// `[output]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Directory for records.jsonl, records.csv and report.json (created if missing).
    pub dir: PathBuf,
    /// Record formats to write: any of `jsonl`, `csv`, `parquet`. report.json is always
    /// written.
    pub formats: Vec<OutputFormat>,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            dir: PathBuf::from("output"),
            formats: vec![OutputFormat::Jsonl, OutputFormat::Csv],
        }
    }
}

/// A record file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Jsonl,
    Csv,
    Parquet,
}

/// `[run]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RunConfig {
    /// Worker threads; 0 means one per CPU core.
    pub threads: usize,
    /// Documents processed in parallel before their records are written in order; bounds memory.
    pub batch_size: usize,
    /// Seconds one document may take in each pass over it; past that it becomes an error
    /// record and the run goes on. 0 means no limit.
    pub max_seconds_per_document: f64,
    /// Seconds to wait for another run that holds the output directory's lock; 0 gives up at
    /// once.
    pub wait_lock_seconds: f64,
    /// How `run --incremental` tells that an input changed since the last run.
    pub change_check: ChangeCheck,
    /// What `run --incremental` does with the records of inputs that are gone.
    pub deleted: DeletedInputs,
}

/// How an incremental run tells a changed input from an unchanged one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeCheck {
    /// Size and modification time, as make does: nothing is read for an unchanged file, and a
    /// touched file is processed again.
    Mtime,
    /// The SHA-256 of the content: every file is read, and only a different content counts
    /// (for trees copied with new modification times).
    Content,
}

/// What an incremental run does with the record of an input that is gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeletedInputs {
    /// The record stays in the output (and is counted as `deleted` in the report).
    Keep,
    /// The record leaves the output.
    Remove,
}

/// `[stream]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct StreamConfig {
    /// Field of each JSON object that becomes the record's `source` (a string or a number);
    /// when missing, the line number (`stdin#line-7`).
    pub id_field: String,
    /// Field holding the document's text.
    pub text_field: String,
    /// How the text is read: `txt`, `md` or `html`.
    pub format: crate::document::Format,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            id_field: "id".to_string(),
            text_field: "text".to_string(),
            format: crate::document::Format::Txt,
        }
    }
}

impl RunConfig {
    /// The per-document budget, `None` when unlimited.
    pub fn document_budget(&self) -> Option<std::time::Duration> {
        (self.max_seconds_per_document > 0.0)
            .then(|| std::time::Duration::from_secs_f64(self.max_seconds_per_document))
    }
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            threads: 0,
            batch_size: 256,
            max_seconds_per_document: 300.0,
            wait_lock_seconds: 0.0,
            change_check: ChangeCheck::Mtime,
            deleted: DeletedInputs::Keep,
        }
    }
}

/// `[decode]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DecodeConfig {
    /// Above this share of U+FFFD replacement characters in the decoded text, the document
    /// is an error (`undecodable`) rather than a record full of holes.
    pub max_replacement_ratio: f64,
    /// Repair mojibake and (in plain text) HTML character references.
    pub repair: bool,
    /// Encodings pinned per glob of the source path, tried in order: `[[decode.pin]]`.
    pub pin: Vec<EncodingPin>,
}

/// One `[[decode.pin]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EncodingPin {
    /// Glob over the path relative to the input directory (`legacy/**/*.txt`).
    pub glob: String,
    /// WHATWG encoding label (`koi8-r`, `windows-1251`, `ibm866`, ...).
    pub encoding: String,
}

impl Default for DecodeConfig {
    fn default() -> Self {
        DecodeConfig {
            max_replacement_ratio: 0.05,
            repair: true,
            pin: Vec::new(),
        }
    }
}

/// `[clean]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// Off: text is taken as decoded (HTML tags and Markdown syntax stay), split on blank lines.
    pub enabled: bool,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig { enabled: true }
    }
}

/// `[boilerplate]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BoilerplateConfig {
    /// Off: every extracted line stays in `text`.
    pub enabled: bool,
    /// `low`: only phrase lists, notices and lines repeated across documents; `normal` also
    /// contact lines, menu runs and the footer zone.
    pub aggressiveness: Aggressiveness,
    /// A line in at least this many documents of the run is boilerplate.
    pub repeat_min_docs: u32,
    /// ... and in at least this share of them (for large runs).
    pub repeat_min_share: f64,
    /// Extra phrases that mark a short line as boilerplate (case-insensitive, whole line or
    /// line start).
    pub phrases: Vec<String>,
    /// Write removed lines to `removed.jsonl` beside the records instead of into each record.
    pub removed_sidecar: bool,
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            enabled: true,
            aggressiveness: Aggressiveness::Normal,
            repeat_min_docs: 3,
            repeat_min_share: 0.01,
            phrases: Vec::new(),
            removed_sidecar: false,
        }
    }
}

/// How much boilerplate removal dares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggressiveness {
    Low,
    Normal,
}

/// `[normalize]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct NormalizeConfig {
    /// Off: no normalizer runs.
    pub enabled: bool,
    /// Unicode normalization form: `nfc` (keeps compatibility characters) or `nfkc`.
    pub unicode_form: UnicodeForm,
    /// Control characters, zero-width spaces, stray BOMs and soft hyphens are removed.
    pub controls: bool,
    /// Ligatures (ﬁ) and fullwidth forms (Ａ) become plain letters.
    pub compat: bool,
    /// Words hyphenated across a line break are joined.
    pub hyphenation: bool,
    /// Typographic quotes: `keep` as written, or fold to ASCII `"` and `'`.
    pub quotes: Policy,
    /// Dashes: `keep` as written, or fold to ASCII `-`.
    pub dashes: Policy,
    /// NBSP and other spaces become a plain space, runs collapse, lines are trimmed.
    pub spaces: bool,
    /// Latin (and Greek) lookalikes inside Cyrillic words become Cyrillic (Latin o → о).
    pub homoglyphs: bool,
    /// In Kyrgyz segments, lookalikes of ң ө ү (ӊ, ѳ, ұ, ö, ü) become the Kyrgyz letters.
    pub ky_letters: bool,
    /// In Kyrgyz segments typed without any ң ө ү, words the built-in list is sure of get them
    /// back (кун → күн). Off by default: a rare correct word can be changed.
    pub ky_restore: bool,
    /// Records get a `dedup_key`: lower case, ё folded to е, no punctuation (`text` keeps ё).
    pub dedup_key: bool,
}

/// Keep typographic marks as written, or fold them to ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    Keep,
    Ascii,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            enabled: true,
            unicode_form: UnicodeForm::Nfc,
            controls: true,
            compat: true,
            hyphenation: true,
            quotes: Policy::Keep,
            dashes: Policy::Keep,
            spaces: true,
            homoglyphs: true,
            ky_letters: true,
            ky_restore: false,
            dedup_key: false,
        }
    }
}

/// A Unicode normalization form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnicodeForm {
    Nfc,
    Nfkc,
}

/// `[detect]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DetectConfig {
    /// Off: every segment is `und`.
    pub enabled: bool,
    /// Cyrillic n-gram model file; empty means the model built into the binary.
    pub model: Option<PathBuf>,
    /// Short (under 16 letters), numeric, URL-like or symbol-heavy text below this confidence
    /// is labelled `und`; real sentences always get their best language.
    pub min_confidence: f64,
    /// Texts with fewer letters than this are `und`.
    pub min_letters: usize,
    /// A sentence inside a paragraph becomes its own segment only if it has at least this
    /// many letters and its language differs confidently from the paragraph's.
    pub segment_min_letters: usize,
}

impl Default for DetectConfig {
    fn default() -> Self {
        DetectConfig {
            enabled: true,
            model: None,
            min_confidence: 0.25,
            min_letters: 3,
            segment_min_letters: 24,
        }
    }
}

impl Config {
    /// Reads and validates a config file. Paths in it are relative to the working directory.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// Parses and validates config text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks the values serde cannot: ranges and non-empty lists.
    pub fn validate(&self) -> Result<(), ConfigError> {
        fn invalid(key: &'static str, message: &str) -> Result<(), ConfigError> {
            Err(ConfigError::Invalid {
                key,
                message: message.to_string(),
            })
        }
        if self.input.extensions.is_empty() {
            return invalid("input.extensions", "must list at least one extension");
        }
        if let Some(bad) = self.input.extensions.iter().find(|e| {
            crate::document::Format::from_extension(e).is_none()
                && crate::input::Container::from_extension(e).is_none()
        }) {
            return Err(ConfigError::Invalid {
                key: "input.extensions",
                message: format!(
                    "lists `{bad}`, which tilmech cannot read (txt, md, html, htm, jsonl, ndjson, csv, tsv, warc, docx, pdf; any of them compressed)"
                ),
            });
        }
        if self.input.max_file_bytes == 0 {
            return invalid("input.max_file_bytes", "must be greater than 0");
        }
        if self.output.formats.is_empty() {
            return invalid(
                "output.formats",
                "must list at least one of jsonl, csv, parquet",
            );
        }
        if self.run.batch_size == 0 {
            return invalid("run.batch_size", "must be greater than 0");
        }
        let wait = self.run.wait_lock_seconds;
        if !wait.is_finite() || !(0.0..=1e9).contains(&wait) {
            return invalid(
                "run.wait_lock_seconds",
                "must be a number of seconds from 0 to 1e9",
            );
        }
        let budget = self.run.max_seconds_per_document;
        if !budget.is_finite() || !(0.0..=1e9).contains(&budget) {
            return invalid(
                "run.max_seconds_per_document",
                "must be a number of seconds from 0 (no limit) to 1e9",
            );
        }
        if !(0.0..=1.0).contains(&self.decode.max_replacement_ratio) {
            return invalid("decode.max_replacement_ratio", "must be between 0 and 1");
        }
        if !(0.0..=1.0).contains(&self.boilerplate.repeat_min_share) {
            return invalid("boilerplate.repeat_min_share", "must be between 0 and 1");
        }
        if self.boilerplate.repeat_min_docs < 2 {
            return invalid("boilerplate.repeat_min_docs", "must be at least 2");
        }
        let d = &self.dedup;
        if !(d.threshold > 0.0 && d.threshold <= 1.0) {
            return invalid("dedup.threshold", "must be above 0 and at most 1");
        }
        if !(d.containment > 0.0 && d.containment <= 1.0) {
            return invalid("dedup.containment", "must be above 0 and at most 1");
        }
        if d.bands == 0 || 128 % d.bands != 0 {
            return invalid(
                "dedup.bands",
                "must divide 128 (1, 2, 4, 8, 16, 32, 64 or 128)",
            );
        }
        if d.shingle_words == 0 {
            return invalid("dedup.shingle_words", "must be at least 1");
        }
        let t = &self.translate;
        if t.backend == Backend::Command && t.command.is_empty() {
            return invalid(
                "translate.command",
                "must name the program of the command backend",
            );
        }
        if t.batch_size == 0 || t.max_concurrent == 0 {
            return invalid(
                "translate.batch_size",
                "and translate.max_concurrent must be greater than 0",
            );
        }
        if !t.timeout_seconds.is_finite() || !(0.001..=3600.0).contains(&t.timeout_seconds) {
            return invalid("translate.timeout_seconds", "must be from 0.001 to 3600");
        }
        if !t.backoff_seconds.is_finite() || !(0.0..=600.0).contains(&t.backoff_seconds) {
            return invalid("translate.backoff_seconds", "must be from 0 to 600");
        }
        if self.stream.text_field.is_empty() {
            return invalid("stream.text_field", "must name a field");
        }
        if !(0.0..=1.0).contains(&self.detect.min_confidence) {
            return invalid("detect.min_confidence", "must be between 0 and 1");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_default() {
        let c = Config::parse("", Path::new("x.toml")).unwrap();
        assert_eq!(c.input.dir, PathBuf::from("input"));
        assert_eq!(c.output.formats.len(), 2);
    }

    #[test]
    fn unknown_key_is_named() {
        let e = Config::parse("[input]\ndirr = \"x\"\n", Path::new("p.toml")).unwrap_err();
        assert!(e.to_string().contains("dirr"), "{e}");
    }

    #[test]
    fn out_of_range_value_is_named() {
        let e = Config::parse("[detect]\nmin_confidence = 2.0\n", Path::new("p.toml")).unwrap_err();
        assert!(e.to_string().contains("detect.min_confidence"), "{e}");
    }

    #[test]
    fn unreadable_extension_is_rejected() {
        let e =
            Config::parse("[input]\nextensions = [\"xls\"]\n", Path::new("p.toml")).unwrap_err();
        assert!(e.to_string().contains("xls"), "{e}");
    }
}
