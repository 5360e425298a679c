//! The seed role holds the seed job description (tests/fixtures/seed-client-manager.txt, a copy of
//! shared/seeds) completely: every provision and sub-item, in the seed's order, word for word,
//! apart from the three fixes the role makes (the typo «Обества», item 1.4 naming another
//! position, the empty item 3.17 dropped).

mod common;

use jobdoc::compose::view::{ItemView, items};
use jobdoc::load::Paths;
use jobdoc::model::{Role, list};
use jobdoc::project::Project;

/// Whitespace folded, the seed's bullet glyph (U+F0B7) and non-breaking spaces as spaces.
fn fold(s: &str) -> String {
    s.replace(['\u{f0b7}', '\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The seed with the role's fixes applied.
fn seed() -> String {
    let text =
        std::fs::read_to_string(common::repo().join("tests/fixtures/seed-client-manager.txt"))
            .unwrap();
    fold(&text).replace("Обества", "Общества").replace(
        "1.4 Менеджер по продажам",
        "1.4 Менеджер по работе с клиентами",
    )
}

fn flatten(list: &[ItemView], out: &mut Vec<String>) {
    for item in list {
        out.push(item.text.clone());
        flatten(&item.items, out);
    }
}

/// Number of numbered items `n.M` with text in the seed (an empty one, like 3.17, not counted).
fn seed_provisions(seed: &str, n: u32) -> usize {
    let number = regex::Regex::new(&format!(r"^{n}\.\d+$")).unwrap();
    let words: Vec<&str> = seed.split(' ').collect();
    words
        .windows(2)
        .filter(|w| number.is_match(w[0]) && !w[1].starts_with(|c: char| c.is_ascii_digit()))
        .count()
}

/// The end of the first occurrence of `text` in `seed` after `from` that starts and ends at word
/// boundaries (so «прогноз» does not match «прогнозы»).
fn find_words(seed: &str, from: usize, text: &str) -> Option<usize> {
    let mut start = from;
    while let Some(at) = seed[start..].find(text) {
        let begin = start + at;
        let end = begin + text.len();
        let before = seed[..begin].chars().next_back();
        let after = seed[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(end);
        }
        start = begin + text.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[test]
fn every_seed_provision_is_in_the_role_word_for_word_in_order() {
    let project = Project::load(&Paths::new(&common::repo().join("roles"), None), None)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .value;
    let loaded = project
        .roles
        .iter()
        .find(|r| r.id == "client-manager")
        .unwrap();
    let role: &Role = &loaded.role;
    let org = &project.organization;
    let seed = seed();
    let mut texts = Vec::new();
    for l in [
        &role.guided_by,
        &role.must_know,
        &role.functions,
        &role.duties,
        &role.rights,
        &role.responsibilities,
    ] {
        flatten(&items(list(l), org, jobdoc::locale::DEFAULT), &mut texts);
    }
    let mut from = 0;
    for text in &texts {
        from = find_words(&seed, from, text)
            .unwrap_or_else(|| panic!("not in the seed (in order, word for word): {text}"));
    }
    // the provisions of sections 2–5 are all there: nothing dropped but the empty 3.17
    assert_eq!(list(&role.functions).len(), seed_provisions(&seed, 2));
    assert_eq!(list(&role.duties).len(), seed_provisions(&seed, 3));
    assert_eq!(list(&role.rights).len(), seed_provisions(&seed, 4));
    assert_eq!(
        list(&role.responsibilities).len(),
        seed_provisions(&seed, 5)
    );
    // and every bullet of the seed is a list item or sub-item of the role
    let bullets =
        std::fs::read_to_string(common::repo().join("tests/fixtures/seed-client-manager.txt"))
            .unwrap()
            .matches('\u{f0b7}')
            .count();
    let sub_items: usize = [&role.duties]
        .iter()
        .flat_map(|l| items(list(l), org, jobdoc::locale::DEFAULT))
        .map(|i| i.items.len())
        .sum();
    assert_eq!(
        items(list(&role.guided_by), org, jobdoc::locale::DEFAULT).len()
            + items(list(&role.must_know), org, jobdoc::locale::DEFAULT).len()
            + sub_items,
        bullets
    );
}

#[test]
fn generated_provisions_match_the_seed() {
    let md = std::fs::read_to_string(common::repo().join("out/client-manager.md")).unwrap();
    let seed = seed().to_lowercase();
    // 1.1–1.5 are built from the title forms and single fields; the seed capitalises the title
    // mid-sentence, so compare without case.
    for n in 1..=7 {
        let prefix = format!("1.{n}. ");
        let line = md.lines().find(|l| l.starts_with(&prefix)).unwrap();
        let text = fold(&line[prefix.len()..]).to_lowercase();
        let text = text.trim_end_matches(['.', ':']);
        assert!(seed.contains(&format!("1.{n} {text}")), "1.{n}: {text}");
    }
}
