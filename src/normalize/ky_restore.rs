//! Kyrgyz typed without its own letters (у for ү, о for ө, н for ң, as on a Russian keyboard):
//! a word is restored from a list built from the training corpus, and only where the list is
//! sure — the plain spelling never occurs as a word there, the restored one at least three
//! times. Applied to Kyrgyz segments that hold none of ң ө ү at all, so text typed with them is
//! never touched.

use super::{NormKind, Normalizer};
use crate::text::lookalikes::without_kyrgyz_letters;
use crate::text::{is_letter, Lang, Script};
use std::borrow::Cow;
use std::collections::HashMap;

/// The list built into the binary (`tilmech train ky-letters` rebuilds it).
static EMBEDDED: &str = include_str!("../../models/ky-restore.tsv");

pub struct KyRestore {
    /// Plain lower-case spelling → the spelling with ң ө ү.
    words: HashMap<String, String>,
}

impl KyRestore {
    pub fn embedded() -> Self {
        KyRestore::parse(EMBEDDED)
    }

    /// Reads `plain<TAB>restored` lines; other lines are ignored.
    pub fn parse(list: &str) -> Self {
        let words = list
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter(|(plain, restored)| plain.chars().count() == restored.chars().count())
            .map(|(p, r)| (p.to_string(), r.to_string()))
            .collect();
        KyRestore { words }
    }

    /// Builds the list from Kyrgyz sentences.
    pub fn build<'a>(sentences: impl Iterator<Item = &'a str>) -> String {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for s in sentences {
            for w in s.split(|c: char| !is_letter(c)).filter(|w| !w.is_empty()) {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        // For each plain spelling: the commonest spelling with Kyrgyz letters, and the runner-up.
        let mut best: HashMap<String, (String, u32, u32)> = HashMap::new();
        for (word, &n) in &counts {
            let plain = without_kyrgyz_letters(word);
            if plain == *word {
                continue;
            }
            let e = best.entry(plain).or_insert((String::new(), 0, 0));
            if n > e.1 {
                *e = (word.clone(), n, e.1);
            } else if n > e.2 {
                e.2 = n;
            }
        }
        let mut lines: Vec<String> = best
            .into_iter()
            .filter(|(plain, (_, n, second))| {
                *n >= 3 && *second * 3 < *n && !counts.contains_key(plain)
            })
            .map(|(plain, (word, _, _))| format!("{plain}\t{word}"))
            .collect();
        lines.sort();
        lines.join("\n") + "\n"
    }
}

/// Puts the case of `like` on `word` (first capital, or all capitals).
fn with_case_of(word: &str, like: &str) -> String {
    let upper = |s: &str| s.chars().flat_map(char::to_uppercase).collect::<String>();
    if like.chars().count() > 1 && like.chars().all(|c| !c.is_lowercase()) {
        return upper(word);
    }
    let mut chars = word.chars();
    match (
        like.chars().next().is_some_and(char::is_uppercase),
        chars.next(),
    ) {
        (true, Some(first)) => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}

impl Normalizer for KyRestore {
    fn kind(&self) -> NormKind {
        NormKind::KyRestore
    }

    fn should_apply(&self, script: Script, lang: Lang) -> bool {
        script == Script::Cyrl && lang == Lang::Ky
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        if text.contains(['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү']) {
            return (Cow::Borrowed(text), 0);
        }
        let mut out = String::new();
        let mut copied = 0;
        let mut changes = 0;
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_letter(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let word = &text[s..i];
                    if let Some(restored) = self.words.get(&crate::text::lowercase(word)) {
                        out.push_str(&text[copied..s]);
                        out.push_str(&with_case_of(restored, word));
                        copied = i;
                        changes += 1;
                    }
                    start = None;
                }
                _ => {}
            }
        }
        if changes == 0 {
            return (Cow::Borrowed(text), 0);
        }
        out.push_str(&text[copied..]);
        (Cow::Owned(out), changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalizer_test;

    fn list() -> KyRestore {
        let corpus = "Бүгүн күн жылуу. Бүгүн күн ачык. Бүгүн күн суук. Күн чыкты. Мен келем.";
        KyRestore::parse(&KyRestore::build(corpus.split(". ")))
    }

    #[test]
    fn the_list_keeps_only_sure_words() {
        let built = KyRestore::build("Бүгүн күн. Бүгүн күн. Бүгүн күн. Кун деген сөз.".split(". "));
        assert!(built.contains("бугун\tбүгүн"));
        assert!(!built.contains("кун\t"), "кун occurs as a word itself");
    }

    normalizer_test!(
        typed_without_letters,
        list(),
        "Бугун кун жылуу",
        "Бүгүн күн жылуу",
        2
    );
    normalizer_test!(
        text_with_kyrgyz_letters_is_left_alone,
        list(),
        "Бугун күн жылуу",
        "Бугун күн жылуу",
        0
    );
    normalizer_test!(capitals_follow, list(), "БУГУН КУН", "БҮГҮН КҮН", 2);
}
