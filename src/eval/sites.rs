//! Articles wrapped in site templates, as a user's scraped batch would look: every template
//! text (menus, banners, share buttons, lists of other headlines, footers) is boilerplate,
//! every headline, dateline and paragraph of the article is content. A template is a
//! `<lang>_<site>.html` or `.txt` file with the placeholders `{{TITLE}}`, `{{ARTICLE}}`,
//! `{{RELATED}}` (three headlines of other articles), `{{PUBDATE}}`, `{{DAY}}` and `{{ID}}`;
//! a template line or text node holding `{{PUBDATE}}` is labelled neither way.

use crate::clean::loose;
use crate::document::Format;

use crate::text::Lang;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One article: its units of content in order.
#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub dateline: String,
    pub paragraphs: Vec<String>,
}

/// A template of one site in one format.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub lang: Lang,
    pub format: Format,
    pub text: String,
}

/// Reads every `<lang>_<name>.{html,txt}` of `dir`, sorted by name.
pub fn read_templates(dir: &Path) -> std::io::Result<Vec<Template>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let (Some(stem), Some(format)) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.extension()
                .and_then(|e| e.to_str())
                .and_then(Format::from_extension),
        ) else {
            continue;
        };
        let Some(lang) = stem.split('_').next().and_then(|c| c.parse::<Lang>().ok()) else {
            continue;
        };
        out.push(Template {
            name: stem.to_string(),
            lang,
            format,
            text: std::fs::read_to_string(&path)?,
        });
    }
    Ok(out)
}

/// Articles of one language from the corpus folder (`docs/ky_24kg_news.jsonl`,
/// `docs/ru_factrueval_news.jsonl`, consecutive sentences of `langid/heldout/en.txt` for
/// English); headlines are held-out sentences of the same language cut to at most nine words.
pub fn read_articles(corpus: &Path, lang: Lang, max: usize) -> std::io::Result<Vec<Article>> {
    let heldout = std::fs::read_to_string(
        corpus
            .join("langid/heldout")
            .join(format!("{}.txt", lang.code())),
    )?;
    let sentences: Vec<&str> = heldout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let bodies: Vec<Vec<String>> = match lang {
        Lang::En => sentences
            .chunks(6)
            .map(|c| c.chunks(2).map(|p| p.join(" ")).collect())
            .collect(),
        _ => {
            let file = match lang {
                Lang::Ky => "docs/ky_24kg_news.jsonl",
                _ => "docs/ru_factrueval_news.jsonl",
            };
            let text = std::fs::read_to_string(corpus.join(file))?;
            text.lines()
                .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                .filter_map(|v| v["text"].as_str().map(paragraphs_of))
                .filter(|p| p.len() >= 2)
                .collect()
        }
    };
    // Headlines come from the end of the sentence list so they are not the English bodies.
    let headlines = sentences.iter().rev().map(|s| headline(s));
    Ok(bodies
        .into_iter()
        .zip(headlines)
        .take(max)
        .enumerate()
        .map(|(i, (paragraphs, title))| Article {
            title,
            dateline: dateline(lang, 1 + i % 28),
            paragraphs,
        })
        .collect())
}

fn paragraphs_of(text: &str) -> Vec<String> {
    text.lines()
        .map(crate::text::collapse_whitespace)
        .filter(|l| l.chars().filter(|&c| crate::text::is_letter(c)).count() >= 20)
        .take(8)
        .collect()
}

fn headline(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().take(9).collect();
    words
        .join(" ")
        .trim_end_matches(['.', ',', ':', ';', '!', '?'])
        .to_string()
}

fn dateline(lang: Lang, day: usize) -> String {
    match lang {
        Lang::Ky => format!("Бишкек, {day}-март, 2024-жыл"),
        Lang::Ru => format!("Бишкек, {day} марта 2024 г."),
        _ => format!("Bishkek, {day} March 2024"),
    }
}

/// One generated page and its labels.
#[derive(Debug, Clone)]
pub struct SitePage {
    pub template: String,
    pub format: Format,
    pub lang: Lang,
    pub bytes: Vec<u8>,
    pub content: Vec<String>,
    pub boilerplate: Vec<String>,
}

/// Wraps article `i` of `articles` in `template`; the related headlines are those of the
/// next three articles (as on a news site, a headline recurs in other pages' lists).
pub fn wrap(template: &Template, articles: &[Article], i: usize) -> SitePage {
    let article = &articles[i];
    let related: Vec<&str> = (1..=3)
        .map(|k| articles[(i + k) % articles.len()].title.as_str())
        .collect();
    let html = template.format == Format::Html;
    let escape = |s: &str| {
        if html {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        } else {
            s.to_string()
        }
    };
    let body: Vec<String> = std::iter::once(&article.dateline)
        .chain(&article.paragraphs)
        .map(|p| {
            if html {
                format!("<p>{}</p>", escape(p))
            } else {
                p.clone()
            }
        })
        .collect();
    let related_block: Vec<String> = related
        .iter()
        .enumerate()
        .map(|(k, h)| {
            if html {
                format!("<li><a href=\"/news/{}\">{}</a></li>", i * 3 + k, escape(h))
            } else {
                h.to_string()
            }
        })
        .collect();
    let day = 1 + i % 28;
    let text = template
        .text
        .replace("{{TITLE}}", &escape(&article.title))
        .replace("{{ARTICLE}}", &body.join(if html { "\n" } else { "\n\n" }))
        .replace("{{RELATED}}", &related_block.join("\n"))
        .replace("{{DAY}}", &format!("{day:02}"))
        .replace("{{ID}}", &(1000 + i).to_string());
    let pubdate = match template.lang {
        Lang::Ky => format!("{day:02}.03.2024"),
        Lang::Ru => format!("{day} марта 2024, 10:{day:02}"),
        _ => format!("{day} March 2024"),
    };
    let mut boilerplate = template_texts(template);
    boilerplate.extend(related.iter().map(|h| h.to_string()));
    SitePage {
        template: template.name.clone(),
        format: template.format,
        lang: template.lang,
        bytes: text.replace("{{PUBDATE}}", &pubdate).into_bytes(),
        content: std::iter::once(article.title.clone())
            .chain(std::iter::once(article.dateline.clone()))
            .chain(article.paragraphs.iter().cloned())
            .collect(),
        boilerplate,
    }
}

/// The template's own texts: its lines (plain text) or visible text nodes (HTML) with two
/// letters or more and no placeholder.
fn template_texts(template: &Template) -> Vec<String> {
    let texts: Vec<String> = match template.format {
        Format::Html => {
            let doc = scraper::Html::parse_document(&template.text);
            let body = scraper::Selector::parse("body").expect("valid selector");
            doc.select(&body)
                .flat_map(|b| {
                    b.descendants()
                        .filter(|n| {
                            !n.ancestors().any(|a| {
                                a.value()
                                    .as_element()
                                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
                            })
                        })
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect::<Vec<_>>()
                })
                .collect()
        }
        _ => template.text.lines().map(String::from).collect(),
    };
    texts
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.contains("{{"))
        .filter(|t| t.chars().filter(|&c| crate::text::is_letter(c)).count() >= 2)
        .collect()
}

/// Writes the pages and their labels to `dir` in the benchmark format of `eval html`
/// (`<name>.html|txt` and `<name>.expected.json` with `with` = content, `without` =
/// boilerplate), for other extractors to be measured on the same pages.
pub fn write_pages(pages: &[SitePage], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (i, page) in pages.iter().enumerate() {
        let ext = if page.format == Format::Html {
            "html"
        } else {
            "txt"
        };
        let file = format!("{}-{i:03}.{ext}", page.template);
        std::fs::write(dir.join(&file), &page.bytes)?;
        let expected = serde_json::json!({
            "file": file,
            "with": page.content,
            "without": page.boilerplate,
        });
        std::fs::write(
            dir.join(format!("{}-{i:03}.expected.json", page.template)),
            serde_json::to_string_pretty(&expected)?,
        )?;
    }
    Ok(())
}

/// Units labelled and units right, per template.
#[derive(Debug, Clone, Default)]
pub struct SiteCounts {
    pub pages: usize,
    pub content: (usize, usize),
    pub boilerplate: (usize, usize),
}

/// Results in a batch (repetition across pages at work) and page by page.
#[derive(Debug, Clone, Default)]
pub struct SiteEval {
    pub batch: BTreeMap<(String, &'static str), SiteCounts>,
    pub alone: BTreeMap<(String, &'static str), SiteCounts>,
    pub mistakes: Vec<String>,
}

/// Scores one page's clean text; returns the units it got wrong.
fn score(page: &SitePage, text: &str, counts: &mut SiteCounts) -> Vec<String> {
    let mut rest = loose(text);
    let mut wrong = Vec::new();
    counts.pages += 1;
    for unit in &page.content {
        let key = loose(unit);
        counts.content.0 += 1;
        if rest.contains(&key) {
            counts.content.1 += 1;
            rest = rest.replacen(&key, " ", 1);
        } else {
            wrong.push(format!("content dropped: {unit}"));
        }
    }
    for unit in &page.boilerplate {
        counts.boilerplate.0 += 1;
        if rest.contains(&loose(unit)) {
            wrong.push(format!("boilerplate kept: {unit}"));
        } else {
            counts.boilerplate.1 += 1;
        }
    }
    wrong
}

/// Runs all pages as one batch, then each page alone; keeps up to `show` mistakes of the
/// batch run.
pub fn eval_sites(pipeline: &crate::Pipeline, pages: &[SitePage], show: usize) -> SiteEval {
    let format_name = |f: Format| if f == Format::Html { "html" } else { "txt" };
    let inputs: Vec<(String, Format, Vec<u8>)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{}-{i}", p.template), p.format, p.bytes.clone()))
        .collect();
    let mut eval = SiteEval::default();
    for (page, record) in pages.iter().zip(pipeline.process_documents(&inputs)) {
        let counts = eval
            .batch
            .entry((page.template.clone(), format_name(page.format)))
            .or_default();
        for wrong in score(page, &record.text, counts) {
            if eval.mistakes.len() < show {
                eval.mistakes.push(format!("{}: {wrong}", page.template));
            }
        }
    }
    for (page, input) in pages.iter().zip(&inputs) {
        let record = pipeline
            .process_documents(std::slice::from_ref(input))
            .remove(0);
        let counts = eval
            .alone
            .entry((page.template.clone(), format_name(page.format)))
            .or_default();
        score(page, &record.text, counts);
    }
    eval
}

impl SiteCounts {
    fn add(&mut self, other: &SiteCounts) {
        self.pages += other.pages;
        self.content.0 += other.content.0;
        self.content.1 += other.content.1;
        self.boilerplate.0 += other.boilerplate.0;
        self.boilerplate.1 += other.boilerplate.1;
    }
}

/// One table row: a site (or `**all**`), a format, and its batch and page-by-page counts.
fn write_row(
    f: &mut fmt::Formatter<'_>,
    site: &str,
    format: &str,
    batch: &SiteCounts,
    alone: &SiteCounts,
) -> fmt::Result {
    let pct = |(n, k): (usize, usize)| 100.0 * k as f64 / n.max(1) as f64;
    writeln!(
        f,
        "| {site} | {format} | {} | {} | {:.2} | {:.2} | {} | {:.2} | {:.2} |",
        batch.pages,
        batch.content.0,
        pct(batch.content),
        pct(alone.content),
        batch.boilerplate.0,
        pct(batch.boilerplate),
        pct(alone.boilerplate)
    )
}

impl fmt::Display for SiteEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| site | format | pages | content units | kept % (batch) | kept % (alone) | boilerplate units | removed % (batch) | removed % (alone) |"
        )?;
        writeln!(f, "|---|---|---:|---:|---:|---:|---:|---:|---:|")?;
        let mut totals: BTreeMap<&str, (SiteCounts, SiteCounts)> = BTreeMap::new();
        for (key, batch) in &self.batch {
            let alone = self.alone.get(key).cloned().unwrap_or_default();
            write_row(f, &key.0, key.1, batch, &alone)?;
            let total = totals.entry(key.1).or_default();
            total.0.add(batch);
            total.1.add(&alone);
        }
        for (format, (batch, alone)) in &totals {
            write_row(f, "**all**", format, batch, alone)?;
        }
        for m in &self.mistakes {
            writeln!(f, "\n{m}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles() -> Vec<Article> {
        (0..4)
            .map(|i| Article {
                title: format!("Headline number {i} & more"),
                dateline: dateline(Lang::En, i + 1),
                paragraphs: vec![format!("Paragraph one of article {i}."), "Two.".into()],
            })
            .collect()
    }

    #[test]
    fn wrapping_labels_template_texts_and_other_headlines_as_boilerplate() {
        let template = Template {
            name: "en_test".into(),
            lang: Lang::En,
            format: Format::Html,
            text: "<html><head><title>{{TITLE}}</title><script>var menu;</script></head><body><nav>Home | News</nav><h1>{{TITLE}}</h1><i>Posted {{PUBDATE}}</i>{{ARTICLE}}<ul>{{RELATED}}</ul><footer>All rights reserved</footer></body></html>".into(),
        };
        let page = wrap(&template, &articles(), 0);
        assert_eq!(
            page.boilerplate,
            vec![
                "Home | News",
                "All rights reserved",
                "Headline number 1 & more",
                "Headline number 2 & more",
                "Headline number 3 & more"
            ]
        );
        assert_eq!(page.content[0], "Headline number 0 & more");
        assert_eq!(page.content[1], "Bishkek, 1 March 2024");
        let html = String::from_utf8(page.bytes.clone()).unwrap();
        assert!(html.contains("<h1>Headline number 0 &amp; more</h1>"));
        assert!(html.contains("Posted 1 March 2024"));

        let mut counts = SiteCounts::default();
        let wrong = score(
            &page,
            "Headline number 0 & more\nBishkek, 1 March 2024\nParagraph one of article 0.\nTwo.\nAll rights reserved",
            &mut counts,
        );
        assert_eq!(counts.content, (4, 4));
        assert_eq!(counts.boilerplate, (5, 4));
        assert_eq!(wrong, vec!["boilerplate kept: All rights reserved"]);
    }

    #[test]
    fn a_dropped_paragraph_is_a_content_mistake() {
        let template = Template {
            name: "en_txt".into(),
            lang: Lang::En,
            format: Format::Txt,
            text: "Menu\n{{TITLE}}\n{{ARTICLE}}\n{{RELATED}}".into(),
        };
        let page = wrap(&template, &articles(), 3);
        let mut counts = SiteCounts::default();
        let wrong = score(&page, "Headline number 3 & more\nTwo.", &mut counts);
        assert_eq!(counts.content, (4, 2));
        assert_eq!(counts.boilerplate, (4, 4));
        assert_eq!(wrong.len(), 2);
    }
}
