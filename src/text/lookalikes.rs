//! The lookalike tables: Latin and Greek letters typed inside Cyrillic words, and the letters
//! typed for Kyrgyz ң ө ү. Normalization repairs text with them; the language model folds text
//! with them before scoring; the evaluations inject them, reading the same tables backwards.

/// `(lookalike, Cyrillic letter)`: Latin and Greek letters mistaken for Cyrillic ones.
const CYRILLIC_LOOKALIKES: &[(char, char)] = &[
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'У'),
    ('k', 'к'),
    ('ë', 'ё'),
    ('Ë', 'Ё'),
    ('Α', 'А'),
    ('Β', 'В'),
    ('Ε', 'Е'),
    ('Κ', 'К'),
    ('Μ', 'М'),
    ('Η', 'Н'),
    ('Ο', 'О'),
    ('Ρ', 'Р'),
    ('Τ', 'Т'),
    ('Χ', 'Х'),
    ('Υ', 'У'),
    ('α', 'а'),
    ('ε', 'е'),
    ('ο', 'о'),
    ('ρ', 'р'),
    ('χ', 'х'),
    ('κ', 'к'),
];

/// `(lookalike, Kyrgyz letter)`: what is typed for ң ө ү, the commonest first for each letter.
const KYRGYZ_LOOKALIKES: &[(char, char)] = &[
    ('\u{04CA}', 'ң'),
    ('\u{04C9}', 'Ң'),
    ('ѳ', 'ө'),
    ('Ѳ', 'Ө'),
    ('\u{04C8}', 'ң'),
    ('\u{04A5}', 'ң'),
    ('\u{04C7}', 'Ң'),
    ('\u{04A4}', 'Ң'),
    ('ӧ', 'ө'),
    ('Ӧ', 'Ө'),
    ('ұ', 'ү'),
    ('ӱ', 'ү'),
    ('Ұ', 'Ү'),
    ('Ӱ', 'Ү'),
    ('ɵ', 'ө'),
    ('Ɵ', 'Ө'),
    ('ö', 'ө'),
    ('Ö', 'Ө'),
    ('ü', 'ү'),
    ('Ü', 'Ү'),
];

/// Basic Cyrillic letters (А–я, Ѐ–џ) are nobody's lookalike: most characters of tilmech's
/// text are answered without a table search.
fn is_basic_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{045F}').contains(&c)
}

fn forward(table: &[(char, char)], c: char) -> Option<char> {
    if is_basic_cyrillic(c) {
        return None;
    }
    table.iter().find(|(from, _)| *from == c).map(|&(_, to)| to)
}

/// The Cyrillic letter a Latin or Greek letter is mistaken for, if it has one.
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    forward(CYRILLIC_LOOKALIKES, c)
}

/// The Kyrgyz letter a lookalike stands for.
pub fn kyrgyz_letter(c: char) -> Option<char> {
    forward(KYRGYZ_LOOKALIKES, c)
}

/// Lookalikes of the table that most typefaces tell apart from their Cyrillic letter (k has an
/// ascender, Y is symmetric): repaired when found, but not what slips past a reader.
const NOTICEABLE: &[char] = &['k', 'Y'];

/// The ASCII letter typed for a Cyrillic one where a reader would not notice, as people and
/// OCR do (the first in the table).
pub fn latin_lookalike_of(c: char) -> Option<char> {
    CYRILLIC_LOOKALIKES
        .iter()
        .find(|&&(from, to)| to == c && from.is_ascii() && !NOTICEABLE.contains(&from))
        .map(|&(from, _)| from)
}

/// The commonest lookalike typed for a Kyrgyz letter.
pub fn kyrgyz_lookalike_of(c: char) -> Option<char> {
    KYRGYZ_LOOKALIKES
        .iter()
        .find(|&&(_, to)| to == c)
        .map(|&(from, _)| from)
}

/// Kyrgyz text as typed on a Russian keyboard.
pub fn without_kyrgyz_letters(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ү' => 'у',
            'Ү' => 'У',
            'ө' => 'о',
            'Ө' => 'О',
            'ң' => 'н',
            'Ң' => 'Н',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_read_both_ways() {
        assert_eq!(cyrillic_lookalike('p'), Some('р'));
        assert_eq!(cyrillic_lookalike('Κ'), Some('К'));
        assert_eq!(cyrillic_lookalike('р'), None);
        assert_eq!(kyrgyz_letter('ӊ'), Some('ң'));
        assert_eq!(kyrgyz_letter('ü'), Some('ү'));
        assert_eq!(latin_lookalike_of('р'), Some('p'));
        assert_eq!(latin_lookalike_of('Н'), Some('H'));
        assert_eq!(latin_lookalike_of('б'), None);
        assert_eq!(latin_lookalike_of('к'), None);
        assert_eq!(kyrgyz_lookalike_of('ү'), Some('ұ'));
        assert_eq!(kyrgyz_lookalike_of('ң'), Some('\u{04CA}'));
        for &(from, to) in CYRILLIC_LOOKALIKES.iter().chain(KYRGYZ_LOOKALIKES) {
            assert!(!is_basic_cyrillic(from), "{from}");
            assert_eq!(
                forward(CYRILLIC_LOOKALIKES, from).or(kyrgyz_letter(from)),
                Some(to)
            );
        }
    }
}
