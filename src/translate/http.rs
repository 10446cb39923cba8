//! What the HTTP backends share: a limit on requests in flight over the whole run, timeouts,
//! and retries with exponential backoff on timeouts, connection errors, 429 and 5xx answers
//! (`Retry-After` honoured, up to a minute). A request never waits forever: at most
//! `1 + retries` attempts of `timeout_seconds` each, plus the waits between them.

use super::TranslateError;
use crate::config::TranslateConfig;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// A counting semaphore over the run's requests.
#[derive(Clone)]
pub struct Gate(Arc<(Mutex<usize>, Condvar)>);

impl Gate {
    pub fn new(slots: usize) -> Gate {
        Gate(Arc::new((Mutex::new(slots), Condvar::new())))
    }

    /// Runs `work` once a slot is free.
    fn pass<T>(&self, work: impl FnOnce() -> T) -> T {
        let (free, freed) = &*self.0;
        let mut slots = free.lock().unwrap_or_else(|e| e.into_inner());
        while *slots == 0 {
            slots = freed.wait(slots).unwrap_or_else(|e| e.into_inner());
        }
        *slots -= 1;
        drop(slots);
        // Given back even if `work` panics.
        struct Release<'a>(&'a (Mutex<usize>, Condvar));
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                *self.0 .0.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                self.0 .1.notify_one();
            }
        }
        let _release = Release(&self.0);
        work()
    }
}

/// An HTTP client for one backend.
pub struct Client {
    agent: ureq::Agent,
    gate: Gate,
    retries: u32,
    backoff: Duration,
    pub backend: &'static str,
}

impl Client {
    pub fn new(backend: &'static str, config: &TranslateConfig, gate: Gate) -> Client {
        let timeout = Duration::from_secs_f64(config.timeout_seconds);
        Client {
            agent: ureq::AgentBuilder::new()
                .timeout_connect(timeout)
                .timeout(timeout)
                .build(),
            gate,
            retries: config.retries,
            backoff: Duration::from_secs_f64(config.backoff_seconds),
            backend,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> TranslateError {
        TranslateError {
            backend: self.backend,
            message: message.into(),
        }
    }

    /// Sends the request `send` makes, again on failures worth retrying; the body of the
    /// first success. `what` names the request in errors (never with a key in it).
    pub fn call(
        &self,
        what: &str,
        send: impl Fn(&ureq::Agent) -> Result<ureq::Response, Box<ureq::Error>>,
    ) -> Result<serde_json::Value, TranslateError> {
        let mut attempt = 0;
        loop {
            crate::budget::check();
            let result = self.gate.pass(|| send(&self.agent));
            let (wait, message) = match result.map_err(|e| *e) {
                Ok(response) => {
                    return response
                        .into_json()
                        .map_err(|e| self.error(format!("{what}: the answer is not JSON: {e}")))
                }
                Err(ureq::Error::Status(status, response)) => {
                    let retry_after = response
                        .header("Retry-After")
                        .and_then(|s| s.trim().parse::<f64>().ok())
                        .map(|s| Duration::from_secs_f64(s.clamp(0.0, 60.0)));
                    let said = response.into_string().unwrap_or_default();
                    let said: String = said.chars().take(300).collect();
                    let message = format!("{what}: HTTP {status}: {}", said.trim());
                    if status != 429 && status < 500 {
                        return Err(self.error(message));
                    }
                    (retry_after, message)
                }
                Err(ureq::Error::Transport(t)) => (None, format!("{what}: {}", transport(&t))),
            };
            if attempt >= self.retries {
                let tries = attempt + 1;
                return Err(self.error(format!("{message} (after {tries} attempts)")));
            }
            let backoff = self.backoff.saturating_mul(1 << attempt.min(16));
            std::thread::sleep(wait.unwrap_or(backoff).min(Duration::from_secs(60)));
            attempt += 1;
        }
    }
}

/// A transport failure in words, without the URL's query (where a text or key could be).
fn transport(t: &ureq::Transport) -> String {
    let mut s = t.kind().to_string();
    if let Some(message) = t.message() {
        s.push_str(": ");
        s.push_str(message);
    }
    s
}
