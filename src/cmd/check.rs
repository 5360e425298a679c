//! `jobdoc check`: everything `build` would write, rendered in memory and compared byte for byte
//! with `out/`. It never trusts the manifest (a file edited by hand is caught) and writes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use crate::cli::{ProjectArgs, RunArgs};
use crate::cmd::Exit;
use crate::cmd::build::{formats, hasher, report, role_inputs};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::manifest::{self, Manifest, RoleRecord};
use crate::project::{Paths, Project};
use crate::render;

/// What one role's check found.
enum RoleCheck {
    /// The role's manifest record and the problems with its files.
    Compared(RoleRecord, Vec<Diagnostic>),
    /// Problems in the inputs.
    Failed(Vec<Diagnostic>),
}

fn problem(out: &Path, name: &str, message: String) -> Diagnostic {
    Diagnostic::error(&out.join(name), None, Span::new(1, 1, 1), message)
}

/// Compares `bytes`, what `name` should hold, with the file in `out`.
fn compare(out: &Path, name: &str, bytes: &[u8]) -> Option<Diagnostic> {
    match std::fs::read(out.join(name)) {
        Ok(have) if have == bytes => None,
        Ok(_) => Some(
            problem(
                out,
                name,
                format!("stale: `{name}` differs from what the inputs build to"),
            )
            .with_hint(
                "run `jobdoc build` and commit out/; edits made by hand in out/ are overwritten",
            ),
        ),
        Err(_) => Some(
            problem(
                out,
                name,
                format!("missing: `{name}` is not in the output folder"),
            )
            .with_hint("run `jobdoc build` and commit out/"),
        ),
    }
}

/// Checks `out` against the project's inputs.
pub fn run(project_args: &ProjectArgs, out: &Path, run_args: &RunArgs) -> anyhow::Result<Exit> {
    let format = run_args.message_format;
    let paths = Paths::new(&project_args.roles, project_args.templates.as_deref());
    let (project, mut diags) = match Project::load(&paths, None)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(report(&diags, format)),
    };
    let formats = formats(&[]);
    let hasher = hasher(&paths, &project)?;
    let checked = crate::parallel::map(
        &project.roles,
        run_args.jobs.unwrap_or_else(crate::parallel::default_jobs),
        |role| match render::role_outputs(&project, role, &formats) {
            Err(problems) => RoleCheck::Failed(problems),
            Ok(outputs) => {
                let mut record = RoleRecord {
                    inputs: role_inputs(&hasher, role.source.as_bytes()),
                    outputs: Default::default(),
                };
                let mut problems = Vec::new();
                for o in outputs {
                    problems.extend(compare(out, &o.name, &o.bytes));
                    record.outputs.insert(o.name, manifest::hash(&o.bytes));
                }
                RoleCheck::Compared(record, problems)
            }
        },
        || {},
    );
    let mut manifest = Manifest {
        tool: manifest::tool(),
        ..Manifest::default()
    };
    let mut stale = Diagnostics::default();
    for (role, result) in project.roles.iter().zip(checked) {
        match result {
            RoleCheck::Failed(problems) => diags.extend(problems),
            RoleCheck::Compared(record, problems) => {
                stale.extend(problems);
                manifest.roles.insert(role.id.clone(), record);
            }
        }
    }
    if diags.has_errors() {
        return Ok(report(&diags, format));
    }
    stale.extend(compare(out, manifest::FILE, &manifest.to_bytes()));
    let expected: BTreeSet<&str> = manifest
        .roles
        .values()
        .flat_map(|r| r.outputs.keys().map(String::as_str))
        .chain([manifest::FILE])
        .collect();
    let mut present: Vec<String> = match std::fs::read_dir(out) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    present.sort();
    for name in present.iter().filter(|n| !expected.contains(n.as_str())) {
        stale.push(
            problem(out, name, format!("unexpected: no input builds `{name}`")).with_hint(
                "delete it; `jobdoc build` removes only the files it built for roles since deleted",
            ),
        );
    }
    diags.extend(stale.0);
    diags.emit(format);
    let (errors, warnings) = diags.counts();
    if errors > 0 {
        eprintln!("{errors} file(s) out of date in {}", out.display());
        return Ok(Exit::InputProblems);
    }
    eprintln!(
        "ok: {} file(s) of {} role(s) up to date in {}{}",
        expected.len(),
        project.roles.len(),
        out.display(),
        if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        }
    );
    Ok(Exit::Ok)
}
