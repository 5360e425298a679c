//! A project, loaded: the organization file, the role files in sorted order, the templates and
//! the HR layer, every file read once through [`crate::load`] and checked, all problems
//! collected. Composition only: what a file means is the model's and the HR layer's business.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use crate::compose::template::Templates;
use crate::compose::{Composer, Language};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Failure, Span, Warned};
use crate::hr::{self, Hr};
use crate::load::schema::Schema;
use crate::load::{self, LoadedYaml, Paths};
use crate::locale::{self, Locale};
use crate::model::{LoadedRole, Organization, Role};
use crate::model::{check, compensation, duplicates, translation};

/// The organization file's name inside the roles folder.
pub const ORGANIZATION_FILE: &str = "_organization.yaml";

/// Everything a build needs, loaded and checked.
pub struct Project {
    /// The organization.
    pub organization: Organization,
    /// The language the documents are written in.
    pub locale: &'static Locale,
    /// Roles sorted by id (those asked for).
    pub roles: Vec<LoadedRole>,
    /// Templates, built-in and overridden.
    pub templates: Templates,
    /// Roster, signature records, approved editions.
    pub hr: Hr,
    /// The other languages roles may be written in, each with its templates (from
    /// `templates/<code>/`) and the organization in its words.
    pub languages: Vec<Language>,
    /// Loads further roles without parsing a file twice.
    loader: RoleLoader,
    /// The tax rules compensation plans need, read when first needed.
    taxes: crate::pay::tax::Cache,
}

/// Loads the organization file of the project, for documents in `locale`.
pub fn load_organization(
    paths: &Paths,
    locale: &Locale,
    diags: &mut Diagnostics,
) -> Option<Organization> {
    let path = paths.roles.join(ORGANIZATION_FILE);
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
    let schema = Schema::from_text(crate::model::ORGANIZATION_SCHEMA);
    load::load_yaml(
        &path,
        Some(&paths.roles),
        &schema,
        |src, node| check::organization_semantics(&path, src, node, locale),
        diags,
    )
    .map(|loaded| loaded.value)
}

/// The language of the organization's documents: its `language`, else the default one.
pub fn language_of(organization: Option<&Organization>) -> &'static Locale {
    organization
        .and_then(|o| o.language.as_deref())
        .and_then(locale::by_code)
        .unwrap_or(locale::DEFAULT)
}

/// Loads role files, checked against the organization's fragments, with their translations;
/// `root` as in [`load::read_bytes`]; `strict`: whether translation problems are errors, `None`
/// as the organization says.
pub fn load_roles(
    files: &[PathBuf],
    root: Option<&Path>,
    organization: Option<&Organization>,
    locale: &Locale,
    strict: Option<bool>,
    diags: &mut Diagnostics,
) -> Vec<LoadedRole> {
    let strict = strict.unwrap_or_else(|| organization.is_some_and(|o| o.strict_translations));
    let mut roles = Vec::new();
    for path in files {
        match load::read_text(path, root) {
            Ok(source) => {
                if let Some(mut role) = load_role(path, source, organization, locale, diags) {
                    let own = role
                        .role
                        .language
                        .as_deref()
                        .and_then(locale::by_code)
                        .unwrap_or(locale);
                    role.translations =
                        translation::load(&role, root, own, organization, strict, diags);
                    roles.push(role);
                }
            }
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
    locale: &Locale,
    diags: &mut Diagnostics,
) -> Option<LoadedRole> {
    let id = load::role_id(path);
    if !load::valid_id(&id) {
        diags.push(
            Diagnostic::error(
                path,
                None,
                Span::new(1, 1, 1),
                format!("`{id}` is not a role id"),
            )
            .with_hint(if id.contains('.') {
                format!(
                    "name role files with lowercase Latin letters, digits and `-`; a translation is `<id>.<code>.yaml`, with a code of {}",
                    locale::codes().join(", ")
                )
            } else {
                "name role files with lowercase Latin letters, digits and `-`: client-manager.yaml"
                    .to_string()
            }),
        );
        return None;
    }
    // compiled once: a build loads roles on several threads, a thousand of them
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    let schema = SCHEMA.get_or_init(|| Schema::from_text(crate::model::ROLE_SCHEMA));
    let fragments = organization.map(check::fragment_levels);
    let cx = check::Context {
        fragments: fragments.as_ref(),
        locale,
    };
    let loaded: LoadedYaml<Role> = load::load_yaml_source(
        path,
        source,
        schema,
        |src, node| {
            let mut found = check::role_semantics(path, src, node, &cx);
            found.extend(duplicates::role(path, src, node, organization, locale));
            if let Some(plan) = node.get("compensation") {
                found.extend(compensation::check(path, src, plan));
            }
            found
        },
        diags,
    )?;
    Some(LoadedRole {
        id,
        path: path.to_path_buf(),
        role: loaded.value,
        source: loaded.source,
        node: loaded.node,
        translations: Vec::new(),
    })
}

/// The roles of a folder as the HR layer sees them: ids from the file names, and titles from
/// the role files, loaded (by the one role loader) only when asked for.
struct RoleIndex<'a> {
    files: &'a [PathBuf],
    root: &'a Path,
    organization: Option<&'a Organization>,
    locale: &'a Locale,
    strict: Option<bool>,
    loaded: OnceCell<Vec<(PathBuf, Option<LoadedRole>, Diagnostics)>>,
}

impl RoleIndex<'_> {
    fn all(&self) -> &[(PathBuf, Option<LoadedRole>, Diagnostics)] {
        self.loaded.get_or_init(|| {
            self.files
                .iter()
                .map(|f| {
                    let mut diags = Diagnostics::default();
                    let role = load_roles(
                        std::slice::from_ref(f),
                        Some(self.root),
                        self.organization,
                        self.locale,
                        self.strict,
                        &mut diags,
                    )
                    .pop();
                    (f.clone(), role, diags)
                })
                .collect()
        })
    }
}

impl hr::Roles for RoleIndex<'_> {
    fn ids(&self) -> Vec<String> {
        self.files.iter().map(|f| load::role_id(f)).collect()
    }

    fn titles(&self) -> Vec<(String, String)> {
        // files with problems are reported where roles are loaded, not here
        self.all()
            .iter()
            .filter_map(|(_, role, _)| role.as_ref())
            .map(|r| (r.role.title.nominative.clone(), r.id.clone()))
            .collect()
    }

    fn all_load(&self) -> bool {
        self.all().iter().all(|(_, role, _)| role.is_some())
    }
}

/// Loads role files once: those the HR layer already loaded are taken as they are.
struct RoleLoader {
    paths: Paths,
    locale: &'static Locale,
    /// Every role of the folder, when the HR layer needed them all (a roster naming positions
    /// by title).
    every_role: Option<Vec<(PathBuf, Option<LoadedRole>, Diagnostics)>>,
}

impl RoleLoader {
    fn load(
        &self,
        files: &[PathBuf],
        organization: Option<&Organization>,
        diags: &mut Diagnostics,
    ) -> Vec<LoadedRole> {
        let mut roles = Vec::with_capacity(files.len());
        for f in files {
            let loaded = self
                .every_role
                .as_ref()
                .and_then(|every| every.iter().find(|(p, _, _)| p == f));
            match loaded {
                Some((_, role, found)) => {
                    diags.extend(found.0.iter().cloned());
                    roles.extend(role.clone());
                }
                None => {
                    // a file of the roles folder stays in it; one named on the command line
                    // elsewhere is the user's choice
                    roles.extend(load_roles(
                        std::slice::from_ref(f),
                        self.paths.root_of(f),
                        organization,
                        self.locale,
                        self.paths.strict,
                        diags,
                    ));
                }
            }
        }
        roles
    }
}

impl Project {
    /// Loads the organization, the given role files (all of the folder when `files` is `None`),
    /// the templates and the HR layer. Returns the project and its warnings, or every diagnostic
    /// when any is an error.
    pub fn load(paths: &Paths, files: Option<Vec<PathBuf>>) -> Result<Warned<Project>, Failure> {
        let mut diags = Diagnostics::default();
        let organization = load_organization(paths, locale::DEFAULT, &mut diags);
        // the organization's language is every role's unless the role names its own
        let locale = language_of(organization.as_ref());
        let all = load::role_files(&paths.roles)?;
        diags.extend(load::unread_files(&paths.roles));
        let index = RoleIndex {
            files: &all,
            root: &paths.roles,
            organization: organization.as_ref(),
            locale,
            strict: paths.strict,
            loaded: OnceCell::new(),
        };
        let hr = Hr::load(&paths.roles, &index, locale, &mut diags);
        let loader = RoleLoader {
            paths: paths.clone(),
            locale,
            every_role: index.loaded.into_inner(),
        };
        let roles = loader.load(&files.unwrap_or(all), organization.as_ref(), &mut diags);
        let templates = match Templates::load(Some(&paths.templates), locale) {
            Ok(t) => Some(t),
            Err(problems) => {
                diags.extend(problems);
                None
            }
        };
        let mut languages = Vec::new();
        for other in locale::ALL.iter().filter(|l| !std::ptr::eq(**l, locale)) {
            let dir = paths.templates.join(other.code());
            match (Templates::load(Some(&dir), other), &organization) {
                (Ok(templates), Some(organization)) => languages.push(Language {
                    locale: other,
                    templates,
                    organization: organization.in_language(other.code()),
                }),
                (Err(problems), _) => diags.extend(problems),
                (Ok(_), None) => {}
            }
        }
        match (organization, templates) {
            (Some(organization), Some(templates)) if !diags.has_errors() => Ok(Warned {
                value: Project {
                    organization,
                    locale,
                    roles,
                    templates,
                    hr,
                    languages,
                    taxes: crate::pay::tax::Cache::new(&paths.roles),
                    loader,
                },
                warnings: diags,
            }),
            _ => Err(Failure::Input(diags)),
        }
    }

    /// Loads the role files `files` (those already loaded for the HR layer are not parsed again).
    pub fn load_roles(&self, files: &[PathBuf], diags: &mut Diagnostics) -> Vec<LoadedRole> {
        self.loader.load(files, Some(&self.organization), diags)
    }

    /// The name and source of every template of every language, for hashing.
    pub fn template_sources(&self) -> impl Iterator<Item = (&str, &str)> {
        let others = self.languages.iter().flat_map(|l| l.templates.sources());
        self.templates.sources().chain(others)
    }

    /// Where the inputs are.
    pub fn paths(&self) -> &Paths {
        &self.loader.paths
    }

    /// What composing this project's documents needs, with `today` for dates the inputs do not
    /// give.
    pub fn composer(&self, today: Option<Date>) -> Composer<'_> {
        Composer {
            organization: &self.organization,
            templates: &self.templates,
            hr: &self.hr,
            locale: self.locale,
            today,
            languages: &self.languages,
            abbreviations: true,
            taxes: &self.taxes,
        }
    }
}
