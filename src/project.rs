//! Loading a project folder: `roles/_organization.yaml`, the role files `roles/<id>.yaml` in sorted
//! order, and the templates. Every file is read and checked; all problems are collected.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::editions::Editions;
use crate::model::check::{self, Schema};
use crate::model::hr::SignatureRecord;
use crate::model::{Organization, Role};
use crate::roster::{RoleNames, Roster};
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
    /// The staff roster (empty without `_staff.yaml`/`_staff.csv`).
    pub roster: Roster,
    /// The signature records of `_signatures.yaml`.
    pub signatures: Vec<SignatureRecord>,
    /// The approved editions of `_editions.yaml`.
    pub editions: Editions,
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

/// A YAML file that loaded without errors: the value, the file's text and its spanned tree (to
/// point diagnostics found after deserializing at their place).
pub struct LoadedYaml<T> {
    /// The deserialized value.
    pub value: T,
    /// The text, as read.
    pub source: String,
    /// The spanned tree.
    pub node: yaml::Node,
}

/// Parses, schema-checks and deserializes one YAML file; `semantics` adds the checks beyond the
/// schema. Returns the value when the file has no errors.
pub fn load_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    schema: &Schema,
    semantics: impl Fn(&str, &yaml::Node) -> Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    match read(path) {
        Ok(source) => load_yaml_source(path, source, schema, semantics, diags),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// [`load_yaml`] for the HR files (roster, signature records, approved editions), where a file
/// with no document in it — empty, or comments only — is no data yet rather than an error.
pub fn load_hr_yaml<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    let source = match read(path) {
        Ok(source) => source,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    if let Ok(node) = yaml::parse(&source)
        && node.kind == yaml::NodeKind::Null
    {
        return Some(LoadedYaml {
            value: T::default(),
            source,
            node,
        });
    }
    load_yaml_source(path, source, schema, |_, _| vec![], diags)
}

/// [`load_yaml`] on text already read (`path` names it in messages).
pub fn load_yaml_source<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: String,
    schema: &Schema,
    semantics: impl Fn(&str, &yaml::Node) -> Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
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
        Ok(value) if semantic_ok => Some(LoadedYaml {
            value,
            source,
            node,
        }),
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
    load_yaml(
        &path,
        &schema,
        |src, node| check::organization_semantics(&path, src, node),
        diags,
    )
    .map(|loaded| loaded.value)
}

/// The id of a role file: its name without `.yaml`.
pub fn role_id(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string()
}

/// Loads role files, checked against the organization's fragments.
pub fn load_roles(
    files: &[PathBuf],
    organization: Option<&Organization>,
    diags: &mut Diagnostics,
) -> Vec<LoadedRole> {
    let mut roles = Vec::new();
    for path in files {
        match read(path) {
            Ok(source) => roles.extend(load_role(path, source, organization, diags)),
            Err(d) => diags.push(*d),
        }
    }
    roles
}

/// Loads one role from its text; `path` names the file (its stem is the id) in messages.
pub fn load_role(
    path: &Path,
    source: String,
    organization: Option<&Organization>,
    diags: &mut Diagnostics,
) -> Option<LoadedRole> {
    let id = role_id(path);
    if !valid_id(&id) {
        diags.push(
            Diagnostic::error(
                path,
                None,
                Span::new(1, 1, 1),
                format!("`{id}` is not a role id"),
            )
            .with_hint(
                "name role files with lowercase Latin letters, digits and `-`: client-manager.yaml",
            ),
        );
        return None;
    }
    // compiled once: a build loads roles on several threads, a thousand of them
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    let schema = SCHEMA.get_or_init(|| Schema::new(crate::model::role_schema()));
    let fragments: Option<BTreeSet<String>> =
        organization.map(|o| o.fragments.keys().cloned().collect());
    let cx = check::Context {
        fragments: fragments.as_ref(),
    };
    let loaded: LoadedYaml<Role> = load_yaml_source(
        path,
        source,
        schema,
        |src, node| check::role_semantics(path, src, node, &cx),
        diags,
    )?;
    Some(LoadedRole {
        id,
        path: path.to_path_buf(),
        role: loaded.value,
        source: loaded.source,
    })
}

impl Project {
    /// Loads the organization, the given role files (all of the folder when `files` is `None`),
    /// the templates, the roster, the signature records and the approved editions. Returns the project and its warnings, or every diagnostic when any is
    /// an error.
    pub fn load(
        paths: &Paths,
        files: Option<Vec<PathBuf>>,
    ) -> anyhow::Result<Result<(Project, Diagnostics), Diagnostics>> {
        let mut diags = Diagnostics::default();
        let organization = load_organization(&paths.roles, &mut diags);
        let all = role_files(&paths.roles)?;
        let names = RoleNames::new(&all);
        let ids = names.ids();
        let editions = crate::editions::load(&paths.roles, &ids, &mut diags);
        let (errors, _) = diags.counts();
        let roster = crate::roster::load(&paths.roles, &names, &mut diags);
        // records checked against a roster with errors would only repeat them
        let signatures = if diags.counts().0 == errors {
            crate::signatures::load(&paths.roles, &roster, &ids, &editions, &mut diags)
        } else {
            Vec::new()
        };
        let files = files.unwrap_or(all);
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
                    roster,
                    signatures,
                    editions,
                },
                diags,
            )),
            _ => Err(diags),
        })
    }
}
