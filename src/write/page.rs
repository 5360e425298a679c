//! The page every writer lays out, described once: the paper and its margins (A4 with the margins
//! of ГОСТ Р 7.0.97-2025, or US Letter), the indents, the spacing and keep rules of each kind of
//! block, the table's geometry. A document's page is a value, [`Meta::page`](crate::write::Meta);
//! the DOCX styles and the PDF typesetter read it there (as a future HTML writer's CSS would), each
//! converting to its own unit, so the formats cannot drift apart.

use crate::document::{Line, plain};

/// A length in English Metric Units (EMU: 36 000 a millimetre, 12 700 a point, 635 a twip), the
/// one integer unit in which millimetres and points are both whole: every length below is exact,
/// and each writer's conversion gives the very numbers it used before they were written here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Length(u32);

const EMU_PER_MM: u32 = 36_000;
const EMU_PER_UM: u32 = 36;
const EMU_PER_PT: u32 = 12_700;
const EMU_PER_TWIP: u32 = 635;

impl Length {
    /// `mm` millimetres.
    pub const fn mm(mm: u32) -> Length {
        Length(mm * EMU_PER_MM)
    }

    /// `um` micrometres: a length with a fraction of a millimetre (12.5 mm).
    pub const fn um(um: u32) -> Length {
        Length(um * EMU_PER_UM)
    }

    /// `pt` points.
    pub const fn pt(pt: u32) -> Length {
        Length(pt * EMU_PER_PT)
    }

    /// Half of it.
    pub const fn half(self) -> Length {
        Length(self.0 / 2)
    }

    /// Nothing: no space.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `emu` English Metric Units: a length measured (a text's width from the font's metrics).
    pub const fn emu(emu: u32) -> Length {
        Length(emu)
    }

    /// In English Metric Units, exact.
    pub const fn to_emu(self) -> u32 {
        self.0
    }

    /// In twips (twentieths of a point), DOCX's unit for the page, rounded to the nearest.
    pub fn to_twips(self) -> u32 {
        round_div(self.0, EMU_PER_TWIP)
    }

    /// In eighths of a point, DOCX's unit for border widths, rounded to the nearest.
    pub fn to_eighth_points(self) -> u32 {
        round_div(self.0 * 8, EMU_PER_PT)
    }

    /// In millimetres, genpdf's unit. A length set in micrometres comes out as its decimal
    /// literal would (both operands are exact in `f32` up to 466 mm, so the quotient is
    /// correctly rounded).
    pub fn to_mm(self) -> f32 {
        self.0 as f32 / EMU_PER_MM as f32
    }

    /// In points; exact for a length set in points.
    pub fn to_pt(self) -> f32 {
        self.0 as f32 / EMU_PER_PT as f32
    }

    /// In micrometres, the unit the PDF computes table columns in, rounded to the nearest.
    pub fn to_um(self) -> usize {
        round_div(self.0, EMU_PER_UM) as usize
    }
}

/// `n / d` rounded to the nearest.
const fn round_div(n: u32, d: u32) -> u32 {
    (n + d / 2) / d
}

/// Line spacing in 240ths of a single line, OOXML's `w:line` (rule `auto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpacing(u32);

impl LineSpacing {
    /// In 240ths of a line, as `w:spacing w:line` takes it.
    pub fn to_240ths(self) -> u32 {
        self.0
    }

    /// As a multiple of the single line height.
    pub fn to_factor(self) -> f32 {
        self.0 as f32 / 240.0
    }
}

impl std::ops::Add for Length {
    type Output = Length;

    fn add(self, other: Length) -> Length {
        // a text measured wider than anything saturates; a sum of such must not wrap around
        Length(self.0.saturating_add(other.0))
    }
}

impl std::ops::Sub for Length {
    type Output = Length;

    /// The difference, or nothing when `other` is longer.
    fn sub(self, other: Length) -> Length {
        Length(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for Length {
    fn sum<I: Iterator<Item = Length>>(lengths: I) -> Length {
        lengths.fold(Length(0), |a, b| a + b)
    }
}

/// Where a page may break inside a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Between any two lines, except after a first line or before a last one (no orphan, no
    /// widow): body text.
    Free,
    /// A short block (requisites, the гриф, a caption): the PDF keeps it whole; its DOCX style
    /// sets nothing, leaving it to Word's widow control, which keeps up to three lines whole too.
    Short,
    /// Nowhere (DOCX `w:keepLines`).
    Whole,
}

/// Where a page may break around a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// No page break between the block and the next one (DOCX `w:keepNext`).
    pub with_next: bool,
    /// Where a page may break inside the block.
    pub lines: Lines,
}

/// Spacing and keep rules of one kind of block (in the DOCX, of its paragraph style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockStyle {
    /// Space above it.
    pub before: Length,
    /// Space below it.
    pub after: Length,
    /// Where a page may break.
    pub keep: Keep,
}

/// The kinds of block, as [`crate::document::Block`] has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocks {
    /// Body text: provisions, paragraphs, list items.
    pub body: BlockStyle,
    /// Requisites at the top left.
    pub requisites: BlockStyle,
    /// Requisites under the title (date, number, place).
    pub requisites_centered: BlockStyle,
    /// The гриф.
    pub stamp: BlockStyle,
    /// The document's title.
    pub title: BlockStyle,
    /// Section headings (`##`).
    pub heading: BlockStyle,
    /// Sub-headings (`###`).
    pub subheading: BlockStyle,
    /// The paragraph introducing a table.
    pub caption: BlockStyle,
    /// Lines with blanks to sign.
    pub signature: BlockStyle,
}

/// Page margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margins {
    /// Top.
    pub top: Length,
    /// Right.
    pub right: Length,
    /// Bottom.
    pub bottom: Length,
    /// Left.
    pub left: Length,
}

/// How tables are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The first column of a table whose header starts with the locale's «№».
    pub number_column: Length,
    /// Cell padding left and right.
    pub padding_x: Length,
    /// Cell padding top and bottom.
    pub padding_y: Length,
    /// The least height of a body row: room for a handwritten signature.
    pub row_height: Length,
    /// Border width.
    pub rule: Length,
    /// The header row is kept with the first body row, never alone at a page's foot.
    pub header_with_next: bool,
    /// The least width of a column other than the number column: room for a handwritten name,
    /// date or signature in an empty cell.
    pub handwriting: Length,
}

/// How body text is hyphenated (in the DOCX, the document's settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hyphenation {
    /// At most this many lines in a row end with a hyphen, 0 for no limit (DOCX
    /// `w:consecutiveHyphenLimit`).
    pub consecutive: usize,
    /// A word is not hyphenated but moved to the next line when the line without it would
    /// leave at most this much room (DOCX `w:hyphenationZone`).
    pub zone: Length,
}

/// How the PDF spaces the words of a justified line (Word has no such setting: the DOCX leaves it
/// to Word's own justification).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Justification {
    /// The least a space between words may shrink to, in percent of its natural width, when a
    /// line takes a word more rather than leaving it to the next line or breaking it (TeX and
    /// InDesign shrink spaces too).
    pub min_space: u32,
}

impl Justification {
    /// The part of its natural width a space may lose.
    pub fn shrink(&self) -> f32 {
        1.0 - self.min_space as f32 / 100.0
    }
}

/// Signature lines, «Должность ________________ И.О. Фамилия», set in three columns (see
/// [`crate::write::signature`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// Room between the columns.
    pub gap: Length,
}

/// Parallel text: an original and its translation side by side, in two columns of equal width
/// sharing the text width (see [`crate::document::Block::Columns`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parallel {
    /// Room between the two columns.
    pub gap: Length,
}

/// A page of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Paper width.
    pub width: Length,
    /// Paper height.
    pub height: Length,
    /// Margins.
    pub margins: Margins,
    /// The page number's distance from the top edge, inside the top margin.
    pub header: Length,
    /// First-line indent of body text (the DOCX's default tab stop too).
    pub indent: Length,
    /// A dash list: the dash where a paragraph's first line starts, the text one step further;
    /// each nesting level one step deeper.
    pub list_step: Length,
    /// Line spacing of body text (other blocks are single-spaced).
    pub body_line: LineSpacing,
    /// Spacing and keep rules of each kind of block.
    pub blocks: Blocks,
    /// Tables.
    pub table: Table,
    /// The keep rule of a lead-in: body text ending with «:» («… несет ответственность за:»),
    /// never left at a page's foot without the beginning of what it introduces.
    pub lead_in: Keep,
    /// Hyphenation of body text.
    pub hyphenation: Hyphenation,
    /// Spacing of justified lines.
    pub justification: Justification,
    /// Signature lines.
    pub signature: Signature,
    /// Parallel text in two columns.
    pub parallel: Parallel,
}

impl Page {
    /// The width of the text column, between the margins.
    pub const fn text_width(&self) -> Length {
        Length(self.width.0 - self.margins.left.0 - self.margins.right.0)
    }

    /// Where the гриф starts: the middle of the text column.
    pub const fn stamp_indent(&self) -> Length {
        self.text_width().half()
    }

    /// The width of each column of parallel text: half the text width without the gap.
    pub const fn parallel_width(&self) -> Length {
        Length((self.text_width().0 - self.parallel.gap.0) / 2)
    }

    /// Where the right column of parallel text starts, from the text column's left edge: half
    /// the gap past the middle.
    pub const fn parallel_right(&self) -> Length {
        Length(self.text_width().0 - self.parallel_width().0)
    }
}

/// Breaks anywhere but a widow or an orphan, nothing around it.
const FREE: Keep = Keep {
    with_next: false,
    lines: Lines::Free,
};
/// Kept whole (in the PDF), nothing around it.
const SHORT: Keep = Keep {
    with_next: false,
    lines: Lines::Short,
};
/// Kept whole and with the next block: headings.
const HEADING: Keep = Keep {
    with_next: true,
    lines: Lines::Whole,
};

/// The page of every document: A4 after ГОСТ Р 7.0.97-2025.
pub const PAGE: Page = Page {
    width: Length::mm(210),
    height: Length::mm(297),
    // 6.3: 30 mm left (documents kept over 10 years), 10 mm right, 20 mm top and bottom.
    margins: Margins {
        top: Length::mm(20),
        right: Length::mm(10),
        bottom: Length::mm(20),
        left: Length::mm(30),
    },
    header: Length::mm(10),
    indent: Length::um(12_500),
    list_step: Length::um(6_300),
    // 1.15 lines
    body_line: LineSpacing(276),
    blocks: Blocks {
        body: BlockStyle {
            before: Length::pt(0),
            after: Length::pt(0),
            keep: FREE,
        },
        requisites: BlockStyle {
            before: Length::pt(0),
            after: Length::pt(0),
            keep: SHORT,
        },
        requisites_centered: BlockStyle {
            before: Length::pt(0),
            after: Length::pt(18),
            keep: SHORT,
        },
        stamp: BlockStyle {
            before: Length::pt(12),
            after: Length::pt(12),
            keep: SHORT,
        },
        title: BlockStyle {
            before: Length::pt(24),
            after: Length::pt(12),
            keep: HEADING,
        },
        heading: BlockStyle {
            before: Length::pt(12),
            after: Length::pt(6),
            keep: HEADING,
        },
        subheading: BlockStyle {
            before: Length::pt(6),
            after: Length::pt(3),
            keep: HEADING,
        },
        caption: BlockStyle {
            before: Length::pt(0),
            after: Length::pt(12),
            keep: Keep {
                with_next: true,
                lines: Lines::Short,
            },
        },
        signature: BlockStyle {
            before: Length::pt(24),
            after: Length::pt(0),
            keep: Keep {
                with_next: false,
                lines: Lines::Whole,
            },
        },
    },
    table: Table {
        number_column: Length::mm(15),
        padding_x: Length::um(1_500),
        padding_y: Length::mm(1),
        row_height: Length::mm(10),
        rule: Length::pt(1).half(),
        header_with_next: true,
        handwriting: Length::mm(30),
    },
    lead_in: Keep {
        with_next: true,
        lines: Lines::Free,
    },
    hyphenation: Hyphenation {
        consecutive: 2,
        zone: Length::um(6_350),
    },
    // InDesign's default is 80 %, TeX's Times about 76 %; on the example roles 75 % takes a word
    // more on a few lines that would otherwise stretch, and still reads as a space.
    justification: Justification { min_space: 75 },
    signature: Signature { gap: Length::mm(3) },
    // about two em of the body text: two texts side by side, not one line across the page
    parallel: Parallel { gap: Length::mm(8) },
};

/// The page of an organization on US Letter paper: 8.5 × 11 in with the US norm of one inch
/// margins all round. Everything else is A4's: the indents, spacing, keep rules and tables are
/// those of the document's design, not of the paper, so a document reads alike on either.
pub const LETTER: Page = Page {
    width: Length::um(215_900),
    height: Length::um(279_400),
    margins: Margins {
        top: Length::um(25_400),
        right: Length::um(25_400),
        bottom: Length::um(25_400),
        left: Length::um(25_400),
    },
    ..PAGE
};

/// True when `lines` end with «:»: a lead-in, introducing the block after it.
pub fn leads_in(lines: &[Line]) -> bool {
    lines
        .last()
        .is_some_and(|line| plain(line).trim_end().ends_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_each_writers_unit() {
        assert_eq!(PAGE.width.to_twips(), 11_906);
        assert_eq!(PAGE.margins.left.to_twips(), 1701);
        assert_eq!(PAGE.text_width().to_twips(), 9638);
        assert_eq!(PAGE.stamp_indent().to_twips(), 4819);
        assert_eq!(PAGE.list_step.to_twips(), 357);
        assert_eq!(PAGE.blocks.title.before.to_twips(), 480);
        assert_eq!(PAGE.table.rule.to_eighth_points(), 4);
        assert_eq!(PAGE.text_width().to_mm(), 170.0);
        assert_eq!(PAGE.list_step.to_mm(), 6.3);
        assert_eq!(PAGE.text_width().to_um(), 170_000);
        assert_eq!(PAGE.blocks.title.before.to_pt(), 24.0);
        assert_eq!(PAGE.body_line.to_factor(), 1.15);
        // US Letter: 8.5 × 11 in, 612 × 792 pt, one inch margins
        assert_eq!(LETTER.width.to_twips(), 12_240);
        assert_eq!(LETTER.height.to_twips(), 15_840);
        assert_eq!(LETTER.margins.left.to_twips(), 1440);
        assert_eq!(LETTER.width.to_pt(), 612.0);
        assert_eq!(LETTER.height.to_pt(), 792.0);
        assert_eq!(LETTER.text_width().to_mm(), 165.1);
        assert_eq!(PAGE.parallel_width().to_mm(), 81.0);
        assert_eq!(PAGE.parallel_right().to_mm(), 89.0);
    }
}
