//! PDF: the text layer, page by page (with the crate `pdf-extract`), each page break a
//! paragraph break. A PDF without a text layer — a scan — is an error record that says so:
//! tilmech does no OCR.

/// The text of a PDF, or why there is none.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes)
        .map_err(|e| format!("cannot read the PDF: {e}"))?;
    let pages: Vec<String> = pages
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if pages.is_empty() {
        return Err("the PDF has no text layer (a scanned document? tilmech does no OCR)".into());
    }
    Ok(pages.join("\n\n"))
}
