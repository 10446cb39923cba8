//! The end-to-end benchmark (`cargo bench --bench corpus`): writes the benchmark corpus
//! (`tilmech generate`: ky/ru/en text and HTML pages in site templates, 300 B to 50 kB,
//! legacy encodings and mojibake) and runs `tilmech run` on it with one thread and with all,
//! printing MB/s, documents/s, peak memory and each stage's share of the time.
//!
//! `TILMECH_BENCH_DATA` is the corpus folder (default `../shared/corpus`), `TILMECH_BENCH_MB`
//! the size in megabytes (default 10; 100 and 1,000 for the memory figures), and
//! `TILMECH_BENCH_SEED` the seed (default 1).

mod common;

use std::path::Path;

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
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input");
    let made = tilmech::eval::generate::generate(
        &data,
        Path::new("tests/fixtures/sites"),
        &input,
        megabytes * 1_000_000,
        seed,
    )
    .expect("generate the corpus");
    println!(
        "corpus: {} documents, {:.1} MB, seed {seed}; {} cores",
        made.documents,
        made.bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let exe = Path::new(env!("CARGO_BIN_EXE_tilmech"));
    for threads in [1, 0] {
        let output = dir.path().join(format!("out{threads}"));
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
            "tilmech run, {} thread(s): {:.2} MB/s, {:.0} documents/s, peak memory {:.1} MB; {}",
            report["threads"],
            report["megabytes_per_second"].as_f64().unwrap_or(0.0),
            report["documents_per_second"].as_f64().unwrap_or(0.0),
            peak_kb / 1024.0,
            shares.join(", ")
        );
    }
}
