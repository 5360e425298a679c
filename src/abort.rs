//! Ending the process at once, cleanly, from any thread: on Ctrl-C, or when a template runs away.
//! The running build's staging folder is removed first, so nothing of the stopped build stays
//! in `out/`.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

/// The staging folder of the running build, removed before an abort.
static STAGING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The temporary file a command is writing into `roles/` (`approve`, `new`, `ack sign`, `init`),
/// removed before an abort so that `git add roles` finds nothing stray.
static TEMPORARY: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Registers (or, with `None`, forgets) the temporary file being written.
pub fn set_temporary(file: Option<PathBuf>) {
    if let Ok(mut temporary) = TEMPORARY.lock() {
        *temporary = file;
    }
}

/// Held while a build renames its files into place: an abort waits for it, so that a build is
/// never stopped half-way through its commit (the files it moved aside are in the staging
/// folder until the commit ends).
static COMMITTING: Mutex<()> = Mutex::new(());

/// Holds off aborts until the guard is dropped.
pub fn hold() -> MutexGuard<'static, ()> {
    COMMITTING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// On Ctrl-C (or SIGTERM, as a cancelled CI job sends), ends the process through [`abort`]:
/// the running build's staging folder is removed first. Installed once per process, when the
/// command starts (a handler installed only when a build stages would leave a moment in which
/// an interrupt kills the process with its staging folder in place).
pub fn on_interrupt() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // a process that cannot install it still cleans up at the next build
        let _ = ctrlc::set_handler(|| abort("interrupted", 130));
    });
}

/// Registers the running build's staging folder (`None` when it is gone).
pub fn set_staging(dir: Option<PathBuf>) {
    if let Ok(mut staging) = STAGING.lock() {
        *staging = dir;
    }
}

/// The registered staging folder.
pub fn staging() -> Option<PathBuf> {
    STAGING.lock().ok().and_then(|s| s.clone())
}

/// Waits for a commit in progress, removes the staging folder of a build that has not
/// committed, prints `reason` (and that nothing was written, when a build was stopped) and ends
/// the process with `code`.
pub fn abort(reason: &str, code: i32) -> ! {
    let _commit = hold();
    if let Some(file) = TEMPORARY.lock().ok().and_then(|t| t.clone()) {
        let _ = std::fs::remove_file(file);
    }
    match staging() {
        Some(dir) => {
            let _ = std::fs::remove_dir_all(dir);
            eprintln!("{reason}: nothing was written");
        }
        None => eprintln!("{reason}"),
    }
    std::process::exit(code);
}
