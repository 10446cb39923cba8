//! Mojibake repair: text whose UTF-8 bytes were once decoded through a legacy encoding
//! (windows-1251, windows-1252, latin-1, KOI8, IBM866, x-mac-cyrillic), one or two layers deep.
//! Each run of non-ASCII characters is re-encoded through each encoding and read as UTF-8 again;
//! the result replaces the run only when it scores clearly better on [`badness`], so clean text
//! (badness 0) is never touched.

use crate::text::Script;
use encoding_rs::{
    Encoding, IBM866, ISO_8859_5, KOI8_R, KOI8_U, WINDOWS_1251, WINDOWS_1252, X_MAC_CYRILLIC,
};
use std::borrow::Cow;

/// An encoding that UTF-8 may have been misread through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misread {
    Windows1251,
    Windows1252,
    Latin1,
    Koi8,
    Ibm866,
    MacCyrillic,
    Iso8859_5,
}

impl Misread {
    pub const ALL: [Misread; 7] = [
        Misread::Windows1251,
        Misread::Windows1252,
        Misread::Latin1,
        Misread::Koi8,
        Misread::Ibm866,
        Misread::MacCyrillic,
        Misread::Iso8859_5,
    ];

    /// The name used in `repairs`: `mojibake:utf8-as-<this>`.
    pub fn name(self) -> &'static str {
        match self {
            Misread::Windows1251 => "windows-1251",
            Misread::Windows1252 => "windows-1252",
            Misread::Latin1 => "latin-1",
            Misread::Koi8 => "koi8",
            Misread::Ibm866 => "ibm866",
            Misread::MacCyrillic => "x-mac-cyrillic",
            Misread::Iso8859_5 => "iso-8859-5",
        }
    }

    fn encoding(self) -> Option<&'static Encoding> {
        match self {
            Misread::Windows1251 => Some(WINDOWS_1251),
            Misread::Windows1252 => Some(WINDOWS_1252),
            Misread::Latin1 => None,
            Misread::Koi8 => Some(KOI8_U),
            Misread::Ibm866 => Some(IBM866),
            Misread::MacCyrillic => Some(X_MAC_CYRILLIC),
            Misread::Iso8859_5 => Some(ISO_8859_5),
        }
    }

    /// The bytes `text` was decoded from, if every character has one in this encoding.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self.encoding() {
            None => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect(),
            // KOI8-U and KOI8-R differ in eight places (Ukrainian letters against box
            // drawing): text read through either is taken back, character by character.
            Some(enc) if enc == KOI8_U => text
                .chars()
                .map(|c| {
                    let mut buf = [0u8; 4];
                    let one = c.encode_utf8(&mut buf);
                    [KOI8_U, KOI8_R].into_iter().find_map(|e| {
                        let (bytes, _, unmappable) = e.encode(one);
                        (!unmappable && bytes.len() == 1).then(|| bytes[0])
                    })
                })
                .collect(),
            Some(enc) => {
                let (bytes, _, unmappable) = enc.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
        }
    }

    /// The text these bytes read as in this encoding.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self.encoding() {
            None => bytes.iter().map(|&b| char::from(b)).collect(),
            Some(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
        }
    }
}

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
        | '\u{1E00}'..='\u{1EFF}' | '\u{2000}'..='\u{23FF}' | '\u{2460}'..='\u{27BF}'
        | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{1F000}'..='\u{1FAFF}')
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
    let mut bad = 0u32;
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        bad += char_badness(c) + context_badness(prev, c, next);
        if let Some(p) = prev {
            bad +=
                misread_pair_badness(before_prev, p, c, next) + odd_pair_badness(before_prev, p, c);
        }
        before_prev = prev;
        prev = Some(c);
    }
    bad
}

/// Badness of a character on its own: controls, private use, rare blocks and planes.
fn char_badness(c: char) -> u32 {
    match c {
        '\u{80}'..='\u{9F}' | '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' => 3,
        '\u{2500}'..='\u{259F}' => 2,
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
fn context_badness(prev: Option<char>, c: char, next: Option<char>) -> u32 {
    let mut bad = 0;
    let letter = |x: Option<char>| x.is_some_and(crate::text::is_letter);
    if !crate::text::is_word_char(c)
        && !c.is_whitespace()
        && letter(prev)
        && letter(next)
        && !matches!(c, '\'' | '-' | '’' | '.' | ',' | '/')
    {
        bad += 2; // a symbol inside a word
    }
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

/// Two-character signatures of UTF-8 read through a legacy encoding (`p` then `c`).
fn misread_pair_badness(before_prev: Option<char>, p: char, c: char, next: Option<char>) -> u32 {
    let mut bad = 0;
    if is_latin_lead(p)
        && (is_mojibake_symbol(c)
            || ('\u{80}'..='\u{BF}').contains(&c)
            || matches!(c, 'Ÿ' | 'Š' | 'Œ' | 'Ž' | 'š' | 'œ' | 'ž'))
    {
        bad += 2;
    }
    // Р or С and a 0x80–0xBF character: UTF-8 read as windows-1251 ("РІ", "С‚"),
    // unless the Р or С ends a word in capitals ("СССР”").
    // (Т and У lead Kyrgyz ң ө ү: "ТЇ" is ү.)
    // Lower-case і ї є ґ ё after them are common in Ukrainian and Russian ("Ті", "Січ"),
    // so they weigh less after Р and С and nothing after Т and У.
    let everyday = matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'ё');
    if matches!(p, 'Р' | 'С' | 'Т' | 'У')
        && is_cp1251_continuation(c)
        && !(matches!(p, 'Т' | 'У') && everyday)
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
        if p.is_lowercase() && c.is_uppercase() && !p.is_ascii() && !c.is_ascii() {
            bad += 1;
        }
    }
    bad
}

/// The candidate reading of one run through `misread`: every valid multi-byte UTF-8 sequence
/// of its bytes decoded, every other byte left as the character it was.
/// Bytes that are not UTF-8 may only be punctuation at the edges of the run (quotes around a
/// damaged word): a letter among them means the run was never UTF-8 ("Рік" is not "г" + "к").
fn reread(run: &str, misread: Misread) -> Option<String> {
    let bytes = misread.encode(run)?;
    let mut out = String::with_capacity(run.len());
    let mut decoded_any = false;
    let mut trailing_invalid = false;
    for chunk in bytes.utf8_chunks() {
        if !chunk.valid().is_empty() {
            if trailing_invalid {
                return None; // invalid bytes between valid ones
            }
            out.push_str(chunk.valid());
            decoded_any |= !chunk.valid().is_ascii();
        }
        if !chunk.invalid().is_empty() {
            let kept = misread.decode(chunk.invalid());
            if kept.chars().any(crate::text::is_word_char) {
                return None;
            }
            trailing_invalid = decoded_any;
            out.push_str(&kept);
        }
    }
    decoded_any.then_some(out)
}

/// The main script of a text's letters, if it has letters.
fn letter_script(text: &str) -> Option<Script> {
    Some(crate::text::ScriptProfile::of(text).dominant()).filter(|s| *s != Script::Zyyy)
}

/// Whether `candidate` writes its letters in another script than `run` and than the letters
/// around it.
fn switches_script(run: &str, candidate: &str, before: Option<char>, after: Option<char>) -> bool {
    let Some(new) = letter_script(candidate) else {
        return false;
    };
    let beside = [before, after]
        .into_iter()
        .flatten()
        .any(|c| Script::of(c) == Some(new));
    letter_script(run).is_some_and(|old| old != new) && !beside
}

/// Badness, layers, and the positions of the layers' encodings in `Misread::ALL`.
type RepairRank = (u32, usize, usize, usize);

/// The best reading of a run through up to two layers of misreading, with the layers it undid
/// (outermost first), if it is better than the run as it stands.
/// `before` and `after` are the characters around the run (ASCII), which the scoring sees too:
/// "cafГ©" is only odd next to its "caf".
fn repair_run(
    run: &str,
    before: Option<char>,
    after: Option<char>,
) -> Option<(String, Vec<Misread>)> {
    let in_context = |t: &str| {
        let mut s = String::with_capacity(t.len() + 2);
        s.extend(before);
        s.push_str(t);
        s.extend(after);
        badness(&s)
    };
    // The run itself must look damaged: next to Latin letters, a clean Cyrillic word typed with
    // lookalikes ("TИM") has script changes in context only, and must stay as it is.
    let original = in_context(run);
    if original == 0 || badness(run) == 0 {
        return None;
    }
    // Ranked by badness, then fewer layers, then the order of `Misread::ALL` (commonest first).
    let mut best: Option<(RepairRank, String, Vec<Misread>)> = None;
    let mut consider = |text: String, layers: Vec<Misread>, rank: (usize, usize)| {
        let key = (in_context(&text), layers.len(), rank.0, rank.1);
        // A reading that moves letters to another script than the run's, with no letter of
        // that script beside it, must be clearly better: "УЄФА" is not "äİ".
        let margin = if switches_script(run, &text, before, after) {
            2
        } else {
            1
        };
        if key.0 + margin <= original && best.as_ref().is_none_or(|(k, _, _)| key < *k) {
            best = Some((key, text, layers));
        }
    };
    for (i, first) in Misread::ALL.into_iter().enumerate() {
        let Some(once) = reread(run, first) else {
            continue;
        };
        for (j, second) in Misread::ALL.into_iter().enumerate() {
            if let Some(twice) = reread(&once, second) {
                consider(twice, vec![first, second], (i, j));
            }
        }
        consider(once, vec![first], (i, 0));
    }
    best.map(|(_, text, layers)| (text, layers))
}

/// Repairs every damaged run of non-ASCII characters in `text`; returns the text and the
/// misreadings undone (each once, outermost first). A letter before a closing quote is how
/// clean text ends a quotation, and also the reading of some two-byte letters ("Т»" in «Форд-Т»
/// reads as һ through windows-1251): alone in a text such a run stays; it is repaired where
/// the text shows more mojibake.
pub fn repair(text: &str) -> (Cow<'_, str>, Vec<Misread>) {
    let mut fixes: Vec<(usize, usize, String, Vec<Misread>)> = Vec::new();
    let mut rest = text;
    let mut offset = 0usize;
    while let Some(start) = rest.find(|c: char| !c.is_ascii()) {
        let end = rest[start..]
            .find(|c: char| c.is_ascii())
            .map_or(rest.len(), |e| start + e);
        crate::budget::check();
        let run = &rest[start..end];
        let before = rest[..start].chars().next_back();
        let after = rest[end..].chars().next();
        if let Some((fixed, layers)) = repair_run(run, before, after) {
            fixes.push((offset + start, offset + end, fixed, layers));
        }
        offset += end;
        rest = &rest[end..];
    }
    let quotation_end = |(start, end, _, _): &(usize, usize, String, Vec<Misread>)| {
        let mut chars = text[*start..*end].chars();
        let (Some(letter), Some(quote), None) = (chars.next(), chars.next(), chars.next()) else {
            return false;
        };
        letter.is_alphabetic() && matches!(quote, '»' | '”' | '’' | '“')
    };
    if let [only] = fixes.as_slice() {
        if quotation_end(only) {
            fixes.clear();
        }
    }
    if fixes.is_empty() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    let mut undone: Vec<Misread> = Vec::new();
    for (start, end, fixed, layers) in fixes {
        out.push_str(&text[copied..start]);
        out.push_str(&fixed);
        copied = end;
        for l in layers {
            if !undone.contains(&l) {
                undone.push(l);
            }
        }
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), undone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn garble(text: &str, layers: &[Misread]) -> String {
        let mut s = text.to_string();
        for l in layers {
            s = l.decode(s.as_bytes());
        }
        s
    }

    #[test]
    fn clean_text_scores_zero_and_stays() {
        for clean in [
            "Привет, мир!",
            "Жаңы өкмөт «Кыргызстан» 2024-ж.",
            "Don’t stop — café",
            "Піст і Ёлка",
            "“Кабар” и “СССР”",
        ] {
            assert_eq!(badness(clean), 0, "{clean}");
        }
        for clean in [
            "Рік",
            "Рік і Ріо",
            "iPhone-ду",
            "Піст",
            "“Кабар” и “СССР”",
            "пі і пісня",
            "новую модель «Форд-Т» на выставке",
        ] {
            assert!(matches!(repair(clean).0, Cow::Borrowed(_)), "{clean}");
        }
    }

    #[test]
    fn one_layer_of_every_misreading_is_undone() {
        for text in [
            "Привет, как дела? Всё хорошо.",
            "Бүгүн жаңы өкмөт түзүлдү.",
            "Don’t stop at the café — naïve.",
        ] {
            for m in Misread::ALL {
                let garbled = garble(text, &[m]);
                if garbled == text {
                    continue;
                }
                let (fixed, undone) = repair(&garbled);
                assert_eq!(fixed, text, "{} gave {garbled}", m.name());
                assert!(!undone.is_empty());
            }
        }
    }

    #[test]
    fn utf8_read_as_koi8_r_is_undone() {
        let text = "Привет, как дела? Бишкекте жаңы мектеп ачылды.";
        let garbled = encoding_rs::KOI8_R
            .decode_without_bom_handling(text.as_bytes())
            .0;
        assert!(garbled.contains('╢') || garbled.contains('╤'), "{garbled}");
        let (fixed, undone) = repair(&garbled);
        assert_eq!(fixed, text);
        assert_eq!(undone, [Misread::Koi8]);
    }

    #[test]
    fn two_layers_are_undone() {
        let text = "Привет из Бишкека";
        let garbled = garble(text, &[Misread::Windows1251, Misread::Windows1252]);
        assert_eq!(repair(&garbled).0, text);
    }

    #[test]
    fn damaged_spans_are_repaired_in_place() {
        let text = format!(
            "Clean start. {} «{}» end.",
            garble("Сломанный текст", &[Misread::Windows1251]),
            garble("тут", &[Misread::Windows1251])
        );
        assert_eq!(repair(&text).0, "Clean start. Сломанный текст «тут» end.");
    }
}
