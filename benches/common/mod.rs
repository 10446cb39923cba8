//! What the benchmarks share: their settings from the environment, and the corpus folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The environment variable `name`, or `default`.
pub fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.into())
}

/// The corpus folder `TILMECH_BENCH_DATA` names (default `../shared/corpus`); `None`, said on
/// stderr, when it is missing (a clone without the corpus skips the benchmark).
pub fn bench_data() -> Option<PathBuf> {
    let data = PathBuf::from(setting("TILMECH_BENCH_DATA", "../shared/corpus"));
    if data.is_dir() {
        return Some(data);
    }
    eprintln!(
        "bench data {} not found; set TILMECH_BENCH_DATA",
        data.display()
    );
    None
}

/// Runs `exe` with `args` under GNU time: its output, and its peak resident memory in kB
/// when time is installed and reported it.
pub fn timed<S: AsRef<std::ffi::OsStr>>(exe: &Path, args: &[S]) -> Option<(Output, Option<u64>)> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(exe)
        .args(args)
        .output()
        .ok()?;
    let peak_kb =
        (String::from_utf8_lossy(&out.stderr).lines().last()).and_then(|l| l.trim().parse().ok());
    Some((out, peak_kb))
}
