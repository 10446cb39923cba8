//! Evaluation and training data: `<lang>.txt` folders of one sentence per line, and the
//! accuracy tables printed by `tilmech eval`.

pub mod shapes;
pub mod sites;

use crate::detect::LanguageIdentifier;
use crate::document::Lang;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;

/// Sentences per language.
pub type LabelledSentences = Vec<(Lang, Vec<String>)>;

/// Reads every `<code>.txt` in `dir` whose stem is a language tilmech labels (other files are
/// ignored), at most `max` non-empty lines each, in the order of [`Lang::ALL`].
pub fn read_sentences(dir: &Path, max: Option<usize>) -> std::io::Result<LabelledSentences> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let path = dir.join(format!("{}.txt", lang.code()));
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let lines: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(max.unwrap_or(usize::MAX))
            .map(String::from)
            .collect();
        out.push((lang, lines));
    }
    if out.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no <lang>.txt files in {}", dir.display()),
        ));
    }
    Ok(out)
}

/// Accuracy of one language.
#[derive(Debug, Clone)]
pub struct LangRow {
    pub lang: Lang,
    pub total: usize,
    pub correct: usize,
    /// Wrong answers by the language given.
    pub confusions: BTreeMap<Lang, usize>,
}

impl LangRow {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.total as f64
        }
    }
}

/// Result of a language identification evaluation.
#[derive(Debug, Clone)]
pub struct LangidEval {
    pub rows: Vec<LangRow>,
    pub seconds: f64,
}

impl LangidEval {
    pub fn sentences(&self) -> usize {
        self.rows.iter().map(|r| r.total).sum()
    }

    pub fn row(&self, lang: Lang) -> Option<&LangRow> {
        self.rows.iter().find(|r| r.lang == lang)
    }
}

/// Labels every sentence and counts right and wrong answers; times only the identification.
pub fn eval_langid(identifier: &dyn LanguageIdentifier, data: &LabelledSentences) -> LangidEval {
    let mut rows = Vec::new();
    let mut seconds = 0.0;
    for (lang, sentences) in data {
        let mut row = LangRow {
            lang: *lang,
            total: sentences.len(),
            correct: 0,
            confusions: BTreeMap::new(),
        };
        let started = Instant::now();
        let answers: Vec<Lang> = sentences
            .iter()
            .map(|s| identifier.identify(s).lang)
            .collect();
        seconds += started.elapsed().as_secs_f64();
        for answer in answers {
            if answer == *lang {
                row.correct += 1;
            } else {
                *row.confusions.entry(answer).or_default() += 1;
            }
        }
        rows.push(row);
    }
    LangidEval { rows, seconds }
}

impl fmt::Display for LangidEval {
    /// A Markdown table: per-language accuracy and the main confusions, then the speed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| lang | sentences | correct % | main confusions |")?;
        writeln!(f, "|---|---:|---:|---|")?;
        for r in &self.rows {
            let mut conf: Vec<(&Lang, &usize)> = r.confusions.iter().collect();
            conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let conf: Vec<String> = conf
                .iter()
                .take(3)
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            writeln!(
                f,
                "| {} | {} | {:.2} | {} |",
                r.lang,
                r.total,
                r.accuracy(),
                conf.join(", ")
            )?;
        }
        let n = self.sentences();
        let correct: usize = self.rows.iter().map(|r| r.correct).sum();
        writeln!(
            f,
            "\n{n} sentences, {:.2}% correct overall; {:.0} sentences/s on one thread",
            100.0 * correct as f64 / n.max(1) as f64,
            n as f64 / self.seconds.max(1e-9)
        )
    }
}

/// A document made of paragraphs in different languages, with the truth per paragraph.
#[derive(Debug, Clone)]
pub struct MixedDocument {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The language of each paragraph, in order.
    pub langs: Vec<Lang>,
}

/// Builds `count` documents of four paragraphs, one per language of `langs` in a shuffled
/// order, each paragraph one to three consecutive sentences of its language. Deterministic.
pub fn mixed_documents(
    data: &LabelledSentences,
    langs: &[Lang],
    count: usize,
) -> Vec<MixedDocument> {
    let pools: Vec<(Lang, &Vec<String>)> = langs
        .iter()
        .filter_map(|l| {
            data.iter()
                .find(|(d, s)| d == l && !s.is_empty())
                .map(|(d, s)| (*d, s))
        })
        .collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        // xorshift64*: reproducible without a dependency.
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    };
    let mut cursor = vec![0usize; pools.len()];
    (0..count)
        .map(|_| {
            let mut order: Vec<usize> = (0..pools.len()).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, next(i + 1));
            }
            let mut paragraphs = Vec::new();
            let mut truth = Vec::new();
            for &p in &order {
                let (lang, sentences) = pools[p];
                let take = 1 + next(3);
                let paragraph: Vec<&str> = (0..take)
                    .map(|_| {
                        let s = &sentences[cursor[p] % sentences.len()];
                        cursor[p] += 1;
                        s.as_str()
                    })
                    .collect();
                paragraphs.push(paragraph.join(" "));
                truth.push(lang);
            }
            MixedDocument {
                text: paragraphs.join("\n\n"),
                langs: truth,
            }
        })
        .collect()
}

/// Paragraph-level accuracy of segments on mixed documents.
#[derive(Debug, Clone, Default)]
pub struct SegmentEval {
    /// Per language: paragraphs, paragraphs whose every segment has the right language.
    pub by_lang: BTreeMap<Lang, (usize, usize)>,
}

impl SegmentEval {
    /// Scores one processed document: `text` and `segments` from its record.
    pub fn add(
        &mut self,
        doc: &MixedDocument,
        text: &str,
        segments: &[crate::detect::segment::Segment],
    ) {
        let mut start = 0usize;
        let paragraphs: Vec<(usize, usize)> = text
            .split("\n\n")
            .map(|p| {
                let len = p.chars().count();
                let span = (start, start + len);
                start += len + 2;
                span
            })
            .collect();
        let aligned = paragraphs.len() == doc.langs.len();
        for (i, lang) in doc.langs.iter().enumerate() {
            let right = aligned && {
                let (s, e) = paragraphs[i];
                let mut covering = segments
                    .iter()
                    .filter(|g| g.start < e && g.end > s)
                    .peekable();
                covering.peek().is_some() && covering.all(|g| g.lang == *lang)
            };
            let entry = self.by_lang.entry(*lang).or_default();
            entry.0 += 1;
            entry.1 += usize::from(right);
        }
    }
}

impl fmt::Display for SegmentEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| lang | paragraphs | labelled right % |")?;
        writeln!(f, "|---|---:|---:|")?;
        for (lang, (n, ok)) in &self.by_lang {
            writeln!(
                f,
                "| {lang} | {n} | {:.2} |",
                100.0 * *ok as f64 / (*n).max(1) as f64
            )?;
        }
        let (n, ok) = self
            .by_lang
            .values()
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        writeln!(
            f,
            "\n{n} paragraphs in mixed documents, {:.2}% labelled right",
            100.0 * ok as f64 / n.max(1) as f64
        )
    }
}

/// A deterministic pseudo-random stream (xorshift64*), so that generated test data is the same
/// on every run without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The Latin letter typed for a Cyrillic one, as people and OCR do.
fn latin_for(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        _ => return None,
    })
}

/// The lookalike typed for a Kyrgyz letter.
fn kyrgyz_lookalike(c: char) -> Option<char> {
    Some(match c {
        'ң' => '\u{04CA}',
        'Ң' => '\u{04C9}',
        'ө' => 'ѳ',
        'Ө' => 'Ѳ',
        'ү' => 'ұ',
        'Ү' => 'Ұ',
        _ => return None,
    })
}

/// A sentence and a copy with lookalikes injected.
#[derive(Debug, Clone)]
pub struct DirtyPair {
    pub lang: Lang,
    pub clean: String,
    pub dirty: String,
}

/// For each sentence of `langs` (at most `max` each), a dirty copy: Latin lookalikes for about
/// a third of the Cyrillic letters that have one (only inside Cyrillic words, where a reader
/// would not notice), and for Kyrgyz, ӊ ѳ ұ for half of ң ө ү. Sentences where nothing could be
/// injected are left out.
pub fn inject_lookalikes(data: &LabelledSentences, langs: &[Lang], max: usize) -> Vec<DirtyPair> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for (lang, sentences) in data.iter().filter(|(l, _)| langs.contains(l)) {
        for clean in sentences.iter().take(max) {
            let mut dirty = String::with_capacity(clean.len());
            for word in clean.split_inclusive(char::is_whitespace) {
                let cyrillic_word = word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| ('\u{0400}'..='\u{052F}').contains(&c));
                for c in word.chars() {
                    let swap = match (kyrgyz_lookalike(c), latin_for(c)) {
                        (Some(k), _) if *lang == Lang::Ky && rng.chance(50) => Some(k),
                        (_, Some(l)) if cyrillic_word && rng.chance(30) => Some(l),
                        _ => None,
                    };
                    dirty.push(swap.unwrap_or(c));
                }
            }
            if dirty != *clean {
                out.push(DirtyPair {
                    lang: *lang,
                    clean: clean.clone(),
                    dirty,
                });
            }
        }
    }
    out
}

/// Restoration and false-change rates of normalization, per language.
#[derive(Debug, Clone, Default)]
pub struct NormalizeEval {
    /// Per language: (dirty sentences, restored exactly, clean sentences, clean unchanged).
    /// Clean sentences that already hold lookalikes (a mixed Cyrillic-Latin word, or ӊ ѳ ұ in
    /// Kyrgyz) or HTML references are not counted as clean: changing them is the point.
    pub by_lang: BTreeMap<Lang, (usize, usize, usize, usize)>,
    /// Per language: source sentences that already held lookalikes.
    pub already_dirty: BTreeMap<Lang, usize>,
    /// (expected, got) for every sentence not restored or changed when clean.
    pub failures: Vec<(String, String)>,
}

impl NormalizeEval {
    /// Runs both sentences of each pair through the whole pipeline: the dirty one must come out
    /// as the clean one does, and the clean one as it went in (spaces collapsed).
    pub fn run(pipeline: &crate::Pipeline, pairs: &[DirtyPair]) -> Self {
        let mut eval = NormalizeEval::default();
        let text = |s: &str| {
            pipeline
                .process_bytes("sentence.txt", crate::document::Format::Txt, s.as_bytes())
                .text
        };
        for pair in pairs {
            let clean_out = text(&pair.clean);
            let dirty_out = text(&pair.dirty);
            let spaced = pair.clean.split_whitespace().collect::<Vec<_>>().join(" ");
            let already_dirty = holds_lookalikes(&pair.clean, pair.lang);
            *eval.already_dirty.entry(pair.lang).or_default() += usize::from(already_dirty);
            let entry = eval.by_lang.entry(pair.lang).or_default();
            entry.0 += 1;
            entry.1 += usize::from(dirty_out == clean_out);
            if dirty_out != clean_out {
                eval.failures.push((clean_out.clone(), dirty_out));
            }
            if !already_dirty {
                entry.2 += 1;
                entry.3 += usize::from(clean_out == spaced);
                if clean_out != spaced {
                    eval.failures.push((spaced, clean_out));
                }
            }
        }
        eval
    }
}

/// Kyrgyz sentences typed without ң ө ү and run through the pipeline: (sentences, restored
/// exactly, words that had a Kyrgyz letter, such words restored).
pub fn eval_ky_restore(
    pipeline: &crate::Pipeline,
    sentences: &[String],
) -> (usize, usize, usize, usize) {
    let text = |s: &str| {
        pipeline
            .process_bytes("sentence.txt", crate::document::Format::Txt, s.as_bytes())
            .text
    };
    let (mut total, mut exact, mut words, mut restored) = (0, 0, 0, 0);
    for clean in sentences
        .iter()
        .filter(|s| s.contains(['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү']))
    {
        let expected = text(clean);
        let got = text(&crate::detect::train::without_kyrgyz_letters(clean));
        total += 1;
        exact += usize::from(got == expected);
        for (e, g) in expected.split_whitespace().zip(got.split_whitespace()) {
            if e.contains(['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү']) {
                words += 1;
                restored += usize::from(e == g);
            }
        }
    }
    (total, exact, words, restored)
}

/// True when a source sentence already holds a lookalike (a word mixing Cyrillic and Latin
/// letters, or in Kyrgyz a lookalike of ң ө ү) or an HTML reference such as `&#39;`.
fn holds_lookalikes(sentence: &str, lang: Lang) -> bool {
    use crate::document::Script;
    let ky_lookalike =
        |c: char| crate::normalize::ky_letters::kyrgyz_letter(c).is_some() && !c.is_ascii();
    let mixed = sentence.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.chars().any(|c| Script::of(c) == Some(Script::Cyrl))
            && w.chars().any(|c| Script::of(c) == Some(Script::Latn))
    });
    let references = crate::decode::entities::decode(sentence).1 > 0;
    mixed || references || (lang == Lang::Ky && sentence.chars().any(ky_lookalike))
}

impl fmt::Display for NormalizeEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| lang | dirty sentences | restored exactly % | clean sentences | clean unchanged % | sources already holding lookalikes |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        for (lang, (d, r, c, u)) in &self.by_lang {
            let already = self.already_dirty.get(lang).copied().unwrap_or(0);
            writeln!(
                f,
                "| {lang} | {d} | {:.2} | {c} | {:.2} | {already} |",
                pct(*r, *d),
                pct(*u, *c)
            )?;
        }
        Ok(())
    }
}

/// One way a document's bytes can arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Garbling {
    /// Encoded in a legacy encoding or UTF-16 (`bom`: with a byte order mark).
    Encoded {
        encoding: &'static encoding_rs::Encoding,
        bom: bool,
    },
    /// UTF-8 read through one or two legacy encodings and saved again as UTF-8.
    Mojibake(&'static [crate::decode::mojibake::Misread]),
}

impl Garbling {
    /// Every variant `tilmech eval encoding` measures.
    pub fn all() -> Vec<Garbling> {
        use crate::decode::mojibake::Misread::*;
        use encoding_rs::*;
        let mut all: Vec<Garbling> = [
            WINDOWS_1251,
            KOI8_R,
            IBM866,
            X_MAC_CYRILLIC,
            ISO_8859_5,
            WINDOWS_1252,
        ]
        .into_iter()
        .map(|encoding| Garbling::Encoded {
            encoding,
            bom: false,
        })
        .collect();
        for encoding in [UTF_16LE, UTF_16BE, UTF_8] {
            all.push(Garbling::Encoded {
                encoding,
                bom: true,
            });
        }
        for encoding in [UTF_16LE, UTF_16BE] {
            all.push(Garbling::Encoded {
                encoding,
                bom: false,
            });
        }
        const LAYERS: [&[crate::decode::mojibake::Misread]; 10] = [
            &[Windows1251],
            &[Windows1252],
            &[Latin1],
            &[Koi8],
            &[Ibm866],
            &[MacCyrillic],
            &[Windows1251, Windows1252],
            &[Windows1252, Windows1252],
            &[Windows1251, Windows1251],
            &[Koi8, Windows1251],
        ];
        all.extend(LAYERS.into_iter().map(Garbling::Mojibake));
        all
    }

    pub fn name(&self) -> String {
        match self {
            Garbling::Encoded { encoding, bom } => {
                format!("{}{}", encoding.name(), if *bom { " + BOM" } else { "" })
            }
            Garbling::Mojibake(layers) => {
                let names: Vec<&str> = layers.iter().map(|m| m.name()).collect();
                format!("mojibake: utf-8 as {}", names.join(", then "))
            }
        }
    }

    /// The bytes of `text` garbled this way; `None` when the encoding cannot hold the text
    /// (Kyrgyz ң ө ү in windows-1251) or the garbling changes nothing.
    pub fn apply(&self, text: &str) -> Option<Vec<u8>> {
        match *self {
            Garbling::Encoded { encoding, bom } => {
                let mut out = Vec::new();
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    let le = encoding == encoding_rs::UTF_16LE;
                    if bom {
                        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
                    }
                    for unit in text.encode_utf16() {
                        out.extend_from_slice(&if le {
                            unit.to_le_bytes()
                        } else {
                            unit.to_be_bytes()
                        });
                    }
                    return Some(out);
                }
                if encoding == encoding_rs::UTF_8 {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                    out.extend_from_slice(text.as_bytes());
                    return Some(out);
                }
                let (bytes, _, unmappable) = encoding.encode(text);
                (!unmappable && !text.is_ascii()).then(|| bytes.into_owned())
            }
            Garbling::Mojibake(layers) => {
                let mut garbled = text.to_string();
                for layer in layers {
                    garbled = layer.decode(garbled.as_bytes());
                }
                (garbled != text).then(|| garbled.into_bytes())
            }
        }
    }
}

/// Results of `tilmech eval encoding`.
#[derive(Debug, Clone, Default)]
pub struct EncodingEval {
    /// Per variant name and language: (documents, restored exactly).
    pub rows: Vec<(String, Lang, usize, usize)>,
    /// Clean UTF-8 originals: (documents, changed by decoding and repair).
    pub clean: (usize, usize),
    /// (variant, expected, got) for the first failures.
    pub failures: Vec<(String, String, String)>,
}

/// Documents of one to three paragraphs (one sentence each) per language, deterministic.
pub fn paragraph_documents(sentences: &[String], max_docs: usize) -> Vec<String> {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let mut docs = Vec::new();
    let mut i = 0;
    while docs.len() < max_docs && i < sentences.len() {
        let n = 1 + rng.below(3);
        let end = (i + n).min(sentences.len());
        docs.push(sentences[i..end].join("\n\n"));
        i = end;
    }
    docs
}

/// Decodes every garbled variant of every document and compares with the original (spaces
/// collapsed); also runs the clean originals, which must come through unchanged.
pub fn eval_encoding(
    decoder: &crate::decode::Decoder,
    data: &LabelledSentences,
    max_docs: usize,
) -> EncodingEval {
    let mut eval = EncodingEval::default();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (lang, sentences) in data {
        // Some corpus sentences carry HTML references (&#39;); what the author wrote is the
        // decoded text, which is what decoding must give back.
        let sentences: Vec<String> = sentences
            .iter()
            .map(|s| crate::decode::entities::decode(s).0.into_owned())
            .collect();
        let docs = paragraph_documents(&sentences, max_docs);
        for doc in &docs {
            let clean = decoder.decode("doc.txt", crate::document::Format::Txt, doc.as_bytes());
            eval.clean.0 += 1;
            if clean.as_ref().ok().map(|d| squash(&d.text)) != Some(squash(doc)) {
                eval.clean.1 += 1;
                let got = clean.map(|d| d.text).unwrap_or_else(|e| e.to_string());
                eval.failures.push(("clean".into(), doc.clone(), got));
            }
        }
        for garbling in Garbling::all() {
            let (mut total, mut restored) = (0, 0);
            for doc in &docs {
                let Some(bytes) = garbling.apply(doc) else {
                    continue;
                };
                total += 1;
                let out = decoder.decode("doc.txt", crate::document::Format::Txt, &bytes);
                if out.as_ref().ok().map(|d| squash(&d.text)) == Some(squash(doc)) {
                    restored += 1;
                } else if eval.failures.len() < 1000 {
                    let got = out.map(|d| d.text).unwrap_or_else(|e| e.to_string());
                    eval.failures.push((garbling.name(), doc.clone(), got));
                }
            }
            if total > 0 {
                eval.rows.push((garbling.name(), *lang, total, restored));
            }
        }
    }
    eval
}

impl fmt::Display for EncodingEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let langs: Vec<Lang> = {
            let mut l: Vec<Lang> = self.rows.iter().map(|r| r.1).collect();
            l.sort();
            l.dedup();
            l
        };
        let mut names: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !names.contains(&r.0.as_str()) {
                names.push(&r.0);
            }
        }
        write!(f, "| variant |")?;
        for l in &langs {
            write!(f, " {l} restored % |")?;
        }
        writeln!(f)?;
        write!(f, "|---|")?;
        for _ in &langs {
            write!(f, "---:|")?;
        }
        writeln!(f)?;
        let (mut all, mut ok) = (0, 0);
        for name in names {
            write!(f, "| {name} |")?;
            for l in &langs {
                match self.rows.iter().find(|r| r.0 == name && r.1 == *l) {
                    Some((_, _, n, r)) => {
                        all += n;
                        ok += r;
                        write!(f, " {:.2} ({n}) |", 100.0 * *r as f64 / (*n).max(1) as f64)?
                    }
                    None => write!(f, " – |")?,
                }
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "\n{all} garbled documents, {:.2}% restored exactly (spaces collapsed)",
            100.0 * ok as f64 / all.max(1) as f64
        )?;
        writeln!(
            f,
            "{} clean UTF-8 documents, {} changed by decoding and repair (false repairs: {:.2}%)",
            self.clean.0,
            self.clean.1,
            100.0 * self.clean.1 as f64 / self.clean.0.max(1) as f64
        )
    }
}

/// A document whose lines are labelled content (`+ `) or boilerplate (`- `).
#[derive(Debug, Clone)]
pub struct LabelledDocument {
    pub name: String,
    /// The document as it arrives (labels stripped, blank lines kept).
    pub text: String,
    /// (is boilerplate, line) for every non-empty line.
    pub lines: Vec<(bool, String)>,
}

/// Reads every `*.labels` file in `dir`, sorted by name.
pub fn read_labelled(dir: &Path) -> std::io::Result<Vec<LabelledDocument>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "labels"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let raw = std::fs::read_to_string(&path)?;
            let mut text = String::new();
            let mut lines = Vec::new();
            for line in raw.lines() {
                let (label, body) = match line.get(..2) {
                    Some("+ ") => (Some(false), &line[2..]),
                    Some("- ") => (Some(true), &line[2..]),
                    _ => (None, line),
                };
                text.push_str(body);
                text.push('\n');
                if let (Some(bp), false) = (label, body.trim().is_empty()) {
                    lines.push((bp, body.to_string()));
                }
            }
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(LabelledDocument { name, text, lines })
        })
        .collect()
}

/// Content lines kept and boilerplate lines removed.
#[derive(Debug, Clone, Default)]
pub struct BoilerplateEval {
    pub content: (usize, usize),
    pub boilerplate: (usize, usize),
    /// (document, label, line) of every mistake.
    pub mistakes: Vec<(String, &'static str, String)>,
}

/// Runs the labelled documents through the pipeline as one batch and checks every line.
pub fn eval_boilerplate(pipeline: &crate::Pipeline, docs: &[LabelledDocument]) -> BoilerplateEval {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let inputs: Vec<(String, crate::document::Format, Vec<u8>)> = docs
        .iter()
        .map(|d| {
            (
                format!("{}.txt", d.name),
                crate::document::Format::Txt,
                d.text.clone().into_bytes(),
            )
        })
        .collect();
    let records = pipeline.process_documents(&inputs);
    let mut eval = BoilerplateEval::default();
    for (doc, record) in docs.iter().zip(&records) {
        let kept: std::collections::HashSet<String> = record.text.lines().map(squash).collect();
        for (is_boilerplate, line) in &doc.lines {
            let was_kept = kept.contains(&squash(line));
            if *is_boilerplate {
                eval.boilerplate.0 += 1;
                eval.boilerplate.1 += usize::from(!was_kept);
                if was_kept {
                    eval.mistakes
                        .push((doc.name.clone(), "boilerplate kept", line.to_string()));
                }
            } else {
                eval.content.0 += 1;
                eval.content.1 += usize::from(was_kept);
                if !was_kept {
                    eval.mistakes
                        .push((doc.name.clone(), "content dropped", line.to_string()));
                }
            }
        }
    }
    eval
}

impl fmt::Display for BoilerplateEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |(n, k): (usize, usize)| 100.0 * k as f64 / n.max(1) as f64;
        writeln!(f, "| lines | labelled | right % |")?;
        writeln!(f, "|---|---:|---:|")?;
        writeln!(
            f,
            "| content kept | {} | {:.2} |",
            self.content.0,
            pct(self.content)
        )?;
        writeln!(
            f,
            "| boilerplate removed | {} | {:.2} |",
            self.boilerplate.0,
            pct(self.boilerplate)
        )?;
        for (doc, what, line) in &self.mistakes {
            writeln!(f, "\n{doc}: {what}: {line}")?;
        }
        Ok(())
    }
}

/// One page of an HTML extraction benchmark: snippets the extracted text must contain
/// (`with`) and must not (`without`), in the format of the trafilatura evaluation set.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExpectedPage {
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub with: Vec<String>,
    #[serde(default)]
    pub without: Vec<String>,
}

/// Snippet counts over all pages.
#[derive(Debug, Clone, Default)]
pub struct HtmlEval {
    pub pages: usize,
    pub true_positives: usize,
    pub false_negatives: usize,
    pub false_positives: usize,
    pub true_negatives: usize,
}

impl HtmlEval {
    pub fn precision(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_positives).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_negatives).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Runs every `*.expected.json` of `dir` whose page (`file`, or the same stem with `.html`)
/// is there: the pages go through the pipeline as one batch, and each snippet is looked up in
/// the clean text (spaces collapsed).
pub fn eval_html(pipeline: &crate::Pipeline, dir: &Path) -> std::io::Result<HtmlEval> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut pages = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        else {
            continue;
        };
        let expected: ExpectedPage = serde_json::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", path.display()),
                )
            })?;
        let page = [dir.join(format!("{stem}.html")), dir.join(&expected.file)]
            .into_iter()
            .find(|p| p.is_file());
        if let Some(page) = page {
            pages.push((expected, std::fs::read(page)?));
        }
    }
    let inputs: Vec<(String, crate::document::Format, Vec<u8>)> = pages
        .iter()
        .map(|(e, bytes)| (e.file.clone(), crate::document::Format::Html, bytes.clone()))
        .collect();
    let records = pipeline.process_documents(&inputs);
    let mut eval = HtmlEval {
        pages: pages.len(),
        ..Default::default()
    };
    for ((expected, _), record) in pages.iter().zip(&records) {
        let text = squash(&record.text);
        for snippet in &expected.with {
            if text.contains(&squash(snippet)) {
                eval.true_positives += 1
            } else {
                eval.false_negatives += 1
            }
        }
        for snippet in &expected.without {
            if text.contains(&squash(snippet)) {
                eval.false_positives += 1
            } else {
                eval.true_negatives += 1
            }
        }
    }
    Ok(eval)
}

impl fmt::Display for HtmlEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| pages | with-snippets found | without-snippets kept out | precision | recall | F1 |"
        )?;
        writeln!(f, "|---:|---:|---:|---:|---:|---:|")?;
        writeln!(
            f,
            "| {} | {}/{} | {}/{} | {:.3} | {:.3} | {:.3} |",
            self.pages,
            self.true_positives,
            self.true_positives + self.false_negatives,
            self.true_negatives,
            self.true_negatives + self.false_positives,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::segment::Segment;
    use crate::detect::Detection;
    use crate::document::Script;

    fn data() -> LabelledSentences {
        vec![
            (Lang::Ky, vec!["Бир.".into(), "Эки.".into()]),
            (Lang::En, vec!["One.".into(), "Two.".into()]),
        ]
    }

    #[test]
    fn mixed_documents_are_deterministic_and_complete() {
        let a = mixed_documents(&data(), &[Lang::Ky, Lang::En, Lang::Kk], 5);
        let b = mixed_documents(&data(), &[Lang::Ky, Lang::En, Lang::Kk], 5);
        assert_eq!(a.len(), 5);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.text, y.text);
            let mut langs = x.langs.clone();
            langs.sort();
            assert_eq!(
                langs,
                vec![Lang::Ky, Lang::En],
                "kk has no data and is left out"
            );
            assert_eq!(x.text.split("\n\n").count(), 2);
        }
    }

    #[test]
    fn a_paragraph_counts_only_when_all_its_segments_are_right() {
        let doc = MixedDocument {
            text: "Бир.\n\nOne.".into(),
            langs: vec![Lang::Ky, Lang::En],
        };
        let seg = |start, end, lang| Segment {
            start,
            end,
            lang,
            confidence: 1.0,
            script: Script::Cyrl,
        };
        let mut e = SegmentEval::default();
        e.add(
            &doc,
            &doc.text,
            &[
                seg(0, 4, Lang::Ky),
                seg(6, 8, Lang::En),
                seg(8, 10, Lang::Ru),
            ],
        );
        assert_eq!(e.by_lang[&Lang::Ky], (1, 1));
        assert_eq!(e.by_lang[&Lang::En], (1, 0));
    }

    struct AlwaysKy;
    impl LanguageIdentifier for AlwaysKy {
        fn identify(&self, _: &str) -> Detection {
            Detection {
                lang: Lang::Ky,
                confidence: 1.0,
                script: Script::Cyrl,
            }
        }
    }

    #[test]
    fn langid_eval_counts_confusions() {
        let result = eval_langid(&AlwaysKy, &data());
        assert_eq!(result.row(Lang::Ky).unwrap().accuracy(), 100.0);
        let en = result.row(Lang::En).unwrap();
        assert_eq!((en.correct, en.confusions[&Lang::Ky]), (0, 2));
        assert!(result.to_string().contains("| en | 2 | 0.00 | ky 2 |"));
    }
}
