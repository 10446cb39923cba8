//! The pipeline: stages built once from the config, then every document through
//! read → decode → clean → normalize → detect → record. The batch job over a directory
//! (incremental, sharded, stoppable) is `run.rs`, the join of shards `merge.rs`, the map step
//! over JSON Lines on stdin `stream.rs`.

mod clock;
mod merge;
mod run;
mod stream;

pub use run::RunOptions;

use crate::budget::{self, Interrupted};
use crate::clean;
use crate::clean::boilerplate::{Boilerplate, Judged, LineCounts, LineEvidence};
use crate::config::Config;
use crate::decode::Decoder;
use crate::detect::segment::{segment_paragraph, Segment};
use crate::detect::{configured_model, Detector, LanguageIdentifier, Undetermined};
use crate::document::{Format, Stage};

use crate::clean::Extracted;
use crate::error::{DocumentError, RunError};
use crate::input::InputFile;
use crate::normalize::{NormCounts, Normalizers};
use crate::output::build::{self, Content, Outcome};
use crate::output::record::Record;
use crate::state::spill::{SpillReader, SpillWriter, Spilled};
use crate::state::StopRequest;
use clock::{StageClock, StageTimes};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Told about progress; the binary draws a bar, the library draws nothing.
pub trait Progress: Sync {
    fn start(&self, _total: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// Progress that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

pub struct Pipeline {
    config: Config,
    /// [`crate::state::config_hash`] of `config`, in the run state of every record.
    config_hash: String,
    decoder: Decoder,
    boilerplate: Option<Boilerplate>,
    normalizers: Normalizers,
    identifier: Box<dyn LanguageIdentifier>,
    romanizer: Option<crate::translate::Romanizer>,
    /// Built only when a backend is configured: otherwise no connection is ever opened.
    translate: Option<crate::translate::Translate>,
    /// Members of containers that are not documents (WARC requests, images), for the report.
    skipped_members: std::sync::atomic::AtomicU64,
    /// Time spent per stage, for the report.
    stage_times: StageTimes,
    /// A fault a test planted in one document's stage.
    #[cfg(test)]
    fault: Option<tests::Fault>,
}

/// Documents whose first pass (line counting) was interrupted by a panic or the time budget,
/// by source: the second pass gives them their error record without running them again.
type Interruptions = HashMap<String, DocumentError>;

/// What pass 1 leaves to pass 2: the documents it could not finish, and each document's
/// decoded text and extraction, so that pass 2 does not make them again.
pub(super) struct FirstPass {
    interrupted: Interruptions,
    prepared: SpillReader<Prepared>,
}

/// A document decoded and extracted (an HTML page parsed and its main content judged): what
/// the decode stage and the first half of the clean stage made of it.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Prepared {
    decoded: crate::decode::Decoded,
    extracted: Extracted,
    /// Extraction's judgement of its lines, when boilerplate removal is on.
    judged: Option<Judged>,
}

impl FirstPass {
    /// Nothing from a first pass: every document is made from its bytes.
    fn none() -> Self {
        FirstPass {
            interrupted: Interruptions::new(),
            prepared: SpillReader::empty(),
        }
    }
}

/// Pass 1 on one document: what it made of it, encoded for the spill (`None` when it could
/// not be decoded, which pass 2 records, or not encoded), or the error that interrupted it.
type Counted = Result<Option<Spilled<Prepared>>, DocumentError>;

/// The batch's line counts and its number of documents, for boilerplate removal by
/// repetition; `None` for a document on its own.
pub type BatchLines<'a> = Option<(&'a LineCounts, usize)>;

/// A document's record, and what its boilerplate verdict drew from the batch.
pub struct Made {
    pub record: Record,
    pub lines: LineEvidence,
    /// What duplicates are found by (`None`: no text, or deduplication off).
    pub fingerprint: Option<crate::dedup::minhash::Fingerprint>,
}

impl Pipeline {
    /// Builds every stage; the expensive ones (language models) are loaded here, once.
    pub fn new(config: Config) -> Result<Self, RunError> {
        // One model serves language identification and the choice among legacy encodings.
        let model = Arc::new(configured_model(&config.detect)?);
        let identifier: Box<dyn LanguageIdentifier> = if config.detect.enabled {
            Box::new(Detector::with_model(model.clone(), &config.detect))
        } else {
            Box::new(Undetermined)
        };
        Ok(Pipeline {
            config_hash: crate::state::config_hash(&config)?,
            decoder: Decoder::new(&config.decode, Some(model))?,
            boilerplate: config
                .boilerplate
                .enabled
                .then(|| Boilerplate::new(&config.boilerplate)),
            normalizers: Normalizers::new(&config.normalize),
            identifier,
            romanizer: crate::translate::Romanizer::new(&config.translit),
            translate: crate::translate::Translate::new(&config.translate, &config.output.dir)?,
            skipped_members: Default::default(),
            stage_times: Default::default(),
            config,
            #[cfg(test)]
            fault: None,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The decode stage (also behind `tilmech repair`).
    pub fn decoder(&self) -> &Decoder {
        &self.decoder
    }

    /// The language identifier the pipeline uses (also behind `tilmech detect`).
    pub fn identifier(&self) -> &dyn LanguageIdentifier {
        self.identifier.as_ref()
    }

    /// Line counts for a batch of `documents`, when boilerplate removal is on and there is
    /// more than one document to compare.
    fn batch_counts(&self, documents: usize) -> Option<LineCounts> {
        (self.boilerplate.is_some() && documents >= 2).then(LineCounts::default)
    }

    /// Pass 1 over documents (each with the position of its input file in the run): adds how
    /// often each line occurs to `counts` (in fixed memory), in chunks of `run.batch_size` in
    /// parallel, spilling in `dir` what pass 2 can take back; `None` when a stop was requested
    /// between chunks.
    fn first_pass<T: Sync>(
        &self,
        docs: impl Iterator<Item = (usize, T)>,
        counts: &LineCounts,
        stop: &StopRequest,
        dir: Option<&std::path::Path>,
        count: impl Fn(&T, &LineCounts) -> Vec<(String, Counted)> + Sync,
    ) -> Option<FirstPass> {
        let mut interrupted = Interruptions::new();
        let mut spill = SpillWriter::new(dir);
        let mut docs = docs.peekable();
        // While one chunk's results go to the spill, the next chunk is being counted.
        let mut counted_before: Vec<(usize, Vec<(String, Counted)>)> = Vec::new();
        let mut chunk = Vec::with_capacity(self.config.run.batch_size);
        while docs.peek().is_some() || !counted_before.is_empty() {
            if stop.signal().is_some() {
                return None;
            }
            chunk.clear();
            chunk.extend(docs.by_ref().take(self.config.run.batch_size));
            let (counted, ()) = rayon::join(
                || {
                    (chunk.par_iter())
                        .map(|(file, d)| (*file, count(d, counts)))
                        .collect::<Vec<_>>()
                },
                || {
                    for (file, docs) in counted_before.drain(..) {
                        for (source, counted) in docs {
                            match counted {
                                Ok(Some(prepared)) => spill.write(file, &source, &prepared),
                                Ok(None) => {}
                                Err(e) => {
                                    interrupted.insert(source, e);
                                }
                            }
                        }
                    }
                },
            );
            counted_before = counted;
        }
        Some(FirstPass {
            interrupted,
            prepared: spill.into_reader(),
        })
    }

    /// Adds the extracted lines of a file's documents to the run's line counts: per document,
    /// its extraction worth keeping, or the error of one a panic or the time budget
    /// interrupted (unreadable and undecodable ones are left to the second pass, which
    /// records why).
    fn count_lines(&self, file: &InputFile, counts: &LineCounts) -> Vec<(String, Counted)> {
        if file.problem.is_some() {
            return Vec::new();
        }
        // Reading converts (PDF, DOCX) with crates that may panic on odd files: guarded.
        let stage = StageClock::new(&self.stage_times, Stage::Read);
        let read = self.guarded(&stage, || {
            Ok(crate::input::read_docs(file, &self.config.input, |b| {
                self.container_text(&file.source, b)
            }))
        });
        drop(stage);
        let Ok(docs) = read else {
            return Vec::new();
        };
        docs.docs
            .par_iter()
            .filter(|doc| doc.problem.is_none())
            .map(|doc| {
                let counted = self.count_lines_of(&doc.source, doc.format, &doc.bytes, counts);
                (doc.source.clone(), counted)
            })
            .collect()
    }

    /// Pass 1 on one document; what it made is kept for pass 2 (decoding and extraction are
    /// most of what a document costs).
    fn count_lines_of(
        &self,
        source: &str,
        format: Format,
        bytes: &[u8],
        counts: &LineCounts,
    ) -> Counted {
        let stage = StageClock::new(&self.stage_times, Stage::Decode);
        self.guarded(&stage, || {
            self.fault_point(source, Stage::Decode);
            let Ok(decoded) = self.decoder.decode(source, format, bytes) else {
                return Ok(None);
            };
            stage.set(Stage::Clean);
            self.fault_point(source, Stage::Clean);
            let markup = self.config.clean.enabled;
            let extracted = clean::extract(&decoded.text, format, markup, true);
            let judged = self.boilerplate.as_ref().map(|boilerplate| {
                let judged = boilerplate.judge(&extracted);
                counts.add_document(boilerplate.countable_lines(&extracted, &judged).into_iter());
                judged
            });
            Ok(Spilled::encode(&Prepared {
                decoded,
                extracted,
                judged,
            }))
        })
    }

    /// Runs one document's work inside the panic guard and the time budget: a panic or an
    /// overrun becomes an error of the stage it happened in.
    fn guarded<T>(
        &self,
        stage: &StageClock<'_>,
        work: impl FnOnce() -> Result<T, DocumentError>,
    ) -> Result<T, DocumentError> {
        match budget::contain(self.config.run.document_budget(), work) {
            Ok(result) => result,
            Err(Interrupted::Panic(what)) => Err(DocumentError::new(
                stage.get(),
                format!("internal error (panic): {what}"),
            )),
            Err(Interrupted::OverBudget(budget)) => Err(DocumentError::new(
                stage.get(),
                format!(
                    "took longer than {} s (run.max_seconds_per_document)",
                    budget.as_secs_f64()
                ),
            )),
        }
    }

    /// Where a test planted a fault for this document and stage, it strikes: a panic, or a
    /// stall that only the time budget ends.
    #[cfg(test)]
    fn fault_point(&self, source: &str, stage: Stage) {
        if let Some(fault) = self.fault.as_ref() {
            fault.strike(source, stage);
        }
    }

    #[cfg(not(test))]
    #[inline(always)]
    fn fault_point(&self, _source: &str, _stage: Stage) {}

    /// Processes in-memory documents as one batch, lines repeated across them included (the
    /// two passes of [`Pipeline::run`] without files): `(source, format, bytes)` each.
    pub fn process_documents(&self, docs: &[(String, Format, Vec<u8>)]) -> Vec<Record> {
        let counts = self.batch_counts(docs.len());
        let first = counts.as_ref().map_or_else(FirstPass::none, |counts| {
            let never = StopRequest::default();
            self.first_pass(
                docs.iter().enumerate(),
                counts,
                &never,
                None,
                |(source, format, bytes), counts| {
                    vec![(
                        source.clone(),
                        self.count_lines_of(source, *format, bytes, counts),
                    )]
                },
            )
            .unwrap_or_else(FirstPass::none)
        });
        let FirstPass {
            interrupted,
            mut prepared,
        } = first;
        let prepared: Vec<Option<Spilled<Prepared>>> = (docs.iter().enumerate())
            .map(|(i, (source, _, _))| prepared.take(i).remove(source))
            .collect();
        let batch = counts.as_ref().map(|c| (c, docs.len()));
        let made: Vec<Made> = docs
            .par_iter()
            .zip(prepared)
            .map(|((source, format, bytes), prepared)| {
                let earlier = interrupted.get(source).cloned();
                self.process_bytes_in(source, *format, bytes, batch, earlier, prepared)
            })
            .collect();
        let mut index =
            (self.config.dedup.enabled).then(|| crate::dedup::Index::in_memory(&self.config.dedup));
        made.into_iter()
            .map(
                |Made {
                     mut record,
                     fingerprint,
                     ..
                 }| {
                    if let Some(index) = index.as_mut() {
                        // Held in memory, the index does no I/O and cannot fail.
                        let duplicate =
                            (index.assign(&record.id, fingerprint.as_ref())).unwrap_or_default();
                        crate::output::build::mark_duplicate(&mut record, duplicate);
                    }
                    record
                },
            )
            .collect()
    }

    /// Reads and processes the documents of one file of a run (one, or a container's
    /// many); never panics, always returns a record (an error record when the file cannot be
    /// read, and one more when a container is cut short). `interrupted` holds the errors that
    /// interrupted documents' first pass.
    fn process_file_in(
        &self,
        file: &InputFile,
        batch: BatchLines<'_>,
        interrupted: &Interruptions,
        mut prepared: HashMap<String, Spilled<Prepared>>,
    ) -> Vec<Made> {
        let failed = |source: &str, format, size, e| {
            let doc = build::Source {
                source,
                format,
                bytes: None,
                size,
            };
            Made {
                record: build::build(&doc, Outcome::Failed(e, None)),
                lines: LineEvidence::default(),
                fingerprint: None,
            }
        };
        if let Some(problem) = &file.problem {
            let e = DocumentError::new(Stage::Read, problem.to_string());
            return vec![failed(&file.source, file.format, 0, e)];
        }
        let stage = StageClock::new(&self.stage_times, Stage::Read);
        let read = self.guarded(&stage, || {
            self.fault_point(&file.source, Stage::Read);
            Ok(crate::input::read_docs(file, &self.config.input, |b| {
                self.container_text(&file.source, b)
            }))
        });
        // Reading is timed alone: the documents' own clocks time the rest.
        drop(stage);
        let docs = match read {
            Ok(docs) => docs,
            Err(e) => return vec![failed(&file.source, file.format, 0, e)],
        };
        (self.skipped_members).fetch_add(docs.skipped, std::sync::atomic::Ordering::Relaxed);
        let mut made: Vec<Made> = (docs.error)
            .map(|(size, e)| failed(&file.source, file.format, size, e))
            .into_iter()
            .collect();
        let prepared: Vec<Option<Spilled<Prepared>>> = (docs.docs.iter())
            .map(|doc| prepared.remove(&doc.source))
            .collect();
        let members: Vec<Made> = (docs.docs)
            .par_iter()
            .zip(prepared)
            .map(|(doc, prepared)| match &doc.problem {
                Some(problem) => {
                    let e = DocumentError::new(Stage::Read, problem.clone());
                    failed(&doc.source, Some(doc.format), 0, e)
                }
                None => {
                    let earlier = interrupted.get(&doc.source).cloned();
                    let mut made = self.process_bytes_in(
                        &doc.source,
                        doc.format,
                        &doc.bytes,
                        batch,
                        earlier,
                        prepared,
                    );
                    build::add_fields(&mut made.record, &doc.fields, &self.config.input.records);
                    made
                }
            })
            .collect();
        made.extend(members);
        made
    }

    /// Processes the bytes of one document on its own. A panic in any stage, or time past the
    /// budget, becomes an error record.
    pub fn process_bytes(&self, source: &str, format: Format, bytes: &[u8]) -> Record {
        self.process_bytes_in(source, format, bytes, None, None, None)
            .record
    }

    fn process_bytes_in(
        &self,
        source: &str,
        format: Format,
        bytes: &[u8],
        batch: BatchLines<'_>,
        earlier: Option<DocumentError>,
        prepared: Option<Spilled<Prepared>>,
    ) -> Made {
        let stage = StageClock::new(&self.stage_times, Stage::Decode);
        let mut encoding = None;
        let mut lines = LineEvidence::default();
        let doc = build::Source {
            source,
            format: Some(format),
            bytes: Some(bytes),
            size: bytes.len() as u64,
        };
        let result = match earlier {
            Some(e) => Err(e),
            None => self.guarded(&stage, || {
                self.fault_point(source, Stage::Decode);
                // What pass 1 made of this document, when it kept it, or made now.
                let (d, extracted, judged) = match prepared.and_then(Spilled::decode) {
                    Some(Prepared {
                        decoded,
                        extracted,
                        judged,
                    }) => (decoded, Some(extracted), judged),
                    None => (self.decoder.decode(source, format, bytes)?, None, None),
                };
                encoding = Some((d.encoding, d.source));
                stage.set(Stage::Clean);
                self.fault_point(source, Stage::Clean);
                let extracted = extracted.unwrap_or_else(|| {
                    let describe = self.boilerplate.is_some();
                    clean::extract(&d.text, format, self.config.clean.enabled, describe)
                });
                let content = self.content(
                    source,
                    (extracted, judged),
                    format,
                    &stage,
                    batch,
                    &mut lines,
                )?;
                stage.set(Stage::Record);
                self.fault_point(source, Stage::Record);
                let fingerprint = self.fingerprint(&content);
                let record = build::build(&doc, Outcome::Processed(Box::new((d, content))));
                Ok((record, fingerprint))
            }),
        };
        let (record, fingerprint) = result.unwrap_or_else(|e| {
            let record = build::build(&doc, Outcome::Failed(e, encoding));
            (record, None)
        });
        Made {
            record,
            lines,
            fingerprint,
        }
    }

    /// The duplicate fingerprint of a text, when deduplication is on.
    fn fingerprint(&self, content: &Content) -> Option<crate::dedup::minhash::Fingerprint> {
        let dedup = &self.config.dedup;
        if !dedup.enabled || content.text.is_empty() {
            return None;
        }
        let (text, key) = (&content.text, &content.key);
        crate::dedup::minhash::fingerprint_keyed(text, key, dedup.shingle_words, dedup.min_words)
    }

    /// The duplicate index of a run writing to `dir`, when deduplication is on.
    pub(crate) fn dedup_index(
        &self,
        dir: &std::path::Path,
    ) -> Result<Option<crate::dedup::Index>, RunError> {
        let dedup = &self.config.dedup;
        dedup
            .enabled
            .then(|| crate::dedup::Index::on_disk(dedup, dir))
            .transpose()
            .map_err(RunError::from)
    }

    /// The rest of the clean stage (boilerplate removal of the extraction, with extraction's
    /// judgement of its lines when pass 1 made it), then normalize and detect; `lines` gets
    /// what boilerplate removal drew from the batch.
    fn content(
        &self,
        source: &str,
        (extracted, judged): (Extracted, Option<Judged>),
        format: Format,
        stage: &StageClock<'_>,
        batch: BatchLines<'_>,
        lines: &mut LineEvidence,
    ) -> Result<Content, DocumentError> {
        let (kept, mut removed) = match &self.boilerplate {
            Some(boilerplate) => {
                let judged = judged.unwrap_or_else(|| boilerplate.judge(&extracted));
                let (kept, removed, evidence) =
                    boilerplate.clean_judged(&extracted, &judged, batch);
                *lines = evidence;
                (kept, removed)
            }
            None => (extracted.paragraphs(), Vec::new()),
        };
        stage.set(Stage::Normalize);
        self.fault_point(source, Stage::Normalize);
        let mut normalization = NormCounts::new();
        let paragraphs: Vec<String> = kept
            .iter()
            .map(|p| {
                budget::check();
                self.normalizers
                    .text_wide(p, &mut normalization)
                    .into_owned()
            })
            .filter(|p| !p.trim().is_empty())
            .collect();
        // Nothing at all is an error; all of it boilerplate is an outcome (a filtered record).
        if paragraphs.is_empty() && removed.is_empty() {
            return Err(DocumentError::new(
                Stage::Clean,
                "no text content after extraction",
            ));
        }
        let mut metadata = extracted.metadata;
        metadata.title = metadata.title.map(|t| {
            self.normalizers
                .text_wide(&t, &mut NormCounts::new())
                .into_owned()
        });
        // Plain text has no markup for a title: a first paragraph that is one headline-like
        // line, with more text after it, is one.
        if metadata.title.is_none() && format == Format::Txt && paragraphs.len() >= 2 {
            let first = &paragraphs[0];
            let headline = first.trim_start_matches(['#', ' ']);
            if !first.contains('\n') && crate::clean::boilerplate::is_headline(headline) {
                metadata.title = Some(headline.to_string());
            }
        }
        stage.set(Stage::Detect);
        self.fault_point(source, Stage::Detect);
        for r in &mut removed {
            budget::check();
            r.lang = self.identifier.identify(&r.text).lang;
        }
        let mut segments = self.segments(&paragraphs);
        stage.set(Stage::Normalize);
        let text =
            self.normalize_segments(&paragraphs.join("\n\n"), &mut segments, &mut normalization);
        let key = crate::normalize::dedup_key(&text);
        stage.set(Stage::Translate);
        self.fault_point(source, Stage::Translate);
        let translit = self
            .romanizer
            .as_ref()
            .map(|r| r.romanize(&text, &segments));
        let translation = self.translation(&text, &segments)?;
        Ok(Content {
            metadata,
            key,
            with_dedup_key: self.config.normalize.dedup_key,
            text,
            removed,
            segments,
            normalization,
            translit,
            translation,
        })
    }

    /// The translation of a document's text, or why it failed (an error of the document
    /// when `translate.on_failure = "fail"`); `None` with no backend.
    fn translation(
        &self,
        text: &str,
        segments: &[Segment],
    ) -> Result<Option<Result<crate::translate::Translation, String>>, DocumentError> {
        let Some(translate) = &self.translate else {
            return Ok(None);
        };
        match translate.translate(text, segments) {
            Ok(t) => Ok(Some(Ok(t))),
            Err(e) if translate.on_failure() == crate::config::OnFailure::Fail => {
                Err(DocumentError::new(Stage::Translate, e.to_string()))
            }
            Err(e) => {
                let failed = &translate.counts.failed_documents;
                failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(Some(Err(e.to_string())))
            }
        }
    }

    /// The text of a container that is not UTF-8, as the decode stage reads it.
    fn container_text(&self, source: &str, bytes: &[u8]) -> Option<String> {
        self.decoder
            .decode(source, Format::Txt, bytes)
            .ok()
            .map(|d| d.text)
    }

    /// Members of containers read so far that are not documents.
    pub fn skipped_members(&self) -> u64 {
        self.skipped_members
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The translation stage, when a backend is configured (its counts go to the report).
    pub fn translator(&self) -> Option<&crate::translate::Translate> {
        self.translate.as_ref()
    }

    /// The language segments of the paragraphs, offsets counted over the text they make when
    /// joined by blank lines.
    fn segments(&self, paragraphs: &[String]) -> Vec<Segment> {
        let mut segments = Vec::new();
        let mut offset = 0usize;
        for p in paragraphs {
            segments.extend(segment_paragraph(
                self.identifier.as_ref(),
                p,
                offset,
                self.config.detect.segment_min_letters,
            ));
            offset += p.chars().count() + 2;
        }
        segments
    }

    /// Applies the language-aware normalizers to each segment of `text`, moving the segments'
    /// offsets by what earlier segments gained or lost.
    fn normalize_segments(
        &self,
        text: &str,
        segments: &mut [Segment],
        counts: &mut NormCounts,
    ) -> String {
        // Segment offsets are in characters; slicing needs bytes.
        let byte_offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0usize;
        let mut shift = 0isize;
        for s in segments.iter_mut() {
            budget::check();
            let (start, end) = (byte_offsets[s.start], byte_offsets[s.end]);
            out.push_str(&text[copied..start]);
            let normalized =
                self.normalizers
                    .per_segment(&text[start..end], s.script, s.lang, counts);
            let len = normalized.chars().count();
            out.push_str(&normalized);
            let new_start = s.start.saturating_add_signed(shift);
            shift += len as isize - (s.end - s.start) as isize;
            s.start = new_start;
            s.end = new_start + len;
            copied = end;
        }
        out.push_str(&text[copied..]);
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::output::record::Status;
    use std::time::Duration;

    /// A fault planted in one stage of one document: a panic, or a stall that only the time
    /// budget ends.
    pub(crate) struct Fault {
        source: &'static str,
        stage: Stage,
        stall: bool,
    }

    impl Fault {
        pub(crate) fn strike(&self, source: &str, stage: Stage) {
            if source != self.source || stage != self.stage {
                return;
            }
            if self.stall {
                loop {
                    std::thread::sleep(Duration::from_millis(1));
                    budget::check();
                }
            }
            panic!("fault planted in {stage}");
        }
    }

    fn pipeline_with(fault: Fault, budget_seconds: f64) -> Pipeline {
        let mut config = Config::default();
        config.run.max_seconds_per_document = budget_seconds;
        let mut pipeline = Pipeline::new(config).expect("pipeline builds");
        pipeline.fault = Some(fault);
        pipeline
    }

    fn documents() -> Vec<(String, Format, Vec<u8>)> {
        (0..10)
            .map(|i| {
                // Lines of their own: no line recurs across the batch as boilerplate would.
                let place = ["Бишкек", "Ош", "Нарын", "Талас", "Баткен"][i % 5];
                let who = ["Окуучулар", "Мугалимдер"][i / 5];
                let text = format!(
                    "{place} шаарында жаңы мектеп ачылды.\n\n{who} жаңы имаратка көчүштү, {place} эли кубанды."
                );
                let format = if i % 2 == 0 { Format::Txt } else { Format::Html };
                (format!("doc{i}"), format, text.into_bytes())
            })
            .collect()
    }

    /// Every document but `struck` is a normal record; `struck` is an error of `stage`
    /// whose message contains `says`.
    fn assert_contained(records: &[Record], struck: &str, stage: Stage, says: &str) {
        assert_eq!(records.len(), 10);
        for record in records {
            if record.source == struck {
                let error = record
                    .error
                    .as_ref()
                    .expect("the struck document is an error");
                assert_eq!(record.status, Status::Error);
                assert_eq!(error.stage, stage, "{}", error.message);
                assert!(error.message.contains(says), "{}", error.message);
            } else {
                assert_eq!(record.status, Status::Ok, "{:?}", record.error);
                assert!(record.text.contains("жаңы имаратка"), "{}", record.text);
            }
        }
    }

    /// What pass 1 spills reads back whole: a document made from it is the one made from its
    /// bytes, for a page with metadata and main content, a legacy encoding and a mojibake
    /// repair.
    #[test]
    fn a_document_made_from_its_spilled_first_pass_is_the_one_made_from_its_bytes() {
        let pipeline = Pipeline::new(Config::default()).expect("pipeline builds");
        let page = "<html><head><title>Жаңы мектеп</title>\
            <meta name=\"author\" content=\"Айгүл Асанова\">\
            <meta property=\"article:published_time\" content=\"2024-03-01\"></head><body>\
            <nav><a href='/'>Башкы бет</a> <a href='/news'>Жаңылыктар</a></nav><article>\
            <h1>Жаңы мектеп</h1><p>Бишкек шаарында жаңы мектеп ачылды, окуучулар жаңы \
            имаратка көчүштү.</p><p>Мугалимдер да кубанышты, ата-энелер ыраазы.</p></article>\
            <footer>© 2024 Кабарлар</footer></body></html>";
        let legacy = "Сегодня в Бишкеке открылась новая школа.\n\nДети пошли в школу.";
        let (legacy, _, _) = encoding_rs::WINDOWS_1251.encode(legacy);
        let (misread, _, _) = encoding_rs::WINDOWS_1251.decode("Привет, мир!".as_bytes());
        let mojibake = format!("{misread} Сегодня в Бишкеке открылась новая школа.");
        let docs = [
            ("page.html", Format::Html, page.as_bytes().to_vec()),
            ("legacy.txt", Format::Txt, legacy.into_owned()),
            ("mojibake.txt", Format::Txt, mojibake.into_bytes()),
        ];
        let counts = LineCounts::default();
        let batch = Some((&counts, docs.len()));
        let spill = |source, format, bytes| {
            (pipeline.count_lines_of(source, format, bytes, &counts))
                .expect("pass 1 runs")
                .expect("pass 1 spills")
        };
        let mut made = Vec::new();
        for (source, format, bytes) in &docs {
            assert!(spill(source, *format, bytes).decode().is_some(), "{source}");
            let spilled = Some(spill(source, *format, bytes));
            let from_spill =
                pipeline.process_bytes_in(source, *format, bytes, batch, None, spilled);
            let from_bytes = pipeline.process_bytes_in(source, *format, bytes, batch, None, None);
            let json = |made: &Made| serde_json::to_string(&made.record).expect("serializes");
            assert_eq!(json(&from_spill), json(&from_bytes), "{source}");
            made.push(from_spill.record);
        }
        // Each part of what is spilled was there to read back.
        assert_eq!(made[0].metadata.author.as_deref(), Some("Айгүл Асанова"));
        assert_eq!(made[0].metadata.date.as_deref(), Some("2024-03-01"));
        assert!(!made[0].removed.is_empty(), "{:?}", made[0].text);
        assert_eq!(
            made[1].encoding.map(|e| e.0),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert!(!made[2].repairs.is_empty() && made[2].text.starts_with("Привет, мир!"));
    }

    #[test]
    fn a_panic_in_any_stage_of_either_pass_costs_one_document() {
        for stage in [
            Stage::Decode,
            Stage::Clean,
            Stage::Normalize,
            Stage::Detect,
            Stage::Record,
        ] {
            let pipeline = pipeline_with(
                Fault {
                    source: "doc3",
                    stage,
                    stall: false,
                },
                0.0,
            );
            let records = pipeline.process_documents(&documents());
            assert_contained(&records, "doc3", stage, "panic");
        }
    }

    #[test]
    fn a_document_over_its_budget_becomes_an_error_record() {
        for stage in [Stage::Clean, Stage::Detect] {
            let pipeline = pipeline_with(
                Fault {
                    source: "doc4",
                    stage,
                    stall: true,
                },
                0.5,
            );
            let records = pipeline.process_documents(&documents());
            assert_contained(&records, "doc4", stage, "took longer than 0.5 s");
        }
    }

    #[test]
    fn a_panic_while_reading_in_a_run_costs_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir(&input).unwrap();
        for (source, _, bytes) in documents() {
            std::fs::write(input.join(format!("{source}.txt")), bytes).unwrap();
        }
        let mut config = Config::default();
        config.input.dir = input;
        config.output.dir = dir.path().join("out");
        config.run.threads = 2;
        let mut pipeline = Pipeline::new(config).unwrap();
        for (stage, file) in [(Stage::Read, "doc2.txt"), (Stage::Clean, "doc7.txt")] {
            pipeline.fault = Some(Fault {
                source: file,
                stage,
                stall: false,
            });
            let report = pipeline
                .run(&RunOptions::default(), &NoProgress)
                .expect("the run finishes");
            let jsonl = std::fs::read_to_string(dir.path().join("out/records.jsonl")).unwrap();
            let records: Vec<Record> = jsonl
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let sources: Vec<&str> = records.iter().map(|r| r.source.as_str()).collect();
            assert_eq!(sources.len(), 10, "{sources:?}");
            let failed: Vec<&Record> = records.iter().filter(|r| r.error.is_some()).collect();
            assert_eq!(failed.len(), 1);
            assert_eq!(failed[0].source, file);
            assert_eq!(failed[0].error.as_ref().unwrap().stage, stage);
            assert!(format!("{report:?}").contains(file));
        }
    }
}
