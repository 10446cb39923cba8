//! Throughput benchmarks (`cargo bench`): detector load time, sentences/s of the library and of
//! `tilmech detect --per-line`, documents/s and MB/s of `tilmech run`, and pages/s of the
//! library on HTML pages (articles wrapped in the site templates of `tests/fixtures/sites`),
//! and of the main-content extractor (trafilatura) alone on the same pages.
//!
//! Data: `TILMECH_BENCH_DATA` (default `../shared/corpus`), with `langid/{heldout,train}/
//! <lang>.txt` sentence files and `docs/*.jsonl` articles (one JSON object with a `text` field
//! per line).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;
use tilmech::config::Config;
use tilmech::detect::{Detector, LanguageIdentifier};

fn main() {
    let Some(data) = common::bench_data() else {
        return;
    };
    let exe = Path::new(env!("CARGO_BIN_EXE_tilmech"));
    println!(
        "binary: {:.1} MB",
        std::fs::metadata(exe).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    bench_load();
    let sentences = distinct_sentences(&data.join("langid"));
    bench_identify(&sentences);
    bench_detect_cli(exe, &sentences);
    bench_run(exe, &data.join("docs"));
    bench_html(&data);
}

/// HTML pages through the whole pipeline in one batch (main-content extraction, boilerplate,
/// normalization, detection), one thread.
fn bench_html(data: &Path) {
    use tilmech::eval::sites;
    let Ok(templates) = sites::read_templates(Path::new("tests/fixtures/sites")) else {
        return;
    };
    let mut pages = Vec::new();
    for template in templates
        .iter()
        .filter(|t| t.format == tilmech::document::Format::Html)
    {
        let Ok(articles) = sites::read_articles(data, template.lang, 100) else {
            continue;
        };
        pages.extend((0..articles.len()).map(|i| {
            let page = sites::wrap(template, &articles, i);
            (format!("{}-{i}", page.template), page.format, page.bytes)
        }));
    }
    let bytes: usize = pages.iter().map(|p| p.2.len()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let pipeline = tilmech::Pipeline::new(Config::default()).expect("pipeline builds");
    let t = Instant::now();
    let records = pool.install(|| pipeline.process_documents(&pages));
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(records.len(), pages.len());
    println!(
        "library, HTML pages, 1 thread: {} pages, {:.0} pages/s, {:.2} MB/s",
        pages.len(),
        pages.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    // The main-content extractor alone, as the clean stage runs it: no pipeline that extracts
    // HTML with it is faster on these pages than this.
    let sources: Vec<String> = (pages.iter())
        .map(|p| String::from_utf8_lossy(&p.2).into_owned())
        .collect();
    let options = tilmech::clean::extractor_options();
    let t = Instant::now();
    let extracted = (sources.iter())
        .filter(|page| trafilatura::extract(page, &options).is_ok())
        .count();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "trafilatura alone, same pages, 1 thread: {extracted} of {} pages extracted, {:.0} pages/s, {:.2} MB/s",
        pages.len(),
        pages.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

fn bench_load() {
    let config = Config::default();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let d = Detector::new(&config.detect).expect("model loads");
            std::hint::black_box(&d);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "detector load (Cyrillic model + lingua): median {:.1} ms",
        times[2]
    );
}

/// The sentences of `langid/heldout` and `langid/train`, each once: the detector remembers
/// the short texts it has identified (as repeated menus and footers are), so a sentence asked
/// twice would be timed as a look-up.
fn distinct_sentences(dir: &Path) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ["heldout", "train"]
        .iter()
        .filter_map(|part| tilmech::corpus::read_sentences(&dir.join(part), None).ok())
        .flatten()
        .flat_map(|(_, s)| s)
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

fn bench_identify(sentences: &[String]) {
    let detector = Detector::new(&Config::default().detect).expect("model loads");
    let t = Instant::now();
    let mut n = 0usize;
    for s in sentences {
        std::hint::black_box(detector.identify(s));
        n += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    let bytes: usize = sentences.iter().map(String::len).sum();
    println!(
        "library identify: {:.0} sentences/s, {:.2} MB/s, one thread ({n} sentences, {:.2} MB)",
        n as f64 / secs,
        bytes as f64 / 1e6 / secs,
        bytes as f64 / 1e6
    );
}

fn bench_detect_cli(exe: &Path, sentences: &[String]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sentences.txt");
    let mut text = String::new();
    for s in sentences {
        text.push_str(s);
        text.push('\n');
    }
    let bytes = text.len();
    std::fs::write(&file, text).expect("write sentences");
    let n = sentences.len();
    let t = Instant::now();
    let out = Command::new(exe)
        .args(["detect", "--per-line"])
        .arg(&file)
        .output()
        .expect("run detect");
    let secs = t.elapsed().as_secs_f64();
    assert!(out.status.success());
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), n);
    println!(
        "tilmech detect --per-line: {:.0} sentences/s, {:.2} MB/s ({n} sentences in {secs:.2} s, load included)",
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    if let Some(kb) = peak_rss_kb(exe, &["detect", "--per-line", file.to_str().unwrap()]) {
        println!(
            "tilmech detect --per-line: peak memory {:.1} MB",
            kb as f64 / 1024.0
        );
    }
}

/// Peak resident memory of a command, through GNU time when it is installed.
fn peak_rss_kb(exe: &Path, args: &[&str]) -> Option<u64> {
    common::timed(exe, args)?.1
}

fn bench_run(exe: &Path, docs: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let mut count = 0usize;
    for entry in std::fs::read_dir(docs).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap_or_default().lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(text) = value["text"].as_str() {
                std::fs::write(input.join(format!("doc{count:05}.txt")), text).unwrap();
                count += 1;
            }
        }
    }
    for threads in [1, 2] {
        let output = dir.path().join(format!("out{threads}"));
        let status = Command::new(exe)
            .args(["run", "--quiet", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .args(["--threads", &threads.to_string()])
            .status()
            .expect("run");
        assert!(status.code().is_some_and(|c| c <= 1));
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(output.join("report.json")).unwrap())
                .unwrap();
        println!(
            "tilmech run, {threads} thread(s): {count} documents, {:.0} documents/s, {:.2} MB/s",
            report["documents_per_second"].as_f64().unwrap_or(0.0),
            report["megabytes_per_second"].as_f64().unwrap_or(0.0)
        );
    }
    let (input, output) = (input.to_str().unwrap(), dir.path().join("out-rss"));
    let args = [
        "run",
        "--quiet",
        "--input",
        input,
        "--output",
        output.to_str().unwrap(),
    ];
    if let Some(kb) = peak_rss_kb(exe, &args) {
        println!("tilmech run: peak memory {:.1} MB", kb as f64 / 1024.0);
    }
}
