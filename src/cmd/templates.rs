//! `jobdoc templates export [DIR] [--language CODE]`: the built-in templates written out to be
//! overridden, so that nobody needs the jobdoc sources to start one: those of the organization's
//! language into the templates folder, another language's into its subfolder named by the code
//! (where they replace that language's). An existing file is kept unless `--force`.

use std::path::Path;

use crate::build::staging::write_atomic;
use crate::cmd::Exit;
use crate::diagnostics::Diagnostics;
use crate::load::Paths;
use crate::locale;
use crate::project::{language_of, load_organization};

/// Writes the built-in templates of the language `code` (the organization's when `None`) into
/// `dir`, the templates folder of the project at `paths`.
pub fn export(dir: &Path, force: bool, code: Option<&str>, paths: &Paths) -> anyhow::Result<Exit> {
    let mut ignored = Diagnostics::default();
    let own = language_of(load_organization(paths, locale::DEFAULT, &mut ignored).as_ref());
    let locale = match code {
        None => own,
        Some(code) => match locale::named(code) {
            Ok(locale) => locale,
            Err(message) => {
                eprintln!("error: {message}");
                return Ok(Exit::InputProblems);
            }
        },
    };
    let dir = if std::ptr::eq(locale, own) {
        dir.to_path_buf()
    } else {
        dir.join(locale.code())
    };
    for (name, text) in locale.templates {
        let path = dir.join(name);
        if !force && std::fs::symlink_metadata(&path).is_ok() {
            eprintln!("kept {} (exists; --force to overwrite)", path.display());
            continue;
        }
        write_atomic(&path, text.as_bytes())?;
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "edit them: a template of {} replaces the built-in one of its name (templates/README.md \
         in the jobdoc repository describes the Markdown it must produce)",
        dir.display()
    );
    Ok(Exit::Ok)
}
