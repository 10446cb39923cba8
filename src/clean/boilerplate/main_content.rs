//! The main-content rule for HTML: lines of the page outside the article, as the main-content
//! extractor (trafilatura) judged it, are `not-main` — except what extractors are known to
//! drop from articles: a full sentence amid the article, a dateline just before it, and the
//! headline.

use super::dates::is_dateline;
use super::layout::is_heading_like;
use super::{Line, Reason};
use crate::clean::{loose, MainContent};
use crate::text::collapse_whitespace;
use std::collections::HashSet;

/// Bytes of the extractor's text searched past the previous find for a part of one of its lines.
const SEARCH_AHEAD: usize = 8192;

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

/// Whether each line is in the main text: a whole line of it, or (twenty letters or more)
/// part of one.
fn in_main_text(lines: &[Line], main: &str) -> Vec<bool> {
    let main_lines: HashSet<String> = main.lines().map(loose).collect();
    let main_all = loose(main);
    // Both texts are in page order, so a line inside a longer main-text line is looked for only
    // a little past the previous find: linear in the page, not quadratic.
    let mut cursor = 0;
    lines
        .iter()
        .map(|line| {
            crate::budget::check();
            let key = loose(line.text);
            if key.is_empty() {
                return false;
            }
            if main_lines.contains(&key) {
                return true;
            }
            if key.chars().count() < 20 {
                return false;
            }
            let end = main_all.floor_char_boundary(cursor + key.len() + SEARCH_AHEAD);
            match main_all[cursor..end].find(&key) {
                Some(at) => {
                    cursor += at + key.len();
                    true
                }
                None => false,
            }
        })
        .collect()
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
        (0..lines.len()).find(|&i| keep[i] && lines[i].text.split_whitespace().count() >= 6)?;
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
    line.split_whitespace().count() >= 6
        && line
            .trim_end_matches(['"', '»', '”', ')'])
            .ends_with(['.', '!', '?', '…'])
}
