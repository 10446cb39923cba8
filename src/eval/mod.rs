//! The evaluations behind `tilmech eval`, one file each, and the data they generate. Every
//! figure is printed as a Markdown table; the data is read through [`crate::corpus`].

pub mod boilerplate;
pub mod dups;
pub mod encoding;
pub mod generate;
pub mod html;
pub mod langid;
pub mod mojibake;
pub mod normalize;
pub mod readability;
pub mod segments;
pub mod shapes;
pub mod sites;

pub use boilerplate::{eval_boilerplate, BoilerplateEval};
pub use encoding::{eval_encoding, paragraph_documents, EncodingEval, Garbling};
pub use html::{eval_html, ExpectedPage, HtmlEval};
pub use langid::{eval_langid, LangRow, LangidEval};
pub use normalize::{eval_ky_restore, inject_lookalikes, DirtyPair, NormalizeEval};
pub use segments::{mixed_documents, MixedDocument, SegmentEval};

/// A deterministic pseudo-random stream (xorshift64*), so that generated test data is the same
/// on every run without a dependency.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::corpus::LabelledSentences;
    use crate::text::Lang;

    pub(crate) fn data() -> LabelledSentences {
        vec![
            (Lang::Ky, vec!["Бир.".into(), "Эки.".into()]),
            (Lang::En, vec!["One.".into(), "Two.".into()]),
        ]
    }
}
