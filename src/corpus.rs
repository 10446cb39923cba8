//! Reading training and evaluation data: `<lang>.txt` folders of one sentence per line, and
//! `*.labels` documents whose lines are labelled content or boilerplate. Below the language
//! trainer and the evaluations alike.

use crate::text::Lang;
use std::path::Path;

/// Sentences per language.
pub type LabelledSentences = Vec<(Lang, Vec<String>)>;

/// Reads every `<code>.txt` in `dir` whose stem is a language tilmech labels (other files are
/// ignored), at most `max` non-empty lines each, in the order of [`Lang::ALL`].
pub fn read_sentences(dir: &Path, max: Option<usize>) -> std::io::Result<LabelledSentences> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let path = dir.join(format!("{}.txt", lang.code()));
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let lines: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(max.unwrap_or(usize::MAX))
            .map(String::from)
            .collect();
        out.push((lang, lines));
    }
    if out.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no <lang>.txt files in {}", dir.display()),
        ));
    }
    Ok(out)
}

/// A document whose lines are labelled content (`+ `) or boilerplate (`- `).
#[derive(Debug, Clone)]
pub struct LabelledDocument {
    pub name: String,
    /// The document as it arrives (labels stripped, blank lines kept).
    pub text: String,
    /// (is boilerplate, line) for every non-empty line.
    pub lines: Vec<(bool, String)>,
}

/// Reads every `*.labels` file in `dir`, sorted by name.
pub fn read_labelled(dir: &Path) -> std::io::Result<Vec<LabelledDocument>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "labels"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let raw = std::fs::read_to_string(&path)?;
            let mut text = String::new();
            let mut lines = Vec::new();
            for line in raw.lines() {
                let (label, body) = match line.get(..2) {
                    Some("+ ") => (Some(false), &line[2..]),
                    Some("- ") => (Some(true), &line[2..]),
                    _ => (None, line),
                };
                text.push_str(body);
                text.push('\n');
                if let (Some(bp), false) = (label, body.trim().is_empty()) {
                    lines.push((bp, body.to_string()));
                }
            }
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(LabelledDocument { name, text, lines })
        })
        .collect()
}
