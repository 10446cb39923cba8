//! `tilmech eval`: every quality figure of the README, printed as a Markdown table.

use super::{load_config, sentences_in};
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tilmech::detect::{Detector, LanguageIdentifier};
use tilmech::document::Format;
use tilmech::pipeline::Pipeline;

#[derive(Subcommand)]
pub enum Command {
    /// Main-text extraction on real pages in Mozilla Readability's test layout
    /// (DIR/<page>/source.html, expected.html, expected-metadata.json): word-bag precision,
    /// recall and F1 per page and overall, metadata agreement, the worst pages.
    Readability {
        #[arg(long)]
        data: PathBuf,
        /// Worst pages to list.
        #[arg(long, default_value_t = 10)]
        show: usize,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Duplicate detection on a set made from the articles of CORPUS (as `eval sites` reads
    /// them) in the site templates of TEMPLATES: every second article republished once, five
    /// ways; pairwise precision and recall, recall per kind of copy, cost per document.
    Dups {
        /// The corpus folder (holding `docs/` and `langid/heldout/`).
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long, default_value = "tests/fixtures/sites")]
        templates: PathBuf,
        /// Articles per language.
        #[arg(long, default_value_t = 100)]
        articles: usize,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Main-text extraction from HTML pages: with/without snippets of DIR/*.expected.json
    /// (the trafilatura benchmark format), precision, recall and F1.
    Html {
        #[arg(long)]
        data: PathBuf,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Content kept and boilerplate removed on documents labelled line by line (`+ ` content,
    /// `- ` boilerplate) in DIR/*.labels, processed as one batch.
    Boilerplate {
        #[arg(long)]
        data: PathBuf,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Content kept and boilerplate removed on Kyrgyz, Russian and English articles of CORPUS
    /// (`docs/` and `langid/heldout/`) wrapped in the site templates of TEMPLATES, as one batch
    /// and page by page.
    Sites {
        /// The corpus folder (holding `docs/` and `langid/heldout/`).
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long, default_value = "tests/fixtures/sites")]
        templates: PathBuf,
        /// Articles per template.
        #[arg(long, default_value_t = 30)]
        docs: usize,
        /// Also print up to this many mistakes.
        #[arg(long, default_value_t = 0)]
        show: usize,
        /// Also write the pages and their labels here, in the format of `eval html`.
        #[arg(long)]
        write: Option<PathBuf>,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Exact restoration of documents garbled in every legacy encoding, UTF-16 and mojibake
    /// layer, and false repairs on the clean originals, from <lang>.txt files (ky, ru, en).
    Encoding {
        /// Folder of <lang>.txt sentence files (ky, ru and en are used).
        #[arg(long)]
        data: Option<PathBuf>,
        /// The multilingual mojibake suite: sentences.tsv and negatives.txt.
        #[arg(long, default_value = "tests/fixtures/mojibake")]
        suite: PathBuf,
        /// Also write the suite's cases as JSON Lines here ({damage, lang, damaged, expected}),
        /// to measure other tools on them.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Documents per language.
        #[arg(long, default_value_t = 300)]
        docs: usize,
        /// Also print up to this many failures.
        #[arg(long, default_value_t = 0)]
        show: usize,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Restoration of sentences with injected lookalikes (Latin letters in Cyrillic words; ӊ ѳ ұ
    /// in Kyrgyz) and the false-change rate on the clean originals, from <lang>.txt files
    /// (boilerplate removal off).
    Normalize {
        #[arg(long)]
        data: PathBuf,
        /// At most this many sentences per language.
        #[arg(long, default_value_t = 1000)]
        max: usize,
        /// Also print up to this many failures.
        #[arg(long, default_value_t = 0)]
        show: usize,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Paragraph labels in documents that mix ky, ru, en and kk paragraphs built from a folder
    /// of <lang>.txt sentence files (boilerplate removal off).
    Segments {
        #[arg(long)]
        data: PathBuf,
        /// How many documents to build.
        #[arg(long, default_value_t = 500)]
        docs: usize,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Per-language accuracy, main confusions and speed on a folder of <lang>.txt files.
    Langid {
        #[arg(long)]
        data: PathBuf,
        /// At most this many sentences per language.
        #[arg(long)]
        max: Option<usize>,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Langid { data, max, config } => langid(&data, max, config),
        Command::Segments { data, docs, config } => segments(&data, docs, config),
        Command::Encoding {
            data,
            suite,
            dump,
            docs,
            show,
            config,
        } => encoding(data.as_deref(), &suite, dump.as_deref(), docs, show, config),
        Command::Html { data, config } => html(&data, config),
        Command::Boilerplate { data, config } => boilerplate(&data, config),
        Command::Readability { data, show, config } => {
            let pipeline = Pipeline::new(load_config(config)?)?;
            let eval = tilmech::eval::readability::eval_readability(&pipeline, &data, show)
                .with_context(|| format!("cannot read pages in {}", data.display()))?;
            println!("{eval}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Dups {
            corpus,
            templates,
            articles,
            config,
        } => dups(&corpus, &templates, articles, config),
        Command::Sites {
            corpus,
            templates,
            docs,
            show,
            write,
            config,
        } => sites(&corpus, &templates, docs, show, write, config),
        Command::Normalize {
            data,
            max,
            show,
            config,
        } => normalize(&data, max, show, config),
    }
}

fn html(data: &Path, config: Option<PathBuf>) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let result = tilmech::eval::eval_html(&pipeline, data)
        .with_context(|| format!("cannot read pages in {}", data.display()))?;
    println!("{result}");
    Ok(ExitCode::SUCCESS)
}

fn boilerplate(data: &Path, config: Option<PathBuf>) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let docs = tilmech::corpus::read_labelled(data)
        .with_context(|| format!("cannot read labelled documents in {}", data.display()))?;
    println!("{}", tilmech::eval::eval_boilerplate(&pipeline, &docs));
    Ok(ExitCode::SUCCESS)
}

fn sites(
    corpus: &Path,
    templates: &Path,
    docs: usize,
    show: usize,
    write: Option<PathBuf>,
    config: Option<PathBuf>,
) -> Result<ExitCode> {
    use tilmech::eval::sites;
    let pipeline = Pipeline::new(load_config(config)?)?;
    let templates = sites::read_templates(templates)
        .with_context(|| format!("cannot read templates in {}", templates.display()))?;
    // Every page gets an article of its own: a template takes the next `docs` of its language.
    let mut pages = Vec::new();
    let mut articles = std::collections::BTreeMap::new();
    for template in &templates {
        let (list, used) = match articles.entry(template.lang) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let read =
                    sites::read_articles(corpus, template.lang, usize::MAX).with_context(|| {
                        format!(
                            "cannot read {} articles in {}",
                            template.lang,
                            corpus.display()
                        )
                    })?;
                e.insert((read, 0))
            }
        };
        let end = (*used + docs).min(list.len());
        pages.extend((*used..end).map(|i| sites::wrap(template, &list[*used..end], i - *used)));
        *used = end;
    }
    if let Some(dir) = write {
        sites::write_pages(&pages, &dir)
            .with_context(|| format!("cannot write pages to {}", dir.display()))?;
    }
    println!("{}", sites::eval_sites(&pipeline, &pages, show));
    Ok(ExitCode::SUCCESS)
}

fn dups(
    corpus: &Path,
    templates: &Path,
    articles: usize,
    config: Option<PathBuf>,
) -> Result<ExitCode> {
    use tilmech::eval::{dups, sites};
    let pipeline = Pipeline::new(load_config(config)?)?;
    let templates = sites::read_templates(templates)
        .with_context(|| format!("cannot read templates in {}", templates.display()))?;
    let mut docs = Vec::new();
    for lang in [
        tilmech::text::Lang::Ky,
        tilmech::text::Lang::Ru,
        tilmech::text::Lang::En,
    ] {
        let list = sites::read_articles(corpus, lang, articles)
            .with_context(|| format!("cannot read {lang} articles in {}", corpus.display()))?;
        let own: Vec<&sites::Template> = templates.iter().filter(|t| t.lang == lang).collect();
        docs.extend(dups::make_set(lang, &list, &own));
    }
    println!("{}", dups::eval_dups(&pipeline, &docs));
    Ok(ExitCode::SUCCESS)
}

fn langid(data: &Path, max: Option<usize>, config: Option<PathBuf>) -> Result<ExitCode> {
    let config = load_config(config)?;
    let started = std::time::Instant::now();
    let detector = Detector::new(&config.detect)?;
    let load = started.elapsed();
    let sentences = sentences_in(data, max)?;
    let result = tilmech::eval::eval_langid(&detector as &dyn LanguageIdentifier, &sentences);
    println!("{result}");
    println!("detector load: {:.0} ms", load.as_secs_f64() * 1000.0);
    Ok(ExitCode::SUCCESS)
}

fn segments(data: &Path, docs: usize, config: Option<PathBuf>) -> Result<ExitCode> {
    use tilmech::text::Lang;
    // Language labels only: boilerplate removal (measured by `eval boilerplate`) would drop the
    // corpus' URL-only "sentences" and shift the paragraphs.
    let mut config = load_config(config)?;
    config.boilerplate.enabled = false;
    let pipeline = Pipeline::new(config)?;
    let sentences = sentences_in(data, None)?;
    let documents =
        tilmech::eval::mixed_documents(&sentences, &[Lang::Ky, Lang::Ru, Lang::En, Lang::Kk], docs);
    let mut result = tilmech::eval::SegmentEval::default();
    for (i, doc) in documents.iter().enumerate() {
        let record =
            pipeline.process_bytes(&format!("mixed{i}.txt"), Format::Txt, doc.text.as_bytes());
        result.add(doc, &record.text, &record.segments);
    }
    println!("{result}");
    Ok(ExitCode::SUCCESS)
}

fn normalize(data: &Path, max: usize, show: usize, config: Option<PathBuf>) -> Result<ExitCode> {
    use tilmech::text::Lang;
    // Normalization only: boilerplate removal is measured by `eval boilerplate`.
    let mut config = load_config(config)?;
    config.boilerplate.enabled = false;
    let pipeline = Pipeline::new(config)?;
    let sentences = sentences_in(data, None)?;
    let pairs = tilmech::eval::inject_lookalikes(&sentences, &[Lang::Ky, Lang::Ru], max);
    let result = tilmech::eval::NormalizeEval::run(&pipeline, &pairs);
    println!("{result}");
    if let Some((_, ky)) = sentences.iter().find(|(l, _)| *l == Lang::Ky) {
        // The restoration list is opt-in (`normalize.ky_restore`); measured with it on.
        let mut with_restore = pipeline.config().clone();
        with_restore.normalize.ky_restore = true;
        let restoring = Pipeline::new(with_restore)?;
        let ky: Vec<String> = ky.iter().take(max).cloned().collect();
        let (n, exact, words, restored) = tilmech::eval::eval_ky_restore(&restoring, &ky);
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        println!(
            "Kyrgyz typed without ң ө ү (normalize.ky_restore = true): {n} sentences, {:.2}% restored exactly; {words} words, {:.2}% restored\n",
            pct(exact, n),
            pct(restored, words)
        );
    }
    for (expected, got) in result.failures.iter().take(show) {
        println!("expected: {expected}\n     got: {got}\n");
    }
    Ok(ExitCode::SUCCESS)
}

fn encoding(
    data: Option<&Path>,
    suite: &Path,
    dump: Option<&Path>,
    docs: usize,
    show: usize,
    config: Option<PathBuf>,
) -> Result<ExitCode> {
    use tilmech::eval::mojibake;
    use tilmech::text::Lang;
    let pipeline = Pipeline::new(load_config(config)?)?;
    if let Some(data) = data {
        let sentences: tilmech::corpus::LabelledSentences = sentences_in(data, None)?
            .into_iter()
            .filter(|(l, _)| matches!(l, Lang::Ky | Lang::Ru | Lang::En))
            .collect();
        let result = tilmech::eval::eval_encoding(pipeline.decoder(), &sentences, docs);
        println!("{result}");
        for (variant, expected, got) in result.failures.iter().take(show) {
            println!("{variant}\nexpected: {expected}\n     got: {got}\n");
        }
    }
    let (sentences, negatives) = mojibake::read_suite(suite)
        .with_context(|| format!("cannot read the mojibake suite in {}", suite.display()))?;
    let cases = mojibake::cases(&sentences, &negatives);
    if let Some(dump) = dump {
        let mut out = String::new();
        for case in &cases {
            out.push_str(&serde_json::to_string(case)?);
            out.push('\n');
        }
        std::fs::write(dump, out).with_context(|| format!("cannot write {}", dump.display()))?;
    }
    let result = mojibake::eval_suite(pipeline.decoder(), &cases);
    println!("{result}");
    for (damage, damaged, expected, got) in result.failures.iter().take(show) {
        println!("{damage}\n damaged: {damaged}\nexpected: {expected}\n     got: {got}\n");
    }
    Ok(ExitCode::SUCCESS)
}
