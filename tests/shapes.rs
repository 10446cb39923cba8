//! The adversarial shapes of the scaling benchmark (`cargo bench --bench scaling`) at a
//! moderate size, through the whole pipeline: each gives a complete record, every word of the
//! document is in its text or listed as removed, and nothing panics or runs out of time (a document that is all boilerplate is a filtered
//! record that lists it).
//! Speed itself is measured by the benchmark, not here.

use tilmech::config::Config;
use tilmech::eval::shapes::Shape;
use tilmech::output::record::{Record, RemovedReason, Status};
use tilmech::Pipeline;

/// The words of a text (runs of letters and digits), sorted: a multiset to compare.
fn words<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = texts
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    out.sort_unstable();
    out
}

/// The text a reader of the document sees: markup dropped (the shapes hold no `<` in text).
fn visible(document: &str) -> String {
    let mut out = String::with_capacity(document.len());
    let mut in_tag = false;
    for c in document.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn check(pipeline: &Pipeline, shape: Shape, n: usize) -> Record {
    let document = shape.document(n);
    let record = pipeline.process_bytes("shape", shape.format(), document.as_bytes());
    let name = shape.name();
    if let Some(error) = &record.error {
        assert!(
            !error.message.contains("panic") && !error.message.contains("took longer"),
            "{name}: {error:?}"
        );
    }
    if record.status != Status::Error {
        let accounted = words(
            std::iter::once(record.text.as_str())
                .chain(record.removed.iter().map(|r| r.text.as_str())),
        );
        let expected = words(std::iter::once(visible(&document).as_str()));
        // Compared by hand: a failed assert_eq! would print thousands of words.
        assert!(
            accounted == expected,
            "{name}: {} words in text and removed, {} in the document",
            accounted.len(),
            expected.len()
        );
    }
    if record.status == Status::Ok {
        let chars = record.text.chars().count();
        assert_eq!(record.segments.first().map(|s| s.start), Some(0), "{name}");
        assert_eq!(record.segments.last().map(|s| s.end), Some(chars), "{name}");
    }
    record
}

#[test]
fn every_shape_gives_a_complete_record() {
    let pipeline = Pipeline::new(Config::default()).expect("pipeline builds");
    for shape in Shape::ALL {
        let record = check(&pipeline, shape, 3_000);
        let ok = record.status == Status::Ok;
        let kept_lines = record.text.lines().filter(|l| !l.is_empty()).count();
        match shape {
            Shape::ShortLines => assert_eq!(kept_lines, 3_000),
            Shape::MarkdownParagraphs | Shape::HtmlParagraphs => {
                assert_eq!(record.text.split("\n\n").count(), 3_000)
            }
            Shape::HugeLine => assert_eq!(record.words, 3_000),
            Shape::BoilerplateLines => {
                assert!(ok);
                assert_eq!(record.removed.len(), 3_000);
            }
            // A table of single words and numbers is not kept as article text (a matter of
            // extraction, not of speed): the record is filtered and lists every cell.
            Shape::HugeTable => {
                assert_eq!(record.status, Status::Filtered);
                assert_eq!(record.removed.len(), 9_000);
            }
            // The lines beside the article open as its paragraphs do, but are not in it.
            Shape::RepeatedOpenings => {
                assert!(ok);
                assert_eq!(record.text.split("\n\n").count(), 3_000);
                assert_eq!(record.removed.len(), 3_000);
                assert!(record
                    .removed
                    .iter()
                    .all(|r| r.reason == RemovedReason::NotMain));
            }
            _ => assert!(ok, "{}: {:?}", shape.name(), record.error),
        }
    }
}

#[test]
fn deep_nesting_keeps_its_text() {
    let pipeline = Pipeline::new(Config::default()).expect("pipeline builds");
    let record = check(&pipeline, Shape::DeepNesting, 20_000);
    assert_eq!(record.status, Status::Ok);
    assert!(record.text.starts_with("Бишкек"), "{}", record.text);
}

#[test]
fn a_document_over_its_time_budget_is_cut_and_the_batch_goes_on() {
    let mut config = Config::default();
    config.run.max_seconds_per_document = 1.0;
    let pipeline = Pipeline::new(config).expect("pipeline builds");
    // Far more than a second of work, in any build.
    let huge = Shape::HtmlParagraphs.document(100_000);
    let mut docs: Vec<(String, tilmech::document::Format, Vec<u8>)> = (0..3)
        .map(|i| {
            // Distinct lines: a line in every document of a batch is boilerplate.
            let place = ["Нарын", "Талас", "Баткен"][i];
            let text = format!("{place} шаарында жаңы көпүрө курулуп бүттү.");
            (
                format!("small{i}.txt"),
                tilmech::document::Format::Txt,
                text.into_bytes(),
            )
        })
        .collect();
    docs.push((
        "huge.html".into(),
        Shape::HtmlParagraphs.format(),
        huge.into_bytes(),
    ));
    let records = pipeline.process_documents(&docs);
    for record in &records[..3] {
        assert_eq!(record.status, Status::Ok, "{:?}", record.error);
    }
    let error = records[3]
        .error
        .as_ref()
        .expect("the huge page is an error record");
    assert!(
        error.message.contains("took longer than 1 s"),
        "{}",
        error.message
    );
}
