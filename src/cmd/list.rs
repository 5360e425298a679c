//! `jobdoc list`: the roles of the project at a glance — id, position, the edition in force and
//! its date, a draft edition in the works, and how many employees have still to sign.

use serde::Serialize;

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::load_with_ids;
use crate::diagnostics::{Failure, MessageFormat, Warned};
use crate::hr::status::role_status;

/// One role's line, as `--message-format json` prints it.
#[derive(Debug, Serialize)]
struct RoleLine {
    reason: &'static str,
    role: String,
    title: String,
    /// The last approved edition; `None` when none is.
    #[serde(skip_serializing_if = "Option::is_none")]
    in_force: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved: Option<String>,
    /// The role file's edition when it is newer than the one in force (or none is approved).
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<u32>,
    /// Employees holding the role; `None` without a roster.
    #[serde(skip_serializing_if = "Option::is_none")]
    employees: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pending: Option<usize>,
}

/// Lists the roles of the project.
pub fn run(args: &ProjectArgs, format: MessageFormat) -> Result<Exit, Failure> {
    let Warned {
        value: project,
        warnings,
    } = load_with_ids(args, &[])?;
    warnings.emit(format);
    let hr = &project.hr;
    let lines: Vec<RoleLine> = project
        .roles
        .iter()
        .map(|role| {
            let last = hr.editions.of(&role.id).last();
            let current = role.role.edition.revision;
            let status = hr.roster.file.is_some().then(|| role_status(hr, role));
            RoleLine {
                reason: "role",
                role: role.id.clone(),
                title: role.role.title.nominative.clone(),
                in_force: last.map(|e| e.revision),
                approved: last.map(|e| e.date.clone()),
                draft: last.is_none_or(|e| current > e.revision).then_some(current),
                employees: status.as_ref().map(|s| s.employees.len()),
                pending: status.map(|s| s.pending),
            }
        })
        .collect();
    match format {
        MessageFormat::Json => {
            for line in &lines {
                println!(
                    "{}",
                    serde_json::to_string(line).map_err(anyhow::Error::from)?
                );
            }
        }
        MessageFormat::Human => {
            for l in &lines {
                let edition = match (l.in_force, &l.approved) {
                    (Some(n), Some(date)) => format!("edition {n} of {date}"),
                    _ => "not approved".to_string(),
                };
                let draft = l.draft.map(|d| format!(", draft {d}")).unwrap_or_default();
                let signed = match (l.employees, l.pending) {
                    (Some(n), Some(0)) => format!(", {n} employee(s), all signed"),
                    (Some(n), Some(p)) => format!(", {n} employee(s), {p} pending"),
                    _ => String::new(),
                };
                println!("{:<24} {}  ({edition}{draft}{signed})", l.role, l.title);
            }
            eprintln!("{} role(s)", lines.len());
        }
    }
    Ok(Exit::Ok)
}
