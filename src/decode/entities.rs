//! HTML character references left in plain text (`&amp;`, `&#39;`, `&laquo;`), as scrapers and
//! exports leave them. Decoded only when well-formed; unknown names stay as written.

use std::borrow::Cow;

/// The characters of the named references common in Kyrgyz, Russian and English text.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "shy" => '\u{AD}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "numero" => '№',
        _ => return None,
    })
}

/// The character of one reference body (between `&` and `;`).
pub(crate) fn reference(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // As in HTML, references to 128–159 mean the windows-1252 characters of those bytes
        // (`&#151;` is an em dash), not C1 controls.
        if let Ok(byte @ 0x80..=0x9F) = u8::try_from(code) {
            let bytes = [byte];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            return text.chars().next();
        }
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    named(body)
}

/// Decodes the references in `text`; returns the text and how many were decoded.
pub fn decode(text: &str) -> (Cow<'_, str>, u64) {
    if !text.contains('&') {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // A reference body is at most ten bytes: look no further for its `;` (searching the
        // whole rest made text with many bare ampersands quadratic).
        let decoded = after.as_bytes()[..after.len().min(11)]
            .iter()
            .position(|&b| b == b';')
            .and_then(|semi| reference(&after[..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                count += 1;
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if count == 0 {
        return (Cow::Borrowed(text), 0);
    }
    (Cow::Owned(out), count)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn references_are_decoded() {
        assert_eq!(decode("a &#151; b &#x93;c&#148;").0, "a — b “c”");
        let (t, n) = decode("Tom &amp; Jerry &#39;x&#39; &laquo;Ош&raquo; &#x41;");
        assert_eq!(t, "Tom & Jerry 'x' «Ош» A");
        assert_eq!(n, 6);
    }

    #[test]
    fn other_ampersands_stay() {
        for s in ["R&D, AT&T; a & b", "&unknown; &#xZZ; &", "no entities"] {
            assert_eq!(decode(s).0, s);
        }
    }
}
