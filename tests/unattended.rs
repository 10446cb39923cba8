//! Unattended operation, end to end with the real binary: incremental runs, kills and stops,
//! two runs at once, shards and merge, the stdin map step, Parquet, odd file names.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tilmech"))
}

/// `tilmech -q run` with a config of `config_text` (written beside the output).
fn run(config_text: &str, input: &Path, output: &Path, extra: &[&str]) -> Output {
    spawn_run(config_text, input, output, extra)
        .wait_with_output()
        .unwrap()
}

fn spawn_run(
    config_text: &str,
    input: &Path,
    output: &Path,
    extra: &[&str],
) -> std::process::Child {
    let config = output.with_extension("toml");
    std::fs::write(&config, config_text).unwrap();
    bin()
        .args(["-q", "run", "--config"])
        .arg(&config)
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(output: &Path, name: &str) -> serde_json::Value {
    serde_json::from_slice(&read(&output.join(name))).unwrap()
}

fn counts(report: &serde_json::Value) -> [u64; 4] {
    ["processed", "unchanged", "deleted", "failed"].map(|k| report[k].as_u64().unwrap())
}

/// A corpus with the repetition a crawl has: articles in three languages, each with its own
/// sentences, and site lines that recur in 1 to 12 documents (across the threshold of
/// boilerplate removal by repetition), in text and HTML files and subfolders.
fn corpus(dir: &Path, documents: usize) -> PathBuf {
    corpus_of(dir, documents, 1)
}

/// [`corpus`] with each article sentence written `repeat` times (longer documents).
fn corpus_of(dir: &Path, documents: usize, repeat: usize) -> PathBuf {
    let input = dir.join("input");
    std::fs::create_dir_all(input.join("html")).unwrap();
    let vocabulary = [
        "мектеп окуучулар мугалимдер шаарда айылда жаңы имарат ачылды жыл бою күтүштү директор билдирди акимиат каражат бөлүндү курулуш аяктады балдар ата-энелер кубанышты китепкана спорт залы",
        "школа ученики учителя городе селе новое здание открыли годами ждали директор сообщил власти выделили средства стройка завершилась дети родители обрадовались библиотека спортзал",
        "school pupils teachers town village new building opened years waited head said council funds allocated construction finished children parents pleased library sports hall",
    ];
    let site_lines = [
        "Бардык укуктар корголгон, макаланы көчүрүүдө шилтеме берилет",
        "Подписывайтесь на наш канал в Telegram",
        "Редакция может не разделять мнение автора публикации",
        "Follow our newsroom on every platform you use",
        "Жаңылыктарды биринчилерден болуп окуңуз",
    ];
    // Lines of their own per document (line fingerprints ignore digits, so numbers would not
    // tell documents apart): words drawn from the language's vocabulary.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut sentence = |words: &[&str], n: usize| {
        let picked: Vec<&str> = (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                words[(seed % words.len() as u64) as usize]
            })
            .collect();
        let mut s = picked.join(" ");
        s.push('.');
        s
    };
    for i in 0..documents {
        let words: Vec<&str> = vocabulary[i % 3].split(' ').collect();
        let mut lines = vec![
            sentence(&words, 5),
            sentence(&words, 14),
            sentence(&words, 12),
        ];
        let body = lines[1].clone();
        lines.extend(std::iter::repeat_n(body, repeat - 1));
        for (k, line) in site_lines.iter().enumerate() {
            // Line k recurs in every (k + 2)-th document: 12 down to 5 of 60.
            if i % (k + 5) == 0 {
                lines.push(line.to_string());
            }
        }
        if i == 10 || i == 20 {
            // Below the threshold (3 documents) until more documents bring it.
            lines.push("Эскертүү: бул макала редакциянын архивинен алынды".to_string());
        }
        if i % 4 == 3 {
            let body: String = lines.iter().map(|l| format!("<p>{l}</p>\n")).collect();
            let page = format!("<html><head><title>{}</title></head><body><nav><a href=\"/\">Home</a></nav><article>{body}</article></body></html>", lines[0]);
            std::fs::write(input.join(format!("html/{i:03}.html")), page).unwrap();
        } else {
            std::fs::write(input.join(format!("{i:03}.txt")), lines.join("\n\n")).unwrap();
        }
    }
    input
}

const DEFAULT: &str = "";

/// Gives the file a new modification time, its bytes unchanged.
fn touch(path: &Path) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .unwrap();
}

#[test]
fn an_unchanged_input_processes_nothing_and_a_touched_file_only_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 30);
    let output = tmp.path().join("out");
    let first = run(DEFAULT, &input, &output, &[]);
    assert!(first.status.success(), "{first:?}");
    let records = read(&output.join("records.jsonl"));
    let csv = read(&output.join("records.csv"));
    let summary = report(&output, "report.json");
    assert_eq!(counts(&summary), [30, 0, 0, 0]);
    // The corpus is what it means to be: articles kept, site lines removed as repeated.
    assert_eq!(summary["by_status"]["ok"], 30, "{summary}");
    let text = String::from_utf8_lossy(&records);
    assert!(text.contains("\"reason\":\"repeated\""));

    let again = run(DEFAULT, &input, &output, &["--incremental"]);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(counts(&report(&output, "report.json")), [0, 30, 0, 0]);
    assert_eq!(read(&output.join("records.jsonl")), records);
    assert_eq!(read(&output.join("records.csv")), csv);

    touch(&input.join("004.txt"));
    let after_touch = run(DEFAULT, &input, &output, &["--incremental"]);
    assert!(after_touch.status.success(), "{after_touch:?}");
    assert_eq!(counts(&report(&output, "report.json")), [1, 29, 0, 0]);
    assert_eq!(read(&output.join("records.jsonl")), records);

    // A changed config processes everything again.
    let other = "[normalize]\nquotes = \"ascii\"\n";
    run(other, &input, &output, &["--incremental"]);
    assert_eq!(counts(&report(&output, "report.json")), [30, 0, 0, 0]);
}

#[test]
fn by_content_a_touched_file_is_unchanged_and_an_edited_one_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 20);
    let output = tmp.path().join("out");
    let by_content = "[run]\nchange_check = \"content\"\n";
    assert!(run(by_content, &input, &output, &[]).status.success());
    let records = read(&output.join("records.jsonl"));
    // Touched: a new modification time, the same bytes.
    touch(&input.join("004.txt"));
    assert!(run(by_content, &input, &output, &["--incremental"])
        .status
        .success());
    assert_eq!(counts(&report(&output, "report.json")), [0, 20, 0, 0]);
    assert_eq!(read(&output.join("records.jsonl")), records);
    // Edited to the same size: only its content tells.
    let path = input.join("006.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen('а', "о", 1).replacen('e', "o", 1);
    assert!(edited != text && edited.len() == text.len());
    std::fs::write(&path, &edited).unwrap();
    assert!(run(by_content, &input, &output, &["--incremental"])
        .status
        .success());
    let [processed, unchanged, _, _] = counts(&report(&output, "report.json"));
    assert!(
        processed >= 1 && processed + unchanged == 20,
        "{processed} {unchanged}"
    );
}

#[test]
fn an_incremental_run_after_edits_equals_a_clean_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 60);
    let output = tmp.path().join("incremental");
    let remove = "[run]\ndeleted = \"remove\"\n";
    assert!(run(remove, &input, &output, &[]).status.success());
    // An edit, a new file, a deleted file — and new documents that carry a site line past
    // the repetition threshold, which changes the verdict on unchanged documents.
    std::fs::write(
        input.join("001.txt"),
        "Нарын шаарында жаңы көпүрө курулду, ал эки айылды бириктирет.",
    )
    .unwrap();
    std::fs::remove_file(input.join("002.txt")).unwrap();
    for k in 0..4 {
        std::fs::write(
            input.join(format!("new{k}.txt")),
            format!("Жаңы макала {k}: Таласта жаңы оорукана ачылып, биринчи бейтаптар кабыл алынды.\n\nЭскертүү: бул макала редакциянын архивинен алынды"),
        )
        .unwrap();
    }
    // Tonight's republished copy of an old article: re-encoded, in another folder.
    let old = std::fs::read_to_string(input.join("000.txt")).unwrap();
    std::fs::create_dir(input.join("zz")).unwrap();
    let rewrapped = old.replace("\n\n", "\n");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&rewrapped);
    std::fs::write(input.join("zz/republished.txt"), &cp1251).unwrap();
    assert!(run(remove, &input, &output, &["--incremental"])
        .status
        .success());
    let summary = report(&output, "report.json");
    let [processed, unchanged, deleted, _] = counts(&summary);
    assert_eq!(deleted, 1);
    let repetition = summary["repetition_changed"].as_u64().unwrap();
    assert!(
        repetition > 0,
        "no unchanged document was judged again: {summary}"
    );
    assert_eq!(processed, 6 + repetition);
    assert_eq!(processed + unchanged, 64);
    let jsonl = String::from_utf8(read(&output.join("records.jsonl"))).unwrap();
    let record = |source: &str| -> serde_json::Value {
        let line = jsonl
            .lines()
            .find(|l| l.contains(&format!("\"source\":\"{source}\"")));
        serde_json::from_str(line.unwrap()).unwrap()
    };
    let copy = record("zz/republished.txt");
    assert_eq!(copy["duplicate_of"], record("000.txt")["id"], "{copy}");
    assert_eq!(copy["duplicate_kind"], "exact");

    let clean = tmp.path().join("clean");
    assert!(run(remove, &input, &clean, &[]).status.success());
    assert_eq!(
        read(&output.join("records.jsonl")),
        read(&clean.join("records.jsonl"))
    );

    // Kept by default: the deleted input's record stays, and is reported.
    let keep = tmp.path().join("keep");
    assert!(run(DEFAULT, &input, &keep, &[]).status.success());
    std::fs::remove_file(input.join("004.txt")).unwrap();
    assert!(run(DEFAULT, &input, &keep, &["--incremental"])
        .status
        .success());
    assert_eq!(counts(&report(&keep, "report.json"))[2], 1);
    let jsonl = String::from_utf8(read(&keep.join("records.jsonl"))).unwrap();
    assert!(jsonl.contains("\"source\":\"004.txt\""));
}

#[test]
fn killed_runs_leave_the_output_whole_and_the_next_run_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 120);
    let clean = tmp.path().join("clean");
    assert!(run(DEFAULT, &input, &clean, &[]).status.success());
    let output = tmp.path().join("out");
    let mut previous: Option<Vec<u8>> = None;
    for delay in [30, 150, 400, 900, 1600] {
        let mut child = spawn_run(
            DEFAULT,
            &input,
            &output,
            &["--incremental", "--threads", "2"],
        );
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever is there is a complete file: the one before, or one run's whole output.
        if let Ok(now) = std::fs::read(output.join("records.jsonl")) {
            let complete =
                previous.as_ref() == Some(&now) || now == read(&clean.join("records.jsonl"));
            assert!(complete, "half-written records after a kill at {delay} ms");
            previous = Some(now);
        }
    }
    let last = run(DEFAULT, &input, &output, &["--incremental"]);
    assert!(last.status.success(), "{last:?}");
    assert_eq!(
        read(&output.join("records.jsonl")),
        read(&clean.join("records.jsonl"))
    );
    assert_eq!(
        read(&output.join("records.csv")),
        read(&clean.join("records.csv"))
    );
    let names: Vec<String> = std::fs::read_dir(&output)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
}

/// A clean run of `input` with `config` writes the records.jsonl that `output` holds.
fn assert_equals_clean_run(tmp: &Path, config: &str, input: &Path, output: &Path) {
    let clean = tmp.join("clean");
    assert!(run(config, input, &clean, &[]).status.success());
    assert_eq!(
        read(&output.join("records.jsonl")),
        read(&clean.join("records.jsonl"))
    );
}

/// One document at a time, so that a signal comes while documents are left.
const SLOW: &str = "[run]\nbatch_size = 1\n";

/// Starts a slow run (with -v) and returns once it has finished a document (its state file
/// holds an entry): the child, what it logged so far, and the rest of its stderr. Waiting for
/// that, not for a while, keeps a fast build from finishing before the signal.
fn start_processing(
    input: &Path,
    output: &Path,
) -> (
    std::process::Child,
    Vec<String>,
    impl Iterator<Item = std::io::Result<String>>,
) {
    let config = output.with_extension("toml");
    std::fs::write(&config, SLOW).unwrap();
    let mut child = bin()
        .args(["-v", "run", "--threads", "1", "--config"])
        .arg(&config)
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
    let mut log = Vec::new();
    for line in stderr.by_ref() {
        let line = line.unwrap();
        let begun = line.contains("processing documents");
        log.push(line);
        if begun {
            break;
        }
    }
    wait_for_a_state_entry(output);
    (child, log, stderr)
}

/// Waits until the state file a run is writing in `output` holds a whole entry.
fn wait_for_a_state_entry(output: &Path) {
    let started = std::time::Instant::now();
    loop {
        let written = std::fs::read_dir(output)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(".tilmech-state.jsonl.tmp")
                    && std::fs::read(e.path()).is_ok_and(|b| b.contains(&b'\n'))
            });
        if written {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no document finished in two minutes"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[cfg(unix)]
#[test]
fn sigterm_stops_gracefully_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus_of(tmp.path(), 100, 20);
    let output = tmp.path().join("out");
    let (mut child, mut log, stderr) = start_processing(&input, &output);
    let pid = child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    log.extend(stderr.map(Result::unwrap));
    let status = child.wait().unwrap();
    let stderr = log.join("\n");
    assert_eq!(status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("stopped by SIGTERM"), "{stderr}");
    let summary = report(&output, "report.json");
    assert_eq!(summary["stopped_by"], "SIGTERM");
    let done = summary["processed"].as_u64().unwrap();
    assert!(done > 0 && done < 100, "{summary}");
    assert_eq!(summary["pending"].as_u64().unwrap(), 100 - done);

    let rest = run(SLOW, &input, &output, &["--incremental"]);
    assert!(rest.status.success(), "{rest:?}");
    assert_eq!(
        counts(&report(&output, "report.json")),
        [100 - done, done, 0, 0]
    );
    assert_equals_clean_run(tmp.path(), SLOW, &input, &output);
}

#[test]
fn the_next_run_takes_over_what_a_killed_run_finished() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus_of(tmp.path(), 100, 20);
    let output = tmp.path().join("out");
    let (mut child, _, _) = start_processing(&input, &output);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!output.join("records.jsonl").exists());
    let next = run(SLOW, &input, &output, &["--incremental"]);
    assert!(next.status.success(), "{next:?}");
    let [processed, unchanged, _, _] = counts(&report(&output, "report.json"));
    assert!(unchanged > 0, "nothing taken over from the killed run");
    assert_eq!(processed + unchanged, 100);
    assert!(!output.join("tilmech-journal.jsonl").exists());
    assert_equals_clean_run(tmp.path(), SLOW, &input, &output);
}

#[test]
fn of_two_runs_started_at_once_one_runs_and_the_other_exits_4() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 60);
    let output = tmp.path().join("out");
    let a = spawn_run(DEFAULT, &input, &output, &[]);
    let b = spawn_run(DEFAULT, &input, &output, &[]);
    let codes = [a, b].map(|c| c.wait_with_output().unwrap());
    let mut statuses: Vec<Option<i32>> = codes.iter().map(|o| o.status.code()).collect();
    statuses.sort();
    assert_eq!(statuses, [Some(0), Some(4)], "{codes:?}");
    let refused = codes.iter().find(|o| o.status.code() == Some(4)).unwrap();
    assert!(String::from_utf8_lossy(&refused.stderr).contains("in use by another run"));
}

#[test]
fn four_shards_merge_into_exactly_the_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 60);
    // Copies whose originals fall in other shards: the merge must link them as one run does.
    for i in [4, 8, 21, 34, 54] {
        let text = std::fs::read_to_string(input.join(format!("{i:03}.txt"))).unwrap();
        std::fs::write(input.join(format!("copy-{i:03}.txt")), text.to_uppercase()).unwrap();
    }
    let single = tmp.path().join("single");
    assert!(run(DEFAULT, &input, &single, &[]).status.success());
    let shards = tmp.path().join("shards");
    let merge = |out: &Path| {
        bin()
            .args(["-q", "merge"])
            .arg(&shards)
            .arg("--output")
            .arg(out)
            .arg("--input")
            .arg(&input)
            .output()
            .unwrap()
    };
    for i in 0..4 {
        let shard = format!("{i}/4");
        let out = run(DEFAULT, &input, &shards, &["--shard", &shard]);
        assert!(out.status.success(), "{out:?}");
        if i == 2 {
            // Three of four: refused, naming the missing shard.
            let refused = merge(&tmp.path().join("early"));
            assert_eq!(refused.status.code(), Some(5), "{refused:?}");
            let says = String::from_utf8_lossy(&refused.stderr);
            assert!(says.contains("3/4"), "{says}");
        }
    }
    assert!(shards.join("records-00003-of-00004.jsonl").exists());
    assert!(shards.join("tilmech-shard-00003-of-00004.done").exists());
    let merged = tmp.path().join("merged");
    let out = merge(&merged);
    assert!(out.status.success(), "{out:?}");
    // Shards judged repetition among their own documents: some were made again.
    let again = report(&merged, "report.json")["repetition_changed"].as_u64();
    assert!(again.is_some_and(|n| n > 0 && n < 65), "{again:?}");
    assert_eq!(report(&merged, "report.json")["duplicates"]["exact"], 5);
    for name in ["records.jsonl", "records.csv"] {
        assert_eq!(read(&merged.join(name)), read(&single.join(name)), "{name}");
    }
    // The merged state serves a later incremental run.
    let later = run(DEFAULT, &input, &merged, &["--incremental"]);
    assert!(later.status.success());
    assert_eq!(counts(&report(&merged, "report.json")), [0, 65, 0, 0]);

    // An unfinished shard (its marker gone, as while it runs again) is refused.
    std::fs::remove_file(shards.join("tilmech-shard-00001-of-00004.done")).unwrap();
    let refused = merge(&tmp.path().join("late"));
    assert_eq!(refused.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unfinished"));
}

#[test]
fn stdin_jsonl_turns_every_line_into_a_record() {
    use std::io::Write;
    let mut lines = String::new();
    for i in 0..1000 {
        match i % 100 {
            17 => lines.push_str("{\"id\": \"broken\", \"text\": \n"),
            _ => lines.push_str(&format!(
                "{{\"doc\": \"d{i}\", \"body\": \"Бишкекте {i}-мектеп ачылды, анда беш жүз окуучу окуйт.\"}}\n"
            )),
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("stream.toml");
    std::fs::write(
        &config,
        "[stream]\nid_field = \"doc\"\ntext_field = \"body\"\n",
    )
    .unwrap();
    let mut child = bin()
        .args(["-q", "run", "--stdin-jsonl", "--config"])
        .arg(&config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(lines.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty());
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1000);
    for (i, r) in records.iter().enumerate() {
        if i % 100 == 17 {
            assert_eq!(r["status"], "error");
            assert_eq!(r["source"], format!("stdin#line-{}", i + 1));
        } else {
            assert_eq!(r["source"], format!("d{i}"));
            assert_eq!(r["lang"], "ky", "{r}");
        }
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_holds_the_records_of_jsonl() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 40);
    let output = tmp.path().join("out");
    let formats = "[output]\nformats = [\"jsonl\", \"parquet\"]\n";
    assert!(run(formats, &input, &output, &[]).status.success());
    let jsonl = String::from_utf8(read(&output.join("records.jsonl"))).unwrap();
    let ids: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let file = std::fs::File::open(output.join("records.parquet")).unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    let parquet_ids: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().get_string(0).unwrap().clone())
        .collect();
    assert_eq!(parquet_ids, ids);
    let fields: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let mut keys: Vec<String> = first.as_object().unwrap().keys().cloned().collect();
    let mut fields = fields;
    keys.sort();
    fields.sort();
    assert_eq!(fields, keys);
}

#[cfg(target_os = "linux")]
#[test]
fn file_names_that_are_not_utf8_keep_their_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    std::fs::create_dir(&input).unwrap();
    for name in [
        &b"\xcf\xf0\xe8\xe2\xe5\xf2.txt"[..],
        b"\xd0\xf0\xe8\xe2\xe5\xf2.txt",
    ] {
        let path = input.join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(
            path,
            "Бишкекте жаңы мектеп ачылды, анда беш жүз окуучу окуйт.",
        )
        .unwrap();
    }
    let output = tmp.path().join("out");
    assert!(run(DEFAULT, &input, &output, &[]).status.success());
    let jsonl = String::from_utf8(read(&output.join("records.jsonl"))).unwrap();
    assert!(
        jsonl.contains("\"source\":\"%CF%F0%E8%E2%E5%F2.txt\""),
        "{jsonl}"
    );
    assert!(
        jsonl.contains("\"source\":\"%D0%F0%E8%E2%E5%F2.txt\""),
        "{jsonl}"
    );
}

#[test]
fn duplicates_can_be_left_out_of_the_records_and_are_still_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path(), 20);
    for i in [1, 2] {
        let text = std::fs::read_to_string(input.join(format!("{i:03}.txt"))).unwrap();
        std::fs::write(
            input.join(format!("zz-{i}.txt")),
            text.replace("\n\n", "\n"),
        )
        .unwrap();
    }
    let output = tmp.path().join("out");
    let drop = "[dedup]\ndrop = true\n";
    assert!(run(drop, &input, &output, &[]).status.success());
    let jsonl = String::from_utf8(read(&output.join("records.jsonl"))).unwrap();
    assert_eq!(jsonl.lines().count(), 20);
    assert!(!jsonl.contains("zz-1.txt") && !jsonl.contains("\"duplicate_of\":\""));
    let summary = report(&output, "report.json");
    assert_eq!(summary["documents"], 22);
    assert_eq!(summary["duplicates"]["exact"], 2);
    assert_eq!(summary["duplicates"]["dropped"], 2);
}
