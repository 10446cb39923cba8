//! What a document is compared by: the hash of its normalized text (exact duplicates: a
//! re-encoded or re-wrapped copy normalizes to the same words), and a MinHash signature over
//! its word shingles (near duplicates: the share of signature slots two documents agree on
//! estimates the Jaccard similarity of their shingle sets).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Slots of a signature: the estimate's standard error is about 0.04 at Jaccard 0.5.
pub const SLOTS: usize = 128;

/// A document's duplicate fingerprint, kept in the run state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// First 16 hex digits of the SHA-256 of the normalized text.
    pub exact: String,
    /// MinHash signature, `SLOTS` values; empty when the text has too few words to compare
    /// (it can then only be an exact duplicate).
    pub minhash: Vec<u32>,
}

/// The normalized words of a text: lower case, ё folded to е, punctuation dropped.
fn words(text: &str) -> Vec<String> {
    crate::normalize::dedup_key(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The fingerprint of a clean text; `None` for an empty one. Near-duplicate signatures only
/// for texts of at least `min_words` words, over shingles of `shingle` words.
pub fn fingerprint(text: &str, shingle: usize, min_words: usize) -> Option<Fingerprint> {
    let words = words(text);
    if words.is_empty() {
        return None;
    }
    let normalized = words.join(" ");
    let exact = format!("{:x}", Sha256::digest(normalized.as_bytes()))[..16].to_string();
    let minhash = match words.len() >= min_words.max(shingle) {
        true => signature(&words, shingle),
        false => Vec::new(),
    };
    Some(Fingerprint { exact, minhash })
}

fn signature(words: &[String], shingle: usize) -> Vec<u32> {
    let mut slots = [u32::MAX; SLOTS];
    for window in words.windows(shingle) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for word in window {
            for b in word.as_bytes() {
                h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h = (h ^ 0x20).wrapping_mul(0x0000_0100_0000_01b3);
        }
        for (i, slot) in slots.iter_mut().enumerate() {
            // One independent-looking hash per slot: the shingle's hash mixed with the slot.
            let mut x = h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            let v = (x ^ (x >> 31)) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    slots.to_vec()
}

/// The estimated Jaccard similarity of two signatures (0 when either is missing).
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != SLOTS || b.len() != SLOTS {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / SLOTS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize, seed: usize) -> String {
        (0..n)
            .scan(seed as u64 * 0x9e37_79b9 + 1, |x, _| {
                *x ^= *x << 13;
                *x ^= *x >> 7;
                *x ^= *x << 17;
                Some(format!("сөз{}", *x % 1000))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn rewrapped_and_recased_copies_are_exact_and_edits_stay_near() {
        let a = "Бишкекте жаңы мектеп ачылды.\nАнда беш жүз окуучу окуйт, деди директор.";
        let b = "БИШКЕКТЕ жаңы мектеп ачылды. Анда беш жүз окуучу окуйт — деди директор!";
        assert_eq!(
            fingerprint(a, 3, 0).unwrap().exact,
            fingerprint(b, 3, 0).unwrap().exact
        );
        let long = text(400, 1);
        let mut edited: Vec<&str> = long.split(' ').collect();
        edited.truncate(340);
        edited[100] = "башка";
        edited[200] = "сөз";
        let edited = edited.join(" ");
        let (x, y) = (
            fingerprint(&long, 3, 30).unwrap(),
            fingerprint(&edited, 3, 30).unwrap(),
        );
        assert_ne!(x.exact, y.exact);
        let s = similarity(&x.minhash, &y.minhash);
        assert!((0.7..0.95).contains(&s), "{s}");
        let other = fingerprint(&text(400, 2), 3, 30).unwrap();
        assert!(similarity(&x.minhash, &other.minhash) < 0.2);
    }

    #[test]
    fn short_texts_have_no_signature() {
        let f = fingerprint("Кыска текст.", 3, 30).unwrap();
        assert!(f.minhash.is_empty());
        assert_eq!(similarity(&f.minhash, &f.minhash), 0.0);
        assert!(fingerprint(" … ", 3, 30).is_none());
    }
}
