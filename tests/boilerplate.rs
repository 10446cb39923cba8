//! Boilerplate removal on the labelled documents of tests/fixtures/boilerplate (the seeds and
//! site templates in ky, ru and en): no article line may be lost.

use tilmech::config::Config;
use tilmech::Pipeline;

#[test]
fn labelled_documents_keep_content_and_lose_boilerplate() {
    let pipeline = Pipeline::new(Config::default()).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boilerplate");
    let docs = tilmech::corpus::read_labelled(&dir).unwrap();
    assert!(docs.len() >= 8);
    let result = tilmech::eval::eval_boilerplate(&pipeline, &docs);
    assert_eq!(
        result.content.0, result.content.1,
        "content lines dropped:\n{result}"
    );
    assert!(
        result.boilerplate.1 * 100 >= result.boilerplate.0 * 95,
        "too little boilerplate removed:\n{result}"
    );
}

#[test]
fn turned_off_it_keeps_every_line() {
    let mut config = Config::default();
    config.boilerplate.enabled = false;
    let pipeline = Pipeline::new(config).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boilerplate");
    let docs = tilmech::corpus::read_labelled(&dir).unwrap();
    let result = tilmech::eval::eval_boilerplate(&pipeline, &docs);
    assert_eq!(result.boilerplate.1, 0);
    assert_eq!(result.content.0, result.content.1);
}

/// The first letters and digits of `text` a reader sees (tags and named references skipped),
/// lower case.
fn key(text: &str, n: usize) -> String {
    let mut visible = String::new();
    let mut hidden = None;
    for c in text.chars() {
        match (hidden, c) {
            (None, '<') => hidden = Some('>'),
            (None, '&') => hidden = Some(';'),
            (Some(end), c) if c == end || (end == ';' && !c.is_ascii_alphanumeric()) => {
                hidden = None
            }
            (None, c) => visible.push(c),
            _ => {}
        }
    }
    visible
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(n)
        .collect()
}

/// Every removed text points at the line of the page that holds its start, and at the byte
/// where it starts: site templates (one element per line, furniture of every kind) with
/// articles in them, in one batch so that repetition counts too; HTML and plain text.
#[test]
fn removed_text_points_at_its_line_and_byte_in_the_source() {
    use tilmech::document::Format;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites");
    // Every page an article of its own: a line in many pages of a batch is boilerplate.
    let places = [
        "Ошто",
        "Нарында",
        "Таласта",
        "Баткенде",
        "Каракөлдө",
        "Токмокто",
    ];
    let things = [
        "китепкана",
        "мектеп",
        "оорукана",
        "стадион",
        "көпүрө",
        "бакча",
        "музей",
        "театр",
    ];
    let mut docs = Vec::new();
    let mut n = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let template = std::fs::read_to_string(&path).unwrap();
        let format = if path.extension().unwrap() == "html" {
            Format::Html
        } else {
            Format::Txt
        };
        for i in 0..4 {
            n += 1;
            let (place, thing) = (places[n % places.len()], things[n % things.len()]);
            let article = format!(
                "{place} жаңы {thing} ачылды, анда {n} адам иштейт жана ар күнү жүздөгөн киши келет.\n\n\
                 {thing} үчүн акчаны {place} жашаган ишкерлер чогултушкан, курулуш эки жыл созулду."
            );
            let page = template
                .replace("{{TITLE}}", &format!("{place} {thing} ачылды"))
                .replace("{{PUBDATE}}", "12-март, 2024-жыл")
                .replace("{{ARTICLE}}", &article)
                .replace("{{RELATED}}", "");
            let name = format!("{}-{i}", path.file_name().unwrap().to_string_lossy());
            docs.push((name, format, page.into_bytes()));
        }
    }
    let pipeline = Pipeline::new(Config::default()).unwrap();
    let records = pipeline.process_documents(&docs);
    let mut checked = 0;
    for (record, (_, _, bytes)) in records.iter().zip(&docs) {
        let page = std::str::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = page.lines().collect();
        for removed in &record.removed {
            let start = key(&removed.text, 6);
            if start.is_empty() {
                continue;
            }
            let line = lines[removed.line - 1];
            assert!(
                key(line, usize::MAX).contains(&start),
                "{}: {:?} is not on line {}: {line:?}",
                record.source,
                removed.text,
                removed.line
            );
            assert!(
                key(&page[removed.byte..], start.chars().count()) == start,
                "{}: byte {} of {:?}",
                record.source,
                removed.byte,
                removed.text
            );
            checked += 1;
        }
    }
    let failed: Vec<_> = records
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| (&r.source, &e.message)))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(checked > 200, "only {checked} removed texts");
}
