//! The main-content rule for HTML: lines of the page outside the article, as the main-content
//! extractor (trafilatura) judged it, are `not-main` — except what extractors are known to
//! drop from articles: a full sentence amid the article, a dateline just before it, and the
//! headline.

use super::dates::is_dateline;
use super::layout::heading_like;
use super::{Line, Reason};
use crate::clean::{loose, MainContent};
use crate::text::collapse_whitespace;
use rustc_hash::FxHashMap;
use std::collections::HashSet;

/// Marks the lines outside the extractor's main text as `not-main`.
pub(super) fn mark_not_main(lines: &mut [Line], main: &MainContent) {
    let mut keep = in_main_text(lines, &main.text);
    // The extractor may leave out a sentence in a plain <div> amid the article: a full
    // sentence between two lines of its main text is article text.
    if let (Some(first), Some(last)) = (keep.iter().position(|&k| k), keep.iter().rposition(|&k| k))
    {
        for i in first + 1..last {
            keep[i] |= is_sentence(lines[i].text);
        }
    }
    // Extractors drop short lines; a dateline just before article text is part of it.
    let main_kept = keep.clone();
    for (i, line) in lines.iter().enumerate() {
        keep[i] |=
            is_dateline(line.text) && main_kept[i + 1..(i + 3).min(lines.len())].contains(&true);
    }
    if let Some(i) = headline(lines, &keep, main) {
        keep[i] = true;
    }
    for (line, kept) in lines.iter_mut().zip(keep) {
        if !kept {
            line.reason = Some(Reason::NotMain);
        }
    }
}

/// Letters of a piece of a long line looked for in the main text.
const PIECE: usize = 32;

/// Whether each line is in the main text: a whole line of it or, for a line of twenty letters
/// or more, at least half of its pieces of 32 letters found in it, wherever they stand —
/// extractors drop reference marks and inline bits from a paragraph and reorder little, and a
/// piece matched at a wrong place must not hide the rest. The main text's windows are indexed
/// once, so each piece is found by a look-up: linear in the page.
fn in_main_text(lines: &[Line], main: &str) -> Vec<bool> {
    let main_lines: Vec<String> = main.lines().map(loose).collect();
    let whole_lines: HashSet<&str> = main_lines.iter().map(String::as_str).collect();
    // Indexed on first need: most lines are whole lines of the main text.
    let mut windows: Option<Windows> = None;
    lines
        .iter()
        .map(|line| {
            crate::budget::check();
            let key = loose(line.text);
            if key.is_empty() {
                return false;
            }
            if whole_lines.contains(key.as_str()) {
                return true;
            }
            if key.chars().count() < 20 {
                return false;
            }
            // Line breaks are not letters: the lines' keys joined are the whole text's key.
            let windows = windows.get_or_insert_with(|| Windows::new(main_lines.concat()));
            let (mut found, mut all) = (0, 0);
            for piece in pieces(&key) {
                all += 1;
                found += usize::from(windows.contains(piece));
            }
            found * 2 >= all
        })
        .collect()
}

/// Characters of the windows a text is indexed by; no piece is shorter.
const WINDOW: usize = PIECE / 2;

/// Where each window of `WINDOW` characters of a text starts, by a rolling hash of the window:
/// a piece is looked up by its first window, then compared where that window stands.
struct Windows {
    text: String,
    /// Per hash, the last window with it (an index into `starts`).
    last: FxHashMap<u64, usize>,
    /// Per window: its byte offset, and the window before it with the same hash.
    starts: Vec<(usize, Option<usize>)>,
}

impl Windows {
    fn new(text: String) -> Self {
        let windows = (text.chars().count() + 1).saturating_sub(WINDOW);
        let mut last = FxHashMap::with_capacity_and_hasher(windows, Default::default());
        let mut starts = Vec::with_capacity(windows);
        // The last `WINDOW` characters and where each starts: character `i` in slot
        // `i % WINDOW`, so that the text is read once, without a copy of its characters.
        let mut ring = [(0usize, '\0'); WINDOW];
        let top = (1..WINDOW).fold(1u64, |p, _| p.wrapping_mul(HASH_BASE));
        let mut hash = 0u64;
        for (i, (at, c)) in text.char_indices().enumerate() {
            if i >= WINDOW {
                hash = hash.wrapping_sub(u64::from(ring[i % WINDOW].1).wrapping_mul(top));
            }
            hash = hash.wrapping_mul(HASH_BASE).wrapping_add(u64::from(c));
            ring[i % WINDOW] = (at, c);
            if i + 1 >= WINDOW {
                // The window's first character, `i + 1 - WINDOW`.
                let before = last.insert(hash, starts.len());
                starts.push((ring[(i + 1) % WINDOW].0, before));
            }
        }
        Windows { text, last, starts }
    }

    /// Whether `piece` (at least `WINDOW` characters) occurs in the text.
    fn contains(&self, piece: &str) -> bool {
        let hash = window_hash(piece.chars().take(WINDOW));
        let mut window = self.last.get(&hash).copied();
        while let Some(w) = window {
            let (at, before) = self.starts[w];
            if self.text[at..].starts_with(piece) {
                return true;
            }
            window = before;
        }
        false
    }
}

/// An odd multiplier for the rolling hash.
const HASH_BASE: u64 = 0x0000_0100_0000_01b3;

fn window_hash(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0u64, |h, c| {
        h.wrapping_mul(HASH_BASE).wrapping_add(u64::from(c))
    })
}

/// A key cut into pieces of `PIECE` letters, the last one taking a remainder shorter than half
/// a piece.
fn pieces(key: &str) -> impl Iterator<Item = &str> {
    let bounds: Vec<usize> = key.char_indices().map(|(at, _)| at).collect();
    let chars = bounds.len();
    let count = (chars / PIECE).max(1) + usize::from(chars % PIECE >= PIECE / 2 && chars > PIECE);
    (0..count).map(move |k| {
        let from = bounds[k * PIECE];
        let to = if k + 1 == count {
            key.len()
        } else {
            bounds[(k + 1) * PIECE]
        };
        &key[from..to]
    })
}

/// The headline: the page's `<h1>`; failing that, the title or else the longest heading-like
/// line of the four before the article's first sentence.
fn headline(lines: &[Line], keep: &[bool], main: &MainContent) -> Option<usize> {
    if let Some(i) = lines
        .iter()
        .position(|l| Some(collapse_whitespace(l.text)) == main.h1)
    {
        return Some(i);
    }
    // Where the article starts: the first kept line of six words or more.
    let first = (0..lines.len()).find(|&i| keep[i] && lines[i].words() >= 6)?;
    let window: Vec<usize> = (first.saturating_sub(4)..first)
        .filter(|&i| !is_dateline(lines[i].text) && heading_like(lines[i].text, lines[i].words()))
        .collect();
    window
        .iter()
        .copied()
        .find(|&i| Some(collapse_whitespace(lines[i].text)) == main.title)
        .or_else(|| {
            window.into_iter().max_by_key(|&i| {
                lines[i]
                    .text
                    .chars()
                    .filter(|&c| crate::text::is_letter(c))
                    .count()
            })
        })
}

/// Six words or more ending in sentence punctuation.
fn is_sentence(line: &str) -> bool {
    crate::text::line_words(line) >= 6
        && crate::text::ends_sentence(line.trim_end_matches(['"', '»', '”', ')']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_find_exactly_the_pieces_a_substring_search_finds() {
        let text = loose(
            "Бишкекте жаңы мектеп ачылды, анда беш жүз окуучу окуйт. The school opened in \
             Bishkek on Monday and five hundred pupils study there; мектеп жаңы.",
        );
        let windows = Windows::new(text.clone());
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        // Every piece of the text itself, of every length from a window up, is found...
        for from in (0..chars.len() - WINDOW).step_by(7) {
            for len in [WINDOW, WINDOW + 5, 2 * PIECE] {
                let Some(&(end, _)) = chars.get(from + len) else {
                    continue;
                };
                assert!(windows.contains(&text[chars[from].0..end]));
            }
        }
        // ... and pieces that differ anywhere, even after their first window, are not.
        for piece in [
            "бишкектежаңымектепачылдыандабешжүзокуучуx",
            "thesсhoolopenedinbishkek",
            "мектепжаңымектепжаңымектеп",
        ] {
            assert_eq!(windows.contains(piece), text.contains(piece), "{piece}");
            assert!(!windows.contains(piece));
        }
        assert!(!Windows::new("short".into()).contains("shortshortshortshort"));
    }
}
