//! `jobdoc init [DIR]`: a new project to start from — the organization file to fill in, the
//! schema files editors complete with, an example role, a `.gitignore` and a CI workflow that
//! fails when `out/` is stale. After it, `jobdoc new` and `jobdoc build` work. It never
//! overwrites a file: when any of them exists, it writes nothing.

use std::path::{Path, PathBuf};

use crate::build::staging::write_atomic;
use crate::cmd::Exit;
use crate::cmd::new::scaffold;
use crate::diagnostics::{Diagnostic, Diagnostics, MessageFormat, Span};
use crate::locale;

/// The workflow written to `.github/workflows/`: the one README.md shows.
const WORKFLOW: &str = include_str!("init/jobdoc-check.yml");

/// The id of the example role.
const EXAMPLE: &str = "example-role";

/// The files of a new project in `dir` whose documents are in `locale`, with their text.
fn files(dir: &Path, locale: &locale::Locale) -> Vec<(PathBuf, String)> {
    let roles = dir.join("roles");
    let schema = |value: serde_json::Value| {
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    };
    // the example's «guided by» names the fragments of the organization file written beside it
    let fragments = [
        ("charter".to_string(), String::new()),
        ("work-rules".to_string(), String::new()),
    ];
    let (example, _) = scaffold(locale, locale.example_title, [None, None, None], &fragments);
    vec![
        (
            roles.join(crate::project::ORGANIZATION_FILE),
            locale.organization_scaffold.to_string(),
        ),
        (roles.join(format!("{EXAMPLE}.yaml")), example),
        (
            roles.join("role.schema.json"),
            schema(crate::model::role_schema()),
        ),
        (
            roles.join("organization.schema.json"),
            schema(crate::model::organization_schema()),
        ),
        (
            roles.join("staff.schema.json"),
            schema(crate::model::hr::staff_schema()),
        ),
        (
            roles.join("signatures.schema.json"),
            schema(crate::model::hr::signatures_schema()),
        ),
        (
            roles.join("editions.schema.json"),
            schema(crate::model::hr::editions_schema()),
        ),
        (
            roles.join("translation.schema.json"),
            schema(crate::model::translation::schema()),
        ),
        // for `_tax-<year>.yaml`, the overrides of the pay rules a plan and `jobdoc cost` read
        (
            roles.join("tax.schema.json"),
            schema(crate::model::pay::tax_schema()),
        ),
        (
            dir.join(".gitignore"),
            "# what a stopped build left; the next build clears it\nout/.jobdoc-staging/\n".into(),
        ),
        (
            dir.join(".github/workflows/jobdoc-check.yml"),
            WORKFLOW.to_string(),
        ),
    ]
}

/// Writes a new project into `dir`, its documents in the language `code`.
pub fn run(dir: &Path, code: &str) -> anyhow::Result<Exit> {
    let locale = match locale::named(code) {
        Ok(locale) => locale,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(Exit::InputProblems);
        }
    };
    let files = files(dir, locale);
    let mut diags = Diagnostics::default();
    for (path, _) in &files {
        if std::fs::symlink_metadata(path).is_ok() {
            diags.push(
                Diagnostic::error(path, None, Span::new(1, 1, 1), "already exists")
                    .with_hint("`jobdoc init` starts a new project and overwrites nothing; run it in an empty folder"),
            );
        }
    }
    if diags.has_errors() {
        diags.emit(MessageFormat::Human);
        eprintln!("nothing was written");
        return Ok(Exit::InputProblems);
    }
    for (path, text) in &files {
        write_atomic(path, text.as_bytes())?;
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "next: fill in roles/_organization.yaml, then `jobdoc new ID --title \"…\"` and `jobdoc build`"
    );
    eprintln!(
        "note: in .github/workflows/jobdoc-check.yml, replace OWNER with where your team installs jobdoc from"
    );
    Ok(Exit::Ok)
}
