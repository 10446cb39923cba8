//! UTF-16 without a byte order mark, recognized by the high-byte lane: in Latin and Cyrillic
//! text every second byte is 0x00 (Latin, digits, spaces), 0x04 (Cyrillic) or 0x20/0x21
//! (dashes, quotes, №).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// UTF-16LE or UTF-16BE if the bytes look like BOM-less UTF-16 text.
pub fn sniff(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 8 {
        return None;
    }
    // High bytes of Latin (0x00), Cyrillic (0x04), punctuation and symbols such as — “ ” … №
    // ✨ (0x20–0x27) and the surrogate halves of emoji (0xD8–0xDF).
    let lane_share = |lane: usize| {
        let high = sample
            .iter()
            .skip(lane)
            .step_by(2)
            .filter(|&&b| matches!(b, 0x00 | 0x04 | 0x20..=0x27 | 0xD8..=0xDF))
            .count();
        high as f64 / (sample.len() / 2) as f64
    };
    let zeros = |lane: usize| {
        sample
            .iter()
            .skip(lane)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (lane_share(0), lane_share(1));
    // The high lane must hold some zeros (spaces, digits, punctuation are U+00xx).
    if odd >= 0.9 && even <= 0.3 && zeros(1) > 0 {
        Some(UTF_16LE)
    } else if even >= 0.9 && odd <= 0.3 && zeros(0) > 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn both_byte_orders_are_found() {
        assert_eq!(sniff(&utf16("Салам, дүйнө! Hello.", true)), Some(UTF_16LE));
        assert_eq!(sniff(&utf16("Салам, дүйнө! Hello.", false)), Some(UTF_16BE));
    }

    #[test]
    fn emoji_and_typography_do_not_hide_it() {
        assert_eq!(
            sniff(&utf16("Галерея🌺🎉💮✨🌹 — «№ 5»", true)),
            Some(UTF_16LE)
        );
    }

    #[test]
    fn ordinary_text_is_not_utf16() {
        assert_eq!(sniff("Салам, дүйнө! Hello.".as_bytes()), None);
        assert_eq!(sniff(b"plain ascii text here"), None);
    }
}
