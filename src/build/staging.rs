//! Writing outputs so that nothing is lost. A build stages every file in a folder of its own
//! inside `out/` ([`STAGING`]) and renames them into place only when every role has rendered;
//! if one cannot be replaced, those already replaced are put back, so either all of a build's
//! files change or none do. A build killed half-way leaves only its staging folder, which the
//! next build clears (and Ctrl-C clears at once). Temporary files are created exclusively under
//! unpredictable names, and nothing is written or removed through a symbolic link.

use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context as _, bail};

/// The staging folder's name inside the output folder.
pub const STAGING: &str = ".jobdoc-staging";

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// New or changed bytes were written.
    Changed,
    /// The file already had these bytes; it was left alone (its mtime too).
    Unchanged,
}

/// True when `path` itself is a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Refuses to write or remove `path` when it is a symbolic link: a link planted in `out/` or
/// `roles/` must not redirect a write.
pub fn refuse_link(path: &Path) -> anyhow::Result<()> {
    if is_link(path) {
        bail!(
            "{} is a symbolic link: jobdoc does not write through links; remove it",
            path.display()
        );
    }
    Ok(())
}

/// A file name no one can guess: per-process random keys (std's `RandomState`), the time and a
/// counter, hashed.
fn unguessable(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(now);
    format!("{prefix}{:016x}.tmp", h.finish())
}

/// Writes `bytes` to a new file in `dir` that did not exist before (never through a link planted
/// under its name); `sync` flushes it to disk first. Returns its path.
fn write_new(dir: &Path, prefix: &str, bytes: &[u8], sync: bool) -> anyhow::Result<PathBuf> {
    loop {
        let tmp = dir.join(unguessable(prefix));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp);
        let mut file = match file {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot write in {}", dir.display())),
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| if sync { file.sync_all() } else { Ok(()) });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
        }
        return Ok(tmp);
    }
}

/// Writes `bytes` to `path` atomically and durably (synced before the rename: it is used for
/// files the user edits, such as a new role), unless the file already holds exactly these bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<Written> {
    refuse_link(path)?;
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Written::Unchanged);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = write_new(dir, ".jobdoc-", bytes, true)?;
    crate::abort::set_temporary(Some(tmp.clone()));
    let renamed = std::fs::rename(&tmp, path);
    crate::abort::set_temporary(None);
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(Written::Changed)
}

/// Files written to temporary names in the staging folder, renamed into place together by
/// [`Staging::commit`] or removed with the folder when the staging is dropped. Roles render in
/// parallel, so it takes `&self`.
pub struct Staging {
    dir: PathBuf,
    staged: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// A rollback failed: the folder holds a previous version of an output and is kept.
    keep: std::sync::atomic::AtomicBool,
}

impl Staging {
    /// A staging folder in `out` (created, as `out` itself, when missing); what a killed build
    /// left there is cleared first. Refuses an `out` or a staging folder that is a link.
    pub fn new(out: &Path) -> anyhow::Result<Staging> {
        refuse_link(out)?;
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        let dir = out.join(STAGING);
        refuse_link(&dir)?;
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| {
                format!("cannot clear {} left by a stopped build", dir.display())
            })?;
        }
        clear_legacy_temporaries(out);
        crate::abort::on_interrupt();
        // registered before it exists: an interrupt in between leaves nothing behind
        crate::abort::set_staging(Some(dir.clone()));
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            staged: Mutex::new(Vec::new()),
            keep: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Stages `bytes` for `path` (a file directly inside the output folder) unless the file
    /// already holds exactly these bytes. The bytes are in the staged file when this returns, so
    /// a caller need not keep them. Not synced: the rename keeps a crashed build from leaving half
    /// a file, and outputs can always be rebuilt, while a sync per file made a cold build of a
    /// thousand roles twice as slow.
    pub fn stage(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<Written> {
        refuse_link(path)?;
        if std::fs::read(path).is_ok_and(|old| old == bytes) {
            return Ok(Written::Unchanged);
        }
        let tmp = write_new(&self.dir, "", bytes, false)?;
        self.staged
            .lock()
            .map_err(|_| anyhow::anyhow!("a build thread failed"))?
            .push((tmp, path.to_path_buf()));
        Ok(Written::Changed)
    }

    /// Renames every staged file into place; when one cannot be, puts back every file already
    /// replaced and says which file failed and why. Ctrl-C waits until it is done.
    pub fn commit(self) -> anyhow::Result<()> {
        let _commit = crate::abort::hold();
        let staged = std::mem::take(
            &mut *self
                .staged
                .lock()
                .map_err(|_| anyhow::anyhow!("a build thread failed"))?,
        );
        // (target, the old file moved aside, if there was one)
        let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        for (tmp, path) in &staged {
            if let Err(e) = self.replace(tmp, path, &mut done) {
                // every file put back that can be; those that cannot are named, their previous
                // versions kept in the staging folder
                let mut lost = Vec::new();
                for (path, old) in done.into_iter().rev() {
                    let restored = match &old {
                        Some(old) => std::fs::rename(old, &path),
                        None => std::fs::remove_file(&path),
                    };
                    if let (Err(why), Some(old)) = (restored, old) {
                        lost.push(format!(
                            "{} ({why}: its previous version is {})",
                            path.display(),
                            old.display()
                        ));
                    }
                }
                if lost.is_empty() && !self.keep.load(Ordering::Relaxed) {
                    return Err(e.context("nothing of this build was written"));
                }
                self.keep.store(true, Ordering::Relaxed);
                return Err(e.context(format!(
                    "and not every file could be put back: {}; copy them from there before the next build, which clears that folder",
                    if lost.is_empty() { "see above".to_string() } else { lost.join(", ") }
                )));
            }
        }
        // done: the files moved aside go, and an interrupt from now on has nothing to undo
        let _ = std::fs::remove_dir_all(&self.dir);
        crate::abort::set_staging(None);
        Ok(())
    }

    /// Moves the file at `path` aside into the staging folder, then `tmp` to `path`.
    fn replace(
        &self,
        tmp: &Path,
        path: &Path,
        done: &mut Vec<(PathBuf, Option<PathBuf>)>,
    ) -> anyhow::Result<()> {
        refuse_link(path)?;
        let existing = std::fs::symlink_metadata(path).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            bail!("cannot replace {}: it is not a file", path.display());
        }
        let old = if existing.is_some() {
            let aside = self.dir.join(unguessable("old-"));
            std::fs::rename(path, &aside)
                .with_context(|| format!("cannot replace {}", path.display()))?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(tmp, path) {
            if let Some(old) = &old
                && let Err(why) = std::fs::rename(old, path)
            {
                // the previous version stays in the staging folder: it must not go with it
                self.keep.store(true, Ordering::Relaxed);
                return Err(e).with_context(|| {
                    format!(
                        "cannot write {}, nor put it back ({why}): its previous version is {}",
                        path.display(),
                        old.display()
                    )
                });
            }
            return Err(e).with_context(|| format!("cannot write {}", path.display()));
        }
        done.push((path.to_path_buf(), old));
        Ok(())
    }
}

impl Drop for Staging {
    /// Whatever was not committed goes with the folder, and the files moved aside by a commit.
    fn drop(&mut self) {
        // removed, then unregistered, while no abort can run: an interrupt between the two
        // would leave the folder behind
        let _no_abort = crate::abort::hold();
        if !self.keep.load(Ordering::Relaxed) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        if crate::abort::staging().as_ref() == Some(&self.dir) {
            crate::abort::set_staging(None);
        }
    }
}

/// True for what a stopped build leaves in `out/`, which the next build clears: the staging
/// folder, and the temporary files of earlier versions (`.<name>.<pid>.tmp`).
pub fn is_leftover(name: &str) -> bool {
    name == STAGING
        || name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the temporary files earlier versions of jobdoc left in `out/` when killed, so that
/// `check` does not fail on them for good.
fn clear_legacy_temporaries(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != STAGING && is_leftover(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
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
        let staging = Staging::new(dir.path()).unwrap();
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
        let staging = Staging::new(dir.path()).unwrap();
        staging.stage(&dir.path().join("a.md"), b"x").unwrap();
        drop(staging);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_failed_commit_puts_back_what_it_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&a, "old a").unwrap();
        let staging = Staging::new(dir.path()).unwrap();
        staging.stage(&a, b"new a").unwrap();
        staging.stage(&b, b"new b").unwrap();
        // b.md becomes a link before the commit: it is not written through, and a.md goes back
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("target"), &b).unwrap();
        let e = staging.commit().unwrap_err();
        assert!(
            format!("{e:#}").contains("b.md is a symbolic link"),
            "{e:#}"
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert!(!elsewhere.path().join("target").exists());
    }

    #[test]
    fn temporaries_are_created_new_never_through_a_planted_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        // the exclusive create refuses a name that exists, a link to nowhere included
        let planted = dir.path().join("planted.tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&planted);
        assert_eq!(
            opened.unwrap_err().kind(),
            std::io::ErrorKind::AlreadyExists
        );
        assert!(!victim.exists());
        // and names cannot be foretold: not from the process id, never twice
        let (a, b) = (unguessable(""), unguessable(""));
        assert_ne!(a, b);
        // a hash, not the process id as a part of the name (a short id may well occur in a hash)
        assert!(
            a.len() == 20 && a.ends_with(".tmp") && a[..16].bytes().all(|c| c.is_ascii_hexdigit()),
            "{a}"
        );
        let tmp = write_new(dir.path(), "", b"x", false).unwrap();
        assert_eq!(std::fs::read(&tmp).unwrap(), b"x");
        assert!(!victim.exists());
    }

    #[test]
    fn a_leftover_staging_folder_and_legacy_temporaries_are_cleared() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(STAGING)).unwrap();
        std::fs::write(dir.path().join(STAGING).join("x.tmp"), "x").unwrap();
        std::fs::write(dir.path().join(".a.md.4242.tmp"), "x").unwrap();
        std::fs::write(dir.path().join("keep.md"), "x").unwrap();
        drop(Staging::new(dir.path()).unwrap());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["keep.md"]);
    }
}
