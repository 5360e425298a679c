//! Page quality (issue 12), read back from what a reader gets. Every role of the example project
//! is built and its PDFs read with poppler: no page ends with a lead-in («… несет
//! ответственность за:»), no paragraph's last line follows a hyphenated line («воспитате-/ля.»,
//! «генерально-/го директора.»), no more than two hyphenated lines in a row, no word cut across
//! lines (a table header cell, a name); the same once long names are filled in, at 12 and 14 points. Then the rules one by one:
//! a lead-in kept with what it introduces wherever the page breaks, signature lines in three
//! columns, and the DOCX's hyphenation settings and keep rules read from its XML.

use std::collections::BTreeSet;
use std::path::Path;

mod common;

use common::{Scratch, file, meta, pages, parse, part, tool, words};
use jobdoc::write::{Format, docx, pdf};

/// Where the text column ends on the page (mm): a justified line reaches it.
const RIGHT: f64 = 200.0;

/// A line as the eye reads it: poppler's lines on one baseline joined (poppler splits a line
/// where its gaps are wide), in millimetres from the page's top left corner.
#[derive(Debug)]
struct Row {
    x_max: f64,
    y: f64,
    words: Vec<String>,
}

impl Row {
    fn text(&self) -> String {
        self.words.join(" ")
    }

    /// A justified line: it reaches the right margin.
    fn full(&self) -> bool {
        self.x_max > RIGHT - 0.5
    }

    /// A full line ending with a hyphen: a word broken across lines.
    fn hyphenated(&self) -> bool {
        self.full() && self.words.last().is_some_and(|w| w.ends_with('-'))
    }
}

/// The rows of every page below the top margin (the page number is above it).
fn rows(path: &Path) -> Vec<Vec<Row>> {
    pages(path)
        .into_iter()
        .map(|page| {
            let mut words: Vec<(f64, f64, f64, String)> = page
                .iter()
                .filter(|l| l.y_min >= 19.0)
                .flat_map(|l| l.words.iter().map(|w| (l.y_min, w.0, w.1, w.2.clone())))
                .collect();
            words.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut rows: Vec<Row> = Vec::new();
            for (y, _, x_max, word) in words {
                match rows.last_mut() {
                    Some(row) if (row.y - y).abs() < 0.5 => {
                        row.x_max = row.x_max.max(x_max);
                        row.words.push(word);
                    }
                    _ => rows.push(Row {
                        x_max,
                        y,
                        words: vec![word],
                    }),
                }
            }
            rows
        })
        .collect()
}

/// Every defect of page quality in the PDF at `path`, whose Markdown is `markdown`.
fn defects(path: &Path, markdown: &str) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let pages = rows(path);
    let mut found = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if let Some(last) = page.last().filter(|r| r.text().ends_with(':')) {
            found.push(format!(
                "{name}: page {} ends with a lead-in «{}»",
                n + 1,
                last.text()
            ));
        }
    }
    let all: Vec<&Row> = pages.iter().flatten().collect();
    let mut in_a_row = 0;
    for pair in all.windows(2) {
        let (before, row) = (pair[0], pair[1]);
        in_a_row = if before.hyphenated() { in_a_row + 1 } else { 0 };
        if in_a_row > 2 {
            found.push(format!(
                "{name}: a third hyphenated line in a row «{}»",
                before.text()
            ));
        }
        // a line short of the margin ends its paragraph: not after a broken word
        if before.hyphenated() && !row.full() {
            found.push(format!(
                "{name}: a paragraph's last line follows a hyphenated line «{} / {}»",
                before.text(),
                row.text()
            ));
        }
    }
    // Every word of the PDF, its hyphenated ones joined again, is a word of the Markdown: a
    // word cut across lines (a table header cell, a name) leaves pieces that are not.
    let own_hyphens = regex::Regex::new(r"(\w)-(\w)").unwrap();
    let known: BTreeSet<String> = words(markdown)
        .into_iter()
        .chain(words(&own_hyphens.replace_all(markdown, "$1$2")))
        .collect();
    let text = common::output("pdftotext", &["-enc", "UTF-8"], path);
    // page numbers and table row numbers stand alone on their lines: not words to check
    let text: String = text
        .lines()
        .filter(|l| {
            !l.trim()
                .trim_start_matches('\u{c}')
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join("\n");
    for word in words(&text) {
        if !known.contains(&word) && !word.chars().all(|c| c.is_ascii_digit()) {
            found.push(format!(
                "{name}: «{word}» is not a word of the document: cut?"
            ));
        }
    }
    found
}

/// Builds the project of `s` as Markdown and PDF and returns the defects of every PDF.
fn build_and_check(s: &Scratch) -> Vec<String> {
    let run = s.run(&["build", "--format", "md,pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = s.path().join("out");
    let mut pdfs: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        // pdftotext reads a bilingual PDF's two columns into one another's lines, so its words
        // cannot be compared here; tests/translation.rs and tests/parallel.rs check its layout
        .filter(|p| !p.to_string_lossy().contains(".bilingual."))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() >= 2, "a job description and its sheet: {pdfs:?}");
    pdfs.iter()
        .flat_map(|pdf| {
            let markdown = std::fs::read_to_string(pdf.with_extension("md")).unwrap();
            defects(pdf, &markdown)
        })
        .collect()
}

#[test]
fn every_role_of_the_example_project_reads_well() {
    if !tool("pdftotext") {
        return;
    }
    let defects = build_and_check(&Scratch::new());
    assert!(defects.is_empty(), "{}", defects.join("\n"));
}

/// Issue 12: once names were filled in, the acknowledgement table's header broke inside a word
/// («ознакомлени/я», «Подпи/сь») and a long position pushed the signatory's name to the next
/// line.
#[test]
fn long_names_break_no_word_at_either_size() {
    if !tool("pdftotext") {
        return;
    }
    for size in [12, 14] {
        let s = Scratch::new();
        let roster = std::fs::read_to_string(s.roles().join("_staff.csv")).unwrap();
        let roster = roster
            .replace(
                "Сидорова Елена Викторовна",
                "Ростовцева-Преображенская Анастасия Сергеевна",
            )
            .replace(
                "Ким Александр",
                "Константинопольский Александр Владимирович",
            );
        s.write("roles/_staff.csv", &roster);
        let organization = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
        assert!(organization.contains("font_size: 14"));
        s.write(
            "roles/_organization.yaml",
            &organization.replace("font_size: 14", &format!("font_size: {size}")),
        );
        // a position long enough to wrap, a name as long as names get
        let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
        let role = role.trim_end().to_string()
            + "\n  - position: Заместитель генерального директора по коммерческим вопросам \
               и развитию региональной сети\n    name: А.А. Константинопольская\n";
        s.write("roles/client-manager.yaml", &role);
        let defects = build_and_check(&s);
        assert!(defects.is_empty(), "at {size} pt:\n{}", defects.join("\n"));
        // the name on the position's last line, whole, within the margin
        let pages = rows(&s.path().join("out/client-manager.pdf"));
        let rows: Vec<&Row> = pages.iter().flatten().collect();
        let at = rows
            .iter()
            .position(|r| r.text().contains("Константинопольская"))
            .expect("the signatory's name");
        let row = rows[at];
        assert!(
            row.text()
                .ends_with("________________ А.А. Константинопольская"),
            "at {size} pt: «{}»",
            row.text()
        );
        assert!(
            row.x_max <= RIGHT + 0.05,
            "at {size} pt: ends at {}",
            row.x_max
        );
        // the position's first lines above it, with no blank
        let above: Vec<String> = rows[at.saturating_sub(4)..at]
            .iter()
            .map(|r| r.text())
            .collect();
        let first = above
            .iter()
            .rposition(|r| r.starts_with("Заместитель"))
            .unwrap_or_else(|| {
                panic!("the position wraps above the blank at {size} pt: {above:?}")
            });
        assert!(
            above[first..].iter().all(|r| !r.contains("____")),
            "at {size} pt: {above:?}"
        );
    }
}

/// Wherever the page breaks, a lead-in stays on the page of the beginning of what it
/// introduces: provisions after a paragraph, a dash list after a provision.
#[test]
fn keeps_a_lead_in_with_what_it_introduces_wherever_the_page_breaks() {
    if !tool("pdftotext") {
        return;
    }
    let mut moved = 0;
    for filler in 22..=44 {
        let mut md = String::from("# ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n\n## 1. Общие положения\n\n");
        for i in 1..=filler {
            md.push_str(&format!("1.{i}. Выполняет поручение номер {i}.\n\n"));
        }
        md.push_str(
            "Менеджер по работе с клиентами несет ответственность за:\n\n\
             5.1. Качество коммуникаций с клиентами.\n\n\
             5.2. Руководствуется:\n\n- уставом;\n- правилами.\n",
        );
        let pdf = pdf::write(&parse(&md), &meta()).unwrap();
        let (_dir, path) = file(&pdf);
        let pages = rows(&path);
        let page_of = |start: &str| {
            pages
                .iter()
                .position(|p| p.iter().any(|r| r.text().starts_with(start)))
                .unwrap_or_else(|| panic!("«{start}» with {filler} provisions"))
        };
        assert_eq!(
            page_of("Менеджер по работе"),
            page_of("5.1."),
            "with {filler} provisions"
        );
        assert_eq!(
            page_of("5.2."),
            page_of("– уставом"),
            "with {filler} provisions"
        );
        for page in &pages {
            let last = page.last().unwrap().text();
            assert!(!last.ends_with(':'), "«{last}» ends a page");
        }
        // the rule at work: a lead-in that would have ended the page starts the next one
        if pages
            .iter()
            .any(|p| p.first().unwrap().text().starts_with("Менеджер по работе"))
        {
            moved += 1;
        }
    }
    assert!(
        moved > 0,
        "no lead-in fell at a page's foot: the test tests nothing"
    );
}

#[test]
fn sets_signature_lines_as_position_blank_and_name_lined_up() {
    if !tool("pdftotext") {
        return;
    }
    let md = "# ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n\n## 1. Общие положения\n\n1.1. Текст.\n\n\
              Руководитель отдела по работе с клиентами ________________ П.С.\u{a0}Смирнов\n\n\
              Заместитель генерального директора по коммерческим вопросам и развитию \
              региональной сети ________________ А.А.\u{a0}Константинопольская\n\n\
              Юрист ________________ И.И.\u{a0}Ким\n\n\
              ________________ М.П.\u{a0}Иванова «__» ____________ 20__\u{a0}г.\n";
    let (_dir, path) = file(&pdf::write(&parse(md), &meta()).unwrap());
    let pages = common::pages(&path);
    let words: Vec<&(f64, f64, String)> = pages[0].iter().flat_map(|l| &l.words).collect();
    let lefts =
        |text: &str| -> Vec<f64> { words.iter().filter(|w| w.2 == text).map(|w| w.0).collect() };
    // blanks and names each start at one place
    let blanks = lefts("________________");
    assert_eq!(blanks.len(), 4, "{blanks:?}");
    assert!(
        blanks[1..3].iter().all(|x| (x - blanks[0]).abs() < 0.05),
        "{blanks:?}"
    );
    let names: Vec<f64> = ["П.С.", "А.А.", "И.И."]
        .iter()
        .flat_map(|n| lefts(n))
        .collect();
    assert_eq!(names.len(), 3);
    assert!(
        names.iter().all(|x| (x - names[0]).abs() < 0.05),
        "{names:?}"
    );
    assert!(names[0] > blanks[0]);
    // the long name whole, within the margin; the acknowledgement mark as written, from the left
    let long = words
        .iter()
        .find(|w| w.2 == "Константинопольская")
        .expect("the name");
    assert!(long.1 <= RIGHT + 0.05, "{long:?}");
    assert!(
        (blanks[3] - 30.0).abs() < 0.3,
        "the mark starts the line: {blanks:?}"
    );
}

/// The DOCX asks Word and LibreOffice for what the PDF does: hyphenation limits in the settings,
/// a lead-in kept with the next paragraph, signature lines in a borderless table.
#[test]
fn writes_the_page_rules_into_the_docx() {
    let md = "# ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n\n## 1. Общие положения\n\n\
              1.1. Текст.\n\n1.2. Руководствуется:\n\n- уставом:\n  - разделом 1;\n- правилами.\n\n\
              Менеджер несет ответственность за:\n\n5.1. Качество.\n\n\
              Руководитель отдела ________________ П.С.\u{a0}Смирнов\n\n\
              Юрист ________________ И.И.\u{a0}Ким\n";
    let bytes = docx::write(&parse(md), &meta()).unwrap();
    let settings = part(&bytes, "word/settings.xml");
    for setting in [
        "<w:autoHyphenation/>",
        r#"<w:consecutiveHyphenLimit w:val="2"/>"#,
        r#"<w:hyphenationZone w:val="360"/>"#,
    ] {
        assert!(settings.contains(setting), "{setting} in {settings}");
    }
    // in the schema's order
    let at = |s: &str| settings.find(s).unwrap();
    assert!(at("autoHyphenation") < at("consecutiveHyphenLimit"));
    assert!(at("consecutiveHyphenLimit") < at("hyphenationZone"));
    assert!(at("hyphenationZone") < at("doNotHyphenateCaps"));

    let document = part(&bytes, "word/document.xml");
    let paragraphs: Vec<&str> = document.split("<w:p ").skip(1).collect();
    let kept = |text: &str| {
        let p = paragraphs
            .iter()
            .find(|p| p.contains(text))
            .unwrap_or_else(|| panic!("no paragraph «{text}»"));
        p[..p.find("</w:pPr>").unwrap()].contains("<w:keepNext />")
    };
    for lead_in in ["Руководствуется:", "уставом:", "ответственность за:"]
    {
        assert!(kept(lead_in), "«{lead_in}» is kept with the next paragraph");
    }
    for text in ["Текст.", "разделом 1;", "Качество."] {
        assert!(!kept(text), "«{text}» is not");
    }
    // both signature lines in one table of three columns, the blank and the name at the foot
    assert_eq!(document.matches("<w:tbl>").count(), 1, "one table");
    let table = &document[document.find("<w:tbl>").unwrap()..];
    assert!(table.starts_with(r#"<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable" />"#));
    assert_eq!(table.matches("<w:tr>").count(), 2);
    let grid: Vec<usize> = table
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|c| c[..c.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 3);
    assert_eq!(grid.iter().sum::<usize>(), 9638, "the text width");
    assert_eq!(table.matches(r#"<w:vAlign w:val="bottom" />"#).count(), 6);
    let cells: Vec<&str> = table.split("<w:tc>").skip(1).collect();
    assert!(cells[0].contains("Руководитель отдела") && cells[2].contains("Смирнов"));
    assert!(!table.contains("<w:tblHeader />"));
    let styles = part(&bytes, "word/styles.xml");
    let style = &styles[styles.find(r#"w:styleId="SignatureTable""#).unwrap()..];
    let style = &style[..style.find("</w:style>").unwrap()];
    assert!(!style.contains("w:tblBorders"), "no borders: {style}");
}

/// The committed example's DOCX says the same, for Word and LibreOffice.
#[test]
fn the_example_docx_keeps_its_lead_ins_and_limits_hyphens() {
    let bytes = common::seed(Format::Docx);
    assert!(part(&bytes, "word/settings.xml").contains("consecutiveHyphenLimit"));
    let document = part(&bytes, "word/document.xml");
    let lead_in = document
        .split("<w:p ")
        .find(|p| p.contains("несет ответственность за:"))
        .expect("section 5's lead-in");
    assert!(lead_in.contains("<w:keepNext />"), "{lead_in}");
}
