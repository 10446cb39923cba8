//! Choosing among legacy encodings. chardetng is made for web pages and guesses poorly on
//! short Cyrillic texts (windows-1251, KOI8, IBM866 and x-mac-cyrillic share their letters
//! between different byte ranges), so every plausible candidate is decoded and scored: few
//! mojibake signs ([`badness`]) and frequent Cyrillic n-grams (the language model).

use super::mojibake::badness_within;
use crate::text::ngram::NgramModel;
use encoding_rs::{
    Encoding, IBM866, ISO_8859_5, KOI8_U, WINDOWS_1251, WINDOWS_1252, X_MAC_CYRILLIC,
};

/// The encodings always considered for non-UTF-8 bytes.
const CANDIDATES: [&Encoding; 6] = [
    WINDOWS_1251,
    KOI8_U,
    IBM866,
    X_MAC_CYRILLIC,
    ISO_8859_5,
    WINDOWS_1252,
];

/// A decoded text and the part of its score that is not the model's: a penalty per mojibake
/// sign per hundred characters, and a little for a declared charset. The whole score adds
/// the model's mean n-gram score (0–255), see [`Candidate::score`].
struct Candidate {
    text: String,
    /// Everything of the score but the model's plausibility.
    base: f64,
}

impl Candidate {
    /// The decoding, or none when its mojibake signs alone keep its score below `floor`
    /// (counting them stops there: a wrong decoding shows enough within a few lines).
    fn new(text: String, hinted: bool, model: Option<&NgramModel>, floor: f64) -> Option<Self> {
        let chars = text.chars().count().max(1) as f64;
        let hint = if hinted { 5.0 } else { 0.0 };
        // With more signs than `cap` the bound is below `floor` by 1500 / chars at least,
        // far beyond rounding.
        let allowed = (most_plausible(model) + hint - floor) * chars / 1500.0;
        let cap = if allowed < 0.0 {
            return None;
        } else if allowed < f64::from(u32::MAX / 2) {
            allowed as u32 + 1
        } else {
            u32::MAX
        };
        let signs = badness_within(&text, cap);
        if signs > cap {
            return None;
        }
        let bad = f64::from(signs + foreign_letters(&text)) * 100.0 / chars;
        let candidate = Candidate {
            text,
            base: -15.0 * bad + hint,
        };
        (candidate.bound(model) >= floor).then_some(candidate)
    }

    /// The highest score the model could add to [`Self::base`].
    fn bound(&self, model: Option<&NgramModel>) -> f64 {
        self.base + most_plausible(model)
    }

    fn score(&self, model: Option<&NgramModel>) -> f64 {
        self.base + model.map_or(0.0, |m| m.plausibility(&self.text))
    }
}

/// The highest plausibility the model gives (none without a model).
fn most_plausible(model: Option<&NgramModel>) -> f64 {
    if model.is_some() {
        255.0
    } else {
        0.0
    }
}

/// Non-ASCII letters outside the script of most letters: "Ј15" in an English text is the
/// windows-1251 reading of "£15".
fn foreign_letters(text: &str) -> u32 {
    use crate::text::ScriptProfile;
    let main = ScriptProfile::of(text).dominant();
    text.chars()
        .filter(|c| !c.is_ascii() && crate::text::Script::of(*c).is_some_and(|s| s != main))
        .count() as u32
}

/// The best encoding for `bytes` among the candidates, chardetng's guess and the hint, and
/// whether it differs from chardetng's guess.
pub fn choose(
    bytes: &[u8],
    model: Option<&NgramModel>,
    hint: Option<&'static Encoding>,
) -> (&'static Encoding, bool) {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, true);
    let mut candidates: Vec<&'static Encoding> = CANDIDATES.to_vec();
    for extra in [Some(guess), hint].into_iter().flatten() {
        if !candidates.contains(&extra) {
            candidates.push(extra);
        }
    }
    let sample = scoring_sample(bytes);
    let decode = |enc: &'static Encoding, floor: f64| {
        let (text, had_errors) = enc.decode_without_bom_handling(&sample);
        if had_errors {
            return None;
        }
        Candidate::new(text.into_owned(), Some(enc) == hint, model, floor)
    };
    // The model's scoring and the mojibake signs are most of the cost, so chardetng's guess
    // (right on most documents) is scored first, and a candidate that falls short of that
    // score by more than the ties below allow is dropped as soon as that shows: it could
    // neither win nor change which near-tied candidate wins.
    let first = decode(guess, f64::NEG_INFINITY).map(|c| c.score(model));
    let floor = first.map_or(f64::NEG_INFINITY, |s| s - 1e-6);
    let mut best = (guess, f64::NEG_INFINITY);
    for enc in candidates {
        let s = match first {
            Some(s) if enc == guess => s,
            _ => match decode(enc, floor) {
                Some(candidate) => candidate.score(model),
                None => continue,
            },
        };
        // Ties keep the earlier candidate; chardetng's guess wins ties against none.
        if s > best.1 + 1e-9 || (enc == guess && (s - best.1).abs() <= 1e-9) {
            best = (enc, s);
        }
    }
    (best.0, best.0 != guess)
}

/// The bytes the candidates are scored on: the whole document up to [`SAMPLE_BYTES`]; beyond,
/// its lines that hold non-ASCII bytes (what tells encodings apart) up to that size, so that a
/// large document costs one decoding per candidate of a bounded sample, not of itself.
fn scoring_sample(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if bytes.len() <= SAMPLE_BYTES {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut sample = Vec::with_capacity(SAMPLE_BYTES + 1024);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        if !line.is_ascii() {
            sample.extend_from_slice(&line[..line.len().min(SAMPLE_BYTES)]);
        }
    }
    std::borrow::Cow::Owned(sample)
}

/// See [`scoring_sample`].
const SAMPLE_BYTES: usize = 64 * 1024;

/// The charset an HTML page or XML document declares in its first 2 KB, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        if let Some(pos) = head.find(key) {
            let label: String = head[pos + key.len()..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                return Some(enc);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_declarations_are_read() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1251\">"),
            Some(WINDOWS_1251)
        );
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"ISO-8859-5\"?>"),
            Some(ISO_8859_5)
        );
        assert_eq!(declared_charset(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn a_large_document_is_scored_on_a_bounded_sample_of_its_non_ascii_lines() {
        let line = "Бишкекте жаңы мектеп ачылды, балдар сабакка барышты.\n";
        let mut text = "<html><head><script>var x = 1;</script></head>\n".repeat(2000);
        text.push_str(&line.repeat(3000));
        let plain = text.replace(['ң', 'ү', 'ө'], "н");
        let (bytes, _, _) = KOI8_U.encode(&plain);
        let sample = scoring_sample(&bytes);
        assert!(sample.len() <= SAMPLE_BYTES + 200);
        assert!(!sample.is_ascii() && sample.len() > SAMPLE_BYTES / 2);
        // The sample chooses as a small document of the same lines does.
        let small_text = line.replace(['ң', 'ү', 'ө'], "н").repeat(50);
        let (small, _, _) = KOI8_U.encode(&small_text);
        assert_eq!(choose(&bytes, None, None), choose(&small, None, None));
    }

    /// Every candidate scored in full, in order: the choice before any was dropped early.
    fn choose_by_every_score(
        bytes: &[u8],
        model: Option<&NgramModel>,
        hint: Option<&'static Encoding>,
    ) -> &'static Encoding {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let guess = detector.guess(None, true);
        let mut candidates: Vec<&'static Encoding> = CANDIDATES.to_vec();
        candidates.extend([Some(guess), hint].into_iter().flatten());
        let mut best = (guess, f64::NEG_INFINITY);
        for enc in candidates {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            let Some(c) = (!had_errors)
                .then(|| Candidate::new(text.into_owned(), Some(enc) == hint, model, f64::MIN))
                .flatten()
            else {
                continue;
            };
            let s = c.score(model);
            if s > best.1 + 1e-9 || (enc == guess && (s - best.1).abs() <= 1e-9) {
                best = (enc, s);
            }
        }
        best.0
    }

    #[test]
    fn dropping_hopeless_candidates_early_chooses_as_scoring_them_all() {
        let model = crate::detect::configured_model(&Default::default()).unwrap();
        let texts = [
            "Бишкекте жаңы мектеп ачылды, балдар сабакка барышты.",
            "Сегодня в Бишкеке открылась новая школа. Дети пошли в школу.",
            "Price: £15, café, naïve résumé — déjà vu.",
            "Ёж. Ъ! ЭЮЯ эюя 123 — «кавычки»",
            "Жаңы мектеп",
            "Привет, мир",
            "Окуучулар",
            "Да.",
        ];
        for text in texts {
            for enc in [WINDOWS_1251, KOI8_U, IBM866, X_MAC_CYRILLIC, WINDOWS_1252] {
                let (bytes, _, unmappable) = enc.encode(text);
                if unmappable {
                    continue;
                }
                for hint in [None, Some(KOI8_U)] {
                    let expected = choose_by_every_score(&bytes, Some(&model), hint);
                    assert_eq!(
                        choose(&bytes, Some(&model), hint).0,
                        expected,
                        "{text} {enc:?}"
                    );
                    let expected = choose_by_every_score(&bytes, None, hint);
                    assert_eq!(choose(&bytes, None, hint).0, expected, "{text} {enc:?}");
                }
            }
        }
    }
}
