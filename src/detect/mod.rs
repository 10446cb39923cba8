//! Language identification. Script first: Cyrillic text goes to tilmech's own n-gram model
//! (which knows Kyrgyz; lingua does not), Latin text to lingua, anything else is `und` with
//! its script. Built once per run and shared by all workers.

mod cache;
pub mod latin;
pub mod segment;
pub mod train;

use crate::config::DetectConfig;
use crate::error::RunError;
use crate::text::ngram::{NgramModel, Scores};
use crate::text::ScriptProfile;
use crate::text::{Lang, Script};
use cache::DetectionCache;
use latin::LatinDetector;
use std::path::Path;
use std::sync::Arc;

/// The Cyrillic model built into the binary (see models/README.md for how it was trained).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/cyrillic.ngm");

/// The language of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub lang: Lang,
    /// 0..=1; 0 for `und` by rule (too few letters).
    pub confidence: f64,
    pub script: Script,
}

/// Whether a part of a text is to be identified, given the text's detection and the part.
pub type AskPart<'a> = &'a dyn Fn(&Detection, &str) -> bool;

/// A text's detection and those of the parts asked about (`None` for the others).
pub type PartsDetected = (Detection, Vec<Option<Detection>>);

/// Anything that tells the language of a text; the pipeline only sees this.
pub trait LanguageIdentifier: Send + Sync {
    fn identify(&self, text: &str) -> Detection;

    /// The language of `text` and of each of its `parts` that `ask` picks (given the text's
    /// detection and the part). The parts are the sentences segmentation splits a paragraph
    /// into: between them they hold every letter of `text`, and no word is split, so an
    /// identifier that adds up its evidence (the n-gram model) can read each letter once.
    fn identify_with_parts(&self, text: &str, parts: &[&str], ask: AskPart<'_>) -> PartsDetected {
        identify_each(self, text, parts, ask)
    }
}

/// [`LanguageIdentifier::identify_with_parts`] by identifying the text and each part asked.
fn identify_each<I: LanguageIdentifier + ?Sized>(
    identifier: &I,
    text: &str,
    parts: &[&str],
    ask: AskPart<'_>,
) -> PartsDetected {
    let whole = identifier.identify(text);
    let each = (parts.iter())
        .map(|part| ask(&whole, part).then(|| identifier.identify(part)))
        .collect();
    (whole, each)
}

/// The identifier used when `detect.enabled = false`: everything is `und`.
pub struct Undetermined;

impl LanguageIdentifier for Undetermined {
    fn identify(&self, text: &str) -> Detection {
        Detection {
            lang: Lang::Und,
            confidence: 0.0,
            script: ScriptProfile::of(text).dominant(),
        }
    }
}

/// Script detection, then the model for that script.
pub struct Detector {
    cyrillic: Arc<NgramModel>,
    latin: LatinDetector,
    min_confidence: f64,
    min_letters: usize,
    remembered: DetectionCache,
}

impl Detector {
    /// Loads the configured Cyrillic model (or the embedded one) and lingua's models.
    pub fn new(config: &DetectConfig) -> Result<Self, RunError> {
        Ok(Self::with_model(
            Arc::new(configured_model(config)?),
            config,
        ))
    }

    pub fn with_model(cyrillic: Arc<NgramModel>, config: &DetectConfig) -> Self {
        Detector {
            cyrillic,
            latin: LatinDetector::new(),
            min_confidence: config.min_confidence,
            min_letters: config.min_letters,
            remembered: DetectionCache::default(),
        }
    }
}

/// The Cyrillic model `detect.model` names, or the one built into the binary.
pub fn configured_model(config: &DetectConfig) -> Result<NgramModel, RunError> {
    match &config.model {
        Some(path) => load_model(path),
        None => NgramModel::read(EMBEDDED_MODEL).map_err(|message| RunError::Model {
            path: "<embedded>".into(),
            message,
        }),
    }
}

/// Reads a model file.
pub fn load_model(path: &Path) -> Result<NgramModel, RunError> {
    let bytes = std::fs::read(path).map_err(|e| RunError::Model {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    NgramModel::read(&bytes).map_err(|message| RunError::Model {
        path: path.to_path_buf(),
        message,
    })
}

impl LanguageIdentifier for Detector {
    fn identify(&self, text: &str) -> Detection {
        self.remembered
            .get_or(text, || self.identify_anew(text, None))
    }

    /// A Cyrillic paragraph is scored by its sentences, whose scores add up to its own; but
    /// not with Kazakh ұ, which the model reads as Kyrgyz ү or not by what else the whole text
    /// holds.
    fn identify_with_parts(&self, text: &str, parts: &[&str], ask: AskPart<'_>) -> PartsDetected {
        if parts.len() < 2 || text.contains(['ұ', 'Ұ']) {
            return identify_each(self, text, parts, ask);
        }
        let mut scored: Vec<Scores> = Vec::new();
        let whole = self.remembered.get_or(text, || {
            if ScriptProfile::of(text).dominant() != Script::Cyrl {
                return self.identify_anew(text, None);
            }
            scored = parts.iter().map(|p| self.cyrillic.score(p)).collect();
            let mut sum = Scores::default();
            for s in &scored {
                sum += s;
            }
            self.identify_anew(text, Some(&sum))
        });
        let each = (parts.iter().enumerate())
            .map(|(i, part)| {
                ask(&whole, part).then(|| {
                    (self.remembered).get_or(part, || self.identify_anew(part, scored.get(i)))
                })
            })
            .collect();
        (whole, each)
    }
}

impl Detector {
    /// `scores`: the Cyrillic model's [`NgramModel::score`] of `text`, when already known.
    fn identify_anew(&self, text: &str, scores: Option<&Scores>) -> Detection {
        let profile = ScriptProfile::of(text);
        let script = profile.dominant();
        let und = Detection {
            lang: Lang::Und,
            confidence: 0.0,
            script,
        };
        if profile.letters() < self.min_letters {
            return und;
        }
        let found = match script {
            Script::Cyrl => match scores {
                Some(scores) => self.cyrillic.classify_scores(scores),
                None => self.cyrillic.classify(text),
            },
            Script::Latn => Some(self.latin.identify(text)),
            _ => None,
        };
        match found {
            Some((lang, confidence))
                if confidence >= self.min_confidence || !is_weak(text, &profile) =>
            {
                Detection {
                    lang,
                    confidence,
                    script,
                }
            }
            Some((_, confidence)) => Detection { confidence, ..und },
            None => und,
        }
    }
}

/// Weak evidence: short, mostly digits or symbols, or a URL or e-mail address. Only such text
/// is held to `min_confidence`; any real sentence gets its best language.
fn is_weak(text: &str, profile: &ScriptProfile) -> bool {
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    profile.letters() < WEAK_LETTERS
        || profile.letters() * 10 < visible * 6
        || text.contains("://")
        || text.contains('@')
        || text.contains("www.")
}

/// Fewer letters than this is too little text to trust a low-confidence answer.
const WEAK_LETTERS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DetectConfig;

    #[test]
    fn a_paragraph_scored_by_its_sentences_is_identified_as_it_is_whole() {
        // Two detectors, so that neither answers from what the other remembered.
        let by_parts = Detector::new(&DetectConfig::default()).unwrap();
        let one_by_one = Detector::new(&DetectConfig::default()).unwrap();
        let paragraphs = [
            "Бүгүн Бишкекте жаңы мектеп ачылды. Балдар мектепке барышты! Өкмөт жардам берди.",
            "Сегодня в Бишкеке открылась новая школа. Дети пошли в школу, а родители остались \
             дома. Правительство помогло построить здание? Да. The school has forty classrooms. \
             Жергиликтүү тургундар бул жаңылыкты кубаныч менен тосуп алышты.",
            "Бул сүйлөм. Ал эми бул — экинчи сүйлөм, бир аз узунураак жана ар кандай \
             тамгалар менен жазылган: ң, ө, ү. Кыска. Дагы бир сүйлөм, акыркысы эмес. \
             Акыркы сүйлөм ушул жерде бүтөт, бирок ал абдан узун болушу керек.",
            "Қазақ тілінде ұ әрпі бар. Кыргыз тилинде ү тамгасы бар.",
        ];
        let ask_all = |_: &Detection, _: &str| true;
        for paragraph in paragraphs {
            let parts: Vec<&str> = paragraph.split_inclusive(". ").collect();
            assert!(parts.len() > 1);
            let expected = identify_each(&one_by_one, paragraph, &parts, &ask_all);
            let found = by_parts.identify_with_parts(paragraph, &parts, &ask_all);
            assert_eq!(found, expected, "{paragraph}");
        }
    }
}
