//! `tilmech eval segments`: paragraph labels in generated documents that mix languages.

use super::Rng;
use crate::corpus::LabelledSentences;
use crate::text::Lang;
use std::collections::BTreeMap;
use std::fmt;

/// A document made of paragraphs in different languages, with the truth per paragraph.
#[derive(Debug, Clone)]
pub struct MixedDocument {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The language of each paragraph, in order.
    pub langs: Vec<Lang>,
}

/// Builds `count` documents of four paragraphs, one per language of `langs` in a shuffled
/// order, each paragraph one to three consecutive sentences of its language. Deterministic.
pub fn mixed_documents(
    data: &LabelledSentences,
    langs: &[Lang],
    count: usize,
) -> Vec<MixedDocument> {
    let pools: Vec<(Lang, &Vec<String>)> = langs
        .iter()
        .filter_map(|l| {
            data.iter()
                .find(|(d, s)| d == l && !s.is_empty())
                .map(|(d, s)| (*d, s))
        })
        .collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut next = move |n: usize| rng.below(n);
    let mut cursor = vec![0usize; pools.len()];
    (0..count)
        .map(|_| {
            let mut order: Vec<usize> = (0..pools.len()).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, next(i + 1));
            }
            let mut paragraphs = Vec::new();
            let mut truth = Vec::new();
            for &p in &order {
                let (lang, sentences) = pools[p];
                let take = 1 + next(3);
                let paragraph: Vec<&str> = (0..take)
                    .map(|_| {
                        let s = &sentences[cursor[p] % sentences.len()];
                        cursor[p] += 1;
                        s.as_str()
                    })
                    .collect();
                paragraphs.push(paragraph.join(" "));
                truth.push(lang);
            }
            MixedDocument {
                text: paragraphs.join("\n\n"),
                langs: truth,
            }
        })
        .collect()
}

/// Paragraph-level accuracy of segments on mixed documents.
#[derive(Debug, Clone, Default)]
pub struct SegmentEval {
    /// Per language: paragraphs, paragraphs whose every segment has the right language.
    pub by_lang: BTreeMap<Lang, (usize, usize)>,
}

impl SegmentEval {
    /// Scores one processed document: `text` and `segments` from its record.
    pub fn add(
        &mut self,
        doc: &MixedDocument,
        text: &str,
        segments: &[crate::output::record::Segment],
    ) {
        let mut start = 0usize;
        let paragraphs: Vec<(usize, usize)> = text
            .split("\n\n")
            .map(|p| {
                let len = p.chars().count();
                let span = (start, start + len);
                start += len + 2;
                span
            })
            .collect();
        let aligned = paragraphs.len() == doc.langs.len();
        for (i, lang) in doc.langs.iter().enumerate() {
            let right = aligned && {
                let (s, e) = paragraphs[i];
                let mut covering = segments
                    .iter()
                    .filter(|g| g.start < e && g.end > s)
                    .peekable();
                covering.peek().is_some() && covering.all(|g| g.lang == *lang)
            };
            let entry = self.by_lang.entry(*lang).or_default();
            entry.0 += 1;
            entry.1 += usize::from(right);
        }
    }
}

impl fmt::Display for SegmentEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| lang | paragraphs | labelled right % |")?;
        writeln!(f, "|---|---:|---:|")?;
        for (lang, (n, ok)) in &self.by_lang {
            writeln!(
                f,
                "| {lang} | {n} | {:.2} |",
                100.0 * *ok as f64 / (*n).max(1) as f64
            )?;
        }
        let (n, ok) = self
            .by_lang
            .values()
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        writeln!(
            f,
            "\n{n} paragraphs in mixed documents, {:.2}% labelled right",
            100.0 * ok as f64 / n.max(1) as f64
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::record::Segment;
    use crate::text::Script;

    #[test]
    fn mixed_documents_are_deterministic_and_complete() {
        let a = mixed_documents(
            &super::super::tests::data(),
            &[Lang::Ky, Lang::En, Lang::Kk],
            5,
        );
        let b = mixed_documents(
            &super::super::tests::data(),
            &[Lang::Ky, Lang::En, Lang::Kk],
            5,
        );
        assert_eq!(a.len(), 5);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.text, y.text);
            let mut langs = x.langs.clone();
            langs.sort();
            assert_eq!(
                langs,
                vec![Lang::Ky, Lang::En],
                "kk has no data and is left out"
            );
            assert_eq!(x.text.split("\n\n").count(), 2);
        }
    }

    #[test]
    fn a_paragraph_counts_only_when_all_its_segments_are_right() {
        let doc = MixedDocument {
            text: "Бир.\n\nOne.".into(),
            langs: vec![Lang::Ky, Lang::En],
        };
        let seg = |start, end, lang| Segment {
            start,
            end,
            lang,
            confidence: 1.0,
            script: Script::Cyrl,
        };
        let mut e = SegmentEval::default();
        e.add(
            &doc,
            &doc.text,
            &[
                seg(0, 4, Lang::Ky),
                seg(6, 8, Lang::En),
                seg(8, 10, Lang::Ru),
            ],
        );
        assert_eq!(e.by_lang[&Lang::Ky], (1, 1));
        assert_eq!(e.by_lang[&Lang::En], (1, 0));
    }
}
