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
