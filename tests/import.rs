//! `jobdoc import`: the seed job description and small messy fixtures into role files that
//! build, their provisions word for word and in order; the report names the source's oddities.

mod common;

use common::{Run, Scratch, repo};

/// The words of a text, lower case, `ё` as `е`: what "word for word" compares.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The seed's provisions and bullets in order, as `tools/seed_items.py` cuts them: at the
/// numbers `1.1`, `3.18` and at the bullet glyph; section headings and the empty 3.17 left out.
fn seed_items(text: &str) -> Vec<Vec<String>> {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let number = regex::Regex::new(r"^\d{1,2}\.\d{1,2}$").unwrap();
    let heading = regex::Regex::new(r"^\d\.$").unwrap();
    let mut items: Vec<Vec<String>> = Vec::new();
    let tokens: Vec<&str> = folded.split(' ').collect();
    // the document's head, a heading and a section's lead-in are no provisions: marked with
    // a NUL at their start and left out
    let flush = |current: &mut Vec<&str>, items: &mut Vec<Vec<String>>| {
        let w = words(&current.join(" "));
        if current.first() != Some(&"\u{0}") && w.len() >= 2 {
            items.push(w);
        }
        current.clear();
    };
    let mut current: Vec<&str> = vec!["\u{0}"];
    for (i, t) in tokens.iter().enumerate() {
        let next_capital = tokens
            .get(i + 1)
            .is_some_and(|n| n.starts_with(char::is_uppercase));
        if number.is_match(t) || *t == "\u{f0b7}" || (heading.is_match(t) && next_capital) {
            flush(&mut current, &mut items);
            if heading.is_match(t) {
                current.push("\u{0}");
            }
            continue;
        }
        current.push(t.trim_start_matches('\u{f0b7}'));
    }
    flush(&mut current, &mut items);
    items
}

/// The built Markdown's provisions and list entries, in order (section 1 to the end of the
/// job description).
fn built_items(md: &str) -> Vec<Vec<String>> {
    let numbered = regex::Regex::new(r"^\d+(\.\d+)+\.\s").unwrap();
    let body = md.split("\n## ").skip(1).collect::<Vec<_>>().join("\n");
    let body = body.split("\n---").next().unwrap_or_default();
    body.lines()
        .filter_map(|l| {
            if let Some(m) = numbered.find(l) {
                Some(words(&l[m.end()..]))
            } else {
                l.strip_prefix("- ").map(words)
            }
        })
        .collect()
}

/// Imports `file` (relative to the repository) into a scratch project as role `id` and builds
/// it; the import's run and the built Markdown.
fn import_and_build(file: &str, id: &str) -> (Run, String) {
    let s = Scratch::new();
    // the repository's roster names the seed's position already
    s.without_hr_files();
    let source = repo().join(file);
    let run = s.run(&["import", source.to_str().unwrap(), "--id", id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = s.run(&["build", id]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let md = std::fs::read_to_string(s.path().join(format!("out/{id}.md"))).unwrap();
    (run, md)
}

#[test]
fn the_seed_imports_and_builds_word_for_word_in_order() {
    let (run, md) = import_and_build("tests/fixtures/seed-client-manager.txt", "imported");
    let source =
        std::fs::read_to_string(repo().join("tests/fixtures/seed-client-manager.txt")).unwrap();
    let want = seed_items(&source);
    let built = built_items(&md);
    // each source item is one built item, word for word, in the source's order
    let mut at = 0;
    for item in &want {
        let found = built[at..].iter().position(|b| b == item);
        assert!(
            found.is_some(),
            "not in the built text (in order): {}",
            item.join(" ")
        );
        at += found.unwrap() + 1;
    }
    assert!(want.len() >= 95, "{} items", want.len());
    // the leads-in and headings aside, nothing was added
    assert_eq!(built.len(), want.len(), "{built:#?}");
    // the report names the source's oddities at their lines
    run.says("seed-client-manager.txt:178: oddity: empty provision 3.17");
    run.says("seed-client-manager.txt:14: oddity: the provision names `Менеджер по продажам`");
    run.says("`Обества`: a misspelling of `общества`?");
    run.says("placed: the lead-in `Менеджер по работе с клиентами должен знать` → `must_know` (30 items)");
    run.says("guessed: the title is the nominative `Менеджер по работе с клиентами`");
}

#[test]
fn messy_fixtures_import_without_loss() {
    // each fixture, its id and the line of its title (the body follows it)
    for (file, id, title) in [
        ("excerpt.txt", "storekeeper", 5),
        ("no-headings.md", "driver", 1),
        ("eks.txt", "economist", 2),
    ] {
        let path = format!("tests/fixtures/import/{file}");
        let (_, md) = import_and_build(&path, id);
        let source = std::fs::read_to_string(repo().join(&path)).unwrap();
        // every word of the body (after the title line), numbers and bullets aside, is in the
        // built text in the source's order
        let body: String = source.lines().skip(title).collect::<Vec<_>>().join(" ");
        let built = words(
            md.split("\n## ")
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        );
        let mut at = 0;
        for w in words(&body)
            .iter()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        {
            if ["ii", "o", "а", "б"].contains(&w.as_str()) {
                continue;
            }
            let found = built[at..].iter().position(|b| b == w);
            assert!(
                found.is_some(),
                "{file}: `{w}` lost (or out of order)\n{md}"
            );
            at += found.unwrap() + 1;
        }
    }
}

#[test]
fn the_report_names_gaps_and_the_order_and_json_works() {
    let s = Scratch::new();
    let source = repo().join("tests/fixtures/import/excerpt.txt");
    let run = s.run(&[
        "import",
        source.to_str().unwrap(),
        "--message-format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let has = |line: u64, kind: &str, part: &str| {
        lines.iter().any(|v| {
            v["line"] == line && v["kind"] == kind && v["message"].as_str().unwrap().contains(part)
        })
    };
    assert!(has(7, "oddity", "1.3 where 1.1 was due"), "{}", run.stdout);
    assert!(has(16, "oddity", "2.4 where 2.3 was due"), "{}", run.stdout);
    assert!(
        has(1, "placed", "order of 2026-06-05, number 12"),
        "{}",
        run.stdout
    );
    // the id from the title, transliterated
    let role = std::fs::read_to_string(s.roles().join("kladovshchik.yaml")).unwrap();
    assert!(
        role.contains("order: { date: 2026-06-05, number: \"12\" }"),
        "{role}"
    );
    assert!(role.contains("nominative: Кладовщик  # guessed"), "{role}");
    // a second import does not overwrite; --force does
    let again = s.run(&["import", source.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    again.says("the role file already exists; nothing was written");
    let forced = s.run(&["import", source.to_str().unwrap(), "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
}

#[test]
fn formats_to_convert_are_refused_with_how() {
    let s = Scratch::new();
    s.write("old/a.doc", "binary");
    s.write("old/b.pdf", "binary");
    for f in ["old/a.doc", "old/b.pdf"] {
        let run = s.run(&["import", f]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.says("libreoffice --headless --convert-to");
    }
    // a text without the document type names no position
    s.write("old/c.txt", "1.1. Something\n");
    let run = s.run(&["import", "old/c.txt", "--id", "c"]);
    assert_eq!(run.code, 1);
    run.says("old/c.txt:1:1");
    run.says("no title");
    // a folder: every text in it, --id refused for several
    s.write(
        "many/one.txt",
        "Должностная инструкция водителя\n\n1.1. Водитель управляет автомобилем.\n",
    );
    s.write(
        "many/two.md",
        "Должностная инструкция кладовщика\n\n1.1. Кладовщик принимает товары.\n",
    );
    let run = s.run(&["import", "many", "--id", "x"]);
    assert_eq!(run.code, 1);
    run.says("`--id` names the role of one file");
    let run = s.run(&["import", "many"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(s.roles().join("voditel.yaml").exists());
    assert!(s.roles().join("kladovshchik.yaml").exists());
    // two sources of one title: the second never overwrites what the first wrote, --force or not
    s.write(
        "same/a.txt",
        "Должностная инструкция водителя\n\n1.1. Первый файл.\n",
    );
    s.write(
        "same/b.txt",
        "Должностная инструкция водителя\n\n1.1. Второй файл.\n",
    );
    let run = s.run(&["import", "same", "--force"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("`voditel` was written from same/a.txt in this import");
    let role = std::fs::read_to_string(s.roles().join("voditel.yaml")).unwrap();
    assert!(role.contains("Первый файл"), "{role}");
}

/// The seed as a DOCX of Word list numbering: section headings at level 0 («%1.»), provisions at
/// level 1 («%1.%2.»), bullets a bullet list; the numbers are in numbering.xml, not in the text.
/// Each line of the text file is a paragraph, as LibreOffice converts it.
fn seed_with_list_numbering() -> Vec<u8> {
    use docx_rs::*;
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/seed-client-manager.txt")).unwrap();
    let level = |l: usize, format: &str, text: &str| {
        Level::new(
            l,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let mut docx = Docx::new()
        .add_abstract_numbering(
            // ids above docx-rs's own default list (1)
            AbstractNumbering::new(10)
                .add_level(level(0, "decimal", "%1."))
                .add_level(level(1, "decimal", "%1.%2.")),
        )
        .add_numbering(Numbering::new(10, 10))
        .add_abstract_numbering(
            AbstractNumbering::new(11).add_level(level(0, "bullet", "\u{f0b7}")),
        )
        .add_numbering(Numbering::new(11, 11));
    let heading = regex::Regex::new(r"^\d\.\s+(\S.*)$").unwrap();
    let provision = regex::Regex::new(r"^\d{1,2}\.\d{1,2}\.?(?:\s+|$)(.*)$").unwrap();
    let paragraph = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    for line in text.lines() {
        let line = line.trim();
        docx = docx.add_paragraph(if let Some(c) = heading.captures(line) {
            paragraph(&c[1]).numbering(NumberingId::new(10), IndentLevel::new(0))
        } else if let Some(c) = provision.captures(line) {
            paragraph(&c[1]).numbering(NumberingId::new(10), IndentLevel::new(1))
        } else if let Some(rest) = line.strip_prefix('\u{f0b7}') {
            paragraph(rest.trim()).numbering(NumberingId::new(11), IndentLevel::new(0))
        } else {
            paragraph(line)
        });
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    bytes.into_inner()
}

#[test]
fn the_seed_as_docx_imports_to_the_same_provisions() {
    let s = Scratch::new();
    s.without_hr_files();
    std::fs::write(
        s.path().join("list-numbering.docx"),
        seed_with_list_numbering(),
    )
    .unwrap();
    let txt = repo().join("tests/fixtures/seed-client-manager.txt");
    let literal = repo().join("tests/fixtures/import/seed-literal-numbers.docx");
    for (source, id) in [
        (txt.to_str().unwrap(), "from-text"),
        (literal.to_str().unwrap(), "from-literal"),
        ("list-numbering.docx", "from-list"),
    ] {
        let run = s.run(&["import", source, "--id", id]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // the oddities are found in each form, at the same line or paragraph: each line of the
        // text is a paragraph of the DOCX
        run.says(":178: oddity: empty provision 3.17");
        run.says(":14: oddity: the provision names `Менеджер по продажам`");
        run.says("`Обества`: a misspelling");
    }
    let build = s.run(&["build", "from-text", "from-literal", "from-list"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let md = |id: &str| {
        let text = std::fs::read_to_string(s.path().join(format!("out/{id}.md"))).unwrap();
        built_items(&text)
    };
    let from_text = md("from-text");
    assert!(from_text.len() >= 95);
    assert_eq!(md("from-literal"), from_text);
    assert_eq!(md("from-list"), from_text);
}

#[test]
fn docx_tables_are_read_cell_by_cell() {
    use docx_rs::*;
    let cell =
        |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let docx = Docx::new()
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика")),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("2. Должностные обязанности")))
        .add_table(Table::new(vec![
            TableRow::new(vec![cell("2.1"), cell("Принимает товары на склад.")]),
            TableRow::new(vec![cell("2.2"), cell("Выдает товары со склада.")]),
        ]))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Права")))
        .add_table(Table::new(vec![TableRow::new(vec![
            cell("Требовать соблюдения правил хранения."),
            cell("Вносить предложения руководству."),
        ])]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    let s = Scratch::new();
    std::fs::write(s.path().join("table.docx"), bytes.into_inner()).unwrap();
    let run = s.run(&["import", "table.docx", "--id", "table"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = s.run(&["build", "table"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let md = std::fs::read_to_string(s.path().join("out/table.md")).unwrap();
    for want in [
        "1.1. Принимает товары на склад.",
        "1.2. Выдает товары со склада.",
        "2.1. Требовать соблюдения правил хранения.",
        "2.2. Вносить предложения руководству.",
    ] {
        assert!(md.contains(want), "{want} in\n{md}");
    }
}

#[test]
fn repeated_provisions_and_deep_numbers_are_reported_and_kept() {
    let s = Scratch::new();
    s.write(
        "old/a.txt",
        "Должностная инструкция кладовщика\n\n\
         ОБЯЗАННОСТИ\n\
         1. Принимает товары.\n\
         2. Ведет учет:\n\
         2.1. приходных документов;\n\
         2.1.1. накладных;\n\
         3. Принимает товары.\n",
    );
    let run = s.run(&["import", "old/a.txt", "--id", "a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("old/a.txt:8: oddity: repeated provision: the same words as line 4");
    let role = std::fs::read_to_string(s.roles().join("a.yaml")).unwrap();
    assert_eq!(role.matches("Принимает товары").count(), 2, "{role}");
    assert!(role.contains("numbered: true"), "{role}");
    let build = s.run(&["build", "a"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let md = std::fs::read_to_string(s.path().join("out/a.md")).unwrap();
    assert!(md.contains("1.2.1.1. накладных"), "{md}");
}

#[test]
fn docx_list_numbers_of_paragraph_styles_are_read() {
    use docx_rs::*;
    let level = |l: usize, text: &str| {
        Level::new(
            l,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    // Word's way: the list is in the styles («Heading», and «Provision» through the style it is
    // based on), the paragraphs name only their style
    let styled = |id: &str, level: Option<usize>| {
        let mut style = Style::new(id, StyleType::Paragraph).name(id);
        if let Some(l) = level {
            style.paragraph_property =
                ParagraphProperty::new().numbering(NumberingId::new(10), IndentLevel::new(l));
        }
        style
    };
    let paragraph = |style: &str, t: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(t))
    };
    let docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(10)
                .add_level(level(0, "%1."))
                .add_level(level(1, "%1.%2.")),
        )
        .add_numbering(Numbering::new(10, 10))
        .add_style(styled("SectionHeading", Some(0)))
        .add_style(styled("ProvisionBase", Some(1)))
        .add_style(styled("Provision", None).based_on("ProvisionBase"))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика")),
        )
        .add_paragraph(paragraph("SectionHeading", "Должностные обязанности"))
        .add_paragraph(paragraph("Provision", "Принимает товары на склад."))
        .add_paragraph(paragraph("Provision", "Выдает товары со склада."))
        .add_paragraph(paragraph("SectionHeading", "Порядок приемки"))
        .add_paragraph(paragraph("Provision", "Товар принимается по накладной."))
        // docx-rs writes numbering.xml's relationship only for a paragraph with a list of its
        // own (Word always writes it): an empty one, out of any list (numId 0)
        .add_paragraph(Paragraph::new().numbering(NumberingId::new(0), IndentLevel::new(0)));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    let s = Scratch::new();
    std::fs::write(s.path().join("styled.docx"), bytes.into_inner()).unwrap();
    let run = s.run(&["import", "styled.docx", "--id", "styled"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let role = std::fs::read_to_string(s.roles().join("styled.yaml")).unwrap();
    // a heading of the text's own is one by its number («2.» before «2.1.»), which only the
    // style gives
    assert!(
        role.contains("duties:\n  - Принимает товары на склад\n  - Выдает товары со склада\n"),
        "{role}"
    );
    assert!(
        role.contains(
            "  - title: Порядок приемки\n    items:\n      - Товар принимается по накладной\n"
        ),
        "{role}"
    );
    assert!(!run.stderr.contains("numbering gap"), "{}", run.stderr);
}

#[test]
fn long_texts_fold_into_a_role_file_that_loads() {
    // a provision with sub-items, a section of the role's own and its lead-in, each longer
    // than a folded line: folded deeper than their keys, or the file does not parse
    let long = "Ведет переговоры с потенциальными клиентами организации о заключении договоров поставки товаров и оказании услуг";
    let s = Scratch::new();
    s.without_hr_files();
    s.write(
        "old/long.txt",
        &format!(
            "Должностная инструкция кладовщика\n\n\
             ОБЯЗАННОСТИ\n\
             1. {long}:\n\
             1.1. {long};\n\
             2. Принимает товары.\n\n\
             ПОРЯДОК ВЗАИМОДЕЙСТВИЯ С ДРУГИМИ ПОДРАЗДЕЛЕНИЯМИ ОРГАНИЗАЦИИ ПРИ ПРИЕМКЕ И ОТГРУЗКЕ ТОВАРОВ СО СКЛАДА\n\
             1. {long}.\n"
        ),
    );
    let run = s.run(&["import", "old/long.txt", "--id", "long"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("YAML syntax"), "{}", run.stderr);
    let role = std::fs::read_to_string(s.roles().join("long.yaml")).unwrap();
    assert!(role.contains(">-"), "{role}");
    let validate = s.run(&["validate", "roles/long.yaml"]);
    assert_eq!(validate.code, 0, "{}\n{role}", validate.stderr);
    let build = s.run(&["build", "long"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let md = std::fs::read_to_string(s.path().join("out/long.md"))
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(md.contains(long), "{md}");
}

#[test]
fn a_paragraph_giving_only_its_level_numbers_in_its_styles_list() {
    use docx_rs::*;
    let level = |l: usize, text: &str| {
        Level::new(
            l,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let mut style = Style::new("Numbered", StyleType::Paragraph).name("Numbered");
    style.paragraph_property =
        ParagraphProperty::new().numbering(NumberingId::new(10), IndentLevel::new(0));
    // Word's way for a sub-level of a style's list: the paragraph's numPr has only `ilvl`
    let paragraph = |t: &str, level: Option<usize>| {
        let mut p = Paragraph::new()
            .style("Numbered")
            .add_run(Run::new().add_text(t));
        if let Some(l) = level {
            p.property.numbering_property = Some(NumberingProperty {
                id: None,
                level: Some(IndentLevel::new(l)),
            });
        }
        p
    };
    let docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(10)
                .add_level(level(0, "%1."))
                .add_level(level(1, "%1.%2.")),
        )
        .add_numbering(Numbering::new(10, 10))
        .add_style(style)
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика")),
        )
        .add_paragraph(paragraph("Должностные обязанности", None))
        .add_paragraph(paragraph("Принимает товары на склад.", Some(1)))
        .add_paragraph(paragraph("Выдает товары со склада.", Some(1)))
        .add_paragraph(paragraph("Порядок приемки", None))
        .add_paragraph(paragraph("Товар принимается по накладной.", Some(1)))
        .add_paragraph(Paragraph::new().numbering(NumberingId::new(0), IndentLevel::new(0)));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    let s = Scratch::new();
    std::fs::write(s.path().join("levels.docx"), bytes.into_inner()).unwrap();
    let run = s.run(&["import", "levels.docx", "--id", "levels"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let role = std::fs::read_to_string(s.roles().join("levels.yaml")).unwrap();
    assert!(
        role.contains("duties:\n  - Принимает товары на склад\n  - Выдает товары со склада\n"),
        "{role}\n{}",
        run.stderr
    );
    // a heading of the text's own by its number («2.» before «2.1.»): the level's
    assert!(
        role.contains(
            "  - title: Порядок приемки\n    items:\n      - Товар принимается по накладной\n"
        ),
        "{role}"
    );
}
