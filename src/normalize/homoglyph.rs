//! Latin and Greek lookalikes typed inside Cyrillic words (a, e, o, p, c, x, y, k and capitals)
//! become the Cyrillic letters. A word is touched only when it already holds Cyrillic letters and all its
//! Latin letters have lookalikes, so real Latin words (iPhone, UNODC, COVID-19), URLs and
//! e-mail addresses are left alone. Shared with language identification, which folds text the
//! same way before scoring.

use super::{NormKind, Normalizer};
use crate::text::lookalikes::cyrillic_lookalike;
use crate::text::{Lang, Script};
use std::borrow::Cow;

pub struct Homoglyphs;

/// The replacement of one character: its lookalike, or for an accented Latin lookalike (á, ó)
/// the Cyrillic letter followed by the same combining accent.
fn replacement(c: char, map: &impl Fn(char) -> Option<char>) -> Option<String> {
    if let Some(r) = map(c) {
        return Some(r.to_string());
    }
    if c.is_ascii() || Script::of(c) != Some(Script::Latn) {
        return None;
    }
    let mut parts = Vec::with_capacity(3);
    unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
    let (&base, marks) = parts.split_first()?;
    if marks.is_empty()
        || marks
            .iter()
            .any(|&m| unicode_normalization::char::canonical_combining_class(m) == 0)
    {
        return None;
    }
    let mut out = map(base)?.to_string();
    out.extend(marks);
    Some(out)
}

/// Whether [`replacement`] has one for `c`, without making it.
fn replaceable(c: char, map: &impl Fn(char) -> Option<char>) -> bool {
    map(c).is_some()
        || (!c.is_ascii() && Script::of(c) == Some(Script::Latn) && replacement(c, map).is_some())
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
        if replaceable(c, map) {
            mapped = true;
        } else if script == Some(Script::Latn) {
            return false;
        }
        cyrillic |= script == Some(Script::Cyrl);
    }
    cyrillic && mapped
}

/// Whether a word written only in lookalike Latin letters stands for a Cyrillic word, judged by
/// its neighbours: a lone a, c, o, y, k (Russian а, с, о, у, к) next to a Cyrillic word; a
/// lower-case or capitalized word ("cyy", "Bce") with only Cyrillic neighbours; a lone capital
/// opening a sentence before a Cyrillic word. All-capital words stay: MBA, CEO and XX are real
/// Latin as often as they are mistyped Cyrillic.
fn latin_word_is_cyrillic(
    word: &str,
    prev: Option<&str>,
    next: Option<&str>,
    sentence_start: bool,
    map: &impl Fn(char) -> Option<char>,
) -> bool {
    if !word
        .chars()
        .all(|c| Script::of(c) == Some(Script::Latn) && map(c).is_some())
    {
        return false;
    }
    let has_cyrillic = |w: &str| w.chars().any(|c| Script::of(c) == Some(Script::Cyrl));
    let neighbours = [prev, next];
    let cyrillic_near = neighbours.iter().flatten().any(|w| has_cyrillic(w));
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        // Russian one-letter words а, с, о, у, к (even before a Latin name: "с Netscape"), and
        // е of "т. е.".
        (Some('a' | 'c' | 'o' | 'y' | 'k' | 'e'), None) => cyrillic_near,
        // В, С, А, О, У, К opening a sentence, or among Cyrillic initials (И.A.Х.); elsewhere
        // a capital is a label (хромосома X).
        (Some(c), None) if c.is_uppercase() => {
            let initial = |w: &&str| {
                let mut cs = w.chars();
                cs.next()
                    .is_some_and(|c| c.is_uppercase() && Script::of(c) == Some(Script::Cyrl))
                    && cs.next().is_none()
            };
            (sentence_start && next.is_some_and(has_cyrillic))
                || neighbours.iter().flatten().any(initial)
        }
        (Some(_), None) => false,
        _ => {
            word.chars().skip(1).all(char::is_lowercase)
                && cyrillic_near
                && neighbours.iter().flatten().all(|w| has_cyrillic(w))
        }
    }
}

/// Rewrites the letters of Cyrillic words through `map` (see [`should_map`] and
/// [`latin_word_is_cyrillic`]), outside URLs and e-mail addresses. Returns the text and the
/// number of letters replaced; the number of characters never changes.
pub fn map_cyrillic_words(text: &str, map: impl Fn(char) -> Option<char>) -> (Cow<'_, str>, u64) {
    // Most text has no letter `replacement` could change (Cyrillic without Latin): nothing to
    // ask the rules.
    if !text.chars().any(|c| replaceable(c, &map)) {
        return (Cow::Borrowed(text), 0);
    }
    let words: Vec<(usize, &str)> = runs(text, |c| !c.is_whitespace())
        .filter(|(_, token)| !is_address(token))
        .flat_map(|(token_start, token)| {
            runs(token, crate::text::is_letter)
                .map(move |(start, word)| (token_start + start, word))
        })
        .collect();
    let mut out = String::new();
    let mut copied = 0usize;
    let mut changes = 0u64;
    for (i, &(start, word)) in words.iter().enumerate() {
        // Most words have no letter `replacement` could change: no rule needs asking.
        if !word.chars().any(|c| replaceable(c, &map)) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| words[p].1);
        let next = words.get(i + 1).map(|w| w.1);
        // Only digits, spaces and opening punctuation since the last sentence end.
        let before = i
            .checked_sub(1)
            .map_or(0, |p| words[p].0 + words[p].1.len());
        let gap = &text[before..start];
        let sentence_start = (i == 0 && !gap.contains(crate::text::is_word_char))
            || (gap.contains(['.', '!', '?', '\n']) && !gap.contains(crate::text::is_word_char));
        let after = text[start + word.len()..].chars().next();
        let mut before_chars = text[..start].chars().rev();
        let before = before_chars.next();
        let stands_alone = after.is_none_or(|c| !crate::text::is_word_char(c) && c != '-')
            && before.is_none_or(|c| !crate::text::is_word_char(c) && c != '-');
        // Russian case endings after a number: 1990-х, 5-е.
        let number_suffix = before == Some('-')
            && before_chars.next().is_some_and(|c| c.is_ascii_digit())
            && after.is_none_or(|c| !crate::text::is_word_char(c))
            && word
                .chars()
                .all(|c| Script::of(c) == Some(Script::Latn) && map(c).is_some())
            && word.chars().all(char::is_lowercase);
        let rewrite = should_map(word, &map)
            || number_suffix
            || (stands_alone && latin_word_is_cyrillic(word, prev, next, sentence_start, &map));
        if !rewrite {
            continue;
        }
        out.push_str(&text[copied..start]);
        for c in word.chars() {
            match replacement(c, &map) {
                Some(r) => {
                    changes += 1;
                    out.push_str(&r);
                }
                None => out.push(c),
            }
        }
        copied = start + word.len();
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

    /// Every segment: a Cyrillic word decides for itself, and a sentence with many Latin names
    /// and lookalikes can have more Latin letters than Cyrillic ones.
    fn should_apply(&self, _: Script, _: Lang) -> bool {
        true
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
    normalizer_test!(greek_lookalikes, Homoglyphs, "Μοсква", "Москва", 2);
    normalizer_test!(
        lone_latin_prepositions,
        Homoglyphs,
        "закон o школах и y нас, т. e. витамин C. B школе c Netscape, e-mail, И.A.Х.",
        "закон о школах и у нас, т. е. витамин C. В школе с Netscape, e-mail, И.А.Х.",
        6
    );
    normalizer_test!(
        labels_and_units_stay,
        Homoglyphs,
        "хромосом X и Y, ниже 0 ° C в среднем, танк T4 был",
        "хромосом X и Y, ниже 0 ° C в среднем, танк T4 был",
        0
    );
    normalizer_test!(
        whole_latin_words_by_context,
        Homoglyphs,
        "Bce знают: cyy таза, степень MBA в XX веке, 1990-x годы",
        "Все знают: суу таза, степень MBA в XX веке, 1990-х годы",
        7
    );
    normalizer_test!(
        english_between_english_stays,
        Homoglyphs,
        "copy paste ace",
        "copy paste ace",
        0
    );
    normalizer_test!(
        accented_lookalikes,
        Homoglyphs,
        "Николáй",
        "Никола\u{301}й",
        1
    );
}
