//! The build manifest `out/.jobdoc-manifest.json`: for each role, a hash of everything its outputs
//! were built from (the role file, the shared `_*` files of the roles folder, the templates,
//! the build's date and the tool version) and a hash of each output file. A rebuild skips a
//! role whose inputs hash the same and whose files of the requested formats are recorded and
//! still hash as recorded in `out/`.
//! `jobdoc check` does not use it: it renders everything and compares bytes.
//!
//! xxh3 rather than a cryptographic hash: this is change detection on our own files, and a no-op
//! rebuild of a thousand roles hashes about 100 MB of outputs.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::write::Format;

/// The manifest's file name inside the output folder.
pub const FILE: &str = ".jobdoc-manifest.json";

/// What the outputs in `out/` were built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `jobdoc 0.2.0`: a manifest of another version is ignored (everything rebuilds).
    pub tool: String,
    /// Per role id.
    pub roles: BTreeMap<String, RoleRecord>,
}

/// What one role's outputs were built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRecord {
    /// Hash of the role's inputs.
    pub inputs: String,
    /// Output file name → hash of its bytes.
    pub outputs: BTreeMap<String, String>,
}

/// The tool and version, as the manifest records it.
pub fn tool() -> String {
    format!("jobdoc {}", env!("CARGO_PKG_VERSION"))
}

/// A hash as the manifest writes it.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Builds the inputs hash of roles: shared parts first, then one role.
#[derive(Clone)]
pub struct InputsHasher(Xxh3);

impl InputsHasher {
    /// The parts every role shares: tool version, the build's `date` as given, whether it is
    /// `strict`, templates (name, source) and the shared files of the roles folder (name, bytes).
    pub fn shared<'a>(
        date: &str,
        strict: bool,
        templates: impl Iterator<Item = (&'a str, &'a str)>,
        shared_files: &[(String, Vec<u8>)],
    ) -> InputsHasher {
        let mut h = Xxh3::new();
        let mut field = |bytes: &[u8]| {
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(tool().as_bytes());
        field(date.as_bytes());
        if strict {
            field(b"--strict");
        }
        for (name, source) in templates {
            field(name.as_bytes());
            field(source.as_bytes());
        }
        for (name, bytes) in shared_files {
            field(name.as_bytes());
            field(bytes);
        }
        InputsHasher(h)
    }

    /// The inputs hash of a role whose file and translations hold `parts`.
    pub fn role(&self, parts: &[Vec<u8>]) -> String {
        let mut h = self.0.clone();
        for part in parts {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        format!("{:032x}", h.digest128())
    }
}

/// True when `name` is a file jobdoc builds for role `id`: `<id>[.<kind>][.<lang>|.bilingual].<ext>`
/// of a document kind, a language and a format, directly inside the output folder. Nothing else
/// in `out/` is ever jobdoc's to replace or remove.
pub fn is_output_name(id: &str, name: &str) -> bool {
    crate::load::valid_id(id)
        && (crate::compose::output_stems(id).any(|stem| {
            Format::ALL
                .iter()
                .filter(|f| f.is_document())
                .any(|f| name == format!("{stem}.{}", f.extension()))
        }) || crate::compose::vacancy::posting_names(id).contains(&name.to_string()))
}

impl Manifest {
    /// Reads the manifest of `out`; a missing, unreadable, other-version or linked manifest is
    /// empty (everything is rebuilt, which is always safe; a link is refused when the build
    /// writes the manifest). The manifest is a cache, never an
    /// authority: it is a file of the repository, which a pull request can change. A record of a
    /// name jobdoc does not build for its role ([`is_output_name`]) is dropped, and said in the
    /// returned warnings, so that no later step reads, trusts or removes it.
    pub fn read(out: &Path) -> (Manifest, Vec<String>) {
        let path = out.join(FILE);
        let linked = super::staging::is_link(&path);
        let mut manifest = (!linked)
            .then(|| std::fs::read(&path).ok())
            .flatten()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            .filter(|m| m.tool == tool())
            .unwrap_or_else(|| Manifest {
                tool: tool(),
                roles: BTreeMap::new(),
            });
        let mut warnings = Vec::new();
        manifest.roles.retain(|id, record| {
            record.outputs.retain(|name, _| {
                let ok = is_output_name(id, name);
                if !ok {
                    warnings.push(format!(
                        "{} names `{name}` for role `{id}`, which jobdoc does not build: ignored",
                        path.display()
                    ));
                }
                ok
            });
            crate::load::valid_id(id)
        });
        (manifest, warnings)
    }

    /// The manifest's bytes: sorted keys, a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// True when `id` was built from `inputs` in every one of `formats`, and each of those files
    /// is in `out` with the recorded bytes.
    pub fn is_fresh(&self, out: &Path, id: &str, inputs: &str, formats: &[Format]) -> bool {
        self.roles.get(id).is_some_and(|r| {
            r.inputs == inputs
                && formats.iter().all(|f| {
                    r.outputs.keys().any(|name| is_format(name, *f))
                        // JSON is written only for a vacancy: a role built with one in
                        // another format must have its postings too
                        || (!f.is_document() && !r.outputs.keys().any(|n| is_vacancy(id, n)))
                })
                && r.outputs
                    .iter()
                    .filter(|(name, _)| formats.iter().any(|f| is_format(name, *f)))
                    .all(|(name, want)| {
                        // only a plain file of a sane size is read: a link in out/ (to
                        // /dev/zero, say) is stale, and the build refuses to write through it
                        let path = out.join(name);
                        std::fs::symlink_metadata(&path)
                            .is_ok_and(|m| m.is_file() && m.len() <= crate::load::MAX_FILE)
                            && std::fs::read(&path).is_ok_and(|bytes| &hash(&bytes) == want)
                    })
        })
    }
}

/// True when `name` is a document of role `id`'s vacancy (`client-manager.vacancy.pdf`).
fn is_vacancy(id: &str, name: &str) -> bool {
    name.strip_prefix(id)
        .is_some_and(|rest| rest.starts_with(".vacancy."))
}

/// True when the output file `name` is of format `f`.
pub fn is_format(name: &str, f: Format) -> bool {
    name.rsplit('.').next() == Some(f.extension())
}
