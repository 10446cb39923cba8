//! `tilmech train`: the Cyrillic and English language models and the Kyrgyz restoration
//! list.

use super::sentences_in;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tilmech::config::Config;
use tilmech::detect::{self, Detector};
use tilmech::text::ngram::TrainParams;
use tilmech::text::Lang;

#[derive(Subcommand)]
pub enum Command {
    /// Build the stop-word lists of the quality signals: the most frequent words of
    /// DIR/ky.txt, DIR/ru.txt and DIR/en.txt.
    Stopwords {
        #[arg(long)]
        data: PathBuf,
        #[arg(long, default_value = "models/stopwords")]
        out: PathBuf,
        /// Words per list.
        #[arg(long, default_value_t = 100)]
        words: usize,
    },
    /// Train the English n-gram model (which spares lingua most English text) from
    /// DIR/en.txt.
    English {
        #[arg(long)]
        data: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/english.ngm")]
        out: PathBuf,
    },
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

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Stopwords { data, out, words } => {
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            for lang in ["ky", "ru", "en"] {
                let path = data.join(format!("{lang}.txt"));
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let list = tilmech::dedup::quality::most_frequent_words(text.lines(), words);
                let target = out.join(format!("{lang}.txt"));
                std::fs::write(&target, list.join("\n") + "\n")
                    .with_context(|| format!("cannot write {}", target.display()))?;
                println!("{}: {} words", target.display(), list.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Langid {
            data,
            out,
            bits,
            alpha,
            max_order,
            dev_every,
        } => langid(
            &data,
            &out,
            TrainParams {
                bits,
                max_order,
                alpha,
            },
            dev_every,
        ),
        Command::KyLetters { data, out } => ky_letters(&data, &out),
        Command::English { data, out } => english(&data, &out),
    }
}

fn langid(data: &Path, out: &Path, params: TrainParams, dev_every: usize) -> Result<ExitCode> {
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
    write_model(&model, out)
}

/// The English model's parameters: 2^18 buckets are plenty for one language, and keep the
/// table a quarter of the Cyrillic one.
const ENGLISH_PARAMS: TrainParams = TrainParams {
    bits: 18,
    max_order: 5,
    alpha: 0.05,
};

fn english(data: &Path, out: &Path) -> Result<ExitCode> {
    let english = sentences_of(data, Lang::En)?;
    let source = data.join("en.txt").display().to_string();
    let model = detect::train::train_english(&english, ENGLISH_PARAMS, &source);
    let told = detect::latin::told_without_lingua(&model, &english);
    println!(
        "{told} of {} training sentences ({:.1} %) are told English without lingua",
        english.len(),
        100.0 * told as f64 / english.len().max(1) as f64
    );
    write_model(&model, out)
}

/// The sentences of DIR/<lang>.txt.
fn sentences_of(data: &Path, lang: Lang) -> Result<Vec<String>> {
    let mut sentences = sentences_in(data, None)?;
    let at = (sentences.iter())
        .position(|(l, _)| *l == lang)
        .with_context(|| format!("no {}.txt in the data folder", lang.code()))?;
    Ok(sentences.swap_remove(at).1)
}

/// Writes a trained model and says what it is.
fn write_model(model: &tilmech::text::ngram::NgramModel, out: &Path) -> Result<ExitCode> {
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

fn ky_letters(data: &Path, out: &Path) -> Result<ExitCode> {
    let ky = sentences_of(data, Lang::Ky)?;
    let list = tilmech::normalize::ky_restore::KyRestore::build(ky.iter().map(String::as_str));
    std::fs::write(out, &list).with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {} ({} words)", out.display(), list.lines().count());
    Ok(ExitCode::SUCCESS)
}
