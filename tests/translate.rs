//! Translation end to end with the real binary: a LibreTranslate server made here that speaks
//! its documented API (with its rate-limit and error answers, and a stalled mode), the command
//! backend with a script, and the real Apertium APy from Debian on 127.0.0.1 (started here,
//! stopped when the test ends). Every server listens on loopback only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KY: &str =
    "Бишкекте жаңы мектеп ачылды, анда беш жүз окуучу окуйт жана алар абдан кубанышты.";
const RU: &str = "В Бишкеке открылась новая школа, в ней будут учиться пятьсот детей из трёх сёл.";
const EN: &str = "The new school in Bishkek will teach five hundred children from three villages.";

/// How the LibreTranslate stand-in answers.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// `translatedText`: each `q` wrapped as `EN(…)`.
    Translate,
    /// 429 with `Retry-After: 0` to the first `n` requests, then as `Translate`.
    RateLimited(usize),
    /// Accepts and never answers.
    Stalled,
    /// 403 `{"error": "Invalid API key"}`.
    Forbidden,
}

struct LibreTranslate {
    url: String,
    requests: Arc<AtomicUsize>,
    bodies: Arc<Mutex<Vec<String>>>,
    /// How it answers from now on.
    mode: Arc<Mutex<Mode>>,
}

/// A LibreTranslate API on 127.0.0.1, on a free port, for as long as the test runs.
fn libretranslate(mode: Mode) -> LibreTranslate {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let mode = Arc::new(Mutex::new(mode));
    let (count, seen, current) = (requests.clone(), bodies.clone(), mode.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let n = count.fetch_add(1, Ordering::SeqCst);
            let seen = seen.clone();
            let mode = *current.lock().unwrap();
            std::thread::spawn(move || answer(stream, mode, n, &seen));
        }
    });
    LibreTranslate {
        url,
        requests,
        bodies,
        mode,
    }
}

fn answer(mut stream: TcpStream, mode: Mode, n: usize, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let body = String::from_utf8(body).unwrap();
    seen.lock().unwrap().push(body.clone());
    let (status, extra, json) = match mode {
        Mode::Stalled => {
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
        Mode::Forbidden => (403, "", r#"{"error": "Invalid API key"}"#.to_string()),
        Mode::RateLimited(k) if n < k => (
            429,
            "Retry-After: 0\r\n",
            r#"{"error": "Slowdown: 2 per 1 minute"}"#.to_string(),
        ),
        _ => {
            let request: serde_json::Value = serde_json::from_str(&body).unwrap();
            let texts: Vec<String> = request["q"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| format!("EN({})", q.as_str().unwrap()))
                .collect();
            (
                200,
                "",
                serde_json::json!({ "translatedText": texts }).to_string(),
            )
        }
    };
    let reply = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{json}",
        json.len()
    );
    let _ = stream.write_all(reply.as_bytes());
}

fn input(dir: &Path) -> PathBuf {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("ky.txt"), KY).unwrap();
    std::fs::write(input.join("mixed.txt"), format!("{RU}\n\n{EN}")).unwrap();
    input
}

/// `tilmech run` with `config_text` on `input`, into `output`, with `env` set.
fn run(config_text: &str, input: &Path, output: &Path, env: &[(&str, &str)]) -> Output {
    run_with(config_text, input, output, env, &[])
}

/// [`run`] with more arguments.
fn run_with(
    config_text: &str,
    input: &Path,
    output: &Path,
    env: &[(&str, &str)],
    args: &[&str],
) -> Output {
    let config = output.with_extension("toml");
    std::fs::write(&config, config_text).unwrap();
    Command::new(env!("CARGO_BIN_EXE_tilmech"))
        .args(["run", "--config"])
        .arg(&config)
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .envs(env.iter().copied())
        .args(args)
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

fn report(output: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(output.join("report.json")).unwrap()).unwrap()
}

fn libretranslate_config(url: &str, extra: &str) -> String {
    format!("[translate]\nbackend = \"libretranslate\"\nurl = \"{url}\"\nbackoff_seconds = 0.01\n{extra}")
}

#[test]
fn libretranslate_translates_ky_and_ru_copies_english_and_caches() {
    let server = libretranslate(Mode::Translate);
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let output = tmp.path().join("out");
    let config = libretranslate_config(&server.url, "");
    let out = run(
        &config,
        &input,
        &output,
        &[("LIBRETRANSLATE_API_KEY", "key-7f3a9c")],
    );
    assert!(out.status.success(), "{out:?}");
    let made = records(&output);
    let ky = &made[0]["translation"];
    assert_eq!(ky["backend"], "libretranslate");
    assert_eq!(ky["text"], format!("EN({KY})"));
    assert_eq!(ky["source_langs"], serde_json::json!(["ky"]));
    let mixed = &made[1]["translation"];
    assert_eq!(mixed["text"], format!("EN({RU})\n\n{EN}"));
    let spans = mixed["segments"].as_array().unwrap();
    assert_eq!(spans.len(), 2);
    assert_eq!(
        (spans[0]["lang"].as_str(), spans[0]["translated"].as_bool()),
        (Some("ru"), Some(true))
    );
    assert_eq!(
        (spans[1]["lang"].as_str(), spans[1]["translated"].as_bool()),
        (Some("en"), Some(false))
    );
    let english_start = spans[1]["start"].as_u64().unwrap() as usize;
    let text = mixed["text"].as_str().unwrap();
    assert!(text
        .chars()
        .skip(english_start)
        .collect::<String>()
        .starts_with("The new school"));
    // One request per document and language; the key went in the body and nowhere else.
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
    assert!(server
        .bodies
        .lock()
        .unwrap()
        .iter()
        .all(|b| b.contains("\"api_key\":\"key-7f3a9c\"")));
    let written = std::fs::read_to_string(output.join("records.jsonl")).unwrap()
        + &std::fs::read_to_string(output.join("report.json")).unwrap();
    assert!(!written.contains("key-7f3a9c"));
    assert_eq!(report(&output)["translation"]["requests"], 2);

    // A second run: every translation from the cache, no request sent.
    let again = run(&config, &input, &output, &[]);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
    let summary = report(&output);
    assert_eq!(summary["translation"]["requests"], 0);
    assert_eq!(summary["translation"]["cache_hits"], 2);
    assert_eq!(records(&output)[1]["translation"]["text"], mixed["text"]);
}

#[test]
fn rate_limits_are_waited_out() {
    let server = libretranslate(Mode::RateLimited(2));
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let output = tmp.path().join("out");
    let config = libretranslate_config(&server.url, "max_concurrent = 1\nretries = 3\n");
    let out = run(&config, &input, &output, &[]);
    assert!(out.status.success(), "{out:?}");
    assert!(records(&output)
        .iter()
        .all(|r| r["translation_error"].is_null()));
    assert_eq!(server.requests.load(Ordering::SeqCst), 4);
}

#[test]
fn a_stalled_backend_ends_in_translation_errors_within_the_timeout() {
    let server = libretranslate(Mode::Stalled);
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let output = tmp.path().join("out");
    let config = libretranslate_config(&server.url, "timeout_seconds = 0.5\nretries = 1\n");
    let started = Instant::now();
    let out = run(&config, &input, &output, &[]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(out.status.success(), "skip keeps the records: {out:?}");
    for record in records(&output) {
        assert_eq!(record["status"], "ok");
        assert!(record["translation"].is_null());
        let error = record["translation_error"].as_str().unwrap();
        assert!(error.contains("after 2 attempts"), "{error}");
        assert!(
            !record["text"].as_str().unwrap().is_empty(),
            "the original text is kept"
        );
    }
    assert_eq!(report(&output)["translation"]["failed_documents"], 2);

    // The backend is back: an incremental run tries the failed translations again.
    *server.mode.lock().unwrap() = Mode::Translate;
    let retried = run_with(&config, &input, &output, &[], &["--incremental"]);
    assert!(retried.status.success(), "{retried:?}");
    assert_eq!(report(&output)["processed"], 2);
    assert!(records(&output)
        .iter()
        .all(|r| r["translation"]["text"].is_string() && r["translation_error"].is_null()));

    // With on_failure = "fail" the documents are error records of the translate stage.
    let stalled = libretranslate(Mode::Stalled);
    let failing = tmp.path().join("failing");
    let config = libretranslate_config(
        &stalled.url,
        "timeout_seconds = 0.3\nretries = 0\non_failure = \"fail\"\n",
    );
    let out = run(&config, &input, &failing, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(records(&failing)
        .iter()
        .all(|r| r["error"]["stage"] == "translate"));
}

#[test]
fn a_refusing_backend_is_a_translation_error_and_not_retried() {
    let server = libretranslate(Mode::Forbidden);
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let output = tmp.path().join("out");
    let out = run(
        &libretranslate_config(&server.url, ""),
        &input,
        &output,
        &[("LIBRETRANSLATE_API_KEY", "key-55e1")],
    );
    assert!(out.status.success(), "{out:?}");
    let error = records(&output)[0]["translation_error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        error.contains("HTTP 403") && error.contains("Invalid API key"),
        "{error}"
    );
    assert!(!error.contains("key-55e1"));
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
}

#[test]
fn with_translation_off_no_connection_is_made() {
    let server = libretranslate(Mode::Translate);
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let output = tmp.path().join("out");
    // The URL is there, the backend is not: nothing may reach the server.
    let config = format!(
        "[translate]\nbackend = \"none\"\nurl = \"{}\"\n",
        server.url
    );
    let out = run(&config, &input, &output, &[]);
    assert!(out.status.success(), "{out:?}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
    assert!(records(&output).iter().all(|r| r["translation"].is_null()));
    assert!(!output.join("translation-cache.jsonl").exists());
}

#[test]
fn the_command_backend_speaks_json_lines_and_survives_a_dying_command() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/upper_translator.py");
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), EN).unwrap();
    std::fs::write(
        input.join("b.txt"),
        "die now, said the long English sentence that ends this file.",
    )
    .unwrap();
    std::fs::write(input.join("c.txt"), format!("{KY}\n\n{EN}")).unwrap();
    let output = tmp.path().join("out");
    let config = format!(
        "[translate]\nbackend = \"command\"\ncommand = [\"python3\", \"{}\"]\nsource_langs = [\"en\"]\ntarget = \"ky\"\nretries = 1\nbackoff_seconds = 0.01\ntimeout_seconds = 20\n",
        script.display()
    );
    let out = run(&config, &input, &output, &[]);
    assert!(out.status.success(), "{out:?}");
    let records = records(&output);
    assert_eq!(
        records[0]["translation"]["text"],
        format!("[en>ky] {}", EN.to_uppercase())
    );
    let error = records[1]["translation_error"].as_str().unwrap();
    assert!(error.contains("command"), "{error}");
    // After the command died (twice), a fresh one translates the next document.
    assert_eq!(
        records[2]["translation"]["text"],
        format!("{KY}\n\n[en>ky] {}", EN.to_uppercase())
    );
}

/// Debian's APy on 127.0.0.1, stopped when dropped.
struct Apertium {
    child: std::process::Child,
    url: String,
}

impl Drop for Apertium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts APy when Debian's apertium-apy and its eng-spa pair are installed (`.ci/run` installs
/// them and sets TILMECH_REQUIRE_APERTIUM=1, so that CI fails rather than skips without them).
fn apertium() -> Option<Apertium> {
    let modes = Path::new("/usr/share/apertium/modes");
    let installed =
        Path::new("/usr/bin/apertium-apy").exists() && modes.join("eng-spa.mode").exists();
    if !installed {
        assert!(
            std::env::var_os("TILMECH_REQUIRE_APERTIUM").is_none(),
            "apertium-apy and apertium-eng-spa are not installed"
        );
        eprintln!("skipped: apertium-apy with apertium-eng-spa is not installed (see .ci/run)");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/apy_loopback.py");
    let child = Command::new("/usr/bin/python3")
        .arg(script)
        .args(["-p", &port.to_string()])
        .arg(modes)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Apertium {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(b"GET /listPairs HTTP/1.0\r\n\r\n");
            let mut answer = String::new();
            let _ = s.read_to_string(&mut answer);
            if answer.contains("eng") {
                return Some(server);
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("APy did not answer /listPairs within 60 s");
}

#[test]
fn apertium_translates_through_the_real_server() {
    let Some(server) = apertium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("en.txt"),
        "The school opened on Monday.\n\nThe children were very happy and the teachers were proud.",
    )
    .unwrap();
    std::fs::write(input.join("ru.txt"), RU).unwrap();
    let output = tmp.path().join("out");
    let config = format!(
        "[translate]\nbackend = \"apertium\"\nurl = \"{}\"\nsource_langs = [\"en\", \"ru\"]\ntarget = \"es\"\nretries = 0\ntimeout_seconds = 60\n",
        server.url
    );
    let out = run(&config, &input, &output, &[]);
    assert!(out.status.success(), "{out:?}");
    let records = records(&output);
    let spanish = records[0]["translation"]["text"].as_str().unwrap();
    assert!(
        spanish.contains("escuela") && spanish.contains("lunes"),
        "{spanish}"
    );
    assert!(spanish.contains("\n\n"), "paragraphs kept: {spanish}");
    // Debian ships no rus-spa pair: the server's refusal is the document's translation error.
    let error = records[1]["translation_error"].as_str().unwrap();
    assert!(error.starts_with("apertium:"), "{error}");
    drop(server);
}
