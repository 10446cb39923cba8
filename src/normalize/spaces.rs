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

impl Normalizer for Spaces {
    fn kind(&self) -> NormKind {
        NormKind::Space
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
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
    use super::Spaces;
    use crate::normalize::normalizer_test;

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
