//! A stop requested from outside (SIGINT, SIGTERM): the binary registers the signals, the
//! run looks between batches, finishes the batch in hand, writes what is done and says so.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Shared with a signal handler, which stores the signal's number in it.
#[derive(Debug, Clone, Default)]
pub struct StopRequest(Arc<AtomicUsize>);

impl StopRequest {
    /// The cell a signal handler writes the signal's number to.
    pub fn cell(&self) -> Arc<AtomicUsize> {
        Arc::clone(&self.0)
    }

    /// The signal that asked the run to stop, if one did.
    pub fn signal(&self) -> Option<i32> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// Asks the run to stop, as a signal would.
    pub fn request(&self, signal: i32) {
        self.0.store(signal.max(1) as usize, Ordering::Relaxed);
    }
}
