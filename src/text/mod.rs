//! What every stage knows about text, below all of them: letter classes, languages and
//! scripts, the lookalike tables, and the character n-gram model that identifies Cyrillic
//! languages and scores candidate decodings. Nothing here imports a stage.

pub mod lang;
pub mod letters;
pub mod lookalikes;
pub mod ngram;
pub mod script;

pub use lang::Lang;
pub use letters::{
    collapse_whitespace, count_words, ends_sentence, is_letter, is_word_char, line_words,
    lowercase, lowercase_char, to_lowercase,
};
pub use script::{Script, ScriptProfile};

/// Every string of one to `longest` characters of `alphabet`, shortest first: tests check a
/// fast path against its definition on all of them.
#[cfg(test)]
pub(crate) fn every_string(alphabet: &[char], longest: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut last = vec![String::new()];
    for _ in 0..longest {
        last = (last.iter())
            .flat_map(|t| alphabet.iter().map(move |&c| format!("{t}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}
