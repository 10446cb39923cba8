//! Containment of one document's work: a panic anywhere in its stages, or time past its
//! budget, ends that document only. The budget is cooperative: long loops of every stage call
//! [`check`], which unwinds to [`contain`] once the document's deadline has passed (without
//! the panic hook, so nothing is printed). Code below the stages (a parser in a dependency) is
//! not interrupted; it is kept linear instead.

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

thread_local! {
    /// Deadline of the document this thread works on, if it has one.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Depth of [`contain`] calls this thread is inside.
    static CONTAINED: Cell<usize> = const { Cell::new(0) };
}

/// Whether this thread is working inside [`contain`], where a panic becomes an error of the
/// document and not the end of the run (a panic hook can keep quiet about those).
pub fn contained() -> bool {
    CONTAINED.get() > 0
}

/// Why a document's work stopped early.
#[derive(Debug, Clone, PartialEq)]
pub enum Interrupted {
    /// A stage panicked; the panic's message.
    Panic(String),
    /// The document took longer than its budget.
    OverBudget(Duration),
}

/// The unwind payload of an exhausted budget.
struct BudgetExceeded;

/// Runs one document's work with `budget` (`None`: unlimited), turning a panic or an exhausted
/// budget into [`Interrupted`]. The deadline is the work's own, whatever the thread was doing
/// before: a rayon worker waiting inside one document (lingua runs in parallel) may pick up
/// another document, which must not inherit the first one's deadline.
pub fn contain<T>(budget: Option<Duration>, work: impl FnOnce() -> T) -> Result<T, Interrupted> {
    let outer = DEADLINE.get();
    DEADLINE.set(budget.map(|b| Instant::now() + b));
    CONTAINED.set(CONTAINED.get() + 1);
    let outcome = catch_unwind(AssertUnwindSafe(work));
    CONTAINED.set(CONTAINED.get() - 1);
    DEADLINE.set(outer);
    outcome.map_err(|payload| {
        if payload.is::<BudgetExceeded>() {
            Interrupted::OverBudget(budget.unwrap_or_default())
        } else {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Interrupted::Panic(message)
        }
    })
}

/// Stops the current document's work if its deadline has passed. Cheap (one clock read):
/// call it once per line, block or paragraph of a long loop.
#[inline]
pub fn check() {
    if let Some(deadline) = DEADLINE.get() {
        if Instant::now() >= deadline {
            resume_unwind(Box::new(BudgetExceeded));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_and_overruns_are_contained() {
        assert_eq!(contain(None, || 7), Ok(7));
        assert_eq!(
            contain(None, || -> () { panic!("boom") }),
            Err(Interrupted::Panic("boom".to_string()))
        );
        let budget = Duration::from_millis(20);
        let outcome = contain(Some(budget), || loop {
            std::thread::sleep(Duration::from_millis(1));
            check();
        });
        assert_eq!(outcome, Err::<(), _>(Interrupted::OverBudget(budget)));
        // The deadline ends with the document: later work on the thread is not stopped.
        check();
    }
}
