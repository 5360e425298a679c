//! Folder locks: two jobdoc processes never interleave their writes to one folder. A command
//! that rewrites a file of `roles/` (`approve`, `new`) holds the roles folder exclusively from
//! before it reads to after it writes, so a second one waits and then reads the first one's
//! result instead of overwriting it; a build holds its output folder exclusively (and the roles
//! folder shared), so two builds of different formats keep each other's manifest records.
//!
//! The lock is the operating system's advisory lock (`flock`) on the folder itself: no lock file
//! to commit by mistake or to leave behind, and a killed process releases it.

use std::fs::{File, TryLockError};
use std::path::Path;

use anyhow::Context as _;

/// A held lock on a folder, released when dropped.
#[derive(Debug)]
pub struct FolderLock {
    folder: File,
}

/// How a folder is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Readers: many at once, no writer.
    Shared,
    /// One writer, no one else.
    Exclusive,
}

impl FolderLock {
    /// Locks `dir` (which must exist), waiting for other jobdoc processes; says so on stderr when
    /// it has to wait.
    pub fn new(dir: &Path, mode: Mode) -> anyhow::Result<FolderLock> {
        let folder = File::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
        let tried = match mode {
            Mode::Shared => folder.try_lock_shared(),
            Mode::Exclusive => folder.try_lock(),
        };
        match tried {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another jobdoc working in {} to finish...",
                    dir.display()
                );
                match mode {
                    Mode::Shared => folder.lock_shared(),
                    Mode::Exclusive => folder.lock(),
                }
                .with_context(|| format!("cannot lock {}", dir.display()))?;
            }
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", dir.display()));
            }
        }
        Ok(FolderLock { folder })
    }

    /// True when the locked folder is still the one at `path` (not removed, or replaced, by
    /// the process that held it before).
    pub fn is_at(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (self.folder.metadata(), std::fs::metadata(path)) {
            (Ok(held), Ok(now)) => held.dev() == now.dev() && held.ino() == now.ino(),
            _ => false,
        }
    }
}
