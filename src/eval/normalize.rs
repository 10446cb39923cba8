//! `tilmech eval normalize`: restoration of sentences with injected lookalikes, clean
//! sentences left unchanged, and Kyrgyz typed without ң ө ү.

use super::Rng;
use crate::corpus::LabelledSentences;
use crate::text::lookalikes::{kyrgyz_lookalike_of, latin_lookalike_of};
use crate::text::Lang;
use std::collections::BTreeMap;
use std::fmt;

/// A sentence and a copy with lookalikes injected.
#[derive(Debug, Clone)]
pub struct DirtyPair {
    pub lang: Lang,
    pub clean: String,
    pub dirty: String,
}

/// For each sentence of `langs` (at most `max` each), a dirty copy: Latin lookalikes for about
/// a third of the Cyrillic letters that have one (only inside Cyrillic words, where a reader
/// would not notice), and for Kyrgyz, ӊ ѳ ұ for half of ң ө ү. Sentences where nothing could be
/// injected are left out.
pub fn inject_lookalikes(data: &LabelledSentences, langs: &[Lang], max: usize) -> Vec<DirtyPair> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for (lang, sentences) in data.iter().filter(|(l, _)| langs.contains(l)) {
        for clean in sentences.iter().take(max) {
            let mut dirty = String::with_capacity(clean.len());
            for word in clean.split_inclusive(char::is_whitespace) {
                let cyrillic_word = word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| ('\u{0400}'..='\u{052F}').contains(&c));
                for c in word.chars() {
                    let swap = match (kyrgyz_lookalike_of(c), latin_lookalike_of(c)) {
                        (Some(k), _) if *lang == Lang::Ky && rng.chance(50) => Some(k),
                        (_, Some(l)) if cyrillic_word && rng.chance(30) => Some(l),
                        _ => None,
                    };
                    dirty.push(swap.unwrap_or(c));
                }
            }
            if dirty != *clean {
                out.push(DirtyPair {
                    lang: *lang,
                    clean: clean.clone(),
                    dirty,
                });
            }
        }
    }
    out
}

/// Restoration and false-change rates of normalization, per language.
#[derive(Debug, Clone, Default)]
pub struct NormalizeEval {
    /// Per language: (dirty sentences, restored exactly, clean sentences, clean unchanged).
    /// Clean sentences that already hold lookalikes (a mixed Cyrillic-Latin word, or ӊ ѳ ұ in
    /// Kyrgyz) or HTML references are not counted as clean: changing them is the point.
    pub by_lang: BTreeMap<Lang, (usize, usize, usize, usize)>,
    /// Per language: source sentences that already held lookalikes.
    pub already_dirty: BTreeMap<Lang, usize>,
    /// (expected, got) for every sentence not restored or changed when clean.
    pub failures: Vec<(String, String)>,
}

impl NormalizeEval {
    /// Runs both sentences of each pair through the whole pipeline: the dirty one must come out
    /// as the clean one does, and the clean one as it went in (spaces collapsed).
    pub fn run(pipeline: &crate::Pipeline, pairs: &[DirtyPair]) -> Self {
        let mut eval = NormalizeEval::default();
        let text = |s: &str| {
            pipeline
                .process_bytes("sentence.txt", crate::document::Format::Txt, s.as_bytes())
                .text
        };
        for pair in pairs {
            let clean_out = text(&pair.clean);
            let dirty_out = text(&pair.dirty);
            let spaced = crate::text::collapse_whitespace(&pair.clean);
            let already_dirty = holds_lookalikes(&pair.clean, pair.lang);
            *eval.already_dirty.entry(pair.lang).or_default() += usize::from(already_dirty);
            let entry = eval.by_lang.entry(pair.lang).or_default();
            entry.0 += 1;
            entry.1 += usize::from(dirty_out == clean_out);
            if dirty_out != clean_out {
                eval.failures.push((clean_out.clone(), dirty_out));
            }
            if !already_dirty {
                entry.2 += 1;
                entry.3 += usize::from(clean_out == spaced);
                if clean_out != spaced {
                    eval.failures.push((spaced, clean_out));
                }
            }
        }
        eval
    }
}

/// Kyrgyz sentences typed without ң ө ү and run through the pipeline: (sentences, restored
/// exactly, words that had a Kyrgyz letter, such words restored).
pub fn eval_ky_restore(
    pipeline: &crate::Pipeline,
    sentences: &[String],
) -> (usize, usize, usize, usize) {
    let text = |s: &str| {
        pipeline
            .process_bytes("sentence.txt", crate::document::Format::Txt, s.as_bytes())
            .text
    };
    let (mut total, mut exact, mut words, mut restored) = (0, 0, 0, 0);
    for clean in sentences
        .iter()
        .filter(|s| s.contains(['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү']))
    {
        let expected = text(clean);
        let got = text(&crate::text::lookalikes::without_kyrgyz_letters(clean));
        total += 1;
        exact += usize::from(got == expected);
        for (e, g) in expected.split_whitespace().zip(got.split_whitespace()) {
            if e.contains(['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү']) {
                words += 1;
                restored += usize::from(e == g);
            }
        }
    }
    (total, exact, words, restored)
}

/// True when a source sentence already holds a lookalike (a word mixing Cyrillic and Latin
/// letters, or in Kyrgyz a lookalike of ң ө ү) or an HTML reference such as `&#39;`.
fn holds_lookalikes(sentence: &str, lang: Lang) -> bool {
    use crate::text::Script;
    let ky_lookalike =
        |c: char| crate::text::lookalikes::kyrgyz_letter(c).is_some() && !c.is_ascii();
    let mixed = sentence.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.chars().any(|c| Script::of(c) == Some(Script::Cyrl))
            && w.chars().any(|c| Script::of(c) == Some(Script::Latn))
    });
    let references = crate::decode::entities::decode(sentence).1 > 0;
    mixed || references || (lang == Lang::Ky && sentence.chars().any(ky_lookalike))
}

impl fmt::Display for NormalizeEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| lang | dirty sentences | restored exactly % | clean sentences | clean unchanged % | sources already holding lookalikes |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        for (lang, (d, r, c, u)) in &self.by_lang {
            let already = self.already_dirty.get(lang).copied().unwrap_or(0);
            writeln!(
                f,
                "| {lang} | {d} | {:.2} | {c} | {:.2} | {already} |",
                pct(*r, *d),
                pct(*u, *c)
            )?;
        }
        Ok(())
    }
}
