//! The end-to-end benchmark (`cargo bench --bench corpus`): writes the benchmark corpus
//! (`tilmech generate`: ky/ru/en text and HTML pages in site templates, 300 B to 50 kB,
//! legacy encodings and mojibake) and runs `tilmech run` on it with one thread and with all,
//! printing MB/s, documents/s, peak memory and each stage's share of the time.
//!
//! `TILMECH_BENCH_DATA` is the corpus folder (default `../shared/corpus`), `TILMECH_BENCH_MB`
//! the size in megabytes (default 10; 100 and 1,000 for the memory figures), and
//! `TILMECH_BENCH_SEED` the seed (default 1), `TILMECH_BENCH_LARGEST` the largest document in
//! bytes (default 50,000; 5,000 for a corpus of small documents). `TILMECH_BENCH_COMPARE` names other `tilmech`
//! binaries (separated by `:`), run on the same corpus in turn with this build, so that two
//! builds are compared in the same minutes (a shared machine's load moves the figures).

mod common;

use std::path::{Path, PathBuf};

fn main() {
    let env = common::setting;
    let Some(data) = common::bench_data() else {
        return;
    };
    let megabytes: usize = env("TILMECH_BENCH_MB", "10")
        .parse()
        .expect("TILMECH_BENCH_MB");
    let seed: u64 = env("TILMECH_BENCH_SEED", "1")
        .parse()
        .expect("TILMECH_BENCH_SEED");
    let largest: usize = env("TILMECH_BENCH_LARGEST", "50000")
        .parse()
        .expect("TILMECH_BENCH_LARGEST");
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input");
    let made = tilmech::eval::generate::generate(
        &data,
        Path::new("tests/fixtures/sites"),
        &input,
        (megabytes * 1_000_000, largest),
        seed,
    )
    .expect("generate the corpus");
    println!(
        "corpus: {} documents, {:.1} MB, seed {seed}, largest {largest} B; {} cores",
        made.documents,
        made.bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let compared = std::env::var("TILMECH_BENCH_COMPARE").unwrap_or_default();
    let exes: Vec<(String, PathBuf)> = std::iter::once((
        "tilmech run".to_string(),
        PathBuf::from(env!("CARGO_BIN_EXE_tilmech")),
    ))
    .chain(
        (compared.split(':'))
            .filter(|p| !p.is_empty())
            .map(|p| (format!("{p} run"), PathBuf::from(p))),
    )
    .collect();
    for threads in [1, 0] {
        for (label, exe) in &exes {
            run(label, exe, &input, &dir.path().join("out"), threads);
        }
    }
}

/// Runs `exe` on `input` with `threads` (0: all), printing its figures under `label`.
fn run(label: &str, exe: &Path, input: &Path, output: &Path, threads: usize) {
    if output.exists() {
        std::fs::remove_dir_all(output).expect("remove the last output");
    }
    let threads = threads.to_string();
    let args = [
        "run".as_ref(),
        "--quiet".as_ref(),
        "--input".as_ref(),
        input.as_os_str(),
        "--output".as_ref(),
        output.as_os_str(),
        "--threads".as_ref(),
        threads.as_ref(),
    ];
    let (run, peak_kb) = common::timed(exe, &args).expect("run /usr/bin/time tilmech run");
    assert!(run.status.code().is_some_and(|c| c <= 1), "{run:?}");
    let peak_kb = peak_kb.unwrap_or(0) as f64;
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("report.json")).unwrap())
            .unwrap();
    let stages = report["stage_seconds"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let total: f64 = stages.values().filter_map(|v| v.as_f64()).sum();
    let shares: Vec<String> = stages
        .iter()
        .map(|(stage, s)| format!("{stage} {:.0} %", 100.0 * s.as_f64().unwrap_or(0.0) / total))
        .collect();
    println!(
        "{label}, {} thread(s): {:.2} MB/s, {:.0} documents/s, peak memory {:.1} MB; {}",
        report["threads"],
        report["megabytes_per_second"].as_f64().unwrap_or(0.0),
        report["documents_per_second"].as_f64().unwrap_or(0.0),
        peak_kb / 1024.0,
        shares.join(", ")
    );
}
