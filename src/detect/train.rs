//! Training the Cyrillic n-gram model from `<lang>.txt` sentence files, and the English one
//! that spares lingua most English text.

use crate::corpus::LabelledSentences;
use crate::text::lookalikes::without_kyrgyz_letters;
use crate::text::ngram::{NgramModel, TrainParams};
use crate::text::ScriptProfile;
use crate::text::{Lang, Script};

/// Keeps the languages written in Cyrillic (most letters of their sentences) and adds, for
/// Kyrgyz, copies of every third sentence typed without the Kyrgyz letters (ү → у, ө → о,
/// ң → н), as people do on keyboards that lack them.
pub fn training_set(data: &LabelledSentences) -> LabelledSentences {
    data.iter()
        .filter(|(_, sentences)| {
            let profile = ScriptProfile::of(&sentences.concat());
            profile.dominant() == Script::Cyrl
        })
        .map(|(lang, sentences)| {
            let mut out = sentences.clone();
            if *lang == Lang::Ky {
                out.extend(
                    sentences
                        .iter()
                        .step_by(3)
                        .map(|s| without_kyrgyz_letters(s)),
                );
            }
            (*lang, out)
        })
        .collect()
}

/// Trains the model; `source` names the data in the model's provenance.
pub fn train(data: &LabelledSentences, params: TrainParams, source: &str) -> NgramModel {
    let set = training_set(data);
    let counts: Vec<String> = set
        .iter()
        .map(|(l, s)| format!("{l}:{}", s.len()))
        .collect();
    let provenance = format!(
        "tilmech {} `train langid` on {source}; sentences (with augmentation) {}; bits {}, max order {}, alpha {}",
        env!("CARGO_PKG_VERSION"),
        counts.join(" "),
        params.bits,
        params.max_order,
        params.alpha
    );
    NgramModel::train(&set, params, provenance)
}

/// Trains the English model on English sentences; `source` names them in its provenance.
pub fn train_english(sentences: &[String], params: TrainParams, source: &str) -> NgramModel {
    let provenance = format!(
        "tilmech {} `train english` on {source}; {} sentences; bits {}, max order {}, alpha {}",
        env!("CARGO_PKG_VERSION"),
        sentences.len(),
        params.bits,
        params.max_order,
        params.alpha
    );
    NgramModel::train(&[(Lang::En, sentences.to_vec())], params, provenance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_languages_are_left_to_lingua() {
        let data = vec![
            (Lang::En, vec!["An English sentence.".to_string()]),
            (Lang::Ky, vec!["Бүгүн жаңы өкмөт".to_string(); 3]),
        ];
        let set = training_set(&data);
        assert_eq!(set.len(), 1);
        assert_eq!(set[0].0, Lang::Ky);
        assert_eq!(set[0].1.len(), 4);
        assert_eq!(set[0].1[3], "Бугун жаны окмот");
    }
}
