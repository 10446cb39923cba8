//! Mojibake repair: text whose UTF-8 bytes were once decoded through a single-byte encoding
//! (windows-125x, ISO-8859-x, Mac Roman, cp437, KOI8, IBM866), up to three layers deep, and
//! windows-1252 punctuation left as C1 control characters.
//! Each run of non-ASCII characters is re-encoded through each encoding and read as UTF-8 again;
//! the result replaces the run only when it scores clearly better on [`badness`], so clean text
//! (badness 0) is never touched.

mod badness;
mod misread;
mod utf8;

pub use badness::{badness, badness_around, badness_within};
pub use misread::Misread;

use crate::text::Script;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use utf8::Piece;

/// What [`repair`] did to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired<'a> {
    pub text: Cow<'a, str>,
    /// The misreadings undone, each once, outermost first.
    pub undone: Vec<Misread>,
    /// C1 control characters read again as the windows-1252 punctuation they stand for.
    pub c1_controls: usize,
}

/// The candidate reading of one run through `misread`: every valid multi-byte UTF-8 sequence
/// of its bytes decoded, every other byte left as the character it was.
/// Bytes that are not UTF-8 may only be punctuation, two at most, at the edges of the run
/// (quotes around a damaged word): a letter or box drawing among them means the run was never
/// UTF-8 ("Рік" is not "г" + "к", "─┐" is not "Ŀ").
/// A space in the run may stand for a lost 0xA0 only where that gives a letter ("Ã " for "à",
/// "Р " for "Р"), or the no-break space "Â " was in windows-1252: "В " in Russian is a word.
/// `mode` says which bytes outside valid sequences a reading may keep.
fn reread(run: &str, misread: Misread, mode: Mode) -> Option<String> {
    let mut bytes = Vec::with_capacity(run.len());
    let mut lost = Vec::with_capacity(run.len());
    for c in run.chars() {
        if c == '\u{FFFD}' {
            bytes.push(0x80);
            lost.push(true);
        } else {
            bytes.push(misread.byte(c)?);
            lost.push(false);
        }
    }
    let mut out = String::with_capacity(run.len());
    let mut decoded_any = false;
    let mut trailing_invalid = false;
    let (mut sequences, mut inside) = (0usize, 0usize);
    // Characters left as they were at either edge: a quote or two around a word, not a line.
    let mut edge = 0;
    for piece in utf8::read(&bytes, &lost) {
        match piece {
            Piece::Char { c, multibyte, nbsp } => {
                if nbsp
                    && !(c.is_alphabetic()
                        || (c == '\u{A0}'
                            && matches!(misread, Misread::Windows1252 | Misread::Latin1)))
                {
                    return None;
                }
                if multibyte {
                    if trailing_invalid {
                        if mode != Mode::Partial {
                            return None; // invalid bytes between valid ones
                        }
                        inside += 1;
                        trailing_invalid = false;
                    }
                    decoded_any = true;
                    sequences += 1;
                    edge = 0;
                }
                out.push(c);
            }
            Piece::Invalid(b) => {
                let kept = misread.decode(&[b]);
                edge += 1;
                let box_drawing = kept.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c));
                let letter = kept.chars().any(crate::text::is_word_char);
                let allowed = match mode {
                    Mode::Whole => false,
                    Mode::Edges => !letter && edge <= 2,
                    Mode::Partial => decoded_any && edge <= 2,
                };
                if box_drawing || !allowed {
                    return None;
                }
                trailing_invalid = decoded_any;
                out.push_str(&kept);
            }
        }
    }
    // A partial reading must be mostly sequences: a stray group of bytes among many (one lost
    // without a trace), not a word of another encoding.
    if mode == Mode::Partial && (inside == 0 || sequences < 3 || inside * 3 > sequences) {
        return None;
    }
    decoded_any.then_some(out)
}

/// Which bytes outside valid UTF-8 sequences a reading may keep as the characters they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// None: every byte is in a sequence.
    Whole,
    /// Up to two punctuation characters at either edge (quotes around a damaged word).
    Edges,
    /// Also up to two characters between sequences, where sequences are at least three times
    /// as many: a byte dropped on the way (windows-1252 has no character for 0x81, 0x8D, 0x8F,
    /// 0x90, 0x9D) leaves its sequence undecodable and the rest of the run decodable.
    Partial,
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

/// A reading of a run that scores better than the run: badness, layers undone (outermost
/// first) and their positions in `Misread::ALL`, how much better it is, and the text.
#[derive(Debug, Clone)]
struct Reading {
    badness: u32,
    layers: Vec<Misread>,
    rank: [usize; 3],
    gain: u32,
    text: String,
}

impl Reading {
    /// Best first: lower badness, then fewer layers, then commoner encodings.
    fn key(&self) -> (u32, usize, [usize; 3]) {
        (self.badness, self.layers.len(), self.rank)
    }
}

/// Every reading of a run through up to three layers of misreading that is better than the
/// run as it stands, best first.
/// `before` and `after` are the characters around the run (ASCII), which the scoring sees too:
/// "cafГ©" is only odd next to its "caf".
fn readings(run: &str, before: Option<char>, after: Option<char>) -> Vec<Reading> {
    let in_context = |t: &str| badness_around(before, t, after);
    // The run itself must look damaged: next to Latin letters, a clean Cyrillic word typed with
    // lookalikes ("TИM") has script changes in context only, and must stay as it is. Small
    // letters around it count ("naĂŻve": a capital inside a word; "“ÄŽal": two capitals
    // before a small letter).
    let original = in_context(run);
    let damaged = || {
        let small = |c: Option<char>| c.filter(char::is_ascii_lowercase);
        badness(run) > 0
            || ((small(before).is_some() || small(after).is_some())
                && badness_around(small(before), run, small(after)) > 0)
    };
    if original == 0 || !damaged() {
        return Vec::new();
    }
    let mut found: Vec<Reading> = Vec::new();
    // `partial`: a reading that kept bytes between its sequences must be better by more.
    let mut consider = |text: String, layers: &[Misread], rank: [usize; 3], partial: bool| {
        let badness = in_context(&text);
        // A reading that moves letters to another script than the run's, with no letter of
        // that script beside it, must be clearly better: "УЄФА" is not "äİ".
        let margin = if switches_script(run, &text, before, after) {
            2
        } else {
            1
        } + if partial { 3 } else { 0 };
        if badness + margin <= original {
            found.push(Reading {
                badness,
                layers: layers.to_vec(),
                rank,
                gain: original - badness,
                text,
            });
        }
    };
    let position = |m: Misread| Misread::ALL.iter().position(|&x| x == m).unwrap_or(0);
    for first in Misread::ALL {
        let Some(once) = reread(run, first, Mode::Edges) else {
            // Fix what is decodable: one layer, and clearly better.
            if let Some(part) = reread(run, first, Mode::Partial) {
                consider(part, &[first], [position(first), 0, 0], true);
            }
            continue;
        };
        for second in Misread::ALL {
            let Some(twice) = reread(&once, second, Mode::Edges) else {
                continue;
            };
            if Misread::LAYERED.contains(&first) && Misread::LAYERED.contains(&second) {
                for third in Misread::LAYERED {
                    if let Some(thrice) = reread(&twice, third, Mode::Edges) {
                        let rank = [position(first), position(second), position(third)];
                        consider(thrice, &[first, second, third], rank, false);
                    }
                }
            }
            let rank = [position(first), position(second), 0];
            consider(twice, &[first, second], rank, false);
        }
        consider(once, &[first], [position(first), 0, 0], false);
    }
    found.sort_by_key(Reading::key);
    found
}

/// A repaired stretch of the text: byte range, new text, misreadings undone.
type Fix = (usize, usize, String, Vec<Misread>);

/// Repairs every damaged run of non-ASCII characters in `text`, and C1 controls left over.
/// A run followed by a space is first tried together with it and with the run after it: the
/// space may be a no-break space byte that a whitespace cleaner made plain ("Ã  la", "Р РѕСЃ").
/// A text is damaged one way throughout: where a run reads equally well several ways
/// (windows-1250 and ISO-8859-2 share most letters), the way that repairs the text most wins.
/// A letter before a closing quote is how clean text ends a quotation, and also the reading of
/// some two-byte letters ("Т»" in «Форд-Т» reads as һ through windows-1251): alone in a text
/// such a run stays; it is repaired where the text shows more mojibake.
pub fn repair(text: &str) -> Repaired<'_> {
    let mut damaged: Vec<(usize, usize, Vec<Reading>)> = Vec::new();
    let mut pos = 0usize;
    let mut runs = 0u32;
    while let Some(found) = next_run(text, pos) {
        let start = pos + found;
        let end = run_end(text, start);
        // A run is a word or so of clean text: the clock is read every 64 of them.
        runs = runs.wrapping_add(1);
        if runs.is_multiple_of(64) {
            crate::budget::check();
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if after == Some(' ') {
            let joined_end = joined_end(text, end);
            let joined_after = text[joined_end..].chars().next();
            // Clean text, the common case, is settled by one score of both runs: each run's
            // score in its context is part of this one.
            if badness_around(before, &text[start..joined_end], joined_after) == 0 {
                pos = end;
                continue;
            }
            let joined = readings(&text[start..joined_end], before, joined_after);
            if !joined.is_empty() {
                damaged.push((start, joined_end, joined));
                pos = joined_end;
                continue;
            }
        }
        let found = readings(&text[start..end], before, after);
        if !found.is_empty() {
            damaged.push((start, end, found));
        }
        pos = end;
    }
    // The layers that repair the text most, summed over the runs they repair.
    // (A map: a long damaged text has thousands of runs with dozens of readings each.)
    let mut votes: FxHashMap<&[Misread], (u32, [usize; 3])> = FxHashMap::default();
    for (_, _, found) in &damaged {
        for r in found {
            votes.entry(&r.layers).or_insert((0, r.rank)).0 += r.gain;
        }
    }
    // Most gain, then fewer layers, then commoner encodings.
    let chosen: Option<(Vec<Misread>, u32)> = votes
        .into_iter()
        .max_by(|a, b| {
            (a.1 .0, std::cmp::Reverse((a.0.len(), a.1 .1)))
                .cmp(&(b.1 .0, std::cmp::Reverse((b.0.len(), b.1 .1))))
        })
        .map(|(layers, (gain, _))| (layers.to_vec(), gain));
    let mut fixes: Vec<Fix> = damaged
        .into_iter()
        .map(|(start, end, found)| {
            let pick = found
                .iter()
                .find(|r| Some(&r.layers) == chosen.as_ref().map(|c| &c.0))
                .unwrap_or(&found[0]);
            (start, end, pick.text.clone(), pick.layers.clone())
        })
        .collect();
    // Where the text is clearly damaged one way, runs that read through that way in full are
    // damaged too, even those that look fine on their own ("Вї" for "¿", "Ã " for "à").
    if let Some((layers, gain)) = &chosen {
        if *gain >= CLEAR_GAIN {
            fixes = with_whole_runs(text, fixes, layers);
        }
    }
    let quotation_end = |(start, end, _, _): &Fix| {
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
    let mut undone: Vec<Misread> = Vec::new();
    let repaired = if fixes.is_empty() {
        Cow::Borrowed(text)
    } else {
        let mut out = String::with_capacity(text.len());
        let mut copied = 0usize;
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
        Cow::Owned(out)
    };
    let (text, c1_controls) = c1_as_windows_1252(repaired);
    Repaired {
        text,
        undone,
        c1_controls,
    }
}

/// How much better the runs of a text must read one way before runs that look fine are read
/// that way too.
const CLEAR_GAIN: u32 = 4;

/// `fixes` (sorted, not overlapping) and every other run of `text` that reads through `layers`
/// with every byte in a valid sequence, no worse than it stands.
fn with_whole_runs(text: &str, fixes: Vec<Fix>, layers: &[Misread]) -> Vec<Fix> {
    let read_all = |run: &str| {
        layers
            .iter()
            .try_fold(run.to_string(), |t, &m| reread(&t, m, Mode::Whole))
    };
    let mut out: Vec<Fix> = Vec::with_capacity(fixes.len());
    let mut fixes = fixes.into_iter().peekable();
    let mut pos = 0usize;
    while let Some(found) = next_run(text, pos) {
        let start = pos + found;
        while fixes.peek().is_some_and(|f| f.0 <= start) {
            let fix = fixes.next().expect("peeked");
            pos = pos.max(fix.1);
            out.push(fix);
        }
        if start < pos {
            continue;
        }
        let end = run_end(text, start);
        let next_fix = fixes.peek().map_or(text.len(), |f| f.0);
        let joined_end = if text[end..].starts_with(' ') {
            joined_end(text, end)
        } else {
            end
        };
        let in_context = |e: usize, t: &str| {
            badness_around(
                text[..start].chars().next_back(),
                t,
                text[e..].chars().next(),
            )
        };
        // The joined run first (it may hold a lost no-break space), then the run alone.
        let ends = std::iter::once(joined_end).chain((joined_end != end).then_some(end));
        let fix = ends.filter(|&e| e <= next_fix).find_map(|e| {
            let run = &text[start..e];
            let new = read_all(run).filter(|n| n != run)?;
            (in_context(e, &new) <= in_context(e, run)).then(|| (start, e, new, layers.to_vec()))
        });
        pos = fix.as_ref().map_or(end, |f| f.1);
        out.extend(fix);
    }
    out.extend(fixes);
    out
}

/// Where a run ending at `end`, before a space, ends when joined with that space and the run
/// straight after it, if there is one: the space may be a no-break space byte made plain.
fn joined_end(text: &str, end: usize) -> usize {
    match text[end + 1..].chars().next() {
        Some(c) if !c.is_ascii() => run_end(text, end + 1),
        _ => end + 1,
    }
}

/// Where the next run of non-ASCII characters after `pos` starts, relative to `pos`.
/// (UTF-8 writes them with bytes from 0x80 only, so bytes find them.)
fn next_run(text: &str, pos: usize) -> Option<usize> {
    text.as_bytes()[pos..].iter().position(|b| !b.is_ascii())
}

/// The end of the run of non-ASCII characters starting at `start`.
fn run_end(text: &str, start: usize) -> usize {
    (text.as_bytes()[start..].iter())
        .position(u8::is_ascii)
        .map_or(text.len(), |e| start + e)
}

/// C1 control characters (U+0080–U+009F) are never written on purpose: they are windows-1252
/// punctuation (“ ” … – —) read as latin-1. Returns the text and how many were replaced;
/// the five bytes windows-1252 leaves undefined stay.
fn c1_as_windows_1252(text: Cow<'_, str>) -> (Cow<'_, str>, usize) {
    let is_c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c);
    if !text.contains(is_c1) {
        return (text, 0);
    }
    let mut count = 0;
    let out = text
        .chars()
        .map(|c| {
            if !is_c1(c) {
                return c;
            }
            let punct = Misread::Windows1252
                .decode(&[c as u8])
                .chars()
                .next()
                .filter(|p| !is_c1(*p));
            count += usize::from(punct.is_some());
            punct.unwrap_or(c)
        })
        .collect();
    (Cow::Owned(out), count)
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
            assert!(matches!(repair(clean).text, Cow::Borrowed(_)), "{clean}");
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
                // An encoding that leaves bytes undefined loses them (U+FFFD): not restorable.
                if garbled == text || garbled.contains('\u{FFFD}') {
                    continue;
                }
                let repaired = repair(&garbled);
                assert_eq!(repaired.text, text, "{} gave {garbled}", m.name());
                assert!(!repaired.undone.is_empty());
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
        let repaired = repair(&garbled);
        assert_eq!(repaired.text, text);
        assert_eq!(repaired.undone, [Misread::Koi8]);
    }

    #[test]
    fn two_layers_are_undone() {
        let text = "Привет из Бишкека";
        let garbled = garble(text, &[Misread::Windows1251, Misread::Windows1252]);
        assert_eq!(repair(&garbled).text, text);
    }

    #[test]
    fn damaged_spans_are_repaired_in_place() {
        let text = format!(
            "Clean start. {} «{}» end.",
            garble("Сломанный текст", &[Misread::Windows1251]),
            garble("тут", &[Misread::Windows1251])
        );
        assert_eq!(
            repair(&text).text,
            "Clean start. Сломанный текст «тут» end."
        );
    }

    /// The kinds of damage the web does beyond one misreading, each as a crawl finds it.
    #[test]
    fn web_damage_beyond_one_misreading_is_undone() {
        for (damaged, clean) in [
            ("Ã  la carte", "à la carte"),
            ("voilÃ  la carte", "voilà la carte"),
            ("cafÃ©\u{85}", "café…"),
            ("I\u{92}m here \u{93}quoted\u{94}", "I’m here “quoted”"),
            ("√úber die Br√ºcke", "Über die Brücke"),
            ("Ĺ˝luĹĄouÄŤkĂ˝ kĹŻĹ\u{88}", "Žluťoučký kůň"),
            ("Il lâ€\u{FFFD}a dit", "Il l\u{FFFD}a dit"),
            ("Great í\u{A0}½í¸€ news", "Great 😀 news"),
            ("Ã\u{83}Â©tÃ\u{83}Â©", "été"),
            ("Ã\u{83}Æ\u{92}Ã\u{82}Â©", "é"),
            ("Р РѕСЃСЃРёСЏ", "Россия"),
            // ρ is CF 81, and 0x81 has no windows-1252 character: dropped, "Ï" stays.
            ("ÎšÎ±Î»Î·Î¼Î\u{AD}ÏÎ±", "ΚαλημέÏα"),
            ("Ã¯Â»Â¿Hello", "\u{FEFF}Hello"),
        ] {
            assert_eq!(repair(damaged).text, clean, "{damaged}");
        }
        for clean in [
            "IRMÃ E MÃE",
            "The letter Ã’s shape",
            "HÅ\u{A0}ÖÄ",
            "┌──────────┬──────────┐",
        ] {
            assert_eq!(repair(clean).text, clean);
        }
    }
}
