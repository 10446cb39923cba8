//! Core types that flow through the pipeline: languages, scripts, formats and stages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language label. Serialized as ISO 639-1, or ISO 639-3 where no 639-1 code exists;
/// `und` when undetermined.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ky,
    Kk,
    Ru,
    Uk,
    Be,
    Bg,
    Mk,
    Sr,
    Mn,
    Tt,
    Ba,
    Bxr,
    Sah,
    Tg,
    Uz,
    En,
    De,
    Fr,
    Es,
    It,
    Tr,
    Und,
}

impl Lang {
    /// Every label, `Und` last.
    pub const ALL: [Lang; 22] = [
        Lang::Ky,
        Lang::Kk,
        Lang::Ru,
        Lang::Uk,
        Lang::Be,
        Lang::Bg,
        Lang::Mk,
        Lang::Sr,
        Lang::Mn,
        Lang::Tt,
        Lang::Ba,
        Lang::Bxr,
        Lang::Sah,
        Lang::Tg,
        Lang::Uz,
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::It,
        Lang::Tr,
        Lang::Und,
    ];

    /// The ISO 639 code written in records.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Be => "be",
            Lang::Bg => "bg",
            Lang::Mk => "mk",
            Lang::Sr => "sr",
            Lang::Mn => "mn",
            Lang::Tt => "tt",
            Lang::Ba => "ba",
            Lang::Bxr => "bxr",
            Lang::Sah => "sah",
            Lang::Tg => "tg",
            Lang::Uz => "uz",
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Tr => "tr",
            Lang::Und => "und",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .iter()
            .copied()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("unknown language code `{s}`"))
    }
}

/// A writing system, serialized as its ISO 15924 code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Script {
    Cyrl,
    Latn,
    Grek,
    Arab,
    Hani,
    /// Letters of some other script.
    Zzzz,
    /// No letters at all (digits, punctuation, symbols).
    Zyyy,
}

impl Script {
    pub fn code(self) -> &'static str {
        match self {
            Script::Cyrl => "Cyrl",
            Script::Latn => "Latn",
            Script::Grek => "Grek",
            Script::Arab => "Arab",
            Script::Hani => "Hani",
            Script::Zzzz => "Zzzz",
            Script::Zyyy => "Zyyy",
        }
    }

    /// The script of one character; `None` for anything that is not a letter.
    pub fn of(c: char) -> Option<Script> {
        if !is_letter(c) {
            return None;
        }
        Some(match c as u32 {
            0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F | 0x1E00..=0x1EFF => Script::Latn,
            0xFB00..=0xFB06 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latn,
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrl,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Grek,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arab,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Hani,
            _ => Script::Zzzz,
        })
    }
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The input format, from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Html,
}

impl Format {
    /// The format for a file extension (case-insensitive), if tilmech reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A pipeline stage, named in error records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Read,
    Decode,
    Clean,
    Normalize,
    Detect,
    Record,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Clean => "clean",
            Stage::Normalize => "normalize",
            Stage::Detect => "detect",
            Stage::Record => "record",
        })
    }
}

/// `char::is_alphabetic`, answered without a table search for ASCII and Cyrillic, which is
/// nearly all of tilmech's input (the search showed up as a sixth of detection time).
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7F' => false,
        // Cyrillic: all letters but the thousands sign, titlo and other combining marks.
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        '\u{0482}'..='\u{0489}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with the same shortcut as [`is_letter`].
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// Counts words the way records do: maximal runs of letters or digits (with inner
/// apostrophes and hyphens).
pub fn count_words(text: &str) -> u64 {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_word_char(c) {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else if !(in_word && matches!(c, '\'' | '’' | '-')) {
            in_word = false;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>().unwrap(), l);
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.code())
            );
        }
    }

    #[test]
    fn scripts_of_letters() {
        assert_eq!(Script::of('ң'), Some(Script::Cyrl));
        assert_eq!(Script::of('a'), Some(Script::Latn));
        assert_eq!(Script::of('ü'), Some(Script::Latn));
        assert_eq!(Script::of('7'), None);
        assert_eq!(Script::of('α'), Some(Script::Grek));
    }

    #[test]
    fn fast_letter_test_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0600}').chain(['ﬁ', '中', '😀']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn fast_word_char_test_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0700}').chain(['²', '٣', '中', 'Ⅻ']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(count_words("Бүгүн, 25-апрелде — don't stop"), 4);
        assert_eq!(count_words("  "), 0);
    }
}
