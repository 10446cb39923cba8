//! Normalizers, one per file, applied in the order listed here. Text-wide normalizers run
//! before language identification; language-aware ones run per segment afterwards and map
//! character for character, so segment offsets stay valid.

mod controls;
pub mod homoglyph;
mod ky_letters;
mod spaces;
mod unicode;

use crate::config::NormalizeConfig;
use crate::document::{Lang, Script};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A kind of change, counted per record in `normalization`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NormKind {
    /// Unicode normalization (NFC or NFKC) changed a sequence.
    Unicode,
    /// A control, zero-width or soft-hyphen character was removed.
    Control,
    /// A run of spaces was collapsed, or an unusual space became a plain space.
    Space,
    /// A Latin lookalike inside a Cyrillic word became the Cyrillic letter.
    Homoglyph,
    /// A lookalike of a Kyrgyz letter (ӊ, ѳ, ұ, ö, ü) became ң, ө or ү.
    KyLetter,
}

/// Changes per kind.
pub type NormCounts = BTreeMap<NormKind, u64>;

/// One normalization step.
pub trait Normalizer: Send + Sync {
    /// What this normalizer changes; the key of its count.
    fn kind(&self) -> NormKind;
    /// Whether it applies to text of this script and language (`Lang::Und` before detection).
    fn should_apply(&self, script: Script, lang: Lang) -> bool;
    /// The normalized text (borrowed when nothing changed) and the number of changes.
    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64);
}

/// The configured normalizers, built once per run.
pub struct Normalizers {
    /// Run on each paragraph before language identification.
    text_wide: Vec<Box<dyn Normalizer>>,
    /// Run on each segment after it; must keep the number of characters.
    per_segment: Vec<Box<dyn Normalizer>>,
}

impl Normalizers {
    pub fn new(config: &NormalizeConfig) -> Self {
        if !config.enabled {
            return Normalizers {
                text_wide: Vec::new(),
                per_segment: Vec::new(),
            };
        }
        let text_wide: Vec<Box<dyn Normalizer>> = vec![
            Box::new(controls::Controls),
            Box::new(unicode::Unicode::new(config.unicode_form)),
            Box::new(spaces::Spaces),
        ];
        let mut per_segment: Vec<Box<dyn Normalizer>> = Vec::new();
        if config.homoglyphs {
            per_segment.push(Box::new(homoglyph::Homoglyphs));
            per_segment.push(Box::new(ky_letters::KyLetters));
        }
        Normalizers {
            text_wide,
            per_segment,
        }
    }

    /// Applies the text-wide normalizers to one paragraph.
    pub fn text_wide<'a>(&self, text: &'a str, counts: &mut NormCounts) -> Cow<'a, str> {
        run(&self.text_wide, text, Script::Zyyy, Lang::Und, counts)
    }

    /// Applies the language-aware normalizers to one segment of the given script and language.
    /// The result has exactly as many characters as the input.
    pub fn per_segment<'a>(
        &self,
        text: &'a str,
        script: Script,
        lang: Lang,
        counts: &mut NormCounts,
    ) -> Cow<'a, str> {
        let out = run(&self.per_segment, text, script, lang, counts);
        debug_assert_eq!(out.chars().count(), text.chars().count());
        out
    }
}

fn run<'a>(
    normalizers: &[Box<dyn Normalizer>],
    text: &'a str,
    script: Script,
    lang: Lang,
    counts: &mut NormCounts,
) -> Cow<'a, str> {
    let mut current = Cow::Borrowed(text);
    for n in normalizers {
        if !n.should_apply(script, lang) {
            continue;
        }
        let (out, changes) = n.normalize(&current);
        if changes > 0 {
            *counts.entry(n.kind()).or_default() += changes;
            current = Cow::Owned(out.into_owned());
        }
    }
    current
}

/// Asserts what one normalizer makes of an input and how many changes it counts.
#[cfg(test)]
macro_rules! normalizer_test {
    ($name:ident, $normalizer:expr, $input:expr, $expected:expr, $changes:expr) => {
        #[test]
        fn $name() {
            use crate::normalize::Normalizer;
            let (out, changes) = $normalizer.normalize($input);
            assert_eq!(out, $expected);
            assert_eq!(changes, $changes, "change count");
            if $changes == 0 {
                assert!(
                    matches!(out, std::borrow::Cow::Borrowed(_)),
                    "unchanged text must not allocate"
                );
            }
        }
    };
}
#[cfg(test)]
pub(crate) use normalizer_test;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_changes_nothing() {
        let n = Normalizers::new(&NormalizeConfig {
            enabled: false,
            ..Default::default()
        });
        let mut counts = NormCounts::new();
        assert_eq!(
            n.text_wide("a\u{00A0}\u{00A0}b", &mut counts),
            "a\u{00A0}\u{00A0}b"
        );
        assert!(counts.is_empty());
    }

    #[test]
    fn counts_accumulate_per_kind() {
        let n = Normalizers::new(&NormalizeConfig::default());
        let mut counts = NormCounts::new();
        let text = n.text_wide("Ба\u{00AD}ла  мен", &mut counts);
        assert_eq!(text, "Бала мен");
        let text = n.per_segment("жaңы кeлди", Script::Cyrl, Lang::Ky, &mut counts);
        assert_eq!(text, "жаңы келди");
        assert_eq!(counts[&NormKind::Control], 1);
        assert_eq!(counts[&NormKind::Space], 1);
        assert_eq!(counts[&NormKind::Homoglyph], 2);
    }
}
