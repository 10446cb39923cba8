//! HTML to blocks through a real HTML5 parser (html5ever via scraper): scripts, styles and
//! other non-content elements are dropped, block elements end paragraphs, entities are decoded.
//! With boilerplate removal on, the blocks say which are page furniture (navigation, asides,
//! footers, forms and blocks whose class or id names a menu, share bar, cookie notice or the
//! like) and which are mostly link text, and the `trafilatura` crate's judgement of the main
//! content comes along (measured against the alternatives: see README); the boilerplate stage
//! decides. Metadata comes from `<title>`, `<h1>`, `<meta>` and `<link rel=canonical>`, with
//! trafilatura's filling the gaps.

use super::locate::{locate, Markup};
use super::nesting::{cap_depth, MAX_DEPTH};
use super::{Extracted, MainContent, Metadata, Origin, ParagraphBuilder};
use crate::text::collapse_whitespace;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use std::collections::HashSet;

/// Elements whose content is never text of the page.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "select", "button",
];

/// Elements that start and end a paragraph.
pub(super) const BLOCKS: &[&str] = &[
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

/// Elements that are page furniture, not content.
const FURNITURE: &[&str] = &["nav", "aside", "footer", "form"];

/// Words in class or id names of page furniture.
const FURNITURE_NAMES: &[&str] = &[
    "menu",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "sidebar",
    "cookie",
    "cookies",
    "share",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "comments",
    "banner",
    "advert",
    "ads",
    "subscribe",
    "newsletter",
    "popup",
    "skip",
    "toolbar",
    "widget",
    "pagination",
];

/// Words in class or id names of the article's own blocks: a block named by one of these is
/// content even when another of its words names furniture (Blogger's posts sit in
/// `<div class="widget Blog">`).
const CONTENT_NAMES: &[&str] = &["article", "post", "entry", "blog", "story", "content"];

/// The elements that are furniture: a furniture element, a page `<header>` (one outside
/// `<article>` and `<main>`), or a block whose class/id words name furniture — but never one
/// that holds the article (`<article>`, `<main>`, `<h1>`) or most of the page's text, as an
/// ASP.NET `<form>` or a `<body class="menu-open">` does. One walk over the tree, each
/// element's text counted once: linear however deeply furniture nests.
fn furniture_elements(document: &Html) -> HashSet<NodeId> {
    struct Open {
        chars: usize,
        holds_article: bool,
        named: bool,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut in_article = 0usize;
    let mut page_chars = 0;
    let mut candidates = Vec::new();
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    crate::budget::check();
                    let article = matches!(el.name(), "article" | "main");
                    stack.push(Open {
                        chars: 0,
                        holds_article: article || el.name() == "h1",
                        named: named_furniture(el, in_article > 0),
                    });
                    in_article += usize::from(article);
                }
                Node::Text(text) => {
                    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
                    page_chars += chars;
                    if let Some(parent) = stack.last_mut() {
                        parent.chars += chars;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                in_article -= usize::from(matches!(el.name(), "article" | "main"));
                let Some(open) = stack.pop() else {
                    continue;
                };
                if let Some(parent) = stack.last_mut() {
                    parent.chars += open.chars;
                    parent.holds_article |= open.holds_article;
                }
                if open.named && !open.holds_article {
                    candidates.push((node.id(), open.chars));
                }
            }
        }
    }
    candidates
        .into_iter()
        .filter(|&(_, chars)| chars * 10 <= page_chars * 3)
        .map(|(id, _)| id)
        .collect()
}

/// Whether an element's name, class or id names furniture; `in_article` when it lies inside
/// `<article>` or `<main>` (where a `<header>` is the article's own).
fn named_furniture(el: &scraper::node::Element, in_article: bool) -> bool {
    let name = el.name();
    if matches!(name, "html" | "body") {
        return false;
    }
    if FURNITURE.contains(&name) {
        return true;
    }
    if name == "header" {
        return !in_article;
    }
    // A class on a link or a span inside a paragraph (a `popup` note, a `share` icon) says
    // nothing about the paragraph: only blocks are furniture by name.
    if !BLOCKS.contains(&name) {
        return false;
    }
    let words: Vec<String> = [el.attr("class"), el.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .map(str::to_ascii_lowercase)
        .collect();
    let named = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    named(FURNITURE_NAMES) && !named(CONTENT_NAMES)
}

/// Extracts blocks and metadata; `describe` marks furniture and link lists and asks the
/// main-content extractor for its judgement.
pub fn extract(source: &str, describe: bool) -> Extracted {
    // Markup nested past what parsers handle in linear time is flattened first.
    let capped = cap_depth(source, MAX_DEPTH);
    let (mut extracted, h1) = extract_blocks(&capped, describe);
    if describe {
        let mut options = extractor_options();
        // Its date only fills a gap (`main_content`): where the page gave one, its search of
        // the page for dates (which serializes the whole tree again) would be thrown away.
        if extracted.metadata.date.is_some() {
            options.html_date_mode = trafilatura::HtmlDateMode::Disabled;
        }
        match trafilatura::extract(&capped, &options) {
            Ok(main) if main.content_text.chars().any(char::is_alphanumeric) => {
                extracted.main = Some(main_content(&mut extracted.metadata, h1, main));
            }
            _ => {}
        }
    }
    locate(source, &mut extracted.blocks, Markup::Html);
    extracted
}

/// How the main-content extractor runs: with its Readability fallback (which it consults when
/// its own extraction looks short) and favouring recall, as trafilatura runs by default in
/// Python; the line rules after it restore the precision. Public for the benchmark that times
/// the extractor alone.
pub fn extractor_options() -> trafilatura::Options {
    let mut options = trafilatura::Options::default();
    options.enable_fallback = true;
    options.focus = trafilatura::ExtractionFocus::FavorRecall;
    options
}

/// The extractor's main content, its metadata filling the gaps of the page's own.
fn main_content(
    metadata: &mut Metadata,
    h1: Option<String>,
    main: trafilatura::ExtractResult,
) -> MainContent {
    let found = &main.metadata;
    let title = Some(found.title.as_str())
        .filter(|t| !t.is_empty())
        .or(metadata.title.as_deref())
        .map(collapse_whitespace);
    let fill = |slot: &mut Option<String>, value: &str| {
        if slot.is_none() && !value.trim().is_empty() {
            *slot = Some(collapse_whitespace(value));
        }
    };
    if !found.title.trim().is_empty() {
        metadata.title = Some(collapse_whitespace(&found.title));
    }
    fill(&mut metadata.author, &found.author);
    fill(&mut metadata.url, &found.url);
    fill(&mut metadata.site_name, &found.sitename);
    if let Some(date) = found.date {
        fill(&mut metadata.date, &date.format("%Y-%m-%d").to_string());
    }
    MainContent {
        text: main.content_text,
        title,
        h1,
    }
}

/// The page's blocks and metadata, and its first `<h1>`; `describe` marks furniture and link
/// lists.
fn extract_blocks(source: &str, describe: bool) -> (Extracted, Option<String>) {
    let document = Html::parse_document(source);
    let mut builder = ParagraphBuilder {
        find_link_lists: describe,
        ..Default::default()
    };
    let mut metadata = Metadata::default();
    let mut first_h1 = None;
    // Depth inside a skipped element; text is ignored while it is above zero.
    let mut skipping = 0usize;
    let furniture = if describe {
        furniture_elements(&document)
    } else {
        HashSet::new()
    };
    // Iterative traversal: deeply nested (or broken) markup cannot overflow the stack.
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    read_metadata(node, &mut metadata);
                    if el.name() == "h1" && first_h1.is_none() {
                        first_h1 = Some(collapse_whitespace(&text_of(node)));
                    }
                    skipping = open_element(&mut builder, node, skipping, &furniture);
                }
                Node::Text(text) if skipping == 0 => builder.push_text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if el.name() == "a" {
                        builder.link_depth = builder.link_depth.saturating_sub(1);
                    } else if BLOCKS.contains(&el.name()) {
                        builder.paragraph_break();
                    }
                }
            }
        }
    }
    let first_h1 = first_h1.filter(|t| !t.is_empty());
    if metadata.title.is_none() {
        metadata.title = first_h1.clone();
    }
    let extracted = Extracted {
        metadata,
        blocks: builder.finish(),
        main: None,
    };
    (extracted, first_h1)
}

/// What an opening element does to the text; returns the new skipping depth. A furniture
/// element becomes one block of its own, skipped in the text flow.
fn open_element(
    builder: &mut ParagraphBuilder,
    node: NodeRef<'_, Node>,
    skipping: usize,
    furniture: &HashSet<NodeId>,
) -> usize {
    let Some(el) = node.value().as_element() else {
        return skipping;
    };
    let name = el.name();
    if skipping > 0 || SKIPPED.contains(&name) || is_hidden(el) {
        return skipping + 1;
    }
    if furniture.contains(&node.id()) {
        let text = collapse_whitespace(&visible_text_of(node));
        if !text.is_empty() {
            builder.push_block(text, Origin::Furniture);
        }
        return 1;
    }
    if name == "a" {
        builder.link_depth += 1;
    } else if name == "br" {
        builder.line_break();
    } else if BLOCKS.contains(&name) {
        builder.paragraph_break();
    }
    0
}

/// An element the reader never sees: `hidden`, `aria-hidden="true"`, or styled
/// `display: none` / `visibility: hidden`.
fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Fills in what one element says about the page: `<title>`, `<meta>` properties, canonical link.
fn read_metadata(node: NodeRef<'_, Node>, m: &mut Metadata) {
    let Some(el) = node.value().as_element() else {
        return;
    };
    let set = |slot: &mut Option<String>, value: Option<&str>| {
        if slot.is_none() {
            *slot = value.map(collapse_whitespace).filter(|v| !v.is_empty());
        }
    };
    match el.name() {
        "title" => set(&mut m.title, Some(&text_of(node))),
        "link"
            if el
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            set(&mut m.url, el.attr("href"))
        }
        "meta" => {
            let key = el
                .attr("property")
                .or(el.attr("name"))
                .or(el.attr("itemprop"))
                .unwrap_or("")
                .to_ascii_lowercase();
            let content = el.attr("content");
            match key.as_str() {
                "og:title" => set(&mut m.title, content),
                "og:url" => set(&mut m.url, content),
                "og:site_name" | "application-name" => set(&mut m.site_name, content),
                "author" | "article:author" | "dc.creator" => set(&mut m.author, content),
                "article:published_time" | "datepublished" | "date" | "dc.date" | "pubdate" => {
                    set(&mut m.date, content)
                }
                _ => {}
            }
        }
        "time" if m.date.is_none() => set(&mut m.date, el.attr("datetime")),
        _ => {}
    }
}

/// The text of an element that a reader sees: scripts, styles and the like left out.
fn visible_text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(el)
                    if hidden > 0 || SKIPPED.contains(&el.name()) || is_hidden(el) =>
                {
                    hidden += 1
                }
                Node::Text(t) if hidden == 0 => {
                    out.push_str(t);
                    out.push(' ');
                }
                _ => {}
            },
            Edge::Close(n) if n.value().is_element() && hidden > 0 => hidden -= 1,
            _ => {}
        }
    }
    out
}

fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if let Some(t) = n.value().as_text() {
            out.push_str(t);
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::boilerplate::{Boilerplate, Reason};
    use crate::config::BoilerplateConfig;

    /// The texts of the blocks of one origin.
    fn texts(e: &Extracted, origin: Origin) -> Vec<&str> {
        e.blocks
            .iter()
            .filter(|b| b.origin == origin)
            .map(|b| b.text.as_str())
            .collect()
    }

    /// The page through extraction and boilerplate removal: paragraphs kept, texts removed.
    fn cleaned(html: &str) -> (Vec<String>, Vec<(String, Reason)>) {
        let e = extract(html, true);
        let (kept, removed, _) = Boilerplate::new(&BoilerplateConfig::default()).clean(&e, None);
        (
            kept,
            removed.into_iter().map(|r| (r.text, r.reason)).collect(),
        )
    }

    #[test]
    fn blocks_scripts_entities_and_title() {
        let html = "<html><head><title> Жаңылыктар &amp; новости </title>\
            <style>p{color:red}</style></head><body><nav>Menu</nav>\
            <h1>Head</h1><p>First &laquo;para&raquo;<br>second line</p>\
            <script>var x = 1;</script><div>Inline <b>bold</b> text</div></body></html>";
        let e = extract(html, false);
        assert_eq!(e.metadata.title.as_deref(), Some("Жаңылыктар & новости"));
        assert_eq!(
            e.paragraphs(),
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
        let e = extract("<h1>Only <i>heading</i></h1><p>text <div>unclosed", false);
        assert_eq!(e.metadata.title.as_deref(), Some("Only heading"));
        assert_eq!(e.paragraphs(), vec!["Only heading", "text", "unclosed"]);
    }

    #[test]
    fn furniture_is_pruned_and_listed() {
        let html = "<html><head><meta property='og:site_name' content='24.kg'>\
            <meta property='article:published_time' content='2024-05-01'><meta name='author' content='А. Асанов'>\
            <link rel='canonical' href='https://24.kg/a/1'></head><body>\
            <header><a>Башкы бет</a> <a>Жаңылыктар</a></header><div class='share-buttons'>Бөлүшүү</div>\
            <article><header><h1>Жаңы мектеп</h1></header><p>Нарында мектеп ачылды.</p></article>\
            <aside>Тектеш жаңылыктар</aside><footer>© 2024</footer></body></html>";
        let e = extract(html, true);
        assert_eq!(
            texts(&e, Origin::Text),
            vec!["Жаңы мектеп", "Нарында мектеп ачылды."]
        );
        assert_eq!(
            texts(&e, Origin::Furniture),
            [
                "Башкы бет Жаңылыктар",
                "Бөлүшүү",
                "Тектеш жаңылыктар",
                "© 2024"
            ]
        );
        assert_eq!(e.metadata.site_name.as_deref(), Some("24.kg"));
        assert_eq!(e.metadata.date.as_deref(), Some("2024-05-01"));
        assert_eq!(e.metadata.author.as_deref(), Some("А. Асанов"));
        assert_eq!(e.metadata.url.as_deref(), Some("https://24.kg/a/1"));
        assert_eq!(e.metadata.title.as_deref(), Some("Жаңы мектеп"));
    }

    #[test]
    fn the_extractors_date_fills_only_a_page_without_its_own() {
        let page = |own_date: &str| {
            format!(
                "<html><head>{own_date}<link rel='canonical' href='https://24.kg/2019/02/10/a.html'>\
                 </head><body><article><h1>Жаңы мектеп</h1><p>Нарын шаарында жаңы мектеп \
                 ачылды, анда беш жүз окуучу окуйт. Мектепти курууга эки жыл кетти.</p>\
                 </article></body></html>"
            )
        };
        let dated = extract(
            &page("<meta property='article:published_time' content='2024-05-01'>"),
            true,
        );
        assert!(dated.main.is_some());
        assert_eq!(dated.metadata.date.as_deref(), Some("2024-05-01"));
        // Without one, the extractor's date (here from the canonical URL) fills the gap.
        let undated = extract(&page(""), true);
        assert_eq!(undated.metadata.date.as_deref(), Some("2019-02-10"));
    }

    #[test]
    fn link_lists_go_and_linked_words_in_prose_stay() {
        let html = "<body><div><a href='/1'>Other headline one</a></div><div><a href='/2'>Other headline two</a></div>\
            <p>The minister said that <a href='/m'>the new law</a> takes effect in May, and schools will follow.</p></body>";
        let e = extract(html, true);
        assert_eq!(
            texts(&e, Origin::Text),
            vec![
                "The minister said that the new law takes effect in May, and schools will follow."
            ]
        );
        assert_eq!(
            texts(&e, Origin::LinkList),
            ["Other headline one", "Other headline two"]
        );
    }

    #[test]
    fn main_content_keeps_headline_and_dateline_and_lists_the_rest() {
        let body = "Борбордук шайлоо комиссиясынын мүчөсү маалыматтык системадагы мүчүлүштүктү адистер текшерип жатышканын айтты. ";
        let html = format!(
            "<html><head><title>Жаңылыктар | Министрлик</title></head><body><table><tr><td>\
             <a href='/'>Башкы бет</a> | <a href='/a'>Биз жөнүндө</a></td></tr><tr><td>\
             <div class='ttl'>Шайлоо системасы текшерилүүдө</div><div>Бишкек, 3-март, 2024-жыл</div>\
             <p>{}</p><p>{}</p></td></tr></table></body></html>",
            body.repeat(3),
            body.repeat(2)
        );
        let (kept, removed) = cleaned(&html);
        assert_eq!(kept[0], "Шайлоо системасы текшерилүүдө");
        assert_eq!(kept[1], "Бишкек, 3-март, 2024-жыл");
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert!(removed[0].0.starts_with("Башкы бет"));
        assert_eq!(removed[0].1, Reason::Links);
    }

    #[test]
    fn a_sentence_amid_the_article_stays_though_the_extractor_drops_it() {
        let html = std::fs::read_to_string("input/ky_issyk_kul.html").unwrap();
        let (kept, _) = cleaned(&html);
        assert!(kept
            .iter()
            .any(|p| p.starts_with("Туристтер & конокторго эскертүү")));
        assert_eq!(kept[0], "Ысык-Көлдө туристтик сезон башталды");
    }

    #[test]
    fn hidden_text_is_not_extracted_and_inline_classes_are_not_furniture() {
        let html = "<body><div hidden>Secret menu</div><p style='DISPLAY : none'>Invisible</p>\
            <div style='visibility:hidden'>Also invisible</div><span aria-hidden='true'>icon</span>\
            <p>Visible <a class='popup' href='#'>note</a> text of the article.</p>\
            <div class='share'>Share this</div></body>";
        let e = extract(html, true);
        assert_eq!(
            texts(&e, Origin::Text),
            ["Visible note text of the article."]
        );
        assert_eq!(texts(&e, Origin::Furniture), ["Share this"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5_000) + "deep";
        assert_eq!(extract(&html, true).paragraphs(), vec!["deep"]);
    }
}
