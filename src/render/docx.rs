//! The DOCX writer: a parsed [`Document`] laid out as a Word document (ГОСТ Р 7.0.97-2025).

use crate::document::Document;
use crate::render::Meta;

/// Writes `doc` as DOCX bytes.
pub fn write(_doc: &Document, _meta: &Meta) -> Result<Vec<u8>, String> {
    Err("the DOCX writer is not built yet".into())
}
