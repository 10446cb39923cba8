//! DOCX (Office Open XML): the text of `word/document.xml`, in order — paragraphs and
//! headings as paragraphs, a table's rows as lines with their cells separated by tabs (a
//! ` | ` would read as a menu; normalization makes the tabs spaces).

use quick_xml::events::Event;
use std::io::Read;

/// The text of a DOCX file, or why there is none.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX (zip) file: {e}"))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| format!("no word/document.xml in the DOCX: {e}"))?
        .read_to_string(&mut xml)
        .map_err(|e| format!("cannot read word/document.xml: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut table_depth = 0;
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("malformed document.xml: {e}"))?
        {
            Event::Start(e) => match e.local_name().into_inner() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => paragraph.push('\t'),
                "br" | "cr" => paragraph.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.into_inner().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                paragraph.extend(resolved);
            }
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                // A paragraph inside a cell: the cell's lines are joined with spaces.
                "p" if table_depth > 0 && !paragraph.trim().is_empty() => paragraph.push(' '),
                "p" if table_depth > 0 => {}
                "p" => {
                    if !paragraph.trim().is_empty() {
                        out.push_str(paragraph.trim());
                        out.push_str("\n\n");
                    }
                    paragraph.clear();
                }
                "tc" => {
                    row.push(paragraph.trim().to_string());
                    paragraph.clear();
                }
                "tr" => {
                    if row.iter().any(|c| !c.is_empty()) {
                        out.push_str(&row.join("\t"));
                        out.push('\n');
                    }
                    row.clear();
                }
                "tbl" => {
                    table_depth -= 1;
                    if table_depth == 0 {
                        out.push('\n');
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.trim_end().to_string())
}
