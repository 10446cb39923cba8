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

impl Normalizer for Compat {
    fn kind(&self) -> NormKind {
        NormKind::Compat
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
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
    use super::Compat;
    use crate::normalize::normalizer_test;

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
