//! Latin compatibility forms: ligatures (ﬁ → fi) and fullwidth ASCII (Ｔｅｘｔ → Text), which
//! PDF and East Asian input methods leave in text and which break search.

use super::{NormKind, Normalizer};
use crate::text::{Lang, Script};
use std::borrow::Cow;

pub struct Compat;

/// The ASCII spelling of a compatibility character, if it has one.
fn expansion(c: char) -> Option<&'static str> {
    Some(match c {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        _ => return None,
    })
}

/// Fullwidth ASCII (U+FF01..U+FF5E) to ASCII, and the ideographic space to a space.
fn narrow(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Whether `text` holds no compatibility character, told by its bytes: each of them starts
/// with 0xC4 (Ĳ ĳ), 0xE3 (the ideographic space) or 0xEF (ligatures, fullwidth forms), which
/// Russian, Kyrgyz and English text seldom holds.
fn surely_none(text: &str) -> bool {
    !text.bytes().any(|b| matches!(b, 0xC4 | 0xE3 | 0xEF))
}

impl Normalizer for Compat {
    fn kind(&self) -> NormKind {
        NormKind::Compat
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        if surely_none(text) {
            return (Cow::Borrowed(text), 0);
        }
        let changes = text
            .chars()
            .filter(|&c| expansion(c).is_some() || narrow(c).is_some())
            .count() as u64;
        if changes == 0 {
            return (Cow::Borrowed(text), 0);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match (expansion(c), narrow(c)) {
                (Some(s), _) => out.push_str(s),
                (None, Some(n)) => out.push(n),
                (None, None) => out.push(c),
            }
        }
        (Cow::Owned(out), changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalizer_test;

    #[test]
    fn text_surely_without_compatibility_characters_has_none() {
        // Every character of the Basic Multilingual Plane, between letters.
        for c in '\0'..='\u{FFFF}' {
            if surely_none(&format!("a{c}я")) {
                assert!(expansion(c).is_none() && narrow(c).is_none(), "{c:?}");
            }
        }
    }

    normalizer_test!(plain_text_is_borrowed, Compat, "file «Ош»", "file «Ош»", 0);
    normalizer_test!(
        ligatures_expand,
        Compat,
        "\u{FB01}nal \u{FB02}ow",
        "final flow",
        2
    );
    normalizer_test!(fullwidth_narrows, Compat, "ＵＮ　２０２４", "UN 2024", 7);
}
