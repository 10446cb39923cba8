//! Scripts: which writing system a character and a text's letters are in, decided before any
//! language model is asked, so that each model answers only for the script it knows.

use super::letters::is_letter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

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
        // ASCII and Cyrillic, nearly all of the input, without the general letter test.
        match c {
            'a'..='z' | 'A'..='Z' => return Some(Script::Latn),
            '\0'..='\x7F' => return None,
            '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => return Some(Script::Cyrl),
            _ => {}
        }
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

/// Letter counts per script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptProfile {
    pub cyrillic: usize,
    pub latin: usize,
    pub other: usize,
    /// The most frequent script among `other` letters, if any.
    other_script: Option<Script>,
}

impl ScriptProfile {
    pub fn of(text: &str) -> Self {
        let mut p = ScriptProfile::default();
        for c in text.chars() {
            match Script::of(c) {
                Some(Script::Cyrl) => p.cyrillic += 1,
                Some(Script::Latn) => p.latin += 1,
                Some(s) => {
                    p.other += 1;
                    p.other_script.get_or_insert(s);
                }
                None => {}
            }
        }
        p
    }

    pub fn letters(&self) -> usize {
        self.cyrillic + self.latin + self.other
    }

    /// The script of most letters; `Zyyy` when there are none.
    pub fn dominant(&self) -> Script {
        if self.letters() == 0 {
            Script::Zyyy
        } else if self.cyrillic >= self.latin && self.cyrillic >= self.other {
            Script::Cyrl
        } else if self.latin >= self.other {
            Script::Latn
        } else {
            self.other_script.unwrap_or(Script::Zzzz)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_letters() {
        assert_eq!(Script::of('ң'), Some(Script::Cyrl));
        assert_eq!(Script::of('a'), Some(Script::Latn));
        assert_eq!(Script::of('ü'), Some(Script::Latn));
        assert_eq!(Script::of('7'), None);
        assert_eq!(Script::of('α'), Some(Script::Grek));
    }

    #[test]
    fn dominant_script() {
        assert_eq!(
            ScriptProfile::of("Горячая линия UNODC").dominant(),
            Script::Cyrl
        );
        assert_eq!(
            ScriptProfile::of("Skip to content").dominant(),
            Script::Latn
        );
        assert_eq!(ScriptProfile::of("12:30 — 45%").dominant(), Script::Zyyy);
        assert_eq!(ScriptProfile::of("Καλημέρα").dominant(), Script::Grek);
    }
}
