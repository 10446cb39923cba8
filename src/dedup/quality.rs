//! Quality signals of a clean text, cheap and as the Gopher (Rae et al. 2021) and C4 (Raffel
//! et al. 2020) filters define them, for filtering downstream; nothing is filtered here.
//! Words are the normalized words of duplicate detection (lower case, punctuation dropped).

use crate::text::Lang;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The signals of one text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Quality {
    /// Sentences: runs of text ended by `.`, `!`, `?` or `…` (a last one without counts).
    pub sentences: u64,
    /// Gopher `mean_word_length`: mean characters per word.
    pub mean_word_length: f64,
    /// Share of the characters that are not white space which are letters.
    pub alphabetic_fraction: f64,
    /// C4: share of the non-empty lines that end in terminal punctuation (`.`, `!`, `?`, `…`,
    /// or a closing quote after one).
    pub lines_ending_in_punctuation: f64,
    /// Gopher `dup_line_frac`: share of the lines that repeat an earlier line.
    pub duplicate_line_fraction: f64,
    /// Gopher `dup_ngram_char_frac` for n = 5: share of the word characters inside word
    /// 5-grams that occur more than once.
    pub duplicate_5gram_char_fraction: f64,
    /// Gopher `top_ngram_char_frac` for n = 2: characters of the most frequent word 2-gram,
    /// times its count, over all word characters.
    pub top_2gram_char_fraction: f64,
    /// Gopher's stop-word rule counts these: words of the document language's stop list
    /// (Kyrgyz, Russian, English; built from the training corpus).
    pub stop_words: u64,
    /// `stop_words` over all words; `null` for a language without a list.
    pub stop_word_fraction: Option<f64>,
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round4(part as f64 / whole as f64)
    }
}

/// The stop list of a language, if tilmech has one (`models/stopwords/<lang>.txt`).
pub fn stop_words(lang: Lang) -> Option<&'static FxHashSet<&'static str>> {
    static KY: OnceLock<FxHashSet<&str>> = OnceLock::new();
    static RU: OnceLock<FxHashSet<&str>> = OnceLock::new();
    static EN: OnceLock<FxHashSet<&str>> = OnceLock::new();
    let (cell, list) = match lang {
        Lang::Ky => (&KY, include_str!("../../models/stopwords/ky.txt")),
        Lang::Ru => (&RU, include_str!("../../models/stopwords/ru.txt")),
        Lang::En => (&EN, include_str!("../../models/stopwords/en.txt")),
        _ => return None,
    };
    Some(cell.get_or_init(|| list.lines().filter(|l| !l.is_empty()).collect()))
}

/// The `n` most frequent normalized words of some sentences, most frequent first.
pub fn most_frequent_words<'a>(sentences: impl Iterator<Item = &'a str>, n: usize) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in sentences {
        for w in crate::normalize::dedup_key(s)
            .split(' ')
            .filter(|w| !w.is_empty())
        {
            if w.chars().all(crate::text::is_letter) {
                *counts.entry(w.to_string()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.into_iter().take(n).map(|(w, _)| w).collect()
}

/// The signals of a non-empty clean text in `lang`, given its `normalize::dedup_key` (which
/// the record stage makes once for the fingerprint and the record too).
pub fn measure(text: &str, key: &str, lang: Lang) -> Quality {
    let stops = stop_words(lang);
    // Each word once as a number (the n-gram counts below hash numbers), with its length and
    // whether it is a stop word: a word repeats, its look-ups need not.
    let mut known: FxHashMap<&str, Word> = FxHashMap::default();
    let mut ids: Vec<u32> = Vec::with_capacity(key.len() / 4);
    let mut lengths: Vec<usize> = Vec::with_capacity(key.len() / 4);
    let mut stop_count = 0;
    for w in key.split(' ').filter(|w| !w.is_empty()) {
        let next = known.len() as u32;
        let word = *known.entry(w).or_insert_with(|| Word {
            id: next,
            length: w.chars().count(),
            stop: stops.is_some_and(|s| s.contains(w)),
        });
        ids.push(word.id);
        lengths.push(word.length);
        stop_count += usize::from(word.stop);
    }
    let words = ids.len();
    let word_chars: usize = lengths.iter().sum();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut seen_lines = FxHashSet::default();
    let repeated_lines = lines.iter().filter(|l| !seen_lines.insert(**l)).count();
    let ends = |l: &&&str| {
        l.trim_end_matches(['"', '»', '”', '\'', ')'])
            .ends_with(['.', '!', '?', '…'])
    };
    let characters = characters(text);
    Quality {
        sentences: characters.sentences,
        mean_word_length: ratio(word_chars, words),
        alphabetic_fraction: ratio(characters.letters, characters.visible),
        lines_ending_in_punctuation: ratio(lines.iter().filter(ends).count(), lines.len()),
        duplicate_line_fraction: ratio(repeated_lines, lines.len()),
        duplicate_5gram_char_fraction: ratio(
            duplicate_ngram_chars::<5>(&ids, &lengths),
            word_chars,
        ),
        top_2gram_char_fraction: ratio(top_ngram_chars::<2>(&ids, &lengths), word_chars),
        stop_words: stop_count as u64,
        stop_word_fraction: stops.map(|_| ratio(stop_count, words)),
    }
}

/// What [`measure`] keeps of a distinct word.
#[derive(Clone, Copy)]
struct Word {
    id: u32,
    /// In characters.
    length: usize,
    stop: bool,
}

/// Counts of a text's characters, taken in one pass.
struct Characters {
    /// Not white space.
    visible: usize,
    letters: usize,
    /// Runs of text ended by `.`, `!`, `?` or `…` followed by white space or the end (a last
    /// one without counts).
    sentences: u64,
}

fn characters(text: &str) -> Characters {
    let mut counts = Characters {
        visible: 0,
        letters: 0,
        sentences: 0,
    };
    let mut open = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        counts.visible += 1;
        let letter = crate::text::is_letter(c);
        counts.letters += usize::from(letter);
        if matches!(c, '.' | '!' | '?' | '…') {
            let at_end = chars.peek().is_none_or(|n| n.is_whitespace());
            if open && at_end {
                counts.sentences += 1;
                open = false;
            }
        } else if letter || crate::text::is_word_char(c) {
            open = true;
        }
    }
    counts.sentences += u64::from(open);
    counts
}

/// Characters of the words covered by word `N`-grams that occur more than once; words by their
/// numbers (`ids`) and lengths in characters.
fn duplicate_ngram_chars<const N: usize>(ids: &[u32], lengths: &[usize]) -> usize {
    if ids.len() < N {
        return 0;
    }
    let grams = Grams::of::<N>(ids);
    let mut covered = vec![false; ids.len()];
    for (i, &gram) in grams.at.iter().enumerate() {
        if grams.seen[gram as usize].count > 1 {
            covered[i..i + N].iter_mut().for_each(|c| *c = true);
        }
    }
    (0..ids.len())
        .filter(|&i| covered[i])
        .map(|i| lengths[i])
        .sum()
}

/// Characters of the most frequent word `N`-gram times its count.
fn top_ngram_chars<const N: usize>(ids: &[u32], lengths: &[usize]) -> usize {
    (Grams::of::<N>(ids).seen.iter())
        .filter(|g| g.count > 1)
        .map(|g| lengths[g.first..g.first + N].iter().sum::<usize>() * g.count)
        .max()
        .unwrap_or(0)
}

/// The word n-grams of a text, numbered in the order they first occur.
struct Grams {
    /// The number of the n-gram at each position.
    at: Vec<u32>,
    /// Per number: how often it occurs, and where first.
    seen: Vec<Seen>,
}

struct Seen {
    count: usize,
    first: usize,
}

impl Grams {
    /// Of the words numbered `ids`; each n-gram is hashed once, as an array.
    fn of<const N: usize>(ids: &[u32]) -> Grams {
        let mut numbers: FxHashMap<[u32; N], u32> = FxHashMap::default();
        numbers.reserve(ids.len());
        let mut grams = Grams {
            at: Vec::with_capacity(ids.len()),
            seen: Vec::new(),
        };
        for (i, w) in ids.windows(N).enumerate() {
            let gram = <[u32; N]>::try_from(w).expect("windows of N");
            let next = grams.seen.len() as u32;
            let number = *numbers.entry(gram).or_insert(next);
            if number == next {
                grams.seen.push(Seen { count: 0, first: i });
            }
            grams.seen[number as usize].count += 1;
            grams.at.push(number);
        }
        grams
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences by their definition: a run of letters or digits ends one at the first `.`,
    /// `!`, `?` or `…` followed by white space or the end; a last run without counts too.
    fn sentences_by_definition(text: &str) -> u64 {
        let chars: Vec<char> = text.chars().collect();
        let mut n = 0;
        let mut open = false;
        for (i, &c) in chars.iter().enumerate() {
            let at_end = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if matches!(c, '.' | '!' | '?' | '…') && open && at_end {
                n += 1;
                open = false;
            } else if crate::text::is_word_char(c) {
                open = true;
            }
        }
        n + u64::from(open)
    }

    #[test]
    fn characters_count_in_one_pass_as_each_by_its_definition() {
        let alphabet = [
            'a', 'я', '1', '٣', 'µ', '.', '!', '…', '»', ' ', '\n', '\u{A0}',
        ];
        for text in &crate::text::every_string(&alphabet, 4) {
            let counts = characters(text);
            let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(counts.visible, visible.len(), "{text:?}");
            let letters = visible
                .iter()
                .filter(|&&c| crate::text::is_letter(c))
                .count();
            assert_eq!(counts.letters, letters, "{text:?}");
            assert_eq!(counts.sentences, sentences_by_definition(text), "{text:?}");
        }
    }

    #[test]
    fn repeated_ngrams_count_the_characters_they_cover() {
        // "aa b c d e" twice, then "zzz": the 5-gram covers ten words of 6 letters each time,
        // the 2-grams occur twice each, the longest ("aa b") has three letters.
        let text = "aa b c d e aa b c d e zzz";
        let q = measure(text, text, Lang::En);
        assert_eq!(q.duplicate_5gram_char_fraction, round4(12.0 / 15.0));
        assert_eq!(q.top_2gram_char_fraction, round4(6.0 / 15.0));
        let once = "aa b c d e zzz";
        assert_eq!(
            measure(once, once, Lang::En).duplicate_5gram_char_fraction,
            0.0
        );
    }

    #[test]
    fn signals_of_a_clean_article_and_of_a_repetitive_page() {
        let article = "Бишкекте жаңы мектеп ачылды. Анда беш жүз окуучу окуйт!\nМугалимдер бул күндү көптөн бери күтүштү, деди директор.";
        let key = |t: &str| crate::normalize::dedup_key(t);
        let q = measure(article, &key(article), Lang::Ky);
        assert_eq!(q.sentences, 3);
        assert_eq!(q.lines_ending_in_punctuation, 1.0);
        assert_eq!(q.duplicate_line_fraction, 0.0);
        assert_eq!(q.duplicate_5gram_char_fraction, 0.0);
        assert!(q.alphabetic_fraction > 0.9);
        assert!(q.mean_word_length > 4.0 && q.mean_word_length < 9.0);
        assert!(q.stop_words >= 2, "{q:?}");
        let spam = "Buy now and save\nBuy now and save\nBuy now and save\nclick here";
        let q = measure(spam, &key(spam), Lang::En);
        assert_eq!(q.duplicate_line_fraction, 0.5);
        assert_eq!(q.lines_ending_in_punctuation, 0.0);
        assert!(q.duplicate_5gram_char_fraction > 0.7, "{q:?}");
        assert!(q.top_2gram_char_fraction > 0.3, "{q:?}");
        assert_eq!(
            measure("Текст.", &key("Текст."), Lang::Tt).stop_word_fraction,
            None
        );
    }
}
