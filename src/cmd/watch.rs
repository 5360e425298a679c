//! `jobdoc watch`: builds, then builds again whenever a file of the roles or templates folder
//! changes, printing only diagnostics and a line per build. Until Ctrl-C.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::cmd::build::{self, BuildArgs};
use crate::cmd::{Exit, report};
use crate::date::BuildDate;
use crate::diagnostics::Failure;

/// How often the folders are looked at: a save shows in the documents within a second, and an
/// idle watch costs nothing measurable (a few `stat` calls).
const POLL: Duration = Duration::from_millis(400);

/// (path, modified, length) of every file of `dirs`, sorted: what a save changes.
fn stamp(dirs: &[&Path]) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut files = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let meta = entry.metadata().ok();
            // files only: a folder's times change with what is written inside it
            if meta.as_ref().is_some_and(|m| m.is_dir()) {
                continue;
            }
            files.push((
                entry.path(),
                meta.as_ref().and_then(|m| m.modified().ok()),
                meta.map_or(0, |m| m.len()),
            ));
        }
    }
    files.sort();
    files
}

/// Builds on every change until stopped.
pub fn run(args: &BuildArgs, today: &BuildDate) -> anyhow::Result<Exit> {
    let paths = args.project.paths();
    // the templates of every language: the folder, and a subfolder per language code
    let languages: Vec<PathBuf> = crate::locale::ALL
        .iter()
        .map(|l| paths.templates.join(l.code()))
        .collect();
    let mut watched = vec![paths.roles.as_path(), paths.templates.as_path()];
    watched.extend(languages.iter().map(PathBuf::as_path));
    let mut last = None;
    loop {
        let now = stamp(&watched);
        if last.as_ref() != Some(&now) {
            match build::run(args, today) {
                Ok(_) => {}
                Err(Failure::Input(diags)) => {
                    report(&diags, args.run.message_format);
                }
                // a failure of this build is said, and the next save tries again
                Err(Failure::Internal(e)) => eprintln!("error: {e:#}"),
            }
            eprintln!(
                "watching {} and {} (Ctrl-C to stop)",
                paths.roles.display(),
                paths.templates.display()
            );
            // the folders as they were when this build began: a save during it builds again
            last = Some(now);
        }
        std::thread::sleep(POLL);
    }
}
