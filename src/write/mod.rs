//! The writers: a parsed [`Document`](crate::document::Document) and its [`Meta`] in, the bytes
//! of one format out. None reads YAML or parses Markdown; the page they lay out is described
//! once, in [`page`], and each document's is its [`Meta::page`].

pub mod columns;
pub mod deflate;
pub mod docx;
pub mod memo;
pub mod page;
pub mod pdf;
pub mod signature;

use crate::date::Date;
use crate::document::Document;
use crate::write::page::Page;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// Markdown, exactly as the template produced it.
    Md,
    /// Word (Office Open XML).
    Docx,
    /// PDF.
    Pdf,
    /// JSON: the machine-readable postings of a role with a vacancy (no document is JSON).
    Json,
}

impl Format {
    /// Every format jobdoc can write.
    pub const ALL: &[Format] = &[Format::Md, Format::Docx, Format::Pdf, Format::Json];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }

    /// Whether every document is written in it (JSON is only a vacancy's postings).
    pub fn is_document(self) -> bool {
        self != Format::Json
    }
}

/// A file to write into the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// File name inside the output folder: `client-manager.md`.
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// What a writer needs besides the document: properties and language resources, all from the
/// inputs and the locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Document title, one line: «Должностная инструкция менеджера по работе с клиентами».
    pub title: String,
    /// Subject: the kind of document, «Должностная инструкция».
    pub subject: String,
    /// Author: the organization's full name.
    pub author: String,
    /// Language tag, `ru-RU`.
    pub language: String,
    /// Creation date: the edition date, else the build's date; never the clock.
    pub created: Option<Date>,
    /// Body font size in points (12–14).
    pub font_size: u32,
    /// The hyphenation dictionary of the document's language (see [`crate::locale::Locale`]).
    pub hyphenation: &'static [u8],
    /// What the header of a table's number column starts with (`№`).
    pub number_column: &'static str,
    /// The page laid out: [`page::PAGE`] (A4) or [`page::LETTER`], by the organization's paper.
    pub page: &'static Page,
    /// The language of the translation in parallel text (the right column of
    /// [`Block::Columns`](crate::document::Block::Columns)); `None` when it is the document's own.
    pub second: Option<SecondLanguage>,
}

/// A second language of a document: its translation's, beside the original in parallel text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondLanguage {
    /// Language tag, `en-US`.
    pub tag: String,
    /// Its hyphenation dictionary (see [`crate::locale::Locale`]).
    pub hyphenation: &'static [u8],
}

/// A writer's own failure: not a problem of the inputs (those are caught before writing) but
/// of jobdoc or a library under it. The command exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// `document` written in `format`; `markdown` is the Markdown it was parsed from.
pub fn write(
    format: Format,
    markdown: &str,
    document: &Document,
    meta: &Meta,
) -> Result<Vec<u8>, WriteError> {
    match format {
        Format::Md => Ok(markdown.as_bytes().to_vec()),
        Format::Docx => docx::write(document, meta),
        Format::Pdf => pdf::write(document, meta),
        Format::Json => Err("a document has no JSON form".to_string()),
    }
    .map_err(WriteError)
}
