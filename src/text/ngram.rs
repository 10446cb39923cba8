//! A naive Bayes classifier over hashed character 1–5-grams for Cyrillic-script languages,
//! Kyrgyz among them. Log-probabilities are quantized to one byte per language per bucket and
//! laid out bucket-major, so scoring one n-gram is one cache line and sixteen byte additions.

use crate::text::lookalikes::cyrillic_lookalike;
use crate::text::{is_letter, Lang};
use std::io::{Read, Write};

/// Languages per bucket row; rows are padded to this width for vectorized scoring.
pub const STRIDE: usize = 16;
const MAGIC: &[u8; 8] = b"TLMNGRM1";

/// How many n-grams ahead of the one being added its table row is fetched.
const PREFETCH_DISTANCE: usize = 32;

thread_local! {
    /// The table rows of the text being scored; reused so that scoring allocates nothing.
    static ROWS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Asks the CPU to bring the cache line at `byte` in; a hint with no effect on results.
#[inline(always)]
fn prefetch(byte: &u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint that never faults, and the address is a valid reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (byte as *const u8).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = byte;
}

/// Training parameters.
#[derive(Debug, Clone, Copy)]
pub struct TrainParams {
    /// log2 of the number of hash buckets.
    pub bits: u32,
    /// Longest n-gram, in characters.
    pub max_order: usize,
    /// Additive (Lidstone) smoothing.
    pub alpha: f64,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            bits: 20,
            max_order: 5,
            alpha: 0.05,
        }
    }
}

/// A trained model.
pub struct NgramModel {
    langs: Vec<Lang>,
    bits: u32,
    max_order: usize,
    /// Dequantization: log p = qmin + q * step.
    qmin: f32,
    step: f32,
    /// `STRIDE` bytes per bucket.
    table: Vec<u8>,
    /// Free text: what the model was trained on and how.
    provenance: String,
}

/// Scores of one text: per-language sums of quantized log-probabilities. Texts whose words
/// are split between them add up: the scores of a paragraph are the sum of its sentences'.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub features: usize,
    pub sums: [u32; STRIDE],
}

impl std::ops::AddAssign<&Scores> for Scores {
    fn add_assign(&mut self, other: &Scores) {
        self.features += other.features;
        for (s, o) in self.sums.iter_mut().zip(other.sums) {
            *s = s.wrapping_add(o);
        }
    }
}

impl NgramModel {
    pub fn langs(&self) -> &[Lang] {
        &self.langs
    }

    pub fn provenance(&self) -> &str {
        &self.provenance
    }

    /// Size of the in-memory table in bytes.
    pub fn table_bytes(&self) -> usize {
        self.table.len()
    }

    /// Sums the quantized log-probabilities of every n-gram of `text` per language.
    ///
    /// The table is far larger than the CPU caches and each n-gram reads a random row of it,
    /// so the rows are found first and fetched ahead of the additions: the time goes to
    /// memory, and this keeps several reads in flight at once.
    pub fn score(&self, text: &str) -> Scores {
        let shift = 64 - self.bits;
        ROWS.with_borrow_mut(|rows| {
            rows.clear();
            for_each_ngram(text, self.max_order, |hash| {
                rows.push((mix(hash) >> shift) as u32);
            });
            let mut sums = [0u32; STRIDE];
            for (i, &bucket) in rows.iter().enumerate() {
                if let Some(&ahead) = rows.get(i + PREFETCH_DISTANCE) {
                    prefetch(&self.table[ahead as usize * STRIDE]);
                }
                let start = bucket as usize * STRIDE;
                let row: &[u8; STRIDE] = self.table[start..start + STRIDE]
                    .try_into()
                    .expect("rows are STRIDE bytes");
                for (s, &q) in sums.iter_mut().zip(row) {
                    *s = s.wrapping_add(u32::from(q));
                }
            }
            Scores {
                features: rows.len(),
                sums,
            }
        })
    }

    /// How much `text` looks like text of some language the model knows: the best language's
    /// mean quantized n-gram score, 0 to 255 (0 with no letters). Used to choose an encoding.
    pub fn plausibility(&self, text: &str) -> f64 {
        let scores = self.score(text);
        let best = scores.sums[..self.langs.len()]
            .iter()
            .max()
            .copied()
            .unwrap_or(0);
        if scores.features == 0 {
            0.0
        } else {
            f64::from(best) / scores.features as f64
        }
    }

    /// The best language and a confidence in 0..=1 (a softmax over log-likelihoods, with the
    /// evidence of long texts damped: n-grams of one text are far from independent).
    pub fn classify(&self, text: &str) -> Option<(Lang, f64)> {
        self.classify_scores(&self.score(text))
    }

    /// [`Self::classify`] of a text whose [`Self::score`] is `scores`.
    pub fn classify_scores(&self, scores: &Scores) -> Option<(Lang, f64)> {
        if scores.features == 0 {
            return None;
        }
        let n = self.langs.len();
        let (best, &top) = scores.sums[..n]
            .iter()
            .enumerate()
            .max_by_key(|(_, &s)| s)?;
        let damping = (scores.features as f64 / 10.0).max(1.0);
        let step = f64::from(self.step);
        let total: f64 = scores.sums[..n]
            .iter()
            .map(|&s| ((f64::from(s) - f64::from(top)) * step / damping).exp())
            .sum();
        Some((self.langs[best], 1.0 / total))
    }

    /// Trains on `(language, sentences)` pairs.
    pub fn train(data: &[(Lang, Vec<String>)], params: TrainParams, provenance: String) -> Self {
        assert!(data.len() <= STRIDE, "at most {STRIDE} languages");
        let buckets = 1usize << params.bits;
        let shift = 64 - params.bits;
        let mut counts = vec![0u32; buckets * STRIDE];
        let mut totals = vec![0u64; data.len()];
        for (j, (_, sentences)) in data.iter().enumerate() {
            for s in sentences {
                for_each_ngram(s, params.max_order, |hash| {
                    let bucket = (mix(hash) >> shift) as usize;
                    counts[bucket * STRIDE + j] += 1;
                    totals[j] += 1;
                });
            }
        }
        let logp = |j: usize, c: u32| {
            ((f64::from(c) + params.alpha) / (totals[j] as f64 + params.alpha * buckets as f64))
                .ln()
        };
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for j in 0..data.len() {
            lo = lo.min(logp(j, 0));
            let max = (0..buckets)
                .map(|b| counts[b * STRIDE + j])
                .max()
                .unwrap_or(0);
            hi = hi.max(logp(j, max));
        }
        let step = ((hi - lo) / 255.0).max(f64::MIN_POSITIVE);
        let mut table = vec![0u8; buckets * STRIDE];
        for b in 0..buckets {
            for j in 0..data.len() {
                let q = ((logp(j, counts[b * STRIDE + j]) - lo) / step).round();
                table[b * STRIDE + j] = q.clamp(0.0, 255.0) as u8;
            }
        }
        NgramModel {
            langs: data.iter().map(|(l, _)| *l).collect(),
            bits: params.bits,
            max_order: params.max_order,
            qmin: lo as f32,
            step: step as f32,
            table,
            provenance,
        }
    }

    /// Serializes the model (the table zlib-compressed).
    pub fn write(&self, mut w: impl Write) -> std::io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&self.bits.to_le_bytes())?;
        w.write_all(&(self.max_order as u32).to_le_bytes())?;
        w.write_all(&self.qmin.to_le_bytes())?;
        w.write_all(&self.step.to_le_bytes())?;
        let codes: Vec<&str> = self.langs.iter().map(|l| l.code()).collect();
        write_str(&mut w, &codes.join(","))?;
        write_str(&mut w, &self.provenance)?;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&self.table)?;
        let packed = z.finish()?;
        w.write_all(&(packed.len() as u64).to_le_bytes())?;
        w.write_all(&packed)
    }

    /// Reads a model written by [`NgramModel::write`].
    pub fn read(bytes: &[u8]) -> Result<Self, String> {
        let mut r = bytes;
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic).map_err(|_| "file too short")?;
        if &magic != MAGIC {
            return Err("not a tilmech n-gram model (bad magic)".into());
        }
        let bits = read_u32(&mut r)?;
        let max_order = read_u32(&mut r)? as usize;
        let qmin = f32::from_bits(read_u32(&mut r)?);
        let step = f32::from_bits(read_u32(&mut r)?);
        if !(8..=26).contains(&bits) || !(1..=8).contains(&max_order) {
            return Err(format!(
                "implausible header (bits {bits}, order {max_order})"
            ));
        }
        let langs = read_str(&mut r)?
            .split(',')
            .map(|c| c.parse::<Lang>())
            .collect::<Result<Vec<_>, _>>()?;
        if langs.is_empty() || langs.len() > STRIDE {
            return Err(format!("{} languages; 1 to {STRIDE} expected", langs.len()));
        }
        let provenance = read_str(&mut r)?;
        let packed_len = read_u64(&mut r)? as usize;
        let packed = r.get(..packed_len).ok_or("truncated table")?;
        let expected = (1usize << bits) * STRIDE;
        let mut table = Vec::with_capacity(expected);
        flate2::read::ZlibDecoder::new(packed)
            .take(expected as u64 + 1)
            .read_to_end(&mut table)
            .map_err(|e| format!("corrupt table: {e}"))?;
        if table.len() != expected {
            return Err(format!(
                "table has {} bytes, {expected} expected",
                table.len()
            ));
        }
        Ok(NgramModel {
            langs,
            bits,
            max_order,
            qmin,
            step,
            table,
            provenance,
        })
    }
}

fn write_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    w.write_all(&(s.len() as u32).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn read_u32(r: &mut &[u8]) -> Result<u32, String> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b).map_err(|_| "truncated header")?;
    Ok(u32::from_le_bytes(b))
}

fn read_u64(r: &mut &[u8]) -> Result<u64, String> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).map_err(|_| "truncated header")?;
    Ok(u64::from_le_bytes(b))
}

fn read_str(r: &mut &[u8]) -> Result<String, String> {
    let len = read_u32(r)? as usize;
    let bytes = r.get(..len).ok_or("truncated string")?;
    *r = &r[len..];
    String::from_utf8(bytes.to_vec()).map_err(|_| "string is not UTF-8".into())
}

/// The letter the model sees for a letter, after case folding and lookalike folding.
/// `in_cyrillic_word` says whether the word holds Cyrillic letters, where Latin lookalikes
/// stand for Cyrillic ones.
fn fold_letter(c: char, in_cyrillic_word: bool) -> char {
    let c = if in_cyrillic_word {
        match c {
            'i' | 'I' => 'і',
            '\u{04CA}' | '\u{04C9}' => 'ң',
            'ѳ' | 'Ѳ' => 'ө',
            _ => cyrillic_lookalike(c).unwrap_or(c),
        }
    } else {
        c
    };
    crate::text::lowercase_char(c)
}

/// Letters of Kazakh that Kyrgyz does not have, besides ұ.
const KAZAKH_ONLY: [char; 10] = ['ә', 'ғ', 'қ', 'і', 'һ', 'Ә', 'Ғ', 'Қ', 'І', 'Һ'];

/// FNV-1a over characters; each prefix of an n-gram hashes differently, so one pass yields
/// the 1- to `max_order`-grams that start at a position.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Spreads FNV's weak high bits before the bucket is taken from them.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 29)
}

/// Calls `f` with the hash of every n-gram (1 to `max_order` characters) of every word of the
/// folded text, words padded with a space on each side.
fn for_each_ngram(text: &str, max_order: usize, mut f: impl FnMut(u64)) {
    // Kazakh ұ in a text without Kazakh's other letters is a lookalike of Kyrgyz ү. Only ұ and
    // Ұ fold to ұ, so the text is searched for the others once one is met, not read for it
    // beforehand.
    let mut u_is_kyrgyz: Option<bool> = None;
    let mut word: Vec<char> = Vec::with_capacity(32);
    let mut chars = text.chars();
    let mut next = chars.next();
    loop {
        // Collect one word of letters (raw, noting whether it holds Cyrillic), then fold it.
        while next.is_some_and(|c| !is_letter(c)) {
            next = chars.next();
        }
        if next.is_none() {
            return;
        }
        word.clear();
        word.push(' ');
        let mut cyrillic = false;
        while let Some(c) = next.filter(|&c| is_letter(c)) {
            cyrillic |= ('\u{0400}'..='\u{052F}').contains(&c);
            word.push(c);
            next = chars.next();
        }
        for c in word[1..].iter_mut() {
            *c = match fold_letter(*c, cyrillic) {
                'ұ' if *u_is_kyrgyz.get_or_insert_with(|| !text.contains(KAZAKH_ONLY)) => 'ү',
                folded => folded,
            };
        }
        word.push(' ');
        for start in 0..word.len() {
            let mut h = FNV_OFFSET;
            for &c in word[start..].iter().take(max_order) {
                h = (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME);
                f(h);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_model() -> NgramModel {
        let ky = "Бүгүн Бишкекте жаңы мектеп ачылды. Балдар мектепке барышты. Өкмөт жардам берди.";
        let ru =
            "Сегодня в Бишкеке открылась новая школа. Дети пошли в школу. Правительство помогло.";
        let data = vec![
            (Lang::Ky, vec![ky.to_string(); 3]),
            (Lang::Ru, vec![ru.to_string(); 3]),
        ];
        NgramModel::train(
            &data,
            TrainParams {
                bits: 12,
                ..Default::default()
            },
            "test".into(),
        )
    }

    #[test]
    fn classifies_what_it_was_trained_on() {
        let m = tiny_model();
        assert_eq!(m.classify("жаңы мектеп").unwrap().0, Lang::Ky);
        assert_eq!(m.classify("новая школа").unwrap().0, Lang::Ru);
        assert!(m.classify("123 !!").is_none());
    }

    #[test]
    fn case_and_lookalikes_fold() {
        let m = tiny_model();
        let a = m.score("жаңы мектеп");
        let b = m.score("ЖА\u{04C9}Ы MEKTEП");
        assert_eq!(a.sums, b.sums);
    }

    #[test]
    fn kazakh_u_reads_as_kyrgyz_u_only_without_other_kazakh_letters() {
        let hashes = |text: &str| {
            let mut out = Vec::new();
            for_each_ngram(text, 5, |h| out.push(h));
            out
        };
        assert_eq!(hashes("Бүгүн Үйдө"), hashes("Бұгұн Ұйдө"));
        assert_eq!(hashes("бүгүн мектепте"), hashes("бүгұн мектепте"));
        // With Kazakh's other letters about, ұ is Kazakh, wherever they stand.
        assert_ne!(hashes("бүгүн қала"), hashes("бұгұн қала"));
        assert_ne!(hashes("қала бүгүн"), hashes("қала бұгұн"));
        assert_eq!(hashes("қала бұгұн"), hashes("ҚАЛА БҰГҰН"));
    }

    #[test]
    fn round_trips_through_bytes() {
        let m = tiny_model();
        let mut bytes = Vec::new();
        m.write(&mut bytes).unwrap();
        let back = NgramModel::read(&bytes).unwrap();
        assert_eq!(back.langs(), m.langs());
        assert_eq!(back.provenance(), "test");
        assert_eq!(back.score("мектеп").sums, m.score("мектеп").sums);
        assert!(NgramModel::read(&bytes[..bytes.len() - 5]).is_err());
        assert!(NgramModel::read(b"garbage!").is_err());
    }
}
