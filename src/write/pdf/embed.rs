//! The fonts a PDF embeds: each face of Liberation Serif its pages print, with only the glyphs
//! they print. The pages name a face by a stand-in, one of PDF's standard fonts, which printpdf
//! writes as a small dictionary and nothing more; [`super::finish`] puts the face in its place,
//! a Type0 font over a CIDFontType2 with the subset ([`super::subset`]), its widths and a
//! ToUnicode map. printpdf's own embedding copied each face into every document twice, parsed
//! all its glyphs to subset it, and renumbered the glyphs on every page: 14 M instructions of
//! a role's 94.5 M. Here the pages print each glyph by its number in the order they first print
//! it, so a page is written with its final numbers; the subset holds the glyphs in the face's
//! order and a CIDToGIDMap leads from one number to the other. A subset depends only on which
//! glyphs a face prints, and is made once per thread for the same glyphs (documents of a batch
//! print the same glyphs in different orders); the map, widths and ToUnicode map are a few
//! hundred bytes.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

use genpdf::error::{Error, ErrorKind};
use genpdf::render::Renderer;
use printpdf::{BuiltinFont, IndirectFontRef};
use xxhash_rust::xxh3::xxh3_64;

use super::subset::subset;
use super::text::Face;
use crate::fonts;
use crate::write::deflate::{Wrap, deflate};
use crate::write::memo::Memo;

/// The standard font standing in for each face of [`fonts::FACES`] until the PDF is finished,
/// and its name as printpdf writes it.
pub const STAND_INS: [(BuiltinFont, &str); 4] = [
    (BuiltinFont::TimesRoman, "Times-Roman"),
    (BuiltinFont::TimesBold, "Times-Bold"),
    (BuiltinFont::TimesItalic, "Times-Italic"),
    (BuiltinFont::TimesBoldItalic, "Times-BoldItalic"),
];

/// The bytes each of the two memos below keeps per thread: deflated subsets, and faces' objects
/// with the subsets they hold (a role's two PDFs embed about 50 KB of subsets).
const KEPT: usize = 2 << 20;

/// The deflate level of the font files and maps, as of the pages ([`super::finish::LEVEL`]).
const LEVEL: u8 = super::finish::LEVEL;

/// What the pages of one document print in each face.
#[derive(Default)]
pub struct Embedding {
    faces: RefCell<[Printed; 4]>,
}

/// What the pages print in one face.
#[derive(Default)]
struct Printed {
    /// The stand-in the pages name the face by, once they print in it.
    font: Option<IndirectFontRef>,
    /// Each glyph's number in the order first printed (its CID), by its number in the face; 0 for
    /// one not printed yet.
    numbers: Vec<u16>,
    /// The glyphs printed, in the order of their numbers from 1, each with the lowest character
    /// printed with it (a space and a no-break space share a glyph).
    glyphs: Vec<(u16, char)>,
}

/// A face's objects in the finished PDF, without their object numbers.
pub struct FaceFont {
    /// The subset.
    pub file: Rc<Subset>,
    /// The ToUnicode map, deflated.
    pub map: Vec<u8>,
    /// The CIDToGIDMap, deflated: each printed number's glyph in the subset.
    pub glyphs: Vec<u8>,
    /// The widths array: each printed number's width in thousandths of an em.
    pub widths: String,
    /// A hash of the glyphs and characters, for the subset's tag.
    pub hash: u64,
}

/// A face's subset.
pub struct Subset {
    /// The font file, deflated.
    pub deflated: Vec<u8>,
    /// Its length before.
    pub length: usize,
}

impl Embedding {
    /// The stand-in of `face`, added to `renderer`'s document when the face is first printed.
    pub fn font(&self, renderer: &Renderer, face: Face) -> Result<IndirectFontRef, Error> {
        let mut faces = self.faces.borrow_mut();
        let printed = &mut faces[face.index()];
        if let Some(font) = &printed.font {
            return Ok(font.clone());
        }
        let font = renderer.add_builtin_font(STAND_INS[face.index()].0)?;
        printed.font = Some(font.clone());
        Ok(font)
    }

    /// Numbers `glyphs` (the face's glyphs of `text`, a glyph a character) in the order the
    /// document first prints them in `face`: a glyph printed before keeps its number, a new one
    /// takes the next. The face's CIDToGIDMap leads from these numbers to the subset's glyphs.
    pub fn number(&self, face: Face, text: &str, glyphs: &mut [(i64, u16)]) -> Result<(), Error> {
        let mut faces = self.faces.borrow_mut();
        let printed = &mut faces[face.index()];
        let mut chars = text.chars();
        for (_, glyph) in glyphs {
            let c = chars.next().unwrap_or(char::REPLACEMENT_CHARACTER);
            let old = usize::from(*glyph);
            if printed.numbers.len() <= old {
                printed.numbers.resize(old + 1, 0);
            }
            let number = printed.numbers[old];
            if number != 0 {
                let kept = &mut printed.glyphs[usize::from(number) - 1].1;
                *kept = (*kept).min(c);
                *glyph = number;
                continue;
            }
            let number = u16::try_from(printed.glyphs.len() + 1)
                .map_err(|_| Error::new("too many glyphs in one face", ErrorKind::InvalidFont))?;
            printed.numbers[old] = number;
            printed.glyphs.push((*glyph, c));
            *glyph = number;
        }
        Ok(())
    }

    /// The objects of each face the pages print, by its index in [`fonts::FACES`].
    pub fn fonts(&self) -> Result<[Option<Rc<FaceFont>>; 4], String> {
        let faces = self.faces.borrow();
        let mut out: [Option<Rc<FaceFont>>; 4] = Default::default();
        for (index, printed) in faces.iter().enumerate() {
            if printed.font.is_some() {
                out[index] = Some(face_font(index, &printed.glyphs)?);
            }
        }
        Ok(out)
    }
}

/// The objects of face `index` printing `glyphs`, made once per thread for the same glyphs in
/// the same order.
fn face_font(index: usize, glyphs: &[(u16, char)]) -> Result<Rc<FaceFont>, String> {
    thread_local! {
        static MADE: RefCell<Memo<Rc<FaceFont>>> = RefCell::new(Memo::new(KEPT));
    }
    let mut key = Vec::with_capacity(1 + glyphs.len() * 6);
    key.push(index as u8);
    for &(glyph, c) in glyphs {
        key.extend_from_slice(&glyph.to_be_bytes());
        key.extend_from_slice(&(c as u32).to_be_bytes());
    }
    if let Some(made) = MADE.with_borrow(|memo| memo.get(&key)) {
        return Ok(made);
    }
    // `faces` leaves out a face that does not parse, which would shift the others
    let faces = fonts::faces();
    let face = faces
        .get(index)
        .filter(|_| faces.len() == fonts::FACES.len())
        .ok_or("the PDF font does not parse")?;
    // the subset's glyphs in the face's order, the missing glyph first
    let mut order: Vec<u16> = glyphs.iter().map(|&(glyph, _)| glyph).collect();
    order.push(0);
    order.sort_unstable();
    order.dedup();
    let file = face_subset(index, &order)?;
    // number 0, never printed, is the missing glyph, as in the subset
    let mut map = vec![0; 2];
    // as printpdf scaled an advance: a float product, truncated
    let scale = 1000.0 / f32::from(face.units_per_em());
    // a face is embedded once a text prints in it, so it has a glyph numbered 1
    let mut widths = String::from("[1[");
    for (i, &(glyph, _)) in glyphs.iter().enumerate() {
        let at = order
            .binary_search(&glyph)
            .map_err(|_| "a printed glyph left out of its subset")? as u16;
        map.extend_from_slice(&at.to_be_bytes());
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        if i > 0 {
            widths.push(' ');
        }
        let _ = write!(widths, "{}", (f32::from(advance) * scale) as i64);
    }
    widths.push_str("]]");
    let made = Rc::new(FaceFont {
        file,
        map: deflate(to_unicode(glyphs).as_bytes(), LEVEL, Wrap::Zlib)?,
        glyphs: deflate(&map, LEVEL, Wrap::Zlib)?,
        widths,
        hash: xxh3_64(&key),
    });
    // the subset counted too: entries kept here keep it when the subsets' memo forgets it
    let size = made.file.deflated.len() + made.map.len() + made.glyphs.len() + made.widths.len();
    MADE.with_borrow_mut(|memo| memo.insert(&key, made.clone(), size));
    Ok(made)
}

/// The subset of face `index` holding `glyphs` (in ascending order), deflated; made once per
/// thread for the same glyphs.
fn face_subset(index: usize, glyphs: &[u16]) -> Result<Rc<Subset>, String> {
    thread_local! {
        static MADE: RefCell<Memo<Rc<Subset>>> = RefCell::new(Memo::new(KEPT));
    }
    let mut key = Vec::with_capacity(1 + glyphs.len() * 2);
    key.push(index as u8);
    key.extend(glyphs.iter().flat_map(|glyph| glyph.to_be_bytes()));
    if let Some(made) = MADE.with_borrow(|memo| memo.get(&key)) {
        return Ok(made);
    }
    let file = subset(fonts::FACES[index], glyphs)?;
    let made = Rc::new(Subset {
        deflated: deflate(&file, LEVEL, Wrap::Zlib)?,
        length: file.len(),
    });
    MADE.with_borrow_mut(|memo| memo.insert(&key, made.clone(), made.deflated.len()));
    Ok(made)
}

/// The ToUnicode CMap of `glyphs`, numbered from 1: each glyph's character, in blocks of at most
/// a hundred, the most a `beginbfchar` may hold.
fn to_unicode(glyphs: &[(u16, char)]) -> String {
    let mut map = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for (block, chunk) in glyphs.chunks(100).enumerate() {
        let _ = writeln!(map, "{} beginbfchar", chunk.len());
        for (i, &(_, c)) in chunk.iter().enumerate() {
            let number = block * 100 + i + 1;
            let _ = write!(map, "<{number:04X}> <");
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(map, "{unit:04X}");
            }
            map.push_str(">\n");
        }
        map.push_str("endbfchar\n");
    }
    map.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph keeps the number it was first printed with, and the lowest character printed with
    /// it; the map lists each number's character.
    #[test]
    fn numbers_glyphs_as_first_printed() {
        let embedding = Embedding::default();
        let face = Face::default();
        let mut first = vec![(0, 40), (0, 3), (0, 41)];
        embedding.number(face, "b\u{a0}c", &mut first).unwrap();
        assert_eq!(first, [(0, 1), (0, 2), (0, 3)]);
        let mut second = vec![(-12, 41), (0, 3), (0, 50)];
        embedding.number(face, "c d", &mut second).unwrap();
        assert_eq!(second, [(-12, 3), (0, 2), (0, 4)]);
        let faces = embedding.faces.borrow();
        assert_eq!(faces[0].glyphs, [(40, 'b'), (3, ' '), (41, 'c'), (50, 'd')]);
        let map = to_unicode(&faces[0].glyphs);
        assert!(map.contains("4 beginbfchar\n<0001> <0062>\n<0002> <0020>\n<0003> <0063>\n"));
        let many: Vec<(u16, char)> = (0..250).map(|i| (i, '\u{1F600}')).collect();
        let map = to_unicode(&many);
        assert_eq!(map.matches("100 beginbfchar").count(), 2);
        assert!(map.contains("50 beginbfchar\n<00C9> <D83DDE00>\n"));
    }

    /// A face's objects: the subset holds the printed glyphs in the face's order, the
    /// CIDToGIDMap leads from each printed number to its place there, and the widths follow the
    /// printed numbers.
    #[test]
    fn maps_printed_numbers_to_the_subsets_glyphs() {
        use std::io::Read;
        let face = &fonts::faces()[0];
        let glyph = |c| face.glyph_index(c).unwrap().0;
        let printed = [('я', glyph('я')), ('a', glyph('a')), (' ', glyph(' '))];
        let glyphs: Vec<(u16, char)> = printed.iter().map(|&(c, g)| (g, c)).collect();
        let font = face_font(0, &glyphs).unwrap();
        let mut sorted: Vec<u16> = vec![0, glyph('я'), glyph('a'), glyph(' ')];
        sorted.sort_unstable();
        let place = |g| sorted.iter().position(|&s| s == g).unwrap() as u16;
        let mut map = Vec::new();
        flate2::read::ZlibDecoder::new(font.glyphs.as_slice())
            .read_to_end(&mut map)
            .unwrap();
        let expected: Vec<u8> = [0, place(glyph('я')), place(glyph('a')), place(glyph(' '))]
            .iter()
            .flat_map(|n| n.to_be_bytes())
            .collect();
        assert_eq!(map, expected);
        let width = |g| {
            (f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap()) * 1000.0
                / f32::from(face.units_per_em())) as i64
        };
        assert_eq!(
            font.widths,
            format!(
                "[1[{} {} {}]]",
                width(glyph('я')),
                width(glyph('a')),
                width(glyph(' '))
            )
        );
        // the same glyphs in another order: another map, the same subset
        let other = face_font(0, &[glyphs[2], glyphs[0], glyphs[1]]).unwrap();
        assert!(Rc::ptr_eq(&font.file, &other.file));
        assert_ne!(font.glyphs, other.glyphs);
    }
}
