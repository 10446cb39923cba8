//! The Apertium APy HTTP API: `GET {url}/translate?langpair=kir|eng&q=…`, one text per
//! request, answered `{responseData: {translatedText}, responseStatus: 200}`. Apertium names
//! languages by ISO 639-3 (`kir`, `rus`, `eng`).

use super::http::{Client, Gate};
use super::{TranslateError, Translator};
use crate::config::TranslateConfig;
use crate::text::Lang;
use std::collections::BTreeMap;

pub struct Apertium {
    client: Client,
    url: String,
    codes: BTreeMap<Lang, String>,
}

impl Apertium {
    pub fn new(config: &TranslateConfig, gate: Gate) -> Self {
        Apertium {
            client: Client::new("apertium", config, gate),
            url: format!("{}/translate", config.url.trim_end_matches('/')),
            codes: config.codes.clone(),
        }
    }

    /// The ISO 639-3 code Apertium uses.
    fn code(&self, lang: Lang) -> String {
        if let Some(code) = self.codes.get(&lang) {
            return code.clone();
        }
        match lang {
            Lang::Ky => "kir",
            Lang::Kk => "kaz",
            Lang::Ru => "rus",
            Lang::Uk => "ukr",
            Lang::Be => "bel",
            Lang::Bg => "bul",
            Lang::Mk => "mkd",
            Lang::Sr => "srp",
            Lang::Mn => "mon",
            Lang::Tt => "tat",
            Lang::Ba => "bak",
            Lang::Tg => "tgk",
            Lang::Uz => "uzb",
            Lang::En => "eng",
            Lang::De => "deu",
            Lang::Fr => "fra",
            Lang::Es => "spa",
            Lang::It => "ita",
            Lang::Tr => "tur",
            other => other.code(),
        }
        .to_string()
    }
}

impl Translator for Apertium {
    fn name(&self) -> &'static str {
        "apertium"
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
        let pair = format!("{}|{}", self.code(source), self.code(target));
        let what = format!("GET {} ({pair})", self.url);
        texts
            .iter()
            .map(|text| {
                let answer = self.client.call(&what, |agent| {
                    agent
                        .get(&self.url)
                        .query("langpair", &pair)
                        .query("q", text)
                        .query("markUnknown", "no")
                        .call()
                        .map_err(Box::new)
                })?;
                match answer["responseData"]["translatedText"].as_str() {
                    Some(t) => Ok(t.to_string()),
                    None => {
                        let said = answer["responseDetails"]
                            .as_str()
                            .or(answer["message"].as_str())
                            .unwrap_or("no translatedText in the answer");
                        Err(self.client.error(format!("{what}: {said}")))
                    }
                }
            })
            .collect()
    }
}
