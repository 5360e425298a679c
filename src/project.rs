//! Loading a project folder: `roles/_organization.yaml`, the role files `roles/<id>.yaml` in sorted
//! order, and the templates. Every file is read and checked; all problems are collected.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::model::check::{self, Schema};
use crate::model::{Organization, Role};
use crate::template::Templates;
use crate::yaml;

/// The organization file's name inside the roles folder.
pub const ORGANIZATION_FILE: &str = "_organization.yaml";

/// A role read from its file.
#[derive(Debug, Clone)]
pub struct LoadedRole {
    /// The id: the file name without `.yaml`.
    pub id: String,
    /// The file.
    pub path: PathBuf,
    /// The parsed role.
    pub role: Role,
    /// The file's text, as read (what the build manifest hashes).
    pub source: String,
}

/// Everything a build needs, loaded and checked.
pub struct Project {
    /// The organization.
    pub organization: Organization,
    /// Roles sorted by id.
    pub roles: Vec<LoadedRole>,
    /// Templates, built-in and overridden.
    pub templates: Templates,
}

/// Where a project's inputs are.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The roles folder.
    pub roles: PathBuf,
    /// The templates folder (may not exist).
    pub templates: PathBuf,
}

impl Paths {
    /// The roles folder and, unless given, `templates/` beside it.
    pub fn new(roles: &Path, templates: Option<&Path>) -> Paths {
        let templates = templates
            .map(Path::to_path_buf)
            .unwrap_or_else(|| roles.parent().unwrap_or(Path::new(".")).join("templates"));
        Paths {
            roles: roles.to_path_buf(),
            templates,
        }
    }
}

/// True when `id` is a valid role id: lowercase Latin letters, digits and `-`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The role files of a folder, sorted (so the order of output never depends on the file system).
pub fn role_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the roles folder {}", dir.display()))?
    {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && name.ends_with(".yaml") && !name.starts_with('_') {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The shared inputs of a roles folder: every file whose name starts with `_` (organization,
/// roster, signatures), with its bytes, sorted by name. A change to any of them rebuilds every role.
pub fn shared_files(dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the roles folder {}", dir.display()))?
    {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && name.starts_with('_') {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            files.push((name.to_string(), bytes));
        }
    }
    files.sort();
    Ok(files)
}

/// Reads a file as UTF-8 text; a problem is a diagnostic (it is the user's input).
fn read(path: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            path,
            None,
            Span::new(1, 1, 1),
            format!("cannot read: {e}"),
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Box::new(Diagnostic::error(
            path,
            None,
            Span::new(1, 1, 1),
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Parses, schema-checks and deserializes one YAML file; `semantics` adds the checks beyond the
/// schema. Returns the value and the file's text when the file has no errors.
fn load_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    schema: &Schema,
    semantics: impl Fn(&str, &yaml::Node) -> Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<(T, String)> {
    let source = match read(path) {
        Ok(s) => s,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let node = match yaml::parse(&source) {
        Ok(n) => n,
        Err(e) => {
            let mut d = Diagnostic::error(
                path,
                Some(&source),
                e.span,
                format!("YAML syntax: {}", e.message),
            );
            // the parser's words for a misplaced indentation are cryptic; say what to look at
            if e.message.contains("mapping values are not allowed")
                || e.message.contains("did not find expected")
            {
                d.hint = Some("check the indentation against the lines above (keys of one mapping start in one column); a text containing `: ` must be quoted".into());
            }
            diags.push(d);
            return None;
        }
    };
    let found = schema.check(path, &source, &node);
    let schema_ok = !found.iter().any(Diagnostic::is_error);
    diags.extend(found);
    if !schema_ok {
        return None;
    }
    let more = semantics(&source, &node);
    let semantic_ok = !more.iter().any(Diagnostic::is_error);
    diags.extend(more);
    match yaml::from_str::<T>(&source) {
        Ok(v) if semantic_ok => Some((v, source)),
        Ok(_) => None,
        Err(e) => {
            diags.push(Diagnostic::error(path, Some(&source), e.span, e.message));
            None
        }
    }
}

/// Loads the organization file of `dir`.
pub fn load_organization(dir: &Path, diags: &mut Diagnostics) -> Option<Organization> {
    let path = dir.join(ORGANIZATION_FILE);
    if !path.is_file() {
        diags.push(
            Diagnostic::error(
                &path,
                None,
                Span::new(1, 1, 1),
                "the organization file is missing",
            )
            .with_hint("every roles folder needs _organization.yaml (name, approver, fragments); see README.md"),
        );
        return None;
    }
    let schema = Schema::new(crate::model::organization_schema());
    load_file(
        &path,
        &schema,
        |src, node| check::organization_semantics(&path, src, node),
        diags,
    )
    .map(|(organization, _)| organization)
}

/// Loads role files, checked against the organization's fragments.
pub fn load_roles(
    files: &[PathBuf],
    organization: Option<&Organization>,
    diags: &mut Diagnostics,
) -> Vec<LoadedRole> {
    let schema = Schema::new(crate::model::role_schema());
    let fragments: Option<BTreeSet<String>> =
        organization.map(|o| o.fragments.keys().cloned().collect());
    let mut roles = Vec::new();
    for path in files {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if !valid_id(&id) {
            diags.push(
                Diagnostic::error(path, None, Span::new(1, 1, 1), format!("`{id}` is not a role id"))
                    .with_hint("name role files with lowercase Latin letters, digits and `-`: client-manager.yaml"),
            );
            continue;
        }
        let cx = check::Context {
            fragments: fragments.as_ref(),
        };
        let role: Option<(Role, String)> = load_file(
            path,
            &schema,
            |src, node| check::role_semantics(path, src, node, &cx),
            diags,
        );
        if let Some((role, source)) = role {
            roles.push(LoadedRole {
                id,
                path: path.clone(),
                role,
                source,
            });
        }
    }
    roles
}

impl Project {
    /// Loads the organization, the given role files (all of the folder when `files` is `None`)
    /// and the templates. Returns the project and its warnings, or every diagnostic when any is
    /// an error.
    pub fn load(
        paths: &Paths,
        files: Option<Vec<PathBuf>>,
    ) -> anyhow::Result<Result<(Project, Diagnostics), Diagnostics>> {
        let mut diags = Diagnostics::default();
        let organization = load_organization(&paths.roles, &mut diags);
        let files = match files {
            Some(f) => f,
            None => role_files(&paths.roles)?,
        };
        let roles = load_roles(&files, organization.as_ref(), &mut diags);
        let templates = match Templates::load(Some(&paths.templates)) {
            Ok(t) => Some(t),
            Err(problems) => {
                diags.extend(problems);
                None
            }
        };
        Ok(match (organization, templates) {
            (Some(organization), Some(templates)) if !diags.has_errors() => Ok((
                Project {
                    organization,
                    roles,
                    templates,
                },
                diags,
            )),
            _ => Err(diags),
        })
    }
}
