//! `tilmech eval html`: main-text extraction scored by snippets the text must and must not hold.

use std::fmt;
use std::path::Path;

/// One page of an HTML extraction benchmark: snippets the extracted text must contain
/// (`with`) and must not (`without`), in the format of the trafilatura evaluation set.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExpectedPage {
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub with: Vec<String>,
    #[serde(default)]
    pub without: Vec<String>,
}

/// Snippet counts over all pages.
#[derive(Debug, Clone, Default)]
pub struct HtmlEval {
    pub pages: usize,
    pub true_positives: usize,
    pub false_negatives: usize,
    pub false_positives: usize,
    pub true_negatives: usize,
}

impl HtmlEval {
    pub fn precision(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_positives).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_negatives).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Runs every `*.expected.json` of `dir` whose page (`file`, or the same stem with `.html`)
/// is there: the pages go through the pipeline as one batch, and each snippet is looked up in
/// the clean text (spaces collapsed).
pub fn eval_html(pipeline: &crate::Pipeline, dir: &Path) -> std::io::Result<HtmlEval> {
    let mut pages = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        else {
            continue;
        };
        let expected: ExpectedPage = serde_json::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", path.display()),
                )
            })?;
        let page = [dir.join(format!("{stem}.html")), dir.join(&expected.file)]
            .into_iter()
            .find(|p| p.is_file());
        if let Some(page) = page {
            pages.push((expected, std::fs::read(page)?));
        }
    }
    let inputs: Vec<(String, crate::document::Format, Vec<u8>)> = pages
        .iter()
        .map(|(e, bytes)| (e.file.clone(), crate::document::Format::Html, bytes.clone()))
        .collect();
    let records = pipeline.process_documents(&inputs);
    let mut eval = HtmlEval {
        pages: pages.len(),
        ..Default::default()
    };
    for ((expected, _), record) in pages.iter().zip(&records) {
        let text = crate::text::collapse_whitespace(&record.text);
        for snippet in &expected.with {
            if text.contains(&crate::text::collapse_whitespace(snippet)) {
                eval.true_positives += 1
            } else {
                eval.false_negatives += 1
            }
        }
        for snippet in &expected.without {
            if text.contains(&crate::text::collapse_whitespace(snippet)) {
                eval.false_positives += 1
            } else {
                eval.true_negatives += 1
            }
        }
    }
    Ok(eval)
}

impl fmt::Display for HtmlEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| pages | with-snippets found | without-snippets kept out | precision | recall | F1 |"
        )?;
        writeln!(f, "|---:|---:|---:|---:|---:|---:|")?;
        writeln!(
            f,
            "| {} | {}/{} | {}/{} | {:.3} | {:.3} | {:.3} |",
            self.pages,
            self.true_positives,
            self.true_positives + self.false_negatives,
            self.true_negatives,
            self.true_negatives + self.false_positives,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}
