//! report.json: what a run did, in counts, and every error in full.

use crate::document::Stage;

use crate::output::record::{Record, Status, SCHEMA_VERSION};
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// A failed document, as listed in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportedError {
    pub source: String,
    pub stage: Stage,
    pub message: String,
}

/// A file that was found but not turned into a record, and why (config `unsupported = "skip"`,
/// symlinks to directories).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Skipped {
    pub source: String,
    pub reason: String,
}

/// Duplicates among the records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DuplicateStats {
    pub exact: u64,
    pub near: u64,
    /// Left out of the record files (`dedup.drop`); still in the state.
    pub dropped: u64,
}

/// The translation work of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TranslationStats {
    /// Requests sent to the backend (batches; retries not counted).
    pub requests: u64,
    /// Segments whose translation came from the cache.
    pub cache_hits: u64,
    /// Segments the backend translated.
    pub translated_segments: u64,
    /// Documents whose translation failed (`translation_error`).
    pub failed_documents: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tilmech_version: String,
    pub schema_version: u32,
    /// `run`, `run --incremental`, `run --shard I/N` or `merge`.
    pub mode: String,
    /// Records in the output.
    pub documents: u64,
    /// Documents processed by this run: new, changed, and (incremental runs, merges)
    /// unchanged ones whose lines crossed the repetition threshold of boilerplate removal.
    pub processed: u64,
    /// Of `processed`, the unchanged documents processed again for their repetition.
    pub repetition_changed: u64,
    /// Records taken over unchanged from the previous run (or from the shards, by `merge`).
    pub unchanged: u64,
    /// Inputs of the previous run that are gone (their records kept or removed as
    /// `run.deleted` says).
    pub deleted: u64,
    /// Error records among `processed`: what the exit status reports.
    pub failed: u64,
    /// Documents left for the next run because the run was stopped (their previous records,
    /// if any, are kept).
    pub pending: u64,
    /// The signal that stopped the run early, if one did (`SIGINT`, `SIGTERM`).
    pub stopped_by: Option<String>,
    /// Things the run worked around, in words (an unusable previous state, …).
    pub notes: Vec<String>,
    /// What the translation backend did, when one is configured.
    pub translation: Option<TranslationStats>,
    /// Records marked as duplicates of an earlier one.
    pub duplicates: DuplicateStats,
    /// Members of the containers read that are not documents: WARC records other than HTML
    /// or text responses.
    pub skipped_members: u64,
    pub by_status: BTreeMap<Status, u64>,
    pub by_lang: BTreeMap<Lang, u64>,
    pub by_encoding: BTreeMap<String, u64>,
    /// Raw bytes of all records' input files.
    pub bytes: u64,
    /// Characters of clean text written.
    pub chars: u64,
    pub threads: usize,
    pub wall_seconds: f64,
    pub documents_per_second: f64,
    pub megabytes_per_second: f64,
    /// Seconds each stage took, summed over threads and over both passes (reading the
    /// files, decoding, extraction and boilerplate removal, …); writing the output is not
    /// among them.
    pub stage_seconds: BTreeMap<Stage, f64>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<ReportedError>,
}

impl Report {
    pub fn new(mode: String, threads: usize) -> Self {
        Report {
            tilmech_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: SCHEMA_VERSION,
            mode,
            documents: 0,
            processed: 0,
            repetition_changed: 0,
            unchanged: 0,
            deleted: 0,
            failed: 0,
            pending: 0,
            stopped_by: None,
            notes: Vec::new(),
            translation: None,
            duplicates: DuplicateStats::default(),
            skipped_members: 0,
            by_status: BTreeMap::new(),
            by_lang: BTreeMap::new(),
            by_encoding: BTreeMap::new(),
            bytes: 0,
            chars: 0,
            threads,
            wall_seconds: 0.0,
            documents_per_second: 0.0,
            megabytes_per_second: 0.0,
            stage_seconds: BTreeMap::new(),
            skipped: Vec::new(),
            errors: Vec::new(),
        }
    }

    pub fn add(&mut self, record: &Record) {
        self.documents += 1;
        match record.duplicate_kind {
            Some(crate::dedup::DuplicateKind::Exact) => self.duplicates.exact += 1,
            Some(crate::dedup::DuplicateKind::Near) => self.duplicates.near += 1,
            None => {}
        }
        self.bytes += record.bytes;
        self.chars += record.chars;
        *self.by_status.entry(record.status).or_default() += 1;
        if record.status == Status::Ok {
            *self.by_lang.entry(record.lang).or_default() += 1;
        }
        if let Some(enc) = &record.encoding {
            *self
                .by_encoding
                .entry(enc.0.name().to_string())
                .or_default() += 1;
        }
        if let Some(e) = &record.error {
            self.errors.push(ReportedError {
                source: record.source.clone(),
                stage: e.stage,
                message: e.message.clone(),
            });
        }
    }

    /// Rates are of the documents processed, the work the run did.
    pub fn finish(&mut self, wall: Duration, processed_bytes: u64) {
        let secs = wall.as_secs_f64();
        self.wall_seconds = secs;
        if secs > 0.0 {
            self.documents_per_second = self.processed as f64 / secs;
            self.megabytes_per_second = processed_bytes as f64 / 1e6 / secs;
        }
    }

    pub fn count(&self, status: Status) -> u64 {
        self.by_status.get(&status).copied().unwrap_or(0)
    }
}
