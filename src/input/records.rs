//! Containers split into documents: JSON Lines (one object per line) and CSV/TSV (one row per
//! document, under a header row; quoted fields may span lines). The text and the id, title,
//! URL and date fields are named in `[input.records]`; other fields are kept in the record's
//! `metadata.fields`. A malformed line or row is an error record of its own; the rest of the
//! file goes on.

use super::{member_source, Container, Doc};
use crate::config::RecordsConfig;
use crate::document::Format;
use std::collections::BTreeMap;

/// The documents of a container's decompressed bytes.
pub fn split(
    file: &str,
    container: Container,
    format: Format,
    bytes: &[u8],
    fields: &RecordsConfig,
) -> Vec<Doc> {
    match container {
        Container::Csv(delimiter) => csv_rows(file, delimiter, format, bytes, fields),
        _ => json_lines(file, format, bytes, fields),
    }
}

/// A member from its fields, or the reason it is none.
fn member(
    source: String,
    format: Format,
    mut object: BTreeMap<String, serde_json::Value>,
    fields: &RecordsConfig,
) -> Doc {
    let (text, problem) = match object.remove(&fields.text_field) {
        Some(serde_json::Value::String(text)) => (text, None),
        Some(other) => (
            String::new(),
            Some(format!(
                "field `{}` is not text: {other}",
                fields.text_field
            )),
        ),
        None => (
            String::new(),
            Some(format!("no field `{}`", fields.text_field)),
        ),
    };
    Doc {
        source,
        format,
        bytes: text.into_bytes(),
        fields: object,
        problem,
    }
}

fn json_lines(file: &str, format: Format, bytes: &[u8], fields: &RecordsConfig) -> Vec<Doc> {
    let mut docs = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let source = member_source(file, Container::JsonLines, i as u64 + 1);
        match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(object)) => {
                docs.push(member(source, format, object.into_iter().collect(), fields));
            }
            Ok(_) => docs.push(Doc::bad(
                source,
                format,
                "the line is JSON but not an object".into(),
            )),
            Err(e) => docs.push(Doc::bad(
                source,
                format,
                format!("the line is not JSON: {e}"),
            )),
        }
    }
    docs
}

fn csv_rows(
    file: &str,
    delimiter: u8,
    format: Format,
    bytes: &[u8],
    fields: &RecordsConfig,
) -> Vec<Doc> {
    let container = Container::Csv(delimiter);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            let source = member_source(file, container, 0);
            return vec![Doc::bad(source, format, format!("no header row: {e}"))];
        }
    };
    let mut docs = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let source = member_source(file, container, i as u64 + 1);
        match row {
            Ok(row) => {
                let object = headers
                    .iter()
                    .zip(row.iter())
                    .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
                    .collect();
                docs.push(member(source, format, object, fields));
            }
            Err(e) => docs.push(Doc::bad(source, format, format!("malformed row: {e}"))),
        }
    }
    docs
}
