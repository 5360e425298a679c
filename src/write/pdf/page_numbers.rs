//! The page decorator genpdf calls for every new page: it sets the margins and prints the page
//! number in the top margin from the second page on, where the DOCX has its header.

use genpdf::error::Error;
use genpdf::render::Area;
use genpdf::style::Style;
use genpdf::{Context, Margins, PageDecorator, Position};

use super::text::{Face, print, style};
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
}

impl PageDecorator for PageNumbers {
    fn decorate_page<'a>(
        &mut self,
        context: &Context,
        mut area: Area<'a>,
        _style: Style,
    ) -> Result<Area<'a>, Error> {
        self.page += 1;
        let margins = self.spec.margins;
        let (top, right, bottom, left) = (
            margins.top.to_mm(),
            margins.right.to_mm(),
            margins.bottom.to_mm(),
            margins.left.to_mm(),
        );
        if self.page > 1 {
            let number = self.page.to_string();
            let style = style(self.size, Face::default());
            let width: f32 = style.str_width(&context.font_cache, &number).into();
            let x = left + (self.spec.text_width().to_mm() - width) / 2.0;
            print(
                &context.font_cache,
                &area,
                Position::new(x, self.spec.header.to_mm()),
                style,
                &number,
            )?;
        }
        area.add_margins(Margins::trbl(top, right, bottom, left));
        Ok(area)
    }
}
