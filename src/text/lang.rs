//! Languages tilmech labels.

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
}
