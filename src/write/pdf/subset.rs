//! TrueType subsets of the PDF font's faces, made here rather than by printpdf. printpdf's
//! subsetter (allsorts) parses every glyph of a face for each document it embeds the face in,
//! then finds the glyph numbers by scanning every page's operations and rewrites them: with the
//! copies of each face it makes, a seventh of a role's instructions. Here a subset copies the
//! outlines of the glyphs [`super::embed`] found printed, with the tables a PDF reader uses.
//!
//! What a subset holds: the outlines (`glyf`, `loca`, in long offsets), their metrics (`hmtx`,
//! every glyph with its own advance), `head`, `hhea` and `maxp` with the new glyph count, the
//! hinting programs (`cvt `, `fpgm`, `prep`), `name` (the font's copyright and licence) and the
//! version 3 `post` header. No `cmap`: a CIDFontType2 font maps codes to glyphs through its
//! CIDToGIDMap, not the font's cmap (ISO 32000-1, 9.9), as typst's subsetter also leaves it out.

use std::collections::HashMap;

use ttf_parser::{RawFace, Tag};

/// The tables a subset copies unchanged, when the face has them.
const COPIED: [&[u8; 4]; 4] = [b"cvt ", b"fpgm", b"name", b"prep"];

/// `font` (a TrueType font) with only `glyphs`, glyph `i` of the subset being `glyphs[i]` of the
/// font; the components of composite glyphs follow, numbered in the order they are met.
/// `glyphs[0]` should be 0, the glyph a reader draws for a missing one.
pub fn subset(font: &[u8], glyphs: &[u16]) -> Result<Vec<u8>, String> {
    let raw = RawFace::parse(font, 0).map_err(|e| bad(&e.to_string()))?;
    let table = |tag: &[u8; 4]| {
        raw.table(Tag::from_bytes(tag))
            .ok_or_else(|| bad(&format!("no `{}` table", String::from_utf8_lossy(tag))))
    };
    let head = table(b"head")?;
    let hhea = table(b"hhea")?;
    let hmtx = table(b"hmtx")?;
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long = be16(head, 50)? == 1;
    let count = be16(maxp, 4)?;
    let metrics = be16(hhea, 34)?;
    if metrics == 0 {
        return Err(bad("a face without metrics"));
    }
    let outline = |glyph: u16| -> Result<&[u8], String> {
        if glyph >= count {
            return Err(bad("a glyph past the face's last"));
        }
        let at = usize::from(glyph);
        let (start, end) = if long {
            (be32(loca, at * 4)?, be32(loca, at * 4 + 4)?)
        } else {
            (
                be16(loca, at * 2)? as usize * 2,
                be16(loca, at * 2 + 2)? as usize * 2,
            )
        };
        glyf.get(start..end)
            .ok_or_else(|| bad("an outline past the glyph table"))
    };
    // the glyphs asked for, then the components they draw that are not among them
    let mut order = glyphs.to_vec();
    let mut number: HashMap<u16, u16> = HashMap::with_capacity(order.len() * 2);
    for (i, &glyph) in order.iter().enumerate() {
        number.entry(glyph).or_insert(i as u16);
    }
    let mut i = 0;
    while i < order.len() {
        for (_, component) in components(outline(order[i])?)? {
            if let std::collections::hash_map::Entry::Vacant(slot) = number.entry(component) {
                let next = u16::try_from(order.len()).map_err(|_| bad("too many glyphs"))?;
                slot.insert(next);
                order.push(component);
            }
        }
        i += 1;
    }
    let total = u16::try_from(order.len()).map_err(|_| bad("too many glyphs"))?;

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(order.len() * 4 + 4);
    let mut new_hmtx = Vec::with_capacity(order.len() * 4);
    for &glyph in &order {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let data = outline(glyph)?;
        let start = new_glyf.len();
        new_glyf.extend_from_slice(data);
        for (at, component) in components(data)? {
            let renumbered = number[&component].to_be_bytes();
            new_glyf[start + at..start + at + 2].copy_from_slice(&renumbered);
        }
        new_glyf.resize(new_glyf.len().next_multiple_of(4), 0);
        // an advance and a left side bearing: glyphs past the last advance share it
        let g = usize::from(glyph);
        let last = usize::from(metrics) - 1;
        let advance = hmtx.get(g.min(last) * 4..g.min(last) * 4 + 2);
        let bearing = if g <= last {
            hmtx.get(g * 4 + 2..g * 4 + 4)
        } else {
            hmtx.get(last * 4 + 4 + (g - last - 1) * 2..last * 4 + 4 + (g - last) * 2)
        };
        match (advance, bearing) {
            (Some(advance), Some(bearing)) => {
                new_hmtx.extend_from_slice(advance);
                new_hmtx.extend_from_slice(bearing);
            }
            _ => return Err(bad("metrics past the metrics table")),
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut new_head = head.to_vec();
    new_head
        .get_mut(8..12)
        .ok_or_else(|| bad("a short head"))?
        .fill(0);
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&total.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&total.to_be_bytes());

    let mut out: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"glyf", new_glyf),
        (b"head", new_head),
        (b"hhea", new_hhea),
        (b"hmtx", new_hmtx),
        (b"loca", new_loca),
        (b"maxp", new_maxp),
    ];
    if let Ok(post) = table(b"post")
        && post.len() >= 32
    {
        let mut header = post[..32].to_vec();
        header[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        out.push((b"post", header));
    }
    for tag in COPIED {
        if let Ok(data) = table(tag) {
            out.push((tag, data.to_vec()));
        }
    }
    Ok(assemble(out))
}

/// The components a glyph's outline draws, each with where its glyph number is in the outline;
/// none for a simple glyph.
fn components(outline: &[u8]) -> Result<Vec<(usize, u16)>, String> {
    let mut found = Vec::new();
    if outline.len() < 10 || i16::from_be_bytes([outline[0], outline[1]]) >= 0 {
        return Ok(found);
    }
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut at = 10;
    loop {
        let flags = be16(outline, at)?;
        found.push((at + 2, be16(outline, at + 2)?));
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return Ok(found);
        }
    }
}

/// A font file of `tables`: the directory, then each table on a four-byte boundary, and the
/// `head` table's checksum adjustment, so that the whole file sums to the magic number.
fn assemble(mut tables: Vec<(&[u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(tag, _)| **tag);
    let n = tables.len() as u16;
    let power = 1u16 << (15 - n.leading_zeros().min(15));
    let mut out =
        Vec::with_capacity(12 + tables.iter().map(|(_, t)| 16 + t.len() + 3).sum::<usize>());
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, table) in &tables {
        out.extend_from_slice(*tag);
        out.extend_from_slice(&checksum(table).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(table.len() as u32).to_be_bytes());
        offset += table.len().next_multiple_of(4);
    }
    let mut head = None;
    for (tag, table) in &tables {
        if *tag == b"head" {
            head = Some(out.len());
        }
        out.extend_from_slice(table);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The sum of `data` as big-endian 32-bit words, the last padded with zeros.
fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let mut last = [0; 4];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    words
        .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
        .fold(u32::from_be_bytes(last), u32::wrapping_add)
}

fn be16(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| bad("a short table"))
}

fn be32(data: &[u8], at: usize) -> Result<usize, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| bad("a short table"))
}

fn bad(what: &str) -> String {
    format!("cannot subset the PDF font: {what}")
}

#[cfg(test)]
mod tests {
    use ttf_parser::{Face, GlyphId, OutlineBuilder};

    use super::subset;
    use crate::fonts;

    /// The outline of a glyph as drawing commands.
    #[derive(Default, PartialEq, Debug)]
    struct Path(Vec<String>);

    impl OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }

    fn path(face: &Face, glyph: u16) -> Path {
        let mut path = Path::default();
        face.outline_glyph(GlyphId(glyph), &mut path);
        path
    }

    /// Every face's subset draws each glyph as the face does, with its advance and bearing, in
    /// the order asked for (composite glyphs such as «й» and «ё» included, their components
    /// after them), and sums to the magic checksum.
    #[test]
    fn draws_each_glyph_as_the_face_does() {
        for bytes in fonts::FACES {
            let face = Face::parse(bytes, 0).unwrap();
            let text = "Должностная инструкция: й, ё, Й, Ё, №\u{a0}5 «ﬁ» — AVAWAY";
            let mut glyphs = vec![0];
            for c in text.chars() {
                let g = face.glyph_index(c).unwrap().0;
                if !glyphs.contains(&g) {
                    glyphs.push(g);
                }
            }
            let font = subset(bytes, &glyphs).unwrap();
            let sub = Face::parse(&font, 0).unwrap();
            assert!(
                usize::from(sub.number_of_glyphs()) > glyphs.len(),
                "components follow"
            );
            for (new, &old) in glyphs.iter().enumerate() {
                let new = new as u16;
                assert_eq!(path(&sub, new), path(&face, old), "glyph {old}");
                assert_eq!(
                    sub.glyph_hor_advance(GlyphId(new)),
                    face.glyph_hor_advance(GlyphId(old))
                );
                assert_eq!(
                    sub.glyph_hor_side_bearing(GlyphId(new)),
                    face.glyph_hor_side_bearing(GlyphId(old))
                );
            }
            assert!(!path(&face, face.glyph_index('й').unwrap().0).0.is_empty());
            let sum = font.chunks(4).fold(0u32, |s, w| {
                let mut b = [0; 4];
                b[..w.len()].copy_from_slice(w);
                s.wrapping_add(u32::from_be_bytes(b))
            });
            assert_eq!(sum, 0xB1B0_AFBA);
            assert!(font.len() < bytes.len() / 8, "{} bytes", font.len());
        }
    }

    /// A glyph past the face's last, or a font that is not one, is an error, not a panic.
    #[test]
    fn refuses_what_it_cannot_subset() {
        assert!(subset(fonts::REGULAR, &[0, u16::MAX]).is_err());
        assert!(subset(b"not a font", &[0]).is_err());
        assert!(subset(&fonts::REGULAR[..600], &[0]).is_err());
    }
}
