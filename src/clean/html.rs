//! HTML to paragraphs through a real HTML5 parser (html5ever via scraper): scripts, styles and
//! other non-content elements are dropped, block elements end paragraphs, entities are decoded.

use super::{Extracted, ParagraphBuilder};
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content is never text of the page.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "select", "button",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

pub fn extract(source: &str) -> Extracted {
    let document = Html::parse_document(source);
    let mut builder = ParagraphBuilder::default();
    let mut title = None;
    let mut first_h1 = None;
    // Depth inside a skipped element; text is ignored while it is above zero.
    let mut skipping = 0usize;
    // Iterative traversal: deeply nested (or broken) markup cannot overflow the stack.
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if name == "title" && title.is_none() {
                        title = Some(collapse(&text_of(node)));
                    }
                    if name == "h1" && first_h1.is_none() {
                        first_h1 = Some(collapse(&text_of(node)));
                    }
                    if skipping > 0 || SKIPPED.contains(&name) {
                        skipping += 1;
                    } else if name == "br" {
                        builder.line_break();
                    } else if BLOCKS.contains(&name) {
                        builder.paragraph_break();
                    }
                }
                Node::Text(text) if skipping == 0 => builder.push_text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        builder.paragraph_break();
                    }
                }
            }
        }
    }
    let title = title
        .filter(|t| !t.is_empty())
        .or(first_h1.filter(|t| !t.is_empty()));
    Extracted {
        title,
        paragraphs: builder.finish(),
    }
}

fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_scripts_entities_and_title() {
        let html = "<html><head><title> Жаңылыктар &amp; новости </title>\
            <style>p{color:red}</style></head><body><nav>Menu</nav>\
            <h1>Head</h1><p>First &laquo;para&raquo;<br>second line</p>\
            <script>var x = 1;</script><div>Inline <b>bold</b> text</div></body></html>";
        let e = extract(html);
        assert_eq!(e.title.as_deref(), Some("Жаңылыктар & новости"));
        assert_eq!(
            e.paragraphs,
            vec![
                "Menu",
                "Head",
                "First «para»\nsecond line",
                "Inline bold text"
            ]
        );
    }

    #[test]
    fn h1_is_the_fallback_title_and_broken_markup_survives() {
        let e = extract("<h1>Only <i>heading</i></h1><p>text <div>unclosed");
        assert_eq!(e.title.as_deref(), Some("Only heading"));
        assert_eq!(e.paragraphs, vec!["Only heading", "text", "unclosed"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5_000) + "deep";
        assert_eq!(extract(&html).paragraphs, vec!["deep"]);
    }
}
