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
    /// Shingles of the text (for the containment of one text in another).
    pub shingles: u32,
    /// Hashes of its long sentences (eight words or more; at most 32, sorted): a copy with
    /// paragraphs dropped and words changed still shares whole sentences with its original,
    /// which finds it as a candidate where its Jaccard similarity is too low for the bands.
    pub sentences: Vec<u64>,
}

/// Sentences hashed per document, at most.
const SENTENCES: usize = 32;

/// The fingerprint of a clean text; `None` for an empty one. Near-duplicate signatures only
/// for texts of at least `min_words` words, over shingles of `shingle` words.
pub fn fingerprint(text: &str, shingle: usize, min_words: usize) -> Option<Fingerprint> {
    fingerprint_keyed(text, &crate::normalize::dedup_key(text), shingle, min_words)
}

/// [`fingerprint`], given the text's `normalize::dedup_key`.
pub fn fingerprint_keyed(
    text: &str,
    normalized: &str,
    shingle: usize,
    min_words: usize,
) -> Option<Fingerprint> {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    let exact = format!("{:x}", Sha256::digest(normalized.as_bytes()))[..16].to_string();
    let long_enough = words.len() >= min_words.max(shingle);
    let shingles = u32::try_from(words.len().saturating_sub(shingle - 1)).unwrap_or(u32::MAX);
    Some(Fingerprint {
        exact,
        minhash: if long_enough {
            signature(&words, shingle)
        } else {
            Vec::new()
        },
        shingles,
        sentences: if long_enough {
            long_sentences(text)
        } else {
            Vec::new()
        },
    })
}

/// Hashes of the sentences of eight words or more, normalized as words are.
fn long_sentences(text: &str) -> Vec<u64> {
    let mut hashes = Vec::new();
    for sentence in text.split(['.', '!', '?', '…', '\n']) {
        let (mut h, mut words, mut in_word) = (FNV, 0, false);
        for c in sentence.chars() {
            if crate::text::is_word_char(c) {
                for l in crate::text::to_lowercase(c) {
                    let l = if l == 'ё' { 'е' } else { l };
                    h = (h ^ u64::from(u32::from(l))).wrapping_mul(FNV_PRIME);
                }
                words += u32::from(!in_word);
                in_word = true;
            } else if in_word {
                h = (h ^ 0x20).wrapping_mul(FNV_PRIME);
                in_word = false;
            }
        }
        if words >= 8 {
            hashes.push(h);
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(SENTENCES);
    hashes
}

const FNV: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One random affine map `a x + b` per slot (a odd), from a fixed seed.
const PERMUTATIONS: [(u64, u64); SLOTS] = {
    let mut out = [(0u64, 0u64); SLOTS];
    let mut state: u64 = 0x853c_49e6_748f_ea9b;
    let mut i = 0;
    while i < SLOTS {
        let mut draw = [0u64; 2];
        let mut k = 0;
        while k < 2 {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            draw[k] = z ^ (z >> 31);
            k += 1;
        }
        out[i] = (draw[0] | 1, draw[1]);
        i += 1;
    }
    out
};

/// The MinHash signature: 128 multiply-adds per shingle, the most of the record stage's time.
/// The same code is compiled for AVX-512 and AVX2 as well (64-bit multiplies in vectors),
/// chosen by what the CPU has; every version computes the same values.
fn signature(words: &[&str], shingle: usize) -> Vec<u32> {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512dq") {
            // SAFETY: the CPU has the features the function is compiled for.
            return unsafe { signature_avx512(words, shingle) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            return unsafe { signature_avx2(words, shingle) };
        }
    }
    signature_portable(words, shingle)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn signature_avx512(words: &[&str], shingle: usize) -> Vec<u32> {
    signature_portable(words, shingle)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn signature_avx2(words: &[&str], shingle: usize) -> Vec<u32> {
    signature_portable(words, shingle)
}

#[inline(always)]
fn signature_portable(words: &[&str], shingle: usize) -> Vec<u32> {
    let mut slots = [u32::MAX; SLOTS];
    for window in words.windows(shingle) {
        let mut h = FNV;
        for word in window {
            for b in word.as_bytes() {
                h = (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
            }
            h = (h ^ 0x20).wrapping_mul(FNV_PRIME);
        }
        // Mixed once so that the affine maps see well-spread input.
        h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        for (slot, (a, b)) in slots.iter_mut().zip(PERMUTATIONS) {
            let v = (a.wrapping_mul(h).wrapping_add(b) >> 32) as u32;
            *slot = (*slot).min(v);
        }
    }
    slots.to_vec()
}

/// How much of the smaller text's shingles the other holds, from the estimated Jaccard
/// similarity `j` and the texts' shingle counts: |A∩B| = j (|A| + |B|) / (1 + j).
pub fn containment(j: f64, a: u32, b: u32) -> f64 {
    let smaller = a.min(b).max(1) as f64;
    (j * (a as f64 + b as f64) / (1.0 + j) / smaller).min(1.0)
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
    fn every_cpu_version_of_the_signature_agrees() {
        let long = text(500, 3);
        let words: Vec<&str> = long.split(' ').collect();
        assert_eq!(signature(&words, 3), signature_portable(&words, 3));
    }

    #[test]
    fn short_texts_have_no_signature() {
        let f = fingerprint("Кыска текст.", 3, 30).unwrap();
        assert!(f.minhash.is_empty());
        assert_eq!(similarity(&f.minhash, &f.minhash), 0.0);
        assert!(fingerprint(" … ", 3, 30).is_none());
    }
}
