//! The single-byte encodings UTF-8 gets misread through, each a way from characters back to the
//! bytes they were read from and forth again.

use std::sync::OnceLock;

use encoding_rs::{
    Encoding, IBM866, ISO_8859_2, ISO_8859_5, KOI8_R, KOI8_U, MACINTOSH, WINDOWS_1250,
    WINDOWS_1251, WINDOWS_1252, WINDOWS_1253, WINDOWS_1254, WINDOWS_1257, X_MAC_CYRILLIC,
};

/// An encoding that UTF-8 may have been misread through.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Misread {
    Windows1251,
    Windows1252,
    Latin1,
    Koi8,
    Ibm866,
    MacCyrillic,
    Iso8859_5,
    Windows1250,
    Iso8859_2,
    Windows1253,
    Windows1254,
    Windows1257,
    MacRoman,
    Cp437,
}

impl Misread {
    /// Every misreading, commonest first for tilmech's languages (ties go to the earlier).
    pub const ALL: [Misread; 14] = [
        Misread::Windows1251,
        Misread::Windows1252,
        Misread::Latin1,
        Misread::Koi8,
        Misread::Ibm866,
        Misread::MacCyrillic,
        Misread::Iso8859_5,
        Misread::Windows1250,
        Misread::Iso8859_2,
        Misread::Windows1253,
        Misread::Windows1254,
        Misread::Windows1257,
        Misread::MacRoman,
        Misread::Cp437,
    ];

    /// The misreadings that stack into several layers in practice: a page saved through
    /// windows-1252 or windows-1251 more than once.
    pub const LAYERED: [Misread; 3] = [Misread::Windows1251, Misread::Windows1252, Misread::Latin1];

    /// A code page of the Latin or Greek alphabet, whose UTF-8 signatures the badness score
    /// finds by their bytes (at most eight: one bit each).
    pub fn writes_latin_or_greek(self) -> bool {
        matches!(
            self,
            Misread::Windows1252
                | Misread::Latin1
                | Misread::Windows1250
                | Misread::Iso8859_2
                | Misread::Windows1253
                | Misread::Windows1254
                | Misread::Windows1257
                | Misread::MacRoman
        )
    }

    /// The name used in `repairs`: `mojibake:utf8-as-<this>`.
    pub fn name(self) -> &'static str {
        match self {
            Misread::Windows1251 => "windows-1251",
            Misread::Windows1252 => "windows-1252",
            Misread::Latin1 => "latin-1",
            Misread::Koi8 => "koi8",
            Misread::Ibm866 => "ibm866",
            Misread::MacCyrillic => "x-mac-cyrillic",
            Misread::Iso8859_5 => "iso-8859-5",
            Misread::Windows1250 => "windows-1250",
            Misread::Iso8859_2 => "iso-8859-2",
            Misread::Windows1253 => "windows-1253",
            Misread::Windows1254 => "windows-1254",
            Misread::Windows1257 => "windows-1257",
            Misread::MacRoman => "mac-roman",
            Misread::Cp437 => "cp437",
        }
    }

    fn encoding(self) -> Option<&'static Encoding> {
        Some(match self {
            Misread::Windows1251 => WINDOWS_1251,
            Misread::Windows1252 => WINDOWS_1252,
            Misread::Koi8 => KOI8_U,
            Misread::Ibm866 => IBM866,
            Misread::MacCyrillic => X_MAC_CYRILLIC,
            Misread::Iso8859_5 => ISO_8859_5,
            Misread::Windows1250 => WINDOWS_1250,
            Misread::Iso8859_2 => ISO_8859_2,
            Misread::Windows1253 => WINDOWS_1253,
            Misread::Windows1254 => WINDOWS_1254,
            Misread::Windows1257 => WINDOWS_1257,
            Misread::MacRoman => MACINTOSH,
            Misread::Latin1 | Misread::Cp437 => return None,
        })
    }

    /// The byte this encoding reads as `c`, if any.
    pub fn byte(self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        if self == Misread::Latin1 {
            return u8::try_from(u32::from(c)).ok();
        }
        let table = &byte_tables()[self as usize];
        table
            .binary_search_by_key(&c, |&(ch, _)| ch)
            .ok()
            .map(|i| table[i].1)
    }

    /// The bytes `text` was decoded from, if every character has one in this encoding.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        text.chars().map(|c| self.byte(c)).collect()
    }

    /// The text these bytes read as in this encoding.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Misread::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Misread::Cp437 => bytes
                .iter()
                .map(|&b| match b {
                    0..=0x7F => char::from(b),
                    _ => oem_cp::code_table::DECODING_TABLE_CP437[usize::from(b - 0x80)],
                })
                .collect(),
            _ => self
                .encoding()
                .expect("every other misreading is a WHATWG encoding")
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    }
}

/// Per misreading (in declaration order), the characters bytes 0x80–0xFF read as, sorted, with
/// their bytes: built once, from the decoders themselves.
fn byte_tables() -> &'static [Vec<(char, u8)>] {
    static TABLES: OnceLock<Vec<Vec<(char, u8)>>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut all = vec![Vec::new(); Misread::ALL.len()];
        for m in Misread::ALL {
            let table = &mut all[m as usize];
            for b in 0x80..=0xFFu8 {
                let mut readings = vec![m.decode(&[b])];
                // KOI8-U and KOI8-R differ in eight places (Ukrainian letters against box
                // drawing): text read through either is taken back.
                if m == Misread::Koi8 {
                    readings.push(KOI8_R.decode_without_bom_handling(&[b]).0.into_owned());
                }
                for r in readings {
                    let mut chars = r.chars();
                    if let (Some(c), None) = (chars.next(), chars.next()) {
                        if c != '\u{FFFD}' {
                            table.push((c, b));
                        }
                    }
                }
            }
            table.sort_unstable();
            table.dedup_by_key(|e| e.0);
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_reads_back_to_itself() {
        for m in Misread::ALL {
            for b in 0x80..=0xFFu8 {
                let text = m.decode(&[b]);
                if text == "\u{FFFD}" {
                    continue; // a byte this encoding leaves undefined
                }
                assert_eq!(m.encode(&text), Some(vec![b]), "{} byte {b:#x}", m.name());
            }
        }
    }
}
