//! The typography policy: quotes (« » “ ” „ ‟ ‘ ’ ‚ ‹ ›) and dashes (— – ‒ ― ‐ ‑ −) kept as
//! written, or folded to ASCII `"`, `'` and `-`. One character for one, so offsets stay.

use super::{NormKind, Normalizer};
use crate::text::{Lang, Script};
use std::borrow::Cow;

/// Which marks a [`Typography`] normalizer folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    Quotes,
    Dashes,
}

pub struct Typography(pub Marks);

impl Typography {
    fn ascii(&self, c: char) -> Option<char> {
        match (self.0, c) {
            (Marks::Quotes, '«' | '»' | '“' | '”' | '„' | '‟' | '″') => Some('"'),
            (Marks::Quotes, '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′') => Some('\''),
            (Marks::Dashes, '—' | '–' | '‒' | '―' | '‐' | '‑' | '−') => Some('-'),
            _ => None,
        }
    }
}

impl Normalizer for Typography {
    fn kind(&self) -> NormKind {
        match self.0 {
            Marks::Quotes => NormKind::Quote,
            Marks::Dashes => NormKind::Dash,
        }
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        let changes = text.chars().filter(|&c| self.ascii(c).is_some()).count() as u64;
        if changes == 0 {
            return (Cow::Borrowed(text), 0);
        }
        (
            Cow::Owned(text.chars().map(|c| self.ascii(c).unwrap_or(c)).collect()),
            changes,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Marks, Typography};
    use crate::normalize::normalizer_test;

    normalizer_test!(
        ascii_is_borrowed,
        Typography(Marks::Quotes),
        "\"a\" - 'b'",
        "\"a\" - 'b'",
        0
    );
    normalizer_test!(
        quotes_fold,
        Typography(Marks::Quotes),
        "«Ош» “US” ‘x’",
        "\"Ош\" \"US\" 'x'",
        6
    );
    normalizer_test!(
        dashes_fold,
        Typography(Marks::Dashes),
        "2019–2020 — жыл",
        "2019-2020 - жыл",
        2
    );
}
