//! `jobdoc check`: everything `build` would write, rendered in memory and compared byte for byte
//! with `out/`. It never trusts the manifest (a file edited by hand is caught) and writes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use crate::build::lock::{FolderLock, Mode};
use crate::build::manifest::{self, Manifest, RoleRecord};
use crate::build::{self, formats, hasher, role_inputs, staging};
use crate::cli::{ProjectArgs, RunArgs};
use crate::cmd::Exit;
use crate::date::BuildDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Failure, Span, Warned};
use crate::project::Project;

/// What one role's check found: its manifest record, the problems with its files, and the
/// warnings of its inputs.
type RoleCheck = Result<(RoleRecord, Vec<Diagnostic>, Vec<Diagnostic>), Failure>;

fn problem(out: &Path, name: &str, message: String) -> Diagnostic {
    Diagnostic::error(&out.join(name), None, Span::new(1, 1, 1), message)
}

/// Compares `bytes`, what `name` should hold, with the file in `out`.
fn compare(out: &Path, name: &str, bytes: &[u8]) -> Option<Diagnostic> {
    if staging::is_link(&out.join(name)) {
        return Some(
            problem(
                out,
                name,
                format!("linked: `{name}` is a symbolic link, not a file jobdoc built"),
            )
            .with_hint("remove the link and run `jobdoc build`"),
        );
    }
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
pub fn run(
    project_args: &ProjectArgs,
    out: &Path,
    run_args: &RunArgs,
    today: &BuildDate,
) -> Result<Exit, Failure> {
    let format = run_args.message_format;
    let paths = project_args.paths();
    // no build or approve changes what is compared while it runs
    let _roles_lock = FolderLock::new(&paths.roles, Mode::Shared)?;
    let _out_lock = match out.is_dir() {
        true => Some(FolderLock::new(out, Mode::Shared)?),
        false => None,
    };
    let files = crate::load::role_files(&paths.roles)?;
    // the organization and templates first; each role is loaded on the thread that checks it, so
    // that a thousand roles are not all held at once
    let Warned {
        value: project,
        warnings: mut diags,
    } = Project::load(&paths, Some(Vec::new()))?;
    let formats = formats(&[]);
    let hasher = hasher(&paths, &project, &today.given)?;
    let composer = project.composer(today.date);
    let check_role = |role: &crate::model::LoadedRole| -> RoleCheck {
        let documents = composer.role(role)?;
        let outputs = build::write_role(&documents, &formats, out)?;
        let mut record = RoleRecord {
            inputs: role_inputs(
                &hasher,
                role.source.as_bytes(),
                &super::build::translation_sources(role),
            ),
            outputs: Default::default(),
        };
        let mut problems = Vec::new();
        for o in outputs {
            problems.extend(compare(out, &o.name, &o.bytes));
            record.outputs.insert(o.name, manifest::hash(&o.bytes));
        }
        Ok((record, problems, documents.warnings))
    };
    // only the loads' problems when one fails (as build), the same report on every run
    let (problems, checked) = build::load_each(
        &project,
        &files,
        run_args.jobs.unwrap_or_else(build::parallel::default_jobs),
        false,
        check_role,
        || {},
    );
    diags.extend(problems.0);
    let mut manifest = Manifest {
        tool: manifest::tool(),
        ..Manifest::default()
    };
    let mut stale = Diagnostics::default();
    let roles = checked.len();
    for (id, result) in checked {
        match result {
            Err(Failure::Input(problems)) => diags.extend(problems.0),
            Err(internal) => return Err(internal),
            Ok((record, problems, warnings)) => {
                diags.extend(warnings);
                stale.extend(problems);
                manifest.roles.insert(id, record);
            }
        }
    }
    if diags.has_errors() {
        return Err(Failure::Input(diags));
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
                if staging::is_leftover(name) {
                    "a stopped build left it: the next `jobdoc build` clears it"
                } else {
                    "delete it; `jobdoc build` removes only the files it built for roles since deleted"
                },
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
        roles,
        out.display(),
        if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        }
    );
    Ok(Exit::Ok)
}
