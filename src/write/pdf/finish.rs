//! What printpdf writes wrongly, corrected by splicing a few objects into its output. Reloading
//! the file with lopdf to fix them costs 16–27 ms a document (docs/dependencies.md); splicing
//! costs microseconds: the cross-reference stream at the end gives every object's offset, so only
//! the objects that change are read, and the offsets are shifted by what the edits added.
//!
//! The corrections:
//! - document information: title, subject and author as UTF-16 text strings (printpdf writes raw
//!   UTF-8, which readers show garbled), creator and producer, the dates from the inputs (printpdf
//!   takes the clock's);
//! - the catalog gets the document's language (`/Lang`) and asks viewers to show the title;
//! - the document ID is a hash of the content (printpdf's comes from a global counter, so the
//!   same document rendered twice in one process differed);
//! - the faces of the font take the places of their stand-ins ([`super::embed`]): each a Type0
//!   font named `ABCDEF+LiberationSerif` as a subset must be, its widths, a descriptor with the
//!   face's metrics in thousandths of an em, the subset, its ToUnicode map and CIDToGIDMap, the
//!   last four objects added after printpdf's;
//! - every page stream is deflated here ([`crate::write::deflate`]; the faces' streams come
//!   deflated from `embed`): printpdf's own compression (lopdf's, a fresh compressor at level 9
//!   for each stream) is turned off (printpdf's `less-optimization`);
//! - the header says PDF 1.5, the first version with cross-reference streams, which lopdf writes.

use std::ops::Range;
use std::rc::Rc;

use xxhash_rust::xxh3::{xxh3_64_with_seed, xxh3_128};

use super::embed::{FaceFont, STAND_INS};
use crate::fonts;
use crate::write::Meta;
use crate::write::deflate::{Wrap, deflate};

/// The deflate level of the streams (libdeflate's), by measurement on the seed role's two PDFs
/// (callgrind, release: instructions of this pass for both; the two files' bytes): level 1
/// 10.7 M, 82.2 KB; 2–4 14.5 M, 80.1 KB; 6 16.4 M, 79.1 KB; 9 19.5 M, 78.9 KB. Level 1 is
/// 4.2 % larger than the smallest for 0.55 of level 9's time (zlib-rs at level 4 took 23.3 M
/// for 80.7 KB). Measured when this pass also deflated the font files, which `embed` now
/// deflates, at this level, once per thread for the same glyphs.
pub const LEVEL: u8 = 1;

/// PostScript names of the faces of [`fonts::FACES`], in that order.
const FACE_NAMES: [&str; 4] = [
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
];

/// A replacement of `range` of the original bytes.
struct Edit {
    range: Range<usize>,
    with: Vec<u8>,
}

/// The cross-reference stream lopdf ends the file with.
struct Xref {
    /// Its own object number and offset.
    number: u32,
    at: usize,
    root: u32,
    info: u32,
    size: u32,
    /// Subsections: first object number and count.
    index: Vec<(u32, u32)>,
    /// Entries in subsection order: type, offset (type 1) and generation.
    entries: Vec<(u8, usize, u16)>,
}

fn malformed(what: &str) -> String {
    format!("unexpected PDF from printpdf: {what}")
}

/// `pdf` with the corrections above, `fonts` the objects of the faces its pages print, by their
/// index in [`fonts::FACES`].
pub fn finish(
    pdf: Vec<u8>,
    meta: &Meta,
    fonts: &[Option<Rc<FaceFont>>; 4],
) -> Result<Vec<u8>, String> {
    let xref = Xref::read(&pdf)?;
    let mut edits = Vec::new();
    if pdf.starts_with(b"%PDF-1.") && pdf.len() > 8 && pdf[7] < b'5' {
        edits.push(Edit {
            range: 7..8,
            with: b"5".to_vec(),
        });
    }
    let (mut stand_ins, mut streams) = (Vec::new(), Vec::new());
    for (number, at) in xref.objects() {
        if number == xref.number {
            continue;
        }
        let body = object_body(&pdf, at)?;
        let text = &pdf[body.clone()];
        if number == xref.info {
            edits.push(Edit {
                range: body,
                with: info(meta),
            });
        } else if number == xref.root {
            let at = body.start + 2;
            let lang = format!(
                "/Lang{}/ViewerPreferences<</DisplayDocTitle true>>",
                string(&meta.language)
            );
            edits.push(Edit {
                range: at..at,
                with: lang.into_bytes(),
            });
        } else if let Some(name) = text.strip_prefix(b"<</Type/Font/Subtype/Type1/BaseFont/") {
            let face = STAND_INS
                .iter()
                .position(|(_, stand_in)| name.starts_with(format!("{stand_in}/").as_bytes()))
                .ok_or_else(|| malformed("a font that is not a face's stand-in"))?;
            stand_ins.push((body, face));
        } else if text.starts_with(b"<</Length") {
            streams.push(body);
        }
    }
    // a face the pages print whose stand-in was not found would print as Times, garbled
    let mut found = [false; 4];
    for &(_, face) in &stand_ins {
        if std::mem::replace(&mut found[face], true) {
            return Err(malformed("a face's stand-in written twice"));
        }
    }
    if (0..4).any(|face| found[face] != fonts[face].is_some()) {
        return Err(malformed(
            "a face's stand-in that is not where printpdf writes it",
        ));
    }
    // Subset tags differ with the subsets.
    let subsets = fonts
        .iter()
        .flatten()
        .fold(0, |h, font| xxh3_64_with_seed(&font.hash.to_le_bytes(), h));
    // each face's descriptor, font file, ToUnicode map and CIDToGIDMap, numbered after
    // printpdf's objects
    let mut added = Vec::new();
    for (body, face) in stand_ins {
        let font = fonts[face]
            .as_ref()
            .ok_or_else(|| malformed("a face's stand-in that prints nothing"))?;
        let name = name(subsets, face);
        let number = xref.size + added.len() as u32;
        edits.push(Edit {
            range: body,
            with: format!(
                "<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H\
                 /DescendantFonts[<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}\
                 /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
                 /FontDescriptor {number} 0 R/CIDToGIDMap {} 0 R/DW 1000/W{}>>]\
                 /ToUnicode {} 0 R>>",
                number + 3,
                font.widths,
                number + 2
            )
            .into_bytes(),
        });
        added.push(descriptor(
            &name,
            face,
            format!("/FontFile2 {} 0 R", number + 1).as_bytes(),
        ));
        added.push(stream(
            &format!("/Length1 {}", font.file.length),
            &font.file.deflated,
        ));
        added.push(stream("", &font.map));
        added.push(stream("", &font.glyphs));
    }
    for body in streams {
        edits.extend(deflate_stream(&pdf, body)?);
    }
    edits.sort_by_key(|e| e.range.start);

    let mut out = Vec::with_capacity(pdf.len() + 1024);
    let mut copied = 0;
    for edit in &edits {
        out.extend_from_slice(&pdf[copied..edit.range.start]);
        out.extend_from_slice(&edit.with);
        copied = edit.range.end;
    }
    out.extend_from_slice(&pdf[copied..xref.at]);
    let mut offsets = Vec::with_capacity(added.len());
    for (i, object) in added.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", xref.size as usize + i).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let shift = |offset: usize| {
        let grown: isize = edits
            .iter()
            // edits lie inside objects, so an object starts after all of an edit or none
            .filter(|e| e.range.start < offset)
            .map(|e| e.with.len() as isize - e.range.len() as isize)
            .sum();
        offset.wrapping_add_signed(grown)
    };
    // Same content, same ID: a hash of everything before the cross-reference stream.
    let id = format!("{:032X}", xxh3_128(&out));
    xref.write(&mut out, &shift, &offsets, &id);
    Ok(out)
}

/// The name of `face` as a subset: a tag of six capitals from `subsets`, then the face's name.
fn name(subsets: u64, face: usize) -> String {
    let mut h = xxh3_64_with_seed(&[face as u8], subsets);
    let tag: String = (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect();
    format!("{tag}+{}", FACE_NAMES[face])
}

/// A font descriptor for `face` named `name`, with its metrics in thousandths of an em.
/// `file` is its `/FontFile2 … R` entry.
fn descriptor(name: &str, face: usize, file: &[u8]) -> Vec<u8> {
    let m = fonts::faces().get(face);
    let upem = m.map_or(1000.0, |f| f32::from(f.units_per_em()));
    let scale = |v: i16| (f32::from(v) * 1000.0 / upem).round() as i32;
    let (ascent, descent, cap, angle, bbox) = m.map_or((0, 0, 0, 0.0, None), |f| {
        (
            scale(f.ascender()),
            scale(f.descender()),
            scale(f.capital_height().unwrap_or(f.ascender())),
            f.italic_angle(),
            Some(f.global_bounding_box()),
        )
    });
    let bbox = bbox.map_or([0; 4], |b| {
        [
            scale(b.x_min),
            scale(b.y_min),
            scale(b.x_max),
            scale(b.y_max),
        ]
    });
    // Serif, non-symbolic, italic for the italic faces.
    let flags = 2 | 32 | if angle != 0.0 { 64 } else { 0 };
    let mut out = format!(
        "<</Type/FontDescriptor/FontName/{name}/Flags {flags}/FontBBox[{} {} {} {}]\
         /ItalicAngle {angle}/Ascent {ascent}/Descent {descent}/CapHeight {cap}/StemV 80",
        bbox[0], bbox[1], bbox[2], bbox[3]
    )
    .into_bytes();
    out.extend_from_slice(file);
    out.extend_from_slice(b">>");
    out
}

/// A FlateDecode stream of `data`, already deflated, with the other entries `entries` in its dictionary.
fn stream(entries: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "<<{entries}/Filter/FlateDecode/Length {}>>stream\n",
        data.len()
    )
    .into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// An edit deflating the stream whose dictionary is `dict` (printpdf's: its `/Length`, nothing
/// else), unless deflating saves too little to pay for the filter (as
/// lopdf decided it).
fn deflate_stream(pdf: &[u8], dict: Range<usize>) -> Result<Option<Edit>, String> {
    const KEY: &[u8] = b"/Length ";
    let text = &pdf[dict.clone()];
    let mut at = Cursor {
        text,
        at: find(text, KEY).ok_or_else(|| malformed("a stream without a length"))?,
    };
    let key = at.at;
    at.literal(KEY);
    let length = at
        .number()
        .ok_or_else(|| malformed("a bad stream length"))? as usize;
    let end = at.at;
    // a direct length, as lopdf writes it (`/Length 12 0 R` would name another object)
    if !(text[end..].starts_with(b">>") || text[end..].starts_with(b"/")) {
        return Err(malformed("a stream length that is not a number"));
    }
    let mut data = Cursor {
        text: &pdf[dict.end..],
        at: 0,
    };
    data.literal(b"stream")
        .and_then(|()| data.line_end())
        .ok_or_else(|| malformed("a stream without data"))?;
    let start = dict.end + data.at;
    let data = pdf
        .get(start..start + length)
        .ok_or_else(|| malformed("a short stream"))?;
    // Pages differ from role to role: keeping them deflated cost 1 M instructions for a role's
    // two PDFs and saved nothing (the faces' objects are kept, in `embed`).
    let deflated = deflate(data, LEVEL, Wrap::Zlib)?;
    if deflated.len() + 19 >= data.len() {
        return Ok(None);
    }
    let mut with = Vec::with_capacity(text.len() + 32 + deflated.len());
    with.extend_from_slice(&text[..key]);
    with.extend_from_slice(format!("/Filter/FlateDecode/Length {}", deflated.len()).as_bytes());
    with.extend_from_slice(&text[end..]);
    with.extend_from_slice(b"stream\n");
    with.extend_from_slice(&deflated);
    Ok(Some(Edit {
        range: dict.start..start + length,
        with,
    }))
}

/// Reads what lopdf writes, a token at a time, where a regex would be compiled for a few
/// matches in every process.
struct Cursor<'t> {
    text: &'t [u8],
    at: usize,
}

impl<'t> Cursor<'t> {
    /// Past `literal`, if the text goes on with it.
    fn literal(&mut self, literal: &[u8]) -> Option<()> {
        let rest = self.text.get(self.at..)?;
        rest.starts_with(literal).then(|| self.at += literal.len())
    }

    /// Past a number in decimal digits.
    fn number(&mut self) -> Option<u32> {
        let rest = self.text.get(self.at..)?;
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let n = parse(&rest[..digits])?;
        self.at += digits;
        Some(n)
    }

    /// Past white space, if any.
    fn spaces(&mut self) {
        let rest = self.text.get(self.at..).unwrap_or_default();
        self.at += rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    }

    /// Past a line end, `\n` or `\r\n`.
    fn line_end(&mut self) -> Option<()> {
        let _ = self.literal(b"\r");
        self.literal(b"\n")
    }

    /// The text up to `end`, and past it.
    fn until(&mut self, end: u8) -> Option<&'t [u8]> {
        let rest: &'t [u8] = self.text.get(self.at..)?;
        let len = rest.iter().position(|&b| b == end)?;
        self.at += len + 1;
        Some(&rest[..len])
    }
}

/// The range of the object at `at` between `obj` and `endobj`, without the line breaks.
fn object_body(pdf: &[u8], at: usize) -> Result<Range<usize>, String> {
    let rest = pdf
        .get(at..)
        .ok_or_else(|| malformed("an offset past the end"))?;
    let open = find(&rest[..rest.len().min(32)], b"obj\n")
        .ok_or_else(|| malformed("an object without `obj`"))?;
    let start = at + open + 4;
    // Dictionaries hold no binary data; a stream's dictionary ends where its data starts, so the
    // search stops there rather than running through the data to `endobj` (a page's tens of
    // kilobytes).
    (start..pdf.len())
        .find(|&i| pdf[i..].starts_with(b"stream") || pdf[i..].starts_with(b"\nendobj"))
        .map(|end| start..end)
        .ok_or_else(|| malformed("an object without `endobj`"))
}

/// The document information dictionary.
fn info(meta: &Meta) -> Vec<u8> {
    let mut dict = format!(
        "<</Title{}/Subject{}/Author{}/Creator(jobdoc)/Producer(jobdoc with genpdfi and printpdf)",
        string(&meta.title),
        string(&meta.subject),
        string(&meta.author)
    );
    if let Some(d) = meta.created {
        let date = format!("(D:{:04}{:02}{:02}000000Z)", d.year, d.month, d.day);
        dict.push_str(&format!("/CreationDate{date}/ModDate{date}"));
    }
    dict.push_str(">>");
    dict.into_bytes()
}

/// A PDF text string: printable ASCII as a literal, anything else as UTF-16BE with a byte order
/// mark, which every reader decodes.
fn string(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        let escaped: String = s
            .chars()
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                _ => vec![c],
            })
            .collect();
        format!("({escaped})")
    } else {
        let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
        format!("<FEFF{hex}>")
    }
}

impl Xref {
    /// Reads the cross-reference stream that `startxref` points to.
    fn read(pdf: &[u8]) -> Result<Xref, String> {
        // the end: `startxref`, the offset, `%%EOF`
        let tail = &pdf[pdf.len().saturating_sub(64)..];
        let mut end = Cursor {
            text: tail,
            at: tail
                .windows(9)
                .rposition(|w| w == b"startxref")
                .ok_or_else(|| malformed("no startxref"))?
                + 9,
        };
        end.spaces();
        let at = end.number();
        end.spaces();
        let at = at
            .filter(|_| end.literal(b"%%EOF").is_some())
            .filter(|_| {
                end.spaces();
                end.at == tail.len()
            })
            .ok_or_else(|| malformed("no startxref"))? as usize;
        let head = pdf
            .get(at..)
            .ok_or_else(|| malformed("startxref past the end"))?;
        // the stream's dictionary, exactly as lopdf writes it
        let mut dict = Cursor { text: head, at: 0 };
        let mut fields = || {
            let number = dict.number()?;
            dict.literal(b" 0 obj")?;
            dict.spaces();
            dict.literal(b"<</Root ")?;
            let root = dict.number()?;
            dict.literal(b" 0 R/Info ")?;
            let info = dict.number()?;
            dict.literal(b" 0 R/ID[")?;
            dict.until(b']')?;
            dict.literal(b"/Type/XRef/Size ")?;
            let size = dict.number()?;
            dict.literal(b"/W[1 4 2]/Index[")?;
            let index = dict.until(b']')?;
            dict.literal(b"/Length ")?;
            let length = dict.number()?;
            dict.literal(b">>stream")?;
            dict.line_end()?;
            Some((number, root, info, size, index, length))
        };
        let (number, root, info, size, index, length) =
            fields().ok_or_else(|| malformed("not the cross-reference stream lopdf writes"))?;
        let data_start = at + dict.at;
        let data = pdf
            .get(data_start..data_start + length as usize)
            .ok_or_else(|| malformed("a short cross-reference stream"))?;
        let index: Vec<u32> = index
            .split(|b| *b == b' ')
            .map(|n| parse(n).ok_or_else(|| malformed("a bad index")))
            .collect::<Result<_, _>>()?;
        let entries = data
            .chunks_exact(7)
            .map(|e| {
                let offset = u32::from_be_bytes([e[1], e[2], e[3], e[4]]) as usize;
                (e[0], offset, u16::from_be_bytes([e[5], e[6]]))
            })
            .collect();
        Ok(Xref {
            number,
            at,
            root,
            info,
            size,
            index: index.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
            entries,
        })
    }

    /// Object numbers and offsets of the objects in use.
    fn objects(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        self.index
            .iter()
            .flat_map(|&(first, count)| first..first + count)
            .zip(&self.entries)
            .filter(|(_, e)| e.0 == 1)
            .map(|(n, e)| (n, e.1))
    }

    /// Appends the stream again, its offsets shifted, with the objects added after the others
    /// (numbered from its size, at `added`), `id`, and the file's end.
    fn write(&self, out: &mut Vec<u8>, shift: &dyn Fn(usize) -> usize, added: &[usize], id: &str) {
        let at = out.len();
        let numbers = self
            .index
            .iter()
            .flat_map(|&(first, count)| first..first + count);
        let mut data = Vec::with_capacity((self.entries.len() + added.len()) * 7);
        let mut entry = |kind: u8, offset: usize, generation: u16| {
            data.push(kind);
            data.extend_from_slice(&(offset as u32).to_be_bytes());
            data.extend_from_slice(&generation.to_be_bytes());
        };
        for (n, &(kind, offset, generation)) in numbers.zip(&self.entries) {
            let offset = match kind {
                1 if n == self.number => at,
                1 => shift(offset),
                _ => offset,
            };
            entry(kind, offset, generation);
        }
        for &offset in added {
            entry(1, offset, 0);
        }
        let mut index: Vec<String> = self.index.iter().map(|(f, c)| format!("{f} {c}")).collect();
        if !added.is_empty() {
            index.push(format!("{} {}", self.size, added.len()));
        }
        out.extend_from_slice(
            format!(
                "{} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]/Index[{}]/Root {} 0 R/Info {} 0 R\
                 /ID[<{id}><{id}>]/Length {}>>stream\n",
                self.number,
                self.size as usize + added.len(),
                index.join(" "),
                self.root,
                self.info,
                data.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    }
}

fn parse<T: std::str::FromStr>(digits: &[u8]) -> Option<T> {
    std::str::from_utf8(digits).ok()?.parse().ok()
}
