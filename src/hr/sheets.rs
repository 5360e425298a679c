//! The data of the sheets around a job description's edition: the лист ознакомления, the job
//! description's last page and the first of `<id>.ack.*` (the employees who hold the role, blank
//! rows, and for `<id>.ack.*` a line per employee for their own copy), and the лист изменений
//! `<id>.changes.*` (what changed since the previous approved edition). Templates show them
//! beside the job description's own view (see [`crate::compose::KINDS`]).

use serde::Serialize;

use crate::date::Date;
use crate::hr::Hr;
use crate::hr::diff::{At, Change, SectionChanges};
use crate::hr::roster::Employee;
use crate::hr::text::{self, EditionText, TextItem};
use crate::locale::Locale;
use crate::model::LoadedRole;

/// What a лист ознакомления shows besides the role.
#[derive(Debug, Serialize)]
pub struct AckSheet {
    /// The short fingerprint of the edition's text: `3f9a1c2b7d4e`.
    pub fingerprint: String,
    /// The edition is approved with this text (else it is a draft).
    pub approved: bool,
    /// The employees who hold the role, in roster order.
    pub employees: Vec<EmployeeView>,
    /// Blank rows after them (`ack_rows` of the organization).
    pub blank_rows: u32,
}

/// An employee as sheets show them.
#[derive(Debug, Serialize)]
pub struct EmployeeView {
    /// Personnel number.
    pub number: String,
    /// «Иванова М.П.».
    pub name: String,
    /// «М.П. Иванова», under a signature.
    pub signature_name: String,
    /// The position title, nominative.
    pub position: String,
    /// Department from the roster, else the role's.
    pub department: String,
    /// «ознакомлен», «ознакомлена», or both forms when the gender is unknown.
    pub acquainted: &'static str,
    /// «получил», «получила», «получил(а)».
    pub received: &'static str,
}

impl EmployeeView {
    fn new(e: &Employee, role: &LoadedRole, locale: &Locale) -> EmployeeView {
        let acquainted = locale.acquainted.of(e.gender);
        let received = locale.received.of(e.gender);
        EmployeeView {
            number: e.number.clone(),
            name: e.surname_initials(),
            signature_name: e.initials_surname(),
            position: role.role.title.nominative.clone(),
            department: e
                .department
                .clone()
                .unwrap_or_else(|| role.role.department.clone()),
            acquainted,
            received,
        }
    }
}

/// The лист ознакомления of `role`, whose edition's text is `text`, with `blank_rows` blank rows.
pub fn ack(
    hr: &Hr,
    role: &LoadedRole,
    text: &EditionText,
    blank_rows: u32,
    locale: &Locale,
) -> AckSheet {
    let print = text::fingerprint(&text.to_text());
    let approved = hr
        .editions
        .get(&role.id, role.role.edition.revision)
        .is_some_and(|e| e.fingerprint == print);
    AckSheet {
        fingerprint: text::short(&print),
        approved,
        // a compensation plan (`<id>.comp`) is signed by those who hold its role
        employees: hr
            .roster
            .of_role(crate::model::compensation::role_of(&role.id))
            .map(|e| EmployeeView::new(e, role, locale))
            .collect(),
        blank_rows,
    }
}

/// What a лист изменений shows besides the role (and the new edition).
#[derive(Debug, Serialize)]
pub struct ChangesSheet {
    /// The new edition's short fingerprint.
    pub fingerprint: String,
    /// The edition it replaces.
    pub previous: PreviousView,
    /// Sections with changes, in the new edition's order; removed sections last.
    pub sections: Vec<SectionView>,
}

/// The edition a change list starts from.
#[derive(Debug, Serialize)]
pub struct PreviousView {
    /// Revision.
    pub revision: u32,
    /// `05.06.2026`.
    pub date: String,
    /// Short fingerprint.
    pub fingerprint: String,
}

/// A section's changes.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The heading, number included.
    pub heading: String,
    /// The section is new.
    pub added: bool,
    /// The section was removed.
    pub removed: bool,
    /// Its changes.
    pub changes: Vec<ChangeView>,
}

/// One change.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// `added`, `removed`, `changed` or `moved`.
    pub kind: &'static str,
    /// Number in the new edition, without the final dot (`3.5`); empty for a removal or a
    /// paragraph without a number.
    pub number: String,
    /// Number in the old edition (empty for an addition or a paragraph without a number).
    pub old_number: String,
    /// The old wording (absent for an addition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<TextItem>,
    /// The new wording (absent for a removal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<TextItem>,
}

fn wording(at: &At) -> TextItem {
    TextItem {
        text: at.provision.text.clone(),
        items: at.provision.items.clone(),
    }
}

fn number(at: &At) -> String {
    at.provision
        .number
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_string()
}

/// Changes as templates see them.
pub fn section_views(changes: &[SectionChanges]) -> Vec<SectionView> {
    changes
        .iter()
        .map(|s| SectionView {
            heading: s.heading.to_string(),
            added: s.added,
            removed: s.removed,
            changes: s
                .changes
                .iter()
                .map(|c| match c {
                    Change::Added(n) => ChangeView {
                        kind: "added",
                        number: number(n),
                        old_number: String::new(),
                        old: None,
                        new: Some(wording(n)),
                    },
                    Change::Removed(o) => ChangeView {
                        kind: "removed",
                        number: String::new(),
                        old_number: number(o),
                        old: Some(wording(o)),
                        new: None,
                    },
                    Change::Changed(o, n) => ChangeView {
                        kind: "changed",
                        number: number(n),
                        old_number: number(o),
                        old: Some(wording(o)),
                        new: Some(wording(n)),
                    },
                    Change::Moved(o, n) => ChangeView {
                        kind: "moved",
                        number: number(n),
                        old_number: number(o),
                        old: None,
                        new: Some(wording(n)),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The лист изменений of `role` from the last edition approved before its own to the current
/// text `text`; `None` when there is no such edition.
pub fn changes(
    hr: &Hr,
    role: &LoadedRole,
    text: &EditionText,
    locale: &Locale,
    organization: &crate::model::Organization,
) -> Option<ChangesSheet> {
    let previous = hr.editions.previous(&role.id, role.role.edition.revision)?;
    let old = EditionText::parse(&previous.text);
    let changes = crate::hr::diff::diff(&old, text);
    Some(ChangesSheet {
        fingerprint: text::short(&text::fingerprint(&text.to_text())),
        previous: PreviousView {
            revision: previous.revision,
            date: Date::parse_iso(&previous.date)
                .map(|d| organization.date(locale, d))
                .unwrap_or_else(|| previous.date.clone()),
            fingerprint: text::short(&previous.fingerprint),
        },
        sections: section_views(&changes),
    })
}
