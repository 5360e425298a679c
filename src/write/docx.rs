//! The DOCX writer: a parsed [`Document`] laid out as a Word document (ГОСТ Р 7.0.97-2025).
//!
//! docx-rs builds the body, the headers and the package plumbing (relationships, content types).
//! Everything it cannot express is done around it, in [`package`]: the style sheet (with keepNext,
//! language and a table style), the core properties (title, author, language, dates from the
//! inputs), the settings (hyphenation), repeated table header rows (`w:tblHeader`), and the final
//! zip, deflated with fixed dates so the same inputs always give the same bytes; and in [`order`],
//! which puts docx-rs's property elements in the order the schema (and Word for the web) wants.
//!
//! The layout is carried by named paragraph styles (see [`package::styles_xml`]), not by direct
//! formatting, so a user can restyle the document in Word; paragraphs only name their style.

mod archive;
mod order;
mod package;

pub use package::escape as escape_xml;

use docx_rs::{
    BreakType, Docx, Header, HeightRule, PageMargin, PageNum, Paragraph, Run, SpecialIndentType,
    Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::document::{Block, Document, Line, ListItem, Placement};
use crate::write::page::{Length, Page, leads_in};
use crate::write::{Meta, columns, signature};

use package::style;

/// Writes `doc` as DOCX bytes.
pub fn write(doc: &Document, meta: &Meta) -> Result<Vec<u8>, String> {
    let page = meta.page;
    let mut w = Writer {
        next_id: 0,
        page_break: false,
        number_column: meta.number_column,
        font_size: meta.font_size,
        page,
        signatures: signature::columns(doc, meta.font_size, page),
        tables: Vec::new(),
        second: meta.second.is_some(),
        in_cell: false,
    };
    let twips = |length: Length| length.to_twips() as i32;
    let margins = page.margins;
    let mut docx = Docx::new()
        .page_size(page.width.to_twips(), page.height.to_twips())
        .page_margin(PageMargin {
            top: twips(margins.top),
            left: twips(margins.left),
            bottom: twips(margins.bottom),
            right: twips(margins.right),
            header: twips(page.header),
            footer: twips(page.header),
            gutter: 0,
        })
        // Page numbers from the second page: a PAGE field in the default header, an empty
        // header on the first page (w:titlePg).
        .header(
            Header::new().add_paragraph(w.paragraph(style::HEADER).add_page_num(PageNum::new())),
        )
        .first_header(Header::new().add_paragraph(w.paragraph(style::HEADER)))
        .title_pg();
    let mut blocks = doc.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        match (w.signatures, w.signature_lines(block)) {
            (Some(columns), Some(mut lines)) => {
                // Signature lines in a row make one table: Word would join adjacent tables.
                while let Some(more) = blocks.peek().and_then(|b| w.signature_lines(b)) {
                    lines.extend(more);
                    blocks.next();
                }
                docx = w.signature_table(docx, &columns, &lines);
            }
            _ => docx = w.block(docx, block),
        }
    }
    if w.page_break {
        // A break at the very end: an empty paragraph starting the new page keeps it.
        docx = docx.add_paragraph(w.body_paragraph(style::NORMAL));
    }
    package::pack(docx.build(), meta, &w.tables)
}

/// Builds paragraphs with deterministic ids: docx-rs numbers paragraphs from a thread-local
/// counter that never resets, so a second document built on the same thread would differ.
struct Writer {
    next_id: u32,
    /// A page break waits for the next paragraph (as `w:pageBreakBefore`), so no empty
    /// paragraph is left at the top of the new page.
    page_break: bool,
    /// What the header of a table's number column starts with.
    number_column: &'static str,
    /// Body font size in points, which table columns are measured at.
    font_size: u32,
    /// The page laid out.
    page: &'static Page,
    /// The columns of the document's signature lines.
    signatures: Option<signature::Columns>,
    /// The style of each table, in document order.
    tables: Vec<&'static str>,
    /// The document has a second language, which the right column of parallel text declares.
    second: bool,
    /// Setting a cell of parallel text.
    in_cell: bool,
}

impl Writer {
    /// An empty paragraph of `style`.
    fn paragraph(&mut self, style: &str) -> Paragraph {
        self.next_id += 1;
        Paragraph::new()
            .id(format!("{:08X}", self.next_id))
            .style(style)
    }

    /// A paragraph of `style` that takes a pending page break.
    fn body_paragraph(&mut self, style: &str) -> Paragraph {
        let p = self.paragraph(style);
        if std::mem::take(&mut self.page_break) {
            p.page_break_before(true)
        } else {
            p
        }
    }

    /// A body paragraph of `style` for `lines`: a lead-in (ending with «:») is kept with the
    /// next paragraph, whose first lines Word's widow control keeps together. Not in a cell of
    /// parallel text: there Word and LibreOffice keep the whole row with the next one, so a row
    /// with a lead-in could not break across pages (LibreOffice moved such a row whole to the
    /// next page, leaving half a page empty).
    fn text_paragraph(&mut self, style: &str, lines: &[Line]) -> Paragraph {
        let p = self.body_paragraph(style);
        if leads_in(lines) && self.page.lead_in.with_next && !self.in_cell {
            p.keep_next(true)
        } else {
            p
        }
    }

    /// A page break that waits, carried by a paragraph of its own: a table cannot carry it.
    fn break_before_table(&mut self, docx: Docx) -> Docx {
        if std::mem::take(&mut self.page_break) {
            docx.add_paragraph(
                self.paragraph(style::NORMAL)
                    .add_run(Run::new().add_break(BreakType::Page)),
            )
        } else {
            docx
        }
    }

    /// The lines of `block` taken apart as signature lines, when the document sets them in
    /// columns.
    fn signature_lines(&self, block: &Block) -> Option<Vec<signature::Parts>> {
        self.signatures.and(signature::split_block(block))
    }

    /// Signature lines as a borderless table in `columns`, a row a line:
    /// the position wrapping in its cell, the blank and the name at the cell's foot, on the
    /// position's last line. Word and LibreOffice both lay a table out so; tab stops would
    /// wrap a long position under the blank.
    fn signature_table(
        &mut self,
        docx: Docx,
        columns: &signature::Columns,
        lines: &[signature::Parts],
    ) -> Docx {
        let docx = self.break_before_table(docx);
        let widths = columns::in_units(&columns.widths(), Length::to_twips);
        let gap = self.page.signature.gap.to_twips() as usize;
        let rows = lines
            .iter()
            .map(|line| {
                let cells = [&line.position, &line.blank, &line.name]
                    .into_iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (text, &width))| {
                        let mut cell = TableCell::new()
                            .width(width, WidthType::Dxa)
                            .vertical_align(VAlignType::Bottom)
                            .add_paragraph(runs_into(self.paragraph(style::SIGNATURE), text));
                        // the gap after the position and the blank; the name reaches the margin
                        if i < 2 {
                            cell.property = cell.property.margin_right(gap, WidthType::Dxa);
                        }
                        cell
                    })
                    .collect();
                TableRow::new(cells).cant_split()
            })
            .collect();
        self.tables.push(style::SIGNATURE_TABLE);
        docx.add_table(
            Table::without_borders(rows)
                .layout(TableLayoutType::Fixed)
                .width(self.page.text_width().to_twips() as usize, WidthType::Dxa)
                .set_grid(widths),
        )
    }

    fn block(&mut self, docx: Docx, block: &Block) -> Docx {
        match block {
            Block::Table { header, rows } => {
                let docx = self.break_before_table(docx);
                let table = self.table(header, rows);
                self.tables.push(style::TABLE);
                docx.add_table(table)
            }
            Block::PageBreak => {
                self.page_break = true;
                docx
            }
            Block::Columns { rows } => {
                let docx = self.break_before_table(docx);
                let table = self.columns(rows);
                self.tables.push(style::PARALLEL_TABLE);
                docx.add_table(table)
            }
            text => self
                .paragraphs(text)
                .into_iter()
                .fold(docx, Docx::add_paragraph),
        }
    }

    /// The paragraphs of a block of text, styled as in the body; in a cell of parallel text,
    /// the гриф from the cell's left edge, as the PDF sets it. Tables, page breaks and parallel
    /// text are not paragraphs: [`Writer::block`] sets them, and the dialect allows none of them
    /// in a cell.
    fn paragraphs(&mut self, block: &Block) -> Vec<Paragraph> {
        let mut out = Vec::new();
        match block {
            Block::Requisites { placement, lines } => {
                let style = match placement {
                    Placement::Left => style::REQUISITES,
                    Placement::Center => style::REQUISITES_CENTERED,
                };
                out.push(lines_into(self.body_paragraph(style), lines));
            }
            Block::Stamp { lines } => {
                let p = self.body_paragraph(style::STAMP);
                // the style's indent, half the text width, would put it past a cell's edge
                let p = if self.in_cell {
                    p.indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                } else {
                    p
                };
                out.push(lines_into(p, lines));
            }
            Block::Title { lines } => {
                out.push(lines_into(self.body_paragraph(style::TITLE), lines));
            }
            Block::Heading { level, text } => {
                let (style, spec) = if *level <= 2 {
                    (style::HEADING_1, self.page.blocks.heading)
                } else {
                    (style::HEADING_2, self.page.blocks.subheading)
                };
                // keepNext is in the style too; repeated here so readers that ignore style
                // inheritance still keep a heading with its text.
                let p = self.body_paragraph(style).keep_next(spec.keep.with_next);
                out.push(runs_into(p, text));
            }
            Block::Provision { number, lines } => {
                let p = self
                    .text_paragraph(style::NORMAL, lines)
                    .add_run(Run::new().add_text(format!("{number} ")));
                out.push(lines_into(p, lines));
            }
            Block::Paragraph { lines } => {
                out.push(lines_into(self.text_paragraph(style::NORMAL, lines), lines));
            }
            Block::Caption { lines } => {
                out.push(lines_into(self.body_paragraph(style::CAPTION), lines));
            }
            Block::Signature { lines } => {
                out.push(lines_into(self.body_paragraph(style::SIGNATURE), lines));
            }
            Block::List { items } => self.list(&mut out, items, 0),
            Block::Table { .. } | Block::PageBreak | Block::Columns { .. } => {}
        }
        out
    }

    fn list(&mut self, out: &mut Vec<Paragraph>, items: &[ListItem], depth: usize) {
        let style = style::LIST[depth.min(style::LIST.len() - 1)];
        for item in items {
            // A literal dash and a tab to the hanging indent: the same text in every format, and
            // no Word numbering (whose ids collide with docx-rs's own, see docs/dependencies.md).
            let p = self
                .text_paragraph(style, std::slice::from_ref(&item.text))
                .add_run(Run::new().add_text("–").add_tab());
            out.push(runs_into(p, &item.text));
            self.list(out, &item.children, depth + 1);
        }
    }

    /// Parallel text as a borderless table of two equal columns across the text width, a table
    /// row a row, each cell its blocks as the body's paragraphs. The gap between the columns is
    /// the cells' inner margins, half each, so each column's text is as wide as in the PDF.
    /// Rows may split across pages, as the PDF breaks them between lines. The right column's
    /// runs are marked for the second language, when the document has one (see
    /// [`package::second_language`]).
    fn columns(&mut self, rows: &[[Vec<Block>; 2]]) -> Table {
        let page = self.page;
        let total = page.text_width();
        let half = total.half();
        let widths = columns::in_units(&[half, total - half], Length::to_twips);
        let gap = page.parallel.gap.half().to_twips() as usize;
        let rows = rows
            .iter()
            .map(|row| {
                let cells = row
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (blocks, &width))| {
                        self.in_cell = true;
                        let mut paragraphs = Vec::new();
                        for block in blocks {
                            paragraphs.extend(self.paragraphs(block));
                        }
                        self.in_cell = false;
                        if paragraphs.is_empty() {
                            // a cell holds at least one paragraph (CT_Tc)
                            paragraphs.push(self.paragraph(style::NORMAL));
                        }
                        let translation = i == 1;
                        let mut cell = TableCell::new().width(width, WidthType::Dxa);
                        for p in paragraphs {
                            cell = cell.add_paragraph(if translation && self.second {
                                package::mark_second_language(p)
                            } else {
                                p
                            });
                        }
                        // the gap between the columns, none at the margins
                        let (start, end) = if translation { (gap, 0) } else { (0, gap) };
                        cell.property = cell
                            .property
                            .margin_left(start, WidthType::Dxa)
                            .margin_right(end, WidthType::Dxa);
                        cell
                    })
                    .collect();
                TableRow::new(cells)
            })
            .collect();
        Table::without_borders(rows)
            .layout(TableLayoutType::Fixed)
            .width(total.to_twips() as usize, WidthType::Dxa)
            .set_grid(widths)
    }

    fn table(&mut self, header: &[Line], rows: &[Vec<Line>]) -> Table {
        let text_width = self.page.text_width().to_twips() as usize;
        let widths = columns::in_units(
            &columns::widths(header, rows, self.font_size, self.number_column, self.page),
            Length::to_twips,
        );
        let columns = widths.len();
        let row = |w: &mut Writer, cells: &[Line], style: &str| {
            let cells = (0..columns)
                .map(|i| {
                    let p = w.paragraph(style);
                    let p = match cells.get(i) {
                        Some(line) => runs_into(p, line),
                        None => p,
                    };
                    TableCell::new()
                        .width(widths[i], WidthType::Dxa)
                        .vertical_align(VAlignType::Center)
                        .add_paragraph(p)
                })
                .collect();
            TableRow::new(cells).cant_split()
        };
        // The header row gets w:tblHeader, the table its style, in package::finish_tables.
        let mut table_rows = vec![row(self, header, style::TABLE_HEADING)];
        let row_height = self.page.table.row_height.to_twips() as f32;
        for cells in rows {
            table_rows.push(
                row(self, cells, style::TABLE_TEXT)
                    .row_height(row_height)
                    .height_rule(HeightRule::AtLeast),
            );
        }
        // Borders come from the table style (Table Grid), so a user can restyle them.
        Table::without_borders(table_rows)
            .layout(TableLayoutType::Fixed)
            .width(text_width, WidthType::Dxa)
            .set_grid(widths)
    }
}

/// `lines` appended to `p`, separated by line breaks.
fn lines_into(mut p: Paragraph, lines: &[Line]) -> Paragraph {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = runs_into(p, line);
    }
    p
}

/// The runs of `line` appended to `p`, bold and italic kept. Text goes in as is: non-breaking
/// spaces (U+00A0) stay characters, which Word honours.
fn runs_into(mut p: Paragraph, line: &Line) -> Paragraph {
    for r in line {
        let mut run = Run::new().add_text(r.text.as_str());
        if r.bold {
            run = run.bold();
        }
        if r.italic {
            run = run.italic();
        }
        p = p.add_run(run);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document_xml(md: &str) -> String {
        let doc = crate::document::parse(md, std::path::Path::new("t.md")).unwrap();
        let meta = Meta {
            title: "T".into(),
            subject: "S".into(),
            author: "A".into(),
            language: "ru-RU".into(),
            created: None,
            font_size: 12,
            hyphenation: crate::locale::RU.hyphenation,
            number_column: crate::locale::RU.number_column,
            page: &crate::write::page::PAGE,
            second: None,
        };
        let bytes = write(&doc, &meta).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn nests_dash_lists_deeper() {
        let xml = document_xml("# T\n\n## 1. S\n\n1.1. Text:\n\n- one:\n  - two:\n    - three.\n");
        for style in style::LIST {
            assert!(
                xml.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
                "{style}"
            );
        }
    }

    #[test]
    fn breaks_pages_without_empty_paragraphs() {
        // A break before a table cannot go on a paragraph: a page-break run carries it.
        let xml =
            document_xml("# T\n\n## 1. S\n\nText.\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(xml.contains(r#"<w:br w:type="page" />"#));
        assert!(xml.contains("<w:tblHeader />"));
        // A break at the end leaves a paragraph to start the new page.
        let xml = document_xml("# T\n\n## 1. S\n\nText.\n\n---\n");
        assert!(xml.contains("<w:pageBreakBefore />"));
    }
}
