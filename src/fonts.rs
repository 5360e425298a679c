//! The fonts shipped with jobdoc (Liberation Serif: Times New Roman metrics, SIL OFL 1.1, see
//! `fonts/LICENSE`), embedded in the binary so a build needs nothing installed.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// Liberation Serif Regular.
pub const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
/// Liberation Serif Bold.
pub const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
/// Liberation Serif Italic.
pub const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
/// Liberation Serif Bold Italic.
pub const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// The four faces: regular, bold, italic, bold italic.
pub const FACES: [&[u8]; 4] = [REGULAR, BOLD, ITALIC, BOLD_ITALIC];

/// [`FACES`] parsed once per process, in that order (a face that fails to parse is left out,
/// which the tests rule out).
pub fn faces() -> &'static [ttf_parser::Face<'static>] {
    static FACES_PARSED: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    FACES_PARSED.get_or_init(|| {
        FACES
            .iter()
            .filter_map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
            .collect()
    })
}

/// Characters below this are answered from a memo: Latin, Cyrillic and the general punctuation
/// block hold nearly every character of a Russian document, and a cmap lookup in four faces for
/// each of them was half the time of validating a role.
pub const MEMO: usize = 0x2200;

/// What is said of a character the PDF font cannot draw, wherever it is found.
pub fn no_glyph(c: char) -> String {
    format!(
        "the PDF font (Liberation Serif) has no glyph for `{c}` (U+{:04X})",
        c as u32
    )
}

/// What is known of the characters below [`MEMO`]: 0 not looked up yet, 1 drawable, 2 not.
static KNOWN: [AtomicU8; MEMO] = [const { AtomicU8::new(0) }; MEMO];

/// True when every face of the PDF font has a glyph for `c` (tabs and line breaks are folded into
/// spaces before they reach a page, so they count as drawable). Inlined: validation asks for
/// every character of a role, and all but the first of each are answered from the memo.
#[inline]
pub fn can_draw(c: char) -> bool {
    match KNOWN
        .get(c as usize)
        .map(|slot| slot.load(Ordering::Relaxed))
    {
        Some(1) => true,
        Some(2) => false,
        _ => look_up(c),
    }
}

/// [`can_draw`] for a character the memo does not answer, kept in the memo when it fits there.
#[cold]
fn look_up(c: char) -> bool {
    let drawable = matches!(c, '\t' | '\n' | '\r')
        || (!faces().is_empty() && faces().iter().all(|f| f.glyph_index(c).is_some()));
    if let Some(slot) = KNOWN.get(c as usize) {
        slot.store(if drawable { 1 } else { 2 }, Ordering::Relaxed);
    }
    drawable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_russian_typography_but_not_the_rouble_sign() {
        for c in "АаЯяЁё«»„“№–—\u{a0}".chars() {
            assert!(can_draw(c), "{c}");
        }
        assert!(!can_draw('₽'));
        assert!(!can_draw('😀'));
    }
}
