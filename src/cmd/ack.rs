//! `jobdoc ack status`: per role, who has signed the edition in force (the last approved one),
//! who signed an older edition, who never signed. A signature of an older edition still counts
//! when every edition approved after it is editorial.

use serde::Serialize;

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::{load_with_ids, report};
use crate::diagnostics::{Diagnostic, MessageFormat, Span};
use crate::editions::Editions;
use crate::model::hr::SignatureRecord;
use crate::project::{LoadedRole, Project};
use crate::roster::Employee;

/// Where an employee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Standing {
    /// Signed the edition in force (or one that only editorial editions followed).
    Signed,
    /// Signed an older edition only.
    Outdated,
    /// Never signed any edition of the role.
    Never,
}

/// One employee's line of the status.
#[derive(Debug, Serialize)]
struct EmployeeStatus {
    number: String,
    name: String,
    status: Standing,
    /// The last edition signed, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// One role's status, as `--message-format json` prints it.
#[derive(Debug, Serialize)]
struct RoleStatus {
    reason: &'static str,
    role: String,
    /// The edition employees must have signed.
    revision: u32,
    /// False when no edition is approved yet (the role file's edition is counted then).
    approved: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// A newer edition is open in the role file and not approved yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<u32>,
    employees: Vec<EmployeeStatus>,
    pending: usize,
}

/// True when a signature of `signed` covers `in_force`: the same edition, or only editorial
/// editions approved after it.
fn covers(editions: &Editions, id: &str, signed: u32, in_force: u32) -> bool {
    signed == in_force
        || (signed < in_force
            && editions
                .of(id)
                .iter()
                .filter(|e| e.revision > signed && e.revision <= in_force)
                .all(|e| e.editorial))
}

fn employee_status(
    e: &Employee,
    role: &str,
    in_force: u32,
    signatures: &[SignatureRecord],
    editions: &Editions,
) -> EmployeeStatus {
    let last = signatures
        .iter()
        .filter(|s| s.employee == e.number && s.role == role)
        .max_by(|a, b| (a.revision, &a.date).cmp(&(b.revision, &b.date)));
    let status = match last {
        Some(s) if covers(editions, role, s.revision, in_force) => Standing::Signed,
        Some(_) => Standing::Outdated,
        None => Standing::Never,
    };
    EmployeeStatus {
        number: e.number.clone(),
        name: e.surname_initials().replace('\u{a0}', " "),
        status,
        revision: last.map(|s| s.revision),
        date: last.map(|s| s.date.clone()),
    }
}

fn role_status(project: &Project, role: &LoadedRole) -> RoleStatus {
    let last = project.editions.of(&role.id).last();
    let current = role.role.edition.revision;
    let revision = last.map_or(current, |e| e.revision);
    let employees: Vec<EmployeeStatus> = project
        .roster
        .of_role(&role.id)
        .map(|e| {
            employee_status(
                e,
                &role.id,
                revision,
                &project.signatures,
                &project.editions,
            )
        })
        .collect();
    RoleStatus {
        reason: "ack-status",
        role: role.id.clone(),
        revision,
        approved: last.is_some(),
        date: last.map(|e| e.date.clone()),
        draft: (last.is_some() && current > revision).then_some(current),
        pending: employees
            .iter()
            .filter(|e| e.status != Standing::Signed)
            .count(),
        employees,
    }
}

fn print_human(s: &RoleStatus) {
    let edition = match (&s.date, s.approved) {
        (Some(date), true) => format!("edition {} of {date} in force", s.revision),
        _ => format!("no approved edition; counting edition {}", s.revision),
    };
    let draft = s
        .draft
        .map(|d| format!(", edition {d} is a draft"))
        .unwrap_or_default();
    println!(
        "{}: {edition}{draft} — {} employee(s), {} pending",
        s.role,
        s.employees.len(),
        s.pending
    );
    for e in &s.employees {
        let what = match (e.status, e.revision, &e.date) {
            (Standing::Never, _, _) => "never signed".to_string(),
            (_, Some(r), Some(d)) => format!("edition {r} on {d}"),
            _ => String::new(),
        };
        let word = match e.status {
            Standing::Signed => "signed ",
            _ => "pending",
        };
        println!("  {word}  {:<8} {:<24} {what}", e.number, e.name);
    }
}

/// Prints the status of `ids` (every role when empty).
pub fn status(
    ids: &[String],
    args: &ProjectArgs,
    strict: bool,
    format: MessageFormat,
) -> anyhow::Result<Exit> {
    let (paths, project, mut diags) = match load_with_ids(args, ids)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(report(&diags, format)),
    };
    if project.roster.file.is_none() {
        diags.push(
            Diagnostic::error(
                &paths.roles.join(crate::roster::STAFF_CSV),
                None,
                Span::new(1, 1, 1),
                "no roster: `ack status` needs to know who holds each role",
            )
            .with_hint("add roles/_staff.csv or roles/_staff.yaml (see README.md)"),
        );
    }
    if diags.has_errors() {
        return Ok(report(&diags, format));
    }
    diags.emit(format);
    let mut pending = 0;
    for role in project
        .roles
        .iter()
        .filter(|r| ids.is_empty() || ids.contains(&r.id))
    {
        let s = role_status(&project, role);
        pending += s.pending;
        match format {
            MessageFormat::Human => print_human(&s),
            MessageFormat::Json => println!("{}", serde_json::to_string(&s)?),
        }
    }
    Ok(if strict && pending > 0 {
        Exit::Differ
    } else {
        Exit::Ok
    })
}
