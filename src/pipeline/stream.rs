//! `run --stdin-jsonl`: tilmech as a map step (Spark `RDD.pipe`, Hadoop Streaming, Ray, a
//! shell pipeline). JSON objects in, one per line; one record per line out, in the same order,
//! written batch by batch. Each document is processed on its own — no repetition across
//! documents — so a record does not depend on how the stream was split between workers. A
//! line that is not a usable object becomes an error record, and the stream goes on.

use super::Pipeline;
use crate::document::Stage;
use crate::error::{DocumentError, RunError};
use crate::output::build::{self, Outcome};
use crate::output::record::{Record, Status};
use crate::state::StopRequest;
use rayon::prelude::*;
use std::io::{BufRead, Write};

/// What a stream run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamSummary {
    pub records: u64,
    pub failed: u64,
    /// The signal that ended the stream early, if one did.
    pub stopped_by: Option<i32>,
}

/// A line of the stream: the document it holds, or why it holds none.
enum Line {
    Document { source: String, text: String },
    Bad { source: String, message: String },
}

impl Pipeline {
    /// Reads JSON Lines from `input` and writes a record per non-blank line to `output`.
    pub fn stream(
        &self,
        mut input: impl BufRead,
        mut output: impl Write,
        stop: &StopRequest,
    ) -> Result<StreamSummary, RunError> {
        let io_error = |path: &str| {
            let path = std::path::PathBuf::from(path);
            move |source| RunError::Output { path, source }
        };
        let pool = self.pool()?;
        let mut summary = StreamSummary::default();
        let mut number = 0u64;
        let mut buf = Vec::new();
        let mut done = false;
        while !done {
            let mut lines = Vec::with_capacity(self.config.run.batch_size);
            while lines.len() < self.config.run.batch_size {
                buf.clear();
                let read = input.read_until(b'\n', &mut buf);
                if read.map_err(io_error("<stdin>"))? == 0 {
                    done = true;
                    break;
                }
                number += 1;
                if !buf.iter().all(u8::is_ascii_whitespace) {
                    lines.push(self.parse_line(&buf, number));
                }
            }
            let records: Vec<Record> =
                pool.install(|| lines.par_iter().map(|l| self.line_record(l)).collect());
            for record in &records {
                summary.records += 1;
                summary.failed += u64::from(record.status == Status::Error);
                serde_json::to_writer(&mut output, record)
                    .map_err(|e| io_error("<stdout>")(e.into()))?;
                output.write_all(b"\n").map_err(io_error("<stdout>"))?;
            }
            output.flush().map_err(io_error("<stdout>"))?;
            if let Some(signal) = stop.signal() {
                summary.stopped_by = Some(signal);
                break;
            }
        }
        Ok(summary)
    }

    fn parse_line(&self, bytes: &[u8], number: u64) -> Line {
        let fields = &self.config.stream;
        let fallback = format!("stdin#line-{number}");
        let object = match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(other) => {
                return Line::Bad {
                    source: fallback,
                    message: format!("line {number} is JSON but not an object: {}", kind(&other)),
                }
            }
            Err(e) => {
                return Line::Bad {
                    source: fallback,
                    message: format!("line {number} is not JSON: {e}"),
                }
            }
        };
        let source = match object.get(&fields.id_field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => fallback,
        };
        match object.get(&fields.text_field) {
            Some(serde_json::Value::String(text)) => Line::Document {
                source,
                text: text.clone(),
            },
            Some(other) => Line::Bad {
                source,
                message: format!(
                    "line {number}: field `{}` is {}, not a string",
                    fields.text_field,
                    kind(other)
                ),
            },
            None => Line::Bad {
                source,
                message: format!("line {number} has no field `{}`", fields.text_field),
            },
        }
    }

    fn line_record(&self, line: &Line) -> Record {
        match line {
            Line::Document { source, text } => {
                self.process_bytes(source, self.config.stream.format, text.as_bytes())
            }
            Line::Bad { source, message } => build::build(
                &build::Source {
                    source,
                    format: None,
                    bytes: None,
                    size: 0,
                },
                Outcome::Failed(DocumentError::new(Stage::Read, message.clone()), None),
            ),
        }
    }
}

fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_gets_a_record_in_order_and_bad_lines_are_error_records() {
        let pipeline = Pipeline::new(crate::Config::default()).unwrap();
        let input = concat!(
            "{\"id\": \"a\", \"text\": \"Бишкекте жаңы мектеп ачылды, окуучулар кубанышты.\"}\n",
            "not json\n",
            "\n",
            "{\"id\": 7, \"text\": \"The new school opened in Bishkek on Monday morning.\"}\n",
            "[1, 2]\n",
            "{\"id\": \"no text\"}\n",
            "{\"text\": \"В Бишкеке открылась новая школа для детей из трёх сёл.\"}"
        );
        let mut out = Vec::new();
        let summary = pipeline
            .stream(input.as_bytes(), &mut out, &StopRequest::default())
            .unwrap();
        let records: Vec<Record> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let sources: Vec<&str> = records.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "a",
                "stdin#line-2",
                "7",
                "stdin#line-5",
                "no text",
                "stdin#line-7"
            ]
        );
        let langs: Vec<String> = records.iter().map(|r| r.lang.to_string()).collect();
        assert_eq!([&langs[0], &langs[2], &langs[5]], ["ky", "en", "ru"]);
        assert_eq!(summary.records, 6);
        assert_eq!(summary.failed, 3);
        let message = |i: usize| records[i].error.as_ref().unwrap().message.clone();
        assert!(message(1).contains("line 2 is not JSON"), "{}", message(1));
        assert!(message(3).contains("not an object: an array"));
        assert!(message(4).contains("no field `text`"));
    }
}
