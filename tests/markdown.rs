//! The Markdown users see: a snapshot of the seed role, and text from YAML that can never change
//! the document's structure.

mod common;

use std::path::Path;

use common::Scratch;
use jobdoc::compose::view::strip_end_punctuation;
use jobdoc::document::{Block, Document, escape_markdown, parse, plain};

fn kinds(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Provision { number, .. } => format!("provision {number}"),
            Block::Heading { level, .. } => format!("heading {level}"),
            Block::List { items } => format!("list of {}", items.len()),
            other => format!("{other:?}")
                .split([' ', '{', '('])
                .next()
                .unwrap()
                .to_string(),
        })
        .collect()
}

#[test]
fn renders_the_seed_role() {
    let s = Scratch::new();
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // the seed in the standard structure; the warehouse manager in its own: section 1 reworded
    // and reordered, sections in the order of a qualification characteristic, numbered
    // sub-items, abbreviations ending provisions, a гриф of an order
    for id in ["client-manager", "warehouse-manager"] {
        let file = format!("{id}.md");
        let md = std::fs::read_to_string(s.path().join("out").join(&file)).unwrap();
        insta::assert_snapshot!(file.clone(), md);
        // the committed output is what the roles build to
        let committed = std::fs::read_to_string(common::repo().join("out").join(&file)).unwrap();
        assert_eq!(md, committed, "out/{file} is stale: run jobdoc build");
    }
}

#[test]
fn markdown_in_provisions_stays_text() {
    let s = Scratch::new();
    // the seed role is replaced, which its approved edition would refuse
    s.without_hr_files();
    let plain_role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    let hostile =
        std::fs::read_to_string(common::repo().join("tests/fixtures/injection.yaml")).unwrap();
    s.write("roles/plain.yaml", &plain_role.replace(
        "  - Разрабатывает программы лояльности\n",
        "  - Разрабатывает программы лояльности\n  - a\n  - b\n  - c\n  - d\n  - e\n  - f\n",
    ).replace("  - Развивает деловые отношения с клиентами\n", ""));
    s.write("roles/client-manager.yaml", &hostile);
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| {
        let md = std::fs::read_to_string(s.path().join("out").join(name)).unwrap();
        parse(&md, Path::new("t.md")).unwrap()
    };
    let hostile_doc = read("client-manager.md");
    let plain_doc = read("plain.md");
    assert_eq!(kinds(&hostile_doc), kinds(&plain_doc));
    let texts: Vec<String> = hostile_doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Provision { number, lines } if number.starts_with("3.") => {
                Some(lines.iter().map(plain).collect::<Vec<_>>().join(" "))
            }
            _ => None,
        })
        .collect();
    for want in [
        "Развивает *деловые* отношения с __клиентами__ # не заголовок | не таблица",
        "<b>Разрабатывает</b> программы [лояльности](http://example.com) ![x](y) `код`",
        "1. Не список, а текст",
        "- Тоже не список",
        "Первая строка ## вторая строка не заголовок > третья не цитата",
        "---",
        "> не гриф",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(want)),
            "{want} not literal in {texts:#?}"
        );
    }
}

#[test]
fn escapes_everything_markdown_would_interpret() {
    assert_eq!(escape_markdown("1. пункт"), "1\\. пункт");
    assert_eq!(escape_markdown("- пункт"), "\\- пункт");
    assert_eq!(escape_markdown("1) пункт"), "1\\) пункт");
    assert_eq!(escape_markdown("05.06.2026"), "05.06.2026");
    assert_eq!(
        escape_markdown("a *b* _c_ <b> [x](y) # |"),
        "a \\*b\\* \\_c\\_ \\<b\\> \\[x\\](y) \\# \\|"
    );
}

#[test]
fn strips_list_punctuation() {
    let ru = jobdoc::locale::DEFAULT;
    assert_eq!(strip_end_punctuation("текст; ", ru), "текст");
    assert_eq!(strip_end_punctuation("услуги:", ru), "услуги");
    // an abbreviation keeps its period, whatever mark the author typed after it
    assert_eq!(strip_end_punctuation("цены и т. д.;", ru), "цены и т. д.");
    assert_eq!(strip_end_punctuation("цены и т.д.", ru), "цены и т.д.");
    assert_eq!(strip_end_punctuation("в 2026 г.", ru), "в 2026 г.");
    assert_eq!(strip_end_punctuation("отчеты и др.", ru), "отчеты и др.");
    assert_eq!(strip_end_punctuation("сделки...", ru), "сделки");
    assert_eq!(strip_end_punctuation("подпункт д", ru), "подпункт д");
    assert_eq!(strip_end_punctuation("текст\u{a0}", ru), "текст");
    assert_eq!(strip_end_punctuation("и т. п.\u{a0};", ru), "и т. п.");
    assert_eq!(strip_end_punctuation("текст. ;", ru), "текст");
}
