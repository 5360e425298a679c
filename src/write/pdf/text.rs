//! Text as the typesetter places it and genpdf prints it: a face of the family, a position in a
//! box, and printing at the text's origin, which genpdf does not do by itself.

use std::cell::{Cell, RefCell};

use genpdf::error::{Error, ErrorKind};
use genpdf::fonts::FontCache;
use genpdf::render::Renderer;
use genpdf::style::Style;
use genpdf::{Mm, Position};
use printpdf::PdfLayerReference;
use printpdf::lopdf::content::Operation;
use printpdf::lopdf::{Object, StringFormat};

use super::embed::Embedding;
use super::widths::Widths;

/// Which face of the family draws a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Face {
    pub(super) bold: bool,
    pub(super) italic: bool,
}

impl Face {
    /// This face's place in [`crate::fonts::FACES`]: regular, bold, italic, bold italic.
    pub(super) fn index(self) -> usize {
        usize::from(self.bold) + 2 * usize::from(self.italic)
    }
}

/// Text placed in a box, `x` and `y` from the box's top left corner (the text's origin and the
/// top of its line).
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) text: String,
    pub(super) face: Face,
}

/// The style of `face` at `size` points.
pub(super) fn style(size: u8, face: Face) -> Style {
    let mut style = Style::new().with_font_size(size);
    if face.bold {
        style.set_bold();
    }
    if face.italic {
        style.set_italic();
    }
    style
}

/// A page being drawn, straight onto printpdf's layer of it. genpdf's own printing measures
/// every string again (its glyphs three times over, and the kerning twice) though the
/// typesetter has measured it, a seventh of a role's time; here the glyphs and kernings come
/// from [`Widths`], and every coordinate's arithmetic is genpdf's (`Area::print_str`,
/// `Area::draw_line`), so each glyph lands where genpdf put it, to the bit. The glyphs are
/// printed with their numbers in the document's subset of the face ([`Embedding`]).
pub(super) struct Canvas<'a> {
    pub(super) fonts: &'a FontCache,
    widths: &'a Widths,
    renderer: &'a Renderer,
    embedding: &'a Embedding,
    size: u8,
    layer: &'a PdfLayerReference,
    /// The page's height, to turn positions from its top into PDF user space.
    height: Mm,
    /// The line width set on the layer, as genpdf keeps track of it (starting at 1 pt).
    thickness: Cell<Mm>,
    /// A buffer for the glyphs of the text being printed.
    glyphs: RefCell<Vec<(i64, u16)>>,
    /// The face set on the layer, none yet on a new page.
    face: Cell<Option<Face>>,
}

/// The operand of `TJ` for `glyphs`: the glyphs between two kernings as one string, where
/// printpdf's `write_positioned_codepoints` makes a string of each glyph (allocated, written,
/// searched for the font subset and remapped one by one); a PDF reader shows both alike. The
/// strings are literal, the glyph numbers' bytes as they are (lopdf escapes what a literal
/// string must): lopdf writes a hexadecimal string a byte at a time through `write!`, and
/// the stream comes out half as long.
fn runs(glyphs: &[(i64, u16)]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run = Vec::with_capacity(glyphs.len() * 2);
    for &(kerning, glyph) in glyphs {
        if kerning != 0 {
            if !run.is_empty() {
                out.push(Object::String(
                    std::mem::take(&mut run),
                    StringFormat::Literal,
                ));
            }
            out.push(Object::Integer(kerning));
        }
        run.extend_from_slice(&glyph.to_be_bytes());
    }
    if !run.is_empty() {
        out.push(Object::String(run, StringFormat::Literal));
    }
    out
}

/// A part of a page: its top left corner on the page and its height, as genpdf's `Area`.
#[derive(Clone, Copy)]
pub(super) struct Region {
    pub(super) origin: Position,
    pub(super) height: Mm,
}

impl<'a> Canvas<'a> {
    /// Drawing on `layer`, a page of `renderer`'s `height` high, in text of `size` points, its
    /// faces embedded as `embedding` numbers their glyphs.
    pub(super) fn new(
        (fonts, widths, embedding): (&'a FontCache, &'a Widths, &'a Embedding),
        size: u8,
        renderer: &'a Renderer,
        layer: &'a PdfLayerReference,
        height: Mm,
    ) -> Self {
        Canvas {
            fonts,
            widths,
            renderer,
            embedding,
            size,
            layer,
            height,
            thickness: Cell::new(Mm::from(printpdf::Pt(1.0))),
            glyphs: RefCell::new(Vec::new()),
            face: Cell::new(None),
        }
    }

    /// Prints `text` in `face` with its origin (not its ink) at `position` in `region`: genpdf
    /// starts a text at the first glyph's ink, which would shift every line by its first
    /// letter's side bearing.
    pub(super) fn print(
        &self,
        region: Region,
        position: Position,
        face: Face,
        text: &str,
    ) -> Result<(), Error> {
        let mut glyphs = self.glyphs.borrow_mut();
        let bearing = self.widths.glyphs(self.fonts, text, face, &mut glyphs);
        let style = style(self.size, face);
        let metrics = style.metrics(self.fonts);
        // genpdf's text section: an area moved to the text, the ink moved back by the bearing
        let (origin_x, origin_y) = (
            region.origin.x + (position.x + bearing),
            region.origin.y + position.y,
        );
        if metrics.glyph_height > region.height - position.y {
            return Err(Error::new(
                format!("no room on the page for «{text}»"),
                ErrorKind::PageSizeExceeded,
            ));
        }
        let layer = self.layer;
        layer.begin_text_section();
        // No leading (`TL`), which genpdf sets in every text: only a move to the next line uses
        // it, and a text here is one line.
        if !text.is_empty() {
            let x = bearing * -1.0 + origin_x;
            let y = metrics.ascent + origin_y;
            layer.set_text_cursor(x.into(), (self.height - y).into());
        }
        let font = self.embedding.font(self.renderer, face)?;
        self.embedding.number(face, text, &mut glyphs)?;
        // The font is part of the graphics state, which text objects do not reset: set when it
        // changes on the page rather than in every text, as genpdf does.
        if self.face.replace(Some(face)) != Some(face) {
            layer.set_font(&font, self.size.into());
        }
        layer.add_operation(Operation::new("TJ", vec![Object::Array(runs(&glyphs))]));
        layer.end_text_section();
        Ok(())
    }

    /// Draws a straight line `thickness` wide from `from` to `to` in `region`.
    pub(super) fn line(&self, region: Region, from: Position, to: Position, thickness: Mm) {
        if self.thickness.replace(thickness) != thickness {
            self.layer
                .set_outline_thickness(printpdf::Pt::from(thickness).0);
        }
        let point = |p: Position| {
            let (x, y) = (p.x + region.origin.x, p.y + region.origin.y);
            (
                printpdf::Point::new(x.into(), (self.height - y).into()),
                false,
            )
        };
        self.layer.add_line(printpdf::Line {
            points: vec![point(from), point(to)],
            is_closed: false,
        });
    }
}
