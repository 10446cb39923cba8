//! Script detection: which writing system a text's letters are in, decided before any
//! language model is asked, so that each model answers only for the script it knows.

use crate::document::Script;

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
