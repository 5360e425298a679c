//! Translations: `roles/<id>.<code>.yaml` beside a role, what `jobdoc translate` writes, the
//! warnings that keep a translation honest, and the translated documents it gives.

mod common;

use common::Scratch;

const TRANSLATION: &str = "roles/client-manager.en.yaml";

fn cyrillic(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))
        .collect()
}

/// The line (1-based) of `roles/client-manager.yaml` that holds `needle`.
fn line_of(s: &Scratch, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(s.path().join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn the_example_translation_is_complete_and_current() {
    let s = Scratch::new();
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("translation"), "{}", run.stderr);
    // translate finds nothing to add
    let run = s.run(&["translate", "client-manager", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("is up to date");
}

#[test]
fn translate_writes_every_text_to_translate_and_keeps_the_translated_ones() {
    let s = Scratch::new();
    let before = std::fs::read_to_string(s.path().join(TRANSLATION)).unwrap();
    std::fs::remove_file(s.path().join(TRANSLATION)).unwrap();
    let run = s.run(&["translate", "client-manager", "en", "--date", "2026-07-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("97 text(s), 97 still to translate");
    let written = std::fs::read_to_string(s.path().join(TRANSLATION)).unwrap();
    // the original above each entry, for the translator
    assert!(written.contains("  # Отдел по работе с клиентами\n  \"/department\":\n"));
    assert_eq!(written.matches("    text: \"\"\n").count(), 97);
    // every text untranslated is said, at the original's line, naming the translation file
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = line_of(&s, "roles/client-manager.yaml", "department:");
    run.says(&format!("roles/client-manager.yaml:{line}:"));
    run.says(
        "no English translation of this text (`/department`) in roles/client-manager.en.yaml:",
    );
    // the translator's words stay when the file is brought up to date
    s.write(TRANSLATION, &before);
    s.edit(
        "roles/client-manager.yaml",
        "  - Развивает деловые отношения с клиентами\n",
        "  - Развивает деловые отношения с клиентами\n  - Ведёт учёт звонков\n",
    );
    s.edit(
        "roles/client-manager.yaml",
        "  revision: 1\n",
        "  revision: 2\n",
    );
    let run = s.run(&["translate", "client-manager", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("1 still to translate");
    let after = std::fs::read_to_string(s.path().join(TRANSLATION)).unwrap();
    assert!(
        after.contains("Develops business relationships with clients"),
        "{after}"
    );
    assert!(
        after.contains("  # Ведёт учёт звонков\n  \"/duties/1\":\n"),
        "{after}"
    );
    // the duties after the new one moved down: their translations followed them
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("no English translation").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("older than"), "{}", run.stderr);
}

#[test]
fn a_removed_translation_a_changed_original_and_a_stray_entry_are_warned_at_both_places() {
    let s = Scratch::new();
    // one translation removed
    s.edit(
        TRANSLATION,
        "  \"/department\":\n    source: \"f709a8ac\"\n    text: \"Client Relations Department\"\n",
        "",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = line_of(&s, "roles/client-manager.yaml", "department:");
    run.says(&format!("roles/client-manager.yaml:{line}:13"));
    run.says("no English translation of this text (`/department`)");
    // the original of a translated provision changed: the translation is older than it
    let s = Scratch::new();
    s.edit(
        "roles/client-manager.yaml",
        "department: Отдел по работе с клиентами",
        "department: Отдел продаж",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entry = line_of(&s, TRANSLATION, "\"/department\":") + 1;
    run.says(&format!("roles/client-manager.en.yaml:{entry}:"));
    run.says("the English translation of `/department` is older than the text it translates: the original at roles/client-manager.yaml:");
    run.says("set `source: ");
    // under --strict, an error: nothing is built
    let run = s.run(&["build", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!s.path().join("out").exists());
    // so too when the organization says so
    s.edit(
        "roles/_organization.yaml",
        "ack_rows: 10\n",
        "ack_rows: 10\nstrict_translations: true\n",
    );
    assert_eq!(s.run(&["validate"]).code, 1);
    // an entry for a text the role does not have
    let s = Scratch::new();
    s.edit(
        TRANSLATION,
        "texts:\n",
        "texts:\n  \"/duties/99\":\n    source: \"0badc0de\"\n    text: \"Flies to the Moon.\"\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entry = line_of(&s, TRANSLATION, "\"/duties/99\":");
    run.says(&format!("roles/client-manager.en.yaml:{entry}:3"));
    run.says(
        "this translation translates nothing: no text of roles/client-manager.yaml has source 0badc0de (`/duties/99`)",
    );
}

#[test]
fn the_translated_documents_are_english_and_the_russian_ones_unchanged() {
    let s = Scratch::new();
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: std::collections::BTreeMap<String, Vec<u8>> = s.out_files().into_iter().collect();
    let md = String::from_utf8(files["client-manager.en.md"].clone()).unwrap();
    // no Cyrillic letter outside the acknowledgement sheet, where the roster's names stay
    let (text, sheet) = md.split_once("\n---\n").expect("the sheet's page break");
    assert_eq!(cyrillic(text), Vec::<&str>::new());
    for line in cyrillic(sheet) {
        assert!(line.starts_with("| "), "{line}");
    }
    assert!(text.contains("JOB DESCRIPTION\\\nClient Manager\n"));
    assert!(text.contains("Translation from Russian of July 1, 2026. In case of discrepancies, the Russian text prevails."));
    // the sheet is the original's edition: its fingerprint, which employees sign
    let original = String::from_utf8(files["client-manager.md"].clone()).unwrap();
    let print = |md: &str| -> String {
        let re = regex::Regex::new(r"(?:fingerprint|текста) ([0-9a-f]{12})").unwrap();
        re.captures(md).expect("a fingerprint")[1].to_string()
    };
    assert_eq!(print(sheet), print(&original));
    let ack = String::from_utf8(files["client-manager.ack.en.md"].clone()).unwrap();
    assert!(ack.contains("ACKNOWLEDGEMENT OF RECEIPT"));
    // the Russian documents are the same with and without the translation
    let without = Scratch::new();
    std::fs::remove_file(without.path().join(TRANSLATION)).unwrap();
    assert_eq!(without.run(&["build"]).code, 0);
    let other: std::collections::BTreeMap<String, Vec<u8>> =
        without.out_files().into_iter().collect();
    for (name, bytes) in &other {
        if !name.starts_with('.') {
            assert!(files[name] == *bytes, "{name} differs");
        }
    }
    assert!(!other.contains_key("client-manager.en.pdf"));
    // a changed translation rebuilds the role, and only its translated documents change
    s.edit(
        TRANSLATION,
        "Client Relations Department",
        "Customer Relations Department",
    );
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after: std::collections::BTreeMap<String, Vec<u8>> = s.out_files().into_iter().collect();
    for (name, bytes) in &after {
        let translated = name.contains(".en.") || name.contains(".bilingual.");
        if !name.starts_with('.') && files[name] != *bytes {
            assert!(translated, "{name} changed");
        }
    }
    assert!(after["client-manager.en.md"] != files["client-manager.en.md"]);
    if common::tool("pdftotext") {
        let (_dir, path) = common::file(&files["client-manager.en.pdf"]);
        let info = common::output("pdfinfo", &[], &path);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Title:") && l.ends_with(" Job Description: Client Manager")),
            "{info}"
        );
        let text = common::output("pdftotext", &[], &path);
        let (body, _) = text.split_once("ACKNOWLEDGEMENT OF RECEIPT").unwrap();
        assert_eq!(cyrillic(body), Vec::<&str>::new());
    }
}

#[test]
fn a_translation_of_no_role_and_an_unknown_language_are_said() {
    let s = Scratch::new();
    s.write("roles/sales.en.yaml", "texts: {}\n");
    s.write("roles/warehouse-manager.fr.yaml", "texts: {}\n");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/sales.en.yaml:1:1");
    run.says("not read: a translation of `sales`, which is not a role here");
    run.says("`warehouse-manager.fr` is not a role id");
    run.says("a translation is `<id>.<code>.yaml`, with a code of ru, en");
    // a translation into the role's own language
    let s = Scratch::new();
    s.write("roles/client-manager.ru.yaml", "texts: {}\n");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("a translation of roles/client-manager.yaml into its own language");
}

/// The provision numbers of a job description's Markdown, in order (`1.1.`, `3.2.1.`).
fn numbers(md: &str) -> Vec<String> {
    let re = regex::Regex::new(r"(?m)^(\d+\.(?:\d+\.)+) ").unwrap();
    re.captures_iter(md).map(|c| c[1].to_string()).collect()
}

#[test]
fn the_bilingual_documents_set_every_provision_beside_its_translation() {
    let s = Scratch::new();
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: std::collections::BTreeMap<String, Vec<u8>> = s.out_files().into_iter().collect();
    let original = String::from_utf8(files["client-manager.md"].clone()).unwrap();
    let provisions = numbers(&original);
    assert!(provisions.len() > 40, "{provisions:?}");
    let items = original.lines().filter(|l| l.starts_with("- ")).count();
    // DOCX: a table row per pair, the Russian cell left, the English right
    let xml = common::part(&files["client-manager.bilingual.docx"], "word/document.xml");
    let row = regex::Regex::new(r"(?s)<w:tr>.*?</w:tr>").unwrap();
    let cell = regex::Regex::new(r"(?s)<w:tc>.*?</w:tc>").unwrap();
    let text = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").unwrap();
    let rows: Vec<Vec<String>> = row
        .find_iter(&xml)
        .map(|r| {
            cell.find_iter(r.as_str())
                .map(|c| {
                    text.captures_iter(c.as_str())
                        .map(|t| t[1].to_string())
                        .collect()
                })
                .collect()
        })
        .collect();
    for number in &provisions {
        assert!(
            rows.iter().any(|r| r.len() == 2
                && r[0].starts_with(&format!("{number} "))
                && r[1].starts_with(&format!("{number} "))),
            "{number} is not beside its translation in the DOCX"
        );
    }
    let pairs = |rows: &[Vec<String>]| {
        rows.iter()
            .filter(|r| r.len() == 2 && r[0].starts_with('–') && r[1].starts_with('–'))
            .count()
    };
    assert_eq!(pairs(&rows), items, "dash items beside their translations");
    if common::tool("pdftotext") {
        // PDF: each number twice on one line, once in each half of the page
        let (_dir, path) = common::file(&files["client-manager.bilingual.pdf"]);
        let words: Vec<(f64, f64, String)> = common::pages(&path)
            .into_iter()
            .enumerate()
            .flat_map(|(page, lines)| {
                lines.into_iter().flat_map(move |l| {
                    let y = l.y_min + 1000.0 * page as f64;
                    l.words.into_iter().map(move |(x, _, w)| (x, y, w))
                })
            })
            .collect();
        let middle = 105.0;
        for number in &provisions {
            let left: Vec<_> = words
                .iter()
                .filter(|w| &w.2 == number && w.0 < middle)
                .collect();
            let right: Vec<_> = words
                .iter()
                .filter(|w| &w.2 == number && w.0 > middle)
                .collect();
            assert!(
                left.iter()
                    .any(|l| right.iter().any(|r| (l.1 - r.1).abs() < 0.5)),
                "{number}: {left:?} {right:?}"
            );
        }
        let text = common::output("pdftotext", &[], &path);
        assert!(text.contains("В случае расхождений преимущество имеет"));
        assert!(text.contains("Translation from Russian of July 1, 2026."));
    }
}

#[test]
fn translate_keeps_the_words_of_a_removed_text_and_works_under_strict() {
    let s = Scratch::new();
    s.edit(
        "roles/_organization.yaml",
        "ack_rows: 10\n",
        "ack_rows: 10\nstrict_translations: true\n",
    );
    // the first duty removed: every later duty moves up, the first one's words have no place
    s.edit(
        "roles/client-manager.yaml",
        "  - Развивает деловые отношения с клиентами\n",
        "",
    );
    s.edit(
        "roles/client-manager.yaml",
        "  revision: 1\n",
        "  revision: 2\n",
    );
    assert_eq!(
        s.run(&["validate"]).code,
        1,
        "strict: the stray entry is an error"
    );
    let run = s.run(&["translate", "client-manager", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("0 still to translate");
    let written = std::fs::read_to_string(s.path().join(TRANSLATION)).unwrap();
    assert!(
        written.contains("  # was /duties/0 (source \"d93eca5a\"):\n  #   Develops business relationships with clients\n")
            || written.contains("  # was /duties/0 (source d93eca5a):\n  #   Develops business relationships with clients\n"),
        "{written}"
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_translation_keeps_the_original_s_section_order() {
    let s = Scratch::new();
    // requirements come second in Russian, after the duties in English
    s.write(
        "roles/sales.yaml",
        "title:\n  nominative: Продавец\n  genitive: продавца\n  dative: продавцу\n  instrumental: продавцом\n\
         department: Торговый зал\nedition: { revision: 1, date: 2026-06-05 }\n\
         requirements: [Среднее профессиональное образование]\nduties: [Консультирует покупателей]\n\
         rights: [Получать информацию]\nresponsibilities: [Качество работы]\n",
    );
    let run = s.run(&["translate", "sales", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = "roles/sales.en.yaml";
    let mut text = std::fs::read_to_string(s.path().join(file)).unwrap();
    let mut n = 0;
    while let Some(at) = text.find("text: \"\"") {
        n += 1;
        text.replace_range(at..at + 8, &format!("text: \"Text {n}\""));
    }
    s.write(file, &text);
    let run = s.run(&["build", "sales", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(s.path().join("out/sales.en.md")).unwrap();
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 1. General Provisions",
            "## 2. Qualifications",
            "## 3. Essential Functions",
            "## 4. Rights",
            "## 5. Accountability"
        ]
    );
}

#[test]
fn a_translation_that_prints_nothing_or_cannot_be_drawn_is_an_error_at_its_line() {
    let s = Scratch::new();
    s.edit(
        TRANSLATION,
        "text: \"Client Relations Department\"",
        "text: \".\"",
    );
    s.edit(TRANSLATION, "date: 2026-07-01", "date: 2026-02-30");
    s.edit(
        TRANSLATION,
        "text: \"Develops business relationships with clients\"",
        "text: {nominative: Develops}",
    );
    s.edit(
        TRANSLATION,
        "text: \"specialists\"",
        "text: \"specialists 客\"",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let at = |needle: &str| line_of(&s, TRANSLATION, needle);
    run.says(&format!(
        "roles/client-manager.en.yaml:{}:",
        at("text: \".\"")
    ));
    run.says("the translation prints nothing");
    run.says(&format!(
        "roles/client-manager.en.yaml:{}:7",
        at("date: 2026-02-30")
    ));
    run.says("not a calendar date");
    run.says(&format!(
        "roles/client-manager.en.yaml:{}:",
        at("{nominative: Develops}")
    ));
    run.says("only the title (`/title`) is translated in cases");
    run.says(&format!(
        "roles/client-manager.en.yaml:{}:",
        at("specialists 客")
    ));
}

#[test]
fn strict_checks_roles_a_lenient_build_left_up_to_date() {
    let s = Scratch::new();
    s.edit(
        TRANSLATION,
        "  \"/department\":\n    source: \"f709a8ac\"\n    text: \"Client Relations Department\"\n",
        "",
    );
    assert_eq!(s.run(&["build"]).code, 0);
    let run = s.run(&["build", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("no English translation of this text (`/department`)");
}

#[test]
fn a_fragment_without_a_translation_is_said_at_its_reference() {
    let s = Scratch::new();
    s.edit(
        "roles/_organization.yaml",
        "      charter: the company's charter\n",
        "",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = line_of(&s, "roles/client-manager.yaml", "fragment: charter");
    run.says(&format!("roles/client-manager.yaml:{line}:15"));
    run.says("the fragment `charter` has no English text in _organization.yaml");
}
