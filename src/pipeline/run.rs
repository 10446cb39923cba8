//! The batch job over a directory: every input to a record, in parallel batches written in
//! source order, with the run state (`tilmech-state.jsonl`) written beside the records.
//!
//! An incremental run decides per input from the previous state: an unchanged input keeps its
//! record, the others are processed. Boilerplate removal by repetition makes a record depend on
//! the other documents, so the run counts the lines of every document the output will hold
//! (those it processes in pass 1, the unchanged ones from their state) and processes again an
//! unchanged document whose lines' counts moved: the output equals a clean run's. A stop
//! (SIGINT, SIGTERM) ends the run after the batch in hand; what is done is written, and the
//! documents not reached keep their previous records for the next run to finish.

use super::{BatchLines, FirstPass, Made, Pipeline, Progress};
use crate::clean::boilerplate::LineCounts;
use crate::config::{ChangeCheck, DeletedInputs};
use crate::document::Stage;
use crate::error::RunError;
use crate::input::{self, split_source, InputFile, InputFiles, Listed};
use crate::output::record::{Record, RemovedText, Status};
use crate::output::{write_json, AtomicFile, RecordWriter};
use crate::report::Report;
use crate::state::store::{self, DocOnly, DocState, Entry, Keyed, Stamp, StateWriter};
use crate::state::{OutputLock, RunFiles, Shard, ShardMarker, StopRequest};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::iter::Peekable;
use std::time::Instant;

/// How a run goes, beyond the config.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Process only new and changed inputs; keep the records of the others.
    pub incremental: bool,
    /// Take only this shard of the inputs and write the shard's files.
    pub shard: Option<Shard>,
    /// Set by a signal handler to stop the run gracefully.
    pub stop: StopRequest,
}

impl RunOptions {
    fn mode(&self) -> String {
        let mut mode = String::from("run");
        if self.incremental {
            mode.push_str(" --incremental");
        }
        if let Some(shard) = self.shard {
            mode.push_str(&format!(" --shard {shard}"));
        }
        mode
    }
}

/// A batch of work and what was made of each item (`None`: not made, a stop came first).
type MadeBatch = (Vec<Work>, Vec<Option<Vec<Made>>>);

/// What becomes of one input file's documents in the output, in source order.
pub(super) enum Work {
    /// Their records stand as they are.
    Keep(Vec<Entry>),
    /// Process the file; `prior` are its previous entries (kept if the run stops first).
    Make {
        /// Its position among the run's input files.
        index: usize,
        file: InputFile,
        stamp: Stamp,
        prior: Vec<Entry>,
        /// An unchanged input processed again because its lines' counts moved.
        repetition: bool,
    },
    /// The input is gone: its record is kept (here) or leaves the output (empty).
    Gone(Vec<Entry>),
}

/// What the previous state says about the inputs of this run.
#[derive(Default)]
struct Plan {
    /// Per input file: unchanged since its state entry was written.
    unchanged: Vec<bool>,
    /// Entries of inputs that are gone.
    deleted: u64,
    /// Of those, the ones whose records stay in the output.
    kept_deleted: usize,
    /// Line counts of the unchanged documents (and the kept deleted ones).
    counts: Option<LineCounts>,
}

impl Plan {
    /// Every input to be processed: no previous state.
    fn fresh(files: usize) -> Plan {
        Plan {
            unchanged: vec![false; files],
            ..Plan::default()
        }
    }
}

impl Pipeline {
    /// Runs the whole job: the inputs (of a shard) to records, the state and a report.
    pub fn run(&self, options: &RunOptions, progress: &dyn Progress) -> Result<Report, RunError> {
        let started = Instant::now();
        let out = RunFiles {
            dir: self.config.output.dir.clone(),
            shard: options.shard,
        };
        let (files, skipped) = self.inputs(options.shard)?;
        let pool = self.pool()?;
        let mut report = Report::new(options.mode(), pool.current_num_threads());
        report.skipped = skipped;
        let _lock = self.lock(&out)?;
        if let Some(marker) = out.marker() {
            // This shard is unfinished from now until its files are in place again.
            remove_if_present(&marker)?;
        }
        let root = &self.config.input.dir;
        // The list of inputs waits on disk for the passes that walk it.
        let files = pool
            .install(|| InputFiles::new(root, files, Some(&out.dir)))
            .map_err(|source| RunError::Output {
                path: out.dir.clone(),
                source,
            })?;
        // A full run reads the previous state too: a document it is stopped before keeps its
        // previous record rather than leaving the output.
        let planned = pool.install(|| self.plan(&files, &out, options.incremental));
        let plan = planned.unwrap_or_else(|e| {
            let note = format!("previous state not used, every input processed: {e}");
            report.notes.push(note);
            None
        });
        let previous = match plan.is_some() {
            true => store::previous::<Entry>(&out.state(), &out.journal())?,
            false => None,
        };
        let mut plan = plan.unwrap_or_else(|| Plan::fresh(files.len()));
        let documents = files.len() + plan.kept_deleted;
        let counts = (plan.counts.take())
            .filter(|_| documents >= 2)
            .or_else(|| self.batch_counts(documents));
        let counts = counts.as_ref();
        let first = pool.install(|| self.count_changed(&files, &plan, counts, options, &out));
        let Some(mut first) = first else {
            // Stopped before any record was made: the previous output stands.
            report.stopped_by = options.stop.signal().map(signal_name);
            report.pending = files.len() as u64;
            return Ok(report);
        };
        report.deleted = plan.deleted;
        tracing::info!(
            documents = files.len(),
            "lines counted; processing documents"
        );
        let batch = counts.map(|c| (c, documents));
        let keep_deleted = options.incremental && self.config.run.deleted == DeletedInputs::Keep;
        let entries = previous.into_iter().flatten();
        let work = join(&files, entries).map(|joined| {
            Ok(match joined? {
                Joined::Input(listed, prior) => {
                    let unchanged = plan.unchanged[listed.index];
                    self.work_for(listed, prior, unchanged, batch)
                }
                Joined::Gone(entry) => {
                    Work::Gone(keep_deleted.then_some(entry).into_iter().collect())
                }
            })
        });
        let mut sinks = Sinks::create(&self.config, &out, report, self.dedup_index(&out.dir)?)?;
        progress.start(files.len() as u64);
        let stop = &options.stop;
        let processed_bytes =
            pool.install(|| self.execute(work, batch, &mut first, stop, progress, &mut sinks))?;
        progress.finish();
        sinks.report.translation = self.translator().map(|t| t.stats());
        sinks.report.skipped_members = self.skipped_members();
        sinks.report.stage_seconds = self.stage_times.seconds();
        let marker = out.marker().filter(|_| sinks.report.stopped_by.is_none());
        sinks.commit(started, processed_bytes, |report| {
            // The state now holds what the journal of a killed run held.
            remove_if_present(&out.journal())?;
            match (marker, options.shard) {
                (Some(path), Some(shard)) => write_json(path, &self.marker(shard, report)),
                _ => Ok(()),
            }
        })
    }

    /// The input files and skipped entries of the run, or of its shard.
    fn inputs(
        &self,
        shard: Option<Shard>,
    ) -> Result<(Vec<InputFile>, Vec<crate::report::Skipped>), RunError> {
        let (mut files, mut skipped) = input::collect(&self.config.input)?;
        if let Some(shard) = shard {
            files.retain(|f| shard.takes(&f.source));
            skipped.retain(|s| shard.takes(&s.source));
        }
        Ok((files, skipped))
    }

    /// Pass 1 over the inputs that are not unchanged, into `counts`, spilling in the output
    /// directory; `None` when stopped.
    fn count_changed(
        &self,
        files: &InputFiles,
        plan: &Plan,
        counts: Option<&LineCounts>,
        options: &RunOptions,
        out: &RunFiles,
    ) -> Option<FirstPass> {
        let Some(counts) = counts else {
            return Some(FirstPass::none());
        };
        // A list that cannot be read back fails the run in pass 2, which reads it again.
        let changed = (0..files.len())
            .filter(|&i| !plan.unchanged[i])
            .filter_map(|i| files.get(i).ok().flatten())
            .map(|listed| (listed.index, listed.file));
        let dir = Some(out.dir.as_path());
        self.first_pass(changed, counts, &options.stop, dir, |file, counts| {
            self.count_lines(file, counts)
        })
    }

    /// What becomes of an input file: kept when unchanged and every verdict of its documents
    /// holds, else made.
    fn work_for(
        &self,
        listed: Listed,
        mut prior: Vec<Entry>,
        unchanged: bool,
        batch: BatchLines<'_>,
    ) -> Work {
        if unchanged && !prior.is_empty() && prior.iter().all(|e| self.still_valid(e, batch)) {
            prior.iter_mut().for_each(|e| e.doc.stamp = listed.stamp);
            return Work::Keep(prior);
        }
        Work::Make {
            index: listed.index,
            file: listed.file,
            stamp: listed.stamp,
            repetition: unchanged && !prior.is_empty(),
            prior,
        }
    }

    fn marker(&self, shard: Shard, report: &Report) -> ShardMarker {
        ShardMarker {
            shard: shard.index,
            of: shard.count,
            documents: report.documents,
            config_hash: self.config_hash.clone(),
            tilmech_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    pub(super) fn pool(&self) -> Result<rayon::ThreadPool, RunError> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.config.run.threads)
            .build()
            .map_err(|e| RunError::Input {
                path: self.config.input.dir.clone(),
                source: std::io::Error::other(e),
            })
    }

    /// Takes the lock of the run's files and removes what a killed run of them left.
    pub(super) fn lock(&self, out: &RunFiles) -> Result<OutputLock, RunError> {
        let wait = std::time::Duration::from_secs_f64(self.config.run.wait_lock_seconds);
        let lock = OutputLock::acquire(out.lock(), wait)?;
        out.clear_stale_temporaries()
            .map_err(|source| RunError::Output {
                path: out.dir.clone(),
                source,
            })?;
        Ok(lock)
    }

    /// Reads the previous state and journal (twice, without the records): which inputs are
    /// unchanged (same config, same tilmech, same size and time or content), and the line
    /// counts of the documents whose records will stand. `None` when there is no state yet. Not
    /// `incremental`: only checked, and its deleted inputs counted.
    fn plan(
        &self,
        files: &InputFiles,
        out: &RunFiles,
        incremental: bool,
    ) -> Result<Option<Plan>, RunError> {
        let read = || store::previous::<DocOnly>(&out.state(), &out.journal());
        let Some(reader) = read()? else {
            return Ok(None);
        };
        let check = self.config.run.change_check;
        let mut unchanged = vec![false; files.len()];
        // Files whose content is hashed to compare, with the hash their state has.
        let mut to_hash: Vec<(usize, InputFile, String)> = Vec::new();
        for joined in join(files, reader) {
            let Joined::Input(listed, docs) = joined? else {
                continue;
            };
            // A container's documents were made together: one stands for all.
            let current = |d: &DocOnly| {
                d.doc.config_hash == self.config_hash
                    && d.doc.tilmech_version == env!("CARGO_PKG_VERSION")
            };
            let Some(prior) = docs
                .first()
                .filter(|_| incremental && docs.iter().all(current))
            else {
                continue;
            };
            match (check, &prior.doc.content_hash) {
                (ChangeCheck::Mtime, _) => {
                    unchanged[listed.index] = prior.doc.stamp == listed.stamp
                }
                (ChangeCheck::Content, Some(hash)) => {
                    to_hash.push((listed.index, listed.file, hash.clone()));
                }
                (ChangeCheck::Content, None) => {}
            }
        }
        let same: Vec<usize> = (to_hash.par_iter())
            .filter(|(_, file, hash)| self.content_hash(file).as_ref() == Some(hash))
            .map(|&(i, _, _)| i)
            .collect();
        same.into_iter().for_each(|i| unchanged[i] = true);
        let counts = (incremental && self.boilerplate.is_some()).then(LineCounts::default);
        let (mut deleted, mut kept_deleted) = (0, 0);
        for joined in join(files, read()?.into_iter().flatten()) {
            let docs = match joined? {
                Joined::Input(listed, docs) if unchanged[listed.index] => docs,
                Joined::Gone(entry) => {
                    deleted += 1;
                    if !incremental || self.config.run.deleted == DeletedInputs::Remove {
                        continue;
                    }
                    kept_deleted += 1;
                    vec![entry]
                }
                _ => continue,
            };
            if let Some(counts) = &counts {
                docs.iter()
                    .for_each(|d| counts.add_fingerprints(&d.doc.lines.lines));
            }
        }
        Ok(Some(Plan {
            unchanged,
            deleted,
            kept_deleted,
            counts,
        }))
    }

    /// `sha256:…` of a file's content, as records have it; `None` when it cannot be read.
    fn content_hash(&self, file: &InputFile) -> Option<String> {
        let mut f = std::fs::File::open(file.path(&self.config.input.dir)).ok()?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match f.read(&mut buf).ok()? {
                0 => break,
                n => h.update(&buf[..n]),
            }
        }
        Some(format!("sha256:{:x}", h.finalize()))
    }

    /// Whether a record made before is the one this batch would make: always for an error
    /// (its failure did not depend on other documents), else when the lines it shares with
    /// other documents count as they did.
    pub(super) fn still_valid(&self, entry: &Entry, batch: BatchLines<'_>) -> bool {
        // A translation that failed (a backend down last night) is tried again; what was
        // translated comes from the cache.
        let translation_failed = entry.record.translation_error.is_some()
            || (entry.record.error.as_ref()).is_some_and(|e| e.stage == Stage::Translate);
        if translation_failed && self.translator().is_some() {
            return false;
        }
        match &self.boilerplate {
            None => true,
            Some(b) => {
                entry.record.status == Status::Error || b.verdict_holds(&entry.doc.lines, batch)
            }
        }
    }

    /// Carries out the work in batches of `run.batch_size`: the documents to make are made
    /// in parallel, then every entry goes to the sinks in order. While one batch goes to the
    /// sinks (serializing records is serial work), the next one is being made, so no worker
    /// waits for the writer. After a stop, documents not made keep their previous entries.
    /// Returns the bytes of the documents made.
    pub(super) fn execute(
        &self,
        work: impl Iterator<Item = Result<Work, RunError>>,
        batch: BatchLines<'_>,
        first: &mut FirstPass,
        stop: &StopRequest,
        progress: &dyn Progress,
        sinks: &mut Sinks,
    ) -> Result<u64, RunError> {
        let mut processed_bytes = 0;
        let mut work = work.peekable();
        let mut made_before: Option<MadeBatch> = None;
        while work.peek().is_some() || made_before.is_some() {
            let mut pending: Vec<Work> = Vec::with_capacity(self.config.run.batch_size);
            for item in work.by_ref().take(self.config.run.batch_size) {
                pending.push(item?);
            }
            // What pass 1 made, taken in the order of the files.
            let prepared: Vec<_> = (pending.iter())
                .map(|item| match item {
                    Work::Make { index, .. } => first.prepared.take(*index),
                    _ => Default::default(),
                })
                .collect();
            let interrupted = &first.interrupted;
            let (made, settled) = rayon::join(
                || {
                    // A document not begun when a stop comes is left for the next run.
                    (pending.par_iter().zip(prepared))
                        .map(|(item, prepared)| match item {
                            Work::Make { file, .. } if stop.signal().is_none() => {
                                let made = self.process_file_in(file, batch, interrupted, prepared);
                                progress.advance();
                                Some(made)
                            }
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                },
                || -> Result<u64, RunError> {
                    let Some((items, made)) = made_before.take() else {
                        return Ok(0);
                    };
                    let mut bytes = 0;
                    for (item, made) in items.into_iter().zip(made) {
                        bytes += self.settle(item, made, progress, sinks)?;
                    }
                    // What a killed run leaves of its state is the journal of the next.
                    sinks.state.flush()?;
                    Ok(bytes)
                },
            );
            processed_bytes += settled?;
            if let Some(signal) = stop.signal() {
                sinks.report.stopped_by = Some(signal_name(signal));
            }
            made_before = (!pending.is_empty()).then_some((pending, made));
        }
        Ok(processed_bytes)
    }

    /// Sends one file's entries to the sinks and counts them: those made, those kept, or —
    /// when a stop left the file — the previous ones. Returns the bytes processed.
    fn settle(
        &self,
        item: Work,
        made: Option<Vec<Made>>,
        progress: &dyn Progress,
        sinks: &mut Sinks,
    ) -> Result<u64, RunError> {
        let report = &mut sinks.report;
        let entries = match (item, made) {
            (
                Work::Make {
                    stamp, repetition, ..
                },
                Some(made),
            ) => {
                let mut bytes = 0;
                for made in made {
                    let report = &mut sinks.report;
                    report.processed += 1;
                    report.repetition_changed += u64::from(repetition);
                    report.failed += u64::from(made.record.status == Status::Error);
                    bytes += made.record.bytes;
                    let doc = DocState {
                        source: made.record.source.clone(),
                        stamp,
                        content_hash: made.record.content_hash.clone(),
                        config_hash: self.config_hash.clone(),
                        tilmech_version: env!("CARGO_PKG_VERSION").to_string(),
                        lines: made.lines,
                        dedup: made.fingerprint,
                    };
                    sinks.emit(Entry {
                        doc,
                        record: made.record,
                    })?;
                }
                return Ok(bytes);
            }
            (Work::Make { prior, .. }, None) => {
                report.pending += prior.len().max(1) as u64;
                prior
            }
            (Work::Keep(entries), _) => {
                report.unchanged += entries.len() as u64;
                progress.advance();
                entries
            }
            (Work::Gone(entries), _) => entries,
        };
        for entry in entries {
            sinks.emit(entry)?;
        }
        Ok(0)
    }
}

/// `SIGINT`, `SIGTERM`, or the number.
fn signal_name(signal: i32) -> String {
    match signal {
        2 => "SIGINT".to_string(),
        15 => "SIGTERM".to_string(),
        n => format!("signal {n}"),
    }
}

pub(super) fn remove_if_present(path: &std::path::Path) -> Result<(), RunError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(RunError::Output {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// An input file next to its state entries (a container has many), or an entry whose input
/// is gone.
pub(super) enum Joined<T> {
    Input(Listed, Vec<T>),
    Gone(T),
}

/// Walks the input files (sorted by source) and the entries of a state (in source order, a
/// container's members after it) side by side.
pub(super) fn join<'f, T, I>(
    files: &'f InputFiles,
    entries: I,
) -> impl Iterator<Item = Result<Joined<T>, RunError>> + 'f
where
    T: Keyed + 'f,
    I: Iterator<Item = Result<T, RunError>> + 'f,
{
    struct Join<'f, T, I: Iterator<Item = Result<T, RunError>>> {
        files: &'f InputFiles,
        next_file: usize,
        /// File `next_file`, once read from the list.
        file: Option<Listed>,
        entries: Peekable<I>,
    }
    impl<T: Keyed, I: Iterator<Item = Result<T, RunError>>> Iterator for Join<'_, T, I> {
        type Item = Result<Joined<T>, RunError>;

        fn next(&mut self) -> Option<Self::Item> {
            if self.file.is_none() {
                match self.files.get(self.next_file) {
                    Ok(file) => self.file = file,
                    Err(source) => {
                        self.next_file = self.files.len();
                        let path = self.files.root().to_path_buf();
                        return Some(Err(RunError::Input { path, source }));
                    }
                }
            }
            let file = self.file.as_ref().map(|f| f.file.source.as_str());
            // Entries of files before this one (or after the last) are gone.
            let gone = match (self.entries.peek(), file) {
                (Some(Err(_)), _) => true,
                (Some(Ok(entry)), Some(file)) => split_source(entry.source()).0 < file,
                (Some(Ok(_)), None) => true,
                (None, None) => return None,
                (None, Some(_)) => false,
            };
            if gone {
                return self.entries.next().map(|e| e.map(Joined::Gone));
            }
            let listed = self.file.take().expect("a file is next");
            let mut group = Vec::new();
            while let Some(Ok(entry)) = self.entries.peek() {
                if split_source(entry.source()).0 != listed.file.source {
                    break;
                }
                group.extend(self.entries.next().and_then(Result::ok));
            }
            self.next_file += 1;
            Some(Ok(Joined::Input(listed, group)))
        }
    }
    Join {
        files,
        next_file: 0,
        file: None,
        entries: entries.peekable(),
    }
}

/// Where entries go, in source order: the state, the record files, the removed-lines sidecar
/// and the report.
pub(super) struct Sinks {
    /// Duplicates, assigned in source order as entries arrive.
    dedup: Option<crate::dedup::Index>,
    /// Leave duplicates out of the record files.
    drop_duplicates: bool,
    state: StateWriter,
    records: RecordWriter,
    sidecar: Option<AtomicFile>,
    report_path: std::path::PathBuf,
    pub(super) report: Report,
}

impl Sinks {
    pub(super) fn create(
        config: &crate::Config,
        out: &RunFiles,
        report: Report,
        dedup: Option<crate::dedup::Index>,
    ) -> Result<Self, RunError> {
        Ok(Sinks {
            dedup,
            drop_duplicates: config.dedup.drop,
            state: StateWriter::create(out.state())?,
            records: RecordWriter::create(
                config
                    .output
                    .formats
                    .iter()
                    .map(|&f| (f, out.records(f)))
                    .collect(),
            )?,
            sidecar: config
                .boilerplate
                .removed_sidecar
                .then(|| AtomicFile::create(out.removed()))
                .transpose()?,
            report_path: out.report(),
            report,
        })
    }

    pub(super) fn emit(&mut self, mut entry: Entry) -> Result<(), RunError> {
        if let Some(index) = self.dedup.as_mut() {
            let duplicate = index.assign(&entry.record.id, entry.doc.dedup.as_ref())?;
            crate::output::build::mark_duplicate(&mut entry.record, duplicate);
        }
        // The record is encoded once for the state and the JSON Lines file, which hold the
        // same text (but where the removed lines move to the sidecar).
        let encode =
            |record: &Record| serde_json::value::to_raw_value(record).expect("a record serializes");
        let json = encode(&entry.record);
        self.state.write(&entry.doc, &json)?;
        let mut record = entry.record;
        self.report.add(&record);
        if self.drop_duplicates && record.duplicate_of.is_some() {
            self.report.duplicates.dropped += 1;
            return Ok(());
        }
        let moved = match self.sidecar.as_mut() {
            Some(sidecar) => write_removed(sidecar, &mut record)?,
            None => false,
        };
        let json = if moved { encode(&record) } else { json };
        self.records.write(&record, &json)
    }

    /// Moves every file into place, the state first: a run killed between two renames leaves
    /// record files one run behind a state that the next run writes them from again. `last`
    /// writes what must come after all of them (a shard's completion marker).
    pub(super) fn commit(
        self,
        started: Instant,
        processed_bytes: u64,
        last: impl FnOnce(&Report) -> Result<(), RunError>,
    ) -> Result<Report, RunError> {
        self.state.commit()?;
        self.records.commit()?;
        if let Some(sidecar) = self.sidecar {
            sidecar.commit()?;
        }
        let mut report = self.report;
        report.finish(started.elapsed(), processed_bytes);
        write_json(self.report_path, &report)?;
        last(&report)?;
        Ok(report)
    }
}

/// Moves a record's removed lines to the sidecar file (one JSON object per record that lost
/// any: `{id, source, removed}`), leaving `removed` empty in the record; whether it had any.
fn write_removed(sidecar: &mut AtomicFile, record: &mut Record) -> Result<bool, RunError> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        id: &'a str,
        source: &'a str,
        removed: &'a [RemovedText],
    }
    if record.removed.is_empty() {
        return Ok(false);
    }
    let line = Line {
        id: &record.id,
        source: &record.source,
        removed: &record.removed,
    };
    let mut json = serde_json::to_vec(&line).expect("removed lines serialize");
    json.push(b'\n');
    sidecar.write_all(&json)?;
    record.removed.clear();
    Ok(true)
}
