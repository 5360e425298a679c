//! Parallel text (`<!-- columns -->` … `<!-- end columns -->`): an original and its translation
//! side by side. The sample `tests/fixtures/parallel.md` (Russian on the left, English on the
//! right: requisites, гриф, title, headings, provisions with dash lists, a provision that crosses
//! a page) through the writers: a borderless table of two cells a row in the DOCX, whose right
//! cells declare the second language; two columns in the PDF, each on its side of the page,
//! level at every row's start, the right one hyphenated in English.

mod common;

use common::{file, meta, pages, parse, part, tool};
use jobdoc::document::Document;
use jobdoc::write::{Meta, SecondLanguage, docx, pdf};

/// The sample, parsed.
fn sample() -> Document {
    parse(include_str!("fixtures/parallel.md"))
}

/// A Russian document whose translation is English.
fn bilingual() -> Meta {
    Meta {
        second: Some(SecondLanguage {
            tag: jobdoc::locale::EN.tag.into(),
            hyphenation: jobdoc::locale::EN.hyphenation,
        }),
        ..meta()
    }
}

/// The parts of `xml` from each `<{tag}>` (or `<{tag} `) to its end, not nested.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = [format!("<{tag}>"), format!("<{tag} ")]
        .iter()
        .filter_map(|open| rest.find(open.as_str()))
        .min()
    {
        let end = rest[start..].find(&close).expect("closed") + start + close.len();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// The text of a paragraph's runs.
fn text(paragraph: &str) -> String {
    elements(paragraph, "w:t")
        .iter()
        .map(|t| &t[t.find('>').unwrap() + 1..t.rfind('<').unwrap()])
        .collect()
}

/// The paragraph style a paragraph names.
fn style(paragraph: &str) -> &str {
    let at = paragraph.find("<w:pStyle w:val=\"").expect("a style") + 17;
    &paragraph[at..at + paragraph[at..].find('"').unwrap()]
}

#[test]
fn writes_a_borderless_table_of_two_cells_a_row() {
    let bytes = docx::write(&sample(), &bilingual()).unwrap();
    assert_eq!(bytes, docx::write(&sample(), &bilingual()).unwrap());
    let document = part(&bytes, "word/document.xml");
    let tables = elements(&document, "w:tbl");
    let [table, _signatures] = tables[..] else {
        panic!(
            "the columns and the signature line: {} tables",
            tables.len()
        )
    };
    for part in [
        r#"<w:tblStyle w:val="TableNormal" />"#,
        r#"<w:tblW w:w="9638" w:type="dxa" />"#,
        r#"<w:tblLayout w:type="fixed" />"#,
        r#"<w:gridCol w:w="4819" /><w:gridCol w:w="4819" />"#,
    ] {
        assert!(table.contains(part), "{part} in {table}");
    }
    // rows break across pages, as the PDF breaks them between lines
    assert!(!table.contains("cantSplit"));
    let rows: Vec<Vec<Vec<&str>>> = elements(table, "w:tr")
        .iter()
        .map(|row| {
            elements(row, "w:tc")
                .iter()
                .map(|cell| elements(cell, "w:p"))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 14);
    assert!(rows.iter().all(|row| row.len() == 2), "two cells a row");
    let cell = |row: usize, side: usize| -> Vec<(String, String)> {
        rows[row][side]
            .iter()
            .map(|p| (style(p).to_string(), text(p)))
            .collect()
    };
    let pair = |style: &str, text: &str| (style.to_string(), text.to_string());
    assert_eq!(
        cell(0, 0),
        [pair(
            "Requisites",
            "Общество с ограниченной ответственностью «Пример»"
        )]
    );
    assert_eq!(
        cell(0, 1),
        [pair("Requisites", "Primer Limited Liability Company")]
    );
    assert_eq!(cell(1, 1)[0].0, "Stamp");
    assert_eq!(
        cell(2, 1),
        [
            pair("Title", "JOB DESCRIPTIONClient Manager"),
            pair("RequisitesCentered", "June 5, 2026, No. JD-07Moscow"),
        ]
    );
    assert_eq!(cell(3, 0), [pair("Heading1", "1. Общие положения")]);
    assert_eq!(cell(3, 1), [pair("Heading1", "1. General Provisions")]);
    let styles = |row: usize, side: usize| -> Vec<String> {
        cell(row, side)
            .into_iter()
            .map(|(style, _)| style)
            .collect()
    };
    assert_eq!(
        styles(6, 0),
        ["Normal", "ListDash", "ListDash", "ListDash", "ListDash"]
    );
    assert_eq!(styles(6, 1), styles(6, 0));
    assert_eq!(
        cell(6, 1)[4].1,
        "–the rules of labour protection and safety, industrial sanitation and fire protection"
    );
    assert_eq!(
        styles(9, 1),
        [
            "Normal",
            "ListDash",
            "ListDash",
            "ListDash2",
            "ListDash2",
            "ListDash"
        ]
    );
    // the right cells' runs declare the second language, the left ones the document's own
    for row in &rows {
        for (side, paragraphs) in row.iter().enumerate() {
            for run in paragraphs.iter().flat_map(|p| elements(p, "w:r")) {
                assert_eq!(
                    run.contains(r#"<w:lang w:val="en-US" />"#),
                    side == 1,
                    "{run}"
                );
            }
        }
    }
    // without a second language, nothing declares one
    let own = docx::write(&sample(), &meta()).unwrap();
    assert!(!part(&own, "word/document.xml").contains("<w:lang "));
}

#[test]
fn sets_the_columns_side_by_side_level_at_every_row() {
    if !tool("pdftotext") {
        return;
    }
    let bytes = pdf::write(&sample(), &bilingual()).unwrap();
    assert_eq!(bytes, pdf::write(&sample(), &bilingual()).unwrap());
    let (_dir, path) = file(&bytes);
    let pages = pages(&path);
    assert!(pages.len() >= 2, "a provision crosses a page");
    // the middle of the text column: 30 mm margin and half of 170 mm
    let middle = 115.0;
    let cyrillic = |w: &str| w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let latin = |w: &str| w.chars().any(|c| c.is_ascii_alphabetic());
    let mut starts: Vec<(usize, f64, f64, String)> = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        for line in page {
            // the signature line under the columns spans the page
            if line.text().contains("Смирнов") {
                continue;
            }
            for (x_min, x_max, word) in &line.words {
                if cyrillic(word) {
                    assert!(*x_max < middle, "«{word}» at {x_min:.1}–{x_max:.1} mm");
                } else if latin(word) {
                    assert!(*x_min > middle, "«{word}» at {x_min:.1}–{x_max:.1} mm");
                }
            }
            if let Some((x, _, word)) = line.words.first() {
                starts.push((number, line.y_min, *x, word.clone()));
            }
        }
    }
    // Each row starts level: a provision's number, a heading's, the title, the гриф, on the
    // same page and line in both columns.
    for first in [
        "APPROVED", "JOB", "1.", "1.1.", "1.2.", "1.3.", "1.4.", "2.", "2.1.", "2.2.", "2.3.",
        "3.", "3.1.",
    ] {
        let right = starts
            .iter()
            .find(|s| s.3 == first && s.2 > middle)
            .unwrap_or_else(|| panic!("«{first}» in the right column"));
        let original = match first {
            "APPROVED" => "УТВЕРЖДАЮ",
            "JOB" => "ДОЛЖНОСТНАЯ",
            number => number,
        };
        let left = starts
            .iter()
            .find(|s| s.3 == original && s.2 < middle)
            .unwrap_or_else(|| panic!("«{original}» in the left column"));
        assert_eq!(left.0, right.0, "«{first}» on one page");
        assert!(
            (left.1 - right.1).abs() < 0.1,
            "«{first}»: {left:?} {right:?}"
        );
    }
    // Provision 2.2 crosses a page: the page of 2.3 starts with the rest of it in both
    // columns, level.
    let page = starts.iter().find(|s| s.3 == "2.3.").expect("2.3.").0;
    let top: Vec<&(usize, f64, f64, String)> = {
        let body = || starts.iter().filter(|s| s.0 == page && s.1 > 20.0);
        let y = body().map(|s| s.1).fold(f64::MAX, f64::min);
        body().filter(|s| (s.1 - y).abs() < 0.1).collect()
    };
    assert_eq!(top.len(), 2, "{top:?}");
    assert!(
        top.iter()
            .all(|s| !s.3.starts_with(|c: char| c.is_ascii_digit())),
        "{top:?}"
    );
}

/// The right column is hyphenated with the patterns of the second language: the English
/// translation breaks words where the document's Russian patterns (which have no Latin letter)
/// never would.
#[test]
fn hyphenates_the_right_column_in_the_second_language() {
    if !tool("pdftotext") {
        return;
    }
    let hyphenated = |meta: &Meta| -> Vec<String> {
        let (_dir, path) = file(&pdf::write(&sample(), meta).unwrap());
        pages(&path)
            .iter()
            .flatten()
            .filter_map(|l| l.words.last())
            .map(|w| w.2.clone())
            .filter(|w| w.ends_with('-') && w.chars().any(|c| c.is_ascii_alphabetic()))
            .collect()
    };
    let english = hyphenated(&bilingual());
    assert!(!english.is_empty());
    assert_eq!(hyphenated(&meta()), Vec::<String>::new());
}

/// A character the font cannot draw is refused in either column, as in the body.
#[test]
fn refuses_a_character_the_font_cannot_draw_in_a_column() {
    let doc = parse(
        "# T\n\n## 1. S\n\n<!-- columns -->\n\n1.1. Оклад.\n\n<!-- next -->\n\n\
         1.1. Salary 50 000 ₽.\n\n<!-- end columns -->\n",
    );
    let err = pdf::write(&doc, &bilingual()).unwrap_err();
    assert!(err.contains("no glyph"), "{err}");
}
