//! The DOCX writer on the seed role (`roles/client-manager.yaml`): page layout, styles, headers,
//! the acknowledgement table, core properties, determinism and size, read from the package
//! parts; then LibreOffice and pandoc read the file back.

use std::io::Cursor;
use std::process::Command;

mod common;

use common::{part, tool};
use jobdoc::write::Format;

/// The seed role rendered as DOCX through the library, as `jobdoc build` does.
fn seed_docx() -> Vec<u8> {
    common::seed(Format::Docx)
}

/// The `w:style` element with `id`.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let start = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("no style {id}"));
    let end = styles[start..].find("</w:style>").unwrap() + start;
    &styles[start..end]
}

#[test]
fn renders_a4_with_gost_margins_and_the_font() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "A4"
    );
    // 20 mm top and bottom, 10 mm right, 30 mm left (1 mm = 56.7 twips).
    for margin in [
        r#"w:top="1134""#,
        r#"w:right="567""#,
        r#"w:bottom="1134""#,
        r#"w:left="1701""#,
    ] {
        let pg_mar = &document[document.find("<w:pgMar").unwrap()..];
        let pg_mar = &pg_mar[..pg_mar.find("/>").unwrap()];
        assert!(pg_mar.contains(margin), "{margin} in {pg_mar}");
    }
    let styles = part(&docx, "word/styles.xml");
    // 14 pt (the organization's font_size) is w:sz 28 half-points.
    assert!(styles.contains(r#"<w:sz w:val="28"/>"#));
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:lang w:val="ru-RU""#));
    let normal = style(&styles, "Normal");
    assert!(normal.contains(r#"<w:jc w:val="both"/>"#), "justified body");
    assert!(
        normal.contains(r#"<w:ind w:firstLine="709"/>"#),
        "1.25 cm indent"
    );
    let stamp = style(&styles, "Stamp");
    assert!(
        stamp.contains(r#"w:left="4819""#),
        "the гриф in the right half"
    );
}

#[test]
fn renders_word_styles_that_users_can_restyle() {
    let docx = seed_docx();
    let styles = part(&docx, "word/styles.xml");
    for (id, name) in [
        ("Normal", "Normal"),
        ("Title", "Title"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("ListDash", "List Dash"),
        ("TableGrid", "Table Grid"),
        ("Header", "header"),
    ] {
        assert!(
            style(&styles, id).contains(&format!(r#"<w:name w:val="{name}"/>"#)),
            "{id} is named {name}"
        );
    }
    let document = part(&docx, "word/document.xml");
    for id in [
        "Requisites",
        "Stamp",
        "Title",
        "RequisitesCentered",
        "Heading1",
        "ListDash",
        "Signature",
        "TableHeading",
    ] {
        assert!(
            document.contains(&format!(r#"<w:pStyle w:val="{id}" />"#)),
            "a paragraph in style {id}"
        );
    }
    // Dash lists are literal dashes, not Word numbering.
    assert!(!document.contains("<w:numPr>"));
    assert!(document.contains("–</w:t><w:tab />"));
}

#[test]
fn keeps_headings_with_the_next_paragraph() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    let headings: Vec<&str> = document
        .split("<w:p ")
        .filter(|p| p.contains(r#"<w:pStyle w:val="Heading1" />"#))
        .collect();
    assert_eq!(
        headings.len(),
        5,
        "five sections (the acknowledgement sheet has a title of its own)"
    );
    for h in headings {
        assert!(h.contains("<w:keepNext />"), "{h}");
    }
    let styles = part(&docx, "word/styles.xml");
    assert!(style(&styles, "Heading1").contains("<w:keepNext/>"));
}

#[test]
fn numbers_pages_from_the_second_in_the_header() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    assert!(document.contains("<w:titlePg"), "a different first page");
    assert!(document.contains(r#"<w:headerReference w:type="default""#));
    assert!(document.contains(r#"<w:headerReference w:type="first""#));
    let headers: Vec<String> = (1..=2)
        .map(|i| part(&docx, &format!("word/header{i}.xml")))
        .collect();
    let with_page: Vec<&String> = headers.iter().filter(|h| h.contains(">PAGE<")).collect();
    assert_eq!(
        with_page.len(),
        1,
        "one header has the PAGE field, the first-page one is empty"
    );
    assert!(with_page[0].contains(r#"w:fldCharType="begin""#));
    assert!(with_page[0].contains(r#"<w:pStyle w:val="Header" />"#));
}

#[test]
fn renders_the_acknowledgement_table_with_a_repeated_header_and_unsplit_rows() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    // the grid table, after the signature lines' borderless one
    let start = document
        .find(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid" />"#)
        .expect("the acknowledgement table");
    let table = &document[start..start + document[start..].find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(
        rows.len(),
        15,
        "a header, the 4 employees of the example roster and 10 blank rows (ack_rows)"
    );
    assert!(rows[0].contains("<w:tblHeader />"), "header row repeats");
    assert!(rows[0].contains("Ф.И.О."));
    assert!(rows[1].contains("Иванова\u{a0}М.П."), "{}", rows[1]);
    assert_eq!(table.matches("<w:tblHeader />").count(), 1);
    for row in &rows {
        assert!(row.contains("<w:cantSplit />"), "{row}");
    }
    for row in &rows[1..] {
        assert!(row.contains(r#"w:val="567""#), "1 cm rows: {row}");
    }
    // Fixed widths filling the 170 mm text width.
    assert!(table.contains(r#"<w:tblLayout w:type="fixed" />"#));
    let grid: usize = table
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|c| c[..c.find('"').unwrap()].parse::<usize>().unwrap())
        .sum();
    assert_eq!(grid, 9638);
    assert!(table.contains(r#"<w:tblStyle w:val="TableGrid" />"#));
    // The sheet starts on a new page (`---` in the template), with no empty paragraph.
    let sheet = document.find("ЛИСТ ОЗНАКОМЛЕНИЯ").unwrap();
    let heading = &document[document[..sheet].rfind("<w:p ").unwrap()..sheet];
    assert!(heading.contains("<w:pageBreakBefore />"), "{heading}");
}

#[test]
fn writes_core_properties_from_the_inputs() {
    let docx = seed_docx();
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains(
            "<dc:title>Должностная инструкция менеджера по работе с клиентами</dc:title>"
        )
    );
    assert!(core.contains("<dc:subject>Должностная инструкция</dc:subject>"));
    assert!(
        core.contains("<dc:creator>Общество с ограниченной ответственностью «Пример»</dc:creator>")
    );
    assert!(core.contains("<dc:language>ru-RU</dc:language>"));
    // The edition date (roles/client-manager.yaml), never the clock.
    assert!(core.contains(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-05T00:00:00Z</dcterms:created>"#
    ));
    assert!(core.contains(
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2026-06-05T00:00:00Z</dcterms:modified>"#
    ));
}

#[test]
fn renders_the_same_bytes_compressed_and_small() {
    let a = seed_docx();
    let b = seed_docx();
    assert!(a == b, "two builds in one process are byte-identical");
    assert!(a.len() <= 20 * 1024, "{} bytes", a.len());
    let mut zip = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    assert_eq!(zip.by_index(0).unwrap().name(), "[Content_Types].xml");
    for i in 0..zip.len() {
        let file = zip.by_index(i).unwrap();
        assert_eq!(
            file.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            file.name()
        );
        let t = file.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{}",
            file.name()
        );
    }
}

#[test]
fn keeps_the_text_and_non_breaking_spaces() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    for text in [
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
        "3.18. ",
        "Анализирует причины направления покупателями претензий",
        "«__» ____________ 20__\u{a0}г.",
        "П.С.\u{a0}Смирнов",
    ] {
        assert!(document.contains(text), "{text:?}");
    }
}

/// `word/document.xml` with a line per paragraph, row and table, so the snapshot diffs well.
#[test]
fn renders_the_seed_document_xml() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    let mut pretty = document;
    for tag in ["<w:p ", "<w:tbl>", "<w:tr>", "<w:sectPr", "</w:body>"] {
        pretty = pretty.replace(tag, &format!("\n{tag}"));
    }
    insta::assert_snapshot!("document_xml", pretty);
}

#[test]
fn libreoffice_converts_it_to_pdf() {
    if !tool("libreoffice") || !tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("client-manager.docx");
    std::fs::write(&input, seed_docx()).unwrap();
    let status = Command::new("libreoffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        // A private profile, so a running LibreOffice or another test does not interfere.
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .output()
        .unwrap();
    let pdf = dir.path().join("client-manager.pdf");
    assert!(pdf.exists(), "LibreOffice wrote no PDF: {status:?}");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(pages[0].contains("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"));
    assert!(pages[0].contains("УТВЕРЖДАЮ"));
    // No number on page 1; "2" alone on the first line of page 2.
    assert_eq!(
        pages[1]
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(str::trim),
        Some("2")
    );
    assert!(text.contains("ЛИСТ ОЗНАКОМЛЕНИЯ"));
}

#[test]
fn pandoc_reads_headings_and_text() {
    if !tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("client-manager.docx");
    std::fs::write(&input, seed_docx()).unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "# 1. Общие положения",
        "# 2. Функциональные обязанности",
        "# 5. Ответственность",
    ] {
        assert!(md.lines().any(|l| l == heading), "{heading}\n{md}");
    }
    assert!(md.contains("3.18. Анализирует причины"));
    assert!(md.contains("ЛИСТ ОЗНАКОМЛЕНИЯ"));
    assert!(md.contains("Ф.И.О."));
}
