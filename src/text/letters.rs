//! Letter classes and word counts, answered fast for the ASCII and Cyrillic text that is nearly
//! all of tilmech's input.

/// `c.to_lowercase()`, answered without Unicode's case tables for ASCII and the Russian
/// alphabet (the table search was a twentieth of a run).
#[inline]
pub fn to_lowercase(c: char) -> Lowercase {
    let plain = match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        '\0'..='\x7F' | 'а'..='џ' => Some(c),
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20),
        'Ѐ'..='Џ' => char::from_u32(u32::from(c) + 0x50),
        _ => None,
    };
    match plain {
        Some(lower) => Lowercase::One(Some(lower)),
        None => Lowercase::Table(c.to_lowercase()),
    }
}

/// The first character of [`to_lowercase`]: the lower case of any letter tilmech's languages
/// use.
#[inline]
pub fn lowercase_char(c: char) -> char {
    to_lowercase(c).next().unwrap_or(c)
}

/// `text.to_lowercase()` with [`to_lowercase`]'s fast paths. std lower-cases a string as its
/// characters but for a final Σ, so a text holding Σ is left to std.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().flat_map(to_lowercase));
    out
}

/// The characters of a lower-cased character (one, but for a few like `İ`).
pub enum Lowercase {
    One(Option<char>),
    Table(std::char::ToLowercase),
}

impl Iterator for Lowercase {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Lowercase::One(c) => c.take(),
            Lowercase::Table(t) => t.next(),
        }
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
        // Latin-1 signs (but ª µ º), Latin letters (but × ÷), general punctuation: the quotes,
        // dashes and spaces around the letters above.
        '\u{80}'..='\u{BF}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{C0}'..='\u{24F}' => !matches!(c, '×' | '÷'),
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with the same shortcut as [`is_letter`].
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphanumeric(),
        // No digits or numerals among Cyrillic, Latin letters and general punctuation.
        '\u{C0}'..='\u{24F}' | '\u{0400}'..='\u{052F}' | '\u{2000}'..='\u{206F}' => is_letter(c),
        _ => is_letter(c) || c.is_numeric(),
    }
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

/// Words of a line as its layout shows them: whitespace-separated tokens, where Chinese and
/// Japanese (written without spaces) count one word per two ideographs or kana, about their
/// average word length. Line rules that call a line "short" read this.
pub fn line_words(text: &str) -> usize {
    // One pass over the bytes: one- and two-byte characters (ASCII, Cyrillic, Latin, Greek)
    // are told by their bytes, where the only whitespace is ASCII's, U+0085 and U+00A0
    // (`C2 85`, `C2 A0`); longer ones are decoded.
    let bytes = text.as_bytes();
    let (mut words, mut in_token, mut spaceless, mut i) = (0, false, 0usize, 0);
    while i < bytes.len() {
        let (white, width, without_spaces) = match bytes[i] {
            b'\t'..=b'\r' | b' ' => (true, 1, false),
            0x00..=0x7F => (false, 1, false),
            0xC2 if matches!(bytes.get(i + 1), Some(0x85 | 0xA0)) => (true, 2, false),
            0xC0..=0xDF => (false, 2, false),
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8(), writes_without_spaces(c))
            }
        };
        if white {
            if in_token {
                words += spaceless.div_ceil(2).max(1);
            }
            (in_token, spaceless) = (false, 0);
        } else {
            in_token = true;
            spaceless += usize::from(without_spaces);
        }
        i += width;
    }
    words
        + if in_token {
            spaceless.div_ceil(2).max(1)
        } else {
            0
        }
}

/// Ideographs, kana and Thai: scripts whose words are not separated by spaces.
fn writes_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0E7F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Whether a line ends as a sentence does, in any script (`.`, `!`, `?`, `…`, and the
/// ideographic `。！？`).
pub fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_lowercase_agrees_with_unicode() {
        let every = ('\0'..='\u{052F}').chain(['İ', 'Σ', 'Ǆ', 'ẞ', 'Ω', '\u{10400}']);
        for c in every {
            assert!(to_lowercase(c).eq(c.to_lowercase()), "{c}");
        }
    }

    #[test]
    fn fast_string_lowercase_agrees_with_unicode() {
        for text in [
            "ПРИВЕТ, Мир!",
            "ΟΔΟΣ ΣΑΣ",
            "Σ",
            "İstanbul ǄEMAL",
            "ASCII Only",
            "ҢӨҮ Ёж",
            "",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn whitespace_collapses_to_single_spaces() {
        assert_eq!(collapse_whitespace("  a \t b\n\nc  "), "a b c");
        assert_eq!(collapse_whitespace(" \u{A0} "), "");
    }

    #[test]
    fn words_by_bytes_count_as_unicode_whitespace_splits() {
        let mut texts: Vec<String> = ('\0'..='\u{7FF}')
            .map(|c| format!("{c}a {c} b{c}{c}c"))
            .collect();
        texts.extend(
            ["", " ", "\u{A0}\u{85}", "Бишкек\u{A0}шаары  жаңы\tмектеп\n"].map(String::from),
        );
        for text in texts {
            assert_eq!(
                line_words(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn line_words_count_whitespace_tokens_and_pairs_of_ideographs() {
        // As `split_whitespace` splits, with every whitespace character and 3- and 4-byte
        // characters beside the one- and two-byte ones.
        let by_tokens = |text: &str| -> usize {
            (text.split_whitespace())
                .map(|t| t.chars().filter(|&c| writes_without_spaces(c)).count())
                .map(|spaceless| spaceless.div_ceil(2).max(1))
                .sum()
        };
        let others = [
            'a', 'я', '—', '«', '中', '国', 'ก', '😀', '\u{2028}', '\u{3000}', '\u{A0}',
        ];
        let spaces = ('\0'..='\u{3000}').filter(|c| c.is_whitespace());
        for c in spaces.chain(others) {
            for d in others {
                for text in [
                    format!("{c}{d} {c}{d}{d}x{c}"),
                    format!("{d}{c}{c}{d}{d}{d}"),
                ] {
                    assert_eq!(line_words(&text), by_tokens(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn lines_without_spaces_count_words_by_ideographs() {
        assert_eq!(line_words("Шайлоо системасы текшерилүүдө"), 3);
        assert_eq!(line_words("新闻"), 1);
        assert_eq!(line_words("今天北京的天气很好，我们去公园散步了。"), 9);
        assert_eq!(line_words("iPhone 发布会"), 3);
        assert!(
            ends_sentence("我们去公园散步了。") && ends_sentence("Done.") && !ends_sentence("Home")
        );
    }

    #[test]
    fn fast_letter_test_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0600}')
            .chain('\u{2000}'..='\u{2100}')
            .chain(['ﬁ', '中', '😀'])
        {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn fast_word_char_test_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0700}')
            .chain('\u{2000}'..='\u{2100}')
            .chain(['²', '٣', '中', 'Ⅻ'])
        {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(count_words("Бүгүн, 25-апрелде — don't stop"), 4);
        assert_eq!(count_words("  "), 0);
    }
}
