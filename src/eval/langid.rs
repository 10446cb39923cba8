//! `tilmech eval langid`: per-language accuracy and confusions of a language identifier.

use crate::corpus::LabelledSentences;
use crate::detect::LanguageIdentifier;
use crate::text::Lang;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Instant;

/// Accuracy of one language.
#[derive(Debug, Clone)]
pub struct LangRow {
    pub lang: Lang,
    pub total: usize,
    pub correct: usize,
    /// Wrong answers by the language given.
    pub confusions: BTreeMap<Lang, usize>,
}

impl LangRow {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.total as f64
        }
    }
}

/// Result of a language identification evaluation.
#[derive(Debug, Clone)]
pub struct LangidEval {
    pub rows: Vec<LangRow>,
    pub seconds: f64,
}

impl LangidEval {
    pub fn sentences(&self) -> usize {
        self.rows.iter().map(|r| r.total).sum()
    }

    pub fn row(&self, lang: Lang) -> Option<&LangRow> {
        self.rows.iter().find(|r| r.lang == lang)
    }
}

/// Labels every sentence and counts right and wrong answers; times only the identification.
pub fn eval_langid(identifier: &dyn LanguageIdentifier, data: &LabelledSentences) -> LangidEval {
    let mut rows = Vec::new();
    let mut seconds = 0.0;
    for (lang, sentences) in data {
        let mut row = LangRow {
            lang: *lang,
            total: sentences.len(),
            correct: 0,
            confusions: BTreeMap::new(),
        };
        let started = Instant::now();
        let answers: Vec<Lang> = sentences
            .iter()
            .map(|s| identifier.identify(s).lang)
            .collect();
        seconds += started.elapsed().as_secs_f64();
        for answer in answers {
            if answer == *lang {
                row.correct += 1;
            } else {
                *row.confusions.entry(answer).or_default() += 1;
            }
        }
        rows.push(row);
    }
    LangidEval { rows, seconds }
}

impl fmt::Display for LangidEval {
    /// A Markdown table: per-language accuracy and the main confusions, then the speed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| lang | sentences | correct % | main confusions |")?;
        writeln!(f, "|---|---:|---:|---|")?;
        for r in &self.rows {
            let mut conf: Vec<(&Lang, &usize)> = r.confusions.iter().collect();
            conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let conf: Vec<String> = conf
                .iter()
                .take(3)
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            writeln!(
                f,
                "| {} | {} | {:.2} | {} |",
                r.lang,
                r.total,
                r.accuracy(),
                conf.join(", ")
            )?;
        }
        let n = self.sentences();
        let correct: usize = self.rows.iter().map(|r| r.correct).sum();
        writeln!(
            f,
            "\n{n} sentences, {:.2}% correct overall; {:.0} sentences/s on one thread",
            100.0 * correct as f64 / n.max(1) as f64,
            n as f64 / self.seconds.max(1e-9)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Detection;
    use crate::text::Script;

    struct AlwaysKy;
    impl LanguageIdentifier for AlwaysKy {
        fn identify(&self, _: &str) -> Detection {
            Detection {
                lang: Lang::Ky,
                confidence: 1.0,
                script: Script::Cyrl,
            }
        }
    }

    #[test]
    fn langid_eval_counts_confusions() {
        let result = eval_langid(&AlwaysKy, &super::super::tests::data());
        assert_eq!(result.row(Lang::Ky).unwrap().accuracy(), 100.0);
        let en = result.row(Lang::En).unwrap();
        assert_eq!((en.correct, en.confusions[&Lang::Ky]), (0, 2));
        assert!(result.to_string().contains("| en | 2 | 0.00 | ky 2 |"));
    }
}
