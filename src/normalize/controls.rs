//! Removes control characters (but tab and newline), zero-width spaces, stray byte order
//! marks and soft hyphens: invisible, and they split words for search and deduplication.

use super::{NormKind, Normalizer};
use crate::text::{Lang, Script};
use std::borrow::Cow;

pub struct Controls;

fn removed(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

impl Normalizer for Controls {
    fn kind(&self) -> NormKind {
        NormKind::Control
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        let count = text.chars().filter(|&c| removed(c)).count() as u64;
        if count == 0 {
            return (Cow::Borrowed(text), 0);
        }
        (
            Cow::Owned(text.chars().filter(|&c| !removed(c)).collect()),
            count,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Controls;
    use crate::normalize::normalizer_test;

    normalizer_test!(
        clean_text_is_borrowed,
        Controls,
        "Саламатсызбы\n\tтуура",
        "Саламатсызбы\n\tтуура",
        0
    );
    normalizer_test!(
        invisibles_go,
        Controls,
        "a\u{200B}b\u{00AD}c\u{0085}d\u{0007}\u{FEFF}",
        "abcd",
        5
    );
}
