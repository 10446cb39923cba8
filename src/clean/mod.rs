//! Text extraction: HTML and Markdown become plain paragraphs; plain text is split on blank
//! lines. The output keeps line breaks inside a paragraph and drops empty lines.

pub mod boilerplate;
mod html;
mod markdown;
mod nesting;

use crate::document::Format;
use boilerplate::Removed;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// `og:title`, `<title>` or the first `<h1>` (HTML); the first heading (Markdown).
    pub title: Option<String>,
    /// Publication date as the page gives it (`article:published_time`, `<time datetime>`).
    pub date: Option<String>,
    pub author: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`).
    pub url: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
}

/// The text content of a document, before normalization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub metadata: Metadata,
    /// Non-empty paragraphs; lines inside one are separated by `\n`, trimmed.
    pub paragraphs: Vec<String>,
    /// Page furniture kept out of `paragraphs` (HTML with boilerplate removal on).
    pub removed: Vec<Removed>,
}

/// Extracts the text of a decoded document. With `markup` false, HTML and Markdown are treated
/// as plain text (the `clean.enabled = false` setting); `prune` keeps HTML page furniture out.
pub fn extract(text: &str, format: Format, markup: bool, prune: bool) -> Extracted {
    match (format, markup) {
        (Format::Html, true) => html::extract(text, prune),
        (Format::Md, true) => markdown::extract(text),
        _ => Extracted {
            paragraphs: split_paragraphs(text),
            ..Default::default()
        },
    }
}

/// Letters and digits only, lower case: how one text is found in another whatever spacing,
/// punctuation and quotes either has (an extractor's output, a normalized record).
pub fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits text into paragraphs at blank lines; lines are trimmed, empty paragraphs dropped.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Accumulates inline text into paragraphs, collapsing whitespace the way browsers do.
#[derive(Default)]
struct ParagraphBuilder {
    paragraphs: Vec<String>,
    current: String,
    /// Nesting depth of links (`<a>`) at the current position.
    link_depth: usize,
    /// Visible characters of the current paragraph inside links.
    link_chars: usize,
    /// With `Some`, paragraphs that are mostly link text (menus, "related" lists) go here,
    /// with the line they would have started on, instead of into `paragraphs`.
    link_lists: Option<Vec<(usize, String)>>,
    /// Lines of `paragraphs`, kept as they grow so that asking costs nothing.
    paragraph_lines: usize,
    /// Line breaks in `current`.
    current_breaks: usize,
}

impl ParagraphBuilder {
    /// Lines emitted so far, the current one included.
    fn lines(&self) -> usize {
        let open_line = !self.current.is_empty() && !self.current.ends_with('\n');
        self.paragraph_lines + self.current_breaks + usize::from(open_line)
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
                if self.link_depth > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
            self.current_breaks += 1;
        }
    }

    fn paragraph_break(&mut self) {
        crate::budget::check();
        let text = self.current.trim();
        if !text.is_empty() {
            let visible = text.chars().filter(|c| !c.is_whitespace()).count();
            let long_prose =
                text.split_whitespace().count() > 30 && text.ends_with(['.', '!', '?']);
            let line = self.lines();
            match self.link_lists.as_mut() {
                Some(lists) if self.link_chars * 10 >= visible * 6 && !long_prose => {
                    lists.push((line, text.to_string()));
                }
                _ => {
                    self.paragraph_lines += text.lines().count();
                    self.paragraphs.push(text.to_string());
                }
            }
        }
        self.current.clear();
        self.current_breaks = 0;
        self.link_chars = 0;
    }

    fn finish(mut self) -> Vec<String> {
        self.paragraph_break();
        self.paragraphs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        let p = split_paragraphs("  Title \n\n\nline one\n  line two  \n \n last");
        assert_eq!(p, vec!["Title", "line one\nline two", "last"]);
    }

    #[test]
    fn builder_collapses_whitespace() {
        let mut b = ParagraphBuilder::default();
        b.push_text("  a \n\t b ");
        b.line_break();
        b.push_text("c");
        b.paragraph_break();
        b.push_text("   ");
        b.paragraph_break();
        b.push_text("d");
        assert_eq!(b.finish(), vec!["a b\nc", "d"]);
    }
}
