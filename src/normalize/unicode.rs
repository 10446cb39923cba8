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

impl Normalizer for Unicode {
    fn kind(&self) -> NormKind {
        NormKind::Unicode
    }

    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        let quick = match self.form {
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
