//! Kyrgyz letters typed with lookalikes: ӊ ӈ ҥ for ң; ѳ (fita), ɵ, ӧ, Latin ö for ө; Kazakh ұ,
//! ӱ, Latin ü for ү. Applied to Kyrgyz segments only: ұ is a real letter in Kazakh.

use super::homoglyph::map_cyrillic_words;
use super::{NormKind, Normalizer};
use crate::document::{Lang, Script};
use std::borrow::Cow;

pub struct KyLetters;

/// The Kyrgyz letter a lookalike stands for.
pub fn kyrgyz_letter(c: char) -> Option<char> {
    Some(match c {
        '\u{04CA}' => 'ң',
        '\u{04C9}' => 'Ң',
        'ѳ' => 'ө',
        'Ѳ' => 'Ө',
        '\u{04C8}' | '\u{04A5}' => 'ң',
        '\u{04C7}' | '\u{04A4}' => 'Ң',
        'ӧ' => 'ө',
        'Ӧ' => 'Ө',
        'ӱ' => 'ү',
        'Ӱ' => 'Ү',
        'ɵ' => 'ө',
        'Ɵ' => 'Ө',
        'ұ' => 'ү',
        'Ұ' => 'Ү',
        'ö' => 'ө',
        'Ö' => 'Ө',
        'ü' => 'ү',
        'Ü' => 'Ү',
        _ => return None,
    })
}

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
