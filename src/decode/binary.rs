//! Recognizes bytes that are not text: known file signatures, NUL bytes, control characters.

/// Signatures of common binary formats, checked at offset 0.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1F\x8B", "gzip archive"),
    (b"\x7FELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\0", "xz archive"),
    (b"7z\xBC\xAF\x27\x1C", "7z archive"),
    (b"RIFF", "RIFF media"),
    (b"\0\0\0\x18ftyp", "MP4 media"),
    (b"\0\0\0\x20ftyp", "MP4 media"),
];

/// What kind of binary data the bytes are, or `None` if they may be text.
pub fn sniff(bytes: &[u8]) -> Option<String> {
    for (magic, kind) in SIGNATURES {
        // "MZ" and "BZh" are short: require more evidence than the prefix for those.
        if bytes.starts_with(magic) && (magic.len() > 3 || has_controls(bytes, 0.01)) {
            return Some((*kind).to_string());
        }
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    // A stray NUL in text is damage to repair; many are binary data.
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    if nuls > (sample.len() / 100).max(1) {
        return Some(format!(
            "{nuls} NUL bytes in the first {} bytes",
            sample.len()
        ));
    }
    if has_controls(sample, 0.05) {
        return Some("control bytes".to_string());
    }
    None
}

/// True when more than `share` of the bytes are C0 controls other than tab, newlines,
/// form feed and escape.
fn has_controls(bytes: &[u8], share: f64) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls as f64 > share * bytes.len() as f64
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn text_passes() {
        assert_eq!(sniff("Саламатсызбы!\r\n\tHello".as_bytes()), None);
        assert_eq!(sniff(b"MZ is a word here"), None);
    }

    #[test]
    fn binaries_are_named() {
        assert_eq!(sniff(b"%PDF-1.7\n").as_deref(), Some("PDF document"));
        assert!(sniff(b"abc\0def\0gh\0").unwrap().contains("NUL"));
        assert_eq!(sniff("a long enough line of text with one stray\0 NUL byte in it, which is damage, not binary data at all; more words follow here to make it long".as_bytes()), None);
        assert_eq!(sniff(&[1, 2, 3, 4, 5, 6]).as_deref(), Some("control bytes"));
    }
}
