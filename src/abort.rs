//! Ending the process at once, cleanly, from any thread: on Ctrl-C, or when a template runs away.
//! The running build's staging folder is removed first, so nothing of the stopped build stays
//! in `out/`.

use std::path::PathBuf;
use std::sync::Mutex;

/// The staging folder of the running build, removed before an abort.
static STAGING: Mutex<Option<PathBuf>> = Mutex::new(None);

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

/// Removes the staging folder, prints `message` and ends the process with `code`.
pub fn abort(message: &str, code: i32) -> ! {
    if let Some(dir) = staging() {
        let _ = std::fs::remove_dir_all(dir);
    }
    eprintln!("{message}");
    std::process::exit(code);
}
