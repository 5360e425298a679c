//! `jobdoc approve ROLE...`: records the current edition of each role, bound to its text, in
//! `roles/_editions.yaml`. Everything is checked first; on any error nothing is written.

use crate::build::lock::{FolderLock, Mode};
use crate::build::staging;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::load_with_ids;
use crate::date::{BuildDate, Date};
use crate::diagnostics::{Failure, MessageFormat, Warned};
use crate::hr::editions::{self, ApprovalOutcome};
use crate::hr::text;
use crate::locale::{self, Locale};
use crate::model::{Approval, Organization, Role};

/// Who or what approves `role`'s edition: the approver's position and name, or the order (in
/// the locale's words).
fn approved_by(role: &Role, org: &Organization, locale: &Locale) -> String {
    match &role.edition.approval {
        Approval::Signature => format!("{} {}", org.approver.position, org.approver.name),
        Approval::Order(o) => locale::fill(
            locale.approved_by_order,
            &[
                (
                    "approver",
                    org.approver
                        .position_genitive
                        .as_deref()
                        .unwrap_or(&org.approver.position),
                ),
                (
                    "date",
                    &Date::parse_iso(&o.date).map_or(o.date.clone(), |d| locale.date(d)),
                ),
                ("number", &o.number),
            ],
        ),
    }
}

/// Approves the current editions of `ids`.
pub fn run(ids: &[String], args: &ProjectArgs, today: &BuildDate) -> Result<Exit, Failure> {
    let format = MessageFormat::Human;
    // held from before the approved editions are read until they are written: a second approve
    // waits, then reads this one's result
    let _lock = FolderLock::new(&args.roles, Mode::Exclusive)?;
    let Warned {
        value: project,
        warnings: mut diags,
    } = load_with_ids(args, ids)?;
    let composer = project.composer(today.date);
    let mut editions = project.hr.editions.clone();
    let mut done = Vec::new();
    for role in project.roles.iter().filter(|r| ids.contains(&r.id)) {
        // every document of the role must build before its edition is approved
        let text = match composer.role(role) {
            Ok(documents) => {
                diags.extend(documents.warnings);
                documents.text
            }
            Err(problems) => {
                diags.extend(problems);
                continue;
            }
        };
        let words = composer.for_role(role);
        let by = approved_by(&role.role, words.organization, words.locale);
        match editions::approve(&mut editions, role, &text, by) {
            Ok(outcome) => done.push((role, outcome, text::fingerprint(&text.to_text()))),
            Err(d) => diags.push(*d),
        }
    }
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    diags.emit(format);
    // editions already approved with this text leave the file as it is
    let changed = done
        .iter()
        .any(|(_, outcome, _)| *outcome == ApprovalOutcome::Approved);
    if changed {
        staging::write_atomic(&editions.file, editions.to_yaml()?.as_bytes())?;
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
            text::short(&print)
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
