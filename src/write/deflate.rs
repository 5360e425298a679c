//! Deflate for the writers, with one compressor per thread and format, reset between inputs:
//! a fresh compressor allocates and zeroes its window and tables (about 0.45 M instructions, more
//! than deflating a page's content stream), a reset only clears them. What documents repeat (a
//! DOCX's styles and settings, a batch's pages and font subsets) is deflated once.

use std::cell::RefCell;
use std::rc::Rc;

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::write::memo::Memo;

/// How many bytes of inputs and their deflated data [`deflate_shared`] keeps per thread (a
/// role's documents have about fifty streams and parts, some 300 KB).
const KEPT: usize = 12 << 20;

/// How `input` is wrapped: zlib (PDF's `FlateDecode`) or raw deflate (ZIP's method 8).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// A zlib header and checksum around the deflate data.
    Zlib,
    /// Deflate data alone.
    Raw,
}

/// `input` deflated whole at `level` (0–9), wrapped as `wrap` says.
pub fn deflate(input: &[u8], level: u32, wrap: Wrap) -> Result<Vec<u8>, String> {
    thread_local! {
        static COMPRESSORS: RefCell<Vec<(u32, Wrap, Compress)>> = const { RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let at = match compressors
            .iter()
            .position(|(l, w, _)| (*l, *w) == (level, wrap))
        {
            Some(at) => at,
            None => {
                let zlib = wrap == Wrap::Zlib;
                compressors.push((level, wrap, Compress::new(Compression::new(level), zlib)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[at].2;
        let out = run(compress, input);
        // ready for the next input, also after an error
        compress.reset();
        out
    })
}

/// `input` deflated as [`deflate`] deflates it, once per process and thread for the same bytes,
/// level and wrap.
pub fn deflate_shared(input: &[u8], level: u32, wrap: Wrap) -> Result<Rc<Vec<u8>>, String> {
    thread_local! {
        static DEFLATED: RefCell<Memo<Rc<Vec<u8>>>> = RefCell::new(Memo::new(KEPT));
    }
    let mut key = Vec::with_capacity(input.len() + 2);
    key.extend_from_slice(&[level as u8, u8::from(wrap == Wrap::Zlib)]);
    key.extend_from_slice(input);
    if let Some(data) = DEFLATED.with_borrow(|known| known.get(&key)) {
        return Ok(data);
    }
    let data = Rc::new(deflate(input, level, wrap)?);
    DEFLATED.with_borrow_mut(|known| known.insert(&key, data.clone(), data.capacity()));
    Ok(data)
}

/// Deflates `input` whole with `compress`, fresh or reset.
fn run(compress: &mut Compress, input: &[u8]) -> Result<Vec<u8>, String> {
    let mut data = Vec::with_capacity(input.len() / 3 + 64);
    loop {
        let read = usize::try_from(compress.total_in()).unwrap_or(usize::MAX);
        let status = compress
            .compress_vec(
                &input[read.min(input.len())..],
                &mut data,
                FlushCompress::Finish,
            )
            .map_err(|e| format!("cannot deflate: {e}"))?;
        match status {
            Status::StreamEnd => return Ok(data),
            // out of room: grow and go on
            Status::Ok | Status::BufError => data.reserve(data.capacity().max(64)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// A reused compressor gives what a fresh one gives, in both wraps.
    #[test]
    fn reused_compressors_write_what_fresh_ones_write() {
        let text: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 97).to_le_bytes())
            .collect();
        // the PDF's level and the DOCX's: a reset compressor writes what a fresh one writes
        for level in [4, 6] {
            let fresh = run(&mut Compress::new(Compression::new(level), true), &text).unwrap();
            deflate(b"something else", level, Wrap::Zlib).unwrap();
            assert_eq!(deflate(&text, level, Wrap::Zlib).unwrap(), fresh, "{level}");
        }
        let first = deflate(&text, 6, Wrap::Zlib).unwrap();
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(first.as_slice())
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
        assert_eq!(*deflate_shared(&text, 6, Wrap::Zlib).unwrap(), first);
        let raw = deflate(&text, 6, Wrap::Raw).unwrap();
        assert_eq!(*deflate_shared(&text, 6, Wrap::Raw).unwrap(), raw);
        let mut back = Vec::new();
        flate2::read::DeflateDecoder::new(raw.as_slice())
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}
