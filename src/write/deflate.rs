//! Deflate for the writers, through libdeflate (the `libdeflater` crate): it compresses a whole
//! buffer at once, with no stream state to allocate or zero for each input, where zlib-rs reset
//! and zeroed its state for every stream (about a third of its time on a role's fifty small
//! streams). One compressor per thread and level. What documents repeat (a DOCX's styles and
//! settings) is deflated once per thread; a PDF's faces are kept whole in `write::pdf::embed`.

use std::cell::RefCell;
use std::rc::Rc;

use libdeflater::{CompressionLvl, Compressor};

use crate::write::memo::Memo;

/// How many bytes of inputs and their deflated data [`deflate_shared`] keeps per thread (a
/// document's shared DOCX parts are some 25 KB).
const KEPT: usize = 12 << 20;

/// How `input` is wrapped: zlib (PDF's `FlateDecode`) or raw deflate (ZIP's method 8).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// A zlib header and checksum around the deflate data.
    Zlib,
    /// Deflate data alone.
    Raw,
}

/// `input` deflated whole at `level` (libdeflate's 0–12), wrapped as `wrap` says. The result
/// holds no more memory than its bytes (it may be kept, by [`deflate_shared`] or the PDF
/// writer's memo of faces).
pub fn deflate(input: &[u8], level: u8, wrap: Wrap) -> Result<Vec<u8>, String> {
    thread_local! {
        static COMPRESSORS: RefCell<Vec<(u8, Compressor)>> = const { RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let at = match compressors.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                let lvl = CompressionLvl::new(i32::from(level))
                    .ok()
                    .ok_or_else(|| format!("cannot deflate at level {level}"))?;
                compressors.push((level, Compressor::new(lvl)));
                compressors.len() - 1
            }
        };
        let compressor = &mut compressors[at].1;
        // the bound is what the worst input needs, so compressing into it cannot run short
        let bound = match wrap {
            Wrap::Zlib => compressor.zlib_compress_bound(input.len()),
            Wrap::Raw => compressor.deflate_compress_bound(input.len()),
        };
        let mut data = vec![0; bound];
        let len = match wrap {
            Wrap::Zlib => compressor.zlib_compress(input, &mut data),
            Wrap::Raw => compressor.deflate_compress(input, &mut data),
        }
        .map_err(|e| format!("cannot deflate: {e}"))?;
        // the bound is the input's size and more: a copy of the bytes alone, not the bound's
        // buffer, is what a memo keeps
        Ok(data[..len].to_vec())
    })
}

/// `input` deflated as [`deflate`] deflates it, once per process and thread for the same bytes,
/// level and wrap.
pub fn deflate_shared(input: &[u8], level: u8, wrap: Wrap) -> Result<Rc<Vec<u8>>, String> {
    thread_local! {
        static DEFLATED: RefCell<Memo<Rc<Vec<u8>>>> = RefCell::new(Memo::new(KEPT));
    }
    let mut key = Vec::with_capacity(input.len() + 2);
    key.extend_from_slice(&[level, u8::from(wrap == Wrap::Zlib)]);
    key.extend_from_slice(input);
    if let Some(data) = DEFLATED.with_borrow(|known| known.get(&key)) {
        return Ok(data);
    }
    let data = Rc::new(deflate(input, level, wrap)?);
    DEFLATED.with_borrow_mut(|known| known.insert(&key, data.clone(), data.capacity()));
    Ok(data)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Both wraps inflate back to the input at the levels the writers use, the same bytes every
    /// time, shared or not; empty input too.
    #[test]
    fn deflated_data_inflates_back() {
        let text: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 97).to_le_bytes())
            .collect();
        for level in [1, 4] {
            for input in [text.as_slice(), b""] {
                let first = deflate(input, level, Wrap::Zlib).unwrap();
                deflate(b"something else", level, Wrap::Zlib).unwrap();
                assert_eq!(deflate(input, level, Wrap::Zlib).unwrap(), first);
                assert_eq!(first.capacity(), first.len());
                let mut back = Vec::new();
                flate2::read::ZlibDecoder::new(first.as_slice())
                    .read_to_end(&mut back)
                    .unwrap();
                assert_eq!(back, input);
                assert_eq!(*deflate_shared(input, level, Wrap::Zlib).unwrap(), first);
                let raw = deflate(input, level, Wrap::Raw).unwrap();
                assert_eq!(*deflate_shared(input, level, Wrap::Raw).unwrap(), raw);
                let mut back = Vec::new();
                flate2::read::DeflateDecoder::new(raw.as_slice())
                    .read_to_end(&mut back)
                    .unwrap();
                assert_eq!(back, input);
            }
        }
        assert!(deflate(b"x", 13, Wrap::Raw).is_err());
    }
}
