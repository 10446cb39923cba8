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

/// Whether `text` holds nothing [`removed`] takes, told by its bytes: no C0 control but tab
/// and line break, no DEL, and none of the two- and three-byte sequences of a C1 control, the
/// soft hyphen, U+200B, U+2060 or U+FEFF.
fn surely_none(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match b {
            0x00..=0x08 | 0x0B..=0x1F | 0x7F => true,
            0xC2 => matches!(next(1), 0x80..=0x9F | 0xAD),
            0xE2 => matches!((next(1), next(2)), (0x80, 0x8B) | (0x81, 0xA0)),
            0xEF => (next(1), next(2)) == (0xBB, 0xBF),
            _ => false,
        }
    })
}

impl Normalizer for Controls {
    fn kind(&self) -> NormKind {
        NormKind::Control
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        if surely_none(text) {
            return (Cow::Borrowed(text), 0);
        }
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
    use super::*;
    use crate::normalize::normalizer_test;

    #[test]
    fn text_surely_without_controls_has_none() {
        // Every character of one and two bytes and of the general punctuation block, the
        // three-byte ones the rule names, at the start, inside and at the end.
        let every = ('\0'..='\u{7FF}')
            .chain('\u{2000}'..='\u{206F}')
            .chain(['\u{FEFF}', '\u{FEFE}']);
        for c in every {
            for text in [format!("{c}"), format!("a{c}b"), format!("я{c}")] {
                assert_eq!(surely_none(&text), !removed(c), "{c:?}");
            }
        }
        assert!(surely_none("Саламатсызбы\n\tтуура"));
    }

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
