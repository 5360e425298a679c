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
/// `Area::draw_line`), so each glyph lands where genpdf put it, to the bit. Each glyph is
/// printed by its number in the order the document first prints it in its face ([`Embedding`]).
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
    // each run allocated once, at its size
    let string = |run: &[(i64, u16)]| {
        let mut bytes = Vec::with_capacity(run.len() * 2);
        for &(_, glyph) in run {
            bytes.extend_from_slice(&glyph.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Literal)
    };
    let kernings = glyphs.iter().filter(|&&(kerning, _)| kerning != 0).count();
    let mut out = Vec::with_capacity(kernings * 2 + 1);
    let mut start = 0;
    for (i, &(kerning, _)) in glyphs.iter().enumerate() {
        if kerning != 0 {
            if i > start {
                out.push(string(&glyphs[start..i]));
            }
            out.push(Object::Integer(kerning));
            start = i;
        }
    }
    if glyphs.len() > start {
        out.push(string(&glyphs[start..]));
    }
    out
}

/// Appends `value` as lopdf writes a real number, Rust's `Display` (the shortest digits that read
/// back as the same number, never an exponent), through ryu, which finds the same digits but for
/// a tie: the standard formatting took 3 % of a batch's instructions. Checked against `Display`
/// for every finite `f32` (once, outside the tests, which check a sample).
fn real(out: &mut String, value: f32) {
    if !value.is_finite() {
        out.push_str(&value.to_string());
        return;
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(value);
    if text.as_bytes().contains(&b'e') || tie(value, text) {
        out.push_str(&value.to_string());
    } else {
        // ryu writes a whole number with `.0`, `Display` without
        out.push_str(text.strip_suffix(".0").unwrap_or(text));
    }
}

/// Whether `value` may lie halfway between `digits` (ryu's, in plain notation) and the next
/// number of as many decimals, a tie ryu breaks to the even digit and `Display` away from zero.
/// The halfway number has one decimal more, its last a 5; a binary fraction with `n` binary
/// places has exactly `n` decimal places, so only a value with as many places can be a tie.
fn tie(value: f32, digits: &str) -> bool {
    let places = match digits.split_once('.') {
        Some((_, fraction)) => fraction.trim_end_matches('0').len() as i32 + 1,
        None => 1,
    };
    // value = mantissa × 2^exponent
    let bits = value.to_bits() & 0x7fff_ffff;
    let (mantissa, exponent) = match bits >> 23 {
        0 => (bits & 0x7f_ffff, -149),
        e => (bits & 0x7f_ffff | 0x80_0000, e as i32 - 150),
    };
    mantissa != 0 && -exponent - mantissa.trailing_zeros() as i32 == places
}

/// A part of a page: its top left corner on the page and its height, as genpdf's `Area`.
#[derive(Clone, Copy)]
pub(super) struct Region {
    pub(super) origin: Position,
    pub(super) height: Mm,
}

impl<'a> Canvas<'a> {
    /// Drawing on `layer`, a page of `renderer`'s document `height` high, in text of `size`
    /// points, its faces embedded as `embedding` numbers their glyphs.
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
    /// letter's side bearing. An empty text prints nothing.
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
        if text.is_empty() {
            return Ok(());
        }
        let layer = self.layer;
        // The text object's operations, written as printpdf writes `begin_text_section`,
        // `set_text_cursor`, `set_font`, the glyphs' `TJ` and `end_text_section`, to the byte:
        // lopdf writes an operation's operands, then its operator as it is, and a line break
        // between operations. The cursor's numbers are formatted here (see `real`), and the
        // operations are three or two rather than five.
        // No leading (`TL`), which genpdf sets in every text: only a move to the next line uses
        // it, and a text here is one line.
        let x = bearing * -1.0 + origin_x;
        let y = metrics.ascent + origin_y;
        let (x, y): (printpdf::Mm, printpdf::Mm) = (x.into(), (self.height - y).into());
        let mut begin = String::with_capacity(32);
        begin.push_str("BT\n");
        real(&mut begin, printpdf::Pt::from(x).0);
        begin.push(' ');
        real(&mut begin, printpdf::Pt::from(y).0);
        begin.push_str(" Td");
        layer.add_operation(Operation::new(&begin, Vec::new()));
        // The font is part of the graphics state, which text objects do not reset: set when it
        // changes on the page rather than in every text, as genpdf does.
        if self.face.replace(Some(face)) != Some(face) {
            let font = self.embedding.font(self.renderer, face)?;
            layer.set_font(&font, self.size.into());
        }
        self.embedding.number(face, text, &mut glyphs)?;
        layer.add_operation(Operation::new("TJ\nET", vec![Object::Array(runs(&glyphs))]));
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

#[cfg(test)]
mod tests {
    use super::real;

    /// `real` writes every number as `Display` does: a page's coordinates, tiny and huge values,
    /// whole numbers, negative zero, ties (checked once outside the tests for every finite
    /// `f32`: the ties alone differ, some 262 000 of the 1.2 billion up to 65 536; here a
    /// sample).
    #[test]
    fn writes_reals_as_display_does() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            14.0,
            595.2756,
            841.8898,
            1e-7,
            3e-5,
            1e10,
            1e20,
            -2.5,
            // ties: ryu alone gives …2 where `Display` gives …3
            0.000_244_140_63,
            0.016_601_563,
            3_065_919.3,
            f32::MAX,
            f32::MIN_POSITIVE,
            f32::from_bits(1),
        ];
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            values.push((seed % 2_000_000) as f32 / 1000.0 - 100.0);
            values.push(f32::from_bits(seed as u32));
        }
        for value in values {
            let mut out = String::new();
            real(&mut out, value);
            assert_eq!(out, value.to_string(), "{value:e}");
        }
    }
}
