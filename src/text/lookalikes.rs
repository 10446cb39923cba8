//! The lookalike tables: Latin and Greek letters typed inside Cyrillic words, and the letters
//! typed for Kyrgyz ң ө ү. Normalization repairs text with them; the language model folds text
//! with them before scoring; the evaluations inject them.

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
        'k' => 'к',
        'ë' => 'ё',
        'Ë' => 'Ё',
        // Greek capitals and small letters that print like Cyrillic ones.
        'Α' => 'А',
        'Β' => 'В',
        'Ε' => 'Е',
        'Κ' => 'К',
        'Μ' => 'М',
        'Η' => 'Н',
        'Ο' => 'О',
        'Ρ' => 'Р',
        'Τ' => 'Т',
        'Χ' => 'Х',
        'Υ' => 'У',
        'α' => 'а',
        'ε' => 'е',
        'ο' => 'о',
        'ρ' => 'р',
        'χ' => 'х',
        'κ' => 'к',
        _ => return None,
    })
}

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
