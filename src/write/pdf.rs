//! The PDF writer: a parsed [`Document`] typeset with genpdf (the genpdfi fork, see Cargo.toml)
//! on the same page as the DOCX ([`Meta::page`]: A4, margins 30/10/20/20 mm, or US Letter),
//! Liberation Serif (Times New Roman metrics), justified and hyphenated body text, page numbers
//! from page 2.
//!
//! The text is set here, what genpdf lacks: `typeset` sets each block into boxes, breaking its
//! lines in `lines` (justified) and its words in `hyphenate`; `flow` fills the pages with the
//! boxes (keep-with-next, no widows or orphans, table headers repeated on every page);
//! `page_numbers` sets the margins and numbers the pages; `text` prints onto genpdf's renderer's
//! pages, with the glyphs and kernings `widths` measured as genpdf does, once a character.
//! printpdf writes it all, the pages naming each face of the font by a stand-in; `embed` numbers
//! the glyphs the pages print and makes each face's objects with the `subset` of its glyphs, and
//! [`finish`] puts them in the stand-ins' places, deflates the streams and corrects what printpdf
//! writes wrongly (a UTF-8 title, a document ID from a global counter, no language) by splicing a
//! few objects, without parsing the file again.

mod embed;
mod finish;
mod flow;
mod hyphenate;
mod lines;
mod page_numbers;
mod subset;
mod text;
mod typeset;
mod widths;

use std::sync::OnceLock;

use genpdf::Size;
use genpdf::fonts::{FontCache, FontData, FontFamily};
use genpdf::render::Renderer;

use crate::document::{Block, Document, ListItem};
use crate::fonts;
use crate::write::Meta;
use crate::write::page::Length;

/// Writes `doc` as PDF bytes. Refuses a character the font cannot draw rather than printing a
/// blank or a wrong glyph (validation reports such characters in the YAML before this).
pub fn write(doc: &Document, meta: &Meta) -> Result<Vec<u8>, String> {
    let texts = texts(doc);
    if let Some(c) = first_undrawable(&texts) {
        return Err(fonts::no_glyph(c));
    }
    let italic = texts.iter().any(|&(_, italic)| italic);
    let size = u8::try_from(meta.font_size)
        .map_err(|_| format!("font size {} is out of range", meta.font_size))?;
    let page = meta.page;
    let paper = Size::new(paper_mm(page.width), paper_mm(page.height));
    let fonts = FontCache::new(family(italic)?);
    let widths = widths::Widths::at(size);
    let mut flow = typeset::Typesetter::new(&fonts, &widths, meta)?.set(doc);
    // genpdf's renderer, driven here rather than by `genpdf::Document`: its elements only reach
    // a page through an `Area`, whose printing measures every text again (see `text::Canvas`)
    let failed = |e: genpdf::error::Error| format!("cannot typeset the PDF: {e}");
    // no ICC profile (488 KB to deflate on every document) and no XMP, as genpdf's
    // `Document::set_minimal_conformance`
    let conformance = printpdf::PdfConformance::Custom(printpdf::CustomPdfConformance {
        requires_icc_profile: false,
        requires_xmp_metadata: false,
        ..Default::default()
    });
    let mut renderer = Renderer::new(paper, "")
        .map_err(failed)?
        .with_conformance(conformance);
    let embedding = embed::Embedding::default();
    let mut numbers = page_numbers::PageNumbers::new(size, page);
    loop {
        let layer = renderer.last_page().last_layer();
        let canvas = text::Canvas::new(
            (&fonts, &widths, &embedding),
            size,
            &renderer,
            layer.layer(),
            paper.height,
        );
        let region = numbers.decorate(&canvas, paper).map_err(failed)?;
        if !flow.render(&canvas, region).map_err(failed)? {
            break;
        }
        renderer.add_page(paper);
    }
    let mut bytes = Vec::new();
    renderer.write(&mut bytes).map_err(failed)?;
    finish::finish(bytes, meta, &embedding.fonts()?)
}

/// `length`, a side of the paper, in the millimetres genpdf takes. printpdf turns them into points
/// by a rounded factor, so 215.9 mm would come out as 612.00006 pt: a side of a whole number of
/// points (US Letter's 612 × 792) is given as the neighbouring value printpdf turns into exactly
/// that, others as they always were (A4's 595.2756 pt are not whole in any case).
fn paper_mm(length: Length) -> f32 {
    let (mm, pt) = (length.to_mm(), length.to_pt());
    if pt.fract() != 0.0 {
        return mm;
    }
    [mm, mm.next_down(), mm.next_up()]
        .into_iter()
        .find(|&mm| printpdf::Pt::from(printpdf::Mm(mm)).0 == pt)
        .unwrap_or(mm)
}

/// Rounding slack when comparing widths and heights (mm).
const EPSILON: f32 = 0.01;

/// Liberation Serif as genpdf measures it, parsed once per process; each document takes a cheap
/// clone. Without `italic`, the italic faces are the upright ones again, and are not even parsed
/// (parsing copies a face twice).
fn family(italic: bool) -> Result<FontFamily<FontData>, String> {
    type Pair = Result<(FontData, FontData), String>;
    static UPRIGHT: OnceLock<Pair> = OnceLock::new();
    static ITALIC: OnceLock<Pair> = OnceLock::new();
    let pair = |cell: &'static OnceLock<Pair>, plain: &[u8], bold: &[u8]| {
        let face = |bytes: &[u8]| {
            FontData::new(bytes.to_vec(), None).map_err(|e| format!("bad font: {e}"))
        };
        cell.get_or_init(|| Ok((face(plain)?, face(bold)?))).clone()
    };
    let (regular, bold) = pair(&UPRIGHT, fonts::REGULAR, fonts::BOLD)?;
    let (italic, bold_italic) = if italic {
        pair(&ITALIC, fonts::ITALIC, fonts::BOLD_ITALIC)?
    } else {
        (regular.clone(), bold.clone())
    };
    Ok(FontFamily {
        regular,
        bold,
        italic,
        bold_italic,
    })
}

/// The first character of `doc` the PDF font cannot draw.
pub fn undrawable(doc: &Document) -> Option<char> {
    first_undrawable(&texts(doc))
}

/// The first character of `texts` the PDF font cannot draw.
fn first_undrawable(texts: &[(&str, bool)]) -> Option<char> {
    texts
        .iter()
        .flat_map(|(t, _)| t.chars())
        .find(|&c| !fonts::can_draw(c))
}

/// Every text of the document, for the glyph check, and whether it is italic.
fn texts(doc: &Document) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    block_texts(&doc.blocks, &mut out);
    out
}

/// Every text of `blocks` and whether it is italic, both columns of parallel text included,
/// into `out`.
fn block_texts<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, bool)>) {
    let run = |r: &'a crate::document::Run| (r.text.as_str(), r.italic);
    fn items<'a>(list: &'a [ListItem], out: &mut Vec<(&'a str, bool)>) {
        for item in list {
            out.extend(item.text.iter().map(|r| (r.text.as_str(), r.italic)));
            items(&item.children, out);
        }
    }
    for block in blocks {
        let lines = match block {
            Block::Requisites { lines, .. }
            | Block::Stamp { lines }
            | Block::Title { lines }
            | Block::Paragraph { lines }
            | Block::Caption { lines }
            | Block::Signature { lines } => lines.as_slice(),
            Block::Provision { number, lines } => {
                out.push((number.as_str(), false));
                lines.as_slice()
            }
            Block::Heading { text, .. } => std::slice::from_ref(text),
            Block::List { items: list } => {
                items(list, out);
                &[]
            }
            Block::Table { header, rows } => {
                out.extend(
                    header
                        .iter()
                        .chain(rows.iter().flatten())
                        .flatten()
                        .map(run),
                );
                &[]
            }
            Block::Columns { rows } => {
                for cell in rows.iter().flatten() {
                    block_texts(cell, out);
                }
                &[]
            }
            Block::PageBreak => &[],
        };
        out.extend(lines.iter().flatten().map(run));
    }
}

/// The language resources of a Russian document at 14 points, for the typesetter's tests.
#[cfg(test)]
fn test_meta() -> Meta {
    Meta {
        title: String::new(),
        subject: String::new(),
        author: String::new(),
        language: crate::locale::RU.tag.into(),
        created: None,
        font_size: 14,
        hyphenation: crate::locale::RU.hyphenation,
        number_column: crate::locale::RU.number_column,
        page: &crate::write::page::PAGE,
        second: None,
    }
}
