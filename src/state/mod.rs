//! Run state kept in the output directory, for runs nobody watches: the lock that keeps two
//! runs from writing one output at once (`lock.rs`), and the clean-up of what a killed run
//! left half-written.

mod lock;

pub use lock::OutputLock;

use std::path::Path;

/// Removes the temporary files (`.records.jsonl.tmp1234`) a killed run left in `dir`. Only
/// the holder of the output lock calls it, so no live run is writing them.
pub fn remove_stale_temporaries(dir: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = name.starts_with('.')
            && name
                .rsplit_once(".tmp")
                .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if stale && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}
