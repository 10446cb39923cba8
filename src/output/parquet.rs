//! records.parquet: the records with the same fields and types as records.jsonl — nested
//! fields as Parquet structs, lists and a map — for DuckDB, pandas, Spark and warehouse loads.
//! Records are turned into Arrow columns through their serde form (so the JSON Lines and
//! Parquet outputs cannot drift apart: a field missing here is an error, tested), and written
//! in row groups of [`ROWS_PER_GROUP`], which bounds memory.

use super::record::Record;
use super::AtomicFile;
use crate::error::RunError;
use arrow_json::reader::Decoder;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::PathBuf;
use std::sync::Arc;

/// Records per row group: small enough to keep memory flat, large enough for columnar reads.
pub const ROWS_PER_GROUP: usize = 8192;

fn text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, false)
}

fn maybe_text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn count(name: &str) -> Field {
    Field::new(name, DataType::UInt64, false)
}

fn real(name: &str) -> Field {
    Field::new(name, DataType::Float64, false)
}

/// A list of structs with these fields.
fn list_of(name: &str, fields: Vec<Field>) -> Field {
    let item = Field::new("item", DataType::Struct(Fields::from(fields)), false);
    Field::new(name, DataType::List(Arc::new(item)), false)
}

/// The Arrow schema of a record, field for field as in `record.rs` (and the JSON Schema).
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        text("id"),
        text("source"),
        text("status"),
        Field::new(
            "error",
            DataType::Struct(Fields::from(vec![text("stage"), text("message")])),
            true,
        ),
        maybe_text("format"),
        count("bytes"),
        maybe_text("content_hash"),
        maybe_text("encoding"),
        maybe_text("encoding_source"),
        count("replacement_chars"),
        Field::new(
            "repairs",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, false))),
            false,
        ),
        text("lang"),
        Field::new("lang_confidence", DataType::Float64, false),
        text("script"),
        maybe_text("title"),
        Field::new(
            "metadata",
            DataType::Struct(Fields::from(vec![
                maybe_text("title"),
                maybe_text("date"),
                maybe_text("author"),
                maybe_text("url"),
                maybe_text("site_name"),
                Field::new_map(
                    "fields",
                    "entries",
                    text("keys"),
                    text("values"),
                    false,
                    false,
                ),
            ])),
            false,
        ),
        text("text"),
        list_of(
            "removed",
            vec![
                text("text"),
                text("reason"),
                count("line"),
                count("byte"),
                text("lang"),
            ],
        ),
        list_of(
            "segments",
            vec![
                count("start"),
                count("end"),
                text("lang"),
                Field::new("confidence", DataType::Float64, false),
                text("script"),
            ],
        ),
        Field::new_map(
            "normalization",
            "entries",
            text("keys"),
            count("values"),
            false,
            false,
        ),
        maybe_text("dedup_key"),
        count("chars"),
        count("words"),
        maybe_text("translit"),
        Field::new(
            "translation",
            DataType::Struct(Fields::from(vec![
                text("backend"),
                Field::new(
                    "source_langs",
                    DataType::List(Arc::new(Field::new("item", DataType::Utf8, false))),
                    false,
                ),
                text("target"),
                text("text"),
                list_of(
                    "segments",
                    vec![
                        count("start"),
                        count("end"),
                        text("lang"),
                        Field::new("translated", DataType::Boolean, false),
                    ],
                ),
            ])),
            true,
        ),
        maybe_text("translation_error"),
        maybe_text("duplicate_of"),
        maybe_text("duplicate_kind"),
        Field::new("duplicate_similarity", DataType::Float64, true),
        Field::new(
            "quality",
            DataType::Struct(Fields::from(vec![
                count("sentences"),
                real("mean_word_length"),
                real("alphabetic_fraction"),
                real("lines_ending_in_punctuation"),
                real("duplicate_line_fraction"),
                real("duplicate_5gram_char_fraction"),
                real("top_2gram_char_fraction"),
                count("stop_words"),
                Field::new("stop_word_fraction", DataType::Float64, true),
            ])),
            true,
        ),
        Field::new("schema_version", DataType::UInt32, false),
        text("tilmech_version"),
    ]))
}

/// records.parquet being written.
pub struct ParquetFile {
    /// Holds the temporary name; the Arrow writer writes through its own handle.
    file: AtomicFile,
    writer: ArrowWriter<std::fs::File>,
    decoder: Decoder,
    buffered: usize,
}

impl ParquetFile {
    pub fn create(target: PathBuf) -> Result<Self, RunError> {
        let mut file = AtomicFile::create(target)?;
        let handle = file.reopen()?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
            .build();
        let schema = schema();
        let writer = ArrowWriter::try_new(handle, schema.clone(), Some(properties))
            .map_err(|e| file.error(std::io::Error::other(e)))?;
        let decoder = arrow_json::ReaderBuilder::new(schema)
            .with_batch_size(ROWS_PER_GROUP)
            .with_strict_mode(true)
            .build_decoder()
            .map_err(|e| file.error(std::io::Error::other(e)))?;
        Ok(ParquetFile {
            file,
            writer,
            decoder,
            buffered: 0,
        })
    }

    pub fn write(&mut self, record: &Record) -> Result<(), RunError> {
        let result = self.decoder.serialize(std::slice::from_ref(record));
        result.map_err(|e| self.file.error(std::io::Error::other(e)))?;
        self.buffered += 1;
        if self.buffered == ROWS_PER_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), RunError> {
        self.buffered = 0;
        let batch = self
            .decoder
            .flush()
            .map_err(|e| self.file.error(std::io::Error::other(e)))?;
        if let Some(batch) = batch {
            let written = self.writer.write(&batch);
            written.map_err(|e| self.file.error(std::io::Error::other(e)))?;
        }
        Ok(())
    }

    /// Writes the footer, fsyncs and renames into place.
    pub fn commit(mut self) -> Result<(), RunError> {
        self.flush()?;
        let closed = self.writer.close();
        closed.map_err(|e| self.file.error(std::io::Error::other(e)))?;
        self.file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::build::{self, Source};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn records_come_back_from_parquet() {
        let config = crate::Config::default();
        let pipeline = crate::Pipeline::new(config).unwrap();
        let mut records: Vec<Record> = (0..3)
            .map(|i| {
                let text = format!(
                    "Бишкекте {i} жаңы мектеп ачылды.\n\nThe school opened on Monday, said the mayor of the city."
                );
                pipeline.process_bytes(&format!("doc{i}.txt"), crate::document::Format::Txt, text.as_bytes())
            })
            .collect();
        let failed = build::build(
            &Source {
                source: "bad.bin",
                format: None,
                bytes: None,
                size: 9,
            },
            build::Outcome::Failed(
                crate::error::DocumentError::new(crate::document::Stage::Read, "cannot read"),
                None,
            ),
        );
        records.push(failed);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.parquet");
        let mut file = ParquetFile::create(path.clone()).unwrap();
        for r in &records {
            file.write(r).unwrap();
        }
        file.commit().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<_> = reader.map(Result::unwrap).collect();
        let mut json = Vec::new();
        let mut writer = arrow_json::LineDelimitedWriter::new(&mut json);
        for b in &batches {
            writer.write(b).unwrap();
        }
        writer.finish().unwrap();
        let back: Vec<serde_json::Value> = String::from_utf8(json)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back.len(), records.len());
        for (record, back) in records.iter().zip(&back) {
            let mut expected = serde_json::to_value(record).unwrap();
            // Arrow's JSON writer leaves null fields out and writes a map as an object.
            strip_nulls(&mut expected);
            assert_eq!(&expected, back, "{}", record.source);
        }
        assert!(records[0].segments.len() >= 2, "{:?}", records[0].segments);
    }

    fn strip_nulls(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                map.values_mut().for_each(strip_nulls);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
            _ => {}
        }
    }
}
