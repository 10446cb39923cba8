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
    /// An article of `n` paragraphs that open with the same words, and `n` lines outside it
    /// that open so too and go on otherwise (each such line is looked for in the article).
    RepeatedOpenings,
}

impl Shape {
    pub const ALL: [Shape; 11] = [
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
        Shape::RepeatedOpenings,
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
            Shape::RepeatedOpenings => "repeated openings",
        }
    }

    pub fn format(self) -> Format {
        match self {
            Shape::DeepNesting
            | Shape::NestedFurniture
            | Shape::HtmlParagraphs
            | Shape::HugeTable
            | Shape::RepeatedOpenings => Format::Html,
            Shape::MarkdownParagraphs => Format::Md,
            _ => Format::Txt,
        }
    }

    /// The document of size `n`.
    pub fn document(self, n: usize) -> String {
        match self {
            Shape::ShortLines => (0..n).map(|i| sentence(i) + "\n").collect(),
            Shape::HugeLine => (0..n)
                .map(|i| format!("{} ", WORDS[i % WORDS.len()]))
                .collect(),
            Shape::DeepNesting => "<div>".repeat(n) + &sentence(0) + &"</div>".repeat(n),
            Shape::NestedFurniture => nested_furniture(n),
            Shape::MarkdownParagraphs => (0..n).map(|i| sentence(i) + "\n\n").collect(),
            Shape::HtmlParagraphs => {
                let paragraphs: String = (0..n)
                    .map(|i| format!("<p>{}</p>\n", sentence(i)))
                    .collect();
                format!("<html><body><article>{paragraphs}</article></body></html>")
            }
            Shape::BoilerplateLines => boilerplate_lines(n),
            Shape::HugeTable => {
                let rows: String = (0..n)
                    .map(|i| {
                        format!(
                            "<tr><td>{}</td><td>{i}</td><td>{}</td></tr>\n",
                            WORDS[i % WORDS.len()],
                            WORDS[(i * 7 + 3) % WORDS.len()]
                        )
                    })
                    .collect();
                format!("<html><body><table>{rows}</table></body></html>")
            }
            Shape::Entities => sentence(0) + "\n" + &"a&".repeat(n),
            Shape::Punctuation => {
                let run: String = (0..n).map(|i| ['.', '?', '…', '!'][i % 4]).collect();
                sentence(0) + " " + &run
            }
            Shape::RepeatedOpenings => repeated_openings(n),
        }
    }
}

/// An article, then `n` furniture-named wrappers nested one in another, a paragraph in each.
fn nested_furniture(n: usize) -> String {
    let mut out = format!("<html><body><article><p>{}</p></article>", sentence(0));
    for i in 0..n {
        out.push_str(&format!("<div class=\"menu\"><p>{}</p>", sentence(i + 1)));
    }
    out + &"</div>".repeat(n) + "</body></html>"
}

/// An article of `n` paragraphs opening alike, then an aside of `n` lines that open as they
/// do and go on with other words.
fn repeated_openings(n: usize) -> String {
    const OPENING: &str = "Бишкек шаарындагы жаңы";
    let paragraphs: String = (0..n)
        .map(|i| format!("<p>{OPENING} {}</p>\n", sentence(i)))
        .collect();
    let aside: String = (0..n)
        .map(|i| format!("<div>{OPENING} {i} {}</div>\n", sentence(i + n)))
        .collect();
    format!("<html><body><article>{paragraphs}</article><aside>{aside}</aside></body></html>")
}

/// An article, then `n` lines of contacts, menus, notices and share buttons.
fn boilerplate_lines(n: usize) -> String {
    let lines = [
        "Тел.: +996 312 90 67 45",
        "Башкы бет | Жаңылыктар | Байланыш",
        "Бардык укуктар корголгон",
        "Поделиться",
    ];
    let furniture: String = (0..n).map(|i| format!("{}\n", lines[i % 4])).collect();
    sentence(0) + "\n\n" + &furniture
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
