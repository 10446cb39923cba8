//! tilmech: a batch pipeline for Kyrgyz, Russian and English documents. Bytes in any common
//! encoding become clean, normalized, language-labelled records (JSON Lines and CSV).
//!
//! The library never prints, exits or draws progress; the `tilmech` binary does.

pub mod budget;
pub mod clean;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod dedup;
pub mod detect;
pub mod document;
pub mod error;
pub mod eval;
pub mod input;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod spool;
pub mod state;
pub mod text;
pub mod translate;

pub use config::Config;
pub use pipeline::Pipeline;
