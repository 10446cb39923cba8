//! An external command as the backend, so that a team can plug in CTranslate2 with NLLB-200
//! (which has Kyrgyz), OPUS-MT or anything else: started once, it reads one JSON request per
//! line on stdin, `{"id": 7, "source": "ky", "target": "en", "text": "…"}`, and writes one
//! answer per line on stdout, `{"id": 7, "text": "…"}` or `{"id": 7, "error": "…"}`. A batch
//! is written whole, then its answers read, each within the timeout. A command that dies,
//! stalls or answers nonsense is stopped and started again for the next attempt; its stderr
//! goes to the log (`-v`).

use super::{TranslateError, Translator};
use crate::config::TranslateConfig;
use crate::text::Lang;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

pub struct Command {
    program: Vec<String>,
    timeout: Duration,
    retries: u32,
    backoff: Duration,
    running: Mutex<Option<Running>>,
}

/// A started command: its stdin, and its stdout's lines read by a thread.
struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<std::io::Result<String>>,
    next_id: u64,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(serde::Deserialize)]
struct Answer {
    id: u64,
    text: Option<String>,
    error: Option<String>,
}

impl Command {
    pub fn new(config: &TranslateConfig) -> Self {
        Command {
            program: config.command.clone(),
            timeout: Duration::from_secs_f64(config.timeout_seconds),
            retries: config.retries,
            backoff: Duration::from_secs_f64(config.backoff_seconds),
            running: Mutex::new(None),
        }
    }

    fn error(&self, message: impl Into<String>) -> TranslateError {
        TranslateError {
            backend: "command",
            message: message.into(),
        }
    }

    fn start(&self) -> Result<Running, TranslateError> {
        let mut child = std::process::Command::new(&self.program[0])
            .args(&self.program[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.error(format!("cannot start `{}`: {e}", self.program[0])))?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                tracing::info!(target: "tilmech::translate::command", "{line}");
            }
        });
        Ok(Running {
            child,
            stdin,
            lines,
            next_id: 0,
        })
    }

    /// One attempt: the batch written, its answers read in order.
    fn attempt(
        &self,
        running: &mut Running,
        texts: &[&str],
        source: Lang,
        target: Lang,
    ) -> Result<Vec<String>, TranslateError> {
        let first = running.next_id;
        running.next_id += texts.len() as u64;
        let mut requests = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let request = serde_json::json!({
                "id": first + i as u64,
                "source": source.code(),
                "target": target.code(),
                "text": text,
            });
            serde_json::to_writer(&mut requests, &request).expect("a request serializes");
            requests.push(b'\n');
        }
        let written = running
            .stdin
            .write_all(&requests)
            .and_then(|()| running.stdin.flush());
        written.map_err(|e| self.error(format!("cannot write to the command: {e}")))?;
        let mut out = Vec::with_capacity(texts.len());
        for i in 0..texts.len() as u64 {
            let line = match running.lines.recv_timeout(self.timeout) {
                Ok(Ok(line)) => line,
                Ok(Err(e)) => return Err(self.error(format!("cannot read its answer: {e}"))),
                Err(RecvTimeoutError::Timeout) => {
                    let seconds = self.timeout.as_secs_f64();
                    return Err(self.error(format!("no answer within {seconds} s")));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = running.child.try_wait().ok().flatten();
                    let how = status.map_or("closed its stdout".to_string(), |s| s.to_string());
                    return Err(self.error(format!("the command ended ({how})")));
                }
            };
            let answer: Answer = serde_json::from_str(&line)
                .map_err(|e| self.error(format!("answer is not a JSON object with id: {e}")))?;
            if answer.id != first + i {
                let expected = first + i;
                return Err(self.error(format!("answer {} where {expected} was due", answer.id)));
            }
            match (answer.text, answer.error) {
                (_, Some(error)) => return Err(self.error(format!("it says: {error}"))),
                (Some(text), None) => out.push(text),
                (None, None) => return Err(self.error("an answer with neither text nor error")),
            }
        }
        Ok(out)
    }
}

impl Translator for Command {
    fn name(&self) -> &'static str {
        "command"
    }

    fn identity(&self) -> String {
        self.program.join(" ")
    }

    fn translate(
        &self,
        texts: &[&str],
        source: Lang,
        target: Lang,
    ) -> Result<Vec<String>, TranslateError> {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        let mut attempt = 0;
        loop {
            crate::budget::check();
            let result = match running.as_mut() {
                Some(r) => self.attempt(r, texts, source, target),
                None => self.start().and_then(|mut r| {
                    let result = self.attempt(&mut r, texts, source, target);
                    *running = Some(r);
                    result
                }),
            };
            let Err(e) = result else {
                return result;
            };
            // Out of step or dead: a fresh command for the next attempt or call.
            *running = None;
            if attempt >= self.retries {
                return Err(e);
            }
            std::thread::sleep(self.backoff.saturating_mul(1 << attempt.min(16)));
            attempt += 1;
        }
    }
}
