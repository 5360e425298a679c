//! Writing outputs: each file goes to a temporary file in the same folder and is renamed over the
//! old one, so a crash never leaves a half-written document in `out/`.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// New or changed bytes were written.
    Changed,
    /// The file already had these bytes; it was left alone (its mtime too).
    Unchanged,
}

/// Writes `bytes` to `path` atomically, unless the file already holds exactly these bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<Written> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Written::Unchanged);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(Written::Changed)
}
