//! Adversarial document shapes for the scaling benchmark and the linear-time tests: each
//! makes a document of size `n` (lines, nesting depth, paragraphs, …) whose processing must
//! cost about `n`, not `n²`.

use crate::document::Format;

/// One adversarial shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One short sentence per line, each different (sentence-split dumps, subtitles).
    ShortLines,
    /// One line of `n` words and no line break.
    HugeLine,
    /// `n` nested `<div>`s around one sentence.
    DeepNesting,
    /// `n` nested furniture-named wrappers (`<div class="menu">`) around a paragraph each.
    NestedFurniture,
    /// `n` Markdown paragraphs.
    MarkdownParagraphs,
    /// `n` HTML `<p>` paragraphs.
    HtmlParagraphs,
    /// `n` boilerplate lines (contacts, menus, notices) around an article.
    BoilerplateLines,
    /// A table of `n` rows.
    HugeTable,
    /// `n` ampersands that open no character reference (`a&a&…`).
    Entities,
    /// `n` dots, question marks and ellipses in one run.
    Punctuation,
}

impl Shape {
    pub const ALL: [Shape; 10] = [
        Shape::ShortLines,
        Shape::HugeLine,
        Shape::DeepNesting,
        Shape::NestedFurniture,
        Shape::MarkdownParagraphs,
        Shape::HtmlParagraphs,
        Shape::BoilerplateLines,
        Shape::HugeTable,
        Shape::Entities,
        Shape::Punctuation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::ShortLines => "short lines",
            Shape::HugeLine => "one huge line",
            Shape::DeepNesting => "deep nesting",
            Shape::NestedFurniture => "nested furniture",
            Shape::MarkdownParagraphs => "markdown paragraphs",
            Shape::HtmlParagraphs => "html paragraphs",
            Shape::BoilerplateLines => "boilerplate lines",
            Shape::HugeTable => "huge table",
            Shape::Entities => "entities",
            Shape::Punctuation => "punctuation run",
        }
    }

    pub fn format(self) -> Format {
        match self {
            Shape::DeepNesting
            | Shape::NestedFurniture
            | Shape::HtmlParagraphs
            | Shape::HugeTable => Format::Html,
            Shape::MarkdownParagraphs => Format::Md,
            _ => Format::Txt,
        }
    }

    /// The document of size `n`.
    pub fn document(self, n: usize) -> String {
        let mut out = String::new();
        match self {
            Shape::ShortLines => {
                for i in 0..n {
                    out.push_str(&sentence(i));
                    out.push('\n');
                }
            }
            Shape::HugeLine => {
                for i in 0..n {
                    out.push_str(WORDS[i % WORDS.len()]);
                    out.push(' ');
                }
            }
            Shape::DeepNesting => {
                out.push_str(&"<div>".repeat(n));
                out.push_str(&sentence(0));
                out.push_str(&"</div>".repeat(n));
            }
            Shape::NestedFurniture => {
                out.push_str("<html><body><article><p>");
                out.push_str(&sentence(0));
                out.push_str("</p></article>");
                for i in 0..n {
                    out.push_str("<div class=\"menu\"><p>");
                    out.push_str(&sentence(i + 1));
                    out.push_str("</p>");
                }
                out.push_str(&"</div>".repeat(n));
                out.push_str("</body></html>");
            }
            Shape::MarkdownParagraphs => {
                for i in 0..n {
                    out.push_str(&sentence(i));
                    out.push_str("\n\n");
                }
            }
            Shape::HtmlParagraphs => {
                out.push_str("<html><body><article>");
                for i in 0..n {
                    out.push_str("<p>");
                    out.push_str(&sentence(i));
                    out.push_str("</p>\n");
                }
                out.push_str("</article></body></html>");
            }
            Shape::BoilerplateLines => {
                out.push_str(&sentence(0));
                out.push_str("\n\n");
                for i in 0..n {
                    out.push_str(match i % 4 {
                        0 => "Тел.: +996 312 90 67 45",
                        1 => "Башкы бет | Жаңылыктар | Байланыш",
                        2 => "Бардык укуктар корголгон",
                        _ => "Поделиться",
                    });
                    out.push('\n');
                }
            }
            Shape::HugeTable => {
                out.push_str("<html><body><table>");
                for i in 0..n {
                    out.push_str(&format!(
                        "<tr><td>{}</td><td>{i}</td><td>{}</td></tr>\n",
                        WORDS[i % WORDS.len()],
                        WORDS[(i * 7 + 3) % WORDS.len()]
                    ));
                }
                out.push_str("</table></body></html>");
            }
            Shape::Entities => {
                out.push_str(&sentence(0));
                out.push('\n');
                out.push_str(&"a&".repeat(n));
            }
            Shape::Punctuation => {
                out.push_str(&sentence(0));
                out.push(' ');
                for i in 0..n {
                    out.push(['.', '?', '…', '!'][i % 4]);
                }
            }
        }
        out
    }
}

const WORDS: &[&str] = &[
    "Бишкек",
    "шаары",
    "мектеп",
    "окуучулар",
    "мугалим",
    "жаңы",
    "китепкана",
    "ачылды",
    "тоолор",
    "Ысык-Көл",
    "дарыя",
    "айыл",
    "эл",
    "жумуш",
    "күн",
    "жылы",
];

/// A short Kyrgyz sentence that differs with `i` (so no line repeats).
fn sentence(i: usize) -> String {
    format!(
        "{} {} {} {} {i}-жолу келишти.",
        capitalize(WORDS[i % WORDS.len()]),
        WORDS[(i / 3 + 5) % WORDS.len()],
        WORDS[(i / 7 + 2) % WORDS.len()],
        WORDS[(i / 11 + 9) % WORDS.len()]
    )
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
