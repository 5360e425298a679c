//! Editions bound to their text. The text of an edition is what employees sign: the job
//! description as rendered (the organization's fragments spliced in, the template's own sentences
//! included), from its first section heading up to the first page break, without signature lines
//! — so requisites, dates and the edition's own number are not part of it. Its fingerprint is
//! `sha256:` and the SHA-256 of that text written one block a line ([`EditionText::to_text`]).
//!
//! `jobdoc approve ROLE` records the current edition in `roles/_editions.yaml`: revision, date,
//! approver, fingerprint and the text itself (so that a later edition can be compared with it,
//! and anyone can recompute the fingerprint with `sha256sum`). From then on, a role whose
//! revision is approved must render to the approved text: a change needs a new edition. A
//! revision above the last approved one is a draft and changes freely.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::document::{Block, Document, Line, ListItem, plain};
use crate::model::check::Schema;
use crate::model::date::Date;
use crate::model::hr::{ApprovedEdition, EditionsFile};
use crate::project::{LoadedRole, LoadedYaml};
use crate::view::ItemView;

/// The lock file's name inside the roles folder.
pub const EDITIONS_FILE: &str = "_editions.yaml";

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
    pub items: Vec<ItemView>,
}

impl Provision {
    /// The whole wording, sub-items included, without the number: what provisions are compared by.
    pub fn wording(&self) -> String {
        fn push(items: &[ItemView], depth: usize, out: &mut String) {
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
    lines
        .iter()
        .map(plain)
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn list_items(items: &[ListItem]) -> Vec<ItemView> {
    items
        .iter()
        .map(|i| ItemView {
            text: flat(std::slice::from_ref(&i.text)),
            items: list_items(&i.children),
        })
        .collect()
}

impl EditionText {
    /// The text of a rendered job description.
    pub fn from_document(doc: &Document) -> EditionText {
        let mut sections: Vec<TextSection> = Vec::new();
        for block in &doc.blocks {
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
                (Block::Paragraph { lines }, Some(s)) => s.provisions.push(Provision {
                    number: None,
                    text: flat(lines),
                    items: Vec::new(),
                }),
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
        fn items(list: &[ItemView], depth: usize, out: &mut String) {
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
                    list.push(ItemView {
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
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The short form printed on sheets: the first 12 hex digits, `3f9a1c2b7d4e` — one word, so it
/// never breaks across lines, and the start of the fingerprint in `_editions.yaml`.
pub fn short(fingerprint: &str) -> String {
    let hex = fingerprint.strip_prefix("sha256:").unwrap_or(fingerprint);
    hex.chars().take(12).collect()
}

/// The approved editions of a project.
#[derive(Debug, Clone, Default)]
pub struct Editions {
    /// `roles/_editions.yaml`.
    pub file: PathBuf,
    /// Role id → approved editions, oldest first.
    pub roles: EditionsFile,
    /// The file's text and tree, to point diagnostics at an entry; `None` when there is no file.
    loaded: Option<(String, crate::yaml::Node)>,
}

impl Editions {
    /// The approved editions of role `id`, oldest first.
    pub fn of(&self, id: &str) -> &[ApprovedEdition] {
        self.roles.get(id).map_or(&[], Vec::as_slice)
    }

    /// The approved edition `revision` of role `id`.
    pub fn get(&self, id: &str, revision: u32) -> Option<&ApprovedEdition> {
        self.of(id).iter().find(|e| e.revision == revision)
    }

    /// The last approved edition of `id` before `revision`: what a change list compares with.
    pub fn previous(&self, id: &str, revision: u32) -> Option<&ApprovedEdition> {
        self.of(id).iter().rev().find(|e| e.revision < revision)
    }

    /// The place of `/id/index/key` in the file, for diagnostics.
    fn span(&self, pointer: &str) -> (Option<&str>, Span) {
        match &self.loaded {
            Some((source, node)) => (
                Some(source.as_str()),
                node.pointer(pointer).map_or(Span::new(1, 1, 1), |n| n.span),
            ),
            None => (None, Span::new(1, 1, 1)),
        }
    }

    /// The file's bytes: a header comment, then each role's editions, the text as a literal block.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# yaml-language-server: $schema=editions.schema.json\n\
             # Approved editions of each role, bound to their text. Written by `jobdoc approve`;\n\
             # do not edit: `fingerprint` is the SHA-256 of `text`, which employees signed.\n",
        );
        let body = serde_yaml::to_string(&self.roles).unwrap_or_default();
        if !self.roles.is_empty() {
            out.push_str(&body);
        }
        out
    }
}

/// Loads `roles/_editions.yaml` of `dir` (empty when there is none) and checks it: revisions in
/// increasing order, dates, and every fingerprint the hash of its text. `role_ids` are the roles
/// of the project (an entry of another role is a warning: the role was deleted or renamed).
pub fn load(dir: &Path, role_ids: &[String], diags: &mut Diagnostics) -> Editions {
    let file = dir.join(EDITIONS_FILE);
    if !file.is_file() {
        return Editions {
            file,
            ..Editions::default()
        };
    }
    let schema = Schema::new(crate::model::hr::editions_schema());
    let Some(LoadedYaml {
        value,
        source,
        node,
    }) = crate::project::load_hr_yaml::<EditionsFile>(&file, &schema, diags)
    else {
        return Editions {
            file,
            ..Editions::default()
        };
    };
    let editions = Editions {
        file: file.clone(),
        roles: value,
        loaded: Some((source, node)),
    };
    for (id, list) in &editions.roles {
        if !role_ids.contains(id) {
            let (src, span) = editions.span(&format!("/{id}"));
            diags.push(Diagnostic::warning(
                &file,
                src,
                Span::new(span.line.saturating_sub(1).max(1), 1, id.chars().count()),
                format!("approved editions of `{id}`, which is not a role"),
            ));
        }
        for (i, e) in list.iter().enumerate() {
            let at = |key: &str| editions.span(&format!("/{id}/{i}/{key}"));
            if i > 0 && e.revision <= list[i - 1].revision {
                let (src, span) = at("revision");
                diags.push(Diagnostic::error(
                    &file,
                    src,
                    span,
                    format!(
                        "revision {} after revision {}: editions are listed in increasing order",
                        e.revision,
                        list[i - 1].revision
                    ),
                ));
            }
            if Date::parse_iso(&e.date).is_none() {
                let (src, span) = at("date");
                diags.push(Diagnostic::error(
                    &file,
                    src,
                    span,
                    format!("`{}` is not a date (YYYY-MM-DD)", e.date),
                ));
            }
            if fingerprint(&e.text) != e.fingerprint {
                let (src, span) = at("fingerprint");
                diags.push(
                    Diagnostic::error(
                        &file,
                        src,
                        span,
                        format!(
                            "the approved text of `{id}` edition {} does not match its fingerprint",
                            e.revision
                        ),
                    )
                    .with_hint("the file was edited by hand; restore it from version control"),
                );
            }
        }
    }
    editions
}

/// Checks a role's current edition against the approved ones: an approved revision must still
/// render to the approved text, and a revision below the last approved one is an error.
pub fn check_role(role: &LoadedRole, editions: &Editions, text: &EditionText) -> Vec<Diagnostic> {
    let revision = role.role.edition.revision;
    let approved = editions.of(&role.id);
    let place = revision_span(role);
    let error = |message: String| Diagnostic::error(&role.path, Some(&role.source), place, message);
    let Some(last) = approved.last() else {
        return vec![];
    };
    if let Some(e) = editions.get(&role.id, revision) {
        let current = text.to_text();
        if fingerprint(&current) != e.fingerprint {
            let old = EditionText::parse(&e.text);
            let changes = crate::diff::diff(&old, text);
            let mut numbers: Vec<String> = changes
                .iter()
                .flat_map(|s| &s.changes)
                .map(|c| c.label())
                .collect();
            numbers.dedup();
            numbers.truncate(5);
            return vec![
                error(format!(
                    "the text of edition {revision} changed after it was approved on {}: {}",
                    e.date,
                    if numbers.is_empty() {
                        "its wording differs".to_string()
                    } else {
                        numbers.join(", ")
                    }
                ))
                .with_hint(format!(
                    "employees signed the approved text: open a new edition (edition.revision: {}, its date), then `jobdoc approve {}`; add `editorial: true` for typos only. `jobdoc diff {}` shows the changes",
                    last.revision.saturating_add(1),
                    role.id,
                    role.id
                )),
            ];
        }
    } else if revision < last.revision {
        return vec![error(format!(
            "edition {revision} is older than the approved edition {} of `{}`",
            last.revision, role.id
        ))];
    }
    vec![]
}

/// Where `edition.revision` is in the role file.
fn revision_span(role: &LoadedRole) -> Span {
    crate::yaml::parse(&role.source)
        .ok()
        .and_then(|n| n.pointer("/edition/revision").map(|r| r.span))
        .unwrap_or(Span::new(1, 1, 1))
}

/// Records the current edition of `role`, whose text is `text`, as approved. `approved_by` says
/// who or what approved it.
pub fn approve(
    editions: &mut Editions,
    role: &LoadedRole,
    text: &EditionText,
    approved_by: String,
) -> Result<ApprovalOutcome, Box<Diagnostic>> {
    let edition = &role.role.edition;
    let place = revision_span(role);
    let error = |message: String| {
        Box::new(Diagnostic::error(
            &role.path,
            Some(&role.source),
            place,
            message,
        ))
    };
    let text = text.to_text();
    let print = fingerprint(&text);
    if let Some(e) = editions.get(&role.id, edition.revision) {
        return if e.fingerprint == print {
            Ok(ApprovalOutcome::AlreadyApproved)
        } else {
            Err(error(format!(
                "edition {} is approved with another text; open a new edition",
                edition.revision
            )))
        };
    }
    let Some(date) = edition.date.clone() else {
        return Err(error(format!(
            "edition {} has no date: an approved edition needs one (edition.date)",
            edition.revision
        )));
    };
    let list = editions.roles.entry(role.id.clone()).or_default();
    if let Some(last) = list.last() {
        if last.revision > edition.revision {
            return Err(error(format!(
                "edition {} is older than the approved edition {}",
                edition.revision, last.revision
            )));
        }
    } else if edition.editorial {
        return Err(error(
            "the first approved edition cannot be editorial: there is no edition before it".into(),
        ));
    }
    list.push(ApprovedEdition {
        revision: edition.revision,
        date,
        approved_by,
        editorial: edition.editorial,
        fingerprint: print,
        text,
    });
    Ok(ApprovalOutcome::Approved)
}

/// What `approve` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalOutcome {
    /// The edition is now recorded.
    Approved,
    /// It was already, with this text.
    AlreadyApproved,
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

    #[test]
    fn fingerprints_are_sha256() {
        assert_eq!(
            fingerprint(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(short(&fingerprint("")), "e3b0c44298fc");
    }
}
