//! Words broken across lines with a hyphen ("инфор-\nмация") are joined. Only when a letter
//! precedes the hyphen and a lower-case letter follows the break: "Кыргыз-\nТүрк" stays.

use super::{NormKind, Normalizer};
use crate::text::{is_letter, Lang, Script};
use std::borrow::Cow;

pub struct Hyphenation;

/// Byte offsets of each `-\n` that splits a word.
fn breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices("-\n").filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back()?;
        let after = text[i + 2..].chars().next()?;
        (is_letter(before) && after.is_lowercase()).then_some(i)
    })
}

impl Normalizer for Hyphenation {
    fn kind(&self) -> NormKind {
        NormKind::Hyphenation
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        let mut out = String::new();
        let mut copied = 0;
        let mut changes = 0;
        for i in breaks(text) {
            out.push_str(&text[copied..i]);
            copied = i + 2;
            changes += 1;
        }
        if changes == 0 {
            return (Cow::Borrowed(text), 0);
        }
        out.push_str(&text[copied..]);
        (Cow::Owned(out), changes)
    }
}

#[cfg(test)]
mod tests {
    use super::Hyphenation;
    use crate::normalize::normalizer_test;

    normalizer_test!(
        unbroken_is_borrowed,
        Hyphenation,
        "жаңы-\nЖАҢЫ и 5-\nго",
        "жаңы-\nЖАҢЫ и 5-\nго",
        0
    );
    normalizer_test!(
        broken_words_join,
        Hyphenation,
        "инфор-\nмация и mainte-\nnance",
        "информация и maintenance",
        2
    );
    normalizer_test!(
        capitalized_second_part_stays,
        Hyphenation,
        "Кыргыз-\nТүрк",
        "Кыргыз-\nТүрк",
        0
    );
}
