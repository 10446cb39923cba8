//! How unlikely a text is to be what its author wrote: the score mojibake repair minimizes.

use super::Misread;
use crate::text::Script;
use std::sync::OnceLock;

/// Characters that a mojibake byte 0x80–0xBF becomes in windows-1252, latin-1 and
/// windows-1251, other than letters: seen next to a letter inside a word, they betray it.
fn is_mojibake_symbol(c: char) -> bool {
    matches!(
        c,
        '€' | '‚'
            | 'ƒ'
            | '„'
            | '…'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | '‹'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '˜'
            | '™'
            | '›'
            | '¡'
            | '¢'
            | '£'
            | '¤'
            | '¥'
            | '¦'
            | '§'
            | '¨'
            | '©'
            | 'ª'
            | '«'
            | '¬'
            | '®'
            | '¯'
            | '°'
            | '±'
            | '²'
            | '³'
            | '´'
            | 'µ'
            | '¶'
            | '·'
            | '¸'
            | '¹'
            | 'º'
            | '»'
            | '¼'
            | '½'
            | '¾'
            | '¿'
            | '№'
            | '\u{A0}'
            | '\u{AD}'
            | '∞'
            | '≠'
            | '≤'
            | '≥'
            | '√'
            | '≈'
            | '∆'
            | '÷'
    )
}

/// Leading characters of UTF-8 sequences misread as windows-1252/latin-1 (Ã Â for Latin
/// accents, Ð Ñ for Cyrillic, â for punctuation).
fn is_latin_lead(c: char) -> bool {
    matches!(
        c,
        'Ã' | 'Â'
            | 'Ð'
            | 'Ñ'
            | 'â'
            | 'Å'
            | 'Ä'
            | 'Ø'
            | 'Ù'
            | 'Ú'
            | 'Û'
            | 'Ü'
            | 'Ý'
            | 'Þ'
            | 'à'
            | 'á'
            | 'ã'
            | 'ä'
    )
}

/// What windows-1251 makes of bytes 0x80–0xBF: after Р (0xD0) or С (0xD1), the second half
/// of a Cyrillic letter's UTF-8 read as windows-1251.
fn is_cp1251_continuation(c: char) -> bool {
    matches!(
        c,
        'Ђ' | 'Ѓ'
            | '‚'
            | 'ѓ'
            | '„'
            | '…'
            | '†'
            | '‡'
            | '€'
            | '‰'
            | 'Љ'
            | '‹'
            | 'Њ'
            | 'Ќ'
            | 'Ћ'
            | 'Џ'
            | 'ђ'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '–'
            | '—'
            | '\u{98}'
            | '™'
            | 'љ'
            | '›'
            | 'њ'
            | 'ќ'
            | 'ћ'
            | 'џ'
            | '\u{A0}'
            | 'Ў'
            | 'ў'
            | 'Ј'
            | '¤'
            | 'Ґ'
            | '¦'
            | '§'
            | 'Ё'
            | '©'
            | 'Є'
            | '«'
            | '¬'
            | '\u{AD}'
            | '®'
            | 'Ї'
            | '°'
            | '±'
            | 'І'
            | 'і'
            | 'ґ'
            | 'µ'
            | '¶'
            | '·'
            | 'ё'
            | '№'
            | 'є'
            | '»'
            | 'ј'
            | 'Ѕ'
            | 'ѕ'
            | 'ї'
    )
}

/// What KOI8 makes of bytes 0x80–0xBF besides box drawing: after п or я, UTF-8 read as KOI8.
fn is_koi8_continuation(c: char) -> bool {
    // Ukrainian letters that never follow п or я (unlike і and ё) stand for Ф Ч Э read as KOI8-U.
    matches!(
        c,
        '\u{A0}'
            | '°'
            | '²'
            | '·'
            | '÷'
            | '■'
            | '∙'
            | '√'
            | '≈'
            | '≤'
            | '≥'
            | '⌠'
            | '⌡'
            | '©'
            | 'є'
            | 'ї'
            | 'ґ'
    )
}

/// Cyrillic letters that windows-1251 gives for bytes 0x80–0xBF and that are rare outside
/// Serbian, Macedonian and Belarusian: after Р or С, the mark of UTF-8 read as 1251.
fn is_rare_cyrillic(c: char) -> bool {
    matches!(
        c,
        'Ђ' | 'ђ'
            | 'Ѓ'
            | 'ѓ'
            | 'Љ'
            | 'љ'
            | 'Њ'
            | 'њ'
            | 'Ќ'
            | 'ќ'
            | 'Ћ'
            | 'ћ'
            | 'Џ'
            | 'џ'
            | 'Ў'
            | 'ў'
            | 'Ј'
            | 'ј'
            | 'Ѕ'
            | 'ѕ'
    )
}

/// Blocks that ordinary Kyrgyz, Russian, English (and CJK or emoji-bearing) text draws on; a
/// character from any other block is more likely a chance decoding of mojibake bytes.
fn is_common_block(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{024F}' | '\u{0300}'..='\u{036F}' | '\u{0370}'..='\u{052F}'
        // Armenian, Hebrew, Arabic, the Indic scripts, Thai and Lao, Georgian.
        | '\u{0530}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0900}'..='\u{0EFF}'
        | '\u{10A0}'..='\u{10FF}'
        | '\u{1E00}'..='\u{1EFF}' | '\u{2000}'..='\u{23FF}' | '\u{2460}'..='\u{27BF}'
        | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{1F000}'..='\u{1FAFF}')
}

fn is_common_extended_cyrillic(c: char) -> bool {
    matches!(
        c,
        'ң' | 'Ң'
            | 'ө'
            | 'Ө'
            | 'ү'
            | 'Ү'
            | 'ұ'
            | 'Ұ'
            | 'қ'
            | 'Қ'
            | 'ғ'
            | 'Ғ'
            | 'ә'
            | 'Ә'
            | 'һ'
            | 'Һ'
            | 'ҳ'
            | 'Ҳ'
            | 'җ'
            | 'Җ'
            | 'ҡ'
            | 'Ҡ'
            | 'ҙ'
            | 'Ҙ'
            | 'ҫ'
            | 'Ҫ'
            | 'ӊ'
            | 'Ӊ'
            | 'Ґ'
            | 'ґ'
    )
}

/// How unlikely a text is to be what an author wrote: control and replacement characters,
/// box drawing, symbols inside words, case flips and script changes inside words, and the
/// two-character signatures of UTF-8 read through a legacy encoding. 0 for ordinary text.
pub fn badness(text: &str) -> u32 {
    badness_around(None, text, None)
}

/// [`badness`] of `text` with the characters around it (which are scored too), without
/// building the joined string: runs of clean text are scored this way word after word.
pub fn badness_around(before: Option<char>, text: &str, after: Option<char>) -> u32 {
    cyrillic_words_badness(before, text, after)
        .unwrap_or_else(|| badness_until(before, text, after, u32::MAX))
}

/// [`badness`] up to `cap`: counting stops at the first sign beyond it, so a result above
/// `cap` says only that the text has more.
pub fn badness_within(text: &str, cap: u32) -> u32 {
    badness_until(None, text, None, cap)
}

fn badness_until(before: Option<char>, text: &str, after: Option<char>, cap: u32) -> u32 {
    let mut bad = 0u32;
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut chars = before
        .into_iter()
        .chain(text.chars())
        .chain(after)
        .peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        bad += if is_plain(c) {
            symbol_inside_word(prev, c, next)
        } else {
            char_badness(c) + context_badness(prev, c, next)
        };
        if let Some(p) = prev {
            bad += if is_plain(p) && is_plain(c) {
                plain_pair_badness(p, c)
            } else {
                misread_pair_badness(before_prev, p, c, next) + odd_pair_badness(before_prev, p, c)
            };
        }
        if bad > cap {
            break;
        }
        before_prev = prev;
        prev = Some(c);
    }
    bad
}

/// [`badness_around`] of the commonest run of clean text, Russian or Kyrgyz words (letters
/// but Ё ё) and the spaces between them, with ASCII or nothing around; `None` for any other
/// text. Of the rules only two can score it: a Latin letter beside a Cyrillic one (only the
/// ASCII neighbours can be Latin) and a small letter before a capital, so one pass over the
/// bytes settles it (`cyrillic_words_score_as_by_every_rule` checks this).
fn cyrillic_words_badness(before: Option<char>, text: &str, after: Option<char>) -> Option<u32> {
    if text.is_empty()
        || !before.is_none_or(|c| c.is_ascii())
        || !after.is_none_or(|c| c.is_ascii())
    {
        return None;
    }
    // Case of each character: a capital, a small letter, or a space (neither).
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        Capital,
        Small,
        Space,
    }
    let bytes = text.as_bytes();
    let (mut i, mut bad, mut prev) = (0, 0u32, Case::Space);
    while i < bytes.len() {
        let case = match (bytes[i], bytes.get(i + 1).copied().unwrap_or(0)) {
            (b' ', _) => Case::Space,
            (0xD0, 0x90..=0xAF) | (0xD2, 0xA2 | 0xAE) | (0xD3, 0xA8) => Case::Capital,
            (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x8F) | (0xD2, 0xA3 | 0xAF) | (0xD3, 0xA9) => {
                Case::Small
            }
            _ => return None,
        };
        bad += u32::from(prev == Case::Small && case == Case::Capital);
        prev = case;
        i += if case == Case::Space { 1 } else { 2 };
    }
    let latin_beside = |c: Option<char>, letter: bool| {
        2 * u32::from(letter && c.is_some_and(|c| c.is_ascii_alphabetic()))
    };
    bad += latin_beside(before, bytes[0] != b' ');
    bad += latin_beside(after, bytes[bytes.len() - 1] != b' ');
    Some(bad)
}

/// ASCII and the Cyrillic letters of Russian and Kyrgyz but Ё ё: nearly every character of
/// clean text, and the one class no rule above singles out. Of all the rules only three can
/// score them: a symbol between letters, a letter beside a letter of another script, and a
/// small letter before a capital, so they skip the rest (`a_plain_text_scores_as_by_every_rule`
/// checks this).
fn is_plain(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            '\u{0410}'..='\u{044F}' | 'Ң' | 'ң' | 'Ө' | 'ө' | 'Ү' | 'ү'
        )
}

/// [`odd_pair_badness`] of two plain characters (see [`is_plain`]).
fn plain_pair_badness(p: char, c: char) -> u32 {
    if c.is_ascii() {
        // A Cyrillic letter before a Latin one.
        return 2 * u32::from(!p.is_ascii() && c.is_ascii_alphabetic());
    }
    if p.is_ascii() {
        return 2 * u32::from(p.is_ascii_alphabetic());
    }
    u32::from(p.is_lowercase() && c.is_uppercase())
}

fn char_badness(c: char) -> u32 {
    match c {
        '\u{80}'..='\u{9F}' | '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' => 3,
        '\u{2500}'..='\u{259F}' => 2,
        // Romanian ș ț (Latin Extended-B, like the rare letters below).
        '\u{0218}'..='\u{021B}' => 0,
        // Latin Extended-B and IPA letters: rare in any of tilmech's languages.
        '\u{0180}'..='\u{02AF}' => 2,
        _ if !is_common_block(c) => 3,
        // Beyond the Basic Multilingual Plane only emoji are everyday text; four-byte
        // UTF-8 found by chance in Cyrillic bytes lands in unassigned planes.
        '\u{1F000}'..='\u{1FAFF}' => 0,
        '\u{10000}'.. => 3,
        // Extended Cyrillic beyond the letters of Kyrgyz, Kazakh, Tatar and Bashkir.
        '\u{0460}'..='\u{052F}' if !is_common_extended_cyrillic(c) => 1,
        _ => 0,
    }
}

/// Badness of a character among its neighbours: a symbol inside a word, a lone letter of a
/// script other than Cyrillic, Latin and Greek.
/// 2 for a symbol between two letters (but an apostrophe, hyphen, stop, comma or slash).
fn symbol_inside_word(prev: Option<char>, c: char, next: Option<char>) -> u32 {
    let letter = |x: Option<char>| x.is_some_and(crate::text::is_letter);
    let inside = !crate::text::is_word_char(c)
        && !is_mark_or_joiner(c)
        && c != '\u{FFFD}'
        && !c.is_whitespace()
        && letter(prev)
        && letter(next)
        && !matches!(c, '\'' | '-' | '’' | '.' | ',' | '/');
    2 * u32::from(inside)
}

fn context_badness(prev: Option<char>, c: char, next: Option<char>) -> u32 {
    let mut bad = symbol_inside_word(prev, c, next);
    // A lone letter of another script (Arabic, CJK...) among Cyrillic or Latin text.
    if let Some(script) =
        Script::of(c).filter(|s| !matches!(s, Script::Cyrl | Script::Latn | Script::Grek))
    {
        let same = |x: Option<char>| x.and_then(Script::of) == Some(script);
        if !same(prev) && !same(next) {
            bad += 3;
        }
    }
    bad
}

/// Combining marks of the scripts written with them (Hebrew points, Arabic vowels, Indic and
/// Thai vowel signs and tone marks) and the zero-width (non-)joiners: parts of words.
fn is_mark_or_joiner(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0900}'..='\u{0DFF}' | '\u{0E31}'..='\u{0E4E}' | '\u{0EB1}'..='\u{0ECD}'
        | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// What a character's byte can be in UTF-8, per Latin- or Greek-alphabet misreading
/// ([`Misread::writes_latin_or_greek`], one bit each): the lead of a 2-byte sequence, of a 3- or 4-byte one, or a continuation.
#[derive(Debug, Clone, Copy, Default)]
struct ByteRoles {
    lead2: u8,
    lead34: u8,
    continuation: u8,
    /// The byte is 0xC2, 0xC3, 0xD0 or 0xD1: with 0xA0 after it, a no-break space, "à" or
    /// Cyrillic "Р" and "Ѡ".
    nbsp_lead: u8,
}

/// [`ByteRoles`] of every character the misreadings give for bytes 0x80–0xFF, sorted.
fn byte_roles() -> &'static [(char, ByteRoles)] {
    // (Checked by `no_code_page_letter_in_the_cyrillic_range` below: `roles_of` relies on it.)
    static ROLES: OnceLock<Vec<(char, ByteRoles)>> = OnceLock::new();
    ROLES.get_or_init(|| {
        let mut roles: Vec<(char, ByteRoles)> = Vec::new();
        let alphabetic = Misread::ALL
            .into_iter()
            .filter(|m| m.writes_latin_or_greek());
        for (bit, m) in alphabetic.enumerate() {
            for b in 0x80..=0xFFu8 {
                let Some(c) = m.decode(&[b]).chars().next().filter(|&c| c != '\u{FFFD}') else {
                    continue;
                };
                let entry = match roles.iter_mut().find(|(x, _)| *x == c) {
                    Some(e) => &mut e.1,
                    None => {
                        roles.push((c, ByteRoles::default()));
                        &mut roles.last_mut().expect("just pushed").1
                    }
                };
                let flag = 1u8 << bit;
                match b {
                    0x80..=0xBF => entry.continuation |= flag,
                    0xC2..=0xDF => {
                        entry.lead2 |= flag;
                        if matches!(b, 0xC2 | 0xC3 | 0xD0 | 0xD1) {
                            entry.nbsp_lead |= flag;
                        }
                    }
                    0xE0..=0xF4 => entry.lead34 |= flag,
                    _ => {}
                }
            }
        }
        roles.sort_unstable_by_key(|e| e.0);
        roles
    })
}

fn roles_of(c: char) -> ByteRoles {
    // No Latin or Greek code page has a character in U+0400–U+1FFF (Cyrillic and the rest):
    // the common case of tilmech's text is answered without a look-up. Below U+0400 a table
    // indexed by the code point answers; above U+2000 a search among the few symbols.
    static LOW: OnceLock<Vec<ByteRoles>> = OnceLock::new();
    let code = u32::from(c);
    match code {
        0..=0x7F | 0x400..=0x1FFF => ByteRoles::default(),
        0x80..=0x3FF => {
            let low = LOW.get_or_init(|| {
                let mut low = vec![ByteRoles::default(); 0x380];
                for &(ch, roles) in byte_roles() {
                    if let Some(slot) = low.get_mut((u32::from(ch) as usize).wrapping_sub(0x80)) {
                        *slot = roles;
                    }
                }
                low
            });
            low[code as usize - 0x80]
        }
        _ => {
            let roles = byte_roles();
            roles
                .binary_search_by_key(&c, |e| e.0)
                .map_or(ByteRoles::default(), |i| roles[i].1)
        }
    }
}

/// A pair or triple of characters that one Latin- or Greek-alphabet misreading gives for the
/// bytes of one UTF-8 sequence: "Ã©", "Ĺ™", "Î±" (2 bytes), "â€™", "à¤•" (3), "ðŸ˜" (4).
/// A capital letter of a word in capitals followed by a quote, ellipsis or no-break space is
/// how clean text ends such a word ("HÅ\u{A0}", "JOSÉ’"): no signature.
fn sequence_badness(before_prev: Option<char>, p: char, c: char, next: Option<char>) -> u32 {
    let rp = roles_of(p);
    if rp.lead2 | rp.lead34 == 0 {
        return 0;
    }
    let rc = roles_of(c);
    if rp.lead2 & rc.continuation != 0 {
        let in_capitals = p.is_uppercase() && before_prev.is_some_and(char::is_uppercase);
        return match c {
            // No-break space after 0xC2, 0xC3, 0xD0 ("Â", "Ã", "Ă", "Ð"): the signature of
            // itself, "à" and "Р".
            '\u{A0}' if in_capitals => 0,
            '\u{A0}' => 2 * u32::from(rp.nbsp_lead != 0),
            '’' | '‘' | '”' | '“' | '…' | '»' | '«' => {
                2 * u32::from(!in_capitals && !next.is_some_and(|n| n.is_ascii_alphabetic()))
            }
            // A letter after a capital: a small one ("Ãœber", "Âżverdad"), or a capital that a
            // small letter precedes or follows ("naĂŻve", "ÄŽalšia"), unlike a word in capitals.
            // After a quote or sign, only a small letter: “Über” is how quotes open.
            _ if crate::text::is_letter(c) && !crate::text::is_letter(p) => {
                u32::from(c.is_lowercase())
            }
            _ if crate::text::is_letter(c) => u32::from(
                c.is_lowercase()
                    || before_prev.is_some_and(char::is_lowercase)
                    || next.is_some_and(char::is_lowercase),
            ),
            _ => 2,
        };
    }
    let rn = next.map(roles_of).unwrap_or_default();
    if rp.lead34 & rc.continuation & rn.continuation != 0 {
        return 2;
    }
    0
}

/// Two-character signatures of UTF-8 read through a legacy encoding (`p` then `c`).
fn misread_pair_badness(before_prev: Option<char>, p: char, c: char, next: Option<char>) -> u32 {
    let mut bad = sequence_badness(before_prev, p, c, next);
    // Р or С and a 0x80–0xBF character: UTF-8 read as windows-1251 ("РІ", "С‚"),
    // unless the Р or С ends a word in capitals ("СССР”").
    // (Т and У lead Kyrgyz ң ө ү: "ТЇ" is ү.)
    // Lower-case і ї є ґ ё after them are common in Ukrainian and Russian ("Ті", "Січ"),
    // so they weigh less after Р and С and nothing after Т and У.
    let everyday = matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'ё');
    if matches!(p, 'Р' | 'С' | 'Т' | 'У')
        && is_cp1251_continuation(c)
        && !(matches!(p, 'Т' | 'У') && everyday)
        // A capital of an abbreviation in capitals ("РІSА" is PISA) follows.
        && !next.is_some_and(|n| n.is_ascii_uppercase())
        && !before_prev.is_some_and(|b| {
            b.is_uppercase() && Script::of(b) == Some(Script::Cyrl) && !is_cp1251_continuation(b)
        })
    {
        bad += if everyday { 1 } else { 2 };
    }
    // Symbols such as ° « » — misread: "В°" and "вЂ" (windows-1251), "√Ч" and "¬∞"
    // (x-mac-cyrillic), "Ã—" (windows-1252), each a word of its own.
    let starts_word = !before_prev.is_some_and(crate::text::is_letter);
    let capitals_word =
        before_prev.is_some_and(|b| b.is_uppercase() && Script::of(b) == Some(Script::Cyrl));
    if (matches!(p, 'В' | 'Г')
        && (starts_word || !capitals_word)
        && is_cp1251_continuation(c)
        && (!crate::text::is_letter(c) || is_rare_cyrillic(c) || c.is_uppercase()))
        || (p == 'в' && c == 'Ђ')
        || (matches!(p, '√' | '¬') && !c.is_ascii() && !c.is_whitespace())
        || (is_latin_lead(p) && matches!(c, '–' | '—'))
    {
        bad += 2;
    }
    // "пё" as a word of its own is У read as KOI8-U ("пёс" is a word, "пё" is not).
    if p == 'п'
        && c == 'ё'
        && !before_prev.is_some_and(crate::text::is_letter)
        && !next.is_some_and(crate::text::is_letter)
    {
        bad += 2;
    }
    // "Ã " and "Â " are "à" and a no-break space whose 0xA0 byte became a plain space, unless
    // they end a word in capitals ("IRMÃ E MÃE") or follow a digit.
    if matches!(p, 'Ã' | 'Â')
        && c == ' '
        && !before_prev.is_some_and(|b| b.is_uppercase() || b.is_ascii_digit())
    {
        bad += 2;
    }
    // "ЁЯ" is IBM866's reading of F0 9F, the start of every emoji in UTF-8.
    if p == 'Ё' && c == 'Я' {
        bad += 3;
    }
    // п and я are what KOI8 makes of the lead bytes 0xD0 and 0xD1.
    if matches!(p, 'п' | 'я') && is_koi8_continuation(c) {
        bad += 2;
    }
    bad
}

/// Pairs that ordinary text rarely has: a quote glued to a word, a letter straight followed by
/// a symbol, a script or case change inside a word.
fn odd_pair_badness(before_prev: Option<char>, p: char, c: char) -> u32 {
    let mut bad = 0;
    // A quote or dagger glued to the front of a lower-case word: an upper-case letter
    // of x-mac-cyrillic read as windows-1251 ("’окмок").
    if matches!(
        p,
        '‘' | '’' | '†' | '‡' | '•' | '…' | '‹' | '›' | '‚' | '„' | '“' | '”'
    ) && c.is_lowercase()
        && Script::of(c) == Some(Script::Cyrl)
        && !before_prev.is_some_and(crate::text::is_word_char)
    {
        bad += 1;
    }
    if matches!(p, 'р' | 'с') && is_rare_cyrillic(c) {
        bad += 1;
    }
    // A letter straight followed by a sign that ends no word ("Ã©", "caf√©").
    if crate::text::is_letter(p)
        && is_mojibake_symbol(c)
        && !matches!(
            c,
            '»' | '«' | '’' | '”' | '“' | '‘' | '…' | '\u{A0}' | '\u{AD}' | '°' | '№'
        )
    {
        bad += 1;
    }
    // x-mac-cyrillic reads the UTF-8 lead bytes of Cyrillic as dashes: "–Я—А".
    if matches!(p, '–' | '—') && !c.is_ascii() && !c.is_whitespace() {
        bad += 1;
    }
    if crate::text::is_letter(p) && crate::text::is_letter(c) {
        let (sp, sc) = (Script::of(p), Script::of(c));
        if sp != sc && sp.is_some() && sc.is_some() {
            bad += 2;
        }
        // A capital inside a small-letter word ("comitÊ"), where neither is ASCII or the
        // capital is a Latin letter (a Cyrillic one after ASCII is a lookalike's business).
        if p.is_lowercase()
            && c.is_uppercase()
            && !c.is_ascii()
            && (!p.is_ascii() || Script::of(c) == Some(Script::Latn))
        {
            bad += 1;
        }
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_code_page_letter_in_the_cyrillic_range() {
        assert!(byte_roles()
            .iter()
            .all(|(c, _)| !('\u{0400}'..'\u{2000}').contains(c)));
        assert_eq!(roles_of('Ã').lead2 & 1, 1);
        assert_eq!(roles_of('©').continuation & 1, 1);
    }

    /// Every rule on every window, as the score was before plain characters skipped them.
    fn by_every_rule(text: &str) -> u32 {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len())
            .map(|i| {
                let at = |j: Option<usize>| j.and_then(|j| chars.get(j).copied());
                let (prev, next) = (at(i.checked_sub(1)), at(Some(i + 1)));
                let pair = prev.map_or(0, |p| {
                    let before_prev = at(i.checked_sub(2));
                    misread_pair_badness(before_prev, p, chars[i], next)
                        + odd_pair_badness(before_prev, p, chars[i])
                });
                char_badness(chars[i]) + context_badness(prev, chars[i], next) + pair
            })
            .sum()
    }

    #[test]
    fn cyrillic_words_score_as_by_every_rule() {
        // Every string of up to four of these, with every neighbour: the fast path answers
        // for the words and spaces, and leaves everything else to the rules.
        let alphabet: Vec<char> = "АЯапряңҢөӨүҮ aЁё.".chars().collect();
        let around = [
            None,
            Some('a'),
            Some('Z'),
            Some(' '),
            Some('.'),
            Some('1'),
            Some('я'),
        ];
        let mut answered = 0;
        for text in &crate::text::every_string(&alphabet, 4) {
            for before in around {
                for after in around {
                    let fast = cyrillic_words_badness(before, text, after);
                    let rules = badness_until(before, text, after, u32::MAX);
                    answered += usize::from(fast.is_some());
                    assert!(
                        fast.is_none_or(|f| f == rules),
                        "{before:?} {text:?} {after:?}"
                    );
                    assert_eq!(badness_around(before, text, after), rules);
                }
            }
        }
        // It answers for the texts it is for: 13 characters, 6 neighbours each side.
        assert_eq!(
            answered,
            (13 + 13usize.pow(2) + 13usize.pow(3) + 13usize.pow(4)) * 36
        );
        let clean = "Бишкекте жаңы мектеп ачылды";
        assert_eq!(cyrillic_words_badness(Some(' '), clean, Some('.')), Some(0));
        assert_eq!(cyrillic_words_badness(Some('x'), "мЕктеп", None), Some(3));
        assert_eq!(cyrillic_words_badness(None, "Рџ", None), None);
    }

    #[test]
    fn a_plain_text_scores_as_by_every_rule() {
        // Every plain character class beside every other, and beside the characters the
        // rules look for, in every window of three.
        let alphabet: Vec<char> = "aZ0 .,-'/;\t\u{1}\x7FАЯая РСТУВГпряЁё ңҢөӨүҮ ЂЃѓЉЊЌЋЏђљњќћџЎўЈ©«»№\u{A0}–—’”•ÃÂÐÑ√¬€ЄєЇїІіҐґЅѕ■≤٣中\u{300}\u{FFFD}\u{95}"
            .chars()
            .collect();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    let text = String::from_iter([a, b, c]);
                    assert_eq!(badness(&text), by_every_rule(&text), "{text:?}");
                    let four = String::from_iter([b, a, c, b]);
                    assert_eq!(badness(&four), by_every_rule(&four), "{four:?}");
                }
            }
        }
        for text in [
            "Бишкекте жаңы мектеп ачылды.",
            "РџСЂРёРІРµС‚ mixed Текст",
            "ПРИВЕТ, мир!",
        ] {
            assert_eq!(badness(text), by_every_rule(text), "{text:?}");
        }
    }
}
