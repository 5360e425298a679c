//! Page flow: the boxes the typesetter made, poured into pages. A page breaks only after a box
//! that allows it, so a heading stays with its text and no paragraph leaves its first or last
//! line alone; space is dropped at the top of a page; a table continued on a new page starts
//! with its header row again.

use genpdf::Position;
use genpdf::error::Error;

use super::EPSILON;
use super::text::{Canvas, Placed, Region};
use crate::write::page::{Keep, Lines, Page};

/// What the pages are filled with.
#[derive(Debug)]
pub(super) enum Entry {
    /// A line or a table row: never split.
    Box(Boxed),
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// A page break.
    Break,
}

/// A line or a table row and what is drawn in it.
#[derive(Debug, Default)]
pub(super) struct Boxed {
    pub(super) height: f32,
    pub(super) texts: Vec<Placed>,
    /// Straight lines (table borders) in box coordinates.
    pub(super) rules: Vec<((f32, f32), (f32, f32))>,
    /// No page break between this box and the next one.
    pub(super) keep: bool,
    /// For a table body row: the entry of its table's header row, repeated at the top of every
    /// page the table continues on.
    pub(super) header: Option<usize>,
}

/// The lines of a block as boxes `height` high that break pages only where `keep` allows; a
/// break never leaves a paragraph's first or last line alone.
pub(super) fn boxes(
    lines: Vec<Vec<Placed>>,
    height: f32,
    keep: Keep,
) -> impl Iterator<Item = Entry> {
    let together = keep.lines != Lines::Free;
    let with_next = keep.with_next;
    let n = lines.len();
    lines.into_iter().enumerate().map(move |(i, texts)| {
        // no orphan (first line alone at a page's foot), no widow (last line alone at a top)
        let keep =
            (together && i + 1 < n) || (with_next && i + 1 == n) || (i == 0 && n > 1) || i + 2 == n;
        Entry::Box(Boxed {
            height,
            texts,
            keep,
            ..Boxed::default()
        })
    })
}

/// The document's boxes, poured into pages.
pub struct Flow {
    entries: Vec<Entry>,
    /// The first entry not yet on a page.
    next: usize,
    /// The page, for the width of table borders.
    page: &'static Page,
}

impl Flow {
    /// The pages of `entries`, printed on `page`.
    pub(super) fn new(entries: Vec<Entry>, page: &'static Page) -> Flow {
        Flow {
            entries,
            next: 0,
            page,
        }
    }

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

    fn draw(&self, canvas: &Canvas<'_>, region: Region, top: f32, b: &Boxed) -> Result<(), Error> {
        for t in &b.texts {
            let position = Position::new(t.x, top + t.y);
            canvas.print(region, position, t.face, &t.text)?;
        }
        let thickness = self.page.table.rule.to_mm().into();
        for &((x1, y1), (x2, y2)) in &b.rules {
            canvas.line(
                region,
                Position::new(x1, top + y1),
                Position::new(x2, top + y2),
                thickness,
            );
        }
        Ok(())
    }

    /// Draws the next page's boxes in `region` of `canvas`; false when no box is left for
    /// another page.
    pub(super) fn render(&mut self, canvas: &Canvas<'_>, region: Region) -> Result<bool, Error> {
        let (first, end, header, next) = self.page(self.next, region.height.into());
        let mut y = 0.0;
        let boxes = header.into_iter().chain(first..end);
        for i in boxes {
            match &self.entries[i] {
                Entry::Box(b) => {
                    self.draw(canvas, region, y, b)?;
                    y += b.height;
                }
                Entry::Space(h) => y += h,
                Entry::Break => {}
            }
        }
        self.next = next;
        Ok(self.entries[next..]
            .iter()
            .any(|e| matches!(e, Entry::Box(_))))
    }
}
