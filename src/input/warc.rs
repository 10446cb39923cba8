//! WARC crawls (Common Crawl, Heritrix, `wget --warc-file`), `.warc` or `.warc.gz` with one
//! gzip member per record (read by the crate `warc` after decompression): one document per
//! `response` record whose HTTP payload is HTML or text, through the same HTML stage as
//! files. The HTTP `Content-Type` charset decodes a payload that is not UTF-8; the target URI
//! and the WARC date go into the record's metadata. Other records (request, metadata,
//! warcinfo, …) and other payloads (images, scripts) are skipped and counted.

use super::{member_source, Container, Doc};
use crate::config::RecordsConfig;
use crate::document::Format;
use std::collections::BTreeMap;
use std::io::Read;
use warc::{RecordType, WarcHeader, WarcReader};

/// The documents of a WARC file's bytes, and how many records were skipped.
pub fn split(file: &str, bytes: &[u8], names: &RecordsConfig) -> (Vec<Doc>, u64) {
    let mut docs = Vec::new();
    let mut skipped = 0;
    for (i, record) in WarcReader::new(bytes).iter_records().enumerate() {
        let source = member_source(file, Container::Warc, i as u64 + 1);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                docs.push(Doc::bad(
                    source,
                    Format::Html,
                    format!("malformed WARC record: {e}"),
                ));
                // The reader cannot find the next record after a broken one.
                break;
            }
        };
        if *record.warc_type() != RecordType::Response {
            skipped += 1;
            continue;
        }
        let Some((format, body, charset)) = http_payload(record.body()) else {
            skipped += 1;
            continue;
        };
        let mut fields = BTreeMap::new();
        if let Some(uri) = record.header(WarcHeader::TargetURI) {
            fields.insert(
                names.url_field.clone(),
                serde_json::Value::String(uri.to_string()),
            );
            fields.insert(
                "warc_target_uri".into(),
                serde_json::Value::String(uri.to_string()),
            );
        }
        let date = record.date().to_rfc3339();
        fields.insert(
            names.date_field.clone(),
            serde_json::Value::String(date.clone()),
        );
        fields.insert("warc_date".into(), serde_json::Value::String(date));
        docs.push(Doc {
            source,
            format,
            bytes: transcoded(body, charset),
            fields,
            problem: None,
        });
    }
    (docs, skipped)
}

/// The body of an HTTP response with an HTML or text payload: its format, the body
/// (de-chunked, gunzipped) and the charset label of its `Content-Type`.
fn http_payload(payload: &[u8]) -> Option<(Format, Vec<u8>, Option<String>)> {
    let end = payload.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&payload[..end]);
    let mut body = payload[end + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines.next()?;
    if !status.starts_with("HTTP/") {
        return None;
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let content_type = header("content-type")
        .unwrap_or("text/html")
        .to_ascii_lowercase();
    let format = if content_type.contains("html") {
        Format::Html
    } else if content_type.starts_with("text/plain") {
        Format::Txt
    } else {
        return None;
    };
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body);
    }
    if header("content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
        let mut unzipped = Vec::new();
        if flate2::read::MultiGzDecoder::new(&body[..])
            .read_to_end(&mut unzipped)
            .is_ok()
        {
            body = unzipped;
        }
    }
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string())
        .next();
    Some((format, body, charset))
}

/// A chunked body joined (what parses of it).
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok());
        let Some(size) = size.filter(|&s| s > 0) else {
            break;
        };
        let start = line_end + 2;
        let Some(chunk) = rest.get(start..start + size) else {
            out.extend_from_slice(&rest[start..]);
            break;
        };
        out.extend_from_slice(chunk);
        rest = rest.get(start + size + 2..).unwrap_or(&[]);
    }
    out
}

/// The body as UTF-8 when it is not and the charset names a known encoding; otherwise as it
/// is, for the decode stage to establish.
fn transcoded(body: Vec<u8>, charset: Option<String>) -> Vec<u8> {
    let encoding = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
    match encoding {
        Some(e) if e != encoding_rs::UTF_8 && std::str::from_utf8(&body).is_err() => {
            e.decode(&body).0.into_owned().into_bytes()
        }
        _ => body,
    }
}
