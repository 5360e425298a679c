//! What every new page starts with: the margins, and the page number in the top margin from the
//! second page on, where the DOCX has its header.

use genpdf::error::Error;
use genpdf::{Mm, Position, Size};

use super::text::{Canvas, Face, Region, style};
use crate::write::page::Page;

/// Page margins and the page number, centred over the text column in the top margin from the
/// second page on (ГОСТ Р 7.0.97-2025), as in the DOCX.
pub struct PageNumbers {
    page: usize,
    size: u8,
    /// The paper, its margins and the number's place.
    spec: &'static Page,
}

impl PageNumbers {
    /// Numbers in `size` points on pages of `spec`.
    pub fn new(size: u8, spec: &'static Page) -> Self {
        PageNumbers {
            page: 0,
            size,
            spec,
        }
    }

    /// Numbers the next page, drawn on `canvas`, whose paper is `paper`: the region inside its
    /// margins, as genpdf's `Area::add_margins` makes it.
    pub fn decorate(&mut self, canvas: &Canvas<'_>, paper: Size) -> Result<Region, Error> {
        self.page += 1;
        let margins = self.spec.margins;
        // the right margin is the text column's width, which the typesetter has already
        let (top, bottom, left) = (
            Mm::from(margins.top.to_mm()),
            Mm::from(margins.bottom.to_mm()),
            Mm::from(margins.left.to_mm()),
        );
        let page = Region {
            origin: Position::default(),
            height: paper.height,
        };
        if self.page > 1 {
            let number = self.page.to_string();
            let style = style(self.size, Face::default());
            let width: f32 = style.str_width(canvas.fonts, &number).into();
            let x = f32::from(left) + (self.spec.text_width().to_mm() - width) / 2.0;
            canvas.print(
                page,
                Position::new(x, self.spec.header.to_mm()),
                Face::default(),
                &number,
            )?;
        }
        Ok(Region {
            origin: Position::new(page.origin.x + left, page.origin.y + top),
            height: paper.height - (top + bottom),
        })
    }
}
