//! The PDF writer on the seed role (`roles/client-manager.yaml`) and on small documents: the text
//! and metadata as poppler reads them back, the page layout from word positions
//! (`pdftotext -bbox-layout`), fonts, structure (`qpdf --check`), determinism and refusals.

use std::process::Command;

mod common;

use common::{Scratch, TextLine, file, meta, output, pages, parse, part, tool, words};
use jobdoc::write::{Format, Meta, pdf};

#[test]
fn renders_every_word_of_the_document_in_order() {
    if !tool("pdftotext") {
        return;
    }
    let (_dir, path) = file(&common::seed(Format::Pdf));
    let text = output("pdftotext", &["-enc", "UTF-8"], &path);
    let markdown = String::from_utf8(common::seed(Format::Md)).unwrap();
    // poppler reads a table column by column, so the table's words are only counted
    let (body, table) = markdown.split_at(markdown.find("\n|").expect("a table"));
    let have = words(&text);
    // Every word of the text, in order; the PDF adds only the page numbers.
    let mut at = 0;
    for (i, word) in words(body).iter().enumerate() {
        match have[at..].iter().position(|w| w == word) {
            Some(found) if found <= 1 => at += found + 1,
            _ => panic!(
                "word {i} «{word}» is missing near «{}»",
                have[at.saturating_sub(5)..(at + 5).min(have.len())].join(" ")
            ),
        }
    }
    for word in words(table) {
        assert!(have[at..].contains(&word), "«{word}» of the table");
    }
    assert!(text.contains("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"));
    assert!(text.contains("1.1. Настоящая должностная инструкция"));
}

#[test]
fn writes_utf16_metadata_language_and_a4_pages() {
    if !tool("pdfinfo") {
        return;
    }
    let pdf = common::seed(Format::Pdf);
    let (_dir, path) = file(&pdf);
    let info = output("pdfinfo", &[], &path);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .unwrap_or_else(|| panic!("no {name} in\n{info}"))
            .trim()
            .to_string()
    };
    assert_eq!(
        field("Title"),
        "Должностная инструкция менеджера по работе с клиентами"
    );
    assert_eq!(field("Subject"), "Должностная инструкция");
    assert_eq!(
        field("Author"),
        "Общество с ограниченной ответственностью «Пример»"
    );
    assert!(field("Page size").contains("(A4)"), "{info}");
    // the edition date of the role, not the clock
    assert!(field("CreationDate").contains("2026"), "{info}");
    let pages: usize = field("Pages").parse().unwrap();
    assert!((4..=8).contains(&pages), "{pages} pages");
    assert!(pdf.windows(12).any(|w| w == b"/Lang(ru-RU)"), "language");
    assert!(pdf.starts_with(b"%PDF-1.5"));
}

#[test]
fn passes_qpdf_check() {
    if !tool("qpdf") {
        return;
    }
    let (_dir, path) = file(&common::seed(Format::Pdf));
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

#[test]
fn embeds_subset_fonts_with_a_unicode_map() {
    if !tool("pdffonts") {
        return;
    }
    let (_dir, path) = file(&common::seed(Format::Pdf));
    let fonts = output("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type… emb sub uni object-id generation
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        assert!(cols[0].contains("+LiberationSerif"), "{row}");
        assert_eq!(cols[0].find('+'), Some(6), "a six-letter subset tag: {row}");
    }
}

#[test]
fn lays_out_the_page_as_the_docx() {
    if !tool("pdftotext") {
        return;
    }
    let (_dir, path) = file(&common::seed(Format::Pdf));
    let pages = pages(&path);
    assert!(pages.len() >= 2);
    let all: Vec<&TextLine> = pages.iter().flatten().collect();
    // Left margin 30 mm: nothing left of it, and the unindented lines start on it.
    let left = all.iter().map(|l| l.x_min).fold(f64::MAX, f64::min);
    assert!((left - 30.0).abs() < 0.3, "left edge at {left:.2} mm");
    // Justified: most lines of the body (the pages before the last, the лист ознакомления's
    // table) end on the right margin, 200 mm. A line is what lies on one baseline: poppler
    // splits one where its spaces are wide.
    let lines: Vec<f64> = pages[..pages.len() - 1]
        .iter()
        .flat_map(|page| {
            let mut rows: Vec<(f64, f64)> = Vec::new();
            for l in page {
                match rows.iter_mut().find(|r| (r.0 - l.y_min).abs() < 0.5) {
                    Some(row) => row.1 = row.1.max(l.x_max),
                    None => rows.push((l.y_min, l.x_max)),
                }
            }
            rows.into_iter().map(|row| row.1)
        })
        .collect();
    let right = lines.iter().filter(|x| (*x - 200.0).abs() < 0.3).count();
    assert!(
        right * 3 > lines.len(),
        "{right} of {} lines reach 200 mm",
        lines.len()
    );
    assert!(
        all.iter().all(|l| l.x_max < 200.3),
        "nothing past the right margin"
    );
    // The page number: none on page 1, centred over the text column at the top of page 2.
    let top = |page: &Vec<TextLine>| {
        page.iter()
            .filter(|l| l.y_min < 20.0)
            .map(TextLine::text)
            .collect::<Vec<_>>()
    };
    assert!(top(&pages[0]).is_empty(), "{:?}", top(&pages[0]));
    let number = pages[1]
        .iter()
        .find(|l| l.text() == "2")
        .expect("the number 2 on page 2");
    assert!(number.y_min < 20.0, "in the top margin: {number:?}");
    let centre = (number.x_min + number.x_max) / 2.0;
    assert!((centre - 115.0).abs() < 0.5, "centred at {centre:.2} mm");
    // The гриф in the right half of page 1.
    let stamp = pages[0]
        .iter()
        .find(|l| l.text() == "УТВЕРЖДАЮ")
        .expect("УТВЕРЖДАЮ on page 1");
    assert!(stamp.x_min > 105.0, "гриф at {:.2} mm", stamp.x_min);
    // The title centred over the text column.
    let title = pages[0]
        .iter()
        .find(|l| l.text() == "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ")
        .expect("the title");
    assert!(((title.x_min + title.x_max) / 2.0 - 115.0).abs() < 0.5);
}

/// `paper: letter` in the organization file: every document of every role on US Letter (8.5 ×
/// 11 in) with one inch margins, in the DOCX and the PDF alike.
#[test]
fn lays_out_us_letter_pages_for_an_organization_on_letter_paper() {
    let s = Scratch::new();
    s.edit(
        "roles/_organization.yaml",
        "font_size: 14",
        "paper: letter\nfont_size: 14",
    );
    let run = s.run(&["build", "--format", "docx,pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (mut docx, mut pdf) = (0, 0);
    for (name, bytes) in s.out_files() {
        if name.ends_with(".docx") {
            let document = part(&bytes, "word/document.xml");
            assert!(
                document.contains(r#"<w:pgSz w:w="12240" w:h="15840" />"#),
                "{name}"
            );
            assert!(
                document.contains(
                    r#"<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" "#
                ),
                "{name}"
            );
            docx += 1;
        } else if name.ends_with(".pdf") {
            let text = String::from_utf8_lossy(&bytes);
            let boxes: Vec<&str> = text
                .match_indices("/MediaBox")
                .map(|(i, _)| i)
                .map(|i| {
                    let end = text[i..].find(']').expect("a MediaBox array") + i + 1;
                    &text[i..end]
                })
                .collect();
            assert!(!boxes.is_empty(), "{name}: no MediaBox");
            assert!(
                boxes.iter().all(|b| *b == "/MediaBox[0 0 612 792]"),
                "{name}: {boxes:?}"
            );
            pdf += 1;
        }
    }
    assert!(docx >= 6 && pdf == docx, "{docx} DOCX, {pdf} PDF");
    if !tool("pdftotext") {
        return;
    }
    // the text between one inch margins: 25.4 mm from the left, up to 190.5 mm
    let pages = pages(&s.path().join("out/client-manager.pdf"));
    let all: Vec<&TextLine> = pages.iter().flatten().collect();
    let left = all.iter().map(|l| l.x_min).fold(f64::MAX, f64::min);
    assert!((left - 25.4).abs() < 0.3, "left edge at {left:.2} mm");
    let right = all.iter().map(|l| l.x_max).fold(f64::MIN, f64::max);
    assert!((right - 190.5).abs() < 0.3, "right edge at {right:.2} mm");
}

#[test]
fn keeps_headings_with_their_text_and_dashes_with_their_items() {
    if !tool("pdftotext") {
        return;
    }
    // Enough provisions to push headings and list items across pages.
    let mut md = String::from("# ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n\n");
    for s in 1..=6 {
        md.push_str(&format!("## {s}. Раздел номер {s}\n\n"));
        for p in 1..=5 {
            md.push_str(&format!(
                "{s}.{p}. Менеджер по работе с клиентами выполняет обязанности, \
                 предусмотренные настоящей инструкцией, и отвечает за их выполнение:\n\n"
            ));
            for i in 1..=3 {
                md.push_str(&format!(
                    "- пункт {i}, относящийся к обязанности {s}.{p};\n"
                ));
            }
            md.push('\n');
        }
    }
    let (_dir, path) = file(&pdf::write(&parse(&md), &meta()).unwrap());
    let pages = pages(&path);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let mut dashes = 0;
    for (n, page) in pages.iter().enumerate() {
        let body: Vec<&TextLine> = page.iter().filter(|l| l.y_min >= 19.0).collect();
        let last = body.last().unwrap().text();
        assert!(
            !last.contains("Раздел"),
            "page {} ends with «{last}»",
            n + 1
        );
        for line in &body {
            if line.text().starts_with("– пункт") {
                dashes += 1;
            }
            // every item line with its number starts with its dash
            assert!(
                !line.text().starts_with("пункт"),
                "page {}: «{}» lost its dash",
                n + 1,
                line.text()
            );
        }
    }
    assert_eq!(dashes, 6 * 5 * 3);
}

#[test]
fn repeats_the_table_header_on_every_page_of_the_table() {
    if !tool("pdftotext") {
        return;
    }
    let mut md = String::from(
        "# Т\n\n## Лист ознакомления\n\n| № п/п | Фамилия, инициалы | Подпись |\n|---|---|---|\n",
    );
    for i in 1..=40 {
        md.push_str(&format!("| {i} | | |\n"));
    }
    let (_dir, path) = file(&pdf::write(&parse(&md), &meta()).unwrap());
    let pages = pages(&path);
    assert!(pages.len() >= 2);
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.iter().any(|l| l.text().contains("Фамилия")),
            "no header on page {}",
            n + 1
        );
    }
}

#[test]
fn cuts_a_word_wider_than_the_line_and_loses_no_character() {
    if !tool("pdftotext") {
        return;
    }
    let long = "1234567890".repeat(30);
    let md = format!(
        "# Т\n\n## 1. Раздел\n\n1.1. Обязанность {long} и текст после:\n\n- пункт {long};\n\n\
         | № п/п | Текст |\n|---|---|\n| 1 | {long} |\n"
    );
    let (_dir, path) = file(&pdf::write(&parse(&md), &meta()).unwrap());
    let text: String = output("pdftotext", &["-enc", "UTF-8"], &path)
        .split_whitespace()
        .collect();
    // in the provision, the list item and the table cell: every digit, in order
    assert_eq!(text.matches(&long).count(), 3, "{text}");
    for page in pages(&path) {
        for line in page {
            for (x_min, x_max, word) in line.words {
                assert!(
                    x_min > 29.5 && x_max < 200.5,
                    "«{word}» from {x_min:.2} to {x_max:.2} mm, past a margin"
                );
            }
        }
    }
}

#[test]
fn keeps_a_double_surname_in_its_column_on_both_ack_sheets() {
    if !tool("pdftotext") {
        return;
    }
    let s = Scratch::new();
    let staff = std::fs::read_to_string(s.roles().join("_staff.csv")).unwrap();
    let staff = staff.replace(
        "Сидорова Елена Викторовна",
        "Ростовцева-Преображенская Анастасия Сергеевна",
    );
    assert!(staff.contains("Ростовцева"), "the roster lists Сидорова");
    s.write("roles/_staff.csv", &staff);
    let run = s.run(&["build", "--format", "docx,pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = s.path().join("out");
    // the sheet of out/<id>.ack.* on its first page, the job description's on its last
    for (stem, last) in [("client-manager.ack", false), ("client-manager", true)] {
        // the column edges as the DOCX sets them (twips), in mm from the page's left edge
        let docx = std::fs::read(out.join(format!("{stem}.docx"))).unwrap();
        let document = part(&docx, "word/document.xml");
        // the sheet's table is the document's last (signature lines above it are one too)
        let grid = document.rsplit("<w:tblGrid>").next().unwrap();
        let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
        let mut edges = vec![30.0];
        for col in grid.split("<w:gridCol w:w=\"").skip(1) {
            let twips: f64 = col[..col.find('"').unwrap()].parse().unwrap();
            edges.push(edges[edges.len() - 1] + twips / 1440.0 * 25.4);
        }
        assert_eq!(edges.len(), 6, "{stem}: five columns: {edges:?}");
        let (left, right) = (edges[1], edges[2]);
        let pages = pages(&out.join(format!("{stem}.pdf")));
        let page = if last {
            &pages[pages.len() - 1]
        } else {
            &pages[0]
        };
        let name: Vec<&(f64, f64, String)> = page
            .iter()
            .flat_map(|l| &l.words)
            .filter(|w| w.2.contains("Ростовцева") || w.2.contains("Преображенская"))
            .collect();
        assert!(!name.is_empty(), "{stem}: the name on the sheet");
        let text: String = name.iter().map(|w| w.2.as_str()).collect();
        assert_eq!(text, "Ростовцева-Преображенская", "{stem}: the whole name");
        for (x_min, x_max, word) in name {
            assert!(
                *x_min > left + 1.0 && *x_max < right - 1.0,
                "{stem}: «{word}» from {x_min:.2} to {x_max:.2} mm, outside its column {left:.2}–{right:.2}"
            );
        }
        // every header word whole
        let words: Vec<&str> = page
            .iter()
            .flat_map(|l| &l.words)
            .map(|w| w.2.as_str())
            .collect();
        for header in ["Ф.И.О.", "Должность", "Дата", "ознакомления", "Подпись"]
        {
            assert!(
                words.contains(&header),
                "{stem}: «{header}» broken: {words:?}"
            );
        }
        // the cells beside it stay in their columns too: nothing in the table crosses a column
        // edge
        let top = page
            .iter()
            .find(|l| l.text().starts_with("отпечаток текста"))
            .expect("the fingerprint line above the table")
            .y_min
            + 1.0;
        for line in page.iter().filter(|l| l.y_min > top) {
            for (x_min, x_max, word) in &line.words {
                assert!(
                    !edges.iter().any(|e| x_min < e && x_max > e),
                    "{stem}: «{word}» from {x_min:.2} to {x_max:.2} mm crosses a column edge {edges:?}"
                );
            }
        }
    }
}

#[test]
fn renders_the_same_bytes_in_any_order_and_in_parallel() {
    let a = parse(&String::from_utf8(common::seed(Format::Md)).unwrap());
    let b = parse("# ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n\n## 1. Общие положения\n\n1.1. Текст.\n");
    let meta = meta();
    let a1 = pdf::write(&a, &meta).unwrap();
    let b1 = pdf::write(&b, &meta).unwrap();
    let b2 = pdf::write(&b, &meta).unwrap();
    let a2 = pdf::write(&a, &meta).unwrap();
    assert!(
        a1 == a2 && b1 == b2,
        "same document, same bytes, in either order"
    );
    assert_ne!(a1, b1);
    let parallel: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let doc = if i % 2 == 0 { &a } else { &b };
                let meta = &meta;
                s.spawn(move || pdf::write(doc, meta).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(parallel[0] == a1 && parallel[2] == a1);
    assert!(parallel[1] == b1 && parallel[3] == b1);
    // and the committed file is what the inputs build to
    assert_eq!(
        common::seed(Format::Pdf),
        std::fs::read(common::repo().join("out/client-manager.pdf")).unwrap()
    );
}

#[test]
fn stays_small() {
    let pdf = common::seed(Format::Pdf);
    assert!(pdf.len() <= 80 * 1024, "{} bytes", pdf.len());
    // no ICC profile, no XMP
    assert!(!pdf.windows(13).any(|w| w == b"OutputIntents"));
    assert!(!pdf.windows(9).any(|w| w == b"/Metadata"));
}

#[test]
fn refuses_a_character_the_font_cannot_draw() {
    for text in ["Оклад 50 000 ₽.", "Улыбка 😀."] {
        let doc = parse(&format!("# Т\n\n## 1. Раздел\n\n1.1. {text}\n"));
        let err = pdf::write(&doc, &meta()).unwrap_err();
        assert!(err.contains("no glyph"), "{err}");
    }
}

#[test]
fn renders_every_font_size_and_face() {
    if !tool("pdffonts") {
        return;
    }
    let doc = parse(
        "# Т\n\n## 1. Раздел\n\n1.1. Обычный текст, ***полужирный курсив***, **полужирный** и \
         *курсив* в одной строке, которая достаточно длинна, чтобы перенестись на следующую.\n",
    );
    for size in 12..=14 {
        let pdf = pdf::write(
            &doc,
            &Meta {
                font_size: size,
                ..meta()
            },
        )
        .unwrap();
        let (_dir, path) = file(&pdf);
        let fonts = output("pdffonts", &[], &path);
        for face in [
            "Serif ",
            "Serif-Bold ",
            "Serif-Italic ",
            "Serif-BoldItalic ",
        ] {
            assert!(
                fonts.contains(&format!("+Liberation{face}")),
                "{face} at {size} pt:\n{fonts}"
            );
        }
        let text = output("pdftotext", &["-enc", "UTF-8"], &path);
        assert!(text.contains("полужирный курсив"), "{text}");
    }
}

/// A face printing more than 300 glyphs (Latin, Latin-1, Latin Extended-A, Greek, Cyrillic, the composite
/// «ё» and «й» among them): numbers past one byte, a ToUnicode map of several blocks, every
/// character read back as printed, and a file qpdf passes.
#[test]
fn embeds_a_face_of_hundreds_of_glyphs() {
    if !tool("pdftotext") || !tool("qpdf") {
        return;
    }
    let letters: String = ('A'..='Z')
        .chain('a'..='z')
        .chain('\u{c0}'..='\u{ff}')
        .chain('\u{100}'..='\u{17f}')
        .chain('\u{391}'..='\u{3a9}')
        .chain('\u{3b1}'..='\u{3c9}')
        .chain('\u{410}'..='\u{44f}')
        .chain(['ё', 'Ё'])
        .filter(|c| !matches!(c, '×' | '÷' | '\u{3a2}' | '\u{149}'))
        .collect();
    assert!(letters.chars().count() > 300);
    let words: Vec<String> = letters
        .chars()
        .collect::<Vec<_>>()
        .chunks(6)
        .map(|w| w.iter().collect())
        .collect();
    let doc = parse(&format!(
        "# Т\n\n## 1. Раздел\n\n1.1. {}\n",
        words.join(" ")
    ));
    let (_dir, path) = file(&pdf::write(&doc, &meta()).unwrap());
    let text = output("pdftotext", &["-enc", "UTF-8"], &path);
    let read: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    assert!(read.contains(&letters), "{text}");
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
