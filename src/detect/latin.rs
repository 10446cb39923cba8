//! Latin-script languages through lingua, restricted to the languages tilmech labels so that
//! its models stay small and its answers fast.

use crate::text::Lang;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

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
}

impl LatinDetector {
    /// Builds the detector with its models loaded now, not on first use.
    pub fn new() -> Self {
        let languages: Vec<Language> = LANGUAGES.iter().map(|(l, _)| *l).collect();
        LatinDetector {
            lingua: LanguageDetectorBuilder::from_languages(&languages)
                .with_preloaded_language_models()
                .build(),
        }
    }

    /// The most likely language and the confidence in it.
    pub fn identify(&self, text: &str) -> (Lang, f64) {
        if let Some(confidence) = plainly_english(text) {
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

/// A fast answer for sentences that are plainly English (two or more English function words,
/// an eighth of the words or more, and three times as many as another language's, which
/// names and titles bring in):
/// lingua takes a hundred times longer and answers the same.
fn plainly_english(text: &str) -> Option<f64> {
    let (mut words, mut english, mut other) = (0usize, 0usize, 0usize);
    for word in text.split(|c: char| !crate::text::is_letter(c) && c != '\'') {
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        other += usize::from(NOT_ENGLISH.contains(&lower.as_str()));
        words += 1;
        english += usize::from(ENGLISH.contains(&lower.as_str()));
    }
    // At least three function words making up a fifth of the words.
    (english >= 3 && english * 5 >= words && english >= 3 * other)
        .then(|| (0.9 + 0.02 * english as f64).min(0.99))
}

impl Default for LatinDetector {
    fn default() -> Self {
        LatinDetector::new()
    }
}

#[cfg(test)]
mod tests {
    use super::plainly_english;

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
}
