//! The benchmark corpus: documents like those tilmech is given, made reproducibly from the
//! corpus articles (`eval sites` reads them) — Kyrgyz, Russian and English; plain text and
//! HTML pages in the site templates of `tests/fixtures/sites` (menus, banners, footers,
//! related headlines); sizes spread evenly on a log scale from 300 B to 50 kB (or a smaller
//! largest size, for a corpus of small documents); Russian text
//! also in windows-1251, KOI8-R, UTF-16 and as mojibake. The same seed gives the same files.

use super::sites::{read_articles, read_templates, wrap, Article, Template};
use crate::document::Format;
use crate::text::Lang;
use std::collections::BTreeMap;
use std::path::Path;

/// Smallest document, in bytes.
const SMALLEST: usize = 300;

/// Largest document by default, in bytes.
pub const LARGEST: usize = 50_000;

/// Below this size a document is a bare excerpt: no template is that small.
const BARE_BELOW: usize = 2_500;

/// What was written.
#[derive(Debug, Default)]
pub struct Generated {
    pub documents: usize,
    pub bytes: usize,
    /// Documents per kind (`html`, `txt utf-8`, `txt windows-1251`, …).
    pub kinds: BTreeMap<String, usize>,
}

/// A small deterministic generator (xorshift64*), so that a seed names a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes documents of up to about `largest` bytes (at least 300) into `out` (in folders of
/// 1,000) until they hold `bytes` bytes.
pub fn generate(
    corpus: &Path,
    templates: &Path,
    out: &Path,
    (bytes, largest): (usize, usize),
    seed: u64,
) -> std::io::Result<Generated> {
    if largest < SMALLEST {
        return Err(std::io::Error::other(format!(
            "the largest document size must be at least {SMALLEST} bytes"
        )));
    }
    let templates = read_templates(templates)?;
    let langs = [Lang::Ky, Lang::Ru, Lang::En];
    let articles: Vec<Vec<Article>> = langs
        .iter()
        .map(|&lang| read_articles(corpus, lang, usize::MAX))
        .collect::<std::io::Result<_>>()?;
    if articles.iter().any(Vec::is_empty) || templates.is_empty() {
        return Err(std::io::Error::other(
            "the corpus needs articles in ky, ru and en, and at least one template",
        ));
    }
    let mut rng = Rng(seed.max(1));
    let mut made = Generated::default();
    while made.bytes < bytes {
        let which = rng.below(langs.len());
        let (lang, pool) = (langs[which], &articles[which]);
        let (low, high) = ((SMALLEST as f64).ln(), (largest as f64).ln());
        let size = (low + rng.unit() * (high - low)).exp() as usize;
        let start = rng.below(pool.len());
        let article = article_of_size(pool, start, size);
        let fitting: Vec<&Template> = templates.iter().filter(|t| t.lang == lang).collect();
        let (kind, extension, data) = if size < BARE_BELOW || fitting.is_empty() {
            let text = format!("{}\n\n{}", article.title, article.paragraphs.join("\n\n"));
            let (kind, data) = encode(lang, text, &mut rng);
            (kind, "txt", data)
        } else {
            let template = fitting[rng.below(fitting.len())];
            let mut around = vec![article];
            around.extend((1..=3).map(|k| pool[(start + k) % pool.len()].clone()));
            let page = wrap(template, &around, 0);
            match page.format {
                Format::Html => ("html".to_string(), "html", page.bytes),
                _ => {
                    let text = String::from_utf8_lossy(&page.bytes).into_owned();
                    let (kind, data) = encode(lang, text, &mut rng);
                    (kind, "txt", data)
                }
            }
        };
        let dir = out.join(format!("{:04}", made.documents / 1000));
        std::fs::create_dir_all(&dir)?;
        let name = format!("{:07}.{extension}", made.documents);
        std::fs::write(dir.join(name), &data)?;
        made.documents += 1;
        made.bytes += data.len();
        *made.kinds.entry(kind).or_default() += 1;
    }
    Ok(made)
}

/// An article of about `size` bytes: its paragraphs and those of the articles after it, cut
/// when the size is reached (at least one paragraph).
fn article_of_size(pool: &[Article], start: usize, size: usize) -> Article {
    let mut article = pool[start].clone();
    let mut paragraphs = Vec::new();
    let mut length = article.title.len();
    let mut k = start;
    'fill: loop {
        for p in &pool[k % pool.len()].paragraphs {
            if length >= size && !paragraphs.is_empty() {
                break 'fill;
            }
            length += p.len() + 2;
            paragraphs.push(p.clone());
        }
        k += 1;
    }
    article.paragraphs = paragraphs;
    article
}

/// Plain text as the web and old archives deliver it: Russian partly in windows-1251,
/// KOI8-R, UTF-16 with a byte order mark, or UTF-8 already garbled through windows-1251;
/// Kyrgyz and English in UTF-8 (windows-1251 has no ң ө ү).
fn encode(lang: Lang, text: String, rng: &mut Rng) -> (String, Vec<u8>) {
    let roll = rng.below(100);
    let legacy = |encoding: &'static encoding_rs::Encoding| encoding.encode(&text).0.into_owned();
    match (lang, roll) {
        (Lang::Ru, 0..=19) => ("txt windows-1251".into(), legacy(encoding_rs::WINDOWS_1251)),
        (Lang::Ru, 20..=29) => ("txt koi8-r".into(), legacy(encoding_rs::KOI8_R)),
        (Lang::Ru, 30..=34) => {
            let mut data = vec![0xFF, 0xFE];
            data.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            ("txt utf-16le".into(), data)
        }
        (Lang::Ru, 35..=39) => {
            let (garbled, _, _) = encoding_rs::WINDOWS_1251.decode(text.as_bytes());
            ("txt mojibake".into(), garbled.into_owned().into_bytes())
        }
        _ => ("txt utf-8".into(), text.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles() -> Vec<Article> {
        (0..5)
            .map(|i| Article {
                title: format!("Заголовок статьи номер {i}"),
                dateline: "Бишкек, 1 марта 2024 г.".into(),
                paragraphs: vec![
                    "Абзац текста статьи о городе и его жителях.".repeat(3);
                    3
                ],
            })
            .collect()
    }

    /// A corpus folder of a few articles per language, as `generate` reads one.
    fn tiny_corpus(dir: &Path) {
        let sentence = |lang: &str, i: usize| match lang {
            "en" => format!("The new school in the city number {i} opened its doors to pupils."),
            "ru" => format!("Новая школа номер {i} открыла свои двери для учеников города."),
            _ => format!("Шаардагы {i} номерлүү жаңы мектеп окуучулар үчүн эшигин ачты."),
        };
        std::fs::create_dir_all(dir.join("langid/heldout")).unwrap();
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        for lang in ["ky", "ru", "en"] {
            let lines: Vec<String> = (0..60).map(|i| sentence(lang, i)).collect();
            let path = dir.join(format!("langid/heldout/{lang}.txt"));
            std::fs::write(path, lines.join("\n")).unwrap();
        }
        for (lang, file) in [
            ("ky", "ky_24kg_news.jsonl"),
            ("ru", "ru_factrueval_news.jsonl"),
        ] {
            let articles: Vec<String> = (0..6)
                .map(|a| {
                    let text: Vec<String> = (0..4).map(|p| sentence(lang, a * 10 + p)).collect();
                    serde_json::json!({ "text": text.join("\n") }).to_string()
                })
                .collect();
            std::fs::write(dir.join("docs").join(file), articles.join("\n")).unwrap();
        }
    }

    /// Every file of a generated corpus, by its path in the folder.
    fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e.path().strip_prefix(dir).unwrap().display().to_string();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    #[test]
    fn the_largest_size_bounds_the_documents_and_a_seed_names_the_corpus() {
        let corpus = tempfile::tempdir().unwrap();
        tiny_corpus(corpus.path());
        let templates = Path::new("tests/fixtures/sites");
        let made = |(bytes, largest), seed| {
            let out = tempfile::tempdir().unwrap();
            generate(corpus.path(), templates, out.path(), (bytes, largest), seed).unwrap();
            files(out.path())
        };
        let small = made((200_000, 1_000), 5);
        assert!(small.len() > 200, "{}", small.len());
        // Cut after the paragraph that reaches the size (about 120 bytes here), then at most
        // doubled by UTF-16.
        let longest = small.values().map(Vec::len).max().unwrap();
        assert!(longest <= 2 * 1_200, "{longest}");
        let default = made((200_000, LARGEST), 5);
        assert!(default.values().map(Vec::len).max().unwrap() > 10_000);
        assert!(
            default.len() < small.len() / 4,
            "{} {}",
            default.len(),
            small.len()
        );
        assert_eq!(made((200_000, 1_000), 5), small);
        assert_ne!(made((200_000, 1_000), 6), small);
        let out = tempfile::tempdir().unwrap();
        assert!(generate(corpus.path(), templates, out.path(), (1_000, 299), 1).is_err());
    }

    #[test]
    fn articles_are_cut_to_size_from_the_ones_after() {
        let pool = articles();
        let small = article_of_size(&pool, 1, 10);
        assert_eq!(small.paragraphs.len(), 1);
        let large = article_of_size(&pool, 4, 3_000);
        let length: usize = large.paragraphs.iter().map(|p| p.len() + 2).sum();
        assert!((3_000..3_500).contains(&(length + large.title.len())));
        assert_eq!(large.title, pool[4].title);
    }

    #[test]
    fn russian_text_comes_in_every_encoding_and_reads_back() {
        let mut rng = Rng(7);
        let text = "Новая школа открылась в Нарыне.".to_string();
        let mut kinds = BTreeMap::new();
        for _ in 0..400 {
            let (kind, data) = encode(Lang::Ru, text.clone(), &mut rng);
            if kind == "txt koi8-r" {
                assert_eq!(encoding_rs::KOI8_R.decode(&data).0, text);
            }
            *kinds.entry(kind).or_insert(0) += 1;
        }
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        let (kind, data) = encode(Lang::Ky, "Жаңы мектеп".into(), &mut rng);
        assert_eq!(
            (kind.as_str(), data),
            ("txt utf-8", "Жаңы мектеп".as_bytes().to_vec())
        );
    }
}
