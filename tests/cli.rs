//! End-to-end tests: the real binary on real files, compared with golden outputs.
//! Regenerate the goldens with `TILMECH_UPDATE_GOLDEN=1 cargo test --test cli`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tilmech"))
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Copies `from` into a fresh directory `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture corpus in a temporary directory, plus links that cannot be committed portably:
/// a symlink loop, a link out of the tree, a link to a directory and a good link to a file.
fn fixture_input(tmp: &Path) -> PathBuf {
    let input = tmp.join("input");
    copy_tree(&repo("tests/fixtures/corpus"), &input);
    let outside = tmp.join("outside.txt");
    std::fs::write(&outside, "A file outside the input directory.").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("loop_b.txt", input.join("loop_a.txt")).unwrap();
        symlink("loop_a.txt", input.join("loop_b.txt")).unwrap();
        symlink(&outside, input.join("outside_link.txt")).unwrap();
        symlink(".", input.join("nested/self_dir")).unwrap();
        symlink("en_note.txt", input.join("zz_link_to_en_note.txt")).unwrap();
    }
    input
}

fn run(input: &Path, output: &Path, threads: usize) -> Output {
    bin()
        .args([
            "run",
            "--quiet",
            "--config",
            repo("pipeline.toml").to_str().unwrap(),
        ])
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .args(["--threads", &threads.to_string()])
        .output()
        .unwrap()
}

/// Runs the job with a config written to `dir`/pipeline.toml from `config_text`.
fn run_with_config(dir: &Path, config_text: &str, input: &Path, output: &Path) -> Output {
    let config = dir.join("pipeline.toml");
    std::fs::write(&config, config_text).unwrap();
    bin()
        .args(["run", "--quiet", "--config"])
        .arg(&config)
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap()
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

/// Compares `actual` with the golden file, or rewrites it when asked to.
fn assert_golden(name: &str, actual: &str) {
    let path = repo("tests/golden").join(name);
    if std::env::var_os("TILMECH_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("golden {name} missing"));
    assert!(
        expected == actual,
        "{name} differs from its golden output; diff the files or set TILMECH_UPDATE_GOLDEN=1"
    );
}

#[test]
fn fixture_corpus_matches_golden_records_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture_input(tmp.path());
    let out = tmp.path().join("out");
    let result = run(&input, &out, 2);
    assert_eq!(
        result.status.code(),
        Some(1),
        "some fixtures must fail: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(!String::from_utf8_lossy(&result.stderr).contains("panicked"));

    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    // Versions change with releases; the goldens hold everything else.
    let stable = jsonl.replace(
        concat!("\"tilmech_version\":\"", env!("CARGO_PKG_VERSION"), "\""),
        "\"tilmech_version\":\"X\"",
    );
    assert_golden("records.jsonl", &stable);

    let records = read_jsonl(&out.join("records.jsonl"));
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "records are sorted by source");
    // One record per file: every regular file and every file symlink, not the directory link.
    let expected_files = walk_files(&input);
    assert_eq!(
        sources,
        expected_files
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );

    let by_source: BTreeMap<&str, &serde_json::Value> = records
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r))
        .collect();
    let error_of = |s: &str| {
        by_source[s]["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(error_of("empty.txt").contains("empty"));
    assert!(error_of("random.txt").contains("binary"));
    assert!(error_of("image.png").contains("unsupported"));
    assert!(error_of("image_named_txt.txt").contains("PNG"));
    assert!(error_of("loop_a.txt").contains("symlink"));
    assert!(error_of("outside_link.txt").contains("outside"));
    assert!(error_of("whitespace_only.txt").contains("no text"));
    assert_eq!(
        by_source["zz_link_to_en_note.txt"]["text"],
        by_source["en_note.txt"]["text"]
    );
    assert_eq!(
        by_source["ru_weather_cp1251.txt"]["encoding"],
        "windows-1251"
    );
    // chardetng names the KOI8 family by its superset; Russian letters are the same in both.
    assert_eq!(by_source["ru_koi8.txt"]["encoding"], "KOI8-U");
    assert_eq!(by_source["ru_koi8.txt"]["lang"], "ru");
    assert_eq!(by_source["nested/ky_utf16be.txt"]["lang"], "ky");
    assert_eq!(
        by_source["nested/ky_utf16le_nobom.txt"]["encoding_source"],
        "utf16-pattern"
    );
    assert_eq!(by_source["truncated_utf16.txt"]["replacement_chars"], 1);
    assert_eq!(
        by_source["lookalikes.txt"]["text"],
        "Бүгүн Бишкекте жаңы мектеп ачылды, окуучулар өтө кубанычтуу."
    );
    assert_eq!(
        by_source["ru_homoglyphs.txt"]["text"],
        "Все знают, что Москва — большой город. Сайт http://example.ru/p\u{430}ge и iPhone остались как были.\nЭто информация из file."
    );
    assert_eq!(
        by_source["ru_homoglyphs.txt"]["normalization"]["homoglyph"],
        6
    );
    let mixed: Vec<&str> = by_source["mixed.html"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["lang"].as_str().unwrap())
        .collect();
    assert_eq!(mixed, ["ky", "ru", "en"]);
    assert_eq!(by_source["mixed.html"]["removed"][0]["text"], "Menu");
    assert_eq!(by_source["mixed.html"]["removed"][0]["reason"], "markup");
    assert_eq!(by_source["mixed.html"]["metadata"]["title"], "Mixed page");

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(
        report["documents"].as_u64().unwrap() as usize,
        records.len()
    );
    let failed = records.iter().filter(|r| r["status"] == "error").count();
    assert_eq!(
        report["by_status"]["error"].as_u64().unwrap() as usize,
        failed
    );
    assert_eq!(report["errors"].as_array().unwrap().len(), failed);
    assert_eq!(report["skipped"][0]["source"], "nested/self_dir");
}

/// Relative paths of the files (and file-like symlinks) under `root`, as tilmech lists them.
fn walk_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if !(meta.file_type().is_symlink() && path.is_dir()) {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_str().unwrap().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture_input(tmp.path());
    let (one, two, again) = (
        tmp.path().join("one"),
        tmp.path().join("two"),
        tmp.path().join("again"),
    );
    run(&input, &one, 1);
    run(&input, &two, 2);
    run(&input, &again, 2);
    for file in ["records.jsonl", "records.csv"] {
        let a = std::fs::read(one.join(file)).unwrap();
        assert_eq!(
            a,
            std::fs::read(two.join(file)).unwrap(),
            "{file}: --threads 1 vs 2"
        );
        assert_eq!(
            a,
            std::fs::read(again.join(file)).unwrap(),
            "{file}: two runs"
        );
    }
}

#[test]
fn csv_matches_jsonl_row_for_row() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture_input(tmp.path());
    let out = tmp.path().join("out");
    run(&input, &out, 2);
    let records = read_jsonl(&out.join("records.jsonl"));
    let mut reader = csv::Reader::from_path(out.join("records.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(&records) {
        let object = record.as_object().unwrap();
        assert_eq!(header.len(), object.len());
        for (name, field) in header.iter().zip(row.iter()) {
            let value = &object[name];
            let expected = match value {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                nested => {
                    assert_eq!(
                        &serde_json::from_str::<serde_json::Value>(field).unwrap(),
                        nested,
                        "{name}"
                    );
                    continue;
                }
            };
            assert_eq!(field, expected, "column {name} of {}", object["source"]);
        }
    }
}

/// The text of a segment of a record.
fn segment_text(record: &serde_json::Value, segment: &serde_json::Value) -> String {
    let start = segment["start"].as_u64().unwrap() as usize;
    let end = segment["end"].as_u64().unwrap() as usize;
    record["text"]
        .as_str()
        .unwrap()
        .chars()
        .skip(start)
        .take(end - start)
        .collect()
}

#[test]
fn bundled_input_gives_english_seeds_and_boilerplate_in_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let result = run(&repo("input"), &out, 2);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let records = read_jsonl(&out.join("records.jsonl"));
    let files = std::fs::read_dir(repo("input")).unwrap().count();
    assert_eq!(records.len(), files);
    for r in records
        .iter()
        .filter(|r| r["source"].as_str().unwrap().starts_with("00"))
    {
        assert_eq!(r["lang"], "en", "{}", r["source"]);
    }
    let by_source = |s: &str| records.iter().find(|r| r["source"] == s).unwrap();
    let removed = |s: &str| -> Vec<(String, String)> {
        by_source(s)["removed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["text"].as_str().unwrap().to_string(),
                    r["lang"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(removed("002_80d8eca8858923f2.txt")[0].0, "Skip to content");
    assert_eq!(
        removed("004_c78145ce2b03b8a0.txt"),
        [("Горячая линия".to_string(), "ru".to_string())]
    );
    let seed1 = removed("001_a65298e924b3ff8d.txt");
    let seed1_text = by_source("001_a65298e924b3ff8d.txt")["text"]
        .as_str()
        .unwrap();
    assert!(seed1[0]
        .0
        .starts_with("**For more information, please contact:**"));
    assert!(seed1
        .iter()
        .any(|(t, _)| t == "Address: 96-6, Toktogul str.,"));
    assert!(seed1
        .iter()
        .any(|(t, _)| t.starts_with("The European Union is made up of 28 Member States")));
    assert!(
        seed1_text.contains("Bishkek, 25 April 2019"),
        "the dateline stays"
    );
    assert!(
        seed1_text.contains("CADAP 6 represents continuity"),
        "article paragraphs stay"
    );
    assert!(!seed1_text.contains("Toktogul"));
}

#[test]
fn without_boilerplate_removal_the_hotline_is_its_own_russian_segment() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let result = run_with_config(
        tmp.path(),
        "[boilerplate]\nenabled = false\n",
        &repo("input"),
        &out,
    );
    assert_eq!(result.status.code(), Some(0));
    let records = read_jsonl(&out.join("records.jsonl"));
    let seed4 = records
        .iter()
        .find(|r| r["source"] == "004_c78145ce2b03b8a0.txt")
        .unwrap();
    assert_eq!(seed4["lang"], "en");
    let first = &seed4["segments"][0];
    assert_eq!(first["lang"], "ru");
    assert_eq!(segment_text(seed4, first), "Горячая линия");
    assert_eq!(seed4["segments"][1]["lang"], "en");
    assert!(seed4["removed"].as_array().unwrap().is_empty());
}

#[test]
fn bad_config_names_the_key_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("bad.toml");
    std::fs::write(&config, "[detect]\nmin_confidense = 0.3\n").unwrap();
    let out = bin()
        .args(["run", "--quiet", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("min_confidense"));

    let out = bin().args(["run", "--threads", "many"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));

    let out = bin()
        .args(["run", "--quiet", "--input", "/nonexistent/tilmech"])
        .arg("--config")
        .arg(repo("pipeline.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn detect_per_line_labels_each_line() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("lines.txt");
    std::fs::write(&file, "Бүгүн аба ырайы жакшы болот деп күтүлүүдө.\nСегодня ожидается хорошая погода.\nThe weather will be fine today.\n12:30\n").unwrap();
    let out = bin()
        .args(["detect", "--per-line"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let langs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["lang"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(langs, ["ky", "ru", "en", "und"]);
}

#[test]
fn clean_prints_the_text_and_schema_is_json() {
    let out = bin()
        .arg("clean")
        .arg(repo("tests/fixtures/corpus/mixed.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Бүгүн Бишкекте кар жаады"), "{text}");
    assert!(!text.contains("var a"));

    let out = bin().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"]["segments"].is_object());
}

#[test]
fn repair_prints_only_the_repaired_text() {
    use std::io::Write;
    let mut child = bin()
        .arg("repair")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // "Привет, Бишкек!" as UTF-8 read through windows-1251, then saved as UTF-8.
    let garbled = "РџСЂРёРІРµС‚, Р‘РёС€РєРµРє! Tom &amp; Jerry";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(garbled.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Привет, Бишкек! Tom & Jerry"
    );
}

#[test]
fn oversized_files_get_an_error_record_and_unsupported_ones_can_be_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("big.txt"), "Бул узун текст. ".repeat(200)).unwrap();
    std::fs::write(input.join("small.txt"), "Кыска текст, бирок толук сүйлөм.").unwrap();
    std::fs::write(input.join("photo.jpg"), b"\xFF\xD8\xFF\xE0").unwrap();
    let out = tmp.path().join("out");
    let result = run_with_config(
        tmp.path(),
        "[input]\nmax_file_bytes = 1000\nunsupported = \"skip\"\n",
        &input,
        &out,
    );
    assert_eq!(result.status.code(), Some(1));
    let records = read_jsonl(&out.join("records.jsonl"));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["source"], "big.txt");
    assert_eq!(records[0]["error"]["stage"], "read");
    assert!(records[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("max_file_bytes"));
    assert_eq!(records[1]["status"], "ok");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["skipped"][0]["source"], "photo.jpg");
}

#[test]
fn removed_lines_can_go_to_a_sidecar_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let result = run_with_config(
        tmp.path(),
        "[boilerplate]\nremoved_sidecar = true\n",
        &repo("input"),
        &out,
    );
    assert_eq!(result.status.code(), Some(0));
    let records = read_jsonl(&out.join("records.jsonl"));
    assert!(records
        .iter()
        .all(|r| r["removed"].as_array().unwrap().is_empty()));
    let sidecar = read_jsonl(&out.join("removed.jsonl"));
    let seed4 = sidecar
        .iter()
        .find(|r| r["source"] == "004_c78145ce2b03b8a0.txt")
        .unwrap();
    assert_eq!(seed4["removed"][0]["text"], "Горячая линия");
    let id = records
        .iter()
        .find(|r| r["source"] == "004_c78145ce2b03b8a0.txt")
        .unwrap()["id"]
        .clone();
    assert_eq!(seed4["id"], id);
}

#[test]
fn quiet_is_silent_and_all_boilerplate_is_filtered_not_failed() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        repo("input/ky_issyk_kul.html"),
        input.join("ky_issyk_kul.html"),
    )
    .unwrap();
    // A table with stray text (html5ever warns "foster parenting"), a page with broken
    // JSON-LD (trafilatura warns), and a page that is all navigation.
    std::fs::write(
        input.join("odd.html"),
        "<html><head><script type='application/ld+json'>{broken</script></head><body>\
         <table>stray<tr><td>Нарын шаарында жаңы көпүрө курулуп бүттү, аны эл кубанып тосуп алды.</td></tr></table>\
         </body></html>",
    )
    .unwrap();
    std::fs::write(
        input.join("nav.txt"),
        "Skip to content\nBack to top\nMain menu\n",
    )
    .unwrap();
    let output = tmp.path().join("out");
    let out = run(&input, &output, 1);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let records = read_jsonl(&output.join("records.jsonl"));
    let nav = records.iter().find(|r| r["source"] == "nav.txt").unwrap();
    assert_eq!(nav["status"], "filtered");
    assert_eq!(nav["text"], "");
    assert_eq!(nav["removed"].as_array().unwrap().len(), 3);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["by_status"]["filtered"], 1, "{report}");
    assert_eq!(report["by_status"]["ok"], 2, "{report}");
}

#[test]
fn dry_run_lists_the_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("out");
    let out = bin()
        .args(["run", "--dry-run", "--input"])
        .arg(repo("input"))
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.lines().any(|l| l == "ky_issyk_kul.html"), "{listed}");
    assert_eq!(listed.lines().count(), 9, "{listed}");
    assert!(!output.exists());
}

#[test]
fn a_second_run_on_a_locked_output_exits_4_or_waits() {
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("out");
    // Another run holds the output directory (here: this test, through the library).
    let held = tilmech::state::OutputLock::acquire(
        output.join(".tilmech.lock"),
        std::time::Duration::ZERO,
    )
    .unwrap();
    let out = run(&repo("input"), &output, 1);
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("in use by another run"), "{message}");
    assert!(!output.join("records.jsonl").exists());
    // With --wait-lock it waits until the holder is done, then runs.
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        drop(held);
    });
    let out = bin()
        .args(["run", "--quiet", "--wait-lock", "30", "--input"])
        .arg(repo("input"))
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    release.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(output.join("records.jsonl").exists());
}

#[test]
fn a_killed_runs_leftovers_are_cleared_and_its_lock_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("out");
    std::fs::create_dir_all(&output).unwrap();
    // What a run killed mid-write leaves: a lock file nobody holds, half-written temporaries.
    std::fs::write(
        output.join(".tilmech.lock"),
        "pid 999999 since 0 (unix time)\n",
    )
    .unwrap();
    std::fs::write(output.join(".records.jsonl.tmp999999"), "{\"half").unwrap();
    let out = run(&repo("input"), &output, 1);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!output.join(".records.jsonl.tmp999999").exists());
    assert_eq!(read_jsonl(&output.join("records.jsonl")).len(), 9);
}

#[test]
fn translit_prints_the_romanization_and_nothing_else() {
    use std::io::Write;
    let romanize = |scheme: &str, input: &[u8]| {
        let mut child = bin()
            .args(["translit", "--scheme", scheme])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        romanize("ky-bgn", "Ысык-Көл, Жалал-Абад, Чүй\n".as_bytes()),
        "Ysyk-Köl, Jalal-Abad, Chüy\n"
    );
    assert_eq!(romanize("ky-ascii", "Чүй".as_bytes()), "Chuy");
    assert_eq!(romanize("ru-bgn", "Щукино".as_bytes()), "Shchukino");
    assert_eq!(
        romanize("ru-iso9", "Щукино, Ёлка".as_bytes()),
        "Ŝukino, Ëlka"
    );
    // Bytes in a legacy encoding are decoded as the pipeline decodes them: windows-1251.
    let (cp1251, _, _) =
        encoding_rs::WINDOWS_1251.encode("Щукино и Москва находятся в России, в Москве.");
    assert_eq!(
        romanize("ru-bgn", &cp1251),
        "Shchukino i Moskva nakhodyatsya v Rossii, v Moskve."
    );
}

#[test]
fn a_missing_input_directory_is_named_with_its_cause_once() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-input");
    let out = bin()
        .args(["run", "--quiet", "--input"])
        .arg(&missing)
        .arg("--output")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-input"), "{stderr}");
    // The OS's reason, said once (the error names it and also gives it as its source).
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
}
