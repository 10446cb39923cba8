//! What the benchmarks share: their settings from the environment, and the corpus folder.

use std::path::PathBuf;

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
