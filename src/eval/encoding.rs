//! `tilmech eval encoding`: documents garbled in every legacy encoding, UTF-16 and mojibake
//! layer, decoded back; false repairs of clean documents.

use super::Rng;
use crate::corpus::LabelledSentences;
use crate::text::Lang;
use std::fmt;

/// One way a document's bytes can arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Garbling {
    /// Encoded in a legacy encoding or UTF-16 (`bom`: with a byte order mark).
    Encoded {
        encoding: &'static encoding_rs::Encoding,
        bom: bool,
    },
    /// UTF-8 read through one or two legacy encodings and saved again as UTF-8.
    Mojibake(&'static [crate::decode::mojibake::Misread]),
    /// UTF-8 read through another single-byte encoding (KOI8-R, where the repair knows KOI8-U)
    /// and saved again as UTF-8.
    MisreadAs(&'static encoding_rs::Encoding),
}

impl Garbling {
    /// Every variant `tilmech eval encoding` measures.
    pub fn all() -> Vec<Garbling> {
        use crate::decode::mojibake::Misread::*;
        use encoding_rs::*;
        let mut all: Vec<Garbling> = [
            WINDOWS_1251,
            KOI8_R,
            IBM866,
            X_MAC_CYRILLIC,
            ISO_8859_5,
            WINDOWS_1252,
        ]
        .into_iter()
        .map(|encoding| Garbling::Encoded {
            encoding,
            bom: false,
        })
        .collect();
        for encoding in [UTF_16LE, UTF_16BE, UTF_8] {
            all.push(Garbling::Encoded {
                encoding,
                bom: true,
            });
        }
        for encoding in [UTF_16LE, UTF_16BE] {
            all.push(Garbling::Encoded {
                encoding,
                bom: false,
            });
        }
        const LAYERS: [&[crate::decode::mojibake::Misread]; 10] = [
            &[Windows1251],
            &[Windows1252],
            &[Latin1],
            &[Koi8],
            &[Ibm866],
            &[MacCyrillic],
            &[Windows1251, Windows1252],
            &[Windows1252, Windows1252],
            &[Windows1251, Windows1251],
            &[Koi8, Windows1251],
        ];
        all.extend(LAYERS.into_iter().map(Garbling::Mojibake));
        all.push(Garbling::MisreadAs(KOI8_R));
        all
    }

    pub fn name(&self) -> String {
        match self {
            Garbling::Encoded { encoding, bom } => {
                format!("{}{}", encoding.name(), if *bom { " + BOM" } else { "" })
            }
            Garbling::Mojibake(layers) => {
                let names: Vec<&str> = layers.iter().map(|m| m.name()).collect();
                format!("mojibake: utf-8 as {}", names.join(", then "))
            }
            Garbling::MisreadAs(encoding) => format!("mojibake: utf-8 as {}", encoding.name()),
        }
    }

    /// The bytes of `text` garbled this way; `None` when the encoding cannot hold the text
    /// (Kyrgyz ң ө ү in windows-1251) or the garbling changes nothing.
    pub fn apply(&self, text: &str) -> Option<Vec<u8>> {
        match *self {
            Garbling::Encoded { encoding, bom } => {
                let mut out = Vec::new();
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    let le = encoding == encoding_rs::UTF_16LE;
                    if bom {
                        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
                    }
                    for unit in text.encode_utf16() {
                        out.extend_from_slice(&if le {
                            unit.to_le_bytes()
                        } else {
                            unit.to_be_bytes()
                        });
                    }
                    return Some(out);
                }
                if encoding == encoding_rs::UTF_8 {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                    out.extend_from_slice(text.as_bytes());
                    return Some(out);
                }
                let (bytes, _, unmappable) = encoding.encode(text);
                (!unmappable && !text.is_ascii()).then(|| bytes.into_owned())
            }
            Garbling::Mojibake(layers) => {
                let mut garbled = text.to_string();
                for layer in layers {
                    garbled = layer.decode(garbled.as_bytes());
                }
                (garbled != text).then(|| garbled.into_bytes())
            }
            Garbling::MisreadAs(encoding) => {
                let garbled = encoding.decode_without_bom_handling(text.as_bytes()).0;
                (garbled != text).then(|| garbled.into_owned().into_bytes())
            }
        }
    }
}

/// Results of `tilmech eval encoding`.
#[derive(Debug, Clone, Default)]
pub struct EncodingEval {
    /// Per variant name and language: (documents, restored exactly).
    pub rows: Vec<(String, Lang, usize, usize)>,
    /// Clean UTF-8 originals: (documents, changed by decoding and repair).
    pub clean: (usize, usize),
    /// (variant, expected, got) for the first failures.
    pub failures: Vec<(String, String, String)>,
}

/// Documents of one to three paragraphs (one sentence each) per language, deterministic.
pub fn paragraph_documents(sentences: &[String], max_docs: usize) -> Vec<String> {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let mut docs = Vec::new();
    let mut i = 0;
    while docs.len() < max_docs && i < sentences.len() {
        let n = 1 + rng.below(3);
        let end = (i + n).min(sentences.len());
        docs.push(sentences[i..end].join("\n\n"));
        i = end;
    }
    docs
}

/// Decodes every garbled variant of every document and compares with the original (spaces
/// collapsed); also runs the clean originals, which must come through unchanged.
pub fn eval_encoding(
    decoder: &crate::decode::Decoder,
    data: &LabelledSentences,
    max_docs: usize,
) -> EncodingEval {
    let mut eval = EncodingEval::default();
    for (lang, sentences) in data {
        // Some corpus sentences carry HTML references (&#39;); what the author wrote is the
        // decoded text, which is what decoding must give back.
        let sentences: Vec<String> = sentences
            .iter()
            .map(|s| crate::decode::entities::decode(s).0.into_owned())
            .collect();
        let docs = paragraph_documents(&sentences, max_docs);
        for doc in &docs {
            let clean = decoder.decode("doc.txt", crate::document::Format::Txt, doc.as_bytes());
            eval.clean.0 += 1;
            if clean
                .as_ref()
                .ok()
                .map(|d| crate::text::collapse_whitespace(&d.text))
                != Some(crate::text::collapse_whitespace(doc))
            {
                eval.clean.1 += 1;
                let got = clean.map(|d| d.text).unwrap_or_else(|e| e.to_string());
                eval.failures.push(("clean".into(), doc.clone(), got));
            }
        }
        for garbling in Garbling::all() {
            let (mut total, mut restored) = (0, 0);
            for doc in &docs {
                let Some(bytes) = garbling.apply(doc) else {
                    continue;
                };
                total += 1;
                let out = decoder.decode("doc.txt", crate::document::Format::Txt, &bytes);
                if out
                    .as_ref()
                    .ok()
                    .map(|d| crate::text::collapse_whitespace(&d.text))
                    == Some(crate::text::collapse_whitespace(doc))
                {
                    restored += 1;
                } else if eval.failures.len() < 1000 {
                    let got = out.map(|d| d.text).unwrap_or_else(|e| e.to_string());
                    eval.failures.push((garbling.name(), doc.clone(), got));
                }
            }
            if total > 0 {
                eval.rows.push((garbling.name(), *lang, total, restored));
            }
        }
    }
    eval
}

impl fmt::Display for EncodingEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let langs: Vec<Lang> = {
            let mut l: Vec<Lang> = self.rows.iter().map(|r| r.1).collect();
            l.sort();
            l.dedup();
            l
        };
        let mut names: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !names.contains(&r.0.as_str()) {
                names.push(&r.0);
            }
        }
        write!(f, "| variant |")?;
        for l in &langs {
            write!(f, " {l} restored % |")?;
        }
        writeln!(f)?;
        write!(f, "|---|")?;
        for _ in &langs {
            write!(f, "---:|")?;
        }
        writeln!(f)?;
        let (mut all, mut ok) = (0, 0);
        for name in names {
            write!(f, "| {name} |")?;
            for l in &langs {
                match self.rows.iter().find(|r| r.0 == name && r.1 == *l) {
                    Some((_, _, n, r)) => {
                        all += n;
                        ok += r;
                        write!(f, " {:.2} ({n}) |", 100.0 * *r as f64 / (*n).max(1) as f64)?
                    }
                    None => write!(f, " – |")?,
                }
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "\n{all} garbled documents, {:.2}% restored exactly (spaces collapsed)",
            100.0 * ok as f64 / all.max(1) as f64
        )?;
        writeln!(
            f,
            "{} clean UTF-8 documents, {} changed by decoding and repair (false repairs: {:.2}%)",
            self.clean.0,
            self.clean.1,
            100.0 * self.clean.1 as f64 / self.clean.0.max(1) as f64
        )
    }
}
