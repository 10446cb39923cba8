//! `tilmech merge`: the complete shards of a sharded run joined into exactly the files one
//! run over all the inputs writes. Each shard judged repetition among its own documents; the
//! merge counts the lines of all of them (from the shards' states) and processes again the few
//! documents whose lines' counts moved, so the records are byte for byte a single run's.

use super::run::{join, remove_if_present, Joined, Sinks, Work};
use super::{FirstPass, Pipeline, Progress};
use crate::clean::boilerplate::LineCounts;
use crate::error::RunError;
use crate::input;
use crate::report::{Report, Skipped};
use crate::state::shard::complete_shards;
use crate::state::store::{merge_sorted, DocOnly, Entry, StateReader};
use crate::state::{RunFiles, StopRequest};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

impl Pipeline {
    /// Merges the shards in `shards_dir` into the output directory of the config. Refuses
    /// when a shard is missing, unfinished, or made with another config or tilmech.
    pub fn merge(
        &self,
        shards_dir: &Path,
        stop: &StopRequest,
        progress: &dyn Progress,
    ) -> Result<Report, RunError> {
        let started = Instant::now();
        let shards = complete_shards(shards_dir, &self.config_hash)?;
        let out = RunFiles {
            dir: self.config.output.dir.clone(),
            shard: None,
        };
        let pool = self.pool()?;
        let mut report = Report::new(
            format!("merge of {} shards", shards.len()),
            pool.current_num_threads(),
        );
        let _lock = self.lock(&out)?;
        let (counts, documents, readers) = self.read_shards(shards_dir, &shards, &mut report)?;
        let counts = counts.filter(|_| documents >= 2);
        let batch = counts.as_ref().map(|c| (c, documents));
        // The inputs, for the documents to make again; a merge that needs none runs
        // without them.
        let files = match input::collect(&self.config.input) {
            Ok((files, _)) => files,
            Err(e) => {
                report.notes.push(format!(
                    "inputs not readable ({e}); records whose repetition changed are kept as the shards made them"
                ));
                Vec::new()
            }
        };
        let files = pool
            .install(|| input::InputFiles::new(&self.config.input.dir, files, Some(&out.dir)))
            .map_err(|source| RunError::Output {
                path: out.dir.clone(),
                source,
            })?;
        let unsharded = AtomicU64::new(0);
        let work = join(&files, merge_sorted(readers)).filter_map(|joined| {
            Some(Ok(match joined {
                Err(e) => return Some(Err(e)),
                Ok(Joined::Input(_, entries)) if entries.is_empty() => {
                    unsharded.fetch_add(1, Ordering::Relaxed);
                    return None;
                }
                Ok(Joined::Input(listed, entries))
                    if !entries.iter().all(|e| self.still_valid(e, batch)) =>
                {
                    Work::Make {
                        index: listed.index,
                        file: listed.file,
                        stamp: listed.stamp,
                        prior: entries,
                        repetition: true,
                    }
                }
                Ok(Joined::Input(_, entries)) => Work::Keep(entries),
                Ok(Joined::Gone(entry)) => Work::Keep(vec![entry]),
            }))
        });
        let mut sinks = Sinks::create(&self.config, &out, report, self.dedup_index(&out.dir)?)?;
        progress.start(documents as u64);
        let processed_bytes = pool.install(|| {
            self.execute(
                work,
                batch,
                &mut FirstPass::none(),
                stop,
                progress,
                &mut sinks,
            )
        })?;
        progress.finish();
        sinks.report.translation = self.translator().map(|t| t.stats());
        sinks.report.skipped_members = self.skipped_members();
        sinks.report.stage_seconds = self.stage_times.seconds();
        let unsharded = unsharded.into_inner();
        if unsharded > 0 {
            sinks.report.notes.push(format!(
                "{unsharded} inputs are in no shard (added after the shards ran?) and not in the output"
            ));
        }
        // A journal a killed merge left is of no use now.
        sinks.commit(started, processed_bytes, |_| {
            remove_if_present(&out.journal())
        })
    }
}

/// The line counts of all shards' documents, their number, and a reader per shard.
type ShardsRead = (Option<LineCounts>, usize, Vec<StateReader<Entry>>);

impl Pipeline {
    /// The line counts of every shard's documents, their number, and a reader of each
    /// shard's entries; the shards' skipped entries go to `report`.
    fn read_shards(
        &self,
        shards_dir: &Path,
        shards: &[RunFiles],
        report: &mut Report,
    ) -> Result<ShardsRead, RunError> {
        let counts = self.boilerplate.is_some().then(LineCounts::default);
        let mut documents = 0usize;
        let mut readers = Vec::with_capacity(shards.len());
        for shard in shards {
            report.skipped.extend(skipped_in(&shard.report()));
            let state = shard.state();
            let missing = || RunError::Merge {
                dir: shards_dir.to_path_buf(),
                message: format!("{} is missing", state.display()),
            };
            for doc in StateReader::<DocOnly>::open(&state)?.ok_or_else(missing)? {
                let doc = doc?;
                documents += 1;
                if let Some(counts) = &counts {
                    counts.add_fingerprints(&doc.doc.lines.lines);
                }
            }
            readers.push(StateReader::<Entry>::open(&state)?.ok_or_else(missing)?);
        }
        Ok((counts, documents, readers))
    }
}

/// The entries a shard's report lists as skipped (none when it cannot be read).
fn skipped_in(report: &Path) -> Vec<Skipped> {
    #[derive(serde::Deserialize)]
    struct SkippedOnly {
        skipped: Vec<Skipped>,
    }
    std::fs::read(report)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<SkippedOnly>(&bytes).ok())
        .map_or_else(Vec::new, |r| r.skipped)
}
