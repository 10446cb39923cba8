//! Writers for records.jsonl, records.csv, records.parquet (`parquet.rs`) and report.json.
//! Each file is written to a temporary name in the output directory, fsynced, and renamed into
//! place when the run completes, so a reader never sees half a file.

pub mod build;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod record;

use crate::config::OutputFormat;
use crate::error::RunError;
use record::{Record, CSV_HEADER};
use serde_json::value::RawValue;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Bytes gathered before a write to an output file: records are a few kilobytes each.
const WRITE_BUFFER: usize = 256 * 1024;

/// A file being written under a temporary name.
pub struct AtomicFile {
    temp: PathBuf,
    target: PathBuf,
    /// `None` once committed.
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(target: PathBuf) -> Result<Self, RunError> {
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let temp = target.with_file_name(format!(".{name}.tmp{}", std::process::id()));
        let file = File::create(&temp).map_err(|source| RunError::Output {
            path: temp.clone(),
            source,
        })?;
        Ok(AtomicFile {
            temp,
            target,
            writer: Some(BufWriter::with_capacity(WRITE_BUFFER, file)),
        })
    }

    /// A second handle on the temporary file, for writers that want to own one.
    pub fn reopen(&mut self) -> Result<File, RunError> {
        let handle = self.writer().get_ref().try_clone();
        handle.map_err(|e| self.error(e))
    }

    pub(crate) fn error(&self, source: std::io::Error) -> RunError {
        RunError::Output {
            path: self.target.clone(),
            source,
        }
    }

    /// Appends bytes, naming the file in the error.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), RunError> {
        let result = self.writer().write_all(bytes);
        result.map_err(|e| self.error(e))
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer.as_mut().expect("written before commit")
    }

    /// Flushes, fsyncs and renames into place.
    pub fn commit(mut self) -> Result<(), RunError> {
        let writer = self.writer.take().expect("committed once");
        let file = writer.into_inner().map_err(|e| RunError::Output {
            path: self.target.clone(),
            source: e.into_error(),
        })?;
        file.sync_all().map_err(|source| RunError::Output {
            path: self.target.clone(),
            source,
        })?;
        std::fs::rename(&self.temp, &self.target).map_err(|source| RunError::Output {
            path: self.target.clone(),
            source,
        })
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            // Not committed: the run failed; leave no temporary file behind.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes records in the configured formats, in the order given.
pub struct RecordWriter {
    jsonl: Option<AtomicFile>,
    csv: Option<CsvFile>,
    #[cfg(feature = "parquet")]
    parquet: Option<parquet::ParquetFile>,
}

/// A CSV file being written: RFC 4180 rows (comma-separated, CRLF line ends, fields quoted
/// when needed) through one csv writer, which keeps its buffer from row to row.
struct CsvFile {
    file: AtomicFile,
    rows: csv::Writer<File>,
}

impl CsvFile {
    fn create(path: PathBuf) -> Result<Self, RunError> {
        let mut file = AtomicFile::create(path)?;
        let rows = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .buffer_capacity(WRITE_BUFFER)
            .from_writer(file.reopen()?);
        let mut csv = CsvFile { file, rows };
        csv.write(CSV_HEADER)?;
        Ok(csv)
    }

    fn write<I>(&mut self, fields: I) -> Result<(), RunError>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let written = self.rows.write_record(fields);
        written.map_err(|e| self.file.error(e.into()))
    }

    fn commit(mut self) -> Result<(), RunError> {
        let flushed = self.rows.flush();
        flushed.map_err(|e| self.file.error(e))?;
        self.file.commit()
    }
}

impl RecordWriter {
    /// Creates a file of each format at its path (the directories are made as needed).
    pub fn create(files: Vec<(OutputFormat, PathBuf)>) -> Result<Self, RunError> {
        let mut writer = RecordWriter {
            jsonl: None,
            csv: None,
            #[cfg(feature = "parquet")]
            parquet: None,
        };
        for (format, path) in files {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|source| RunError::Output {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            match format {
                OutputFormat::Jsonl => writer.jsonl = Some(AtomicFile::create(path)?),
                OutputFormat::Csv => writer.csv = Some(CsvFile::create(path)?),
                #[cfg(feature = "parquet")]
                OutputFormat::Parquet => writer.parquet = Some(parquet::ParquetFile::create(path)?),
                #[cfg(not(feature = "parquet"))]
                OutputFormat::Parquet => {
                    return Err(RunError::Config(crate::error::ConfigError::Invalid {
                        key: "output.formats",
                        message: "lists parquet, but this tilmech was built without the `parquet` feature".to_string(),
                    }))
                }
            }
        }
        Ok(writer)
    }

    /// Writes `record`, which `json` encodes.
    pub fn write(&mut self, record: &Record, json: &RawValue) -> Result<(), RunError> {
        if let Some(file) = self.jsonl.as_mut() {
            file.write_all(json.get().as_bytes())?;
            file.write_all(b"\n")?;
        }
        if let Some(file) = self.csv.as_mut() {
            file.write(record.csv_row())?;
        }
        #[cfg(feature = "parquet")]
        if let Some(file) = self.parquet.as_mut() {
            file.write(record)?;
        }
        Ok(())
    }

    /// Moves every file into place.
    pub fn commit(self) -> Result<(), RunError> {
        if let Some(file) = self.jsonl {
            file.commit()?;
        }
        if let Some(file) = self.csv {
            file.commit()?;
        }
        #[cfg(feature = "parquet")]
        if let Some(file) = self.parquet {
            file.commit()?;
        }
        Ok(())
    }
}

/// Writes one JSON document atomically.
pub fn write_json<T: serde::Serialize>(path: PathBuf, value: &T) -> Result<(), RunError> {
    let mut file = AtomicFile::create(path)?;
    serde_json::to_writer_pretty(file.writer(), value).map_err(|e| file.error(e.into()))?;
    file.writer().write_all(b"\n").map_err(|e| file.error(e))?;
    file.commit()
}
