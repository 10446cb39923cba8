//! Kyrgyz letters typed with lookalikes: ӊ ӈ ҥ for ң; ѳ (fita), ɵ, ӧ, Latin ö for ө; Kazakh ұ,
//! ӱ, Latin ü for ү. Applied to Kyrgyz segments only: ұ is a real letter in Kazakh.

use super::homoglyph::map_cyrillic_words;
use super::{NormKind, Normalizer};
use crate::text::lookalikes::kyrgyz_letter;
use crate::text::{Lang, Script};
use std::borrow::Cow;

pub struct KyLetters;

impl Normalizer for KyLetters {
    fn kind(&self) -> NormKind {
        NormKind::KyLetter
    }

    fn should_apply(&self, script: Script, lang: Lang) -> bool {
        script == Script::Cyrl && lang == Lang::Ky
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        map_cyrillic_words(text, kyrgyz_letter)
    }
}

#[cfg(test)]
mod tests {
    use super::KyLetters;
    use crate::normalize::normalizer_test;

    normalizer_test!(
        real_letters_are_borrowed,
        KyLetters,
        "Жаңы өкмөт түзүлдү",
        "Жаңы өкмөт түзүлдү",
        0
    );
    normalizer_test!(
        lookalikes_become_letters,
        KyLetters,
        "Жаӊы ѳкмѳт тұзұлдү",
        "Жаңы өкмөт түзүлдү",
        5
    );
    normalizer_test!(
        latin_umlauts_in_cyrillic_words,
        KyLetters,
        "бöлүм жана Müller",
        "бөлүм жана Müller",
        1
    );
}
