//! The output lock: an exclusive advisory lock (`flock`) on `.tilmech.lock` in the output
//! directory (`.tilmech-00003-of-00016.lock` for a shard), held for the whole run. The operating system releases it when the holder dies,
//! even by SIGKILL, so a lock left by a dead run is no obstacle: the next run takes it over.
//! The file also names its holder (process id, start time) for the message a second run gives.

use crate::error::RunError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Held while a run writes an output directory; released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    /// Takes the lock file `path` (its directory created if missing), waiting up to `wait`
    /// for another run to finish; `RunError::Locked` names the holder when it does not.
    pub fn acquire(path: PathBuf, wait: Duration) -> Result<Self, RunError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| RunError::Output {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| RunError::Output {
                path: path.clone(),
                source,
            })?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(RunError::Locked {
                        path,
                        holder: holder.trim().to_string(),
                    });
                }
                Err(TryLockError::Error(source)) => return Err(RunError::Output { path, source }),
            }
        }
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let holder = format!("pid {} since {started} (unix time)\n", std::process::id());
        let write = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(holder.as_bytes()));
        write.map_err(|source| RunError::Output {
            path: path.clone(),
            source,
        })?;
        Ok(OutputLock { file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // The file stays (removing it would race with a run opening it); the lock goes.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/.tilmech.lock");
        let first = OutputLock::acquire(path.clone(), Duration::ZERO).unwrap();
        let second = OutputLock::acquire(path.clone(), Duration::from_millis(250));
        match second {
            Err(RunError::Locked { holder, .. }) => {
                assert!(
                    holder.starts_with(&format!("pid {}", std::process::id())),
                    "{holder}"
                )
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        assert_eq!(first.path(), path);
        drop(first);
        OutputLock::acquire(path, Duration::ZERO).expect("free again");
    }
}
