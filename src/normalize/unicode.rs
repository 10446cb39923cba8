//! Unicode normalization: NFC by default (one code point sequence per letter, so й and й
//! compare equal), NFKC as an option (also folds ligatures, fullwidth and superscript forms).

use super::{NormKind, Normalizer};
use crate::config::UnicodeForm;
use crate::text::{Lang, Script};
use std::borrow::Cow;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

pub struct Unicode {
    form: UnicodeForm,
}

impl Unicode {
    pub fn new(form: UnicodeForm) -> Self {
        Unicode { form }
    }
}

/// Whether every character of `text` is one that NFC keeps as it is in any company (quick
/// check Yes, combining class 0): Latin to U+02FF, Cyrillic but its combining marks, and
/// general punctuation but U+2000 and U+2001. A test checks each against the Unicode tables,
/// whose look-ups in the quick check cost far more.
fn surely_nfc(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c,
            '\0'..='\u{2FF}' | '\u{400}'..='\u{482}' | '\u{48A}'..='\u{52F}' | '\u{2002}'..='\u{206F}')
    })
}

impl Normalizer for Unicode {
    fn kind(&self) -> NormKind {
        NormKind::Unicode
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        let quick = match self.form {
            UnicodeForm::Nfc if surely_nfc(text) => IsNormalized::Yes,
            UnicodeForm::Nfc => is_nfc_quick(text.chars()),
            UnicodeForm::Nfkc => is_nfkc_quick(text.chars()),
        };
        if quick == IsNormalized::Yes {
            return (Cow::Borrowed(text), 0);
        }
        let normalize = |t: &str| -> String {
            match self.form {
                UnicodeForm::Nfc => t.nfc().collect(),
                UnicodeForm::Nfkc => t.nfkc().collect(),
            }
        };
        let out = normalize(text);
        if out == text {
            return (Cow::Borrowed(text), 0);
        }
        // Count changed clusters (a starter and its combining marks): how many letters changed.
        let mut changes = 0u64;
        let mut cluster_start = 0usize;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), 'a')))
        {
            if canonical_combining_class(c) == 0 && i > cluster_start {
                let cluster = &text[cluster_start..i];
                changes += u64::from(normalize(cluster) != cluster);
                cluster_start = i;
            }
        }
        let changes = changes.max(1);
        (Cow::Owned(out), changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalizer_test;

    #[test]
    fn characters_surely_in_nfc_are_so_by_the_quick_check() {
        let all = ('\0'..='\u{3000}').filter(|&c| surely_nfc(&c.to_string()));
        let mut count = 0;
        for c in all {
            count += 1;
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert_eq!(count, 0x300 + 0x83 + 0xA6 + 0x6E);
        assert!(!surely_nfc("e\u{301}") && !surely_nfc("\u{2000}") && !surely_nfc("中"));
        assert!(surely_nfc("Бишкек — «жаңы» мектеп… Ёлка, café"));
    }

    normalizer_test!(
        composed_is_borrowed,
        Unicode::new(UnicodeForm::Nfc),
        "йөү",
        "йөү",
        0
    );
    normalizer_test!(
        decomposed_short_i_composes,
        Unicode::new(UnicodeForm::Nfc),
        "и\u{0306}ыш",
        "йыш",
        1
    );
    normalizer_test!(
        nfc_keeps_ligature,
        Unicode::new(UnicodeForm::Nfc),
        "\u{FB01}le",
        "\u{FB01}le",
        0
    );
    normalizer_test!(
        nfkc_folds_ligature,
        Unicode::new(UnicodeForm::Nfkc),
        "\u{FB01}le",
        "file",
        1
    );
}
