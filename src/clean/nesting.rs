//! A cap on element nesting before HTML is parsed. html5ever looks up the stack of open
//! elements for every start tag, so a page of 100,000 nested `<div>`s costs it 10¹⁰ steps, and
//! trafilatura stops walking a tree 500 levels down. Browsers cap the depth of the tree they
//! build for the same reason; here, tags that would open an element deeper than the cap are
//! left out of the markup (block ones become `<br>`, so their text stays on lines of its own)
//! together with their end tags. Pages below the cap are returned as they are.
//!
//! The scan is a single linear pass over the bytes that knows enough HTML to count depth the
//! way a parser would: comments, raw-text elements (`<script>`, `<style>`, …), void elements,
//! quoted attribute values, and the end tags that paragraphs, list items and table cells leave
//! implied.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest element nesting kept; trafilatura reads to 500 levels, real pages rarely pass 60.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Ancestors past which an implied end is not looked for: an `<li>` closes an open `<li>` of
/// the same list only.
fn implied_end_scope(name: &str) -> &'static [&'static str] {
    match name {
        "li" => &["ul", "ol", "menu"],
        "dt" | "dd" => &["dl"],
        "td" | "th" => &["tr", "table"],
        "tr" => &["table", "tbody", "thead", "tfoot"],
        "option" => &["select", "datalist", "optgroup"],
        _ => &[
            "table", "td", "th", "caption", "button", "object", "template",
        ],
    }
}

/// The open element a start tag `name` closes, if one is open: a paragraph is closed by any
/// block, a list item by the next item, a cell by the next cell or row.
fn implied_end(name: &str) -> Option<&'static str> {
    Some(match name {
        "li" => "li",
        "dt" | "dd" => "dd",
        "td" | "th" => "td",
        "tr" => "tr",
        "option" => "option",
        "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
        | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "form"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "main"
        | "menu" | "nav" | "ol" | "p" | "pre" | "section" | "summary" | "table" | "ul" => "p",
        _ => return None,
    })
}

/// How far down the stack an implied end tag is looked for: a constant, so the scan stays
/// linear whatever the depth.
const IMPLIED_END_REACH: usize = 32;

/// The source with nesting past `max_depth` flattened; unchanged (borrowed) when none is.
pub fn cap_depth(source: &str, max_depth: usize) -> Cow<'_, str> {
    let mut scan = Scan::default();
    let bytes = source.as_bytes();
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let mut pos = 0;
    while let Some(offset) = memchr(b'<', &bytes[pos..]) {
        let at = pos + offset;
        let Some(tag) = read_tag(source, at) else {
            pos = at + 1;
            continue;
        };
        pos = tag.end;
        match tag.kind {
            TagKind::Skip => {}
            TagKind::Start { ref name, closed } => {
                let name = name.as_str();
                if VOID.contains(&name) || (closed && scan.foreign > 0) {
                    continue;
                }
                scan.imply_end(name);
                if scan.stack.len() >= max_depth {
                    *scan.dropped.entry(name.to_string()).or_default() += 1;
                    cuts.push((at, tag.end, is_block(name)));
                } else {
                    scan.open(name);
                }
                if RAW_TEXT.contains(&name) {
                    // The element's text runs to its end tag, which the next scan step reads.
                    pos = raw_text_end(source, pos, name);
                }
            }
            TagKind::End(ref name) => {
                if let Some(n) = scan.dropped.get_mut(name.as_str()).filter(|n| **n > 0) {
                    *n -= 1;
                    cuts.push((at, tag.end, is_block(name)));
                } else {
                    scan.close(name);
                }
            }
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut copied = 0;
    for (start, end, block) in cuts {
        out.push_str(&source[copied..start]);
        if block {
            out.push_str("<br>");
        }
        copied = end;
    }
    out.push_str(&source[copied..]);
    Cow::Owned(out)
}

/// The stack of open elements as a parser would hold it, with counts for constant-time checks.
#[derive(Default)]
struct Scan {
    stack: Vec<String>,
    open_count: HashMap<String, usize>,
    /// Start tags left out, by name, whose end tags are still to come.
    dropped: HashMap<String, usize>,
    /// Open `<svg>` and `<math>` elements, where `<x/>` closes itself.
    foreign: usize,
}

impl Scan {
    fn open(&mut self, name: &str) {
        if matches!(name, "svg" | "math") {
            self.foreign += 1;
        }
        *self.open_count.entry(name.to_string()).or_default() += 1;
        self.stack.push(name.to_string());
    }

    /// Pops the stack down to and including the innermost open `name`, if one is open.
    fn close(&mut self, name: &str) {
        if self.open_count.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if matches!(top.as_str(), "svg" | "math") {
                self.foreign -= 1;
            }
            if let Some(n) = self.open_count.get_mut(&top) {
                *n -= 1;
            }
            if top == name {
                break;
            }
        }
    }

    /// A new `<li>`, `<p>`, `<td>`, … closes an open one nearby; a block closes a paragraph.
    fn imply_end(&mut self, name: &str) {
        let Some(target) = implied_end(name) else {
            return;
        };
        // `<dt>` and `<dd>` close each other, as `<td>` and `<th>` do.
        let targets: &[&str] = match target {
            "dd" => &["dd", "dt"],
            "td" => &["td", "th"],
            _ => std::slice::from_ref(&target),
        };
        let scope = implied_end_scope(name);
        let found = self
            .stack
            .iter()
            .rev()
            .take(IMPLIED_END_REACH)
            .take_while(|open| !scope.contains(&open.as_str()))
            .find(|open| targets.contains(&open.as_str()))
            .cloned();
        if let Some(open) = found {
            self.close(&open);
        }
    }
}

enum TagKind {
    /// `<name …>`; `closed` when written `<name … />`.
    Start {
        name: String,
        closed: bool,
    },
    End(String),
    /// A comment, doctype or processing instruction.
    Skip,
}

struct Tag {
    kind: TagKind,
    /// Byte offset just past the tag.
    end: usize,
}

/// The tag that starts at `at` (a `<`), or `None` where the `<` is text.
fn read_tag(source: &str, at: usize) -> Option<Tag> {
    let rest = &source[at..];
    let bytes = rest.as_bytes();
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(source.len(), |e| at + 4 + e + 3);
        return Some(Tag {
            kind: TagKind::Skip,
            end,
        });
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = memchr(b'>', bytes).map_or(source.len(), |e| at + e + 1);
        return Some(Tag {
            kind: TagKind::Skip,
            end,
        });
    }
    let (is_end, name_at) = if rest.starts_with("</") {
        (true, 2)
    } else {
        (false, 1)
    };
    if !bytes.get(name_at)?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = bytes[name_at..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .unwrap_or(bytes.len() - name_at);
    let name = rest[name_at..name_at + name_len].to_ascii_lowercase();
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    let mut i = name_at + name_len;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) if bytes[i - 1] == b'=' || bytes[i - 1] == b' ' => {
                quote = Some(q)
            }
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    let closed = i > 0 && i <= bytes.len() && bytes[i - 1] == b'/';
    let end = at + (i + 1).min(bytes.len());
    let kind = if is_end {
        TagKind::End(name)
    } else {
        TagKind::Start { name, closed }
    };
    Some(Tag { kind, end })
}

/// Offset of the end tag `</name` that closes a raw-text element whose text starts at `from`
/// (the end of the source when there is none).
fn raw_text_end(source: &str, from: usize, name: &str) -> usize {
    let bytes = source.as_bytes();
    let mut pos = from;
    while let Some(offset) = memchr(b'<', &bytes[pos..]) {
        let at = pos + offset;
        let after = &bytes[at + 1..];
        if after.first() == Some(&b'/')
            && after.len() > name.len()
            && after[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return at;
        }
        pos = at + 1;
    }
    source.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn is_block(name: &str) -> bool {
    super::html::BLOCKS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        let page =
            "<html><body><ul><li>a<li>b</ul><p>one<p>two<table><tr><td>1<td>2<tr><td>3</table>\
                    <script>if (a<b) { x = '<div>'; }</script><!-- <div> --></body></html>";
        assert!(matches!(cap_depth(page, 5), Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_paragraphs_and_items_do_not_add_depth() {
        let page = "<p>x".repeat(100) + "<ul>" + &"<li>y".repeat(100) + "</ul>";
        assert!(matches!(cap_depth(&page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let page = "<div>".repeat(10) + "<span>deep</span>" + &"</div>".repeat(10) + "<p>after</p>";
        let capped = cap_depth(&page, 3);
        assert_eq!(
            capped,
            "<div><div><div><br><br><br><br><br><br><br>deep<br><br><br><br><br><br><br></div></div></div><p>after</p>"
        );
    }

    #[test]
    fn quoted_attributes_and_self_closing_foreign_tags() {
        let page = "<div title='a > b'><svg><path/><path/></svg></div>";
        assert!(matches!(cap_depth(page, 2), Cow::Borrowed(_)));
    }
}
