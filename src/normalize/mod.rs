//! Normalizers, one per file, applied in the order listed here. Text-wide normalizers run
//! before language identification; language-aware ones run per segment afterwards (the
//! pipeline moves segment offsets when a segment's length changes).

mod compat;
mod controls;
pub mod homoglyph;
mod hyphenation;
pub mod ky_letters;
pub mod ky_restore;
mod spaces;
mod typography;
mod unicode;

use crate::config::{NormalizeConfig, Policy};
use crate::text::{Lang, Script};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A kind of change, counted per record in `normalization`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NormKind {
    /// Unicode normalization (NFC or NFKC) changed a sequence.
    Unicode,
    /// A control, zero-width or soft-hyphen character was removed.
    Control,
    /// A ligature or fullwidth form became plain Latin letters or ASCII.
    Compat,
    /// A word broken across lines with a hyphen was joined.
    Hyphenation,
    /// A typographic quote was folded to ASCII (`normalize.quotes = "ascii"`).
    Quote,
    /// A dash was folded to ASCII (`normalize.dashes = "ascii"`).
    Dash,
    /// A run of spaces was collapsed, or an unusual space became a plain space.
    Space,
    /// A Latin lookalike inside a Cyrillic word became the Cyrillic letter.
    Homoglyph,
    /// A lookalike of a Kyrgyz letter (ӊ, ѳ, ұ, ö, ü) became ң, ө or ү.
    KyLetter,
    /// A Kyrgyz word typed without ң ө ү was restored from the word list.
    KyRestore,
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
        // In this order: invisible characters out first, so that they split nothing later.
        let text_wide: Vec<(bool, Box<dyn Normalizer>)> = vec![
            (config.controls, Box::new(controls::Controls)),
            (true, Box::new(unicode::Unicode::new(config.unicode_form))),
            (config.compat, Box::new(compat::Compat)),
            (config.hyphenation, Box::new(hyphenation::Hyphenation)),
            (
                config.quotes == Policy::Ascii,
                Box::new(typography::Typography(typography::Marks::Quotes)),
            ),
            (
                config.dashes == Policy::Ascii,
                Box::new(typography::Typography(typography::Marks::Dashes)),
            ),
            (config.spaces, Box::new(spaces::Spaces)),
        ];
        let per_segment: Vec<(bool, Box<dyn Normalizer>)> = vec![
            (config.homoglyphs, Box::new(homoglyph::Homoglyphs)),
            (config.ky_letters, Box::new(ky_letters::KyLetters)),
        ];
        let enabled = |list: Vec<(bool, Box<dyn Normalizer>)>| {
            list.into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| n)
                .collect()
        };
        let (text_wide, mut per_segment): (Vec<_>, Vec<_>) =
            (enabled(text_wide), enabled(per_segment));
        // The word list is parsed only when it is asked for.
        if config.ky_restore {
            per_segment.push(Box::new(ky_restore::KyRestore::embedded()));
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
    pub fn per_segment<'a>(
        &self,
        text: &'a str,
        script: Script,
        lang: Lang,
        counts: &mut NormCounts,
    ) -> Cow<'a, str> {
        run(&self.per_segment, text, script, lang, counts)
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

/// A key for near-duplicate detection: lower case, ё folded to е, words joined by single
/// spaces, punctuation and symbols dropped. The text itself keeps ё as written.
pub fn dedup_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if !crate::text::is_word_char(c) {
            in_word = false;
            continue;
        }
        if !in_word && !key.is_empty() {
            key.push(' ');
        }
        in_word = true;
        for lower in crate::text::to_lowercase(c) {
            key.push(if lower == 'ё' { 'е' } else { lower });
        }
    }
    key
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
    fn dedup_key_folds_case_yo_and_punctuation() {
        assert_eq!(dedup_key("Всё ещё — «ЁЛКА»!\n\nДа."), "все еще елка да");
    }

    /// The key by its definition: the words (runs of letters and digits), each lower-cased
    /// with ё folded, joined by spaces.
    fn key_by_words(text: &str) -> String {
        text.split(|c: char| !crate::text::is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(|w| {
                (w.chars().flat_map(crate::text::to_lowercase))
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn dedup_key_is_the_words_lower_cased_and_joined() {
        // Letters of one and two lower-case characters (İ), digits of other scripts, a
        // combining mark, spaces and punctuation.
        let alphabet = [
            'A', 'я', 'Ё', 'ё', 'İ', 'Σ', 'ß', '1', '٣', '\u{301}', ' ', '-', '«',
        ];
        for text in &crate::text::every_string(&alphabet, 4) {
            assert_eq!(dedup_key(text), key_by_words(text), "{text:?}");
        }
    }

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
