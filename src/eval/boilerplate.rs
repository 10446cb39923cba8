//! `tilmech eval boilerplate`: content kept and boilerplate removed on line-labelled documents.

use crate::corpus::LabelledDocument;
use std::fmt;

/// Content lines kept and boilerplate lines removed.
#[derive(Debug, Clone, Default)]
pub struct BoilerplateEval {
    pub content: (usize, usize),
    pub boilerplate: (usize, usize),
    /// (document, label, line) of every mistake.
    pub mistakes: Vec<(String, &'static str, String)>,
}

/// Runs the labelled documents through the pipeline as one batch and checks every line.
pub fn eval_boilerplate(pipeline: &crate::Pipeline, docs: &[LabelledDocument]) -> BoilerplateEval {
    let inputs: Vec<(String, crate::document::Format, Vec<u8>)> = docs
        .iter()
        .map(|d| {
            (
                format!("{}.txt", d.name),
                crate::document::Format::Txt,
                d.text.clone().into_bytes(),
            )
        })
        .collect();
    let records = pipeline.process_documents(&inputs);
    let mut eval = BoilerplateEval::default();
    for (doc, record) in docs.iter().zip(&records) {
        let kept: std::collections::HashSet<String> = record
            .text
            .lines()
            .map(crate::text::collapse_whitespace)
            .collect();
        for (is_boilerplate, line) in &doc.lines {
            let was_kept = kept.contains(&crate::text::collapse_whitespace(line));
            if *is_boilerplate {
                eval.boilerplate.0 += 1;
                eval.boilerplate.1 += usize::from(!was_kept);
                if was_kept {
                    eval.mistakes
                        .push((doc.name.clone(), "boilerplate kept", line.to_string()));
                }
            } else {
                eval.content.0 += 1;
                eval.content.1 += usize::from(was_kept);
                if !was_kept {
                    eval.mistakes
                        .push((doc.name.clone(), "content dropped", line.to_string()));
                }
            }
        }
    }
    eval
}

impl fmt::Display for BoilerplateEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |(n, k): (usize, usize)| 100.0 * k as f64 / n.max(1) as f64;
        writeln!(f, "| lines | labelled | right % |")?;
        writeln!(f, "|---|---:|---:|")?;
        writeln!(
            f,
            "| content kept | {} | {:.2} |",
            self.content.0,
            pct(self.content)
        )?;
        writeln!(
            f,
            "| boilerplate removed | {} | {:.2} |",
            self.boilerplate.0,
            pct(self.boilerplate)
        )?;
        for (doc, what, line) in &self.mistakes {
            writeln!(f, "\n{doc}: {what}: {line}")?;
        }
        Ok(())
    }
}
