//! Command-line interface: options become one validated `Config`; output and progress live here.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tilmech::config::Config;
use tilmech::detect::{self, Detector, LanguageIdentifier};
use tilmech::document::Format;
use tilmech::error::{ConfigError, RunError};
use tilmech::output::record::{json_schema, Status};
use tilmech::pipeline::{Pipeline, Progress};
use tilmech::text::ngram::TrainParams;

/// Exit code: the run finished but some documents failed.
const EXIT_DOCUMENT_ERRORS: u8 = 1;
/// Exit code: bad usage, configuration, input directory or model.
const EXIT_USAGE: u8 = 2;
/// Exit code: the run could not write its output.
const EXIT_OUTPUT: u8 = 3;

#[derive(Parser)]
#[command(
    name = "tilmech",
    version,
    about = "Kyrgyz, Russian and English documents to clean, language-labelled records"
)]
pub struct Args {
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process the input directory into records.jsonl, records.csv and report.json.
    Run(RunArgs),
    /// Print the language of a text (FILE, or stdin), or of each line with --per-line.
    Detect {
        /// One JSON object per input line instead of one for the whole text.
        #[arg(long)]
        per_line: bool,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
        file: Option<PathBuf>,
    },
    /// Print the cleaned text of one document (FILE, or stdin), after every stage.
    Clean {
        /// Input format; by default from FILE's extension, txt for stdin.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
        file: Option<PathBuf>,
    },
    /// Print the decoded and repaired text of FILE (or stdin) as UTF-8, and nothing else.
    Repair {
        /// Config file (default ./pipeline.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema of a record.
    Schema,
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Measure quality on labelled data.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(clap::Args)]
struct RunArgs {
    /// Config file (default ./pipeline.toml when present, else built-in defaults).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Input directory (overrides input.dir).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Output directory (overrides output.dir).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Worker threads, 0 for one per core (overrides run.threads).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Build the list that restores Kyrgyz words typed without ң ө ү, from DIR/ky.txt.
    KyLetters {
        #[arg(long)]
        data: PathBuf,
        #[arg(long, default_value = "models/ky-restore.tsv")]
        out: PathBuf,
    },
    /// Train the Cyrillic n-gram language model from a folder of <lang>.txt files.
    Langid {
        #[arg(long)]
        data: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/cyrillic.ngm")]
        out: PathBuf,
        /// log2 of the hash buckets.
        #[arg(long, default_value_t = TrainParams::default().bits)]
        bits: u32,
        /// Smoothing.
        #[arg(long, default_value_t = TrainParams::default().alpha)]
        alpha: f64,
        /// Longest character n-gram.
        #[arg(long, default_value_t = TrainParams::default().max_order)]
        max_order: usize,
        /// Hold out every Nth sentence, train on the rest and print the accuracy on them
        /// (for tuning on training data only); 0 trains on everything.
        #[arg(long, default_value_t = 0)]
        dev_every: usize,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
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
        #[arg(long)]
        data: PathBuf,
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

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Txt,
    Md,
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Txt => Format::Txt,
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
        }
    }
}

/// Maps an error to the documented exit codes.
pub fn exit_code_for(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<RunError>() {
        Some(RunError::Output { .. }) => EXIT_OUTPUT,
        Some(_) => EXIT_USAGE,
        None if e.downcast_ref::<ConfigError>().is_some() => EXIT_USAGE,
        None => EXIT_OUTPUT,
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    init_logging(args.verbose);
    match args.command {
        Command::Run(run) => run_job(run),
        Command::Detect {
            per_line,
            config,
            file,
        } => detect(per_line, config, file),
        Command::Clean {
            format,
            config,
            file,
        } => clean(format, config, file),
        Command::Repair { config, file } => repair(config, file),
        Command::Schema => {
            println!("{}", json_schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Langid {
            data,
            out,
            bits,
            alpha,
            max_order,
            dev_every,
        }) => train(
            &data,
            &out,
            TrainParams {
                bits,
                max_order,
                alpha,
            },
            dev_every,
        ),
        Command::Train(TrainCommand::KyLetters { data, out }) => train_ky_letters(&data, &out),
        Command::Eval(EvalCommand::Langid { data, max, config }) => eval_langid(&data, max, config),
        Command::Eval(EvalCommand::Segments { data, docs, config }) => {
            eval_segments(&data, docs, config)
        }
        Command::Eval(EvalCommand::Encoding {
            data,
            docs,
            show,
            config,
        }) => eval_encoding(&data, docs, show, config),
        Command::Eval(EvalCommand::Html { data, config }) => {
            let pipeline = Pipeline::new(load_config(config)?)?;
            let result = tilmech::eval::eval_html(&pipeline, &data)
                .with_context(|| format!("cannot read pages in {}", data.display()))?;
            println!("{result}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Boilerplate { data, config }) => {
            let pipeline = Pipeline::new(load_config(config)?)?;
            let docs = tilmech::corpus::read_labelled(&data)
                .with_context(|| format!("cannot read labelled documents in {}", data.display()))?;
            println!("{}", tilmech::eval::eval_boilerplate(&pipeline, &docs));
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Sites {
            corpus,
            templates,
            docs,
            show,
            write,
            config,
        }) => eval_sites(&corpus, &templates, docs, show, write, config),
        Command::Eval(EvalCommand::Normalize {
            data,
            max,
            show,
            config,
        }) => eval_normalize(&data, max, show, config),
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// The config from `--config`, else ./pipeline.toml if present, else the defaults.
fn eval_sites(
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

fn load_config(path: Option<PathBuf>) -> Result<Config> {
    let path = path.or_else(|| Some(PathBuf::from("pipeline.toml")).filter(|p| p.is_file()));
    Ok(match path {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    })
}

fn run_job(args: RunArgs) -> Result<ExitCode> {
    let mut config = load_config(args.config)?;
    if let Some(dir) = args.input {
        config.input.dir = dir;
    }
    if let Some(dir) = args.output {
        config.output.dir = dir;
    }
    if let Some(n) = args.threads {
        config.run.threads = n;
    }
    config.validate()?;
    let pipeline = Pipeline::new(config)?;
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let progress = Bar(show_bar.then(|| {
        ProgressBar::new(0).with_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} documents ({per_sec}, eta {eta})",
            )
            .expect("valid template")
            .progress_chars("=> "),
        )
    }));
    let report = pipeline.run(&progress)?;
    let failed = report.failed();
    tracing::info!(
        documents = report.documents,
        failed,
        seconds = report.wall_seconds,
        "run finished; records in {}",
        pipeline.config().output.dir.display()
    );
    if !args.quiet {
        eprintln!(
            "tilmech: {} documents ({} failed) in {:.2}s, {:.1} MB/s -> {}",
            report.documents,
            failed,
            report.wall_seconds,
            report.megabytes_per_second,
            pipeline.config().output.dir.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(EXIT_DOCUMENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

/// indicatif progress bar, or nothing when stderr is not a terminal or --quiet.
struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn start(&self, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
        }
    }
    fn advance(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

fn read_input(file: &Option<PathBuf>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match file {
        Some(p) => {
            bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?
        }
        None => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read stdin")?;
        }
    }
    Ok(bytes)
}

/// The `<lang>.txt` sentence files of an evaluation or training folder.
fn sentences_in(data: &Path, max: Option<usize>) -> Result<tilmech::corpus::LabelledSentences> {
    tilmech::corpus::read_sentences(data, max).with_context(|| {
        format!(
            "cannot read <lang>.txt sentence files in {}",
            data.display()
        )
    })
}

/// The format of FILE by its extension; plain text for stdin and unknown extensions.
fn format_of(file: &Option<PathBuf>) -> Format {
    file.as_deref()
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
        .unwrap_or(Format::Txt)
}

fn source_name(file: &Option<PathBuf>) -> String {
    file.as_ref()
        .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
}

fn clean(
    format: Option<FormatArg>,
    config: Option<PathBuf>,
    file: Option<PathBuf>,
) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let bytes = read_input(&file)?;
    let format = format.map_or_else(|| format_of(&file), Format::from);
    let record = pipeline.process_bytes(&source_name(&file), format, &bytes);
    if let (Status::Error, Some(e)) = (record.status, &record.error) {
        eprintln!(
            "tilmech: {}: {} failed: {}",
            record.source, e.stage, e.message
        );
        return Ok(ExitCode::from(EXIT_DOCUMENT_ERRORS));
    }
    println!("{}", record.text);
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Serialize)]
struct DetectLine {
    lang: tilmech::text::Lang,
    confidence: f64,
    script: tilmech::text::Script,
}

fn detect(per_line: bool, config: Option<PathBuf>, file: Option<PathBuf>) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let identifier = pipeline.identifier();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut emit = |text: &str| -> Result<()> {
        let d = identifier.identify(text);
        let line = DetectLine {
            lang: d.lang,
            confidence: tilmech::detect::segment::round4(d.confidence),
            script: d.script,
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if per_line {
        // Streamed line by line: memory stays flat on any input size.
        let reader: Box<dyn BufRead> = match &file {
            Some(p) => Box::new(std::io::BufReader::new(
                std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?,
            )),
            None => Box::new(std::io::stdin().lock()),
        };
        for line in reader.split(b'\n') {
            let line = line.context("cannot read input")?;
            emit(&String::from_utf8_lossy(&line))?;
        }
    } else {
        let bytes = read_input(&file)?;
        let decoded = pipeline
            .decoder()
            .decode(&source_name(&file), Format::Txt, &bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", source_name(&file)))?;
        emit(&decoded.text)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn train(data: &Path, out: &Path, params: TrainParams, dev_every: usize) -> Result<ExitCode> {
    let sentences = sentences_in(data, None)?;
    if dev_every > 0 {
        let split = |keep_dev: bool| -> tilmech::corpus::LabelledSentences {
            sentences
                .iter()
                .map(|(l, s)| {
                    let part = s
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| (i % dev_every == 0) == keep_dev);
                    (*l, part.map(|(_, s)| s.clone()).collect())
                })
                .collect()
        };
        let model = detect::train::train(&split(false), params, &data.display().to_string());
        let detector = Detector::with_model(std::sync::Arc::new(model), &Config::default().detect);
        let result = tilmech::eval::eval_langid(&detector, &split(true));
        println!("dev split (every {dev_every}th training sentence):\n{result}");
        return Ok(ExitCode::SUCCESS);
    }
    let model = detect::train::train(&sentences, params, &data.display().to_string());
    let mut bytes = Vec::new();
    model.write(&mut bytes)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "wrote {} ({} bytes; {} in memory)\n{}",
        out.display(),
        bytes.len(),
        model.table_bytes(),
        model.provenance()
    );
    Ok(ExitCode::SUCCESS)
}

fn eval_langid(data: &Path, max: Option<usize>, config: Option<PathBuf>) -> Result<ExitCode> {
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

fn eval_segments(data: &Path, docs: usize, config: Option<PathBuf>) -> Result<ExitCode> {
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

fn eval_normalize(
    data: &Path,
    max: usize,
    show: usize,
    config: Option<PathBuf>,
) -> Result<ExitCode> {
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

fn repair(config: Option<PathBuf>, file: Option<PathBuf>) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_config(config)?)?;
    let bytes = read_input(&file)?;
    let format = format_of(&file);
    match pipeline
        .decoder()
        .decode(&source_name(&file), format, &bytes)
    {
        Ok(decoded) => {
            std::io::stdout().write_all(decoded.text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("tilmech: {}: {e}", source_name(&file));
            Ok(ExitCode::from(EXIT_DOCUMENT_ERRORS))
        }
    }
}

fn eval_encoding(
    data: &Path,
    docs: usize,
    show: usize,
    config: Option<PathBuf>,
) -> Result<ExitCode> {
    use tilmech::text::Lang;
    let pipeline = Pipeline::new(load_config(config)?)?;
    let sentences: tilmech::corpus::LabelledSentences = sentences_in(data, None)?
        .into_iter()
        .filter(|(l, _)| matches!(l, Lang::Ky | Lang::Ru | Lang::En))
        .collect();
    let result = tilmech::eval::eval_encoding(pipeline.decoder(), &sentences, docs);
    println!("{result}");
    for (variant, expected, got) in result.failures.iter().take(show) {
        println!("{variant}\nexpected: {expected}\n     got: {got}\n");
    }
    Ok(ExitCode::SUCCESS)
}

fn train_ky_letters(data: &Path, out: &Path) -> Result<ExitCode> {
    let sentences = sentences_in(data, None)?;
    let (_, ky) = sentences
        .iter()
        .find(|(l, _)| *l == tilmech::text::Lang::Ky)
        .context("no ky.txt in the data folder")?;
    let list = tilmech::normalize::ky_restore::KyRestore::build(ky.iter().map(String::as_str));
    std::fs::write(out, &list).with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {} ({} words)", out.display(), list.lines().count());
    Ok(ExitCode::SUCCESS)
}
