//! Reading the bytes behind a damaged run as UTF-8, forgiving the three ways such bytes are
//! found damaged on the web: surrogate pairs written as two 3-byte sequences (CESU-8, emoji
//! saved by UTF-16 software), a non-breaking space byte turned into a plain space by a
//! whitespace cleaner, and bytes lost to U+FFFD on an earlier pass.

/// One character read from the bytes, or a byte that starts no valid sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A character; `multibyte` when it came from a sequence of two or more bytes,
    /// `nbsp` when a space in the bytes was read as the 0xA0 it stands for.
    Char {
        c: char,
        multibyte: bool,
        nbsp: bool,
    },
    Invalid(u8),
}

const fn is_continuation(b: u8) -> bool {
    matches!(b, 0x80..=0xBF)
}

/// Reads `bytes` as UTF-8. `lost[i]` marks a byte known only to have been there (it was a
/// U+FFFD): a sequence holding one becomes U+FFFD. A space where a sequence expects a
/// continuation byte stands for 0xA0.
pub fn read(bytes: &[u8], lost: &[bool]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if lost[i] {
            // A lost lead byte: its continuation bytes go with it.
            let mut end = i + 1;
            while end < bytes.len() && end < i + 4 && (is_continuation(bytes[end]) || lost[end]) {
                end += 1;
            }
            out.push(Piece::Char {
                c: '\u{FFFD}',
                multibyte: end > i + 1,
                nbsp: false,
            });
            i = end;
            continue;
        }
        if b.is_ascii() {
            out.push(Piece::Char {
                c: char::from(b),
                multibyte: false,
                nbsp: false,
            });
            i += 1;
            continue;
        }
        match sequence(bytes, lost, i) {
            Some((c, len, nbsp)) => {
                // CESU-8: a high surrogate followed by a low one is one astral character.
                let pair = (0xD800..0xDC00)
                    .contains(&c)
                    .then(|| sequence(bytes, lost, i + len));
                match pair.flatten() {
                    Some((low, low_len, _)) if (0xDC00..0xE000).contains(&low) => {
                        let astral = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        out.push(Piece::Char {
                            c: char::from_u32(astral).unwrap_or('\u{FFFD}'),
                            multibyte: true,
                            nbsp: false,
                        });
                        i += len + low_len;
                    }
                    _ => match char::from_u32(c) {
                        Some(c) => {
                            out.push(Piece::Char {
                                c,
                                multibyte: true,
                                nbsp,
                            });
                            i += len;
                        }
                        None => {
                            out.push(Piece::Invalid(b));
                            i += 1;
                        }
                    },
                }
            }
            None => {
                out.push(Piece::Invalid(b));
                i += 1;
            }
        }
    }
    out
}

/// The code point (surrogates included, as CESU-8 needs them) of the multi-byte sequence at
/// `start`, its length, and whether a space in it stands for 0xA0; U+FFFD when it holds a lost
/// byte.
fn sequence(bytes: &[u8], lost: &[bool], start: usize) -> Option<(u32, usize, bool)> {
    let lead = *bytes.get(start)?;
    let (len, init) = match lead {
        0xC2..=0xDF => (2, u32::from(lead & 0x1F)),
        0xE0..=0xEF => (3, u32::from(lead & 0x0F)),
        0xF0..=0xF4 => (4, u32::from(lead & 0x07)),
        _ => return None,
    };
    let mut cp = init;
    let mut damaged = false;
    let mut nbsp = false;
    for k in 1..len {
        let j = start + k;
        let b = *bytes.get(j)?;
        let b = if lost[j] {
            damaged = true;
            0x80
        } else if b == b' ' {
            nbsp = true;
            0xA0
        } else {
            b
        };
        if !is_continuation(b) {
            return None;
        }
        cp = (cp << 6) | u32::from(b & 0x3F);
    }
    let min = [0, 0, 0x80, 0x800, 0x10000][len];
    if damaged {
        return Some((0xFFFD, len, false));
    }
    (cp >= min && cp <= 0x10FFFF).then_some((cp, len, nbsp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], lost: &[bool]) -> String {
        read(bytes, lost)
            .into_iter()
            .map(|p| match p {
                Piece::Char { c, .. } => c,
                Piece::Invalid(_) => '?',
            })
            .collect()
    }

    #[test]
    fn reads_utf8_cesu8_lost_nbsp_and_lost_bytes() {
        let none = [false; 16];
        assert_eq!(text("é€😀".as_bytes(), &none), "é€😀");
        // 😀 as the UTF-8 of its two UTF-16 surrogates.
        assert_eq!(text(&[0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], &none), "😀");
        assert_eq!(text(&[0xC3, b' '], &none), "à");
        assert_eq!(text(&[0xC3, b' ', b' '], &none), "à ");
        assert_eq!(text(&[0xE2, 0x80, 0x80], &[false, false, true]), "\u{FFFD}");
        assert_eq!(text(&[0xC0, 0xAF, 0xED, 0xA0, 0x80], &none), "?????");
    }
}
