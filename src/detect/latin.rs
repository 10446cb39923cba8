//! Latin-script languages. Most Latin-script text here is English, and lingua pays a trie
//! walk per n-gram per language, a hundred times the cost of tilmech's own models. So English
//! is recognized first, by its function words or by tilmech's English n-gram model, and only
//! the rest goes to lingua, restricted to the languages tilmech labels.

use crate::text::ngram::NgramModel;
use crate::text::Lang;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The English n-gram model built into the binary (see models/README.md for how it was
/// trained).
static ENGLISH_MODEL: &[u8] = include_bytes!("../../models/english.ngm");

/// The English model's plausibility (mean quantized n-gram score, 0–255) above which a text
/// with no other language's function words is English without asking lingua. Chosen on the
/// training sentences (`train english` prints how many it tells without lingua), and kept
/// below other Latin languages' sentences. The scale belongs to the model file as
/// `train english` builds it.
const ENGLISH_PLAUSIBILITY_MIN: f64 = 160.0;

/// The Latin-script languages lingua decides between.
const LANGUAGES: [(Language, Lang); 6] = [
    (Language::English, Lang::En),
    (Language::German, Lang::De),
    (Language::French, Lang::Fr),
    (Language::Spanish, Lang::Es),
    (Language::Italian, Lang::It),
    (Language::Turkish, Lang::Tr),
];

/// lingua's confidence needed to label Latin-script text as a language other than English.
const OTHER_LATIN_MIN: f64 = 0.6;

pub struct LatinDetector {
    lingua: LanguageDetector,
    english: NgramModel,
}

impl LatinDetector {
    /// Builds the detector with its models loaded now, not on first use.
    pub fn new() -> Self {
        let languages: Vec<Language> = LANGUAGES.iter().map(|(l, _)| *l).collect();
        LatinDetector {
            lingua: LanguageDetectorBuilder::from_languages(&languages)
                .with_preloaded_language_models()
                .build(),
            english: NgramModel::read(ENGLISH_MODEL).expect("the embedded English model reads"),
        }
    }

    fn english_by_model(&self, text: &str, words: &FunctionWords) -> Option<f64> {
        english_by_model(&self.english, text, words)
    }

    /// The most likely language and the confidence in it.
    pub fn identify(&self, text: &str) -> (Lang, f64) {
        let words = FunctionWords::of(text);
        if let Some(confidence) = words
            .plainly_english()
            .or_else(|| self.english_by_model(text, &words))
        {
            return (Lang::En, confidence);
        }
        let values = self.lingua.compute_language_confidence_values(text);
        let confidence_of = |lang: Lang| {
            values
                .iter()
                .find(|(l, _)| LANGUAGES.iter().any(|&(ll, tl)| ll == *l && tl == lang))
                .map_or(0.0, |&(_, c)| c)
        };
        let best = values.first().and_then(|&(language, confidence)| {
            LANGUAGES
                .iter()
                .find(|(l, _)| *l == language)
                .map(|&(_, lang)| (lang, confidence))
        });
        match best {
            // English is the Latin-script language of this corpus: another one must be clear.
            Some((lang, confidence)) if lang != Lang::En && confidence < OTHER_LATIN_MIN => {
                (Lang::En, confidence_of(Lang::En))
            }
            Some(found) => found,
            None => (Lang::Und, 0.0),
        }
    }
}

/// Function words frequent in English and absent (as words) from the other languages here.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "that", "for", "with", "are", "be", "this", "have", "has",
    "it", "on", "by", "from", "at", "were", "they", "which", "not", "or", "their", "been", "we",
    "you", "he", "she", "his", "her", "would", "there", "what", "about", "can", "but", "who",
    "its", "had", "our", "more", "after", "into", "than", "these",
];

/// Function words of the other Latin-script languages here (German, French, Spanish, Italian,
/// Turkish) that are not English words.
const NOT_ENGLISH: &[&str] = &[
    "der", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit", "sich", "des",
    "auf", "für", "im", "dem", "le", "la", "les", "et", "est", "une", "du", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "el", "los", "las", "del", "y", "en", "es", "por", "con", "para",
    "una", "il", "di", "che", "è", "per", "non", "sono", "gli", "della", "ve", "bir", "bu", "için",
    "ile", "da", "de", "çok", "olarak", "gibi", "ich", "wir", "sie", "auch", "nous", "vous",
    "mais", "ou", "lo", "se", "su", "al", "ne", "ma",
];

/// Whether a function word is English (`true`) or another language's (`false`): the lists
/// above as one map, made once.
fn function_words() -> &'static FxHashMap<&'static str, bool> {
    static WORDS: OnceLock<FxHashMap<&str, bool>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let english = ENGLISH.iter().map(|&w| (w, true));
        english
            .chain(NOT_ENGLISH.iter().map(|&w| (w, false)))
            .collect()
    })
}

/// English by the n-gram model: three words or more, none of them another language's
/// function word, and n-grams as English as those of nearly all English sentences.
fn english_by_model(model: &NgramModel, text: &str, words: &FunctionWords) -> Option<f64> {
    if words.words < 3 || words.other > 0 {
        return None;
    }
    let plausibility = model.plausibility(text);
    (plausibility >= ENGLISH_PLAUSIBILITY_MIN)
        .then(|| (0.9 + (plausibility - ENGLISH_PLAUSIBILITY_MIN) / 200.0).min(0.99))
}

/// How many of `sentences` an English `model` (with the function words) tells English without
/// lingua: what `train english` prints about the model it built.
pub fn told_without_lingua(model: &NgramModel, sentences: &[String]) -> usize {
    (sentences.iter())
        .filter(|s| {
            let words = FunctionWords::of(s);
            words.plainly_english().is_some() || english_by_model(model, s, &words).is_some()
        })
        .count()
}

/// How many words a text has, and how many of them are English and other languages'
/// function words.
struct FunctionWords {
    words: usize,
    english: usize,
    other: usize,
}

impl FunctionWords {
    fn of(text: &str) -> Self {
        let mut counts = FunctionWords {
            words: 0,
            english: 0,
            other: 0,
        };
        let mut lower = String::new();
        for word in text.split(|c: char| !crate::text::is_letter(c) && c != '\'') {
            if word.is_empty() {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(crate::text::to_lowercase));
            counts.words += 1;
            match function_words().get(lower.as_str()) {
                Some(true) => counts.english += 1,
                Some(false) => counts.other += 1,
                None => {}
            }
        }
        counts
    }

    /// A fast answer for sentences that are plainly English (three or more English function
    /// words, a fifth of the words or more, and three times as many as another language's,
    /// which names and titles bring in): lingua takes a hundred times longer and answers the
    /// same.
    fn plainly_english(&self) -> Option<f64> {
        (self.english >= 3 && self.english * 5 >= self.words && self.english >= 3 * self.other)
            .then(|| (0.9 + 0.02 * self.english as f64).min(0.99))
    }
}

impl Default for LatinDetector {
    fn default() -> Self {
        LatinDetector::new()
    }
}

#[cfg(test)]
mod tests {
    use super::{function_words, FunctionWords, LatinDetector, ENGLISH, NOT_ENGLISH};
    use crate::text::Lang;

    fn plainly_english(text: &str) -> Option<f64> {
        FunctionWords::of(text).plainly_english()
    }

    #[test]
    fn english_function_words_decide() {
        assert!(
            plainly_english("The memorandum provides for cooperation of the parties.").is_some()
        );
        assert!(plainly_english(
            "The project was aimed at improving the observance of human rights."
        )
        .is_some());
        assert!(
            plainly_english("Der Hund und die Katze sind in the garden of the house.").is_none()
        );
        assert!(plainly_english(
            "It is funded by the EU and led by the Gesellschaft für Zusammenarbeit."
        )
        .is_some());
        assert!(
            plainly_english("Das ist nicht, was wir für die Stadt und das Land wollen.").is_none()
        );
        assert!(plainly_english("Skip to content").is_none());
        assert!(plainly_english("Il est parti pour la ville avec sa mère.").is_none());
    }

    #[test]
    fn each_function_word_belongs_to_one_list() {
        // The map holds each word once: a word on both lists would count for one only.
        assert_eq!(function_words().len(), ENGLISH.len() + NOT_ENGLISH.len());
        assert!(ENGLISH.iter().all(|w| function_words()[w]));
        assert!(NOT_ENGLISH.iter().all(|w| !function_words()[w]));
    }

    #[test]
    fn the_english_model_answers_without_lingua_only_for_english() {
        let detector = LatinDetector::new();
        let english = "Great food and nice people, very pleasant experience.";
        let words = FunctionWords::of(english);
        assert!(words.plainly_english().is_none());
        assert!(detector.english_by_model(english, &words).is_some());
        // Other languages' sentences with none of their function words go to lingua.
        for other in [
            "Rückkehr nach Deutschland erwartet",
            "Définition des objectifs des services",
            "Sobre los servicios hay dos posibilidades",
        ] {
            let words = FunctionWords::of(other);
            assert!(
                detector.english_by_model(other, &words).is_none(),
                "{other}"
            );
        }
        assert_eq!(detector.identify(english).0, Lang::En);
        assert_eq!(
            detector
                .identify("Die Kinder spielen im Garten hinter dem Haus.")
                .0,
            Lang::De
        );
    }
}
