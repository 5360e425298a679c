//! `jobdoc ack status`: per role, who has signed the edition in force, who signed an older
//! edition, who never signed (computed by [`crate::hr::status`]).

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::load_with_ids;
use crate::diagnostics::{Diagnostic, Failure, MessageFormat, Span, Warned};
use crate::hr::roster::STAFF_CSV;
use crate::hr::status::{RoleStatus, Standing, role_status};

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
) -> Result<Exit, Failure> {
    let Warned {
        value: project,
        warnings: mut diags,
    } = load_with_ids(args, ids)?;
    if project.hr.roster.file.is_none() {
        diags.push(
            Diagnostic::error(
                &project.paths().roles.join(STAFF_CSV),
                None,
                Span::new(1, 1, 1),
                "no roster: `ack status` needs to know who holds each role",
            )
            .with_hint("add roles/_staff.csv or roles/_staff.yaml (see README.md)"),
        );
    }
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    diags.emit(format);
    let mut pending = 0;
    for role in project
        .roles
        .iter()
        .filter(|r| ids.is_empty() || ids.contains(&r.id))
    {
        let s = role_status(&project.hr, role);
        pending += s.pending;
        match format {
            MessageFormat::Human => print_human(&s),
            MessageFormat::Json => println!(
                "{}",
                serde_json::to_string(&s).map_err(anyhow::Error::from)?
            ),
        }
    }
    Ok(if strict && pending > 0 {
        Exit::Differ
    } else {
        Exit::Ok
    })
}
