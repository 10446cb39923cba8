//! The multilingual mojibake suite of `tilmech eval encoding`: sentences in many scripts
//! (`sentences.tsv`: `<language><TAB><text>`) garbled every way the web garbles UTF-8, which
//! decoding must give back exactly, and negatives (`negatives.txt`: text that looks odd but is
//! right), which it must leave exactly as they are.

use crate::decode::mojibake::Misread;
use crate::decode::Decoder;
use crate::document::Format;
use std::fmt;
use std::path::Path;

/// One way UTF-8 text gets damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Read through these encodings in turn (innermost first) and saved as UTF-8.
    Layers(&'static [Misread]),
    /// Read through windows-1252, then every no-break space made a plain space.
    LostNbsp(Misread),
    /// Encoded as windows-1252 and read as latin-1: punctuation becomes C1 controls.
    C1Punctuation,
    /// Read through windows-1252, then put between correct curly quotes.
    CurlyQuotesAround,
    /// Read through windows-1252 with one byte lost to U+FFFD: that character comes back as
    /// U+FFFD, the rest is repaired.
    LostByte,
    /// Astral characters written as the UTF-8 of their UTF-16 surrogates (CESU-8), read
    /// through this encoding.
    Cesu8(Misread),
}

impl Damage {
    /// Every damage the suite applies.
    pub fn all() -> Vec<Damage> {
        use Misread::*;
        const LAYERS: [&[Misread]; 20] = [
            &[Windows1252],
            &[Latin1],
            &[Windows1251],
            &[Windows1250],
            &[Iso8859_2],
            &[Windows1253],
            &[Windows1254],
            &[Windows1257],
            &[MacRoman],
            &[Cp437],
            &[Koi8],
            &[Ibm866],
            &[MacCyrillic],
            &[Iso8859_5],
            &[Windows1252, Windows1252],
            &[Windows1251, Windows1251],
            &[Windows1251, Windows1252],
            &[Windows1250, Windows1252],
            &[MacRoman, Windows1252],
            &[Windows1252, Windows1252, Windows1252],
        ];
        let mut all: Vec<Damage> = LAYERS.into_iter().map(Damage::Layers).collect();
        all.extend([
            Damage::LostNbsp(Windows1252),
            Damage::LostNbsp(Windows1251),
            Damage::C1Punctuation,
            Damage::CurlyQuotesAround,
            Damage::LostByte,
            Damage::Cesu8(Windows1252),
            Damage::Cesu8(Latin1),
        ]);
        all
    }

    pub fn name(&self) -> String {
        let names = |layers: &[Misread]| {
            layers
                .iter()
                .map(|m| m.name())
                .collect::<Vec<_>>()
                .join(", then ")
        };
        match self {
            Damage::Layers(layers) => format!("utf-8 as {}", names(layers)),
            Damage::LostNbsp(m) => format!("utf-8 as {}, no-break spaces lost", m.name()),
            Damage::C1Punctuation => "windows-1252 punctuation as C1 controls".into(),
            Damage::CurlyQuotesAround => "utf-8 as windows-1252 in correct curly quotes".into(),
            Damage::LostByte => "utf-8 as windows-1252, one byte lost to U+FFFD".into(),
            Damage::Cesu8(m) => format!("CESU-8 (surrogates) as {}", m.name()),
        }
    }

    /// The damaged text and what repair must give back, or `None` where this damage does
    /// not apply to `text` (changes nothing, or loses bytes the repair cannot know).
    pub fn apply(&self, text: &str) -> Option<(String, String)> {
        let misread_all = |layers: &[Misread]| {
            let mut s = text.to_string();
            for m in layers {
                s = m.decode(s.as_bytes());
            }
            (s != text && !s.contains('\u{FFFD}')).then_some(s)
        };
        match *self {
            Damage::Layers(layers) => misread_all(layers).map(|s| (s, text.to_string())),
            Damage::LostNbsp(m) => {
                let s = misread_all(&[m])?;
                s.contains('\u{A0}')
                    .then(|| (s.replace('\u{A0}', " "), text.to_string()))
            }
            Damage::C1Punctuation => {
                let bytes = Misread::Windows1252.encode(text)?;
                let s = Misread::Latin1.decode(&bytes);
                s.contains(|c: char| ('\u{80}'..='\u{9F}').contains(&c))
                    .then(|| (s, text.to_string()))
            }
            Damage::CurlyQuotesAround => {
                let s = misread_all(&[Misread::Windows1252])?;
                Some((format!("“{s}”"), format!("“{text}”")))
            }
            Damage::LostByte => {
                // The middle multi-byte character loses its last byte.
                let multi: Vec<(usize, char)> =
                    text.char_indices().filter(|(_, c)| !c.is_ascii()).collect();
                let &(at, lost) = multi.get(multi.len() / 2)?;
                let garble = |t: &str| misread_all_of(t, Misread::Windows1252);
                let head = garble(&text[..at])?;
                let mut damaged_char = garble(&lost.to_string())?;
                damaged_char.pop();
                let tail = garble(&text[at + lost.len_utf8()..])?;
                let expected = format!("{}\u{FFFD}{}", &text[..at], &text[at + lost.len_utf8()..]);
                Some((format!("{head}{damaged_char}\u{FFFD}{tail}"), expected))
            }
            Damage::Cesu8(m) => {
                if !text.chars().any(|c| u32::from(c) > 0xFFFF) {
                    return None;
                }
                let mut bytes = Vec::new();
                for c in text.chars() {
                    let mut units = [0u16; 2];
                    for &unit in c.encode_utf16(&mut units).iter() {
                        if c.len_utf16() == 2 {
                            let u = u32::from(unit);
                            bytes.extend([
                                0xE0 | (u >> 12) as u8,
                                0x80 | ((u >> 6) & 0x3F) as u8,
                                0x80 | (u & 0x3F) as u8,
                            ]);
                        } else {
                            let mut buf = [0u8; 4];
                            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                    }
                }
                let s = m.decode(&bytes);
                (!s.contains('\u{FFFD}')).then(|| (s, text.to_string()))
            }
        }
    }
}

/// `text` read through `m`, if no byte is lost.
fn misread_all_of(text: &str, m: Misread) -> Option<String> {
    let s = m.decode(text.as_bytes());
    (!s.contains('\u{FFFD}')).then_some(s)
}

/// One suite sentence: language code and text.
pub type SuiteSentence = (String, String);

/// Reads `sentences.tsv` and `negatives.txt` from `dir` (lines starting with `#` are comments).
pub fn read_suite(dir: &Path) -> std::io::Result<(Vec<SuiteSentence>, Vec<String>)> {
    let lines = |name: &str| -> std::io::Result<Vec<String>> {
        Ok(std::fs::read_to_string(dir.join(name))?
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect())
    };
    let sentences = lines("sentences.tsv")?
        .into_iter()
        .filter_map(|l| {
            let (lang, text) = l.split_once('\t')?;
            Some((lang.to_string(), text.to_string()))
        })
        .collect();
    Ok((sentences, lines("negatives.txt")?))
}

/// One garbled case: damage, language, damaged text, expected text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Case {
    pub damage: String,
    pub lang: String,
    pub damaged: String,
    pub expected: String,
}

/// Every case the suite builds from its sentences, negatives included (`damage` "negative").
pub fn cases(sentences: &[SuiteSentence], negatives: &[String]) -> Vec<Case> {
    let mut out = Vec::new();
    for damage in Damage::all() {
        for (lang, text) in sentences {
            if let Some((damaged, expected)) = damage.apply(text) {
                out.push(Case {
                    damage: damage.name(),
                    lang: lang.clone(),
                    damaged,
                    expected,
                });
            }
        }
    }
    out.extend(negatives.iter().map(|n| Case {
        damage: "negative".into(),
        lang: "-".into(),
        damaged: n.clone(),
        expected: n.clone(),
    }));
    out
}

/// Results of the suite.
#[derive(Debug, Clone, Default)]
pub struct SuiteEval {
    /// (damage, cases, restored exactly).
    pub by_damage: Vec<(String, usize, usize)>,
    /// (language, cases, restored exactly).
    pub by_lang: Vec<(String, usize, usize)>,
    /// Negatives: (cases, changed).
    pub negatives: (usize, usize),
    /// (damage, damaged, expected, got) of every failure.
    pub failures: Vec<(String, String, String, String)>,
}

/// Decodes every case's UTF-8 bytes as a plain-text document and compares exactly.
pub fn eval_suite(decoder: &Decoder, cases: &[Case]) -> SuiteEval {
    let mut eval = SuiteEval::default();
    let bump = |rows: &mut Vec<(String, usize, usize)>, key: &str, ok: bool| match rows
        .iter_mut()
        .find(|r| r.0 == key)
    {
        Some(r) => {
            r.1 += 1;
            r.2 += usize::from(ok);
        }
        None => rows.push((key.to_string(), 1, usize::from(ok))),
    };
    for case in cases {
        let got = decoder
            .decode("case.txt", Format::Txt, case.damaged.as_bytes())
            .map(|d| d.text)
            .unwrap_or_else(|e| format!("[error] {e}"));
        let ok = got == case.expected;
        if case.damage == "negative" {
            eval.negatives.0 += 1;
            eval.negatives.1 += usize::from(!ok);
        } else {
            bump(&mut eval.by_damage, &case.damage, ok);
            bump(&mut eval.by_lang, &case.lang, ok);
        }
        if !ok {
            eval.failures.push((
                case.damage.clone(),
                case.damaged.clone(),
                case.expected.clone(),
                got,
            ));
        }
    }
    eval
}

impl fmt::Display for SuiteEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let table = |f: &mut fmt::Formatter<'_>, head: &str, rows: &[(String, usize, usize)]| {
            writeln!(f, "| {head} | cases | restored % |\n|---|---:|---:|")?;
            for (key, n, ok) in rows {
                writeln!(f, "| {key} | {n} | {:.1} |", 100.0 * *ok as f64 / *n as f64)?;
            }
            writeln!(f)
        };
        table(f, "damage", &self.by_damage)?;
        table(f, "language", &self.by_lang)?;
        let (n, ok) = self
            .by_damage
            .iter()
            .fold((0, 0), |(n, ok), r| (n + r.1, ok + r.2));
        writeln!(
            f,
            "{n} damaged texts in {} languages, {:.2}% restored exactly",
            self.by_lang.len(),
            100.0 * ok as f64 / n.max(1) as f64
        )?;
        writeln!(
            f,
            "{} negatives, {} changed ({:.2}% unchanged)",
            self.negatives.0,
            self.negatives.1,
            100.0 * (self.negatives.0 - self.negatives.1) as f64 / self.negatives.0.max(1) as f64
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damages_give_back_their_expected_text() {
        let text = "Ça coûte 12 € — “très” bien 😀";
        for damage in Damage::all() {
            let Some((damaged, expected)) = damage.apply(text) else {
                continue;
            };
            assert_ne!(damaged, expected, "{}", damage.name());
            match damage {
                Damage::LostByte => assert!(expected.contains('\u{FFFD}')),
                Damage::CurlyQuotesAround => assert_eq!(expected, format!("“{text}”")),
                _ => assert_eq!(expected, text),
            }
        }
        let (cesu, _) = Damage::Cesu8(Misread::Windows1252)
            .apply(text)
            .expect("has an emoji");
        assert!(cesu.contains("í\u{A0}½"), "{cesu}");
    }
}
