//! `jobdoc validate`: everything `build` checks — files, schema, fragments, templates, the
//! Markdown they produce and what the writers refuse — without writing a file.

use std::path::PathBuf;

use crate::build;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::date::BuildDate;
use crate::diagnostics::{Failure, MessageFormat, Warned};
use crate::project::Project;

/// Validates `files` (every role when empty) with the project's organization and templates.
pub fn run(
    files: &[PathBuf],
    args: &ProjectArgs,
    format: MessageFormat,
    today: &BuildDate,
) -> Result<Exit, Failure> {
    let paths = args.paths();
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
    let Warned {
        value: project,
        warnings: mut diags,
    } = Project::load(&paths, roles)?;
    let composer = project.composer(today.date);
    for role in &project.roles {
        // every document is composed as a build would; one the PDF writer might not lay out
        // is laid out in memory, so that what build cannot write fails here too
        match composer.role(role) {
            Ok(documents) => {
                build::check_layout(&documents)?;
                diags.extend(documents.warnings);
            }
            Err(problems) => diags.extend(problems),
        }
    }
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    diags.emit(format);
    let (_, warnings) = diags.counts();
    eprintln!(
        "ok: {} role(s) checked, {warnings} warning(s)",
        project.roles.len()
    );
    Ok(Exit::Ok)
}
