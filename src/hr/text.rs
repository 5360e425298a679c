//! The text of an edition: what employees sign. It is the job description as rendered (the
//! organization's fragments spliced in, the template's own sentences included), from its first
//! section heading up to the first page break, without signature lines — so requisites, dates
//! and the edition's own number are not part of it. Its fingerprint is `sha256:` and the SHA-256
//! of that text written one block a line ([`EditionText::to_text`]).

use std::borrow::Cow;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::document::{Block, Document, Line, ListItem, plain};

/// A sub-item of a provision, with its own sub-items: the dash lists of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextItem {
    /// The text, one line.
    pub text: String,
    /// Sub-items.
    pub items: Vec<TextItem>,
}

/// The text of an edition: its sections and provisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionText {
    /// Sections in order.
    pub sections: Vec<TextSection>,
}

/// A section of an edition's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSection {
    /// The heading as written, number included: «3. Должностные обязанности».
    pub heading: String,
    /// `##` or `###`.
    pub level: u8,
    /// Provisions, and unnumbered paragraphs (lead-in sentences), in order.
    pub provisions: Vec<Provision>,
}

impl TextSection {
    /// The heading without its number: «Должностные обязанности», how sections are matched.
    pub fn title(&self) -> &str {
        let digits = self
            .heading
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(self.heading.len());
        self.heading[digits..].trim()
    }
}

/// A provision: its number, text and sub-items (dash lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    /// `3.5.`; `None` for an unnumbered paragraph.
    pub number: Option<String>,
    /// The text after the number.
    pub text: String,
    /// Sub-items.
    pub items: Vec<TextItem>,
}

impl Provision {
    /// The whole wording, sub-items included, without the number: what provisions are compared by.
    pub fn wording(&self) -> String {
        fn push(items: &[TextItem], depth: usize, out: &mut String) {
            for i in items {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
                out.push_str("- ");
                out.push_str(&i.text);
                push(&i.items, depth + 1, out);
            }
        }
        let mut out = self.text.clone();
        push(&self.items, 0, &mut out);
        out
    }
}

/// One line of text: runs joined, whitespace (non-breaking spaces too) folded to single spaces,
/// so a change of typography alone does not change the fingerprint.
fn flat(lines: &[Line]) -> String {
    let joined = lines.iter().map(plain).collect::<Vec<_>>().join(" ");
    match crate::locale::fold_whitespace(&joined, &[]) {
        Cow::Owned(folded) => folded,
        Cow::Borrowed(_) => joined,
    }
}

fn list_items(items: &[ListItem]) -> Vec<TextItem> {
    items
        .iter()
        .map(|i| TextItem {
            text: flat(std::slice::from_ref(&i.text)),
            items: list_items(&i.children),
        })
        .collect()
}

impl EditionText {
    /// The text of a rendered job description; of parallel text, the original's (the left
    /// column), which is what is approved and signed.
    pub fn from_document(doc: &Document) -> EditionText {
        let mut sections: Vec<TextSection> = Vec::new();
        for block in doc.original() {
            let section = sections.last_mut();
            match (block, section) {
                (Block::Heading { level, text }, _) => sections.push(TextSection {
                    heading: flat(std::slice::from_ref(text)),
                    level: *level,
                    provisions: Vec::new(),
                }),
                (Block::PageBreak, Some(_)) => break,
                (Block::Provision { number, lines }, Some(s)) => s.provisions.push(Provision {
                    number: Some(number.clone()),
                    text: flat(lines),
                    items: Vec::new(),
                }),
                // a caption is a paragraph of the text: approved fingerprints stay as they were
                (Block::Paragraph { lines } | Block::Caption { lines }, Some(s)) => {
                    s.provisions.push(Provision {
                        number: None,
                        text: flat(lines),
                        items: Vec::new(),
                    })
                }
                (Block::List { items }, Some(s)) => match s.provisions.last_mut() {
                    Some(p) => p.items.extend(list_items(items)),
                    None => s.provisions.push(Provision {
                        number: None,
                        text: String::new(),
                        items: list_items(items),
                    }),
                },
                // before the first heading: requisites, гриф, title; signature lines and tables
                // are not provisions
                _ => {}
            }
        }
        EditionText { sections }
    }

    /// The text one block a line: `## heading`, `3.5. provision`, a paragraph (a leading `\` when
    /// it would read as something else), `- sub-item` indented two spaces a level. Ends with a
    /// newline.
    pub fn to_text(&self) -> String {
        fn items(list: &[TextItem], depth: usize, out: &mut String) {
            for i in list {
                out.push_str(&format!("{}- {}\n", "  ".repeat(depth), i.text));
                items(&i.items, depth + 1, out);
            }
        }
        let mut out = String::new();
        for s in &self.sections {
            out.push_str(&format!("{} {}\n", "#".repeat(s.level.into()), s.heading));
            for p in &s.provisions {
                match &p.number {
                    Some(n) => out.push_str(&format!("{n} {}\n", p.text)),
                    None if p.text.starts_with(|c: char| {
                        c.is_ascii_digit() || matches!(c, '#' | '-' | '\\' | ' ')
                    }) =>
                    {
                        out.push_str(&format!("\\{}\n", p.text))
                    }
                    None => out.push_str(&format!("{}\n", p.text)),
                }
                items(&p.items, 0, &mut out);
            }
        }
        out
    }

    /// Reads back what [`EditionText::to_text`] wrote.
    pub fn parse(text: &str) -> EditionText {
        let mut sections: Vec<TextSection> = vec![];
        for line in text.lines() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if indent == 0 && (line.starts_with("## ") || line.starts_with("### ")) {
                let level = if line.starts_with("## ") { 2 } else { 3 };
                sections.push(TextSection {
                    heading: line[usize::from(level) + 1..].to_string(),
                    level,
                    provisions: Vec::new(),
                });
                continue;
            }
            if sections.is_empty() {
                sections.push(TextSection::default());
            }
            let Some(section) = sections.last_mut() else {
                continue;
            };
            if let Some(item) = rest.strip_prefix("- ") {
                if section.provisions.is_empty() {
                    section.provisions.push(Provision {
                        number: None,
                        text: String::new(),
                        items: Vec::new(),
                    });
                }
                if let Some(p) = section.provisions.last_mut() {
                    let mut list = &mut p.items;
                    for _ in 0..indent / 2 {
                        if list.is_empty() {
                            break;
                        }
                        let last = list.len() - 1;
                        list = &mut list[last].items;
                    }
                    list.push(TextItem {
                        text: item.to_string(),
                        items: Vec::new(),
                    });
                }
            } else if let Some(paragraph) = line.strip_prefix('\\') {
                section.provisions.push(Provision {
                    number: None,
                    text: paragraph.to_string(),
                    items: Vec::new(),
                });
            } else {
                let (number, text) = match provision_number(line) {
                    Some(n) => (Some(n.to_string()), line[n.len()..].trim_start()),
                    None => (None, line),
                };
                section.provisions.push(Provision {
                    number,
                    text: text.to_string(),
                    items: Vec::new(),
                });
            }
        }
        EditionText { sections }
    }
}

/// `3.5.` at the start of `line`, followed by a space.
fn provision_number(line: &str) -> Option<&str> {
    let end = line.find(' ')?;
    let number = &line[..end];
    let parts: Vec<&str> = number.strip_suffix('.')?.split('.').collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .then_some(number)
}

/// `sha256:` and the hex SHA-256 of `text`.
pub fn fingerprint(text: &str) -> String {
    // A role's text is hashed by the edition check, then again for each sheet that prints its
    // fingerprint: the last text hashed on this thread is kept with its fingerprint, as
    // comparing a text costs a thousandth of hashing it.
    thread_local! {
        static LAST: std::cell::RefCell<Option<(String, String)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| match last {
        Some((hashed, print)) if hashed == text => print.clone(),
        _ => {
            let digest = Sha256::digest(text.as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            let print = format!("sha256:{hex}");
            *last = Some((text.to_string(), print.clone()));
            print
        }
    })
}

/// The short form printed on sheets: the first 12 hex digits, `3f9a1c2b7d4e` — one word, so it
/// never breaks across lines, and the start of the fingerprint in `_editions.yaml`.
pub fn short(fingerprint: &str) -> String {
    let hex = fingerprint.strip_prefix("sha256:").unwrap_or(fingerprint);
    hex.chars().take(12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_back_as_written() {
        let text = "## 1. Общие положения\n1.1. Первое\n\\1990 год — абзац\nВводный абзац:\n- пункт\n  - подпункт\n- второй\n### 1.2 Подраздел\n1.2.1. Текст\n";
        let parsed = EditionText::parse(text);
        assert_eq!(parsed.to_text(), text);
        assert_eq!(parsed.sections[0].title(), "Общие положения");
        assert_eq!(
            parsed.sections[0].provisions[2].items[0].items[0].text,
            "подпункт"
        );
        assert_eq!(parsed.sections[0].provisions[1].number, None);
    }

    /// Parallel text is approved and signed in its original: the left column, as if the right
    /// were not there.
    #[test]
    fn the_text_of_parallel_text_is_the_originals() {
        let parse = |md: &str| crate::document::parse(md, std::path::Path::new("t.md")).unwrap();
        let parallel = parse(
            "<!-- columns -->\n\n# Т\n\n<!-- next -->\n\n# T\n\n<!-- row -->\n\n\
             ## 1. Раздел\n\n1.1. Текст:\n\n- пункт.\n\n<!-- next -->\n\n## 1. Section\n\n\
             1.1. Text:\n\n- item\n\n<!-- end columns -->\n\n1.2. Дальше.\n\n---\n\n1.3. Нет.\n",
        );
        let original = parse("# Т\n\n## 1. Раздел\n\n1.1. Текст:\n\n- пункт.\n\n1.2. Дальше.\n");
        let text = EditionText::from_document(&parallel);
        assert_eq!(text, EditionText::from_document(&original));
        assert_eq!(
            text.to_text(),
            "## 1. Раздел\n1.1. Текст:\n- пункт.\n1.2. Дальше.\n"
        );
    }

    #[test]
    fn fingerprints_are_sha256() {
        assert_eq!(
            fingerprint(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(short(&fingerprint("")), "e3b0c44298fc");
    }
}
