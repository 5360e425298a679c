//! Table column widths, computed once for every writer so the DOCX and the PDF lay a table out
//! alike, from the metrics of the font the PDF embeds (Liberation Serif, Times New Roman's
//! metrics, which Word and LibreOffice set the DOCX in): each column is at least as wide as its
//! longest word, so no word is cut across lines. Each writer converts the widths to its own unit
//! with [`in_units`].

use crate::document::{Line, plain};
use crate::fonts;
use crate::write::page::{Length, Page};

/// Room a column adds to its longest word besides the cell padding: the border rule and the
/// rounding of each writer's unit.
pub const SLACK: Length = Length::pt(1);

/// The width of `text` set at `size` points in the face of a run (`bold` and `italic`), as the
/// font's advance widths add up, without kerning (Word sets none; the kerned pairs of Liberation
/// Serif only ever narrow a text).
pub fn text_width(text: &str, size: u32, bold: bool, italic: bool) -> Length {
    let faces = fonts::faces();
    let Some(face) = faces
        .get(usize::from(bold) + 2 * usize::from(italic))
        .or(faces.first())
    else {
        return Length::emu(0);
    };
    let units: u64 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0, u64::from)
        })
        .sum();
    // EMU: units / units per em × size (points) × 12 700 EMU a point, rounded up
    let per_em = u64::from(face.units_per_em()).max(1);
    let emu = (units * u64::from(size) * Length::pt(1).to_emu() as u64).div_ceil(per_em);
    Length::emu(u32::try_from(emu).unwrap_or(u32::MAX))
}

/// The width of `line` on one line, each run in its face (all bold if `bold`).
pub fn line_width(line: &Line, size: u32, bold: bool) -> Length {
    line.iter()
        .map(|r| text_width(&r.text, size, bold || r.bold, r.italic))
        .sum()
}

/// The widest word of `line`: what lies between spaces (a name joined by non-breaking spaces,
/// «Иванова М.П.», is one word; a double surname, which breaks after its hyphen, two).
fn widest_word(line: &Line, size: u32, bold: bool) -> Length {
    let mut widest = Length::emu(0);
    let mut word = Length::emu(0);
    for run in line {
        let face = (bold || run.bold, run.italic);
        let mut start = 0;
        for (i, c) in run.text.char_indices() {
            let space = matches!(c, ' ' | '\t' | '\n');
            if space || c == '-' {
                let end = if space { i } else { i + c.len_utf8() };
                word = word + text_width(&run.text[start..end], size, face.0, face.1);
                widest = widest.max(word);
                word = Length::emu(0);
                start = i + c.len_utf8();
            }
        }
        word = word + text_width(&run.text[start..], size, face.0, face.1);
    }
    widest.max(word)
}

/// Column widths filling the text width of `page`, one per column of the widest row (at least
/// one), for a table set at `size` points with a bold header row. A first column of
/// [`crate::write::page::Table::number_column`] when the header starts with `marker` (the
/// locale's «№»). Every other column is as wide as its longest word (header and cells), so no
/// word is cut; then, as far as the page allows, as wide as
/// [`crate::write::page::Table::handwriting`] (room to fill a blank row in by hand); the room left
/// is shared in proportion to the columns' natural widths (their longest cell on one line), so
/// that each gets at least its natural width when all fit, and long texts get more without
/// starving the columns left to be written in. The last column takes the rounding.
pub fn widths(
    header: &[Line],
    rows: &[Vec<Line>],
    size: u32,
    marker: &str,
    page: &Page,
) -> Vec<Length> {
    let table = page.table;
    let total = page.text_width();
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let numbered = header
        .first()
        .is_some_and(|h| !marker.is_empty() && plain(h).trim_start().starts_with(marker));
    let skip = usize::from(numbered && columns > 1);
    let padding = table.padding_x + table.padding_x + SLACK;
    // Of each column but the number column: the width of its longest word (a word is never
    // cut), that or room to write by hand, and its longest cell on one line.
    let (word, (least, natural)): (Vec<Length>, (Vec<Length>, Vec<Length>)) = (skip..columns)
        .map(|i| {
            let cells = || {
                std::iter::once(header.get(i).map(|h| (h, true)))
                    .chain(rows.iter().map(|r| r.get(i).map(|c| (c, false))))
                    .flatten()
            };
            let word = cells()
                .map(|(line, bold)| widest_word(line, size, bold))
                .max()
                .unwrap_or(Length::emu(0))
                + padding;
            let line = cells()
                .map(|(line, bold)| line_width(line, size, bold))
                .max()
                .unwrap_or(Length::emu(0))
                + padding;
            let least = word.max(table.handwriting);
            (word, (least, line.max(least)))
        })
        .unzip();
    let number = if skip == 1 {
        // wide enough for its header's words too
        let word = widest_word(&header[0], size, true).max(
            rows.iter()
                .filter_map(|r| r.first())
                .map(|c| widest_word(c, size, false))
                .max()
                .unwrap_or(Length::emu(0)),
        );
        table.number_column.max(word + padding)
    } else {
        Length::emu(0)
    };
    let share = u64::from((total - number).to_emu());
    let emu = |lengths: &[Length]| -> Vec<u64> {
        lengths.iter().map(|l| u64::from(l.to_emu())).collect()
    };
    let (word, least, natural) = (emu(&word), emu(&least), emu(&natural));
    let sum = |v: &[u64]| v.iter().sum::<u64>().max(1);
    // each level's widths plus the room left shared in proportion to `by`
    let spread = |base: &[u64], by: &[u64]| -> Vec<u64> {
        let room = share.saturating_sub(base.iter().sum());
        base.iter()
            .zip(by)
            .map(|(b, w)| b + room * w / sum(by))
            .collect()
    };
    let shares: Vec<u64> = if sum(&natural) <= share {
        // every cell on one line
        spread(&natural, &natural)
    } else if sum(&least) <= share {
        spread(&least, &natural)
    } else if sum(&word) <= share {
        // long words first, room to write by hand as far as it goes
        let want: Vec<u64> = least.iter().zip(&word).map(|(l, w)| l - w).collect();
        spread(&word, &want)
    } else {
        // too many columns for the page: the words' widths shrunk alike
        word.iter().map(|w| share * w / sum(&word)).collect()
    };
    let mut widths: Vec<Length> = Vec::with_capacity(columns);
    if skip == 1 {
        widths.push(number);
    }
    widths.extend(
        shares
            .iter()
            .map(|&s| Length::emu(u32::try_from(s).unwrap_or(u32::MAX))),
    );
    let used: Length = widths.iter().copied().sum();
    if let Some(last) = widths.last_mut() {
        *last = *last + (total - used);
    }
    widths
}

/// `widths` in a writer's unit (`unit` converting a length, rounding): each edge between two
/// columns rounded, so the widths add up to exactly the rounded total.
pub fn in_units(widths: &[Length], unit: impl Fn(Length) -> u32) -> Vec<usize> {
    let mut edge = Length::emu(0);
    let mut at = 0;
    widths
        .iter()
        .map(|&w| {
            edge = edge + w;
            let next = unit(edge) as usize;
            let width = next - at;
            at = next;
            width
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Run;
    use crate::write::page::PAGE;

    fn line(text: &str) -> Line {
        vec![Run {
            text: text.into(),
            bold: false,
            italic: false,
        }]
    }

    fn header(cells: &[&str]) -> Vec<Line> {
        cells.iter().map(|c| line(c)).collect()
    }

    #[test]
    fn measures_with_the_fonts_advance_widths() {
        // Liberation Serif, like Times New Roman: an underscore is half an em, a space a quarter
        assert_eq!(text_width("__", 14, false, false), Length::pt(14));
        assert_eq!(text_width("    ", 14, false, false), Length::pt(14));
        assert!(text_width("Подпись", 14, true, false) > text_width("Подпись", 14, false, false));
        assert!(text_width("Подпись", 14, false, false) > text_width("Подпись", 12, false, false));
    }

    #[test]
    fn fill_the_total_with_room_for_the_longest_word() {
        let header = header(&["№ п/п", "ФИО", "Должность", "Дата", "Подпись"]);
        let rows = vec![vec![Vec::new(), line("Константинопольская\u{a0}А.Б.")]];
        let w = widths(&header, &rows, 14, crate::locale::RU.number_column, &PAGE);
        assert_eq!(w.len(), 5);
        assert_eq!(w[0], PAGE.table.number_column);
        assert_eq!(w.iter().copied().sum::<Length>(), PAGE.text_width());
        let name = line_width(&rows[0][1], 14, false);
        assert!(w[1] > name + PAGE.table.padding_x + PAGE.table.padding_x);
        assert!(w[2..].iter().all(|&c| c >= PAGE.table.handwriting), "{w:?}");
        let w = widths(&[], &[], 14, "", &PAGE);
        assert_eq!(w, [PAGE.text_width()]);
    }

    /// Issue 12: once names were filled in, the header broke inside «ознакомления», «Подпись».
    #[test]
    fn keeps_every_header_word_whole_beside_long_names() {
        let header = header(&[
            "№ п/п",
            "Ф.И.О.",
            "Должность",
            "Дата ознакомления",
            "Подпись",
        ]);
        let rows: Vec<Vec<Line>> = [
            "Ростовцева-Преображенская\u{a0}А.С.",
            "Константинопольский\u{a0}А.В.",
        ]
        .iter()
        .map(|name| {
            vec![
                line("1"),
                line(name),
                line("Заместитель руководителя отдела по работе с ключевыми клиентами"),
                Vec::new(),
                Vec::new(),
            ]
        })
        .collect();
        for size in 12..=14 {
            let w = widths(&header, &rows, size, crate::locale::RU.number_column, &PAGE);
            let room = |i: usize| w[i] - PAGE.table.padding_x - PAGE.table.padding_x;
            for (i, word, bold) in [
                (3, "ознакомления", true),
                (4, "Подпись", true),
                (1, "Константинопольский\u{a0}А.В.", false),
                (1, "Преображенская\u{a0}А.С.", false),
                (2, "Заместитель", false),
            ] {
                assert!(
                    text_width(word, size, bold, false) < room(i),
                    "«{word}» in column {i} at {size} pt: {w:?}"
                );
            }
        }
    }

    #[test]
    fn converts_to_units_that_add_up() {
        let w = widths(
            &header(&["№ п/п", "Фамилия, инициалы", "Должность", "Подпись"]),
            &[],
            14,
            crate::locale::RU.number_column,
            &PAGE,
        );
        let twips = in_units(&w, Length::to_twips);
        assert_eq!(twips.iter().sum::<usize>(), 9638);
        let um = in_units(&w, |l| l.to_um() as u32);
        assert_eq!(um.iter().sum::<usize>(), 170_000);
    }
}
