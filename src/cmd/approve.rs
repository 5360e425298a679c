//! `jobdoc approve ROLE...`: records the current edition of each role, bound to its text, in
//! `roles/_editions.yaml`. Everything is checked first; on any error nothing is written.

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::{load_with_ids, report};
use crate::diagnostics::MessageFormat;
use crate::editions::{self, ApprovalOutcome, EditionText};
use crate::model::date::Date;
use crate::model::{Approval, Organization, Role};
use crate::output;
use crate::render;

/// Who or what approves `role`'s edition: «Генеральный директор А.Б. Иванов», or «приказ
/// генерального директора от 05.06.2026 № 12».
fn approved_by(role: &Role, org: &Organization) -> String {
    match &role.edition.approval {
        Approval::Signature => format!("{} {}", org.approver.position, org.approver.name),
        Approval::Order(o) => format!(
            "приказ {} от {} № {}",
            org.approver.position_genitive,
            Date::parse_iso(&o.date).map_or(o.date.clone(), |d| d.dotted()),
            o.number
        ),
    }
}

/// Approves the current editions of `ids`.
pub fn run(ids: &[String], args: &ProjectArgs) -> anyhow::Result<Exit> {
    let format = MessageFormat::Human;
    let (_, project, mut diags) = match load_with_ids(args, ids)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(report(&diags, format)),
    };
    if diags.has_errors() {
        return Ok(report(&diags, format));
    }
    let mut editions = project.editions.clone();
    let mut done = Vec::new();
    for role in project.roles.iter().filter(|r| ids.contains(&r.id)) {
        // every document of the role must build before its edition is approved
        if let Err(problems) = render::role_outputs(&project, role, &[]) {
            diags.extend(problems);
            continue;
        }
        let text = match render::job_description(&project, role) {
            Ok(rendered) => EditionText::from_document(&rendered.document),
            Err(problems) => {
                diags.extend(problems);
                continue;
            }
        };
        let by = approved_by(&role.role, &project.organization);
        match editions::approve(&mut editions, role, &text, by) {
            Ok(outcome) => done.push((role, outcome, editions::fingerprint(&text.to_text()))),
            Err(d) => diags.push(*d),
        }
    }
    if diags.has_errors() {
        return Ok(report(&diags, format));
    }
    diags.emit(format);
    // editions already approved with this text leave the file as it is
    let changed = done
        .iter()
        .any(|(_, outcome, _)| *outcome == ApprovalOutcome::Approved);
    if changed {
        output::write_atomic(&editions.file, editions.to_yaml().as_bytes())?;
    }
    for (role, outcome, print) in done {
        let edition = &role.role.edition;
        let what = match outcome {
            ApprovalOutcome::Approved => "approved",
            ApprovalOutcome::AlreadyApproved => "already approved",
        };
        eprintln!(
            "{what}: {} edition {} of {}{}, fingerprint {}",
            role.id,
            edition.revision,
            edition.date.as_deref().unwrap_or(""),
            if edition.editorial {
                " (editorial)"
            } else {
                ""
            },
            editions::short(&print)
        );
    }
    if changed {
        eprintln!(
            "recorded in {}; run `jobdoc build` to rebuild the sheets",
            editions.file.display()
        );
    } else {
        eprintln!("nothing changed: {} is as it was", editions.file.display());
    }
    Ok(Exit::Ok)
}
