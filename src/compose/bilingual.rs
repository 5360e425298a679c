//! A bilingual document: the original's job description and its translation, each rendered by
//! its own language's templates (words and typography), set side by side — the original left,
//! the translation right — in the dialect's two-column block. Each side's Markdown is cut into
//! its blocks; blocks are paired by what they are (a section heading by its number, a provision
//! by its number, a dash item by its place under a provision), and what only one side has
//! (a lead-in, a closing paragraph) shares a row with what only the other has at that place; an
//! unnumbered heading of one side's template (the Russian appendix on the professional standard)
//! and what follows it stand alone, each in a row of its own. The
//! лист ознакомления that follows is one table, its column headings in both languages.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a block of a job description's Markdown is, for pairing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A level-1 title.
    Title,
    /// A section heading `##`/`###`.
    Heading,
    /// A paragraph.
    Paragraph,
    /// One dash item, with its sub-items.
    Item,
    /// A table.
    Table,
    /// A thematic break: a page break.
    Break,
    /// Anything else (a гриф).
    Other,
}

/// A top-level block: what it is, where it is in the source, and the key it pairs by.
#[derive(Debug, Clone)]
struct Piece {
    kind: Kind,
    range: Range<usize>,
    key: String,
    /// Under an unnumbered heading (an appendix of one side's template): paired only with the
    /// same heading's blocks, never sharing a row with what the other side has there.
    alone: bool,
}

/// The blocks of `markdown` at the top level, dash lists taken apart into their items.
fn pieces(markdown: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut depth = 0usize;
    let mut list_depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        let top = depth == 0;
        match &event {
            Event::Start(tag) => {
                if top {
                    let kind = match tag {
                        Tag::Heading {
                            level: HeadingLevel::H1,
                            ..
                        } => Some(Kind::Title),
                        Tag::Heading { .. } => Some(Kind::Heading),
                        Tag::Paragraph => Some(Kind::Paragraph),
                        Tag::Table(_) => Some(Kind::Table),
                        Tag::List(_) => None,
                        _ => Some(Kind::Other),
                    };
                    if let Some(kind) = kind {
                        out.push(Piece {
                            kind,
                            range: range.clone(),
                            key: String::new(),
                            alone: false,
                        });
                    }
                }
                if let Tag::List(_) = tag {
                    list_depth += 1;
                }
                if let Tag::Item = tag
                    && list_depth == 1
                {
                    out.push(Piece {
                        kind: Kind::Item,
                        range: range.clone(),
                        key: String::new(),
                        alone: false,
                    });
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if let TagEnd::List(_) = end {
                    list_depth -= 1;
                }
            }
            Event::Rule if top => out.push(Piece {
                kind: Kind::Break,
                range,
                key: String::new(),
                alone: false,
            }),
            Event::Html(_) if top => {}
            _ => {}
        }
    }
    // keys: headings and provisions by their number, the rest by their place after one
    let mut anchor = String::from("head");
    let mut counter = 0;
    let mut alone = false;
    for piece in &mut out {
        let text = markdown[piece.range.clone()].trim_start_matches(['#', ' ']);
        let number = text
            .split_whitespace()
            .next()
            .filter(|w| w.ends_with('.') && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(str::to_string);
        piece.key = match (&piece.kind, number) {
            (Kind::Heading, Some(n)) => {
                anchor = format!("section {n}");
                counter = 0;
                alone = false;
                anchor.clone()
            }
            // its words are its key: the other side's template has it too, in its own words, or
            // not at all (the appendix only the Russian template prints)
            (Kind::Heading, None) => {
                anchor = format!("heading {text}");
                counter = 0;
                alone = true;
                anchor.clone()
            }
            (Kind::Paragraph, Some(n)) => {
                anchor = format!("provision {n}");
                counter = 0;
                alone = false;
                anchor.clone()
            }
            (kind, _) => {
                counter += 1;
                format!("{anchor} {kind:?} {counter}")
            }
        };
        piece.alone = alone;
    }
    out
}

/// Pairs the blocks of two sequences by key, in order (a longest common subsequence): each pair
/// a row; the blocks only one side has between two pairs share one row, but for those standing
/// [alone](Piece::alone), a row each, after what the other side has there.
fn align<'a>(left: &'a [Piece], right: &'a [Piece]) -> Vec<(Vec<&'a Piece>, Vec<&'a Piece>)> {
    let (n, m) = (left.len(), right.len());
    // the table below is n × m: beyond a few million cells (tens of thousands of provisions),
    // blocks are paired in order instead
    if n.saturating_mul(m) > 4_000_000 {
        let mut rows = Vec::new();
        for i in 0..n.max(m) {
            rows.push((
                left.get(i).into_iter().collect(),
                right.get(i).into_iter().collect(),
            ));
        }
        return rows;
    }
    // lengths of the longest common subsequences of the suffixes
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if left[i].key == right[j].key {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut only_left, mut only_right) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && left[i].key == right[j].key {
            if !only_left.is_empty() || !only_right.is_empty() {
                rows.push((
                    std::mem::take(&mut only_left),
                    std::mem::take(&mut only_right),
                ));
            }
            rows.push((vec![&left[i]], vec![&right[j]]));
            i += 1;
            j += 1;
        } else if j >= m
            || (i < n
                && (lcs[i + 1][j] > lcs[i][j + 1]
                    || (lcs[i + 1][j] == lcs[i][j + 1] && (!left[i].alone || right[j].alone))))
        {
            alone_or_pending(&left[i], &mut only_left, &mut only_right, &mut rows, true);
            i += 1;
        } else {
            alone_or_pending(&right[j], &mut only_right, &mut only_left, &mut rows, false);
            j += 1;
        }
    }
    if !only_left.is_empty() || !only_right.is_empty() {
        rows.push((only_left, only_right));
    }
    rows
}

/// An unpaired `piece` of one side (`left` or not): pending in `own` to share a row with the
/// `other` side's, or, standing alone, in a row of its own after the rows pending.
fn alone_or_pending<'a>(
    piece: &'a Piece,
    own: &mut Vec<&'a Piece>,
    other: &mut Vec<&'a Piece>,
    rows: &mut Vec<(Vec<&'a Piece>, Vec<&'a Piece>)>,
    left: bool,
) {
    if !piece.alone {
        own.push(piece);
        return;
    }
    if !own.is_empty() || !other.is_empty() {
        let (o, t) = (std::mem::take(own), std::mem::take(other));
        rows.push(if left { (o, t) } else { (t, o) });
    }
    rows.push(match left {
        true => (vec![piece], Vec::new()),
        false => (Vec::new(), vec![piece]),
    });
}

/// The Markdown of `pieces` of `source`, a blank line between blocks.
fn text(source: &str, pieces: &[&Piece]) -> String {
    pieces
        .iter()
        .map(|p| source[p.range.clone()].trim_end())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `rows` of the two sources as two-column blocks. What a column cannot hold — a table, a page
/// break, which a template of one's own may put anywhere — stands between blocks, across the
/// page: the original's, or the translation's where only it has one.
fn columns(left: &str, right: &str, rows: &[(Vec<&Piece>, Vec<&Piece>)]) -> String {
    let wide = |p: &&Piece| matches!(p.kind, Kind::Table | Kind::Break);
    let mut out = String::new();
    let mut open = false;
    for (l, r) in rows {
        let (l_wide, l_cell): (Vec<&Piece>, Vec<&Piece>) = l.iter().copied().partition(wide);
        let (r_wide, r_cell): (Vec<&Piece>, Vec<&Piece>) = r.iter().copied().partition(wide);
        if !l_cell.is_empty() || !r_cell.is_empty() {
            out.push_str(if open {
                "\n<!-- row -->\n"
            } else {
                "<!-- columns -->\n"
            });
            open = true;
            out.push_str(&format!(
                "\n{}\n\n<!-- next -->\n\n{}\n",
                text(left, &l_cell),
                text(right, &r_cell)
            ));
        }
        let (source, across) = if l_wide.is_empty() {
            (right, r_wide)
        } else {
            (left, l_wide)
        };
        if !across.is_empty() {
            if open {
                out.push_str("\n<!-- end columns -->\n\n");
                open = false;
            }
            out.push_str(&text(source, &across));
            out.push_str("\n\n");
        }
    }
    if open {
        out.push_str("\n<!-- end columns -->\n");
    }
    out
}

/// The cells of a Markdown table row `| a | b |`.
fn cells(line: &str) -> Vec<&str> {
    let line = line.trim().trim_start_matches('|').trim_end_matches('|');
    // a `|` escaped in a value is `\|`: split only at the others
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            out.push(line[start..i].trim());
            start = i + 1;
        }
    }
    out.push(line[start..].trim());
    out
}

/// The left table with each column heading followed by the right table's (`Ф.И.О. / Name`),
/// when both have as many columns; else the left table as it is.
fn merged_table(left: &str, right: Option<&str>) -> String {
    let Some(right) = right else {
        return left.trim_end().to_string();
    };
    let (Some(lh), Some(rh)) = (left.lines().next(), right.lines().next()) else {
        return left.trim_end().to_string();
    };
    let (lc, rc) = (cells(lh), cells(rh));
    if lc.len() != rc.len() {
        return left.trim_end().to_string();
    }
    let header = lc
        .iter()
        .zip(&rc)
        .map(|(l, r)| {
            if l == r {
                l.to_string()
            } else {
                format!("{l} / {r}")
            }
        })
        .collect::<Vec<_>>()
        .join(" | ");
    let mut out = format!("| {header} |");
    for line in left.lines().skip(1) {
        out.push('\n');
        out.push_str(line);
    }
    out
}

fn refs(pieces: &[Piece]) -> Vec<&Piece> {
    pieces.iter().collect()
}

/// The bilingual Markdown of a job description `left` (the original) and its translation
/// `right`, both as their templates rendered them.
pub fn pair(left: &str, right: &str) -> String {
    let (lp, rp) = (pieces(left), pieces(right));
    let split = |p: &[Piece]| -> (usize, usize) {
        let body = p
            .iter()
            .position(|x| x.kind == Kind::Heading)
            .unwrap_or(p.len());
        let sheet = p
            .iter()
            .position(|x| x.kind == Kind::Break)
            .unwrap_or(p.len());
        (body.min(sheet), sheet)
    };
    let ((lb, ls), (rb, rs)) = (split(&lp), split(&rp));
    let mut rows = vec![(refs(&lp[..lb]), refs(&rp[..rb]))];
    rows.extend(align(&lp[lb..ls], &rp[rb..rs]));
    let mut out = columns(left, right, &rows);
    // the лист ознакомления: its words side by side, then one table
    let (lsheet, rsheet) = (&lp[(ls + 1).min(lp.len())..], &rp[(rs + 1).min(rp.len())..]);
    if !lsheet.is_empty() {
        out.push_str("\n---\n\n");
        let table = |p: &[Piece]| p.iter().position(|x| x.kind == Kind::Table);
        let (lt, rt) = (table(lsheet), table(rsheet));
        let before = |p: &[Piece], t: Option<usize>| t.unwrap_or(p.len());
        out.push_str(&columns(
            left,
            right,
            &[(
                refs(&lsheet[..before(lsheet, lt)]),
                refs(&rsheet[..before(rsheet, rt)]),
            )],
        ));
        if let Some(lt) = lt {
            let rtable = rt.map(|rt| &right[rsheet[rt].range.clone()]);
            out.push('\n');
            out.push_str(&merged_table(&left[lsheet[lt].range.clone()], rtable));
            out.push('\n');
            let after = refs(&lsheet[lt + 1..]);
            if !after.is_empty() {
                out.push('\n');
                out.push_str(&text(left, &after));
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "Орг\n\nДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\\\nменеджера\n==========\n\nг. Москва\n\n## 1. Общие положения\n\n1.1. Первое.\n\n1.2. Знать:\n\n- одно;\n- другое.\n\n## 2. Права\n\nМенеджер имеет право:\n\n2.1. Право.\n\n---\n\nЛИСТ ОЗНАКОМЛЕНИЯ\n==========\n\n| № п/п | Ф.И.О. |\n|---|---|\n| 1 | Иванов |\n";
    const EN: &str = "Org\n\nJOB DESCRIPTION\\\nManager\n==========\n\n## 1. General\n\n1.1. First.\n\n1.2. Know:\n\n- one\n- other\n\n## 2. Rights\n\n2.1. Right.\n\nAn equal opportunity employer.\n\n---\n\nACKNOWLEDGEMENT\n==========\n\n| No. | Name |\n|---|---|\n| 1 | |\n";

    #[test]
    fn pairs_headings_provisions_and_items() {
        let md = pair(RU, EN);
        let rows: Vec<&str> = md.split("<!-- row -->").collect();
        assert!(rows[0].contains("ИНСТРУКЦИЯ") && rows[0].contains("JOB DESCRIPTION"));
        let find = |a: &str, b: &str| rows.iter().any(|r| r.contains(a) && r.contains(b));
        assert!(find("## 1. Общие", "## 1. General"));
        assert!(find("1.1. Первое", "1.1. First"));
        assert!(find("- одно", "- one"));
        assert!(find("- другое", "- other"));
        // a lead-in only the Russian has shares its row with nothing
        assert!(find("имеет право", "<!-- next -->\n\n\n"));
        assert!(find("2.1. Право", "2.1. Right"));
        assert!(md.contains("| № п/п / No. | Ф.И.О. / Name |"));
        assert!(md.contains("| 1 | Иванов |"));
    }

    #[test]
    fn an_appendix_only_one_side_has_stands_alone() {
        // the Russian template's appendix after the signatures, the English closing paragraphs
        // there: no row holds both
        let ru = RU.replace(
            "2.1. Право.\n",
            "2.1. Право.\n\nДиректор ____ Петров\n\n## Приложение. Соответствие\n\nСтандарт «Продажи».\n\n- A: пункт 1.2.\n",
        );
        let en = EN.replace(
            "An equal opportunity employer.\n",
            "Director ____ Petrov\n\nAn equal opportunity employer.\n\nReviewed yearly.\n",
        );
        let md = pair(&ru, &en);
        let rows: Vec<&str> = md.split("<!-- row -->").collect();
        assert!(
            rows.iter()
                .any(|r| r.contains("Петров") && r.contains("Petrov"))
        );
        for appendix in ["## Приложение", "Стандарт «Продажи»", "- A: пункт 1.2."]
        {
            let row = rows.iter().find(|r| r.contains(appendix)).unwrap();
            assert!(
                row.trim_end().ends_with("<!-- next -->") || row.contains("<!-- next -->\n\n\n"),
                "{row}"
            );
        }
        assert!(rows.iter().any(|r| r.contains("equal opportunity")));
        assert!(rows.iter().any(|r| r.contains("Reviewed yearly")));
        assert!(crate::document::parse(&md, std::path::Path::new("t.md")).is_ok());
    }

    #[test]
    fn sets_a_table_of_the_body_across_the_page() {
        let ru = RU.replace(
            "## 2. Права",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n## 2. Права",
        );
        let md = pair(&ru, EN);
        let (before, after) = md.split_once("| a | b |").expect("the table");
        // the columns are closed before the table and opened again after it
        assert!(
            before.trim_end().ends_with("<!-- end columns -->"),
            "{before}"
        );
        assert!(after.contains("<!-- columns -->"));
        assert!(crate::document::parse(&md, std::path::Path::new("t.md")).is_ok());
    }
}
