//! Where extracted lines start in the decoded text. Parsers hand back text, not positions
//! (html5ever keeps none), so each line is looked for in the source: its first letters and
//! digits, in the source's visible letters and digits (markup, comments, scripts and the like
//! skipped; numeric character references read), a little past where the line before it was
//! found. Both walk forward together, so the cost is linear in the document; a line that is
//! not found (text the parser made up) takes the place of the line before it.

use super::{Block, Origin};

/// How the source hides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Tags, comments and raw-text elements are not text.
    Html,
    /// Every character is text (Markdown: its syntax is punctuation, which is skipped anyway).
    Plain,
}

/// Letters and digits a line is found by.
const KEY_CHARS: usize = 16;
/// Visible characters searched past the previous find: near first, so that a line whose
/// text the source spells otherwise is not matched by a chance occurrence far ahead (which
/// would leave the lines after it behind), then further before the line is given up.
const WINDOWS: [usize; 2] = [2 * 1024, 32 * 1024];

/// Fills `starts` of every block: byte offsets in `source` where its lines begin. Furniture
/// blocks are looked for apart from the text: they are listed when their element opens, which
/// may be inside a paragraph that is listed when it closes.
pub fn locate(source: &str, blocks: &mut [Block], markup: Markup) {
    let start = Visible {
        source,
        pos: 0,
        markup,
    };
    // Searching stops once it has read the document 64 times over (real pages use up to about
    // that, re-reading markup around lines they spell otherwise), markup skipped
    // included: linear always.
    let mut budget = 64 * source.len() + 4 * WINDOWS[1];
    // Per kind of block: where to search from (just past the first letter of the last line
    // found, so that a repeated line is found again further on) and where that line started.
    let mut text_cursor = (start, 0);
    let mut furniture_cursor = (start, 0);
    for block in blocks {
        let (from, last_start) = if block.origin == Origin::Furniture {
            &mut furniture_cursor
        } else {
            &mut text_cursor
        };
        block.starts = block
            .text
            .lines()
            .map(|line| {
                crate::budget::check();
                // The first word alone is telling only near the previous find.
                let (long, word) = keys(line);
                let found = find(*from, &long, WINDOWS[0], &mut budget)
                    .or_else(|| find(*from, word.as_ref()?, WINDOWS[0], &mut budget))
                    .or_else(|| find(*from, &long, WINDOWS[1], &mut budget));
                if let Some((found, after)) = found {
                    *from = after;
                    *last_start = found;
                }
                *last_start
            })
            .collect();
    }
}

/// What a line is looked for by: its first letters and digits, and the letters and digits
/// of its first word where that is shorter and long enough to be telling (for a line that
/// runs into text the source spells otherwise).
fn keys(line: &str) -> (Vec<char>, Option<Vec<char>>) {
    let long: Vec<char> = line
        .chars()
        .filter(|&c| crate::text::is_word_char(c))
        .map(fold)
        .take(KEY_CHARS)
        .collect();
    let word: Vec<char> = line
        .split(|c: char| !crate::text::is_word_char(c))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .chars()
        .map(fold)
        .take(KEY_CHARS)
        .collect();
    let telling = word.len() >= 4 && word.len() < long.len();
    (long, telling.then_some(word))
}

/// The first place at or after `from` where the visible characters spell `key`, and the
/// position just past its first character.
fn find<'a>(
    from: Visible<'a>,
    key: &[char],
    window: usize,
    budget: &mut usize,
) -> Option<(usize, Visible<'a>)> {
    let first = *key.first()?;
    let mut at = from;
    for _ in 0..window {
        if *budget == 0 {
            return None;
        }
        let (here, c, next) = at.next_visible()?;
        charge(budget, next.pos - at.pos)?;
        if c == first && spells(next, &key[1..], budget) {
            return Some((here, next));
        }
        at = next;
    }
    None
}

fn spells(mut at: Visible<'_>, rest: &[char], budget: &mut usize) -> bool {
    for &k in rest {
        match at.next_visible() {
            Some((_, c, next)) if c == k => {
                if charge(budget, next.pos - at.pos).is_none() {
                    return false;
                }
                at = next;
            }
            _ => return false,
        }
    }
    true
}

/// Takes `bytes` read from the budget; once it runs out it stays at zero, so that no later
/// search reads past even one more stretch of markup.
fn charge(budget: &mut usize, bytes: usize) -> Option<()> {
    match budget.checked_sub(bytes) {
        Some(left) => {
            *budget = left;
            Some(())
        }
        None => {
            *budget = 0;
            None
        }
    }
}

fn fold(c: char) -> char {
    crate::text::lowercase_char(c)
}

/// Elements whose content never reaches the extracted text.
const HIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "title", "noscript", "template", "textarea", "select", "button", "iframe",
    "object", "svg", "math", "canvas",
];

/// A position in the source, reading only visible letters and digits.
#[derive(Debug, Clone, Copy)]
struct Visible<'a> {
    source: &'a str,
    pos: usize,
    markup: Markup,
}

impl<'a> Visible<'a> {
    /// The next visible letter or digit, past markup and other characters: where it starts,
    /// the character folded to lower case, and the position after it; `None` at the end.
    fn next_visible(mut self) -> Option<(usize, char, Self)> {
        let bytes = self.source.as_bytes();
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if self.markup == Markup::Html && b == b'<' {
                match self.past_markup() {
                    Some(end) => self.pos = end,
                    None => self.pos += 1,
                }
            } else if self.markup == Markup::Html && b == b'&' {
                match self.reference() {
                    Some((c, len)) if crate::text::is_word_char(c) => {
                        let next = Visible {
                            pos: self.pos + len,
                            ..self
                        };
                        return Some((self.pos, fold(c), next));
                    }
                    Some((_, len)) => self.pos += len,
                    None => self.pos += 1,
                }
            } else {
                let c = self.source[self.pos..].chars().next().unwrap_or(' ');
                if crate::text::is_word_char(c) {
                    let next = Visible {
                        pos: self.pos + c.len_utf8(),
                        ..self
                    };
                    return Some((self.pos, fold(c), next));
                }
                self.pos += c.len_utf8();
            }
        }
        None
    }

    /// A character reference here (`&#1041;`, `&#x411;`, `&laquo;`): its character and length.
    fn reference(&self) -> Option<(char, usize)> {
        let after = self.pos + 1;
        let end = self.source.as_bytes()[after..]
            .iter()
            .take(12)
            .position(|&b| b == b';')?;
        let body = &self.source[after..after + end];
        match crate::decode::entities::reference(body) {
            Some(c) => Some((c, end + 2)),
            // A name the decoder does not know is taken for punctuation, as most are.
            None if !body.is_empty() && body.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Some(('&', end + 2))
            }
            None => None,
        }
    }

    /// The end of a tag, comment or declaration that starts here, and of the content of a
    /// hidden element it opens; `None` where the `<` is text.
    fn past_markup(&self) -> Option<usize> {
        let rest = &self.source[self.pos..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            return Some(self.pos + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3));
        }
        let after = rest.as_bytes().get(1)?;
        if !(after.is_ascii_alphabetic() || matches!(after, b'/' | b'!' | b'?')) {
            return None;
        }
        let tag_end = self.pos + rest.find('>').map_or(rest.len(), |e| e + 1);
        let name_len = rest[1..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = &rest[1..1 + name_len];
        let hidden = HIDDEN_ELEMENTS.iter().any(|h| h.eq_ignore_ascii_case(name));
        if !hidden || rest[..tag_end - self.pos].ends_with("/>") {
            return Some(tag_end);
        }
        Some(closing_tag(self.source, tag_end, name))
    }
}

/// Offset just past `</name…>` at or after `from`, or the end of the source.
fn closing_tag(source: &str, from: usize, name: &str) -> usize {
    let bytes = source.as_bytes();
    let mut pos = from;
    while let Some(at) = source[pos..].find("</").map(|i| pos + i) {
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return source[at..].find('>').map_or(source.len(), |e| at + e + 1);
        }
        pos = at + 2;
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, origin: Origin) -> Block {
        Block {
            text: text.to_string(),
            origin,
            starts: Vec::new(),
        }
    }

    #[test]
    fn lines_are_found_past_markup_and_in_order() {
        let page = "<html><head><title>Жаңы мектеп</title></head><body>\n\
                    <nav><a href='/'>Башкы бет</a></nav>\n\
                    <h1>Жаңы мектеп</h1>\n\
                    <p>Нарында <b>мектеп</b> &#1072;чылды.<br>Экинчи сап</p>\n\
                    <p>Жаңы мектеп</p></body></html>";
        let mut blocks = vec![
            block("Башкы бет", Origin::Furniture),
            block("Жаңы мектеп", Origin::Text),
            block("Нарында мектеп ачылды.\nЭкинчи сап", Origin::Text),
            block("Жаңы мектеп", Origin::Text),
        ];
        locate(page, &mut blocks, Markup::Html);
        let at = |needle: &str, nth: usize| page.match_indices(needle).nth(nth).unwrap().0;
        assert_eq!(blocks[0].starts, vec![at("Башкы", 0)]);
        // The headline is the <h1>, not the <title> above it.
        assert_eq!(blocks[1].starts, vec![at("Жаңы мектеп", 1)]);
        assert_eq!(blocks[2].starts, vec![at("Нарында", 0), at("Экинчи", 0)]);
        assert_eq!(blocks[3].starts, vec![at("Жаңы мектеп", 2)]);
    }

    #[test]
    fn a_line_not_in_the_source_keeps_the_place_before_it() {
        let mut blocks = vec![
            block("alpha", Origin::Text),
            block("made up", Origin::Text),
            block("—", Origin::Text),
            block("beta", Origin::Text),
        ];
        locate("x alpha y beta", &mut blocks, Markup::Plain);
        let starts: Vec<usize> = blocks.iter().map(|b| b.starts[0]).collect();
        assert_eq!(starts, vec![2, 2, 2, 10]);
    }
}
