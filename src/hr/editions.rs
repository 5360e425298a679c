//! Editions bound to their text. `jobdoc approve ROLE` records the current edition in
//! `roles/_editions.yaml`: revision, date, approver, fingerprint and the text itself (so that a
//! later edition can be compared with it, and anyone can recompute the fingerprint with
//! `sha256sum`). From then on, a role whose revision is approved must render to the approved
//! text: a change needs a new edition. A revision above the last approved one is a draft and
//! changes freely.

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::hr::text::{EditionText, fingerprint};
use crate::load::schema::Schema;
use crate::load::{self, LoadedYaml};
use crate::model::LoadedRole;
use crate::model::hr::{ApprovedEdition, EditionsFile, PayAt};

/// The lock file's name inside the roles folder.
pub const EDITIONS_FILE: &str = "_editions.yaml";

/// The approved editions of a project.
#[derive(Debug, Clone, Default)]
pub struct Editions {
    /// `roles/_editions.yaml`.
    pub file: PathBuf,
    /// Role id → approved editions, oldest first.
    pub roles: EditionsFile,
    /// The file's text and tree, to point diagnostics at an entry; `None` when there is no file.
    loaded: Option<(String, load::yaml::Node)>,
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
            Some((source, node)) => (Some(source.as_str()), node.span_of(pointer)),
            None => (None, Span::new(1, 1, 1)),
        }
    }

    /// The file's bytes: a header comment, then each role's editions, the text as a literal block.
    pub fn to_yaml(&self) -> anyhow::Result<String> {
        let mut out = String::from(
            "# yaml-language-server: $schema=editions.schema.json\n\
             # Approved editions of each role, bound to their text. Written by `jobdoc approve`;\n\
             # do not edit: `fingerprint` is the SHA-256 of `text`, which employees signed.\n",
        );
        if !self.roles.is_empty() {
            out.push_str(&load::yaml::to_string(&self.roles)?);
        }
        Ok(out)
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
    }) = load::load_data_yaml::<EditionsFile>(&file, Some(dir), &schema, diags)
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
/// render to the approved text, and a revision below the last approved one is an error. An
/// edition marked editorial that changes more than spelling and punctuation is a warning: its
/// employees will not sign again.
pub fn check_role(role: &LoadedRole, editions: &Editions, text: &EditionText) -> Vec<Diagnostic> {
    let mut problems = check_revision(role, editions, text);
    if role.role.edition.editorial
        && let Some(previous) = editions.previous(&role.id, role.role.edition.revision)
    {
        let old = EditionText::parse(&previous.text);
        let changes = crate::hr::diff::diff(&old, text);
        let mut substantive: Vec<String> = changes
            .iter()
            .flat_map(|s| &s.changes)
            .filter(|c| !is_editorial(c))
            .map(|c| c.label())
            .collect();
        substantive.dedup();
        if !substantive.is_empty() {
            let shown = substantive.len().min(8);
            let place = role
                .node
                .pointer("/edition/editorial")
                .map_or(revision_span(role), |n| n.span);
            problems.push(
                Diagnostic::warning(
                    &role.path,
                    Some(&role.source),
                    place,
                    format!(
                        "edition {} is marked editorial, but changes more than spelling and punctuation since edition {}: {}{}",
                        role.role.edition.revision,
                        previous.revision,
                        substantive[..shown].join(", "),
                        if substantive.len() > shown { ", …" } else { "" }
                    ),
                )
                .with_hint("employees who signed the edition before will not sign again: remove `editorial: true` unless the meaning is unchanged"),
            );
        }
    }
    problems
}

/// True when a change only corrects spelling, punctuation, letter case or spacing: the same
/// words in the same order, numbers unchanged, each changed word a letter or two from what it
/// was and beginning as it did («договора» → «договоры»). A word added or removed («не»), a
/// prefix changed («допустимо» → «недопустимо», «до» → «по»), or another number, is a change of
/// meaning.
fn is_editorial(change: &crate::hr::diff::Change) -> bool {
    use crate::hr::diff::Change;
    let Change::Changed(old, new) = change else {
        return false;
    };
    let (old, new) = (old.provision.wording(), new.provision.wording());
    same_words_but_spelling(&old, &new)
}

/// See [`is_editorial`].
fn same_words_but_spelling(old: &str, new: &str) -> bool {
    let words = |s: &str| -> Vec<Vec<char>> {
        s.chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .to_lowercase()
            .split_whitespace()
            .map(|w| w.chars().collect())
            .collect()
    };
    let (old, new) = (words(old), words(new));
    old.len() == new.len()
        && old.iter().zip(&new).all(|(a, b)| {
            if a == b {
                return true;
            }
            let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
            let digits = a.iter().chain(b).any(char::is_ascii_digit);
            let prefix = a.len() > 2 && b.len() > 2 && a[..2] == b[..2];
            !digits
                && prefix
                && a.len().abs_diff(b.len()) <= 1
                && strsim::levenshtein(&sa, &sb) <= if a.len() > 6 { 2 } else { 1 }
        })
}

/// The revision checks of [`check_role`].
fn check_revision(role: &LoadedRole, editions: &Editions, text: &EditionText) -> Vec<Diagnostic> {
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
            let changes = crate::hr::diff::diff(&old, text);
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
    role.node
        .pointer("/edition/revision")
        .map_or(Span::new(1, 1, 1), |r| r.span)
}

/// Records the current edition of `role`, whose text is `text`, as approved. `approved_by` says
/// who or what approved it; `pay`, a compensation plan's pay by attainment (empty for a job
/// description).
pub fn approve(
    editions: &mut Editions,
    role: &LoadedRole,
    text: &EditionText,
    approved_by: String,
    pay: Vec<PayAt>,
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
        pay,
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
    use super::same_words_but_spelling as editorial;

    #[test]
    fn spelling_is_editorial_a_change_of_meaning_is_not() {
        assert!(editorial("заключает договора", "заключает договоры"));
        assert!(editorial("Готовит отчеты.", "готовит отчёты"));
        for (old, new) in [
            ("это обязательно", "это необязательно"),
            ("это допустимо", "это недопустимо"),
            ("включительно", "исключительно"),
            ("до 31 декабря", "по 31 декабря"),
            ("срок 10 дней", "срок 30 дней"),
            ("организует доставку", "не организует доставку"),
        ] {
            assert!(!editorial(old, new), "{old} → {new}");
        }
    }
}
