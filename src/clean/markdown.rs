//! Markdown to paragraphs with a CommonMark parser: markup goes, link text stays, headings and
//! list items become paragraphs; the first heading is the title.

use super::locate::{locate, Markup};
use super::{Extracted, ParagraphBuilder};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub fn extract(source: &str) -> Extracted {
    let mut builder = ParagraphBuilder::default();
    let mut title: Option<String> = None;
    let mut in_first_heading = false;
    for event in Parser::new(source) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                builder.paragraph_break();
                in_first_heading = title.is_none();
                if in_first_heading {
                    title = Some(String::new());
                }
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::CodeBlock(_) | Tag::BlockQuote(_)) => {
                builder.paragraph_break()
            }
            Event::End(TagEnd::Heading(_)) => {
                in_first_heading = false;
                builder.paragraph_break();
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => builder.paragraph_break(),
            Event::Text(text) | Event::Code(text) => {
                if in_first_heading {
                    if let Some(t) = title.as_mut() {
                        t.push_str(&text);
                    }
                }
                builder.push_text(&text);
            }
            Event::SoftBreak | Event::HardBreak => builder.line_break(),
            _ => {}
        }
    }
    let mut blocks = builder.finish();
    locate(source, &mut blocks, Markup::Plain);
    Extracted {
        metadata: super::Metadata {
            title: title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            ..Default::default()
        },
        blocks,
        main: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_text_stays() {
        let md = "## PRESS RELEASE\n\n### Second\n\n**Contact:** [a@b.kg](mailto:a@b.kg)\n\
                  Address: 1 Main st.,  \nBishkek\n\n- one\n- two\n";
        let e = extract(md);
        assert_eq!(e.metadata.title.as_deref(), Some("PRESS RELEASE"));
        assert_eq!(
            e.paragraphs(),
            vec![
                "PRESS RELEASE",
                "Second",
                "Contact: a@b.kg\nAddress: 1 Main st.,\nBishkek",
                "one",
                "two"
            ]
        );
        let address = md.find("Address").unwrap();
        let lines: Vec<(&str, usize)> = e.blocks.iter().flat_map(|b| b.lines()).collect();
        assert_eq!(lines[3], ("Address: 1 Main st.,", address));
        assert_eq!(lines[4].1, md.find("Bishkek").unwrap());
    }
}
