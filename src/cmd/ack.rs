//! `jobdoc ack status`: per role, who has signed the edition in force, who signed an older
//! edition, who never signed (computed by [`crate::hr::status`]); `jobdoc ack sign`: records
//! signatures.

use crate::build::lock::{FolderLock, Mode};
use crate::build::staging;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::load_with_ids;
use crate::date::{BuildDate, Date};
use crate::diagnostics::{
    Diagnostic, Diagnostics, Failure, MessageFormat, Span, Warned, printable,
};
use crate::document::NBSP;
use crate::hr::records::{self, SIGNATURES_FILE};
use crate::hr::roster::STAFF_CSV;
use crate::hr::status::{RoleStatus, Standing, role_status};
use crate::load;
use crate::model::hr::SignatureRecord;

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
    // each job description, and each compensation plan (`<id>.comp`) after its role's
    let documents = project
        .roles
        .iter()
        .flat_map(|r| std::iter::once(r.clone()).chain(r.plan()))
        .filter(|r| ids.is_empty() || ids.contains(&r.id));
    for role in documents {
        let s = role_status(&project.hr, &role);
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

/// What `jobdoc ack sign` was asked to record.
pub struct SignArgs<'a> {
    /// The role id.
    pub role: &'a str,
    /// Personnel numbers.
    pub employees: &'a [String],
    /// `YYYY-MM-DD`, when given.
    pub date: Option<&'a str>,
    /// The edition signed, when given.
    pub revision: Option<u32>,
    /// Where the inputs are.
    pub project: &'a ProjectArgs,
}

/// Appends the signatures of `args.employees` to the signature records, checked as the file
/// would be if typed by hand: on any error nothing is written.
pub fn sign(args: &SignArgs, today: &BuildDate) -> Result<Exit, Failure> {
    // from before the records are read until they are written: a second `ack sign` waits
    let _lock = FolderLock::new(&args.project.roles, Mode::Exclusive)?;
    let Warned {
        value: project,
        warnings: mut diags,
    } = load_with_ids(args.project, &[args.role.to_string()])?;
    let roles = &project.paths().roles;
    let path = roles.join(SIGNATURES_FILE);
    let Some(revision) = args
        .revision
        .or_else(|| project.hr.editions.of(args.role).last().map(|e| e.revision))
    else {
        let d = Diagnostic::error(
            &roles.join(format!("{}.yaml", args.role)),
            None,
            Span::new(1, 1, 1),
            format!("`{}` has no approved edition to sign", args.role),
        )
        .with_hint(format!("approve it first: jobdoc approve {}", args.role));
        return Err(Failure::Input(Diagnostics(vec![d])));
    };
    // the day it happened: given, else the build's date, else today's in UTC (a record of an
    // event, not a document: the clock is the right source here)
    let date = match (args.date, today.date) {
        (Some(given), _) => match Date::parse_iso(given) {
            Some(date) => date.iso(),
            None => {
                return Err(anyhow::anyhow!(
                    "--date `{}`: not a calendar date; write YYYY-MM-DD, e.g. 2026-06-10",
                    printable(given)
                )
                .into());
            }
        },
        (None, Some(date)) => date.iso(),
        (None, None) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            Date::from_unix(i64::try_from(now).unwrap_or(0)).iso()
        }
    };
    let mut new = Vec::new();
    for employee in args.employees {
        let record = SignatureRecord {
            employee: employee.clone(),
            role: args.role.to_string(),
            revision,
            date: date.clone(),
        };
        let known = project.hr.signatures.iter().any(|s| {
            s.employee == record.employee && s.role == record.role && s.revision == revision
        });
        if known {
            eprintln!(
                "already recorded: {employee} signed {} edition {revision}",
                args.role
            );
        } else if !new.contains(&record) {
            new.push(record);
        }
    }
    if new.is_empty() {
        return Ok(Exit::Ok);
    }
    let source = match path.exists() {
        true => Some(load::read_text(&path, Some(roles)).map_err(|d| Diagnostics(vec![*d]))?),
        false => None,
    };
    let text = records::append(source.as_deref(), &new);
    // every role loaded (the project has no errors), so its ids are the folder's
    let ids = crate::hr::record_ids(project.roles.iter().map(|r| r.id.clone()).collect());
    let mut found = Diagnostics::default();
    records::check(
        &path,
        text.clone(),
        &project.hr.roster,
        &ids,
        &project.hr.editions,
        &mut found,
    );
    if found.has_errors() {
        return Err(Failure::Input(found));
    }
    diags.extend(found.0);
    diags.emit(MessageFormat::Human);
    staging::write_atomic(&path, text.as_bytes())?;
    for r in &new {
        let name = project
            .hr
            .roster
            .get(&r.employee)
            .map(|e| e.surname_initials().replace(NBSP, " "))
            .unwrap_or_default();
        eprintln!(
            "recorded: {} {name} signed {} edition {} on {}",
            r.employee, r.role, r.revision, r.date
        );
    }
    eprintln!(
        "in {}; `jobdoc ack status` shows who has still to sign",
        path.display()
    );
    Ok(Exit::Ok)
}
