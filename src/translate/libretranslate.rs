//! The LibreTranslate HTTP API (LTEngine speaks it too): `POST {url}/translate` with a JSON
//! body `{q, source, target, format: "text", api_key}`; `q` is an array, so a batch of
//! segments is one request, and the answer's `translatedText` an array in the same order.

use super::http::{Client, Gate};
use super::{TranslateError, Translator};
use crate::config::TranslateConfig;
use crate::text::Lang;
use std::collections::BTreeMap;

pub struct LibreTranslate {
    client: Client,
    url: String,
    /// From the environment variable the config names; never logged or written.
    api_key: Option<String>,
    codes: BTreeMap<Lang, String>,
}

impl LibreTranslate {
    pub fn new(config: &TranslateConfig, gate: Gate) -> Self {
        LibreTranslate {
            client: Client::new("libretranslate", config, gate),
            url: format!("{}/translate", config.url.trim_end_matches('/')),
            api_key: std::env::var(&config.api_key_env)
                .ok()
                .filter(|k| !k.is_empty()),
            codes: config.codes.clone(),
        }
    }

    fn code(&self, lang: Lang) -> String {
        self.codes
            .get(&lang)
            .cloned()
            .unwrap_or_else(|| lang.code().to_string())
    }
}

impl Translator for LibreTranslate {
    fn name(&self) -> &'static str {
        "libretranslate"
    }

    fn identity(&self) -> String {
        self.url.clone()
    }

    fn translate(
        &self,
        texts: &[&str],
        source: Lang,
        target: Lang,
    ) -> Result<Vec<String>, TranslateError> {
        let mut body = serde_json::json!({
            "q": texts,
            "source": self.code(source),
            "target": self.code(target),
            "format": "text",
        });
        if let Some(key) = &self.api_key {
            body["api_key"] = serde_json::Value::String(key.clone());
        }
        let what = format!("POST {}", self.url);
        let answer = self.client.call(&what, |agent| {
            agent.post(&self.url).send_json(&body).map_err(Box::new)
        })?;
        let translated = match &answer["translatedText"] {
            serde_json::Value::Array(items) => items
                .iter()
                .map(|t| t.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>(),
            serde_json::Value::String(one) if texts.len() == 1 => Some(vec![one.clone()]),
            _ => None,
        };
        translated.ok_or_else(|| {
            let error = answer["error"]
                .as_str()
                .unwrap_or("no translatedText in the answer");
            self.client.error(format!("{what}: {error}"))
        })
    }
}
