//! A progress bar on stderr for long batches: drawn only on a terminal, never with `--quiet` or
//! JSON messages, and cleared when the batch ends.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts finished roles and redraws the bar.
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    /// A bar for `total` roles, shown when `show` and stderr is a terminal.
    pub fn new(total: usize, show: bool) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            shown: show && total > 1 && std::io::stderr().is_terminal(),
        }
    }

    /// One more role done.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.shown {
            const WIDTH: usize = 30;
            let filled = WIDTH * done / self.total.max(1);
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r[{}{}] {done}/{} roles",
                "=".repeat(filled),
                " ".repeat(WIDTH - filled),
                self.total
            );
            let _ = err.flush();
        }
    }

    /// Clears the bar's line.
    pub fn finish(&self) {
        if self.shown {
            eprint!("\r{}\r", " ".repeat(60));
        }
    }
}
