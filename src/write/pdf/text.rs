//! Text as the typesetter places it and genpdf prints it: a face of the family, a position in a
//! box, and printing at the text's origin, which genpdf does not do by itself.

use genpdf::error::{Error, ErrorKind};
use genpdf::fonts::FontCache;
use genpdf::render::Area;
use genpdf::style::Style;
use genpdf::{Mm, Position};

/// Which face of the family draws a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Face {
    pub(super) bold: bool,
    pub(super) italic: bool,
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

/// Prints `text` with its origin (not its ink) at `position`: genpdf starts a text at the first
/// glyph's ink, which would shift every line by its first letter's side bearing.
pub(super) fn print(
    fonts: &FontCache,
    area: &Area<'_>,
    position: Position,
    style: Style,
    text: &str,
) -> Result<(), Error> {
    let bearing = text
        .chars()
        .next()
        .map_or(Mm::from(0.0), |c| style.char_left_side_bearing(fonts, c));
    let at = Position::new(position.x + bearing, position.y);
    if area.print_str(fonts, at, style, text)? {
        Ok(())
    } else {
        Err(Error::new(
            format!("no room on the page for «{text}»"),
            ErrorKind::PageSizeExceeded,
        ))
    }
}
