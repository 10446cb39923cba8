//! `eval readability`: main-text extraction on real pages in the layout of Mozilla
//! Readability's test suite (`<page>/source.html`, the expected main content
//! `<page>/expected.html`, `<page>/expected-metadata.json`). Text is scored as bags of
//! words (lower case, letters and digits): precision and recall of the words of the record
//! against those of the expected content, per page and over all pages; metadata (title,
//! author, date, site name) by equality after collapsing spaces and case. The expected text is
//! its text nodes joined as they stand (as lxml's `text_content` does), so a word split by
//! inline markup stays one word. Each expected word the record misses is traced to the
//! removal that dropped it (its reason), or to extraction when no removed text has it.

use crate::output::record::RemovedReason;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// Word counts of one page: the record's, the expected content's, and their overlap.
#[derive(Debug, Clone)]
pub struct PageScore {
    pub page: String,
    pub predicted: usize,
    pub expected: usize,
    pub overlap: usize,
    /// Expected words the record misses, by what dropped them (`None`: never extracted).
    pub lost: BTreeMap<Option<RemovedReason>, usize>,
}

impl PageScore {
    fn precision(&self) -> f64 {
        ratio(self.overlap, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.overlap, self.expected)
    }
    fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The figures.
pub struct ReadabilityEval {
    pub pages: Vec<PageScore>,
    /// Per field: (pages where the expected metadata has it, pages where the record agrees).
    pub metadata: Vec<(&'static str, usize, usize)>,
    pub show: usize,
}

/// Expected words missing from the record, each put down to the first removed text (in page
/// order) that holds it.
fn lost_words(
    predicted: &HashMap<String, usize>,
    expected: &HashMap<String, usize>,
    removed: &[crate::output::record::RemovedText],
) -> BTreeMap<Option<RemovedReason>, usize> {
    let mut missing: HashMap<&str, usize> = expected
        .iter()
        .filter_map(|(w, &n)| {
            let short = n.saturating_sub(predicted.get(w).copied().unwrap_or(0));
            (short > 0).then_some((w.as_str(), short))
        })
        .collect();
    let mut lost = BTreeMap::new();
    for r in removed {
        for (w, n) in words(&r.text) {
            if let Some(left) = missing.get_mut(w.as_str()) {
                let taken = n.min(*left);
                *left -= taken;
                *lost.entry(Some(r.reason)).or_default() += taken;
            }
        }
    }
    let never: usize = missing.values().sum();
    if never > 0 {
        lost.insert(None, never);
    }
    lost
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_default() += 1;
    }
    bag
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |s: &str| crate::text::collapse_whitespace(s).to_lowercase();
    matches!((a, b), (Some(a), Some(b)) if norm(a) == norm(b))
}

/// Runs every page folder of `dir` through the pipeline as one batch and scores it.
pub fn eval_readability(
    pipeline: &crate::Pipeline,
    dir: &Path,
    show: usize,
) -> std::io::Result<ReadabilityEval> {
    let mut folders: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    folders.sort();
    let inputs: Vec<(String, crate::document::Format, Vec<u8>)> = folders
        .iter()
        .map(|f| {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            std::fs::read(f.join("source.html")).map(|b| (name, crate::document::Format::Html, b))
        })
        .collect::<std::io::Result<_>>()?;
    let records = pipeline.process_documents(&inputs);
    let mut pages = Vec::new();
    let fields = ["title", "byline", "publishedTime", "siteName"];
    let mut metadata: Vec<(&'static str, usize, usize)> =
        fields.iter().map(|f| (*f, 0, 0)).collect();
    for (folder, record) in folders.iter().zip(&records) {
        let expected_html = std::fs::read_to_string(folder.join("expected.html"))?;
        let expected_text: String = scraper::Html::parse_document(&expected_html)
            .root_element()
            .text()
            .collect();
        let (predicted, expected) = (words(&record.text), words(&expected_text));
        let overlap = predicted
            .iter()
            .map(|(w, n)| (*n).min(expected.get(w).copied().unwrap_or(0)))
            .sum();
        pages.push(PageScore {
            page: record.source.clone(),
            predicted: predicted.values().sum(),
            expected: expected.values().sum(),
            overlap,
            lost: lost_words(&predicted, &expected, &record.removed),
        });
        let Ok(meta) = std::fs::read(folder.join("expected-metadata.json")) else {
            continue;
        };
        let meta: serde_json::Value = serde_json::from_slice(&meta).unwrap_or_default();
        let m = &record.metadata;
        let ours = [
            record.title.as_deref(),
            m.author.as_deref(),
            m.date.as_deref(),
            m.site_name.as_deref(),
        ];
        for ((field, has, agrees), ours) in metadata.iter_mut().zip(ours) {
            let Some(theirs) = meta[*field].as_str().filter(|s| !s.trim().is_empty()) else {
                continue;
            };
            *has += 1;
            // Dates agree on the day whatever the time and zone.
            let agree = match *field {
                "publishedTime" => ours.is_some_and(|o| o.get(..10) == theirs.get(..10)),
                _ => same(ours, Some(theirs)),
            };
            *agrees += usize::from(agree);
        }
    }
    Ok(ReadabilityEval {
        pages,
        metadata,
        show,
    })
}

impl fmt::Display for ReadabilityEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.pages.len().max(1) as f64;
        let mean = |score: fn(&PageScore) -> f64| self.pages.iter().map(score).sum::<f64>() / n;
        let total = |part: fn(&PageScore) -> usize| self.pages.iter().map(part).sum::<usize>();
        let (p, r) = (
            ratio(total(|s| s.overlap), total(|s| s.predicted)),
            ratio(total(|s| s.overlap), total(|s| s.expected)),
        );
        writeln!(f, "| pages | mean precision | mean recall | mean F1 | word precision | word recall | word F1 |")?;
        writeln!(f, "|---:|---:|---:|---:|---:|---:|---:|")?;
        writeln!(
            f,
            "| {} | {:.3} | {:.3} | {:.3} | {p:.3} | {r:.3} | {:.3} |",
            self.pages.len(),
            mean(PageScore::precision),
            mean(PageScore::recall),
            mean(PageScore::f1),
            f1(p, r)
        )?;
        let mut lost: BTreeMap<Option<RemovedReason>, usize> = BTreeMap::new();
        for page in &self.pages {
            for (reason, n) in &page.lost {
                *lost.entry(*reason).or_default() += n;
            }
        }
        writeln!(
            f,
            "\n| expected words missed, by what dropped them | words | share of expected |"
        )?;
        writeln!(f, "|---|---:|---:|")?;
        for (reason, n) in &lost {
            writeln!(
                f,
                "| {} | {n} | {:.2} % |",
                reason_name(*reason),
                100.0 * ratio(*n, total(|s| s.expected))
            )?;
        }
        writeln!(f, "\n| metadata | pages with it | agreeing |")?;
        writeln!(f, "|---|---:|---:|")?;
        for (field, has, agrees) in &self.metadata {
            writeln!(
                f,
                "| {field} | {has} | {agrees} ({:.1} %) |",
                100.0 * ratio(*agrees, *has)
            )?;
        }
        let mut worst: Vec<&PageScore> = self.pages.iter().collect();
        worst.sort_by(|a, b| a.f1().total_cmp(&b.f1()));
        if self.show > 0 {
            writeln!(
                f,
                "\nworst pages (F1, precision, recall, words ours/expected):"
            )?;
        }
        for s in worst.into_iter().take(self.show) {
            let lost: Vec<String> = s
                .lost
                .iter()
                .map(|(reason, n)| format!("{} {n}", reason_name(*reason)))
                .collect();
            writeln!(
                f,
                "{}: F1 {:.3}, P {:.3}, R {:.3}, {}/{}; missed: {}",
                s.page,
                s.f1(),
                s.precision(),
                s.recall(),
                s.predicted,
                s.expected,
                lost.join(", ")
            )?;
        }
        Ok(())
    }
}

/// A removal reason as the records name it; `None` is text extraction never produced.
fn reason_name(reason: Option<RemovedReason>) -> String {
    match reason {
        Some(r) => serde_json::to_value(r)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        None => "not extracted".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::record::RemovedText;

    #[test]
    fn missed_words_are_put_down_to_what_removed_them() {
        let removed = |text: &str, reason| RemovedText {
            text: text.to_string(),
            reason,
            line: 1,
            byte: 0,
            lang: crate::text::Lang::Und,
        };
        let lost = lost_words(
            &words("The council met."),
            &words("The council met on Monday in Bishkek, the capital."),
            &[
                removed("Home | News", RemovedReason::Menu),
                removed("on Monday", RemovedReason::NotMain),
                removed("the capital of the country", RemovedReason::Links),
            ],
        );
        let expected = BTreeMap::from([
            (Some(RemovedReason::NotMain), 2),
            (Some(RemovedReason::Links), 2),
            (None, 2),
        ]);
        assert_eq!(lost, expected);
    }

    #[test]
    fn scores_are_word_bags() {
        let s = PageScore {
            page: "p".into(),
            predicted: 10,
            expected: 20,
            overlap: 8,
            lost: BTreeMap::new(),
        };
        assert_eq!((s.precision(), s.recall()), (0.8, 0.4));
        assert!((s.f1() - 2.0 * 0.8 * 0.4 / 1.2).abs() < 1e-12);
    }
}
