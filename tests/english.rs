//! English job descriptions: the example role written in English (`language: en`) comes out in
//! English in every format — no Cyrillic letter, an English title, `en-US` in the PDF catalog and
//! the DOCX, English hyphenation — and the Russian roles beside it are not touched by it. The
//! checks of English role and organization files at their lines.

use hyphenation::{Hyphenator, Load, Standard};

mod common;

use common::{Scratch, output, part, tool};

/// The English example role.
const ROLE: &str = "customer-service-representative";

/// A scratch copy of the example project, built; the run must succeed.
fn built() -> Scratch {
    let s = Scratch::new();
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

/// A file of `out/`.
fn out(s: &Scratch, name: &str) -> Vec<u8> {
    std::fs::read(s.path().join("out").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cyrillic(text: &str) -> Option<char> {
    text.chars().find(|c| ('\u{400}'..='\u{4ff}').contains(c))
}

/// Every XML part of a DOCX package, as text.
fn docx_parts(docx: &[u8]) -> Vec<(String, String)> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    names
        .into_iter()
        .map(|name| {
            let text = part(docx, &name);
            (name, text)
        })
        .collect()
}

/// The US English patterns jobdoc embeds, as the PDF writer loads them.
fn english_patterns() -> Standard {
    let mut bytes = jobdoc::locale::EN.hyphenation;
    Standard::any_from_reader(&mut bytes).expect("the en-US dictionary loads")
}

#[test]
fn the_english_role_has_no_cyrillic_letter_in_any_format() {
    let s = built();
    for kind in ["", ".ack"] {
        let md = String::from_utf8(out(&s, &format!("{ROLE}{kind}.md"))).unwrap();
        assert_eq!(cyrillic(&md), None, "{ROLE}{kind}.md:\n{md}");
        for (name, xml) in docx_parts(&out(&s, &format!("{ROLE}{kind}.docx"))) {
            assert_eq!(cyrillic(&xml), None, "{ROLE}{kind}.docx {name}");
        }
        if tool("pdftotext") {
            let pdf = s.path().join(format!("out/{ROLE}{kind}.pdf"));
            let text = output("pdftotext", &["-enc", "UTF-8"], &pdf);
            let text = text + &output("pdfinfo", &["-enc", "UTF-8"], &pdf);
            assert_eq!(cyrillic(&text), None, "{ROLE}{kind}.pdf:\n{text}");
        }
    }
    // the text is English: its sections and the organization in its English words
    let md = String::from_utf8(out(&s, &format!("{ROLE}.md"))).unwrap();
    for part in [
        "JOB DESCRIPTION\\\nCustomer Service Representative",
        "Revision 1 of June 5, 2026, No. JD-12",
        "## 2. Essential Functions",
        "### Marginal Functions",
        "3.1. Education: High school diploma",
        "Primer LLC is an equal opportunity employer.",
        "customers’ inquiries",
    ] {
        assert!(md.contains(part), "{part:?} in\n{md}");
    }
}

#[test]
fn metadata_and_language_are_english() {
    let s = built();
    let docx = out(&s, &format!("{ROLE}.docx"));
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:language>en-US</dc:language>"), "{core}");
    assert!(
        core.contains("<dc:title>Job Description: Customer Service Representative</dc:title>"),
        "{core}"
    );
    // every run takes its language from the styles: en-US, and nothing says otherwise
    for (name, xml) in docx_parts(&docx) {
        for (i, _) in xml.match_indices("w:lang ") {
            let tag = &xml[i..i + xml[i..].find("/>").unwrap()];
            assert!(tag.contains("w:val=\"en-US\""), "{name}: {tag}");
            assert!(!tag.contains("ru-RU"), "{name}: {tag}");
        }
    }
    assert!(part(&docx, "word/styles.xml").contains("<w:lang w:val=\"en-US\"/>"));
    let pdf = out(&s, &format!("{ROLE}.pdf"));
    assert!(pdf.windows(12).any(|w| w == b"/Lang(en-US)"), "PDF /Lang");
    if tool("pdfinfo") {
        let info = output("pdfinfo", &[], &s.path().join(format!("out/{ROLE}.pdf")));
        assert!(
            info.contains("Title:           Job Description: Customer Service Representative"),
            "{info}"
        );
        assert!(
            info.contains("Subject:         Job Description\n"),
            "{info}"
        );
        assert!(info.contains("Author:          Primer Limited Liability Company"));
        let ack = output(
            "pdfinfo",
            &[],
            &s.path().join(format!("out/{ROLE}.ack.pdf")),
        );
        assert!(
            ack.contains(
                "Title:           Acknowledgement of Receipt: Customer Service Representative"
            ),
            "{ack}"
        );
    }
}

#[test]
fn english_words_break_at_english_hyphenation_points() {
    let en = english_patterns();
    let cases = [
        ("employee", "em-ployee"),
        ("representative", "rep-re-sen-ta-tive"),
        ("responsibilities", "re-spon-si-bil-i-ties"),
        ("department", "de-part-ment"),
        ("information", "in-for-ma-tion"),
        ("accommodations", "ac-com-mo-da-tions"),
        ("investigation", "in-ves-ti-ga-tion"),
        ("merchandise", "mer-chan-dise"),
        ("exhaustive", "ex-haus-tive"),
        ("qualifications", "qual-i-fi-ca-tions"),
    ];
    let mut wrong = Vec::new();
    for (word, expected) in cases {
        let got: Vec<&str> = en.hyphenate(word).into_iter().segments().collect();
        if got.join("-") != expected {
            wrong.push(format!("{word}: {} (expected {expected})", got.join("-")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // the Russian patterns know no Latin word: English text hyphenated with them stays loose
    let mut bytes = jobdoc::locale::RU.hyphenation;
    let ru = Standard::any_from_reader(&mut bytes).unwrap();
    assert!(ru.hyphenate("representative").breaks.is_empty());
}

#[test]
fn the_english_pdf_hyphenates_at_english_points_only() {
    if !tool("pdftotext") {
        return;
    }
    let s = built();
    let en = english_patterns();
    let md = String::from_utf8(out(&s, &format!("{ROLE}.md"))).unwrap();
    let text = output(
        "pdftotext",
        &["-layout", "-enc", "UTF-8"],
        &s.path().join(format!("out/{ROLE}.pdf")),
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut breaks = Vec::new();
    for pair in lines.windows(2) {
        let Some(head) = pair[0].trim_end().strip_suffix('-') else {
            continue;
        };
        let head = head.rsplit(' ').next().unwrap_or("");
        let tail: String = pair[1]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        // a word's own hyphen (e-mail, change-of-address) is not a hyphenation point
        if head.is_empty() || md.contains(&format!("{head}-{tail}")) {
            continue;
        }
        let word = format!("{head}{tail}");
        let points = en.hyphenate(&word.to_lowercase()).breaks;
        assert!(
            points.contains(&head.len()),
            "{head}-{tail}: not an en-US hyphenation point of {word} ({points:?})"
        );
        breaks.push(format!("{head}-{tail}"));
    }
    assert!(
        !breaks.is_empty(),
        "too few hyphenated lines to judge: {breaks:?}"
    );
}

#[test]
fn russian_documents_do_not_depend_on_english_roles_or_translations() {
    let with = built();
    // the same project without its English role, employee and the organization's translation
    let without = Scratch::new();
    std::fs::remove_file(without.roles().join(format!("{ROLE}.yaml"))).unwrap();
    std::fs::remove_file(without.roles().join("client-manager.en.yaml")).unwrap();
    let org = std::fs::read_to_string(without.roles().join("_organization.yaml")).unwrap();
    let org = &org[..org
        .find("\n# The organization in English")
        .expect("the translation")];
    without.write("roles/_organization.yaml", &format!("{org}\n"));
    let staff = std::fs::read_to_string(without.roles().join("_staff.csv")).unwrap();
    let staff: String = staff
        .lines()
        .filter(|l| !l.contains(ROLE))
        .map(|l| format!("{l}\n"))
        .collect();
    without.write("roles/_staff.csv", &staff);
    let run = without.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let russian = |s: &Scratch| -> Vec<(String, Vec<u8>)> {
        s.out_files()
            .into_iter()
            .filter(|(name, _)| {
                let translated = name.contains(".en.") || name.contains(".bilingual.");
                !name.starts_with(ROLE) && !name.starts_with('.') && !translated
            })
            .collect()
    };
    let (a, b) = (russian(&with), russian(&without));
    // six files of each Russian role (5), the seed's vacancy (three documents, two postings),
    // the three sales roles' plans and vacancies (three documents and two postings each)
    assert_eq!(
        a.len(),
        59,
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs");
    }
}

/// Builds `role` as `roles/example.yaml` in the example project; returns the run.
fn build_role(role: &str) -> common::Run {
    let s = Scratch::new();
    s.without_hr_files();
    s.write("roles/example.yaml", role);
    s.run(&["build", "example", "--format", "md"])
}

#[test]
fn checks_english_and_russian_roles_at_their_lines() {
    // a Russian role gives the title's case forms
    let run = build_role(
        "title: Менеджер\ndepartment: Отдел\nedition: { revision: 1 }\nduties: [Работает]\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("error: the title must give its case forms: documents in `ru` decline it");
    run.says("roles/example.yaml:1:8");
    // a language jobdoc does not write, with the ones it does
    let run =
        build_role("language: fr\ntitle: Vendeur\ndepartment: Ventes\nedition: { revision: 1 }\n");
    assert_eq!(run.code, 1);
    run.says("`language` must be one of [\"ru\",\"en\"], found \"fr\"");
    run.says("roles/example.yaml:1:11");
    // what only English documents print, in a Russian role
    let russian = std::fs::read_to_string(common::repo().join("roles/client-manager.yaml"))
        .unwrap()
        .replacen("department:", "summary: Продает\ndepartment:", 1);
    let run = build_role(&russian);
    assert_eq!(run.code, 1);
    run.says("error: `summary` is printed only in documents in `en`, not in `ru`");
    // `essential` marks a duty, not a sub-item
    let run = build_role(
        "language: en\ntitle: Clerk\ndepartment: Office\nedition: { revision: 1 }\nduties:\n  - text: Files records\n    items:\n      - text: by date\n        essential: false\n",
    );
    assert_eq!(run.code, 1);
    run.says("error: `essential` marks a duty or function, not this entry");
    run.says("roles/example.yaml:9:9");
    // an English role needs no case forms, category or appointment
    let run = build_role(
        "language: en\ntitle: Clerk\ndepartment: Office\nedition: { revision: 1 }\nduties: [Files records]\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_english_organization_makes_every_role_english_unless_it_says_otherwise() {
    let s = Scratch::new();
    s.without_hr_files();
    let org = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
    // no translation into its own language
    let english = org.replacen("name: Общество", "language: en\nname: Общество", 1);
    s.write("roles/_organization.yaml", &english);
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("error: `en` is the organization's own language");
    let english = &english[..english.find("\n# The organization in English").unwrap()];
    s.write("roles/_organization.yaml", &format!("{english}\n"));
    // the Russian roles say so; an English template of the project's own replaces the built-in
    for id in [
        "client-manager",
        "warehouse-manager",
        "account-executive",
        "customer-success-manager",
        "sales-development-representative",
    ] {
        let path = s.roles().join(format!("{id}.yaml"));
        let role = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, role.replacen("title:", "language: ru\ntitle:", 1)).unwrap();
    }
    s.write(
        "roles/clerk.yaml",
        "title: Clerk\ndepartment: Office\nedition: { revision: 1, date: 2026-06-05 }\nduties: [Files records]\n",
    );
    s.write(
        "templates/ack.md",
        "{{ organization.name }}\n\nOur own sheet for {{ role.title.nominative }}\n",
    );
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| std::fs::read_to_string(s.path().join("out").join(name)).unwrap();
    assert!(read("clerk.md").contains("JOB DESCRIPTION\\\nClerk\n"));
    assert!(read("clerk.md").contains("Revision 1 of June 5, 2026"));
    assert!(read("clerk.ack.md").contains("Our own sheet for Clerk"));
    assert!(read("client-manager.md").contains("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"));
    assert!(read("client-manager.ack.md").contains("ЛИСТ ОЗНАКОМЛЕНИЯ"));
    // an English organization need not decline its approver's position, until a Russian role
    // is approved by an order
    let without = english.replace("  position_genitive: генерального директора\n", "");
    s.write("roles/_organization.yaml", &format!("{without}\n"));
    let run = s.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("error: an order approves this job description, and documents in `ru` name the approver's position in the genitive");
    run.says("roles/warehouse-manager.yaml:");
    // a Russian organization declines it
    let russian = without.replacen("language: en\n", "", 1);
    s.write("roles/_organization.yaml", &format!("{russian}\n"));
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("error: missing `position_genitive` in `approver`");
}

#[test]
fn dates_are_iso_when_the_organization_asks() {
    let s = Scratch::new();
    // for the English documents only: the Russian ones keep theirs
    s.edit(
        "roles/_organization.yaml",
        "    closing:\n",
        "    dates: iso\n    closing:\n",
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = String::from_utf8(out(&s, &format!("{ROLE}.md"))).unwrap();
    assert!(md.contains("Revision 1 of 2026-06-05, No. JD-12"), "{md}");
    let translated = String::from_utf8(out(&s, "client-manager.en.md")).unwrap();
    assert!(
        translated.contains("Translation from Russian of 2026-07-01."),
        "{translated}"
    );
    let russian = String::from_utf8(out(&s, "client-manager.md")).unwrap();
    assert!(russian.contains("05.06.2026 № ДИ-07"));
}
