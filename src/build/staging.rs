//! Writing outputs: every file goes to a temporary file in the same folder and is renamed over the
//! old one, so a crash never leaves a half-written document in `out/`. A build stages all its
//! files first and renames them only when every role has rendered, so a failure anywhere leaves
//! `out/` as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// New or changed bytes were written.
    Changed,
    /// The file already had these bytes; it was left alone (its mtime too).
    Unchanged,
}

/// The temporary name of `path` while it is staged: hidden, beside it, unique to this process.
fn temporary(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to a new temporary file beside `path`; `sync` flushes it to disk first.
fn write_temporary(path: &Path, bytes: &[u8], sync: bool) -> anyhow::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = temporary(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if sync { f.sync_all() } else { Ok(()) }
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(tmp)
}

/// Writes `bytes` to `path` atomically and durably (synced before the rename: it is used for
/// files the user edits, such as a new role), unless the file already holds exactly these bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<Written> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Written::Unchanged);
    }
    let tmp = write_temporary(path, bytes, true)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(Written::Changed)
}

/// Files written to temporary names, to be renamed into place together by [`Staging::commit`]
/// or removed by dropping the staging. Roles render in parallel, so it takes `&self`.
#[derive(Default)]
pub struct Staging {
    staged: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Staging {
    /// Stages `bytes` for `path` unless the file already holds exactly these bytes. The bytes are
    /// in the temporary file when this returns, so a caller need not keep them. Not synced: the
    /// rename keeps a crashed build from leaving half a file, and outputs can always be rebuilt,
    /// while a sync per file made a cold build of a thousand roles twice as slow.
    pub fn stage(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<Written> {
        if std::fs::read(path).is_ok_and(|old| old == bytes) {
            return Ok(Written::Unchanged);
        }
        let tmp = write_temporary(path, bytes, false)?;
        self.staged
            .lock()
            .map_err(|_| anyhow::anyhow!("a build thread failed"))?
            .push((tmp, path.to_path_buf()));
        Ok(Written::Changed)
    }

    /// Renames every staged file into place.
    pub fn commit(self) -> anyhow::Result<()> {
        let staged = std::mem::take(
            &mut *self
                .staged
                .lock()
                .map_err(|_| anyhow::anyhow!("a build thread failed"))?,
        );
        let mut staged = staged.into_iter();
        while let Some((tmp, path)) = staged.next() {
            if let Err(e) = std::fs::rename(&tmp, &path) {
                let _ = std::fs::remove_file(&tmp);
                for (tmp, _) in staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(e).with_context(|| format!("cannot write {}", path.display()));
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// Whatever was not committed is removed.
    fn drop(&mut self) {
        if let Ok(staged) = self.staged.get_mut() {
            for (tmp, _) in staged.drain(..) {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_files_appear_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::fs::write(&a, "old").unwrap();
        let staging = Staging::default();
        assert_eq!(staging.stage(&a, b"new").unwrap(), Written::Changed);
        assert_eq!(
            staging.stage(&dir.path().join("b.md"), b"b").unwrap(),
            Written::Changed
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn dropped_staging_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::default();
        staging.stage(&dir.path().join("a.md"), b"x").unwrap();
        drop(staging);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
