//! Latin lookalikes typed inside Cyrillic words (a, e, o, p, c, x, y and capitals) become the
//! Cyrillic letters. A word is touched only when it already holds Cyrillic letters and all its
//! Latin letters have lookalikes, so real Latin words (iPhone, UNODC, COVID-19), URLs and
//! e-mail addresses are left alone. Shared with language identification, which folds text the
//! same way before scoring.

use super::{NormKind, Normalizer};
use crate::document::{Lang, Script};
use std::borrow::Cow;

pub struct Homoglyphs;

/// The Cyrillic letter a Latin letter is mistaken for, if it has one.
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'ë' => 'ё',
        'Ë' => 'Ё',
        _ => return None,
    })
}

/// True for a whitespace-separated token that is a URL, an e-mail address or a path, where
/// nothing may change.
fn is_address(token: &str) -> bool {
    token.contains("://") || token.contains('@') || token.starts_with("www.") || token.contains('/')
}

/// Maximal runs of characters matching `pred`, with their byte offsets.
fn runs(text: &str, pred: impl Fn(char) -> bool) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = 0usize;
    std::iter::from_fn(move || {
        let start = rest + text[rest..].find(&pred)?;
        let end = text[start..]
            .find(|c: char| !pred(c))
            .map_or(text.len(), |e| start + e);
        rest = end;
        Some((start, &text[start..end]))
    })
}

/// A word is rewritten when it holds Cyrillic letters, at least one letter `map` replaces,
/// and no Latin letter that `map` leaves alone.
fn should_map(word: &str, map: &impl Fn(char) -> Option<char>) -> bool {
    let (mut cyrillic, mut mapped) = (false, false);
    for c in word.chars() {
        let script = Script::of(c);
        if map(c).is_some() {
            mapped = true;
        } else if script == Some(Script::Latn) {
            return false;
        }
        cyrillic |= script == Some(Script::Cyrl);
    }
    cyrillic && mapped
}

/// Rewrites the letters of Cyrillic words through `map` (see [`should_map`]), outside URLs
/// and e-mail addresses. Returns the text and the number of letters replaced; the number of
/// characters never changes.
pub fn map_cyrillic_words(text: &str, map: impl Fn(char) -> Option<char>) -> (Cow<'_, str>, u64) {
    let mut out = String::new();
    let mut copied = 0usize;
    let mut changes = 0u64;
    for (token_start, token) in runs(text, |c| !c.is_whitespace()) {
        if is_address(token) {
            continue;
        }
        for (word_start, word) in runs(token, char::is_alphabetic) {
            if !should_map(word, &map) {
                continue;
            }
            let start = token_start + word_start;
            out.push_str(&text[copied..start]);
            for c in word.chars() {
                let mapped = map(c);
                changes += u64::from(mapped.is_some());
                out.push(mapped.unwrap_or(c));
            }
            copied = start + word.len();
        }
    }
    if changes == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), changes)
}

impl Normalizer for Homoglyphs {
    fn kind(&self) -> NormKind {
        NormKind::Homoglyph
    }

    fn should_apply(&self, script: Script, _: Lang) -> bool {
        script == Script::Cyrl
    }

    fn normalize<'a>(&self, text: &'a str) -> (Cow<'a, str>, u64) {
        map_cyrillic_words(text, cyrillic_lookalike)
    }
}

#[cfg(test)]
mod tests {
    use super::Homoglyphs;
    use crate::normalize::normalizer_test;

    normalizer_test!(
        clean_cyrillic_is_borrowed,
        Homoglyphs,
        "Бишкек шаары",
        "Бишкек шаары",
        0
    );
    normalizer_test!(
        latin_inside_cyrillic_words,
        Homoglyphs,
        "Бишкeк шaaры Oш",
        "Бишкек шаары Ош",
        4
    );
    normalizer_test!(
        latin_words_stay,
        Homoglyphs,
        "UNODC, iPhone жана COVID-19",
        "UNODC, iPhone жана COVID-19",
        0
    );
    normalizer_test!(
        addresses_stay,
        Homoglyphs,
        "сайт http://кыргыз.kg/pаge и a@б.kg",
        "сайт http://кыргыз.kg/pаge и a@б.kg",
        0
    );
    normalizer_test!(
        word_with_unmapped_latin_stays,
        Homoglyphs,
        "Кыргызstan",
        "Кыргызstan",
        0
    );
}
