//! Input formats end to end, with files the tests make: JSON Lines and CSV/TSV containers,
//! compressed files, a decompression bomb and a truncated archive.

use std::io::Write;
use std::path::Path;
use std::process::Output;

const KY: &str =
    "Бишкекте жаңы мектеп ачылды, анда беш жүз окуучу окуйт жана алар абдан кубанышты.";
const RU: &str = "В Бишкеке открылась новая школа, в ней будут учиться пятьсот детей из трёх сёл.";
const EN: &str = "The new school in Bishkek will teach five hundred children from three villages.";

fn run(input: &Path, output: &Path, config: &str, extra: &[&str]) -> Output {
    let config_path = output.with_extension("toml");
    std::fs::write(&config_path, config).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_tilmech"))
        .args(["-q", "run", "--config"])
        .arg(&config_path)
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .args(extra)
        .output()
        .unwrap()
}

fn records(output: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(output.join("records.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_source<'a>(records: &'a [serde_json::Value], source: &str) -> &'a serde_json::Value {
    records
        .iter()
        .find(|r| r["source"] == source)
        .unwrap_or_else(|| panic!("no record of {source}"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn json_lines_give_one_record_per_line_and_a_broken_line_costs_only_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut lines = String::new();
    for i in 1..=12 {
        let line = match i {
            5 => "{\"id\": 5, \"text\": \"unterminated\n".to_string(),
            9 => "{\"id\": 9, \"body\": \"no text field\"}\n".to_string(),
            _ => {
                let text = [KY, RU, EN][i % 3];
                serde_json::json!({"id": i, "text": text, "title": format!("Title {i}"), "url": format!("https://example.org/{i}"), "section": "news", "score": i})
                    .to_string() + "\n"
            }
        };
        lines.push_str(&line);
    }
    std::fs::write(input.join("items.jsonl"), &lines).unwrap();
    let output = tmp.path().join("out");
    let out = run(&input, &output, "", &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "two lines are error records: {out:?}"
    );
    let records = records(&output);
    assert_eq!(records.len(), 12);
    // In line order: line 10 after line 9.
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources[8..10],
        ["items.jsonl#line-9", "items.jsonl#line-10"]
    );
    let seven = by_source(&records, "items.jsonl#line-7");
    assert_eq!(seven["status"], "ok");
    assert_eq!(seven["lang"], "ru");
    assert_eq!(seven["text"], RU);
    assert_eq!(seven["title"], "Title 7");
    assert_eq!(seven["metadata"]["url"], "https://example.org/7");
    assert_eq!(seven["metadata"]["fields"]["section"], "news");
    assert_eq!(seven["metadata"]["fields"]["score"], "7");
    assert_eq!(seven["metadata"]["fields"]["id"], "7");
    let five = by_source(&records, "items.jsonl#line-5");
    assert_eq!(five["status"], "error");
    assert!(five["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not JSON"));
    let nine = by_source(&records, "items.jsonl#line-9");
    assert!(nine["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no field `text`"));

    // Ids are stable between runs; an unchanged container is unchanged as a whole.
    let again = run(&input, &output, "", &["--incremental"]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("report.json")).unwrap()).unwrap();
    assert_eq!(
        (report["processed"].as_u64(), report["unchanged"].as_u64()),
        (Some(0), Some(12))
    );
    assert_eq!(crate::records(&output)[6]["id"], records[6]["id"]);
}

#[test]
fn csv_rows_with_quoted_multiline_fields_and_a_broken_row() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let csv = format!(
        "id,title,text,date\r\n1,First,\"{KY}\r\nЭкинчи сап: окуучулар жаңы класстарга киришти.\",2024-03-01\r\n2,Second,\"{EN} He said \"\"welcome\"\".\",2024-03-02\r\n3,Broken,only three\r\n4,Fourth,\"{RU}\",2024-03-04,extra\r\n5,Fifth,\"{RU}\",2024-03-05\r\n"
    );
    std::fs::write(input.join("export.csv"), csv).unwrap();
    std::fs::write(
        input.join("export.tsv"),
        format!("title\ttext\nTab\t{EN}\n"),
    )
    .unwrap();
    // Excel exports Russian CSV in windows-1251.
    let legacy = "заголовок,text\r\nПогода,\"Завтра в Бишкеке ожидается снег, температура опустится до минус десяти градусов.\"\r\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(legacy);
    std::fs::write(input.join("legacy.csv"), &cp1251).unwrap();
    let output = tmp.path().join("out");
    run(&input, &output, "", &[]);
    let records = records(&output);
    assert_eq!(records.len(), 7, "{records:?}");
    let legacy = by_source(&records, "legacy.csv#row-1");
    assert!(
        legacy["text"]
            .as_str()
            .unwrap()
            .starts_with("Завтра в Бишкеке"),
        "{legacy}"
    );
    assert_eq!(legacy["metadata"]["fields"]["заголовок"], "Погода");
    let first = by_source(&records, "export.csv#row-1");
    assert!(
        first["text"].as_str().unwrap().contains("Экинчи сап"),
        "{first}"
    );
    assert_eq!(first["lang"], "ky");
    assert_eq!(first["metadata"]["date"], "2024-03-01");
    let second = by_source(&records, "export.csv#row-2");
    assert!(second["text"].as_str().unwrap().contains("\"welcome\""));
    for broken in ["export.csv#row-3", "export.csv#row-4"] {
        let r = by_source(&records, broken);
        assert_eq!(r["status"], "error", "{r}");
        assert!(
            r["error"]["message"]
                .as_str()
                .unwrap()
                .contains("malformed row"),
            "{r}"
        );
    }
    assert_eq!(by_source(&records, "export.csv#row-5")["lang"], "ru");
    assert_eq!(by_source(&records, "export.tsv#row-1")["title"], "Tab");
}

#[test]
fn compressed_files_are_read_and_bombs_and_cuts_are_error_records() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("news.txt.gz"),
        gzip(format!("{KY}\n\n{EN}").as_bytes()),
    )
    .unwrap();
    let zst = "Зимой в горах Нарына выпало много снега, и дороги закрыли на три дня.";
    let packed_zst = zstd::encode_all(zst.as_bytes(), 3).unwrap();
    std::fs::write(input.join("news.txt.zst"), packed_zst).unwrap();
    let lines: String = [KY, RU, EN]
        .iter()
        .map(|text| serde_json::json!({ "text": text }).to_string() + "\n")
        .collect();
    std::fs::write(input.join("items.jsonl.gz"), gzip(lines.as_bytes())).unwrap();
    // A gzip with no .gz: known by its magic bytes.
    let disguised = "На рынке Оша подешевели овощи, сообщили торговцы и покупатели в субботу.";
    std::fs::write(input.join("disguised.txt"), gzip(disguised.as_bytes())).unwrap();
    // 64 MB of zeros in 64 kB: above the 8 MB cap of this run.
    std::fs::write(input.join("bomb.txt.gz"), gzip(&vec![0u8; 64 << 20])).unwrap();
    // A JSON Lines archive cut in half: the lines before the cut, and an error record.
    // Lines of their own (repeated lines would be removed as boilerplate): word pairs.
    let words = [
        "школа",
        "дорога",
        "больница",
        "мост",
        "парк",
        "рынок",
        "театр",
        "музей",
        "стадион",
        "библиотека",
        "завод",
        "вокзал",
        "аэропорт",
        "университет",
        "площадь",
        "фонтан",
        "магазин",
        "клиника",
        "сад",
        "дом",
    ];
    let long: String = (0..400)
        .map(|i| {
            let text = format!(
                "В городе открыли {} и {}, сказали жители района.",
                words[i % 20],
                words[(i / 20) % 20]
            );
            serde_json::json!({ "text": text }).to_string() + "\n"
        })
        .collect();
    let packed = gzip(long.as_bytes());
    std::fs::write(input.join("cut.jsonl.gz"), &packed[..packed.len() / 2]).unwrap();
    let output = tmp.path().join("out");
    let config = "[input]\nmax_decompressed_bytes = 8388608\n";
    let out = run(&input, &output, config, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let records = records(&output);
    assert_eq!(
        by_source(&records, "news.txt.gz")["text"],
        format!("{KY}\n\n{EN}")
    );
    assert_eq!(by_source(&records, "news.txt.zst")["text"], zst);
    assert_eq!(by_source(&records, "disguised.txt")["text"], disguised);
    assert_eq!(by_source(&records, "items.jsonl.gz#line-3")["lang"], "en");
    let bomb = by_source(&records, "bomb.txt.gz");
    assert!(
        bomb["error"]["message"]
            .as_str()
            .unwrap()
            .contains("max_decompressed_bytes"),
        "{bomb}"
    );
    let cut = by_source(&records, "cut.jsonl.gz");
    assert!(
        cut["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cut short"),
        "{cut}"
    );
    let kept = records
        .iter()
        .filter(|r| {
            r["source"]
                .as_str()
                .unwrap()
                .starts_with("cut.jsonl.gz#line-")
                && r["status"] == "ok"
        })
        .count();
    assert!(kept > 50 && kept < 400, "{kept} lines before the cut");
}

/// One WARC record, gzipped on its own (as `.warc.gz` files are).
fn warc_record(kind: &str, uri: &str, day: u32, payload: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{day:012}>\r\nWARC-Date: 2024-03-{day:02}T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    record.extend_from_slice(payload);
    record.extend_from_slice(b"\r\n\r\n");
    gzip(&record)
}

fn http_page(charset: &str, body: &[u8]) -> Vec<u8> {
    let mut page = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    page.extend_from_slice(body);
    page
}

#[test]
fn a_warc_crawl_gives_one_record_per_html_response() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let articles = [
        KY,
        RU,
        EN,
        "Нарында жаңы көпүрө курулуп, эки айылдын ортосундагы жол кыскарды деп билдиришти.",
        "The council approved a new budget for rural clinics after a long debate on Tuesday.",
    ];
    let mut crawl = warc_record("warcinfo", "", 1, b"software: test\r\n");
    for (i, text) in articles.iter().enumerate() {
        let html = format!("<html><head><title>Page {i}</title></head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/about'>About us</a></nav><article><h1>Headline {i}</h1><p>{text}</p></article><footer>Contact: info@example.org</footer></body></html>");
        let (charset, body) = if i == 1 {
            (
                "windows-1251",
                encoding_rs::WINDOWS_1251.encode(&html).0.into_owned(),
            )
        } else {
            ("utf-8", html.into_bytes())
        };
        let uri = format!("https://example.org/news/{i}");
        crawl.extend(warc_record(
            "request",
            &uri,
            2,
            format!("GET /news/{i} HTTP/1.1\r\n\r\n").as_bytes(),
        ));
        crawl.extend(warc_record(
            "response",
            &uri,
            3 + i as u32,
            &http_page(charset, &body),
        ));
    }
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    crawl.extend(warc_record(
        "response",
        "https://example.org/logo.png",
        9,
        image,
    ));
    std::fs::write(input.join("crawl.warc.gz"), crawl).unwrap();
    let output = tmp.path().join("out");
    let out = run(&input, &output, "", &[]);
    assert!(out.status.success(), "{out:?}");
    let records = records(&output);
    assert_eq!(records.len(), 5, "{records:?}");
    for (i, record) in records.iter().enumerate() {
        assert_eq!(
            record["source"],
            format!("crawl.warc.gz#record-{}", 3 + 2 * i)
        );
        assert_eq!(record["status"], "ok", "{record}");
        let text = record["text"].as_str().unwrap();
        assert!(text.contains(articles[i]), "{text}");
        assert!(!text.contains("About us"), "navigation removed: {text}");
        assert_eq!(
            record["metadata"]["fields"]["warc_target_uri"],
            format!("https://example.org/news/{i}")
        );
        assert_eq!(
            record["metadata"]["fields"]["warc_date"],
            format!("2024-03-{:02}T10:00:00+00:00", 3 + i)
        );
    }
    assert_eq!(records[1]["lang"], "ru");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("report.json")).unwrap()).unwrap();
    assert_eq!(
        report["skipped_members"], 7,
        "warcinfo, 5 requests, 1 image"
    );
}

/// A DOCX made here: paragraphs, a heading, a table and an escaped ampersand.
fn docx() -> Vec<u8> {
    let body = format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Жаңы мектеп</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">{KY} </w:t></w:r><w:r><w:t>Ош &amp; Нарын.</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Шаар</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Окуучулар</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Бишкек</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>500</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>{RU}</w:t></w:r></w:p>"
    );
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A PDF made here: one page of text per string (Helvetica), or a page with no text at all.
fn pdf(pages: &[&str]) -> Vec<u8> {
    let n = pages.len();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    for (i, text) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * i
        ));
        let stream = if text.is_empty() {
            String::new()
        } else {
            format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET")
        };
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).into_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

#[test]
fn docx_and_pdf_give_their_text_and_a_scan_says_it_has_none() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("release.docx"), docx()).unwrap();
    std::fs::write(
        input.join("report.pdf"),
        pdf(&[
            "The school opened in Bishkek on Monday morning.",
            "Five hundred children will study there from next week.",
        ]),
    )
    .unwrap();
    std::fs::write(input.join("scan.pdf"), pdf(&[""])).unwrap();
    let output = tmp.path().join("out");
    let out = run(&input, &output, "", &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the scan is an error record: {out:?}"
    );
    let records = records(&output);
    let docx = by_source(&records, "release.docx");
    let text = docx["text"].as_str().unwrap();
    assert!(text.starts_with("Жаңы мектеп\n\n"), "{text}");
    assert!(text.contains("Ош & Нарын."), "{text}");
    assert!(
        text.contains("Шаар Окуучулар\nБишкек 500"),
        "table rows, cells apart: {text}"
    );
    assert!(text.ends_with(RU), "{text}");
    assert_eq!(docx["metadata"]["fields"]["converted_from"], "docx");
    let pdf = by_source(&records, "report.pdf");
    let text = pdf["text"].as_str().unwrap();
    assert!(text.contains("opened in Bishkek on Monday"), "{text}");
    assert!(
        text.contains("\n\nFive hundred children"),
        "page break as paragraph break: {text:?}"
    );
    assert_eq!(pdf["lang"], "en");
    let scan = by_source(&records, "scan.pdf");
    assert!(
        scan["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no text layer"),
        "{scan}"
    );
}
