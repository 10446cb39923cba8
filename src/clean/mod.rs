//! The clean stage. Extraction turns a decoded document into blocks of text in source order,
//! each line with the place it starts in the text: HTML (`html.rs`) and Markdown
//! (`markdown.rs`) through their parsers, plain text split on blank lines. Extraction only
//! describes (this block is a `<nav>`, that one mostly links, this is the extractor's main
//! text); `boilerplate/` decides what goes, and lists every removed line with its place.

pub mod boilerplate;
mod html;
mod locate;
mod markdown;
mod nesting;

use crate::document::Format;
pub use html::extractor_options;
use serde::{Deserialize, Serialize};

/// What a document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

/// What kind of page region a block is, as extraction saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Text of the document.
    Text,
    /// An HTML element that is page furniture (nav, aside, footer, form, a block whose class
    /// or id names a menu, share bar, cookie notice…): its whole text, on one line.
    Furniture,
    /// An HTML block that is mostly link text (menus, lists of other headlines).
    LinkList,
}

/// A paragraph of extracted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Lines separated by `\n`, trimmed, none empty.
    pub text: String,
    pub origin: Origin,
    /// Byte offset in the decoded text where each line of `text` starts (where extraction
    /// could tell: a line it cannot find takes the place of the line before it).
    pub starts: Vec<usize>,
}

impl Block {
    /// The lines of the block with their offsets in the decoded text.
    pub fn lines(&self) -> impl Iterator<Item = (&str, usize)> {
        self.text.lines().zip(self.starts.iter().copied())
    }
}

/// The main content of an HTML page as the main-content extractor (trafilatura) judged it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MainContent {
    /// The extractor's text of the article.
    pub text: String,
    /// The extractor's title, else the page's.
    pub title: Option<String>,
    /// The page's first `<h1>`.
    pub h1: Option<String>,
}

/// The text content of a document, before boilerplate removal and normalization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub metadata: Metadata,
    /// Non-empty blocks in source order.
    pub blocks: Vec<Block>,
    /// For HTML with boilerplate removal on, where the extractor found an article.
    pub main: Option<MainContent>,
}

impl Extracted {
    /// The text of every block as paragraphs: the document with nothing removed.
    pub fn paragraphs(&self) -> Vec<String> {
        self.blocks.iter().map(|b| b.text.clone()).collect()
    }
}

/// Extracts the text of a decoded document. With `markup` false, HTML and Markdown are treated
/// as plain text (the `clean.enabled = false` setting); with `describe` false (boilerplate
/// removal off) HTML furniture, link lists and the main content are not looked for.
pub fn extract(text: &str, format: Format, markup: bool, describe: bool) -> Extracted {
    match (format, markup) {
        (Format::Html, true) => html::extract(text, describe),
        (Format::Md, true) => markdown::extract(text),
        _ => Extracted {
            blocks: split_paragraphs(text),
            ..Default::default()
        },
    }
}

/// Letters and digits only, lower case: how one text is found in another whatever spacing,
/// punctuation and quotes either has (an extractor's output, a normalized record).
pub fn loose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let letters = text.chars().filter(|&c| crate::text::is_word_char(c));
    out.extend(letters.flat_map(crate::text::to_lowercase));
    out
}

/// Splits text into paragraphs at blank lines; lines are trimmed, empty paragraphs dropped.
pub fn split_paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block {
        text: String::new(),
        origin: Origin::Text,
        starts: Vec::new(),
    };
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            if !current.text.is_empty() {
                blocks.push(std::mem::replace(
                    &mut current,
                    Block {
                        text: String::new(),
                        origin: Origin::Text,
                        starts: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if !current.text.is_empty() {
            current.text.push('\n');
        }
        current.text.push_str(line);
        current
            .starts
            .push(line_start + (raw.len() - raw.trim_start().len()));
    }
    if !current.text.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Accumulates inline text into blocks, collapsing whitespace the way browsers do.
#[derive(Default)]
struct ParagraphBuilder {
    blocks: Vec<Block>,
    current: String,
    /// Nesting depth of links (`<a>`) at the current position.
    link_depth: usize,
    /// Visible characters of the current paragraph inside links.
    link_chars: usize,
    /// Whether paragraphs that are mostly link text (menus, "related" lists) are told apart.
    find_link_lists: bool,
}

impl ParagraphBuilder {
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
        }
    }

    fn paragraph_break(&mut self) {
        crate::budget::check();
        let text = self.current.trim();
        if !text.is_empty() {
            let visible = text.chars().filter(|c| !c.is_whitespace()).count();
            let long_prose = crate::text::line_words(text) > 30 && text.ends_with(['.', '!', '?']);
            let links = self.find_link_lists && self.link_chars * 10 >= visible * 6 && !long_prose;
            let origin = if links {
                Origin::LinkList
            } else {
                Origin::Text
            };
            self.push_block(text.to_string(), origin);
        }
        self.current.clear();
        self.link_chars = 0;
    }

    /// Adds a finished block; its line offsets are found later (see `locate`).
    fn push_block(&mut self, text: String, origin: Origin) {
        self.blocks.push(Block {
            text,
            origin,
            starts: Vec::new(),
        });
    }

    fn finish(mut self) -> Vec<Block> {
        self.paragraph_break();
        self.blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "  Title \n\n\nline one\n  line two  \n \n last";
        let blocks = split_paragraphs(text);
        let paragraphs: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(paragraphs, vec!["Title", "line one\nline two", "last"]);
        let starts: Vec<usize> = blocks.iter().flat_map(|b| b.starts.clone()).collect();
        for ((line, start), expected) in blocks
            .iter()
            .flat_map(|b| b.lines())
            .zip(["Title", "line one", "line two", "last"])
        {
            assert_eq!(line, expected);
            assert!(text[start..].starts_with(expected));
        }
        assert_eq!(starts.len(), 4);
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
        let texts: Vec<String> = b.finish().into_iter().map(|b| b.text).collect();
        assert_eq!(texts, vec!["a b\nc", "d"]);
    }
}
