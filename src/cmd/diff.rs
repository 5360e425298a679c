//! `jobdoc diff`: what changed between two editions of a role, provision by provision, on stdout.
//! Exit codes as diff(1): 0 the texts match, 1 they differ, 2 trouble (bad input included).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::compose::Composer;
use crate::date::BuildDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Failure, MessageFormat, Span};
use crate::hr::Hr;
use crate::hr::diff::{At, Change, SectionChanges};
use crate::hr::text::{self, EditionText};
use crate::load::{self, Paths};
use crate::model::{LoadedRole, compensation};
use crate::project::{self, Project};

/// An edition to compare: a name for the header and its text.
struct Side {
    name: String,
    text: EditionText,
}

/// The text of a role loaded from `source`, shown as `path`: its job description's, or with
/// `plan` its compensation plan's (the plan then in place of the role).
fn role_text(
    project: &Project,
    composer: &Composer,
    path: &Path,
    source: String,
    plan: bool,
    diags: &mut Diagnostics,
) -> Option<(LoadedRole, EditionText)> {
    let role = project::load_role(
        path,
        source,
        Some(&project.organization),
        project.locale,
        diags,
    )?;
    let text = match plan {
        false => composer.edition_text(&role).map(|text| Some((role, text))),
        true => composer.plan_edition_text(&role),
    };
    match text {
        Ok(Some(found)) => Some(found),
        Ok(None) => {
            diags.push(Diagnostic::error(
                path,
                None,
                Span::new(1, 1, 1),
                "the role has no compensation plan (`compensation:`)",
            ));
            None
        }
        Err(problems) => {
            diags.extend(problems);
            None
        }
    }
}

/// A role file named on the command line: kept inside the roles folder when it is one of its
/// files (a link out of it is not read), read as named when the user points elsewhere.
fn read(paths: &Paths, path: &Path) -> anyhow::Result<String> {
    load::read_text(path, paths.root_of(path))
        .map_err(|d| anyhow::anyhow!("{}: {}", path.display(), d.message))
}

/// The role file as it was at git revision `rev`.
fn git_show(file: &Path, rev: &str) -> anyhow::Result<String> {
    // git would take it for an option (`--output=…` writes a file)
    if rev.starts_with('-') {
        bail!("`{rev}` is not a git revision: a revision does not start with `-`");
    }
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .context("no file name")?;
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir.unwrap_or(Path::new(".")))
        .arg("show")
        .arg(format!("{rev}:./{name}"))
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!(
            "git show {rev}:{}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    // what git gives passes the checks of a file read from disk
    if out.stdout.len() as u64 > load::MAX_FILE {
        bail!("{} at {rev} is larger than an input may be", file.display());
    }
    let text = String::from_utf8(out.stdout)
        .with_context(|| format!("{} at {rev} is not UTF-8", file.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if let Some(d) = load::control_character(file, &text) {
        bail!("{} at {rev}: {}", file.display(), d.message);
    }
    Ok(text)
}

/// Compares the editions `args` name.
pub fn run(
    args: &[String],
    since: Option<&str>,
    project_args: &ProjectArgs,
    today: &BuildDate,
) -> anyhow::Result<Exit> {
    let paths = project_args.paths();
    let project = match Project::load(&paths, Some(Vec::new())) {
        Ok(loaded) => loaded.value,
        Err(Failure::Input(diags)) => {
            diags.emit(MessageFormat::Human);
            bail!("the project has errors");
        }
        Err(Failure::Internal(e)) => return Err(e),
    };
    let composer = project.composer(today.date);
    let mut diags = Diagnostics::default();
    let (old, new) = match (args, since) {
        ([old, new], None) => {
            let (old, new) = (PathBuf::from(old), PathBuf::from(new));
            let o = role_text(
                &project,
                &composer,
                &old,
                read(&paths, &old)?,
                false,
                &mut diags,
            );
            let n = role_text(
                &project,
                &composer,
                &new,
                read(&paths, &new)?,
                false,
                &mut diags,
            );
            (
                o.map(|(_, text)| Side {
                    name: old.display().to_string(),
                    text,
                }),
                n.map(|(_, text)| Side {
                    name: new.display().to_string(),
                    text,
                }),
            )
        }
        ([_, _], Some(_)) => bail!("--since takes one role: jobdoc diff ROLE --since REV"),
        ([role], since) => {
            // `client-manager.comp`: the role's compensation plan
            let plan = role.strip_suffix(compensation::SUFFIX);
            let file = if role.ends_with(".yaml") {
                PathBuf::from(role)
            } else {
                paths.roles.join(format!("{}.yaml", plan.unwrap_or(role)))
            };
            let plan = plan.is_some() && !role.ends_with(".yaml");
            let current = role_text(
                &project,
                &composer,
                &file,
                read(&paths, &file)?,
                plan,
                &mut diags,
            );
            let old = match since {
                Some(rev) => {
                    let shown = PathBuf::from(format!("{rev}:{}", file.display()));
                    role_text(
                        &project,
                        &composer,
                        &shown,
                        git_show(&file, rev)?,
                        plan,
                        &mut diags,
                    )
                    .map(|(_, text)| Side {
                        name: shown.display().to_string(),
                        text,
                    })
                }
                None => current.as_ref().and_then(|(r, text)| {
                    approved_before(&project.hr, r, text).map(|e| Side {
                        name: format!("{} edition {} (approved {})", r.id, e.revision, e.date),
                        text: EditionText::parse(&e.text),
                    })
                }),
            };
            if since.is_none() && old.is_none() && current.is_some() {
                bail!("`{role}` has no approved edition to compare with; use --since REV");
            }
            (
                old,
                current.map(|(_, text)| Side {
                    name: file.display().to_string(),
                    text,
                }),
            )
        }
        _ => bail!("give two role files, or one role"),
    };
    let (Some(old), Some(new)) = (old, new) else {
        diags.emit(MessageFormat::Human);
        bail!("cannot compare: the role files have errors");
    };
    let changes = crate::hr::diff::diff(&old.text, &new.text);
    print!("{}", report(&old.name, &new.name, &changes));
    Ok(if changes.is_empty() {
        Exit::Ok
    } else {
        Exit::Differ
    })
}

/// The approved edition `jobdoc diff ROLE` compares with: the role's own revision when its text
/// has changed since approval, else the last approved edition before it, else the role's own
/// approved revision (its first edition, unchanged: nothing to show, which is an answer too).
fn approved_before<'a>(
    hr: &'a Hr,
    role: &LoadedRole,
    text: &EditionText,
) -> Option<&'a crate::model::hr::ApprovedEdition> {
    let revision = role.role.edition.revision;
    let print = text::fingerprint(&text.to_text());
    match hr.editions.get(&role.id, revision) {
        Some(e) if e.fingerprint != print => Some(e),
        current => hr.editions.previous(&role.id, revision).or(current),
    }
}

/// The lines of a wording, each after `mark`.
fn lines(mark: &str, at: &At) -> String {
    at.provision
        .wording()
        .lines()
        .map(|l| format!("    {mark} {l}\n"))
        .collect()
}

/// The lines of a reworded provision: removed `-`, added `+`; of the lines both wordings share,
/// the provision's own first line as context, the rest elided (`…`), so that one changed
/// sub-item of a long list shows as one.
fn reworded(o: &At, n: &At) -> String {
    let old: Vec<String> = o.provision.wording().lines().map(String::from).collect();
    let new: Vec<String> = n.provision.wording().lines().map(String::from).collect();
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    let mut elided = false;
    for (ci, cj) in crate::hr::diff::lcs(&old, &new)
        .into_iter()
        .chain([(old.len(), new.len())])
    {
        for line in &old[i..ci] {
            out.push_str(&format!("    - {line}\n"));
            elided = false;
        }
        for line in &new[j..cj] {
            out.push_str(&format!("    + {line}\n"));
            elided = false;
        }
        if ci < old.len() {
            if ci == 0 {
                out.push_str(&format!("      {}\n", old[ci]));
            } else if !elided {
                out.push_str("      …\n");
                elided = true;
            }
        }
        (i, j) = (ci + 1, cj + 1);
    }
    out
}

/// The differences as text: a header, each section with its changes, a count.
pub fn report(old: &str, new: &str, changes: &[SectionChanges]) -> String {
    let mut out = format!("--- {old}\n+++ {new}\n");
    let mut counts = [0usize; 4];
    for section in changes {
        let note = if section.added {
            " (new section)"
        } else if section.removed {
            " (section removed)"
        } else {
            ""
        };
        out.push_str(&format!("\n{}{note}\n", section.heading));
        for change in &section.changes {
            let moved = |o: &At, n: &At| {
                if o.number() == n.number() {
                    String::new()
                } else {
                    format!(" (was {})", o.number().trim_end_matches('.'))
                }
            };
            match change {
                Change::Changed(o, n) => {
                    counts[0] += 1;
                    out.push_str(&format!("  changed {}{}\n", change.label(), moved(o, n)));
                    out.push_str(&reworded(o, n));
                }
                Change::Removed(o) => {
                    counts[1] += 1;
                    out.push_str(&format!("  removed {}\n", change.label()));
                    out.push_str(&lines("-", o));
                }
                Change::Added(n) => {
                    counts[2] += 1;
                    out.push_str(&format!("  added {}\n", change.label()));
                    out.push_str(&lines("+", n));
                }
                Change::Moved(o, n) => {
                    counts[3] += 1;
                    out.push_str(&format!("  moved {}{}\n", change.label(), moved(o, n)));
                    out.push_str(&lines(" ", n));
                }
            }
        }
    }
    let [changed, removed, added, moved] = counts;
    if changes.is_empty() {
        out.push_str("\nno changes\n");
    } else {
        out.push_str(&format!(
            "\n{changed} changed, {removed} removed, {added} added, {moved} moved\n"
        ));
    }
    out
}
