//! `jobdoc approve ROLE...`: records the current edition of each role, bound to its text, in
//! `roles/_editions.yaml`; `ROLE.comp` the edition of its compensation plan, apart from it. Everything is checked first; on any error nothing is written.

use crate::build::lock::{FolderLock, Mode};
use crate::build::staging;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::load_with_ids;
use crate::compose::plan::terms;
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
    for role in &project.roles {
        // the job description `<id>`, its compensation plan `<id>.comp`, or both
        let plan = role.plan().filter(|p| ids.contains(&p.id));
        if !ids.contains(&role.id) && plan.is_none() {
            continue;
        }
        // every document of the role must build before an edition is approved
        let documents = match composer.role(role) {
            Ok(documents) => documents,
            Err(problems) => {
                diags.extend(problems);
                continue;
            }
        };
        diags.extend(documents.warnings);
        let words = composer.for_role(role);
        let mut approvals = Vec::new();
        if ids.contains(&role.id) {
            approvals.push((role.clone(), documents.text, Vec::new()));
        }
        if let (Some(plan), Some(text), Some(compensation)) =
            (plan, documents.plan_text, role.role.compensation.as_ref())
        {
            let pay = terms(compensation).map_err(|_| {
                anyhow::anyhow!(
                    "{}: an amount of the plan is too large",
                    role.path.display()
                )
            })?;
            approvals.push((plan, text, pay));
        }
        for (approved, text, pay) in approvals {
            let by = approved_by(&approved.role, words.organization, words.locale);
            match editions::approve(&mut editions, &approved, &text, by, pay) {
                Ok(outcome) => {
                    let print = text::fingerprint(&text.to_text());
                    done.push((approved, outcome, print));
                }
                Err(d) => diags.push(*d),
            }
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
