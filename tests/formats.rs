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
    let output = tmp.path().join("out");
    run(&input, &output, "", &[]);
    let records = records(&output);
    assert_eq!(records.len(), 6, "{records:?}");
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
