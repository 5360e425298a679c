//! A small ZIP writer for the DOCX package: every entry deflated, dated 1980-01-01 (no clock), in
//! the order given, no extra fields — so the same parts always give the same bytes.
//!
//! Why not the `zip` crate's writer: it starts a fresh deflate state for every entry, and zeroing
//! those buffers for a DOCX's 18 parts was a third of the DOCX writer's instructions (callgrind on
//! a batch build). Here each part is deflated whole by libdeflate ([`crate::write::deflate`]),
//! and a part every document shares (styles, settings, fonts, numbering…) is deflated once per
//! process and thread. Reading DOCX back in the tests still uses `zip`.

use std::rc::Rc;

use crate::write::deflate::{Wrap, deflate, deflate_shared};

/// 1980-01-01 in MS-DOS date format, the earliest a ZIP entry can carry.
const DOS_DATE_1980: u16 = (1 << 5) | 1;
/// ZIP 2.0: deflate.
const VERSION: u16 = 20;
/// "Made by" Unix (3), so readers honour the permissions below.
const MADE_BY_UNIX: u16 = (3 << 8) | VERSION;
/// A regular file, rw-r--r--.
const UNIX_MODE: u32 = 0o100644 << 16;
/// Deflate level 4 (libdeflate's), by measurement on the seed role's two DOCX (callgrind,
/// release: instructions of the packing; the two files' bytes): level 1 7.5 M, 26.4 KB; 2–4
/// 9.3 M, 25.2 KB; 6 9.8 M, 24.5 KB; 9 12.7 M, 24.1 KB (zlib-rs at level 6 took 15.6 M for
/// 24.4 KB). Level 1 makes the job description 10 % larger.
const LEVEL: u8 = 4;

/// Writes `parts` (name, bytes, whether every document has the same) as a ZIP archive.
pub fn write(parts: &[(&str, &[u8], bool)]) -> Result<Vec<u8>, String> {
    let too_big = || "a DOCX part exceeds 4 GiB, past what a ZIP without ZIP64 holds".to_string();
    let mut out = Vec::with_capacity(parts.iter().map(|(_, b, _)| b.len() / 4 + 128).sum());
    let mut central = Vec::new();
    for &(name, bytes, shared) in parts {
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        // raw deflate (no zlib header), as ZIP stores it
        let data = if shared {
            deflate_shared(bytes, LEVEL, Wrap::Raw)
        } else {
            deflate(bytes, LEVEL, Wrap::Raw).map(Rc::new)
        }
        .map_err(|e| format!("cannot pack a DOCX part: {e}"))?;
        let crc = crc32fast::hash(bytes);
        let size = u32::try_from(bytes.len()).map_err(|_| too_big())?;
        let packed = u32::try_from(data.len()).map_err(|_| too_big())?;
        let name_len =
            u16::try_from(name.len()).map_err(|_| format!("part name too long: {name}"))?;

        put32(&mut out, 0x0403_4b50);
        for v in [VERSION, 0, 8, 0, DOS_DATE_1980] {
            put16(&mut out, v);
        }
        for v in [crc, packed, size] {
            put32(&mut out, v);
        }
        put16(&mut out, name_len);
        put16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&data);

        put32(&mut central, 0x0201_4b50);
        for v in [MADE_BY_UNIX, VERSION, 0, 8, 0, DOS_DATE_1980] {
            put16(&mut central, v);
        }
        for v in [crc, packed, size] {
            put32(&mut central, v);
        }
        // name length, extra, comment, disk number, internal attributes
        for v in [name_len, 0, 0, 0, 0] {
            put16(&mut central, v);
        }
        put32(&mut central, UNIX_MODE);
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32::try_from(out.len()).map_err(|_| too_big())?;
    let central_len = u32::try_from(central.len()).map_err(|_| too_big())?;
    let count = u16::try_from(parts.len()).map_err(|_| "too many DOCX parts".to_string())?;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    for v in [0, 0, count, count] {
        put16(&mut out, v);
    }
    put32(&mut out, central_len);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    Ok(out)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn zip_readers_get_the_parts_back() {
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let parts: [(&str, &[u8], bool); 3] = [
            ("a.xml", b"<a/>", true),
            ("dir/empty", b"", false),
            ("big", &big, false),
        ];
        let bytes = write(&parts).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(zip.len(), 3);
        for (i, (name, content, _)) in parts.iter().enumerate() {
            let mut entry = zip.by_index(i).unwrap();
            assert_eq!(entry.name(), *name);
            assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
            assert_eq!(entry.unix_mode(), Some(0o100644));
            let mut read = Vec::new();
            entry.read_to_end(&mut read).unwrap();
            assert_eq!(&read, content);
        }
        assert_eq!(write(&parts).unwrap(), bytes);
    }
}
