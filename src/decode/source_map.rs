//! From places in the decoded text back to the source file: the line a text starts on and its
//! byte offset, for records that point at what they removed. Lines correspond one to one
//! (the decoder turns `\r\n` and `\r` into `\n` and adds or drops no line); within a line the
//! decoded prefix is encoded back. Where repairs changed a line, its offsets are those of the
//! text as it would have been written correctly.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::cell::Cell;

/// Maps byte offsets of a document's decoded text to its source file.
pub struct SourceMap<'a> {
    text: &'a str,
    encoding: &'static Encoding,
    /// Offsets in `text` where each line starts.
    text_lines: Vec<usize>,
    /// Offsets in the source bytes where each line starts.
    source_lines: Vec<usize>,
    /// The last position asked for: `(text offset, source byte)`. Places come in order, so
    /// the next one on the same line encodes only the text between them, not the whole line
    /// again (a minified page is one long line with many removed texts).
    last: Cell<(usize, usize)>,
}

/// A place in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePosition {
    /// 1-based line.
    pub line: usize,
    /// Byte offset from the start of the file.
    pub byte: usize,
}

impl<'a> SourceMap<'a> {
    /// `bytes` are the file as read, `text` what it decoded to through `encoding`.
    pub fn new(bytes: &'a [u8], text: &'a str, encoding: &'static Encoding) -> Self {
        let text_lines = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let source_lines = source_line_starts(bytes, encoding);
        SourceMap {
            text,
            encoding,
            text_lines,
            last: Cell::new((0, source_lines[0])),
            source_lines,
        }
    }

    /// Where the decoded text's byte `offset` lies in the source.
    pub fn position(&self, offset: usize) -> SourcePosition {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let index = self.text_lines.partition_point(|&s| s <= offset) - 1;
        // A decoded line past the source's last (a repair made one) stays on the last.
        let source_index = index.min(self.source_lines.len() - 1);
        let line_start = self.text_lines[index];
        let (last_offset, last_byte) = self.last.get();
        let (from, from_byte) = if last_offset >= line_start && last_offset <= offset {
            (last_offset, last_byte)
        } else {
            (line_start, self.source_lines[source_index])
        };
        let byte = from_byte + encoded_len(&self.text[from..offset], self.encoding);
        self.last.set((offset, byte));
        SourcePosition {
            line: source_index + 1,
            byte,
        }
    }
}

/// Offsets in `bytes` where each line starts, after `\n`, `\r\n` or a lone `\r`, in code units
/// of the encoding (two bytes in UTF-16), past a byte order mark.
fn source_line_starts(bytes: &[u8], encoding: &'static Encoding) -> Vec<usize> {
    let bom = Encoding::for_bom(bytes)
        .filter(|(e, _)| *e == encoding)
        .map_or(0, |(_, len)| len);
    let unit = if encoding == UTF_16LE || encoding == UTF_16BE {
        2
    } else {
        1
    };
    let code = |i: usize| -> u16 {
        match (unit, encoding == UTF_16BE) {
            (1, _) => u16::from(bytes[i]),
            (_, true) => u16::from_be_bytes([bytes[i], bytes[i + 1]]),
            _ => u16::from_le_bytes([bytes[i], bytes[i + 1]]),
        }
    };
    let mut starts = vec![bom];
    let mut i = bom;
    while i + unit <= bytes.len() {
        match code(i) {
            0x0A => starts.push(i + unit),
            0x0D if i + 2 * unit > bytes.len() || code(i + unit) != 0x0A => starts.push(i + unit),
            _ => {}
        }
        i += unit;
    }
    starts
}

/// Bytes `text` takes in `encoding`.
fn encoded_len(text: &str, encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 || text.is_ascii() {
        text.len()
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        2 * text.encode_utf16().count()
    } else {
        encoding.encode(text).0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1251;

    #[test]
    fn lines_and_bytes_of_every_encoding() {
        let text = "Башкы бет\nЖаңылык\nсап";
        let at = text.find("сап").unwrap();
        let utf8 = SourceMap::new(text.as_bytes(), text, UTF_8);
        assert_eq!(
            utf8.position(at),
            SourcePosition {
                line: 3,
                byte: text.find("сап").unwrap()
            }
        );
        let crlf = text.replace('\n', "\r\n");
        let map = SourceMap::new(crlf.as_bytes(), text, UTF_8);
        assert_eq!(map.position(at).byte, crlf.find("сап").unwrap());
        let russian = "Главная\r\nНовости дня";
        let decoded = "Главная\nНовости дня";
        let cp1251 = WINDOWS_1251.encode(russian).0;
        let map = SourceMap::new(&cp1251, decoded, WINDOWS_1251);
        let pos = map.position(decoded.find("дня").unwrap());
        assert_eq!(
            pos,
            SourcePosition {
                line: 2,
                byte: 9 + 8
            }
        );
        let later = map.position(decoded.len());
        assert_eq!(
            later,
            SourcePosition {
                line: 2,
                byte: cp1251.len()
            }
        );
        assert_eq!(map.position(0), SourcePosition { line: 1, byte: 0 });
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(russian.encode_utf16().flat_map(u16::to_le_bytes));
        let map = SourceMap::new(&utf16, decoded, UTF_16LE);
        assert_eq!(map.position(decoded.find("дня").unwrap()).byte, 2 + 2 * 17);
    }
}
