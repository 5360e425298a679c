//! The typesetting genpdf lacks. genpdf aligns text only left, right or centred, keeps no heading
//! with its text, drops a list item's bullet when the item starts a page, and splits table rows
//! without repeating the header. So the document is set here, once, into boxes: lines of words
//! at fixed positions (justified, hyphenated) and table rows. [`Flow`], a genpdf [`Element`], then
//! fills the pages with them, breaking only where a box allows it.

use std::collections::VecDeque;
use std::sync::Mutex;

use genpdf::error::{Error, ErrorKind};
use genpdf::fonts::FontCache;
use genpdf::render::Area;
use genpdf::style::{LineStyle, Style};
use genpdf::{Context, Element, Margins, Mm, PageDecorator, Position, RenderResult, Size};
use hyphenation::{Hyphenator, Load, Standard};

use crate::document::{self, Block, Document, Line, ListItem, Placement};
use crate::write::page::{BlockStyle, Keep, Length, Lines, PAGE};
use crate::write::{Meta, columns};

/// Millimetres in a point. Spacing, set in points, goes through it as it always has:
/// [`Length::to_mm`] differs in the last bit, and so would the PDF's bytes.
const PT: f32 = 25.4 / 72.0;
/// Rounding slack when comparing widths and heights.
const EPSILON: f32 = 0.01;
/// A hyphen never leaves fewer letters than this on either line.
const MIN_PART: usize = 2;

/// Which face of the family draws a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Face {
    bold: bool,
    italic: bool,
}

/// Text placed in a box, `x` and `y` from the box's top left corner (the text's origin and the
/// top of its line).
#[derive(Debug)]
struct Placed {
    x: f32,
    y: f32,
    text: String,
    face: Face,
}

/// What the pages are filled with.
#[derive(Debug)]
enum Entry {
    /// A line or a table row: never split.
    Box(Boxed),
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// A page break.
    Break,
}

#[derive(Debug, Default)]
struct Boxed {
    height: f32,
    texts: Vec<Placed>,
    /// Straight lines (table borders) in box coordinates.
    rules: Vec<((f32, f32), (f32, f32))>,
    /// No page break between this box and the next one.
    keep: bool,
    /// For a table body row: the entry of its table's header row, repeated at the top of every
    /// page the table continues on.
    header: Option<usize>,
}

/// How the lines of a paragraph sit between its edges.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    /// Both edges, except a paragraph's last line and a line before a hard break.
    Justify,
}

/// A paragraph to set.
struct Para<'a> {
    lines: &'a [Line],
    align: Align,
    /// Left edge of every line.
    left: f32,
    /// Width from the left edge.
    width: f32,
    /// Extra indent of the first line.
    first: f32,
    /// Everything bold (title, headings).
    bold: bool,
    hyphenate: bool,
}

/// A piece of a word in one face.
#[derive(Clone, Debug)]
struct Frag {
    text: String,
    face: Face,
    width: f32,
}

/// A word: what lies between spaces, maybe in several faces.
#[derive(Clone, Debug)]
struct Word {
    frags: Vec<Frag>,
    width: f32,
    /// The natural width of the space after it.
    space: f32,
}

impl Word {
    fn text(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }
}

/// The hyphenation patterns of a locale (`dictionary`, bincode), loaded once per process and
/// dictionary: a few languages at most, so a list searched by address.
fn hyphenator(dictionary: &'static [u8]) -> Result<&'static Standard, String> {
    static LOADED: Mutex<Vec<(usize, &'static Standard)>> = Mutex::new(Vec::new());
    let mut loaded = LOADED
        .lock()
        .map_err(|_| "the hyphenation cache is poisoned")?;
    let key = dictionary.as_ptr() as usize;
    if let Some((_, standard)) = loaded.iter().find(|(k, _)| *k == key) {
        return Ok(standard);
    }
    let mut bytes = dictionary;
    let standard = Standard::any_from_reader(&mut bytes)
        .map_err(|e| format!("cannot load the hyphenation patterns: {e}"))?;
    // kept for the life of the process, as the dictionary bytes themselves are
    let standard: &'static Standard = Box::leak(Box::new(standard));
    loaded.push((key, standard));
    Ok(standard)
}

/// Sets a document into boxes.
pub struct Typesetter<'f> {
    fonts: &'f FontCache,
    size: u8,
    hyphenator: &'static Standard,
    number_column: &'static str,
    entries: Vec<Entry>,
}

impl<'f> Typesetter<'f> {
    /// A typesetter measuring with `fonts` at `size` points, with the language resources of
    /// `meta` (hyphenation, the number column's marker).
    pub fn new(fonts: &'f FontCache, size: u8, meta: &Meta) -> Result<Self, String> {
        Ok(Typesetter {
            fonts,
            size,
            hyphenator: hyphenator(meta.hyphenation)?,
            number_column: meta.number_column,
            entries: Vec::new(),
        })
    }

    /// The document set into boxes, ready to fill pages.
    pub fn set(mut self, doc: &Document) -> Flow {
        for block in &doc.blocks {
            self.block(block);
        }
        Flow {
            entries: self.entries,
            next: 0,
            size: self.size,
        }
    }

    fn block(&mut self, block: &Block) {
        let single = self.single();
        let body = single * PAGE.body_line.to_factor();
        let width = PAGE.text_width().to_mm();
        let styles = &PAGE.blocks;
        let plain = |lines, align| Para {
            lines,
            align,
            left: 0.0,
            width,
            first: 0.0,
            bold: false,
            hyphenate: false,
        };
        let text = |lines| Para {
            first: PAGE.indent.to_mm(),
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
                let x = PAGE.stamp_indent().to_mm();
                let para = Para {
                    left: x,
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
                self.paragraph(&styles.body, &text(&lines), body);
            }
            Block::Paragraph { lines } => self.paragraph(&styles.body, &text(lines), body),
            Block::Caption { lines } => {
                self.paragraph(&styles.caption, &plain(lines, Align::Center), body);
            }
            Block::Signature { lines } => {
                self.paragraph(&styles.signature, &plain(lines, Align::Left), body);
            }
            Block::List { items } => self.list(items, 0, body),
            Block::Table { header, rows } => self.table(header, rows),
            Block::PageBreak => self.entries.push(Entry::Break),
        }
    }

    /// Dash lists: the dash on the item's first line, the text indented past it on every line,
    /// so the dash goes wherever the first line goes.
    fn list(&mut self, items: &[ListItem], depth: usize, body: f32) {
        let step = PAGE.list_step.to_mm();
        let dash_x = PAGE.indent.to_mm() + step * depth as f32;
        for item in items {
            let para = Para {
                lines: std::slice::from_ref(&item.text),
                align: Align::Justify,
                left: dash_x + step,
                width: PAGE.text_width().to_mm() - dash_x - step,
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
            self.push_lines(lines, body, PAGE.blocks.body.keep);
            self.list(&item.children, depth + 1, body);
        }
    }

    fn table(&mut self, header: &[Line], rows: &[Vec<Line>]) {
        // The DOCX's column widths, computed in micrometres.
        let widths = columns::widths(
            header,
            rows,
            PAGE.text_width().to_um(),
            PAGE.table.number_column.to_um(),
            self.number_column,
        );
        let mut edges = vec![0.0];
        let mut at = 0;
        for w in widths {
            at += w;
            edges.push(at as f32 / 1000.0);
        }
        let header_entry = self.entries.len();
        let mut row = self.row(header, &edges, true, 0.0);
        row.keep = PAGE.table.header_with_next;
        self.entries.push(Entry::Box(row));
        for cells in rows {
            let mut row = self.row(cells, &edges, false, PAGE.table.row_height.to_mm());
            row.header = Some(header_entry);
            self.entries.push(Entry::Box(row));
        }
    }

    /// A table row: cells centred both ways, borders all round.
    fn row(&mut self, cells: &[Line], edges: &[f32], bold: bool, min_height: f32) -> Boxed {
        let single = self.single();
        let (pad_x, pad_y) = (PAGE.table.padding_x.to_mm(), PAGE.table.padding_y.to_mm());
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
        let width = PAGE.text_width().to_mm();
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
        let mm = length.to_pt() * PT;
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

    fn style(&self, face: Face) -> Style {
        style(self.size, face)
    }

    fn width(&self, text: &str, face: Face) -> f32 {
        self.style(face).str_width(self.fonts, text).into()
    }

    /// Sets `para` as a block of `style`: its space before, its lines `height` apart, its space
    /// after.
    fn paragraph(&mut self, style: &BlockStyle, para: &Para, height: f32) {
        self.space(style.before);
        let lines = self.lines(para);
        self.push_lines(lines, height, style.keep);
        self.space(style.after);
    }

    /// Adds lines as boxes that break pages only where `keep` allows; a break never leaves a
    /// paragraph's first or last line alone.
    fn push_lines(&mut self, lines: Vec<Vec<Placed>>, height: f32, keep: Keep) {
        let together = keep.lines != Lines::Free;
        let with_next = keep.with_next;
        let n = lines.len();
        for (i, texts) in lines.into_iter().enumerate() {
            // no orphan (first line alone at a page's foot), no widow (last line alone at a top)
            let keep = (together && i + 1 < n)
                || (with_next && i + 1 == n)
                || (i == 0 && n > 1)
                || i + 2 == n;
            self.entries.push(Entry::Box(Boxed {
                height,
                texts,
                keep,
                ..Boxed::default()
            }));
        }
    }

    /// The lines of `para`, each a list of placed texts.
    fn lines(&self, para: &Para) -> Vec<Vec<Placed>> {
        let mut out = Vec::new();
        for hard in para.lines {
            let words = self.words(hard, para.bold);
            let first = out.is_empty();
            let broken = self.break_words(words, para, first);
            let n = broken.len();
            for (i, line) in broken.into_iter().enumerate() {
                let indent = if first && i == 0 { para.first } else { 0.0 };
                let justify = para.align == Align::Justify && i + 1 < n;
                out.push(self.place(line, para, indent, justify));
            }
        }
        out
    }

    /// The words of a line, each with its pieces measured.
    fn words(&self, line: &Line, bold: bool) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut current: Option<Word> = None;
        for run in line {
            let face = Face {
                bold: run.bold || bold,
                italic: run.italic,
            };
            for c in run.text.chars() {
                if matches!(c, ' ' | '\t' | '\n' | '\r') {
                    if let Some(mut word) = current.take() {
                        word.space = self.width(" ", face);
                        words.push(word);
                    }
                    continue;
                }
                let word = current.get_or_insert_with(|| Word {
                    frags: Vec::new(),
                    width: 0.0,
                    space: 0.0,
                });
                match word.frags.last_mut() {
                    Some(frag) if frag.face == face => frag.text.push(c),
                    _ => word.frags.push(Frag {
                        text: c.to_string(),
                        face,
                        width: 0.0,
                    }),
                }
            }
        }
        words.extend(current);
        for word in &mut words {
            self.measure(word);
        }
        words
    }

    fn measure(&self, word: &mut Word) {
        for frag in &mut word.frags {
            frag.width = self.width(&frag.text, frag.face);
        }
        word.width = word.frags.iter().map(|f| f.width).sum();
    }

    /// First fit, as word processors break lines: a word that does not fit is hyphenated when
    /// a part of it fits, else moved to the next line, and cut there if wider than the line.
    fn break_words(&self, words: Vec<Word>, para: &Para, first: bool) -> Vec<Vec<Word>> {
        let mut out: Vec<Vec<Word>> = Vec::new();
        let mut line: Vec<Word> = Vec::new();
        let mut used = 0.0;
        let mut queue: VecDeque<Word> = words.into();
        while let Some(word) = queue.pop_front() {
            let room = para.width
                - if first && out.is_empty() {
                    para.first
                } else {
                    0.0
                };
            let gap = line.last().map_or(0.0, |w| w.space);
            if used + gap + word.width <= room + EPSILON {
                used += gap + word.width;
                line.push(word);
                continue;
            }
            if let Some((head, tail)) = self.split(&word, room - used - gap, para.hyphenate) {
                line.push(head);
                out.push(std::mem::take(&mut line));
                used = 0.0;
                queue.push_front(tail);
                continue;
            }
            if line.is_empty() {
                // Wider than the line with no break point that fits: cut after the last
                // character that fits, as Word does, rather than run off the page.
                match self.force(&word, room) {
                    Some((head, tail)) => {
                        out.push(vec![head]);
                        queue.push_front(tail);
                    }
                    None => out.push(vec![word]),
                }
            } else {
                out.push(std::mem::take(&mut line));
                used = 0.0;
                queue.push_front(word);
            }
        }
        if !line.is_empty() || out.is_empty() {
            out.push(line);
        }
        out
    }

    /// `word` split at the last break point whose first part, with its hyphen, fits in `room`.
    /// A word with a hyphen of its own may break after it, without a second one, in any
    /// paragraph (as in Word); with `patterns`, letters are hyphenated too, at least two each
    /// side.
    fn split(&self, word: &Word, room: f32, patterns: bool) -> Option<(Word, Word)> {
        let text = word.text();
        let mut points: Vec<(usize, bool)> = Vec::new();
        if patterns {
            let mut chars = text.char_indices().peekable();
            while let Some((start, c)) = chars.next() {
                if !c.is_alphabetic() {
                    continue;
                }
                let mut end = start + c.len_utf8();
                while let Some(&(i, c)) = chars.peek().filter(|(_, c)| c.is_alphabetic()) {
                    end = i + c.len_utf8();
                    chars.next();
                }
                let segment = &text[start..end];
                if segment.chars().count() >= 2 * MIN_PART {
                    for b in self.hyphenator.hyphenate(segment).breaks {
                        let (before, after) = segment.split_at(b);
                        if before.chars().count() >= MIN_PART && after.chars().count() >= MIN_PART {
                            points.push((start + b, true));
                        }
                    }
                }
            }
        }
        for (i, _) in text.match_indices('-') {
            let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            if letters(&text[..i]) >= MIN_PART && letters(&text[i + 1..]) >= MIN_PART {
                points.push((i + 1, false));
            }
        }
        points.sort_unstable_by(|a, b| b.cmp(a));
        points.into_iter().find_map(|(at, hyphen)| {
            let (mut head, tail) = self.cut(word, at);
            if hyphen && let Some(last) = head.frags.last_mut() {
                last.text.push('-');
            }
            self.measure(&mut head);
            (head.width <= room + EPSILON).then_some((head, tail))
        })
    }

    /// `word` cut after its last character that fits in `room`, at least one; `None` for a
    /// single character.
    fn force(&self, word: &Word, room: f32) -> Option<(Word, Word)> {
        let text = word.text();
        let cuts: Vec<usize> = text.char_indices().skip(1).map(|(i, _)| i).collect();
        // a prefix grows wider with every character, so the cuts that fit come first
        let fit = cuts.partition_point(|&at| self.cut(word, at).0.width <= room + EPSILON);
        let at = *cuts.get(fit.saturating_sub(1))?;
        Some(self.cut(word, at))
    }

    /// `word` cut at byte `at` of its text.
    fn cut(&self, word: &Word, at: usize) -> (Word, Word) {
        let mut head = Word {
            frags: Vec::new(),
            width: 0.0,
            space: 0.0,
        };
        let mut tail = Word {
            frags: Vec::new(),
            width: 0.0,
            space: word.space,
        };
        let mut offset = 0;
        for frag in &word.frags {
            let len = frag.text.len();
            if offset + len <= at {
                head.frags.push(frag.clone());
            } else if offset >= at {
                tail.frags.push(frag.clone());
            } else {
                let (a, b) = frag.text.split_at(at - offset);
                head.frags.push(Frag {
                    text: a.into(),
                    ..frag.clone()
                });
                tail.frags.push(Frag {
                    text: b.into(),
                    ..frag.clone()
                });
            }
            offset += len;
        }
        self.measure(&mut head);
        self.measure(&mut tail);
        (head, tail)
    }

    /// The words of one line placed: justified lines word by word with the spare width shared
    /// among the gaps, other lines as runs of text.
    fn place(&self, words: Vec<Word>, para: &Para, indent: f32, justify: bool) -> Vec<Placed> {
        let room = para.width - indent;
        let count = words.len();
        let natural: f32 = words.iter().map(|w| w.width).sum::<f32>()
            + words
                .iter()
                .take(count.saturating_sub(1))
                .map(|w| w.space)
                .sum::<f32>();
        let stretch = if justify && count > 1 {
            ((room - natural) / (count - 1) as f32).max(0.0)
        } else {
            0.0
        };
        let mut x = para.left
            + indent
            + match para.align {
                Align::Center => ((room - natural) / 2.0).max(0.0),
                Align::Left | Align::Justify => 0.0,
            };
        let mut placed: Vec<Placed> = Vec::new();
        for (i, word) in words.into_iter().enumerate() {
            let last = i + 1 == count;
            let frags = word.frags.len();
            for (j, mut frag) in word.frags.into_iter().enumerate() {
                // The space glyph is drawn too: extracted text gets real spaces.
                if j + 1 == frags && !last {
                    frag.text.push(' ');
                }
                match placed.last_mut() {
                    // runs of one face go out whole, unless the gaps are stretched
                    Some(p) if stretch == 0.0 && p.face == frag.face => p.text.push_str(&frag.text),
                    _ => placed.push(Placed {
                        x,
                        y: 0.0,
                        text: frag.text,
                        face: frag.face,
                    }),
                }
                x += frag.width;
            }
            if !last {
                x += word.space + stretch;
            }
        }
        placed
    }
}

fn style(size: u8, face: Face) -> Style {
    let mut style = Style::new().with_font_size(size);
    if face.bold {
        style.set_bold();
    }
    if face.italic {
        style.set_italic();
    }
    style
}

/// Prints `text` with its origin (not its ink) at `position`: genpdf starts a text at the first
/// glyph's ink, which would shift every line by its first letter's side bearing.
fn print(
    fonts: &FontCache,
    area: &Area<'_>,
    position: Position,
    style: Style,
    text: &str,
) -> Result<(), Error> {
    let bearing = text
        .chars()
        .next()
        .map_or(Mm::from(0.0), |c| style.char_left_side_bearing(fonts, c));
    let at = Position::new(position.x + bearing, position.y);
    if area.print_str(fonts, at, style, text)? {
        Ok(())
    } else {
        Err(Error::new(
            format!("no room on the page for «{text}»"),
            ErrorKind::PageSizeExceeded,
        ))
    }
}

/// The document's boxes, poured into pages: a genpdf element.
pub struct Flow {
    entries: Vec<Entry>,
    /// The first entry not yet on a page.
    next: usize,
    size: u8,
}

impl Flow {
    /// The entries for the page starting at `start` (breaks and spaces at its top skipped): the
    /// range of entries on it, the repeated table header it starts with, and where the next
    /// page starts.
    fn page(&self, start: usize, height: f32) -> (usize, usize, Option<usize>, usize) {
        let entries = &self.entries;
        let mut first = start;
        while matches!(entries.get(first), Some(Entry::Break)) {
            first += 1;
        }
        // Space is dropped at the top of a page, except after a page break, as in the DOCX.
        let broken = first > 0 && matches!(entries[first - 1], Entry::Break);
        while !broken && matches!(entries.get(first), Some(Entry::Space(_))) {
            first += 1;
        }
        let header = match entries.get(first) {
            Some(Entry::Box(b)) => b.header,
            _ => None,
        };
        let mut used = header.map_or(0.0, |h| self.height(h));
        let mut end = first;
        while let Some(entry) = entries.get(end) {
            match entry {
                Entry::Break => return (first, end, header, end + 1),
                Entry::Space(h) => used += h,
                Entry::Box(b) => {
                    if used + b.height > height + EPSILON && end > first {
                        break;
                    }
                    used += b.height;
                }
            }
            end += 1;
        }
        if end >= entries.len() {
            return (first, end, header, end);
        }
        // Move back to the last box that lets the page break after it, if there is one.
        let mut cut = end;
        while cut > first {
            match &entries[cut - 1] {
                Entry::Box(b) if !b.keep => break,
                _ => cut -= 1,
            }
        }
        let cut = if cut > first { cut } else { end };
        (first, cut, header, cut)
    }

    fn height(&self, entry: usize) -> f32 {
        match &self.entries[entry] {
            Entry::Box(b) => b.height,
            Entry::Space(h) => *h,
            Entry::Break => 0.0,
        }
    }

    fn draw(&self, fonts: &FontCache, area: &Area<'_>, top: f32, b: &Boxed) -> Result<(), Error> {
        for t in &b.texts {
            let position = Position::new(t.x, top + t.y);
            print(fonts, area, position, style(self.size, t.face), &t.text)?;
        }
        let line = LineStyle::new().with_thickness(PAGE.table.rule.to_mm());
        for &((x1, y1), (x2, y2)) in &b.rules {
            area.draw_line(
                [Position::new(x1, top + y1), Position::new(x2, top + y2)],
                line,
            );
        }
        Ok(())
    }
}

impl Element for Flow {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        _style: Style,
    ) -> Result<RenderResult, Error> {
        let height = area.size().height.into();
        let (first, end, header, next) = self.page(self.next, height);
        let fonts = &context.font_cache;
        let mut y = 0.0;
        let boxes = header.into_iter().chain(first..end);
        for i in boxes {
            match &self.entries[i] {
                Entry::Box(b) => {
                    self.draw(fonts, &area, y, b)?;
                    y += b.height;
                }
                Entry::Space(h) => y += h,
                Entry::Break => {}
            }
        }
        self.next = next;
        let has_more = self.entries[next..]
            .iter()
            .any(|e| matches!(e, Entry::Box(_)));
        Ok(RenderResult {
            size: Size::new(area.size().width, y),
            has_more,
        })
    }
}

/// Page margins and the page number, centred over the text column in the top margin from the
/// second page on (ГОСТ Р 7.0.97-2025), as in the DOCX.
pub struct PageNumbers {
    page: usize,
    size: u8,
}

impl PageNumbers {
    /// Numbers in `size` points.
    pub fn new(size: u8) -> Self {
        PageNumbers { page: 0, size }
    }
}

impl PageDecorator for PageNumbers {
    fn decorate_page<'a>(
        &mut self,
        context: &Context,
        mut area: Area<'a>,
        _style: Style,
    ) -> Result<Area<'a>, Error> {
        self.page += 1;
        let margins = PAGE.margins;
        let (top, right, bottom, left) = (
            margins.top.to_mm(),
            margins.right.to_mm(),
            margins.bottom.to_mm(),
            margins.left.to_mm(),
        );
        if self.page > 1 {
            let number = self.page.to_string();
            let style = style(self.size, Face::default());
            let width: f32 = style.str_width(&context.font_cache, &number).into();
            let x = left + (PAGE.text_width().to_mm() - width) / 2.0;
            print(
                &context.font_cache,
                &area,
                Position::new(x, PAGE.header.to_mm()),
                style,
                &number,
            )?;
        }
        area.add_margins(Margins::trbl(top, right, bottom, left));
        Ok(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        }
    }

    fn word(t: &Typesetter, text: &str) -> Word {
        let run = document::Run {
            text: text.into(),
            bold: false,
            italic: false,
        };
        t.words(&vec![run], false).remove(0)
    }

    #[test]
    fn hyphenates_russian_keeping_two_letters_each_side() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let w = word(&t, "ответственность");
        let (head, tail) = t.split(&w, w.width - 1.0, true).expect("a break");
        assert!(head.text().ends_with('-'));
        assert_eq!(
            head.text().trim_end_matches('-').to_string() + &tail.text(),
            "ответственность"
        );
        // the narrowest break still leaves two letters
        let (head, _) = t.split(&w, 8.0, true).expect("a break near the start");
        assert!(head.text().chars().count() >= 3, "{}", head.text());
        assert!(t.split(&w, 1.0, true).is_none());
    }

    #[test]
    fn breaks_a_compound_word_after_its_own_hyphen_only_once() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let w = word(&t, "нормативно-правовыми");
        let prefix = t.width("нормативно-", Face::default());
        let (head, tail) = t.split(&w, prefix + 0.5, true).expect("a break");
        assert_eq!(head.text(), "нормативно-");
        assert_eq!(tail.text(), "правовыми");
    }

    #[test]
    fn cuts_an_unbreakable_word_after_the_last_character_that_fits() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let w = word(&t, "1234567890");
        let room = t.width("12345", Face::default()) + 0.1;
        let (head, tail) = t.force(&w, room).expect("a cut");
        assert_eq!(
            (head.text().as_str(), tail.text().as_str()),
            ("12345", "67890")
        );
        // at least one character a line, however narrow
        let (head, _) = t.force(&w, 0.1).expect("a cut");
        assert_eq!(head.text(), "1");
        assert!(t.force(&word(&t, "1"), 0.1).is_none());
    }

    #[test]
    fn justifies_all_but_the_last_line() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let line = vec![document::Run {
            text: "слово ".repeat(60),
            bold: false,
            italic: false,
        }];
        let para = Para {
            lines: std::slice::from_ref(&line),
            align: Align::Justify,
            left: 0.0,
            width: PAGE.text_width().to_mm(),
            first: PAGE.indent.to_mm(),
            bold: false,
            hyphenate: true,
        };
        let lines = t.lines(&para);
        assert!(lines.len() > 2);
        assert!((lines[0][0].x - PAGE.indent.to_mm()).abs() < EPSILON);
        for line in &lines[..lines.len() - 1] {
            let last = line.last().unwrap();
            let end = last.x + t.width(last.text.trim_end(), last.face);
            assert!(
                (end - PAGE.text_width().to_mm()).abs() < 0.05,
                "line ends at {end}"
            );
        }
    }
}
