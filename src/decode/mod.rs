//! Bytes to text: a pinned encoding (config), BOM sniffing, UTF-8 validation, UTF-16 without
//! BOM, binary rejection, then legacy encodings chosen by chardetng and a Cyrillic scorer;
//! then repairs: mojibake, HTML references in plain text, NUL bytes, line ends. Records say
//! what was found, how, and what was repaired.

mod binary;
mod source_map;
pub use source_map::{SourceMap, SourcePosition};
use std::borrow::Cow;
pub mod entities;
pub mod legacy;
pub mod mojibake;
mod utf16;

use crate::config::DecodeConfig;
use crate::document::{Format, Stage};
use crate::error::{ConfigError, DocumentError};
use crate::text::ngram::NgramModel;
use encoding_rs::{Encoding, UTF_8};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How the encoding of a document was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EncodingSource {
    /// `decode.pin` in the config.
    Pinned,
    /// A byte order mark.
    Bom,
    /// The bytes are valid UTF-8 (or UTF-8 with a few invalid bytes, replaced).
    Utf8,
    /// The zero-byte pattern of UTF-16 text without a byte order mark.
    Utf16Pattern,
    /// chardetng's guess, confirmed by tilmech's scorer.
    Detector,
    /// tilmech's Cyrillic scorer, overruling chardetng.
    Scorer,
}

/// Decoded text and what it was decoded from (kept between a run's passes, hence serde).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decoded {
    pub text: String,
    #[serde(with = "encoding_by_name")]
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
    /// U+FFFD characters in the text: bytes that could not be decoded, or that were already
    /// replacement characters in the input.
    pub replacement_chars: u64,
    /// What was repaired, in the order it was.
    pub repairs: Vec<Repair>,
}

/// A repair made while decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repair {
    /// NUL bytes were dropped.
    NulBytes,
    /// UTF-8 read through a legacy encoding was read again as UTF-8.
    Mojibake(mojibake::Misread),
    /// HTML character references in plain text were decoded.
    HtmlEntities,
    /// C1 control characters were read as the windows-1252 punctuation they stand for.
    C1Controls,
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Repair::NulBytes => f.write_str("nul-bytes"),
            Repair::Mojibake(m) => write!(f, "mojibake:utf8-as-{}", m.name()),
            Repair::HtmlEntities => f.write_str("html-entities"),
            Repair::C1Controls => f.write_str("c1-controls"),
        }
    }
}

/// The decode stage, built once per run.
pub struct Decoder {
    max_replacement_ratio: f64,
    repair: bool,
    pins: Vec<(globset::GlobMatcher, &'static Encoding)>,
    model: Option<Arc<NgramModel>>,
}

impl Decoder {
    /// `model` scores candidate legacy decodings (without it, only mojibake signs count).
    pub fn new(config: &DecodeConfig, model: Option<Arc<NgramModel>>) -> Result<Self, ConfigError> {
        let pins = config
            .pin
            .iter()
            .map(|pin| {
                let glob = globset::Glob::new(&pin.glob).map_err(|e| ConfigError::Invalid {
                    key: "decode.pin.glob",
                    message: e.to_string(),
                })?;
                let enc = Encoding::for_label(pin.encoding.as_bytes()).ok_or_else(|| {
                    ConfigError::Invalid {
                        key: "decode.pin.encoding",
                        message: format!("`{}` is not a WHATWG encoding label", pin.encoding),
                    }
                })?;
                Ok((glob.compile_matcher(), enc))
            })
            .collect::<Result<_, ConfigError>>()?;
        Ok(Decoder {
            max_replacement_ratio: config.max_replacement_ratio,
            repair: config.repair,
            pins,
            model,
        })
    }

    /// Decodes and repairs a document's bytes, or says why they cannot be read as text: binary,
    /// empty, or more than `decode.max_replacement_ratio` of U+FFFD (at least three).
    /// `source` is matched against `decode.pin`.
    pub fn decode(
        &self,
        source: &str,
        format: Format,
        bytes: &[u8],
    ) -> Result<Decoded, DocumentError> {
        let decoded = self.decode_lenient(source, format, bytes)?;
        let chars = decoded.text.chars().count().max(1) as f64;
        let replacement = decoded.replacement_chars;
        if replacement >= 3 && replacement as f64 / chars > self.max_replacement_ratio {
            // U+FFFD already in valid UTF-8 is text lost before tilmech read it, not bytes
            // tilmech could not decode: say which.
            let already = if decoded.encoding == UTF_8 && std::str::from_utf8(bytes).is_ok() {
                " (U+FFFD replacement characters already in the input: text lost before it \
                 was saved)"
                    .to_string()
            } else {
                format!(" (bytes invalid as {})", decoded.encoding.name())
            };
            return Err(DocumentError::new(
                Stage::Decode,
                format!(
                    "undecodable: {replacement} of {} characters are U+FFFD{already}",
                    chars as u64
                ),
            ));
        }
        Ok(decoded)
    }

    /// [`Decoder::decode`] without the limit on U+FFFD: the best text the bytes give, for
    /// `tilmech repair`.
    pub fn decode_lenient(
        &self,
        source: &str,
        format: Format,
        bytes: &[u8],
    ) -> Result<Decoded, DocumentError> {
        if bytes.is_empty() {
            return Err(DocumentError::new(Stage::Decode, "empty file (0 bytes)"));
        }
        let (encoding, source_kind, body) = self.detect(source, format, bytes)?;
        let (text, _) = encoding.decode_without_bom_handling(body);
        let mut repairs = Vec::new();
        let text = self.repair_text(text.into_owned(), format, &mut repairs);
        let replacement_chars = text.chars().filter(|&c| c == '\u{FFFD}').count() as u64;
        Ok(Decoded {
            text,
            encoding,
            source: source_kind,
            replacement_chars,
            repairs,
        })
    }

    /// The encoding of the bytes and the part of them to decode (without a BOM).
    fn detect<'b>(
        &self,
        source: &str,
        format: Format,
        bytes: &'b [u8],
    ) -> Result<(&'static Encoding, EncodingSource, &'b [u8]), DocumentError> {
        if let Some((_, enc)) = self.pins.iter().find(|(glob, _)| glob.is_match(source)) {
            return Ok((enc, EncodingSource::Pinned, bytes));
        }
        if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
            return Ok((enc, EncodingSource::Bom, &bytes[bom_len..]));
        }
        if let Some(enc) = utf16::sniff(bytes) {
            // A NUL-heavy decode means the bytes were not UTF-16 text after all.
            let (text, _) = enc.decode_without_bom_handling(bytes);
            if let Some(kind) = binary::sniff(text.as_bytes()) {
                return Err(DocumentError::new(
                    Stage::Decode,
                    format!("binary content ({kind}) after UTF-16 decoding, not text"),
                ));
            }
            return Ok((enc, EncodingSource::Utf16Pattern, bytes));
        }
        if let Some(kind) = binary::sniff(bytes) {
            return Err(DocumentError::new(
                Stage::Decode,
                format!("binary content ({kind}), not text"),
            ));
        }
        if mostly_utf8(bytes) {
            return Ok((UTF_8, EncodingSource::Utf8, bytes));
        }
        let hint = (format == Format::Html)
            .then(|| legacy::declared_charset(bytes))
            .flatten();
        let (enc, overruled) = legacy::choose(bytes, self.model.as_deref(), hint);
        let kind = if overruled {
            EncodingSource::Scorer
        } else {
            EncodingSource::Detector
        };
        Ok((enc, kind, bytes))
    }

    /// Line ends, NUL bytes, mojibake and (in plain text) HTML references.
    fn repair_text(&self, mut text: String, format: Format, repairs: &mut Vec<Repair>) -> String {
        if text.contains('\r') {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        if text.contains('\0') {
            text.retain(|c| c != '\0');
            repairs.push(Repair::NulBytes);
        }
        if !self.repair {
            return text;
        }
        let repaired = mojibake::repair(&text);
        if let Cow::Owned(fixed) = repaired.text {
            repairs.extend(repaired.undone.iter().map(|&m| Repair::Mojibake(m)));
            if repaired.c1_controls > 0 {
                repairs.push(Repair::C1Controls);
            }
            text = fixed;
        }
        if format == Format::Txt {
            let (decoded, count) = entities::decode(&text);
            if count > 0 {
                repairs.push(Repair::HtmlEntities);
                text = decoded.into_owned();
            }
        }
        text
    }
}

/// True when the bytes are UTF-8, allowing a few invalid bytes among many valid multi-byte
/// sequences (a damaged UTF-8 file stays UTF-8 rather than becoming windows-1252 mojibake).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || (valid_multibyte >= 4 && invalid * 20 <= valid_multibyte)
}

/// An encoding written as its WHATWG name and read back by it.
mod encoding_by_name {
    use encoding_rs::Encoding;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(e: &&'static Encoding, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(e.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Encoding, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Encoding::for_label(name.as_bytes())
            .ok_or_else(|| serde::de::Error::custom(format!("unknown encoding {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoder() -> Decoder {
        Decoder::new(&DecodeConfig::default(), None).unwrap()
    }

    fn ok(bytes: &[u8]) -> Decoded {
        decoder()
            .decode("x.txt", Format::Txt, bytes)
            .expect("decodes")
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let d = ok("Кыргызча ң ө ү".as_bytes());
        assert_eq!(d.text, "Кыргызча ң ө ү");
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.source, EncodingSource::Utf8);
        assert!(d.repairs.is_empty());
    }

    #[test]
    fn bom_decides_and_is_dropped() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Привет".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = ok(&b);
        assert_eq!(d.text, "Привет");
        assert_eq!(d.encoding, encoding_rs::UTF_16LE);
        assert_eq!(d.source, EncodingSource::Bom);
    }

    #[test]
    fn legacy_cyrillic_encodings_are_told_apart() {
        let text = "Горячая линия работает круглосуточно. Звоните нам в любое время, мы поможем.";
        for enc in [
            encoding_rs::WINDOWS_1251,
            encoding_rs::KOI8_U,
            encoding_rs::IBM866,
            encoding_rs::X_MAC_CYRILLIC,
        ] {
            let (bytes, _, _) = enc.encode(text);
            let d = ok(&bytes);
            assert_eq!(d.text, text, "{}", enc.name());
        }
    }

    #[test]
    fn a_few_bad_bytes_keep_utf8() {
        let mut b = "Бишкек шаарында жаңы мектеп ачылды, анда 500 окуучу окуйт."
            .as_bytes()
            .to_vec();
        b.insert(10, 0xFF);
        let d = ok(&b);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.replacement_chars, 1);
    }

    #[test]
    fn repairs_are_recorded() {
        let d = ok(
            "РџСЂРёРІРµС‚ &amp; hi\r\nnext\0line, and a long enough tail of ordinary words"
                .as_bytes(),
        );
        assert_eq!(
            d.text,
            "Привет & hi\nnextline, and a long enough tail of ordinary words"
        );
        let repairs: Vec<String> = d.repairs.iter().map(Repair::to_string).collect();
        assert_eq!(
            repairs,
            [
                "nul-bytes",
                "mojibake:utf8-as-windows-1251",
                "html-entities"
            ]
        );
    }

    #[test]
    fn pins_win() {
        let config = DecodeConfig {
            pin: vec![crate::config::EncodingPin {
                glob: "legacy/*.txt".into(),
                encoding: "koi8-r".into(),
            }],
            ..Default::default()
        };
        let d = Decoder::new(&config, None).unwrap();
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("Привет");
        let out = d.decode("legacy/a.txt", Format::Txt, &bytes).unwrap();
        assert_eq!(
            (out.text.as_str(), out.source),
            ("Привет", EncodingSource::Pinned)
        );
    }

    #[test]
    fn empty_and_binary_are_errors() {
        let d = decoder();
        assert!(d
            .decode("x", Format::Txt, b"")
            .unwrap_err()
            .message
            .contains("empty"));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(d
            .decode("x", Format::Txt, png)
            .unwrap_err()
            .message
            .contains("PNG"));
    }
}
