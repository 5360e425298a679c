//! `jobdoc templates export [DIR]`: the built-in templates written out to be overridden, so that
//! nobody needs the jobdoc sources to start one. An existing file is kept unless `--force`.

use std::path::Path;

use crate::build::staging::write_atomic;
use crate::cmd::Exit;
use crate::locale;

/// Writes the built-in templates into `dir`.
pub fn export(dir: &Path, force: bool) -> anyhow::Result<Exit> {
    for (name, text) in locale::DEFAULT.templates {
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
