//! Text widths exactly as genpdf measures them, from each face's glyph advances and kerning pairs
//! measured once per process and thread. genpdf looks every character up in the font's tables
//! each time it measures a string (two cmap searches and a kerning search a character), and
//! breaking a paragraph measures the same words, pieces of words and spaces many times over;
//! here a string costs a table lookup a character. The sums are genpdf's, term by term in the
//! same order, so the widths, the layout and the PDF's bytes are the same.

use std::cell::RefCell;
use std::rc::Rc;

use genpdf::Mm;
use genpdf::fonts::FontCache;

use super::text::{Face, style};

// characters below `MEMO` get a slot in a face's tables, as they are memoized in `crate::fonts`
use crate::fonts::MEMO;

/// A face's tables hold this many distinct characters at most; a text with others is measured
/// by genpdf (a document uses about a hundred).
const SLOTS: usize = 256;

/// The advances and kernings of the four faces of the PDF font at one size.
pub struct Widths {
    size: u8,
    /// By [`Face::index`]: regular, bold, italic, bold italic.
    faces: [RefCell<Tables>; 4],
}

/// One face's measurements so far.
struct Tables {
    /// The slot of each character below [`MEMO`] seen so far, 0 for none (slot 0 is unused).
    ids: Vec<u8>,
    /// The character in each slot.
    chars: Vec<char>,
    /// The advance of the character in each slot, in millimetres.
    advances: Vec<f32>,
    /// The glyph of the character in each slot.
    glyphs: Vec<u16>,
    /// The left side bearing of the character in each slot.
    bearings: Vec<Mm>,
    /// The kerning of each pair of slots (`SLOTS * before + after`): in millimetres (NaN until
    /// measured) and in genpdf's font units; empty until the face measures a pair.
    kerning: Vec<[f32; 2]>,
}

impl Widths {
    /// The size these widths are measured at, in points.
    pub fn size(&self) -> u8 {
        self.size
    }

    /// The widths at `size` points, shared by every document of this thread set at that size.
    pub fn at(size: u8) -> Rc<Widths> {
        thread_local! {
            static SIZES: RefCell<Vec<Rc<Widths>>> = const { RefCell::new(Vec::new()) };
        }
        SIZES.with_borrow_mut(|sizes| {
            if let Some(widths) = sizes.iter().find(|w| w.size == size) {
                return widths.clone();
            }
            let tables = || {
                RefCell::new(Tables {
                    ids: vec![0; MEMO],
                    chars: vec!['\0'],
                    advances: vec![0.0],
                    glyphs: vec![0],
                    bearings: vec![Mm::from(0.0)],
                    kerning: Vec::new(),
                })
            };
            let widths = Rc::new(Widths {
                size,
                faces: [tables(), tables(), tables(), tables()],
            });
            sizes.push(widths.clone());
            widths
        })
    }

    /// The width of `text` in `face`, in millimetres, as genpdf's `Style::str_width` gives it:
    /// the advances summed, the kernings summed (none before the first character), then the two.
    /// `fonts` is any cache of the PDF font: every document's holds the same.
    pub fn width(&self, fonts: &FontCache, text: &str, face: Face) -> f32 {
        self.hyphenated(fonts, text, false, face)
    }

    /// The width of `text` with a hyphen after it if `hyphen`, as [`Widths::width`] gives it for
    /// the two joined: the line breaker measures the heads of words without building them.
    pub fn hyphenated(&self, fonts: &FontCache, text: &str, hyphen: bool, face: Face) -> f32 {
        let mut tables = self.faces[face.index()].borrow_mut();
        // genpdf sums its `Mm`s with a fold from the empty sum (derive_more's `Sum`)
        let zero: f32 = std::iter::empty::<f32>().sum();
        let (mut advances, mut kernings) = (zero, zero);
        let mut previous = None;
        for c in text.chars().chain(hyphen.then_some('-')) {
            let Some(id) = tables.id(fonts, self.size, face, c) else {
                let style = style(self.size, face);
                return match hyphen {
                    true => style.str_width(fonts, &format!("{text}-")),
                    false => style.str_width(fonts, text),
                }
                .into();
            };
            advances += tables.advances[id];
            // the first term is genpdf's zero kerning before the first character
            kernings += match previous {
                Some(before) => tables.kerning(fonts, self.size, face, before, id)[0],
                None => 0.0,
            };
            previous = Some(id);
        }
        advances + kernings
    }

    /// The advance of `c` in `face`, in millimetres, as genpdf's `Style::char_width` gives it.
    pub fn advance(&self, fonts: &FontCache, c: char, face: Face) -> f32 {
        let mut tables = self.faces[face.index()].borrow_mut();
        match tables.id(fonts, self.size, face, c) {
            Some(id) => tables.advances[id],
            None => style(self.size, face).char_width(fonts, c).into(),
        }
    }

    /// The kerning between `before` and `after` in `face`, in millimetres, as genpdf turns it into
    /// millimetres when measuring a string.
    pub fn kerning(&self, fonts: &FontCache, before: char, after: char, face: Face) -> f32 {
        let mut tables = self.faces[face.index()].borrow_mut();
        let ids = tables
            .id(fonts, self.size, face, before)
            .zip(tables.id(fonts, self.size, face, after));
        match ids {
            Some((b, a)) => tables.kerning(fonts, self.size, face, b, a)[0],
            None => measure_kerning(fonts, self.size, face, before, after)[0],
        }
    }

    /// What genpdf works out again each time it prints `text` in `face`, from the tables: the
    /// first character's left side bearing (zero for no text), and into `glyphs` each glyph
    /// with the kerning before it as genpdf writes it (`(-kerning * 1000) as i64`).
    pub fn glyphs(
        &self,
        fonts: &FontCache,
        text: &str,
        face: Face,
        glyphs: &mut Vec<(i64, u16)>,
    ) -> Mm {
        glyphs.clear();
        let mut tables = self.faces[face.index()].borrow_mut();
        let mut bearing = Mm::from(0.0);
        let mut previous = None;
        for c in text.chars() {
            let Some(id) = tables.id(fonts, self.size, face, c) else {
                return measure_glyphs(fonts, self.size, face, text, glyphs);
            };
            let kerning = match previous {
                Some(before) => tables.kerning(fonts, self.size, face, before, id)[1],
                None => {
                    bearing = tables.bearings[id];
                    0.0
                }
            };
            glyphs.push(((-kerning * 1000.0) as i64, tables.glyphs[id]));
            previous = Some(id);
        }
        bearing
    }
}

impl Tables {
    /// The slot of `c`, measuring its advance the first time; `None` for a character without
    /// one (past [`MEMO`], or the slots full).
    #[inline]
    fn id(&mut self, fonts: &FontCache, size: u8, face: Face, c: char) -> Option<usize> {
        let code = c as usize;
        let id = usize::from(*self.ids.get(code)?);
        if id != 0 {
            return Some(id);
        }
        self.add(fonts, size, face, c)
    }

    /// The slot of `c` measured, new (the rare path of [`Tables::id`], kept out of the loops that
    /// measure every character).
    #[inline(never)]
    fn add(&mut self, fonts: &FontCache, size: u8, face: Face, c: char) -> Option<usize> {
        let code = c as usize;
        let id = self.advances.len();
        if id >= SLOTS {
            return None;
        }
        let style = style(size, face);
        let glyph = style.font(fonts).glyph_ids(fonts, [c]).first().copied()?;
        self.ids[code] = id as u8;
        self.chars.push(c);
        self.advances.push(style.char_width(fonts, c).into());
        self.glyphs.push(glyph);
        self.bearings.push(style.char_left_side_bearing(fonts, c));
        Some(id)
    }

    /// The kerning of the pair of slots `before`, `after`, measured the first time.
    #[inline]
    fn kerning(
        &mut self,
        fonts: &FontCache,
        size: u8,
        face: Face,
        before: usize,
        after: usize,
    ) -> [f32; 2] {
        match self.kerning.get(SLOTS * before + after) {
            Some(known) if !known[0].is_nan() => *known,
            _ => self.measure_pair(fonts, size, face, before, after),
        }
    }

    /// The kerning of a pair of slots not measured yet (the rare path of [`Tables::kerning`]).
    #[inline(never)]
    fn measure_pair(
        &mut self,
        fonts: &FontCache,
        size: u8,
        face: Face,
        before: usize,
        after: usize,
    ) -> [f32; 2] {
        if self.kerning.is_empty() {
            self.kerning = vec![[f32::NAN; 2]; SLOTS * SLOTS];
        }
        let cell = SLOTS * before + after;
        let (b, a) = (self.chars[before], self.chars[after]);
        self.kerning[cell] = measure_kerning(fonts, size, face, b, a);
        self.kerning[cell]
    }
}

/// The kerning between `before` and `after` measured by genpdf: in millimetres as its
/// `Font::str_width` has them, and in font units as it prints them.
fn measure_kerning(fonts: &FontCache, size: u8, face: Face, before: char, after: char) -> [f32; 2] {
    let font = style(size, face).font(fonts);
    let k = font.kerning(fonts, [before, after])[1];
    [Mm::from(printpdf::Pt(k * f32::from(size))).into(), k]
}

/// [`Widths::glyphs`] for a text with a character outside the tables, measured by genpdf.
fn measure_glyphs(
    fonts: &FontCache,
    size: u8,
    face: Face,
    text: &str,
    glyphs: &mut Vec<(i64, u16)>,
) -> Mm {
    let style = style(size, face);
    let font = style.font(fonts);
    let kernings = font.kerning(fonts, text.chars());
    let ids = font.glyph_ids(fonts, text.chars());
    glyphs.clear();
    glyphs.extend(kernings.iter().map(|k| (-k * 1000.0) as i64).zip(ids));
    text.chars()
        .next()
        .map_or(Mm::from(0.0), |c| style.char_left_side_bearing(fonts, c))
}

#[cfg(test)]
mod tests {
    use genpdf::fonts::FontCache;

    use super::*;

    /// Every width and advance, and the glyphs and kernings printed, are genpdf's to the bit, in
    /// each face at each size: characters in the tables, past them, and past the slots a face
    /// has.
    #[test]
    fn measures_as_genpdf_does() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let many: String = ('!'..='~')
            .chain('\u{a1}'..='\u{17f}')
            .chain('\u{410}'..='\u{44f}')
            .collect();
        let texts = [
            "",
            " ",
            "Должностная инструкция",
            "AVAWAY «ТоТу» — №\u{a0}5, «Ёлка»",
            "\u{fb01}le office",
            many.as_str(),
        ];
        for size in [12, 13, 14] {
            let widths = Widths::at(size);
            for (bold, italic) in [(false, false), (false, true), (true, false), (true, true)] {
                let face = Face { bold, italic };
                let style = style(size, face);
                for text in texts {
                    let genpdf: f32 = style.str_width(&fonts, text).into();
                    let width = widths.width(&fonts, text, face);
                    assert_eq!(
                        width.to_bits(),
                        genpdf.to_bits(),
                        "{size} {face:?} {text:?}"
                    );
                    let joined: f32 = style.str_width(&fonts, &format!("{text}-")).into();
                    let hyphenated = widths.hyphenated(&fonts, text, true, face);
                    assert_eq!(
                        hyphenated.to_bits(),
                        joined.to_bits(),
                        "{text:?} with a hyphen"
                    );
                    let font = style.font(&fonts);
                    let printed: Vec<(i64, u16)> = font
                        .kerning(&fonts, text.chars())
                        .iter()
                        .map(|k| (-k * 1000.0) as i64)
                        .zip(font.glyph_ids(&fonts, text.chars()))
                        .collect();
                    let bearing = text
                        .chars()
                        .next()
                        .map_or(Mm::from(0.0), |c| style.char_left_side_bearing(&fonts, c));
                    let mut glyphs = Vec::new();
                    let ours = widths.glyphs(&fonts, text, face, &mut glyphs);
                    assert_eq!(glyphs, printed, "{size} {face:?} {text:?}");
                    assert_eq!(f32::from(ours).to_bits(), f32::from(bearing).to_bits());
                    for c in text.chars() {
                        let genpdf: f32 = style.char_width(&fonts, c).into();
                        assert_eq!(widths.advance(&fonts, c, face).to_bits(), genpdf.to_bits());
                    }
                }
            }
        }
    }
}
