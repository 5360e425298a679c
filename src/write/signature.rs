//! Signature lines laid out as position — blank — name, in every writer alike: «Руководитель
//! отдела по работе с клиентами ________________ П.С. Смирнов» as three columns, the position
//! wrapping in its own at the left, the blank and the name on its last line, the name never
//! wrapped. The columns are the same for every signature line of a document, so blanks and names
//! line up. A line with several blanks, or none, or nothing before or after its blank (the
//! acknowledgement marks «________________ И.О. Фамилия «__» ____________ 20__ г.») is set as
//! written.

use crate::document::{Block, Document, Line, Run, plain};
use crate::write::columns::{SLACK, line_width};
use crate::write::page::{Length, Page};

/// A blank to sign on is a run of at least this many underscores.
const BLANK: usize = 4;

/// A signature line taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The signatory's position, before the blank.
    pub position: Line,
    /// The blank, as written.
    pub blank: Line,
    /// The name, after the blank.
    pub name: Line,
}

/// The columns of a document's signature lines, filling the text width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// The position's column, its last [`crate::write::page::Signature::gap`] kept free.
    pub position: Length,
    /// The blank's column, likewise.
    pub blank: Length,
    /// The name's column, up to the right margin.
    pub name: Length,
}

impl Columns {
    /// The three widths, left to right.
    pub fn widths(&self) -> [Length; 3] {
        [self.position, self.blank, self.name]
    }
}

/// The position, the blank and the name of `line`, when it has exactly one blank, with text
/// before and after it.
pub fn split(line: &Line) -> Option<Parts> {
    let text = plain(line);
    let blanks: Vec<(usize, &str)> = words(&text)
        .filter(|(_, w)| w.contains(&"_".repeat(BLANK)))
        .collect();
    let [(at, blank)] = blanks[..] else {
        return None;
    };
    if blank.chars().any(|c| c != '_') {
        return None;
    }
    let position = slice(line, 0, at);
    let name = slice(line, at + blank.len(), text.len());
    (!plain(&position).trim().is_empty() && !plain(&name).trim().is_empty()).then(|| Parts {
        position,
        blank: slice(line, at, at + blank.len()),
        name,
    })
}

/// Every line of a signature block taken apart, when each of them is a signature line.
pub fn split_block(block: &Block) -> Option<Vec<Parts>> {
    match block {
        Block::Signature { lines } => lines.iter().map(split).collect(),
        _ => None,
    }
}

/// The columns of the signature lines of `doc` set at `size` points on `page`: the name's as wide as the
/// widest name, the blank's as the longest blank and a gap (each with [`SLACK`] for the
/// rounding of the writers' units: LibreOffice wraps a blank that fills its cell exactly), the
/// position's the rest. `None` when the document has no signature line, or when its names and blanks leave the
/// position less than a quarter of the text width (its lines are then set as written).
pub fn columns(doc: &Document, size: u32, page: &Page) -> Option<Columns> {
    let parts: Vec<Parts> = doc
        .blocks
        .iter()
        .filter_map(split_block)
        .flatten()
        .collect();
    let gap = page.signature.gap;
    let name = parts
        .iter()
        .map(|p| line_width(&p.name, size, false))
        .max()?
        + SLACK;
    let blank = parts
        .iter()
        .map(|p| line_width(&p.blank, size, false))
        .max()?
        + SLACK
        + gap;
    let total = page.text_width();
    let position = total - name - blank;
    (position.to_emu() >= total.to_emu() / 4).then_some(Columns {
        position,
        blank,
        name: total - position - blank,
    })
}

/// The words of `text` split at spaces (not non-breaking ones), with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Bytes `from..to` of the text of `line`, its runs' styles kept, spaces at either end trimmed.
fn slice(line: &Line, from: usize, to: usize) -> Line {
    let mut out: Line = Vec::new();
    let mut at = 0;
    for run in line {
        let (start, end) = (at, at + run.text.len());
        at = end;
        let (a, b) = (from.max(start), to.min(end));
        if a < b {
            out.push(Run {
                text: run.text[a - start..b - start].to_string(),
                ..run.clone()
            });
        }
    }
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start_matches(' ').to_string();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end_matches(' ').to_string();
    }
    out.retain(|r| !r.text.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::page::PAGE;

    fn line(runs: &[(&str, bool)]) -> Line {
        runs.iter()
            .map(|(text, bold)| Run {
                text: text.to_string(),
                bold: *bold,
                italic: false,
            })
            .collect()
    }

    #[test]
    fn takes_a_signature_line_apart() {
        let parts = split(&line(&[
            ("Руководитель ", true),
            ("отдела ________________ П.С.\u{a0}Смирнов", false),
        ]))
        .expect("a signature line");
        assert_eq!(
            parts.position,
            line(&[("Руководитель ", true), ("отдела", false)])
        );
        assert_eq!(parts.blank, line(&[("________________", false)]));
        assert_eq!(parts.name, line(&[("П.С.\u{a0}Смирнов", false)]));
    }

    #[test]
    fn leaves_other_lines_with_blanks_as_written() {
        for text in [
            "________________ М.П.\u{a0}Иванова «__» ____________ 20__\u{a0}г.",
            "________________ И.О.\u{a0}Фамилия",
            "Директор ________________",
            "Должность ____ Фамилия ____",
            "С должностной инструкцией ознакомлена, экземпляр получила:",
            "Подпись ___ Фамилия",
        ] {
            assert_eq!(split(&line(&[(text, false)])), None, "{text}");
        }
    }

    #[test]
    fn lines_up_the_columns_of_a_document() {
        let doc = crate::document::parse(
            "# T\n\n## 1. S\n\nТекст.\n\n\
             Руководитель отдела по работе с клиентами ________________ П.С.\u{a0}Смирнов\n\n\
             Юрист ________________ А.А.\u{a0}Константинопольская\n",
            std::path::Path::new("t.md"),
        )
        .unwrap();
        let c = columns(&doc, 14, &PAGE).expect("signature columns");
        let widest =
            crate::write::columns::text_width("А.А.\u{a0}Константинопольская", 14, false, false);
        assert_eq!(c.name, widest + SLACK);
        assert_eq!(c.widths().into_iter().sum::<Length>(), PAGE.text_width());
        // a name as wide as the page leaves no room for the position: set as written
        let long = "Константинопольская".repeat(4);
        let doc = crate::document::parse(
            &format!("# T\n\n## 1. S\n\nЮрист ________________ {long}\n"),
            std::path::Path::new("t.md"),
        )
        .unwrap();
        assert_eq!(columns(&doc, 14, &PAGE), None);
    }
}
