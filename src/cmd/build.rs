//! `jobdoc build`: load and check everything, render every output in memory, and only then write.

use std::path::Path;

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::model::check::nearest;
use crate::output::{Written, write_atomic};
use crate::project::{Paths, Project};
use crate::render::{self, Format, Output};

/// Builds `ids` (every role when empty) in `formats` (every format when empty) into `out`.
pub fn run(
    ids: &[String],
    args: &ProjectArgs,
    out: &Path,
    formats: &[Format],
) -> anyhow::Result<Exit> {
    let paths = Paths::new(&args.roles, args.templates.as_deref());
    let (project, mut diags) = match Project::load(&paths, None)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(report(&diags)),
    };
    let mut formats = if formats.is_empty() {
        Format::ALL.to_vec()
    } else {
        formats.to_vec()
    };
    formats.sort();
    formats.dedup();
    let known: Vec<String> = project.roles.iter().map(|r| r.id.clone()).collect();
    for id in ids {
        if !known.contains(id) {
            let mut d = Diagnostic::error(
                &paths.roles.join(format!("{id}.yaml")),
                None,
                Span::new(1, 1, 1),
                format!("no role `{id}`"),
            );
            if let Some(best) = nearest(id, &known) {
                d.hint = Some(format!("did you mean `{best}`?"));
            }
            diags.push(d);
        }
    }
    let mut outputs: Vec<Output> = Vec::new();
    for role in project
        .roles
        .iter()
        .filter(|r| ids.is_empty() || ids.contains(&r.id))
    {
        match render::role_outputs(&project, role, &formats) {
            Ok(o) => outputs.extend(o),
            Err(problems) => diags.extend(problems),
        }
    }
    if diags.has_errors() {
        return Ok(report(&diags));
    }
    diags.print();
    let mut changed = 0;
    for output in &outputs {
        if write_atomic(&out.join(&output.name), &output.bytes)? == Written::Changed {
            changed += 1;
        }
    }
    eprintln!(
        "built {} files into {}: {changed} written, {} unchanged",
        outputs.len(),
        out.display(),
        outputs.len() - changed
    );
    Ok(Exit::Ok)
}

/// Prints diagnostics and a summary; the exit for input problems.
pub(crate) fn report(diags: &Diagnostics) -> Exit {
    diags.print();
    let (errors, warnings) = diags.counts();
    eprintln!("{errors} error(s), {warnings} warning(s); nothing was written");
    Exit::InputProblems
}
