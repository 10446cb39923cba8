//! `eval dups`: duplicate detection on a set made from the corpus. Every second article is
//! republished once, in one of five ways — another site's template, re-encoded (windows-1251
//! or UTF-16), as HTML, edited (a paragraph dropped and a few words changed, on another site), and
//! re-wrapped (its lines broken differently) — among distinct articles that share their site's
//! template. Pairwise precision and recall of the clusters `duplicate_of` makes, recall per
//! kind of copy, and what deduplication costs per document.

use super::sites::{wrap, Article, SitePage, Template};
use crate::document::Format;
use crate::output::record::Record;
use crate::text::Lang;
use std::collections::HashMap;
use std::fmt;
#[cfg(test)]
use std::path::Path;
use std::time::Instant;

/// How a copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CopyKind {
    OtherSite,
    Reencoded,
    Html,
    Edited,
    Rewrapped,
}

const KINDS: [CopyKind; 5] = [
    CopyKind::OtherSite,
    CopyKind::Reencoded,
    CopyKind::Html,
    CopyKind::Edited,
    CopyKind::Rewrapped,
];

/// A document of the set: which article it carries, and how (`None`: the original).
pub struct DupDoc {
    pub source: String,
    pub format: Format,
    pub bytes: Vec<u8>,
    pub article: (Lang, usize),
    pub copy: Option<CopyKind>,
}

/// The set for one language: articles wrapped in its templates, and the copies.
pub fn make_set(lang: Lang, articles: &[Article], templates: &[&Template]) -> Vec<DupDoc> {
    let txt: Vec<&Template> = templates
        .iter()
        .copied()
        .filter(|t| t.format == Format::Txt)
        .collect();
    let html: Vec<&Template> = templates
        .iter()
        .copied()
        .filter(|t| t.format == Format::Html)
        .collect();
    let Some(&first_txt) = txt.first().filter(|_| !html.is_empty()) else {
        return Vec::new();
    };
    let mut docs = Vec::new();
    for i in 0..articles.len() {
        let home = txt[i % txt.len()];
        let page = wrap(home, articles, i);
        let original = doc(lang, i, 0, None, page);
        docs.push(original);
        if i % 2 == 1 {
            continue;
        }
        let kind = KINDS[(i / 2) % KINDS.len()];
        let other = txt
            .iter()
            .copied()
            .find(|t| t.name != home.name)
            .unwrap_or(first_txt);
        let copy = match kind {
            CopyKind::OtherSite => wrap(other, articles, i),
            CopyKind::Reencoded => reencoded(lang, wrap(home, articles, i)),
            CopyKind::Html => wrap(html[i % html.len()], articles, i),
            CopyKind::Edited => {
                let mut edited = articles.to_vec();
                edited[i] = edit(&articles[i]);
                wrap(other, &edited, i)
            }
            CopyKind::Rewrapped => {
                let mut rewrapped = articles.to_vec();
                rewrapped[i].paragraphs =
                    articles[i].paragraphs.iter().map(|p| rewrap(p)).collect();
                wrap(home, &rewrapped, i)
            }
        };
        docs.push(doc(lang, i, 1, Some(kind), copy));
    }
    docs
}

fn doc(lang: Lang, i: usize, copy: usize, kind: Option<CopyKind>, page: SitePage) -> DupDoc {
    let extension = if page.format == Format::Html {
        "html"
    } else {
        "txt"
    };
    DupDoc {
        source: format!("{lang}/{i:04}-{copy}.{extension}"),
        format: page.format,
        bytes: page.bytes,
        article: (lang, i),
        copy: kind,
    }
}

/// The page's text in a legacy encoding: windows-1251 for Cyrillic (letters it lacks, such as
/// ң ө ү, become character references, as a browser would send them), UTF-16 for English.
fn reencoded(lang: Lang, mut page: SitePage) -> SitePage {
    let text = String::from_utf8_lossy(&page.bytes).into_owned();
    page.bytes = match lang {
        Lang::En => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
        _ => encoding_rs::WINDOWS_1251.encode(&text).0.into_owned(),
    };
    page
}

/// The article with its second paragraph dropped (when it has three or more) and a few
/// words changed: the eighth word of each paragraph left, at most three.
fn edit(article: &Article) -> Article {
    let mut edited = article.clone();
    if edited.paragraphs.len() >= 3 {
        edited.paragraphs.remove(1);
    }
    for p in edited.paragraphs.iter_mut().take(3) {
        *p = p
            .split(' ')
            .enumerate()
            .map(|(k, w)| if k == 7 { "жаңыртылды" } else { w })
            .collect::<Vec<_>>()
            .join(" ");
    }
    edited
}

/// A paragraph broken into lines of about eight words.
fn rewrap(paragraph: &str) -> String {
    let words: Vec<&str> = paragraph.split(' ').collect();
    words
        .chunks(8)
        .map(|c| c.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The figures.
pub struct DupEval {
    pub documents: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Per kind of copy: copies, and how many were linked to their original.
    pub by_kind: Vec<(CopyKind, usize, usize)>,
    pub false_pairs: Vec<(String, String)>,
    /// Copies not linked to their original, with the estimated similarity of the two texts
    /// and their words.
    pub missed: Vec<(String, f64, usize, usize)>,
    pub seconds_per_document: f64,
    pub dedup_seconds_per_document: f64,
}

/// Runs the pipeline over the set as one batch and scores the clusters.
pub fn eval_dups(pipeline: &crate::Pipeline, docs: &[DupDoc]) -> DupEval {
    let inputs: Vec<(String, Format, Vec<u8>)> = docs
        .iter()
        .map(|d| (d.source.clone(), d.format, d.bytes.clone()))
        .collect();
    // One thread, so that the pipeline's cost and deduplication's compare per core.
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build();
    let started = Instant::now();
    let records = match one {
        Ok(pool) => pool.install(|| pipeline.process_documents(&inputs)),
        Err(_) => pipeline.process_documents(&inputs),
    };
    let seconds = started.elapsed().as_secs_f64();
    // The cost of deduplication alone: fingerprints and the index, as a run does them.
    let started = Instant::now();
    let config = &pipeline.config().dedup;
    let mut index = crate::dedup::Index::in_memory(config);
    for r in &records {
        let fp =
            crate::dedup::minhash::fingerprint(&r.text, config.shingle_words, config.min_words);
        let _ = index.assign(&r.id, fp.as_ref());
    }
    let dedup_seconds = started.elapsed().as_secs_f64();
    let n = docs.len().max(1) as f64;
    let mut eval = score(docs, &records);
    let words = |r: &Record| r.text.split_whitespace().count();
    let signature = |r: &Record| {
        crate::dedup::minhash::fingerprint(&r.text, config.shingle_words, 1)
            .map(|f| f.minhash)
            .unwrap_or_default()
    };
    let originals: HashMap<(Lang, usize), usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.copy.is_none())
        .map(|(i, d)| (d.article, i))
        .collect();
    for (i, d) in docs.iter().enumerate() {
        let o = originals[&d.article];
        let linked = records[i].duplicate_of.as_deref() == Some(records[o].id.as_str());
        if d.copy.is_some() && !linked {
            let s =
                crate::dedup::minhash::similarity(&signature(&records[i]), &signature(&records[o]));
            eval.missed
                .push((d.source.clone(), s, words(&records[i]), words(&records[o])));
        }
    }
    eval.seconds_per_document = seconds / n;
    eval.dedup_seconds_per_document = dedup_seconds / n;
    eval
}

fn score(docs: &[DupDoc], records: &[Record]) -> DupEval {
    let root: Vec<&str> = records
        .iter()
        .map(|r| r.duplicate_of.as_deref().unwrap_or(&r.id))
        .collect();
    let (mut true_pos, mut predicted, mut actual) = (0usize, 0usize, 0usize);
    let mut false_pairs = Vec::new();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let same = docs[a].article == docs[b].article;
            let linked = root[a] == root[b];
            actual += usize::from(same);
            predicted += usize::from(linked);
            true_pos += usize::from(same && linked);
            if linked && !same {
                false_pairs.push((docs[a].source.clone(), docs[b].source.clone()));
            }
        }
    }
    let by_root: HashMap<(Lang, usize), usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.copy.is_none())
        .map(|(i, d)| (d.article, i))
        .collect();
    let by_kind = KINDS
        .iter()
        .map(|&kind| {
            let copies: Vec<usize> = (0..docs.len())
                .filter(|&i| docs[i].copy == Some(kind))
                .collect();
            let linked = copies
                .iter()
                .filter(|&&i| root[i] == root[by_root[&docs[i].article]])
                .count();
            (kind, copies.len(), linked)
        })
        .collect();
    let precision = if predicted == 0 {
        1.0
    } else {
        true_pos as f64 / predicted as f64
    };
    let recall = if actual == 0 {
        1.0
    } else {
        true_pos as f64 / actual as f64
    };
    DupEval {
        documents: docs.len(),
        precision,
        recall,
        f1: if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        },
        by_kind,
        false_pairs,
        missed: Vec::new(),
        seconds_per_document: 0.0,
        dedup_seconds_per_document: 0.0,
    }
}

impl fmt::Display for DupEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| documents | pair precision | pair recall | F1 |")?;
        writeln!(f, "|---|---|---|---|")?;
        writeln!(
            f,
            "| {} | {:.4} | {:.4} | {:.4} |",
            self.documents, self.precision, self.recall, self.f1
        )?;
        writeln!(f, "\n| copy | copies | linked to the original |")?;
        writeln!(f, "|---|---|---|")?;
        for (kind, n, linked) in &self.by_kind {
            writeln!(f, "| {kind:?} | {n} | {linked} |")?;
        }
        writeln!(
            f,
            "\nper document, one thread: {:.3} ms end to end, of which deduplication {:.4} ms ({:.2} %)",
            self.seconds_per_document * 1e3,
            self.dedup_seconds_per_document * 1e3,
            100.0 * self.dedup_seconds_per_document / self.seconds_per_document.max(1e-12)
        )?;
        for (a, b) in self.false_pairs.iter().take(10) {
            writeln!(f, "false pair: {a} ~ {b}")?;
        }
        for (copy, s, words, original) in self.missed.iter().take(10) {
            writeln!(
                f,
                "missed: {copy}: similarity {s:.2}, {words} words (original {original})"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles of word salad from a small Kyrgyz vocabulary, each its own.
    fn articles(n: usize) -> Vec<Article> {
        let words: Vec<&str> = "мектеп окуучулар мугалимдер шаарда айылда жаңы имарат ачылды жыл бою күтүштү директор билдирди акимиат каражат бөлүндү курулуш аяктады балдар ата-энелер кубанышты китепкана спорт залы жол көпүрө оорукана дарыгер бейтап суу тоо талаа"
            .split(' ')
            .collect();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut sentence = |n: usize| {
            let mut s: Vec<&str> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    words[(x % words.len() as u64) as usize]
                })
                .collect();
            s.push("деди.");
            s.join(" ")
        };
        (0..n)
            .map(|i| Article {
                title: format!("{} {i}", sentence(5)),
                dateline: format!("Бишкек, {}-март, 2024-жыл", 1 + i % 28),
                paragraphs: (0..3).map(|_| sentence(25)).collect(),
            })
            .collect()
    }

    #[test]
    fn copies_of_every_kind_are_linked_and_distinct_articles_are_not() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites");
        let templates = super::super::sites::read_templates(&dir).unwrap();
        let own: Vec<&Template> = templates.iter().filter(|t| t.lang == Lang::Ky).collect();
        let docs = make_set(Lang::Ky, &articles(20), &own);
        assert_eq!(docs.len(), 30);
        let pipeline = crate::Pipeline::new(crate::Config::default()).unwrap();
        let eval = eval_dups(&pipeline, &docs);
        assert!(eval.false_pairs.is_empty(), "{eval}");
        assert!(eval.precision >= 0.99 && eval.recall >= 0.9, "{eval}");
        for (kind, copies, linked) in &eval.by_kind {
            assert_eq!(copies, &2, "{kind:?}");
            assert!(*linked >= 1, "{kind:?}: {eval}");
        }
    }
}
