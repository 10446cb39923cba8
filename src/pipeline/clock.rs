//! Where a run's time goes: each document's work is timed per stage, summed over the worker
//! threads and over both passes, for the report's `stage_seconds`. The clock follows the
//! stage a document is in (the one its errors are named after), so timing costs two clock
//! reads per stage change and nothing per line.

use crate::document::Stage;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The stages in the order of the pipeline, as indexes of [`StageTimes`].
const STAGES: [Stage; 7] = [
    Stage::Read,
    Stage::Decode,
    Stage::Clean,
    Stage::Normalize,
    Stage::Detect,
    Stage::Translate,
    Stage::Record,
];

/// Nanoseconds spent in each stage by all threads of a run.
#[derive(Default)]
pub(super) struct StageTimes([AtomicU64; STAGES.len()]);

impl StageTimes {
    fn add(&self, stage: Stage, nanos: u64) {
        let i = STAGES.iter().position(|&s| s == stage).unwrap_or(0);
        self.0[i].fetch_add(nanos, Ordering::Relaxed);
    }

    /// Seconds per stage that took any time.
    pub(super) fn seconds(&self) -> BTreeMap<Stage, f64> {
        STAGES
            .iter()
            .zip(&self.0)
            .map(|(&stage, nanos)| (stage, nanos.load(Ordering::Relaxed) as f64 / 1e9))
            .filter(|&(_, s)| s > 0.0)
            .collect()
    }
}

/// The stage one document is in, timed: what [`StageClock::set`] leaves is charged to the
/// stage it leaves, the last stage when the clock is dropped.
pub(super) struct StageClock<'a> {
    times: &'a StageTimes,
    stage: Cell<Stage>,
    since: Cell<Instant>,
}

impl<'a> StageClock<'a> {
    pub(super) fn new(times: &'a StageTimes, stage: Stage) -> Self {
        StageClock {
            times,
            stage: Cell::new(stage),
            since: Cell::new(Instant::now()),
        }
    }

    pub(super) fn get(&self) -> Stage {
        self.stage.get()
    }

    pub(super) fn set(&self, stage: Stage) {
        self.charge();
        self.stage.set(stage);
    }

    fn charge(&self) {
        let now = Instant::now();
        let spent = now.duration_since(self.since.get());
        self.times.add(self.stage.get(), spent.as_nanos() as u64);
        self.since.set(now);
    }
}

impl Drop for StageClock<'_> {
    fn drop(&mut self) {
        self.charge();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_goes_to_the_stage_the_document_was_in() {
        let times = StageTimes::default();
        {
            let clock = StageClock::new(&times, Stage::Decode);
            std::thread::sleep(std::time::Duration::from_millis(20));
            clock.set(Stage::Detect);
            assert_eq!(clock.get(), Stage::Detect);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let seconds = times.seconds();
        assert_eq!(
            seconds.keys().copied().collect::<Vec<_>>(),
            [Stage::Decode, Stage::Detect]
        );
        assert!(seconds[&Stage::Decode] >= 0.020);
        assert!(seconds[&Stage::Detect] >= 0.005);
    }
}
