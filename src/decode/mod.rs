//! Bytes to text: BOM sniffing, UTF-8 validation, UTF-16 without BOM, binary rejection, then
//! a charset detector (chardetng) for legacy encodings. Records say what was found and how.

mod binary;
mod utf16;

use crate::document::Stage;
use crate::error::DocumentError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the encoding of a document was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// The bytes are valid UTF-8 (or UTF-8 with a few invalid bytes, replaced).
    Utf8,
    /// The zero-byte pattern of UTF-16 text without a byte order mark.
    Utf16Pattern,
    /// chardetng's guess among legacy encodings.
    Detector,
}

/// Decoded text and what it was decoded from.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
    /// U+FFFD characters in the text: bytes that could not be decoded, or that were already
    /// replacement characters in the input.
    pub replacement_chars: u64,
}

/// Decodes a document's bytes, or says why it cannot be read as text.
pub fn decode(bytes: &[u8], max_replacement_ratio: f64) -> Result<Decoded, DocumentError> {
    if bytes.is_empty() {
        return Err(DocumentError::new(Stage::Decode, "empty file (0 bytes)"));
    }
    let (encoding, source, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, EncodingSource::Bom, &bytes[bom_len..])
    } else if let Some(enc) = utf16::sniff(bytes) {
        (enc, EncodingSource::Utf16Pattern, bytes)
    } else {
        if let Some(kind) = binary::sniff(bytes) {
            return Err(DocumentError::new(
                Stage::Decode,
                format!("binary content ({kind}), not text"),
            ));
        }
        if mostly_utf8(bytes) {
            (UTF_8, EncodingSource::Utf8, bytes)
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            (detector.guess(None, true), EncodingSource::Detector, bytes)
        }
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    let replacement_chars = text.chars().filter(|&c| c == '\u{FFFD}').count() as u64;
    let chars = text.chars().count().max(1) as f64;
    if replacement_chars as f64 / chars > max_replacement_ratio {
        return Err(DocumentError::new(
            Stage::Decode,
            format!(
                "undecodable: {replacement_chars} of {} characters are invalid as {}",
                chars as u64,
                encoding.name()
            ),
        ));
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        // A NUL-heavy decode means the bytes were not UTF-16 text after all.
        if let Some(kind) = binary::sniff(text.as_bytes()) {
            return Err(DocumentError::new(
                Stage::Decode,
                format!("binary content ({kind}) after UTF-16 decoding, not text"),
            ));
        }
    }
    Ok(Decoded {
        text,
        encoding,
        source,
        replacement_chars,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes, 0.05).expect("decodes")
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let d = ok("Кыргызча ң ө ү".as_bytes());
        assert_eq!(d.text, "Кыргызча ң ө ү");
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.source, EncodingSource::Utf8);
    }

    #[test]
    fn bom_decides_and_is_dropped() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Привет".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = ok(&b);
        assert_eq!(d.text, "Привет");
        assert_eq!(d.encoding, UTF_16LE);
        assert_eq!(d.source, EncodingSource::Bom);
    }

    #[test]
    fn windows_1251_is_detected() {
        let text = "Горячая линия работает круглосуточно. Звоните нам в любое время, мы поможем.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = ok(&bytes);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert_eq!(d.text, text);
        assert_eq!(d.source, EncodingSource::Detector);
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
    fn empty_and_binary_are_errors() {
        assert!(decode(b"", 0.05).unwrap_err().message.contains("empty"));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(decode(png, 0.05).unwrap_err().message.contains("PNG"));
    }
}
