//! `jobdoc validate`: everything `build` checks — files, schema, fragments, templates and the
//! Markdown they produce — without writing.

use std::path::PathBuf;

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::diagnostics::MessageFormat;
use crate::project::{Paths, Project};
use crate::render;

/// Validates `files` (every role when empty) with the project's organization and templates.
pub fn run(files: &[PathBuf], args: &ProjectArgs, format: MessageFormat) -> anyhow::Result<Exit> {
    let paths = Paths::new(&args.roles, args.templates.as_deref());
    let roles: Option<Vec<PathBuf>> = (!files.is_empty()).then(|| {
        files
            .iter()
            // the organization, roster, signatures and editions are always checked
            .filter(|f| {
                !f.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('_'))
            })
            .cloned()
            .collect()
    });
    let (project, mut diags) = match Project::load(&paths, roles)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(super::build::report(&diags, format)),
    };
    for role in &project.roles {
        // no formats: every document is rendered and checked, nothing is written
        if let Err(problems) = render::role_outputs(&project, role, &[]) {
            diags.extend(problems);
        }
    }
    if diags.has_errors() {
        return Ok(super::build::report(&diags, format));
    }
    diags.emit(format);
    let (_, warnings) = diags.counts();
    eprintln!(
        "ok: {} role(s) checked, {warnings} warning(s)",
        project.roles.len()
    );
    Ok(Exit::Ok)
}
