//! What a document is to the pipeline: its input format and the stages it goes through.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The input format, from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Html,
}

impl Format {
    /// The format for a file extension (case-insensitive), if tilmech reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A pipeline stage, named in error records.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Read,
    Decode,
    Clean,
    Normalize,
    Detect,
    Translate,
    Record,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Clean => "clean",
            Stage::Normalize => "normalize",
            Stage::Detect => "detect",
            Stage::Translate => "translate",
            Stage::Record => "record",
        })
    }
}
