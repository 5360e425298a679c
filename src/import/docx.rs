//! A DOCX job description as numbered lines, one per paragraph: read with docx-rs's reader, each
//! paragraph's list number (from `numbering.xml`, where the text does not carry it) put before
//! its text as Word shows it (the paragraph's own list, or its style's: «List Number» styles
//! carry one), and the cells of tables read as paragraphs of their own, a row
//! whose first cell holds only a number read as one numbered paragraph.

use std::collections::BTreeMap;

use docx_rs::{
    DocumentChild, NumberingProperty, Numberings, Paragraph, ParagraphChild, RunChild, Styles,
    Table, TableCellContent, TableChild, TableRowChild,
};

use super::text::{Line, fold};

/// The paragraphs of the DOCX `bytes` as lines numbered from 1 (a blank line between table rows
/// and around a table, so that no cell runs into the next). Fails with the reader's reason.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, String> {
    let docx =
        docx_rs::read_docx(bytes).map_err(|e| format!("not a DOCX file docx-rs can read: {e}"))?;
    let mut reader = Reader {
        numberings: &docx.numberings,
        styles: &docx.styles,
        counters: BTreeMap::new(),
        paragraphs: 0,
        lines: Vec::new(),
    };
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => reader.paragraph(p),
            DocumentChild::Table(t) => reader.table(t),
            _ => {}
        }
    }
    Ok(reader.lines)
}

/// The state of reading: list counters by numbering and level, the paragraphs so far.
struct Reader<'a> {
    numberings: &'a Numberings,
    styles: &'a Styles,
    /// The last number given at each level of each list (`numId`).
    counters: BTreeMap<usize, Vec<usize>>,
    paragraphs: usize,
    lines: Vec<Line>,
}

impl Reader<'_> {
    /// A paragraph: its list number, if any, and its text.
    fn paragraph(&mut self, p: &Paragraph) {
        self.paragraphs += 1;
        let text = fold(&paragraph_text(p));
        let number = self.number(p);
        let text = match number {
            Some(n) if !text.is_empty() || !n.is_empty() => fold(&format!("{n} {text}")),
            _ => text,
        };
        self.lines.push(Line {
            number: self.paragraphs,
            text,
        });
    }

    /// A table: each row's cells as paragraphs; a first cell that is only a number prefixes
    /// the second («1.2» | «text»).
    fn table(&mut self, t: &Table) {
        self.blank();
        for TableChild::TableRow(row) in &t.rows {
            let cells: Vec<Vec<&Paragraph>> = row
                .cells
                .iter()
                .map(|TableRowChild::TableCell(c)| {
                    c.children
                        .iter()
                        .filter_map(|c| match c {
                            TableCellContent::Paragraph(p) => Some(p.as_ref()),
                            _ => None,
                        })
                        .collect()
                })
                .collect();
            let first = cells.first().map(|c| {
                c.iter()
                    .map(|p| paragraph_text(p))
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let number_cell = first.as_deref().is_some_and(|f| {
                let f = f.trim();
                !f.is_empty() && f.chars().all(|c| c.is_ascii_digit() || c == '.')
            }) && cells.len() > 1;
            let mut rest = cells.iter();
            let mut prefix = None;
            if number_cell {
                rest.next();
                self.paragraphs += 1;
                prefix = first;
            }
            for cell in rest {
                for p in cell {
                    self.paragraph(p);
                    if let Some(n) = prefix.take()
                        && let Some(last) = self.lines.last_mut()
                    {
                        last.text = fold(&format!("{n} {}", last.text));
                    }
                }
                self.blank();
            }
        }
    }

    /// A blank line between cells, at the last paragraph's number.
    fn blank(&mut self) {
        self.lines.push(Line {
            number: self.paragraphs.max(1),
            text: String::new(),
        });
    }

    /// The list number Word shows before `p`: the level's text («%1.%2.») with the counters of
    /// its list, a bullet as `•`; `None` for a paragraph not in a list.
    fn number(&mut self, p: &Paragraph) -> Option<String> {
        let own = p.property.numbering_property.as_ref();
        // a paragraph may give only its level (`ilvl`) in its style's list: the list is the
        // style's, the level its own
        let style = match own.and_then(|o| o.id.as_ref()) {
            Some(_) => None,
            None => self.style_numbering(p),
        };
        let id = own
            .and_then(|o| o.id.as_ref())
            .or_else(|| style.as_ref()?.id.as_ref())?
            .id;
        let level = own
            .and_then(|o| o.level.as_ref())
            .or_else(|| style.as_ref()?.level.as_ref())
            .map_or(0, |l| l.val);
        // numId 0 takes a paragraph out of a list
        let numbering = self
            .numberings
            .numberings
            .iter()
            .find(|n| n.id == id && id != 0)?;
        let abs = self
            .numberings
            .abstract_nums
            .iter()
            .find(|a| a.id == numbering.abstract_num_id)?;
        let levels = &abs.levels;
        let format_of = |l: usize| {
            levels
                .iter()
                .find(|x| x.level == l)
                .map(|x| x.format.val.clone())
        };
        let start_of = |l: usize| {
            let over = numbering
                .level_overrides
                .iter()
                .find(|o| o.level == l)
                .and_then(|o| o.override_start);
            over.or_else(|| {
                levels
                    .iter()
                    .find(|x| x.level == l)
                    .and_then(|x| serde_json::to_value(&x.start).ok())
                    .and_then(|v| v.as_u64())
                    .map(|v| v as usize)
            })
            .unwrap_or(1)
        };
        let counters = self.counters.entry(id).or_default();
        // a paragraph at a level restarts the levels below it
        counters.truncate(level + 1);
        while counters.len() < level + 1 {
            let l = counters.len();
            counters.push(start_of(l).saturating_sub(1));
        }
        counters[level] += 1;
        if format_of(level).as_deref() == Some("bullet") {
            return Some("•".into());
        }
        let text = levels
            .iter()
            .find(|x| x.level == level)
            .and_then(|x| serde_json::to_value(&x.text).ok())
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let mut out = text;
        for (l, n) in counters.iter().enumerate() {
            let shown = match format_of(l).as_deref() {
                Some("lowerLetter") => letter(*n, 'a'),
                Some("upperLetter") => letter(*n, 'A'),
                Some("upperRoman") => roman(*n),
                Some("lowerRoman") => roman(*n).to_lowercase(),
                _ => n.to_string(),
            };
            out = out.replace(&format!("%{}", l + 1), &shown);
        }
        Some(out)
    }
}

impl Reader<'_> {
    /// The list `p`'s paragraph style puts it in, when `p` names none itself: the style's own,
    /// or that of the nearest style it is based on.
    fn style_numbering(&self, p: &Paragraph) -> Option<NumberingProperty> {
        let mut id = p.property.style.as_ref()?.val.clone();
        // `basedOn` chains are short; a file whose chain loops ends here
        for _ in 0..16 {
            let style = self.styles.find_style_by_id(&id)?;
            if let Some(np) = &style.paragraph_property.numbering_property {
                return Some(np.clone());
            }
            // docx-rs keeps the base's id private but serializes it as a string
            id = serde_json::to_value(style.based_on.as_ref()?)
                .ok()?
                .as_str()?
                .to_string();
        }
        None
    }
}

/// `a`, `b`, … `z`, `aa` for the `n`th item from `first`.
fn letter(n: usize, first: char) -> String {
    let i = n.saturating_sub(1);
    let c = char::from_u32(first as u32 + (i % 26) as u32).unwrap_or(first);
    c.to_string().repeat(i / 26 + 1)
}

/// `n` in Roman numerals (lists go no higher than a few dozen).
fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, numeral) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The text of a paragraph's runs (and of runs inside hyperlinks and insertions); a tab or a
/// line break is a space.
fn paragraph_text(p: &Paragraph) -> String {
    let mut out = String::new();
    let run = |r: &docx_rs::Run, out: &mut String| {
        for c in &r.children {
            match c {
                RunChild::Text(t) => out.push_str(&t.text),
                RunChild::Tab(_) | RunChild::Break(_) | RunChild::CarriageReturn(_) => {
                    out.push(' ')
                }
                _ => {}
            }
        }
    };
    for child in &p.children {
        match child {
            ParagraphChild::Run(r) => run(r, &mut out),
            ParagraphChild::Insert(i) => {
                for c in &i.children {
                    if let docx_rs::InsertChild::Run(r) = c {
                        run(r, &mut out);
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => {
                for c in &h.children {
                    if let ParagraphChild::Run(r) = c {
                        run(r, &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    out
}
