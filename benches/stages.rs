//! Per-stage benchmarks (`cargo bench --bench stages`, criterion): each stage of the pipeline
//! on its own, over the documents of a generated benchmark corpus (the `tilmech generate` mix
//! of ky/ru/en text and HTML pages, legacy encodings and mojibake), each stage fed what the
//! stage before it made. Criterion prints the time per pass over the set and bytes/s.
//!
//! `TILMECH_BENCH_DATA` is the corpus folder (default `../shared/corpus`); `TILMECH_BENCH_MB`
//! the size of the set in megabytes (default 2).

#[allow(
    dead_code,
    reason = "the helpers the other benchmarks run tilmech with"
)]
mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::path::Path;
use std::sync::Arc;
use tilmech::clean::boilerplate::Boilerplate;
use tilmech::clean::Extracted;
use tilmech::config::Config;
use tilmech::decode::{Decoded, Decoder};
use tilmech::detect::segment::segment_paragraph;
use tilmech::detect::{configured_model, Detector, LanguageIdentifier};
use tilmech::document::Format;
use tilmech::normalize::{NormCounts, Normalizers};

/// The set: each document's format and bytes.
fn documents() -> Option<Vec<(Format, Vec<u8>)>> {
    let env = common::setting;
    let data = common::bench_data()?;
    let megabytes: usize = env("TILMECH_BENCH_MB", "2")
        .parse()
        .expect("TILMECH_BENCH_MB");
    let dir = tempfile::tempdir().expect("temp dir");
    tilmech::eval::generate::generate(
        &data,
        Path::new("tests/fixtures/sites"),
        dir.path(),
        (megabytes * 1_000_000, tilmech::eval::generate::LARGEST),
        1,
    )
    .expect("generate the corpus");
    let mut docs = Vec::new();
    for entry in walkdir::WalkDir::new(dir.path()).sort_by_file_name() {
        let entry = entry.expect("walk the corpus");
        let format = (entry.path().extension())
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        if let Some(format) = format {
            docs.push((format, std::fs::read(entry.path()).expect("read")));
        }
    }
    Some(docs)
}

fn stages(c: &mut Criterion) {
    let Some(docs) = documents() else {
        return;
    };
    let config = Config::default();
    let model = Arc::new(configured_model(&config.detect).expect("model"));
    let decoder = Decoder::new(&config.decode, Some(model.clone())).expect("decoder");
    let boilerplate = Boilerplate::new(&config.boilerplate);
    let normalizers = Normalizers::new(&config.normalize);
    let detector = Detector::with_model(model, &config.detect);
    let bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    let mut group = c.benchmark_group(format!("{} documents, {bytes} bytes", docs.len()));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);

    group.bench_function("decode", |b| {
        b.iter(|| {
            for (format, bytes) in &docs {
                let _ = decoder.decode("bench", *format, bytes);
            }
        })
    });
    let decoded: Vec<(Format, Decoded)> = (docs.iter())
        .filter_map(|(f, b)| decoder.decode("bench", *f, b).ok().map(|d| (*f, d)))
        .collect();

    group.bench_function("clean: extraction", |b| {
        b.iter(|| {
            for (format, d) in &decoded {
                tilmech::clean::extract(&d.text, *format, true, true);
            }
        })
    });
    let extracted: Vec<Extracted> = (decoded.iter())
        .map(|(format, d)| tilmech::clean::extract(&d.text, *format, true, true))
        .collect();

    group.bench_function("clean: boilerplate", |b| {
        b.iter(|| {
            for e in &extracted {
                boilerplate.clean(e, None);
            }
        })
    });
    let kept: Vec<Vec<String>> = (extracted.iter())
        .map(|e| boilerplate.clean(e, None).0)
        .collect();

    group.bench_function("normalize", |b| {
        b.iter(|| {
            let mut counts = NormCounts::new();
            for paragraphs in &kept {
                for p in paragraphs {
                    normalizers.text_wide(p, &mut counts);
                }
            }
        })
    });

    // A new detector per pass: its cache of short texts must not carry over between passes.
    group.bench_function("detect: segments", |b| {
        b.iter_batched(
            || {
                Detector::with_model(
                    Arc::new(configured_model(&config.detect).unwrap()),
                    &config.detect,
                )
            },
            |detector| {
                for paragraphs in &kept {
                    for p in paragraphs {
                        segment_paragraph(&detector, p, 0, config.detect.segment_min_letters);
                    }
                }
            },
            BatchSize::PerIteration,
        )
    });
    let texts: Vec<(String, tilmech::text::Lang)> = (kept.iter())
        .map(|p| p.join("\n\n"))
        .map(|text| {
            let lang = detector.identify(&text).lang;
            (text, lang)
        })
        .collect();

    group.bench_function("record: duplicate fingerprint and quality", |b| {
        b.iter(|| {
            for (text, lang) in &texts {
                let key = tilmech::normalize::dedup_key(text);
                let dedup = &config.dedup;
                let words = (dedup.shingle_words, dedup.min_words);
                tilmech::dedup::minhash::fingerprint_keyed(text, &key, words.0, words.1);
                tilmech::dedup::quality::measure(text, &key, *lang);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
