//! Table column widths, computed once for every writer so the DOCX and the PDF lay a table out
//! alike: each writer passes its text width and number column in its own unit (twips, µm).

use crate::document::{Line, plain};

/// A column of short words still gets room for a handwritten date or signature.
const MIN_WORD: usize = 8;
/// Two more characters a column for the cell margins and bold headers.
const SLACK: usize = 2;

/// Column widths filling `total`, one per column of the widest row (at least one): a first
/// column of `number` when the header starts with `marker` (the locale's «№»), the rest shared in proportion to
/// the longest word of each column (header and cells; a name joined by non-breaking spaces,
/// «Иванова М.П.», counts as one word; a double surname, which breaks after its hyphen, as two),
/// so that no word is cut across lines while short columns stay narrow. The last column takes
/// the rounding.
pub fn widths(
    header: &[Line],
    rows: &[Vec<Line>],
    total: usize,
    number: usize,
    marker: &str,
) -> Vec<usize> {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let numbered = header
        .first()
        .is_some_and(|h| !marker.is_empty() && plain(h).trim_start().starts_with(marker));
    let first = if numbered && columns > 1 { number } else { 0 };
    let skip = usize::from(first > 0);
    let weights: Vec<usize> = (skip..columns)
        .map(|i| {
            std::iter::once(header.get(i))
                .chain(rows.iter().map(|r| r.get(i)))
                .flatten()
                .flat_map(|line| {
                    plain(line)
                        .split([' ', '\t', '\n'])
                        .flat_map(|w| w.split_inclusive('-'))
                        .map(|w| w.chars().count())
                        .collect::<Vec<_>>()
                })
                .max()
                .unwrap_or(0)
                .max(MIN_WORD)
                + SLACK
        })
        .collect();
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let share = total - first;
    let mut widths = Vec::with_capacity(columns);
    if first > 0 {
        widths.push(first);
    }
    widths.extend(weights.iter().map(|w| share * w / sum));
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - used;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Run;

    fn line(text: &str) -> Line {
        vec![Run {
            text: text.into(),
            bold: false,
            italic: false,
        }]
    }

    #[test]
    fn fill_the_total_with_room_for_the_longest_word() {
        let header: Vec<Line> = ["№ п/п", "ФИО", "Должность", "Дата", "Подпись"]
            .into_iter()
            .map(line)
            .collect();
        let rows = vec![vec![Vec::new(), line("Константинопольская\u{a0}А.Б.")]];
        let w = widths(&header, &rows, 9638, 850, crate::locale::RU.number_column);
        assert_eq!(w.len(), 5);
        assert_eq!(w[0], 850);
        assert_eq!(w.iter().sum::<usize>(), 9638);
        assert!(w[1] > 2 * w[2], "the long name gets room: {w:?}");
        let w = widths(&[], &[], 9638, 850, "");
        assert_eq!(w, [9638]);
    }
}
