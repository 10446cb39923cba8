//! The translation half of the pipeline, after language identification: romanization of
//! Kyrgyz and Russian segments (`translit.rs`, built in), and machine translation of segments
//! through a backend behind the [`Translator`] trait — LibreTranslate (`libretranslate.rs`),
//! Apertium APy (`apertium.rs`) or an external command (`command.rs`) — with a persistent
//! cache (`cache.rs`) and the retries, timeouts and concurrency limit of `http.rs`.
//! Off by default: with no backend configured nothing here opens a connection.

mod apertium;
mod cache;
mod command;
mod http;
mod libretranslate;
pub mod translit;

use crate::config::{Backend, TranslateConfig, TranslitConfig};
use crate::detect::segment::Segment;
use crate::error::RunError;
use crate::text::{Lang, Script};
use cache::Cache;
use std::sync::atomic::{AtomicU64, Ordering};
use translit::Scheme;

/// Why a translation failed; the message never holds an API key.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{backend}: {message}")]
pub struct TranslateError {
    pub backend: &'static str,
    pub message: String,
}

/// A machine translation backend.
pub trait Translator: Send + Sync {
    /// Its name in records: `libretranslate`, `apertium`, `command`.
    fn name(&self) -> &'static str;

    /// What identifies its translations in the cache besides the texts (where it is, which
    /// program).
    fn identity(&self) -> String;

    /// Translates `texts` from `source` to `target`: one translation per text, in order.
    fn translate(
        &self,
        texts: &[&str],
        source: Lang,
        target: Lang,
    ) -> Result<Vec<String>, TranslateError>;
}

/// Romanizes a text segment by segment, by the scheme of each segment's language (Kyrgyz by
/// `ky`, other Cyrillic by `ru`); Latin and other scripts are copied.
pub struct Romanizer {
    ky: Scheme,
    ru: Scheme,
}

impl Romanizer {
    pub fn new(config: &TranslitConfig) -> Option<Self> {
        config.enabled.then_some(Romanizer {
            ky: config.ky,
            ru: config.ru,
        })
    }

    pub fn romanize(&self, text: &str, segments: &[Segment]) -> String {
        let romanized = rewrite_with_offsets(text, segments, |piece, segment, _| {
            let scheme = match segment.script {
                Script::Cyrl if segment.lang == Lang::Ky => self.ky,
                Script::Cyrl => self.ru,
                _ => return Ok::<_, std::convert::Infallible>(piece.to_string()),
            };
            Ok(translit::transliterate(piece, scheme).into_owned())
        });
        match romanized {
            Ok((text, _)) => text,
        }
    }
}

/// The byte offset of every character of `text`, and of its end: segment offsets are in
/// characters, slicing needs bytes (computed once per text, not per segment).
fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// `text` with each segment replaced by `replace(piece, segment, index)` and what lies
/// between segments copied; with each new segment's `(start, end)` in characters.
fn rewrite_with_offsets<E>(
    text: &str,
    segments: &[Segment],
    mut replace: impl FnMut(&str, &Segment, usize) -> Result<String, E>,
) -> Result<(String, Vec<(usize, usize)>), E> {
    let byte_at = char_starts(text);
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(segments.len());
    let mut copied = 0;
    let mut chars = 0;
    for (i, s) in segments.iter().enumerate() {
        let (start, end) = (
            byte_at[s.start.min(byte_at.len() - 1)],
            byte_at[s.end.min(byte_at.len() - 1)],
        );
        let gap = &text[copied.min(start)..start];
        out.push_str(gap);
        chars += gap.chars().count();
        let new = replace(&text[start..end], s, i)?;
        let len = new.chars().count();
        spans.push((chars, chars + len));
        chars += len;
        out.push_str(&new);
        copied = end;
    }
    out.push_str(&text[copied.min(text.len())..]);
    Ok((out, spans))
}

/// A document's text in the target language.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub backend: &'static str,
    pub target: Lang,
    /// The source languages whose segments were sent.
    pub source_langs: Vec<Lang>,
    pub text: String,
    /// One per segment of the document, in order: where it is in `text`, and whether it was
    /// translated (or copied: already in the target language, or in a language not sent).
    pub segments: Vec<TranslatedSegment>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TranslatedSegment {
    pub start: usize,
    pub end: usize,
    pub lang: Lang,
    pub translated: bool,
}

/// Counts of a run's translation work, for the report.
#[derive(Debug, Default)]
pub struct TranslateCounts {
    pub requests: AtomicU64,
    pub cache_hits: AtomicU64,
    pub translated: AtomicU64,
    pub failed_documents: AtomicU64,
}

/// The translation stage: a backend, its cache, and what to send.
pub struct Translate {
    backend: Box<dyn Translator>,
    cache: Option<Cache>,
    config: TranslateConfig,
    pub counts: TranslateCounts,
}

impl Translate {
    /// The stage for `config`; `None` when no backend is configured (nothing is opened).
    /// The cache file lies in `output_dir`.
    pub fn new(
        config: &TranslateConfig,
        output_dir: &std::path::Path,
    ) -> Result<Option<Self>, RunError> {
        let gate = http::Gate::new(config.max_concurrent);
        let backend: Box<dyn Translator> = match config.backend {
            Backend::None => return Ok(None),
            Backend::Libretranslate => Box::new(libretranslate::LibreTranslate::new(config, gate)),
            Backend::Apertium => Box::new(apertium::Apertium::new(config, gate)),
            Backend::Command => Box::new(command::Command::new(config)),
        };
        let cache = match config.cache.is_empty() {
            true => None,
            false => Some(Cache::open(&output_dir.join(&config.cache))?),
        };
        Ok(Some(Translate {
            backend,
            cache,
            config: config.clone(),
            counts: TranslateCounts::default(),
        }))
    }

    /// Translates the segments of `text` in the configured source languages; the others are
    /// copied.
    pub fn translate(
        &self,
        text: &str,
        segments: &[Segment],
    ) -> Result<Translation, TranslateError> {
        let target = self.config.target;
        let sent = |s: &Segment| s.lang != target && self.config.source_langs.contains(&s.lang);
        let byte_at = char_starts(text);
        let at = |c: usize| byte_at[c.min(byte_at.len() - 1)];
        let pieces: Vec<&str> = segments
            .iter()
            .map(|s| &text[at(s.start)..at(s.end)])
            .collect();
        let mut translated: Vec<Option<String>> = vec![None; segments.len()];
        let mut source_langs: Vec<Lang> = Vec::new();
        for &lang in &self.config.source_langs {
            let wanted: Vec<usize> = (0..segments.len())
                .filter(|&i| segments[i].lang == lang && sent(&segments[i]))
                .collect();
            if wanted.is_empty() {
                continue;
            }
            source_langs.push(lang);
            let texts: Vec<&str> = wanted.iter().map(|&i| pieces[i]).collect();
            for (i, t) in wanted.into_iter().zip(self.translate_texts(&texts, lang)?) {
                translated[i] = Some(t);
            }
        }
        let (text, spans) = rewrite_with_offsets(text, segments, |piece, _, i| {
            Ok::<_, TranslateError>(translated[i].take().unwrap_or_else(|| piece.to_string()))
        })?;
        let segments = segments
            .iter()
            .zip(spans)
            .map(|(s, (start, end))| TranslatedSegment {
                start,
                end,
                lang: s.lang,
                translated: sent(s),
            })
            .collect();
        Ok(Translation {
            backend: self.backend.name(),
            target,
            source_langs,
            text,
            segments,
        })
    }

    /// Translations of `texts`: from the cache where it has them, the rest from the backend in
    /// batches (and into the cache).
    fn translate_texts(&self, texts: &[&str], source: Lang) -> Result<Vec<String>, TranslateError> {
        let target = self.config.target;
        let identity = self.backend.identity();
        let key = |t: &str| cache::key(self.backend.name(), &identity, source, target, t);
        let mut out: Vec<Option<String>> = texts
            .iter()
            .map(|t| self.cache.as_ref().and_then(|c| c.get(&key(t))))
            .collect();
        let hits = out.iter().filter(|t| t.is_some()).count() as u64;
        self.counts.cache_hits.fetch_add(hits, Ordering::Relaxed);
        let missing: Vec<usize> = (0..texts.len()).filter(|&i| out[i].is_none()).collect();
        for chunk in missing.chunks(self.config.batch_size) {
            crate::budget::check();
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            self.counts.requests.fetch_add(1, Ordering::Relaxed);
            let answers = self.backend.translate(&batch, source, target)?;
            if answers.len() != batch.len() {
                return Err(TranslateError {
                    backend: self.backend.name(),
                    message: format!("{} translations for {} texts", answers.len(), batch.len()),
                });
            }
            self.counts
                .translated
                .fetch_add(answers.len() as u64, Ordering::Relaxed);
            for (&i, answer) in chunk.iter().zip(answers) {
                if let Some(cache) = &self.cache {
                    cache.put(key(texts[i]), &answer);
                }
                out[i] = Some(answer);
            }
        }
        Ok(out.into_iter().map(Option::unwrap_or_default).collect())
    }

    pub fn on_failure(&self) -> crate::config::OnFailure {
        self.config.on_failure
    }

    /// The counts so far, for the report.
    pub fn stats(&self) -> crate::report::TranslationStats {
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
        crate::report::TranslationStats {
            requests: n(&self.counts.requests),
            cache_hits: n(&self.counts.cache_hits),
            translated_segments: n(&self.counts.translated),
            failed_documents: n(&self.counts.failed_documents),
        }
    }
}
