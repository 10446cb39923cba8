//! Segments: every paragraph is labelled; a paragraph that mixes languages is split at
//! sentence (or line) boundaries where a long enough part confidently differs from the whole.

use super::{Detection, LanguageIdentifier};
use crate::text::ScriptProfile;
use crate::text::{Lang, Script};

/// A span of the record's text in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Offset of the first character, in Unicode scalar values into `text`.
    pub start: usize,
    /// Offset just past the last character (exclusive), in Unicode scalar values.
    pub end: usize,
    pub lang: Lang,
    pub confidence: f64,
    pub script: Script,
}

/// Labels one paragraph; `offset` is the paragraph's character offset in the text.
/// `min_letters` is how long a sentence must be to stand apart from its paragraph's language
/// (a change of script needs only the detector's own minimum).
pub fn segment_paragraph(
    identifier: &dyn LanguageIdentifier,
    paragraph: &str,
    offset: usize,
    min_letters: usize,
) -> Vec<Segment> {
    let chars: Vec<char> = paragraph.chars().collect();
    let units = split_units(&chars);
    if units.len() == 1 {
        return merge(
            vec![(units[0].0, units[0].1, identifier.identify(paragraph))],
            offset,
        );
    }
    let texts: Vec<String> = (units.iter())
        .map(|&(start, end)| chars[start..end].iter().collect())
        .collect();
    let parts: Vec<&str> = texts.iter().map(String::as_str).collect();
    // A sentence is identified on its own when it has the letters for it or another script.
    let ask = |whole: &Detection, unit: &str| {
        crate::budget::check();
        let profile = ScriptProfile::of(unit);
        let own_script = profile.dominant() != whole.script && profile.dominant() != Script::Zyyy;
        profile.letters() >= min_letters || own_script
    };
    let (whole, found) = identifier.identify_with_parts(paragraph, &parts, &ask);
    let labelled = (units.iter().zip(found))
        .map(|(&(start, end), detection)| {
            let detection = match detection {
                Some(d) if d.lang != Lang::Und && d.lang != whole.lang => d,
                _ => whole,
            };
            (start, end, detection)
        })
        .collect();
    merge(labelled, offset)
}

/// Joins neighbouring units of one language; confidence is their length-weighted mean.
fn merge(units: Vec<(usize, usize, Detection)>, offset: usize) -> Vec<Segment> {
    let mut out: Vec<(Segment, f64)> = Vec::new();
    for (start, end, d) in units {
        let weight = (end - start) as f64;
        match out.last_mut() {
            Some((seg, w)) if seg.lang == d.lang && seg.script == d.script => {
                seg.confidence = (seg.confidence * *w + d.confidence * weight) / (*w + weight);
                seg.end = offset + end;
                *w += weight;
            }
            _ => out.push((
                Segment {
                    start: offset + start,
                    end: offset + end,
                    lang: d.lang,
                    confidence: d.confidence,
                    script: d.script,
                },
                weight,
            )),
        }
    }
    out.into_iter()
        .map(|(mut s, _)| {
            s.confidence = round4(s.confidence);
            s
        })
        .collect()
}

/// Rounds a confidence to four decimals, so records stay readable and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Splits a paragraph into sentences and lines: `(start, end)` character ranges that cover
/// it without gaps, each ending before the whitespace that follows it.
fn split_units(chars: &[char]) -> Vec<(usize, usize)> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let boundary = if chars[i] == '\n' {
            Ok(i)
        } else if matches!(chars[i], '.' | '!' | '?' | '…') {
            sentence_end(chars, i)
        } else {
            Err(i + 1)
        };
        match boundary {
            Ok(end) => {
                let mut next = end;
                while next < chars.len() && chars[next].is_whitespace() {
                    next += 1;
                }
                if end > start {
                    units.push((start, end));
                }
                start = next;
                i = next;
            }
            // Past the whole run of punctuation: each of its dots would end where it ends.
            Err(resume) => i = resume,
        }
    }
    if start < chars.len() {
        units.push((start, chars.len()));
    }
    units
}

/// If the terminal punctuation at `i` ends a sentence, `Ok` with the index just past it (and
/// any closing quotes or brackets): the next word must start with a capital, a digit, a quote
/// or a dash. Otherwise `Err` with the index past that run of punctuation.
fn sentence_end(chars: &[char], i: usize) -> Result<usize, usize> {
    let mut end = i + 1;
    while end < chars.len()
        && matches!(
            chars[end],
            '.' | '!' | '?' | '…' | '"' | '»' | '”' | '\'' | ')'
        )
    {
        end += 1;
    }
    let mut next = end;
    if next >= chars.len() || !chars[next].is_whitespace() {
        return Err(end);
    }
    while next < chars.len() && chars[next].is_whitespace() {
        next += 1;
    }
    match chars.get(next) {
        Some(&c)
            if c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '«' | '“' | '—' | '–' | '-') =>
        {
            Ok(end)
        }
        _ => Err(end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels by script alone: Cyrillic is ru, Latin is en.
    struct ByScript;
    impl LanguageIdentifier for ByScript {
        fn identify(&self, text: &str) -> Detection {
            let script = ScriptProfile::of(text).dominant();
            let lang = match script {
                Script::Cyrl => Lang::Ru,
                Script::Latn => Lang::En,
                _ => Lang::Und,
            };
            Detection {
                lang,
                confidence: 0.9,
                script,
            }
        }
    }

    #[test]
    fn units_cover_sentences_and_lines() {
        let chars: Vec<char> = "One. Two!\nThree e.g. four. 5 five".chars().collect();
        let units: Vec<String> = split_units(&chars)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect();
        assert_eq!(units, vec!["One.", "Two!", "Three e.g. four.", "5 five"]);
    }

    #[test]
    fn mixed_paragraph_splits_at_the_language_change() {
        let p = "This is an English sentence about the project. Бул кыргыз тилиндеги сүйлөм болуп саналат. And English again here.";
        let segs = segment_paragraph(&ByScript, p, 10, 20);
        let langs: Vec<Lang> = segs.iter().map(|s| s.lang).collect();
        assert_eq!(langs, vec![Lang::En, Lang::Ru, Lang::En]);
        assert_eq!(segs[0].start, 10);
        assert_eq!(segs[2].end, 10 + p.chars().count());
        let second: String = p
            .chars()
            .skip(segs[1].start - 10)
            .take(segs[1].end - segs[1].start)
            .collect();
        assert_eq!(second, "Бул кыргыз тилиндеги сүйлөм болуп саналат.");
    }

    #[test]
    fn short_sentences_follow_their_paragraph() {
        let p = "Short one. Another short. A third and longer English sentence follows here.";
        let segs = segment_paragraph(&ByScript, p, 0, 20);
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].lang, Lang::En);
    }
}
