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
/// piece matched at a wrong place must not hide the rest. The main text is indexed once (see
/// [`MainIndex`]): about linear in the page.
fn in_main_text(lines: &[Line], main: &str) -> Vec<bool> {
    let main_lines: Vec<String> = main.lines().map(loose).collect();
    let whole_lines: HashSet<&str> = main_lines.iter().map(String::as_str).collect();
    // Indexed on first need: most lines are whole lines of the main text.
    let mut index: Option<MainIndex> = None;
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
            let index = index.get_or_insert_with(|| MainIndex::new(main_lines.concat()));
            let (mut found, mut all) = (0, 0);
            for piece in pieces(&key) {
                all += 1;
                found += usize::from(index.contains(piece));
            }
            found * 2 >= all
        })
        .collect()
}

/// The main text, indexed for the pieces looked for in it. First by its windows, cheap to
/// build: a piece is compared wherever its first window stands. On a page of alike lines that
/// can be thousands of places for each piece (quadratic), so past a number of compares in
/// proportion to the text its suffix table takes over: there a piece is found by a binary
/// search over the sorted suffixes, in time bounded by the piece's length and the logarithm of
/// the text's. The table is built in linear time (four bytes per byte of text), but more
/// slowly than the windows, which serve the usual page.
enum MainIndex {
    Windows {
        windows: Windows,
        compares_left: usize,
    },
    Suffixes(suffix::SuffixTable<'static, 'static>),
    /// A text past the table's 32-bit positions (only where `input.max_file_bytes` is raised
    /// past 4 GB) is searched directly.
    Text(String),
}

/// Compares the windows may take per window of the text, and at least, before the suffix
/// table takes over.
const COMPARES_PER_WINDOW: usize = 4;
const MIN_COMPARES: usize = 1024;

impl MainIndex {
    fn new(text: String) -> Self {
        let windows = Windows::new(text);
        let compares_left = MIN_COMPARES + COMPARES_PER_WINDOW * windows.starts.len();
        MainIndex::Windows {
            windows,
            compares_left,
        }
    }

    fn suffixes(text: String) -> Self {
        if u32::try_from(text.len()).is_ok() {
            MainIndex::Suffixes(suffix::SuffixTable::new(text))
        } else {
            MainIndex::Text(text)
        }
    }

    /// Whether `piece` (at least `WINDOW` characters) occurs in the text.
    fn contains(&mut self, piece: &str) -> bool {
        match self {
            MainIndex::Windows {
                windows,
                compares_left,
            } => {
                if let Some(found) = windows.contains_within(piece, compares_left) {
                    return found;
                }
                let text = std::mem::take(&mut windows.text);
                // The windows go before the table is built, so the two are never held at once.
                *self = MainIndex::Text(String::new());
                *self = MainIndex::suffixes(text);
                self.contains(piece)
            }
            MainIndex::Suffixes(table) => table.contains(piece),
            MainIndex::Text(text) => text.contains(piece),
        }
    }
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

    /// Whether `piece` (at least `WINDOW` characters) occurs in the text; `None` when that
    /// takes more than the `compares_left`, which it counts down.
    fn contains_within(&self, piece: &str, compares_left: &mut usize) -> Option<bool> {
        let hash = window_hash(piece.chars().take(WINDOW));
        let mut window = self.last.get(&hash).copied();
        while let Some(w) = window {
            *compares_left = compares_left.checked_sub(1)?;
            let (at, before) = self.starts[w];
            if self.text[at..].starts_with(piece) {
                return Some(true);
            }
            window = before;
        }
        Some(false)
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

    /// The index of each kind, for `text`.
    fn every_index(text: &str) -> [MainIndex; 3] {
        [
            MainIndex::new(text.to_string()),
            MainIndex::suffixes(text.to_string()),
            MainIndex::Text(text.to_string()),
        ]
    }

    #[test]
    fn every_index_finds_exactly_the_pieces_a_substring_search_finds() {
        let text = loose(
            "Бишкекте жаңы мектеп ачылды, анда беш жүз окуучу окуйт. The school opened in \
             Bishkek on Monday and five hundred pupils study there; мектеп жаңы.",
        );
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for mut index in every_index(&text) {
            let windows = matches!(index, MainIndex::Windows { .. });
            // Every piece of the text itself, of every length a piece has, is found...
            for from in (0..chars.len() - WINDOW).step_by(7) {
                for len in [WINDOW, WINDOW + 5, PIECE, 2 * PIECE] {
                    let Some(&(end, _)) = chars.get(from + len) else {
                        continue;
                    };
                    assert!(index.contains(&text[chars[from].0..end]));
                }
            }
            // ... and pieces that differ anywhere, even after their first window, are not.
            for piece in [
                "бишкектежаңымектепачылдыандабешжүзокуучуx",
                "thesсhoolopenedinbishkek",
                "мектепжаңымектепжаңымектеп",
            ] {
                assert!(!text.contains(piece));
                assert!(!index.contains(piece), "{piece}");
            }
            // The windows serve a usual text to the end.
            assert_eq!(matches!(index, MainIndex::Windows { .. }), windows);
        }
        for text in ["short", ""] {
            for mut index in every_index(text) {
                assert!(!index.contains("shortshortshortshort"));
            }
        }
    }

    #[test]
    fn on_alike_lines_the_suffix_table_takes_over_and_finds_the_same() {
        // Lines that all open alike: the opening window stands at every line.
        let lines: Vec<String> = (0..400)
            .map(|i| loose(&format!("Бишкек шаарындагы жаңы мектеп {i} окуучу")))
            .collect();
        let text = lines.concat();
        let mut index = MainIndex::new(text.clone());
        // Pieces that open alike and go on otherwise walk every place of the window.
        for i in 0..400 {
            let found = loose(&format!("Бишкек шаарындагы жаңы мектеп {i}"));
            let missing = loose(&format!("Бишкек шаарындагы жаңы китепкана {i}"));
            assert!(index.contains(&found));
            assert!(!index.contains(&missing));
        }
        assert!(matches!(index, MainIndex::Suffixes(_)));
    }
}
