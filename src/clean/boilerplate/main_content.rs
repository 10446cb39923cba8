//! The main-content rule for HTML: lines of the page outside the article, as the main-content
//! extractor (trafilatura) judged it, are `not-main` — except what extractors are known to
//! drop from articles: a full sentence amid the article, a dateline just before it, and the
//! headline.

use super::dates::is_dateline;
use super::layout::is_heading_like;
use super::{Line, Reason};
use crate::clean::{loose, MainContent};
use crate::text::collapse_whitespace;
use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind};
use std::collections::{HashMap, HashSet};

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
/// piece matched at a wrong place must not hide the rest. One automaton pass over the main
/// text finds every piece of every line at once: linear in the page.
fn in_main_text(lines: &[Line], main: &str) -> Vec<bool> {
    let main_lines: HashSet<String> = main.lines().map(loose).collect();
    let keys: Vec<String> = lines.iter().map(|l| loose(l.text)).collect();
    let mut found: Vec<bool> = keys
        .iter()
        .map(|k| !k.is_empty() && main_lines.contains(k))
        .collect();
    // The distinct pieces, and per line the indexes of its own.
    let mut piece_ids: HashMap<&str, usize> = HashMap::new();
    let mut line_pieces: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if found[i] || key.chars().count() < 20 {
            continue;
        }
        let ids = pieces(key)
            .map(|piece| {
                let next = piece_ids.len();
                *piece_ids.entry(piece).or_insert(next)
            })
            .collect();
        line_pieces.push((i, ids));
    }
    if line_pieces.is_empty() {
        return found;
    }
    let mut patterns: Vec<&str> = vec![""; piece_ids.len()];
    for (&piece, &id) in &piece_ids {
        patterns[id] = piece;
    }
    // Built for one search: an NFA (a DFA would cost more to build than it saves here).
    let automaton = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(&patterns);
    let Ok(automaton) = automaton else {
        return found;
    };
    let mut seen = vec![false; patterns.len()];
    for m in automaton.find_overlapping_iter(&loose(main)) {
        crate::budget::check();
        seen[m.pattern().as_usize()] = true;
    }
    for (i, ids) in line_pieces {
        found[i] = ids.iter().filter(|&&id| seen[id]).count() * 2 >= ids.len();
    }
    found
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
    let first =
        (0..lines.len()).find(|&i| keep[i] && crate::text::line_words(lines[i].text) >= 6)?;
    let window: Vec<usize> = (first.saturating_sub(4)..first)
        .filter(|&i| !is_dateline(lines[i].text) && is_heading_like(lines[i].text))
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
