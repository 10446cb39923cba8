//! The main-content rule for HTML: lines of the page outside the article, as the main-content
//! extractor (trafilatura) judged it, are `not-main` — except what extractors are known to
//! drop from articles: a full sentence amid the article, a dateline just before it, and the
//! headline.

use super::dates::is_dateline;
use super::layout::is_heading_like;
use super::{Line, Reason};
use crate::clean::{loose, MainContent};
use crate::text::collapse_whitespace;
use aho_corasick::AhoCorasick;
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

/// Whether each line is in the main text: a whole line of it, or (twenty letters or more)
/// part of one, wherever it stands there — extractors reorder little, but a line matched at a
/// wrong place must not hide the rest. One automaton pass over the main text finds every
/// line at once: linear in the page.
fn in_main_text(lines: &[Line], main: &str) -> Vec<bool> {
    let main_lines: HashSet<String> = main.lines().map(loose).collect();
    let keys: Vec<String> = lines.iter().map(|l| loose(l.text)).collect();
    let long: Vec<usize> = (0..keys.len())
        .filter(|&i| !main_lines.contains(&keys[i]) && keys[i].chars().count() >= 20)
        .collect();
    let mut found: Vec<bool> = keys
        .iter()
        .map(|k| !k.is_empty() && main_lines.contains(k))
        .collect();
    if long.is_empty() {
        return found;
    }
    let Ok(automaton) = AhoCorasick::new(long.iter().map(|&i| &keys[i])) else {
        return found;
    };
    let mut seen = vec![false; long.len()];
    for m in automaton.find_overlapping_iter(&loose(main)) {
        crate::budget::check();
        seen[m.pattern().as_usize()] = true;
    }
    for (&i, seen) in long.iter().zip(seen) {
        found[i] = seen;
    }
    found
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
