//! Rules that judge a line by its place among the others: runs of menu lines, the page header
//! above the headline, the headline itself, lists of other headlines, the footer zone.

use super::dates::is_dateline;
use super::{Line, Reason};

/// Two to twenty words with letters, not a sentence, not a breadcrumb or menu row.
pub fn is_heading_like(line: &str) -> bool {
    heading_like(line, crate::text::line_words(line))
}

/// [`is_heading_like`] of a line of `words` words.
pub(super) fn heading_like(line: &str, words: usize) -> bool {
    (2..=20).contains(&words)
        && line.chars().filter(|&c| crate::text::is_letter(c)).count() >= 4
        && !line.trim_end().ends_with(['.', ':', ';', ','])
        && !line.contains('|')
        && ![" / ", " » ", " > ", " · ", " • "]
            .iter()
            .any(|separator| line.contains(separator))
}

/// Sentence-like: ends in sentence punctuation or has many words.
pub(super) fn is_prose(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '»', '”', ')', '*']);
    crate::text::line_words(t) > 12 || crate::text::ends_sentence(t)
}

/// A list item opened by a bullet or dash.
pub(super) fn is_bulleted(text: &str) -> bool {
    text.trim_start().starts_with(['•', '-', '*', '–', '—'])
}

/// Runs of four or more short lines (three words or fewer, no sentence punctuation, no digits:
/// those are table rows and numbered lists) are menus.
pub(super) fn mark_menus(lines: &mut [Line]) {
    let short = |l: &Line| {
        !l.text.chars().any(|c| c.is_ascii_digit())
            && l.words() <= 3
            && !is_prose(l.text)
            && l.text.chars().any(crate::text::is_letter)
    };
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && (short(&lines[j]) || lines[j].reason.is_some()) {
            j += 1;
        }
        if j - i >= 4 && (i..j).filter(|&k| short(&lines[k])).count() >= 4 {
            for line in &mut lines[i..j] {
                line.reason.get_or_insert(Reason::Menu);
            }
        }
        i = j.max(i + 1);
    }
}

/// The headline stays although other pages list it ("Read also", "Most read"): of the four
/// lines before the first line of the article, datelines skipped, the longest heading-like
/// line dropped as repeated comes back if it recurs in fewer than half as many documents as
/// the page's most repeated line: template lines recur on every page of a site, a headline
/// only in a few lists of other headlines.
pub(super) fn keep_headline(lines: &mut [Line]) {
    let most_repeated = lines.iter().map(|l| l.repeats).max().unwrap_or(0);
    // The article starts at its first kept line of four words or more that is not a dateline.
    let Some(start) = lines
        .iter()
        .position(|l| l.reason.is_none() && l.words() >= 4 && !is_dateline(l.text))
    else {
        return;
    };
    let headline = (start.saturating_sub(4)..start)
        .filter(|&i| {
            !is_dateline(lines[i].text)
                && heading_like(lines[i].text, lines[i].words())
                && lines[i].reason == Some(Reason::Repeated)
                && lines[i].repeats * 2 < most_repeated
        })
        .max_by_key(|&i| {
            lines[i]
                .text
                .chars()
                .filter(|&c| crate::text::is_letter(c))
                .count()
        });
    if let Some(i) = headline {
        lines[i].reason = None;
    }
}

/// Above the headline of a page whose top holds furniture (a menu, a banner), the short lines
/// left — site name, tagline, language switch — are the page header. The headline is the
/// first heading-like line, right below a dropped line (or text extraction dropped), of the
/// four before the first article sentence; without one nothing is marked.
pub(super) fn mark_header(lines: &mut [Line]) {
    let Some(start) = lines
        .iter()
        .position(|l| l.reason.is_none() && is_prose(l.text) && !is_dateline(l.text))
    else {
        return;
    };
    let Some(headline) = (start.saturating_sub(4)..start)
        .filter(|&i| {
            ((i > 0 && lines[i - 1].reason.is_some()) || lines[i].after_removed)
                && lines[i].reason.is_none()
                && !is_dateline(lines[i].text)
                && heading_like(lines[i].text, lines[i].words())
        })
        .min()
    else {
        return;
    };
    for line in &mut lines[..headline] {
        if line.reason.is_none()
            && !is_prose(line.text)
            && !is_dateline(line.text)
            && line.words() <= 12
        {
            line.reason = Some(Reason::Menu);
        }
    }
}

/// Lists of other headlines in plain text ("Read also", "Другие новости рубрики", "Окуңуз"
/// and three or more headlines under it), after the article's paragraphs: a short heading that
/// does not announce a list with a colon, then three or more lines of four to twelve words
/// with no end punctuation and no bullets, and no paragraph of the article after them.
pub(super) fn mark_headline_lists(lines: &mut [Line]) {
    let Some(start) = lines
        .iter()
        .position(|l| l.reason.is_none() && is_prose(l.text))
    else {
        return;
    };
    let headline_item = |line: &Line| {
        (4..=12).contains(&line.words())
            && heading_like(line.text, line.words())
            && !is_bulleted(line.text)
            && !is_dateline(line.text)
    };
    // Both facts about what follows a line are computed once, from the end: how many headline
    // items start right after it, and whether an article paragraph comes anywhere later. Marks
    // made below only touch lines the scan has passed, so the facts stay true.
    let n = lines.len();
    let mut items_from = vec![0usize; n + 1];
    let mut article_from = vec![false; n + 1];
    for i in (0..n).rev() {
        items_from[i] = if headline_item(&lines[i]) {
            items_from[i + 1] + 1
        } else {
            0
        };
        article_from[i] =
            article_from[i + 1] || (lines[i].reason.is_none() && lines[i].words() > 15);
    }
    let mut i = start + 1;
    while i < n {
        let heading = lines[i].text;
        let items = items_from[i + 1];
        // A poem or list inside the article is followed by more article paragraphs.
        if items >= 3
            && !article_from[i + 1 + items]
            && lines[i].words() <= 5
            && !is_prose(heading)
            && !heading.trim_end().ends_with(':')
        {
            for line in &mut lines[i..=i + items] {
                line.reason.get_or_insert(Reason::Links);
            }
            i += items + 1;
        } else {
            i += 1;
        }
    }
}

/// After the last article sentence: from the first dropped line past it (and in the second
/// half of the document) on, short lines — addresses, names, "by the European Union" — are
/// footer too, and so are the short lines just before that one.
pub(super) fn mark_footer(lines: &mut [Line]) {
    let last_content = lines
        .iter()
        .rposition(|l| l.reason.is_none() && is_prose(l.text))
        .map_or(0, |i| i + 1);
    let from = last_content.max(lines.len() / 2);
    // Page furniture opens a footer; a stray number (symbols) or menu does not.
    let opens_footer = |r: Option<Reason>| {
        matches!(
            r,
            Some(Reason::Contact | Reason::Notice | Reason::Phrase | Reason::Repeated)
        )
    };
    let Some(mut start) = (from..lines.len()).find(|&i| opens_footer(lines[i].reason)) else {
        return;
    };
    while start > last_content
        && (lines[start - 1].reason.is_some() || is_footer_line(lines[start - 1].text))
    {
        start -= 1;
    }
    for line in &mut lines[start..] {
        if line.reason.is_none() && is_footer_line(line.text) {
            line.reason = Some(Reason::Footer);
        }
    }
}

/// Short and not a sentence nor a numbered or bulleted item: an address line, a name, "by the European
/// Union".
fn is_footer_line(text: &str) -> bool {
    let numbered = text.trim_start().starts_with(|c: char| c.is_ascii_digit())
        && text
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')']);
    !numbered && !is_bulleted(text) && !is_prose(text) && crate::text::line_words(text) <= 10
}
