//! The typesetting genpdf lacks. genpdf aligns text only left, right or centred, keeps no heading
//! with its text, drops a list item's bullet when the item starts a page, and splits table rows
//! without repeating the header. So the document is set here, once, into boxes: each block as its
//! style in [`crate::write::page`] says (spacing, indents, keep rules), in lines of words at fixed
//! positions, and table rows; parallel text cell by cell, each in its column's frame, the two
//! cells of a row then zipped line by line into shared boxes. [`Flow`] then
//! fills the pages with them, breaking only where a box allows it.

use genpdf::fonts::FontCache;
use genpdf::style::Style;
use hyphenation::Standard;

use super::EPSILON;
use super::flow::{self, Boxed, Entry, Flow};
use super::hyphenate::hyphenator;
use super::lines::{Align, Para};
use super::text::{Face, Placed};
use super::widths::Widths;
use crate::document::{self, Block, Document, Line, ListItem, Placement};
use crate::write::page::{BlockStyle, Length, Page, leads_in};
use crate::write::{Meta, columns, signature};

/// The style of body text `lines` on `page`: a lead-in is kept with the beginning of what
/// follows.
fn body_style(page: &Page, lines: &[Line]) -> BlockStyle {
    let body = page.blocks.body;
    if leads_in(lines) {
        BlockStyle {
            keep: page.lead_in,
            ..body
        }
    } else {
        body
    }
}

/// Millimetres in a point. Spacing, set in points, goes through it as it always has:
/// [`Length::to_mm`] differs in the last bit, and so would the PDF's bytes.
const PT: f32 = 25.4 / 72.0;

/// Where blocks are set across the page: the text column, or a column of parallel text.
#[derive(Clone, Copy)]
struct Frame {
    /// Its left edge, from the text column's.
    left: Length,
    /// Its width.
    width: Length,
    /// Where the гриф starts in it: the middle of the text column, as ГОСТ places it; the left
    /// edge of a column of parallel text, which is half the page already (half of it would
    /// wrap «Генеральный директор»).
    stamp: Length,
}

/// Sets a document into boxes. How it breaks a paragraph into lines is in [`super::lines`], where
/// it breaks a word in [`super::hyphenate`].
pub struct Typesetter<'f> {
    pub(super) fonts: &'f FontCache,
    /// The widths measured so far.
    pub(super) widths: &'f Widths,
    /// Font size in points.
    pub(super) size: u8,
    /// The hyphenation patterns of the text being set: the document's language, or the second
    /// language in the right column of parallel text.
    pub(super) hyphenator: &'static Standard,
    /// The patterns of the translation in parallel text (the document's own without a second
    /// language).
    second: &'static Standard,
    /// The page laid out.
    pub(super) page: &'static Page,
    /// Where the blocks being set go: the text column, or a column of parallel text.
    frame: Frame,
    number_column: &'static str,
    entries: Vec<Entry>,
    /// The columns of the document's signature lines (none in parallel text, whose columns are
    /// narrower than the text column they are measured for: there they are set as written).
    signatures: Option<signature::Columns>,
}

impl<'f> Typesetter<'f> {
    /// A typesetter measuring with `fonts` at the size of `widths` (one size, which the set
    /// paragraphs' memo keys), with the language resources of `meta` (hyphenation, the number
    /// column's marker).
    pub fn new(fonts: &'f FontCache, widths: &'f Widths, meta: &Meta) -> Result<Self, String> {
        let size = widths.size();
        let own = hyphenator(meta.hyphenation)?;
        let second = match &meta.second {
            Some(language) => hyphenator(language.hyphenation)?,
            None => own,
        };
        Ok(Typesetter {
            fonts,
            widths,
            size,
            hyphenator: own,
            second,
            page: meta.page,
            frame: Frame {
                left: Length::emu(0),
                width: meta.page.text_width(),
                stamp: meta.page.stamp_indent(),
            },
            number_column: meta.number_column,
            entries: Vec::new(),
            signatures: None,
        })
    }

    /// The document set into boxes, ready to fill pages.
    pub fn set(mut self, doc: &Document) -> Flow {
        self.signatures = signature::columns(doc, u32::from(self.size), self.page);
        for block in &doc.blocks {
            self.block(block);
        }
        Flow::new(self.entries, self.page)
    }

    fn block(&mut self, block: &Block) {
        let (page, frame) = (self.page, self.frame);
        let single = self.single();
        let body = single * page.body_line.to_factor();
        let (left, width) = (frame.left.to_mm(), frame.width.to_mm());
        let styles = &page.blocks;
        let plain = |lines, align| Para {
            lines,
            align,
            left,
            width,
            first: 0.0,
            bold: false,
            hyphenate: false,
        };
        let text = |lines| Para {
            first: page.indent.to_mm(),
            hyphenate: true,
            ..plain(lines, Align::Justify)
        };
        match block {
            Block::Requisites { placement, lines } => {
                let (align, style) = match placement {
                    Placement::Left => (Align::Left, &styles.requisites),
                    Placement::Center => (Align::Center, &styles.requisites_centered),
                };
                self.paragraph(style, &plain(lines, align), single);
            }
            Block::Stamp { lines } => {
                let x = frame.stamp.to_mm();
                let para = Para {
                    left: left + x,
                    width: width - x,
                    ..plain(lines, Align::Left)
                };
                self.paragraph(&styles.stamp, &para, single);
            }
            Block::Title { lines } => {
                let para = Para {
                    bold: true,
                    ..plain(lines, Align::Center)
                };
                self.paragraph(&styles.title, &para, single);
            }
            Block::Heading { level, text: line } => {
                let lines = std::slice::from_ref(line);
                if *level <= 2 {
                    let para = Para {
                        bold: true,
                        ..plain(lines, Align::Center)
                    };
                    self.paragraph(&styles.heading, &para, single);
                } else {
                    let para = Para {
                        bold: true,
                        hyphenate: false,
                        ..text(lines)
                    };
                    self.paragraph(&styles.subheading, &para, body);
                }
            }
            Block::Provision { number, lines } => {
                // The number is literal text, as in the DOCX: the same words in every format.
                let mut lines = lines.clone();
                let run = document::Run {
                    text: format!("{number} "),
                    bold: false,
                    italic: false,
                };
                match lines.first_mut() {
                    Some(first) => first.insert(0, run),
                    None => lines.push(vec![run]),
                }
                self.paragraph(&body_style(page, &lines), &text(&lines), body);
            }
            Block::Paragraph { lines } => {
                self.paragraph(&body_style(page, lines), &text(lines), body)
            }
            Block::Caption { lines } => {
                self.paragraph(&styles.caption, &plain(lines, Align::Center), body);
            }
            Block::Signature { lines } => match (self.signatures, signature::split_block(block)) {
                (Some(columns), Some(parts)) => {
                    for line in &parts {
                        self.signature(&columns, line, body);
                    }
                }
                _ => self.paragraph(&styles.signature, &plain(lines, Align::Left), body),
            },
            Block::List { items } => self.list(items, 0, body),
            Block::Table { header, rows } => self.table(header, rows),
            Block::PageBreak => self.entries.push(Entry::Break),
            Block::Columns { rows } => self.columns(rows),
        }
    }

    /// Parallel text: each row's cells set in their columns' frames (the right one hyphenated in
    /// the second language), then zipped line by line, so both columns start each row level.
    fn columns(&mut self, rows: &[[Vec<Block>; 2]]) {
        let (width, stamp) = (self.page.parallel_width(), Length::emu(0));
        let left = Frame {
            left: Length::emu(0),
            width,
            stamp,
        };
        let right = Frame {
            left: self.page.parallel_right(),
            ..left
        };
        for [original, translation] in rows {
            let original = self.cell(original, left, self.hyphenator);
            let translation = self.cell(translation, right, self.second);
            self.zip(original, translation);
        }
    }

    /// The boxes of `blocks` set in `frame`, hyphenated with `hyphenator`, exactly as body blocks
    /// are set across the page.
    fn cell(&self, blocks: &[Block], frame: Frame, hyphenator: &'static Standard) -> Vec<Entry> {
        let mut cell = Typesetter {
            frame,
            hyphenator,
            entries: Vec::new(),
            signatures: None,
            ..*self
        };
        for block in blocks {
            cell.block(block);
        }
        cell.entries
    }

    /// The two cells of a row side by side: box i holds the left cell's line i and the right
    /// cell's line i, as high as the higher, kept with the next when either is (so each column's
    /// keep rules, no widow, no orphan, hold); the space before it the larger of the two.
    fn zip(&mut self, left: Vec<Entry>, right: Vec<Entry>) {
        let (left, left_after) = spaced(left);
        let (right, right_after) = spaced(right);
        // Line by line only when the two cells' lines are alike (a provision beside its
        // translation); cells of unlike blocks (the organization and гриф beside a title) would
        // open gaps inside a paragraph, so each is set as it stands, in one box.
        let alike = left.iter().zip(&right).all(|((ls, l), (rs, r))| {
            (l.height - r.height).abs() < EPSILON && (ls - rs).abs() < EPSILON
        });
        // a box never breaks: one taller than the page would run off it, so such a row is
        // zipped after all
        let stacked = |cell: &[(f32, Boxed)]| cell.iter().map(|(s, b)| s + b.height).sum::<f32>();
        let page = self.page;
        let room =
            (page.height.to_mm() - page.margins.top.to_mm() - page.margins.bottom.to_mm()) / 2.0;
        if !alike && stacked(&left).max(stacked(&right)) < room {
            let before = |cell: &[(f32, Boxed)]| cell.first().map_or(0.0, |(space, _)| *space);
            let first = before(&left).max(before(&right));
            let mut row = Boxed::default();
            for cell in [left, right] {
                let mut y = 0.0;
                for (i, (space, b)) in cell.into_iter().enumerate() {
                    if i > 0 {
                        y += space;
                    }
                    row.texts
                        .extend(b.texts.into_iter().map(|t| Placed { y: t.y + y, ..t }));
                    row.rules.extend(
                        b.rules
                            .into_iter()
                            .map(|((x1, y1), (x2, y2))| ((x1, y1 + y), (x2, y2 + y))),
                    );
                    y += b.height;
                }
                row.height = row.height.max(y);
            }
            self.push_space(first);
            self.entries.push(Entry::Box(row));
            self.push_space(left_after.max(right_after));
            return;
        }
        let mut right = right.into_iter();
        let mut left = left.into_iter();
        loop {
            let (l, r) = (left.next(), right.next());
            let (space, boxed) = match (l, r) {
                (None, None) => break,
                (Some(one), None) | (None, Some(one)) => one,
                (Some((ls, mut l)), Some((rs, r))) => {
                    l.height = l.height.max(r.height);
                    l.texts.extend(r.texts);
                    l.rules.extend(r.rules);
                    l.keep |= r.keep;
                    (ls.max(rs), l)
                }
            };
            self.push_space(space);
            self.entries.push(Entry::Box(boxed));
        }
        self.push_space(left_after.max(right_after));
    }

    /// Dash lists: the dash on the item's first line, the text indented past it on every line,
    /// so the dash goes wherever the first line goes.
    fn list(&mut self, items: &[ListItem], depth: usize, body: f32) {
        let (page, frame) = (self.page, self.frame);
        let step = page.list_step.to_mm();
        // from the frame's left edge
        let dash = page.indent.to_mm() + step * depth as f32;
        let dash_x = frame.left.to_mm() + dash;
        for item in items {
            let para = Para {
                lines: std::slice::from_ref(&item.text),
                align: Align::Justify,
                left: dash_x + step,
                width: frame.width.to_mm() - dash - step,
                first: 0.0,
                bold: false,
                hyphenate: true,
            };
            let mut lines = self.lines(&para);
            if let Some(first) = lines.first_mut() {
                first.insert(
                    0,
                    Placed {
                        x: dash_x,
                        y: 0.0,
                        text: "–".into(),
                        face: Face::default(),
                    },
                );
            }
            let keep = body_style(page, std::slice::from_ref(&item.text)).keep;
            self.entries.extend(flow::boxes(lines, body, keep));
            self.list(&item.children, depth + 1, body);
        }
    }

    /// A signature line in `columns`: the position wrapping in its column, the blank and the
    /// name on its last line.
    fn signature(&mut self, columns: &signature::Columns, parts: &signature::Parts, body: f32) {
        let gap = self.page.signature.gap.to_mm();
        let [position, blank, name] = columns.widths().map(Length::to_mm);
        let cell = |lines, left: f32, width: f32| Para {
            lines,
            align: Align::Left,
            left,
            width: width - gap,
            first: 0.0,
            bold: false,
            hyphenate: false,
        };
        let mut lines = self.lines(&cell(std::slice::from_ref(&parts.position), 0.0, position));
        let last = lines.len() - 1;
        // the name's column has no gap: it ends at the right margin
        for (text, left, width) in [
            (&parts.blank, position, blank),
            (&parts.name, position + blank, name + gap),
        ] {
            let set = self.lines(&cell(std::slice::from_ref(text), left, width));
            lines[last].extend(set.into_iter().flatten());
        }
        let style = &self.page.blocks.signature;
        self.space(style.before);
        self.entries.extend(flow::boxes(lines, body, style.keep));
        self.space(style.after);
    }

    fn table(&mut self, header: &[Line], rows: &[Vec<Line>]) {
        // The DOCX's column widths, in micrometres.
        let widths = columns::widths(
            header,
            rows,
            u32::from(self.size),
            self.number_column,
            self.page,
        );
        let mut edges = vec![0.0];
        let mut at = 0;
        for w in columns::in_units(&widths, |l| l.to_um() as u32) {
            at += w;
            edges.push(at as f32 / 1000.0);
        }
        let header_entry = self.entries.len();
        let mut row = self.row(header, &edges, true, 0.0);
        row.keep = self.page.table.header_with_next;
        self.entries.push(Entry::Box(row));
        for cells in rows {
            let mut row = self.row(cells, &edges, false, self.page.table.row_height.to_mm());
            row.header = Some(header_entry);
            self.entries.push(Entry::Box(row));
        }
    }

    /// A table row: cells centred both ways, borders all round.
    fn row(&mut self, cells: &[Line], edges: &[f32], bold: bool, min_height: f32) -> Boxed {
        let single = self.single();
        let table = self.page.table;
        let (pad_x, pad_y) = (table.padding_x.to_mm(), table.padding_y.to_mm());
        let mut set: Vec<Vec<Vec<Placed>>> = Vec::new();
        for (i, pair) in edges.windows(2).enumerate() {
            let line = cells.get(i).map(std::slice::from_ref).unwrap_or(&[]);
            let para = Para {
                lines: line,
                align: Align::Center,
                left: pair[0] + pad_x,
                width: pair[1] - pair[0] - 2.0 * pad_x,
                first: 0.0,
                bold,
                hyphenate: false,
            };
            set.push(self.lines(&para));
        }
        let tallest = set.iter().map(Vec::len).max().unwrap_or(0) as f32 * single;
        let height = (tallest + 2.0 * pad_y).max(min_height);
        let mut row = Boxed {
            height,
            ..Boxed::default()
        };
        for lines in set {
            let top = (height - lines.len() as f32 * single) / 2.0;
            for (n, line) in lines.into_iter().enumerate() {
                for mut placed in line {
                    placed.y = top + n as f32 * single;
                    row.texts.push(placed);
                }
            }
        }
        let width = self.page.text_width().to_mm();
        row.rules.push(((0.0, 0.0), (width, 0.0)));
        row.rules.push(((0.0, height), (width, height)));
        for &x in edges {
            row.rules.push(((x, 0.0), (x, height)));
        }
        row
    }

    /// Space between paragraphs, none for a zero length. Where one paragraph's space after meets
    /// the next one's space before, the larger wins, as LibreOffice lays out the DOCX.
    fn space(&mut self, length: Length) {
        if length.is_zero() {
            return;
        }
        self.push_space(length.to_pt() * PT);
    }

    /// `mm` of space, merged with space before it (the larger wins); none for zero.
    fn push_space(&mut self, mm: f32) {
        if mm <= 0.0 {
            return;
        }
        match self.entries.last_mut() {
            Some(Entry::Space(h)) => *h = h.max(mm),
            _ => self.entries.push(Entry::Space(mm)),
        }
    }

    /// One line at single spacing.
    fn single(&self) -> f32 {
        Style::new()
            .with_font_size(self.size)
            .line_height(self.fonts)
            .into()
    }

    /// Sets `para` as a block of `style`: its space before, its lines `height` apart, its space
    /// after.
    fn paragraph(&mut self, style: &BlockStyle, para: &Para, height: f32) {
        self.space(style.before);
        let lines = self.lines(para);
        self.entries.extend(flow::boxes(lines, height, style.keep));
        self.space(style.after);
    }
}

/// The boxes of a cell, each with the space before it, and the space after the last: what
/// [`Typesetter::zip`] pairs line by line. A cell has no page break (the dialect refuses one).
fn spaced(entries: Vec<Entry>) -> (Vec<(f32, Boxed)>, f32) {
    let mut boxes = Vec::new();
    let mut space = 0.0_f32;
    for entry in entries {
        match entry {
            Entry::Box(b) => boxes.push((std::mem::take(&mut space), b)),
            Entry::Space(h) => space = space.max(h),
            Entry::Break => {}
        }
    }
    (boxes, space)
}
