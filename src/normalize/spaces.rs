//! Spaces: every Unicode space and tab becomes a plain space, runs collapse to one, and lines
//! are trimmed. Line breaks are kept.

use super::{NormKind, Normalizer};
use crate::text::{Lang, Script};
use std::borrow::Cow;

pub struct Spaces;

fn is_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// Calls `emit` with each line's words and the separators between them, and returns how many
/// space runs differ from what is emitted: leading and trailing runs, and inner runs other
/// than a single plain space.
fn walk(text: &str, mut emit: impl FnMut(&str)) -> u64 {
    let mut changes = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            emit("\n");
        }
        let trimmed = line.trim_matches(is_space);
        changes += u64::from(trimmed.len() != line.trim_start_matches(is_space).len());
        changes += u64::from(trimmed.len() != line.trim_end_matches(is_space).len());
        // Empty pieces are the inside of a run of several space characters.
        let mut words = trimmed.split(is_space).filter(|w| !w.is_empty()).peekable();
        while let Some(word) = words.next() {
            emit(word);
            if words.peek().is_some() {
                emit(" ");
            }
        }
    }
    changes + inner_runs_changed(text)
}

/// Inner space runs that are not exactly one plain space.
fn inner_runs_changed(text: &str) -> u64 {
    let mut changes = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_matches(is_space);
        let mut chars = trimmed.chars().peekable();
        while let Some(c) = chars.next() {
            if is_space(c) {
                let mut plain = c == ' ';
                while chars.peek().is_some_and(|&n| is_space(n)) {
                    chars.next();
                    plain = false;
                }
                changes += u64::from(!plain);
            }
        }
    }
    changes
}

/// Whether the only white space of `text` is line breaks and single plain spaces between two
/// other characters of a line, which leaves nothing to change: the common case, told in one
/// pass over the bytes (characters are decoded only after the lead bytes of non-ASCII white
/// space, which Cyrillic letters never have).
fn surely_unchanged(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut prev = b'\n';
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if prev == b' ' || prev == b'\n' => return false,
            b'\n' if prev == b' ' => return false,
            b'\t' | 0x0B..=0x0D => return false,
            0xC2 | 0xE1..=0xE3 if text[i..].chars().next().is_some_and(char::is_whitespace) => {
                return false
            }
            _ => {}
        }
        prev = b;
    }
    prev != b' '
}

impl Normalizer for Spaces {
    fn kind(&self) -> NormKind {
        NormKind::Space
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        if surely_unchanged(text) {
            return (Cow::Borrowed(text), 0);
        }
        let changes = walk(text, |_| {});
        if changes == 0 {
            return (Cow::Borrowed(text), 0);
        }
        let mut out = String::with_capacity(text.len());
        walk(text, |piece| out.push_str(piece));
        (Cow::Owned(out), changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalizer_test;

    #[test]
    fn text_surely_unchanged_is_unchanged() {
        // Spaces of every kind the rules tell apart, line breaks, and letters whose UTF-8
        // shares lead bytes with white space (— and « with U+2000, U+00A0).
        let alphabet = [
            'a', 'я', '—', '«', ' ', '\n', '\t', '\r', '\u{A0}', '\u{2009}', '\u{3000}',
        ];
        let mut sure = 0;
        for text in &crate::text::every_string(&alphabet, 5) {
            if surely_unchanged(text) {
                sure += 1;
                assert_eq!(walk(text, |_| {}), 0, "{text:?}");
            }
        }
        assert!(sure > 1000, "{sure}");
    }

    normalizer_test!(
        clean_is_borrowed,
        Spaces,
        "one two\nthree",
        "one two\nthree",
        0
    );
    normalizer_test!(nbsp_becomes_space, Spaces, "100\u{00A0}сом", "100 сом", 1);
    normalizer_test!(
        runs_collapse_and_lines_trim,
        Spaces,
        " a  b\t\nc ",
        "a b\nc",
        4
    );
}
