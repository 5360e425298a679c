//! `jobdoc build`: load and check everything, render roles in parallel, stage every file, and
//! rename them into `out/` only when all roles have rendered. Roles whose inputs and outputs are
//! unchanged since the last build (see [`crate::build::manifest`]) are skipped.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;

use crate::build::lock::{FolderLock, Mode};
use crate::build::manifest::{self, InputsHasher, Manifest, RoleRecord};
use crate::build::staging::{Staging, Written, refuse_link};
use crate::build::{self, formats, hasher, role_inputs};
use crate::cli::{ProjectArgs, RunArgs};
use crate::cmd::Exit;
use crate::cmd::progress::Progress;
use crate::compose::Composer;
use crate::date::BuildDate;
use crate::diagnostics::{Diagnostic, Failure, MessageFormat, Span, Warned, nearest, printable};
use crate::load::{self, Paths};
use crate::model::LoadedRole;
use crate::project::Project;
use crate::write::Format;

/// What `jobdoc build` was asked to do.
pub struct BuildArgs<'a> {
    /// Role ids to build; every role when empty.
    pub ids: &'a [String],
    /// Where the inputs are.
    pub project: &'a ProjectArgs,
    /// The output folder.
    pub out: &'a Path,
    /// Formats; every format when empty.
    pub formats: &'a [Format],
    /// Threads and message format.
    pub run: &'a RunArgs,
    /// No progress bar or summary.
    pub quiet: bool,
    /// Ignore the manifest: rebuild every selected role.
    pub force: bool,
}

/// How one role's build ended: rendered and staged (the manifest record, files written and
/// unchanged, warnings), or failed.
type RoleBuild = Result<(RoleRecord, usize, usize, Vec<Diagnostic>), Failure>;

/// Diagnostics for `ids` that name no role of `known`, with the nearest as a hint.
fn unknown_ids(paths: &Paths, ids: &[String], known: &[String]) -> Vec<Diagnostic> {
    ids.iter()
        .filter(|id| !known.contains(id))
        .map(|id| {
            let mut d = Diagnostic::error(
                &paths.roles.join(format!("{id}.yaml")),
                None,
                Span::new(1, 1, 1),
                format!("no role `{id}`"),
            );
            if let Some(best) = nearest(id, known) {
                d.hint = Some(format!("did you mean `{best}`?"));
            }
            d
        })
        .collect()
}

/// The whole project, its warnings with a diagnostic for each of `ids` that names no role.
pub(crate) fn load_with_ids(
    args: &ProjectArgs,
    ids: &[String],
) -> Result<Warned<Project>, Failure> {
    load_with_paths(&args.paths(), ids)
}

/// [`load_with_ids`] from `paths`.
pub(crate) fn load_with_paths(paths: &Paths, ids: &[String]) -> Result<Warned<Project>, Failure> {
    let mut loaded = Project::load(paths, None)?;
    // a role's compensation plan is named `<id>.comp` where editions are approved and signed
    let known: Vec<String> = loaded
        .value
        .roles
        .iter()
        .flat_map(|r| std::iter::once(r.id.clone()).chain(r.plan().map(|p| p.id)))
        .collect();
    loaded.warnings.extend(unknown_ids(paths, ids, &known));
    if loaded.warnings.has_errors() {
        return Err(Failure::Input(loaded.warnings));
    }
    Ok(loaded)
}

/// Builds the requested roles and formats into `args.out`. Roles whose file, shared inputs and
/// outputs are unchanged since the last build are not even parsed: they were checked when they
/// were built, from the same bytes, by the same version.
pub fn run(args: &BuildArgs, today: &BuildDate) -> Result<Exit, Failure> {
    let start = Instant::now();
    let format = args.run.message_format;
    let jobs = args.run.jobs.unwrap_or_else(build::parallel::default_jobs);
    let paths = args.project.paths();
    // the roles stay as they are while a build reads them (`approve` waits)
    let files = load::role_files(&paths.roles)?;
    // out/ inside roles/ would lock one folder twice, and mix outputs with inputs
    if paths.root_of(&args.out.join("x")).is_some() {
        return Err(anyhow::anyhow!(
            "the output folder {} is the roles folder: choose another with --out",
            args.out.display()
        )
        .into());
    }
    let _roles_lock = FolderLock::new(&paths.roles, Mode::Shared)?;
    // the organization and templates first: every role's inputs hash includes them
    let Warned {
        value: project,
        warnings: mut diags,
    } = Project::load(&paths, Some(Vec::new()))?;
    let id_of = |f: &PathBuf| {
        f.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let known: Vec<String> = files.iter().map(id_of).collect();
    diags.extend(unknown_ids(&paths, args.ids, &known));
    let formats = formats(args.formats);
    let hasher = hasher(&paths, &project, &today.given)?;
    // a link for out/ or its manifest is refused before anything is read through it
    refuse_link(args.out)?;
    refuse_link(&args.out.join(manifest::FILE))?;
    // one build at a time writes out/: another waits, then reads this one's manifest
    let created = OutFolder::lock(args.out)?;
    let (old, distrusted) = Manifest::read(args.out);
    for warning in &distrusted {
        // names from a file of the repository: no escape sequence reaches the terminal
        eprintln!("warning: {}", printable(warning));
    }
    let selected: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| args.ids.is_empty() || args.ids.contains(&id_of(f)))
        .collect();
    let root = paths.roles.clone();
    let freshness = build::parallel::map(
        &selected,
        jobs,
        |f| {
            load::read_bytes(f, Some(&root))
                .ok()
                .map(|bytes| {
                    let translations = build::translation_bytes(f, &root);
                    let refs: Vec<(&str, &[u8])> = translations
                        .iter()
                        .map(|(c, t)| (*c, t.as_slice()))
                        .collect();
                    role_inputs(&hasher, &bytes, &refs)
                })
                .filter(|inputs| !args.force && old.is_fresh(args.out, &id_of(f), inputs, &formats))
        },
        || {},
    );
    // a build of some formats keeps the records of the others (and of roles it did not build)
    let mut manifest = if args.ids.is_empty() && formats == Format::ALL {
        Manifest {
            tool: manifest::tool(),
            ..Manifest::default()
        }
    } else {
        old.clone()
    };
    let mut stale = Vec::new();
    let mut fresh = 0;
    for (file, inputs) in selected.iter().zip(&freshness) {
        match (inputs, old.roles.get(&id_of(file))) {
            (Some(_), Some(record)) => {
                fresh += 1;
                manifest.roles.insert(id_of(file), record.clone());
            }
            _ => stale.push(file.clone()),
        }
    }
    // Each role is loaded on the thread that builds it. Its problems come first, in the order
    // of the files, and a problem in any role (or an unknown id) means nothing is written: the
    // staged files go with the staging folder.
    let staging = Staging::new(args.out)?;
    let progress = Progress::new(stale.len(), !args.quiet && format == MessageFormat::Human);
    let composer = project.composer(today.date);
    let (problems, built) = build::load_each(
        &project,
        &stale,
        jobs,
        diags.has_errors(),
        |role| build_role(&composer, role, &formats, &hasher, args.out, &staging),
        || progress.tick(),
    );
    progress.finish();
    diags.extend(problems.0);
    // only the loads' problems, whichever roles were built before the first was found: the same
    // report on every run
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    let (mut written, mut unchanged) = (0, 0);
    for (id, result) in built {
        match result {
            Ok((mut record, w, u, warnings)) => {
                written += w;
                unchanged += u;
                diags.extend(warnings);
                // files of the formats this build did not write stay recorded if still current
                if let Some(previous) = old.roles.get(&id)
                    && previous.inputs == record.inputs
                {
                    for (name, hash) in &previous.outputs {
                        if !formats.iter().any(|f| manifest::is_format(name, *f)) {
                            record.outputs.insert(name.clone(), hash.clone());
                        }
                    }
                }
                manifest.roles.insert(id, record);
            }
            Err(Failure::Input(problems)) => diags.extend(problems.0),
            Err(internal) => return Err(internal),
        }
    }
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    diags.emit(format);
    if staging.stage(&args.out.join(manifest::FILE), &manifest.to_bytes())? == Written::Changed {
        written += 1;
    }
    staging.commit()?;
    created.keep();
    // Files of the last build that no role produces any more: those of deleted roles, and those
    // of the formats this build wrote (`--format pdf` leaves the Markdown and DOCX alone).
    let mut removed = 0;
    for (id, record) in &old.roles {
        let current = manifest.roles.get(id);
        for name in record.outputs.keys() {
            let produced = current.is_some_and(|r| r.outputs.contains_key(name));
            let written_format = formats.iter().any(|f| manifest::is_format(name, *f));
            if !produced
                && (current.is_none() || written_format)
                && std::fs::remove_file(args.out.join(name)).is_ok()
            {
                removed += 1;
            }
        }
    }
    if !args.quiet {
        eprintln!(
            "built {} role(s) into {}: {written} file(s) written, {unchanged} unchanged, {fresh} role(s) up to date{} in {:.2} s",
            selected.len(),
            args.out.display(),
            if removed > 0 {
                format!(", {removed} obsolete file(s) removed")
            } else {
                String::new()
            },
            start.elapsed().as_secs_f64()
        );
    }
    Ok(Exit::Ok)
}

/// The output folder, held exclusively for the build. Created by this build when missing, and
/// removed again, when still empty, unless the build got as far as writing (a failed first
/// build leaves no empty `out/` behind) — while still locked, so that a build waiting for it
/// finds the folder gone and makes its own.
struct OutFolder<'a> {
    path: &'a Path,
    created: bool,
    _lock: FolderLock,
}

impl<'a> OutFolder<'a> {
    fn lock(path: &'a Path) -> anyhow::Result<OutFolder<'a>> {
        loop {
            let created = !path.exists();
            std::fs::create_dir_all(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let lock = FolderLock::new(path, Mode::Exclusive)?;
            // the build that held it may have removed the folder while this one waited
            if lock.is_at(path) {
                return Ok(OutFolder {
                    path,
                    created,
                    _lock: lock,
                });
            }
        }
    }

    fn keep(mut self) {
        self.created = false;
    }
}

impl Drop for OutFolder<'_> {
    fn drop(&mut self) {
        if self.created {
            // only an empty folder goes: remove_dir refuses any other
            let _ = std::fs::remove_dir(self.path);
        }
    }
}

/// The texts of `role`'s translations, as its inputs hash takes them.
pub(crate) fn translation_sources(role: &LoadedRole) -> Vec<(&str, &[u8])> {
    role.translations
        .iter()
        .map(|t| (t.language, t.source.as_bytes()))
        .collect()
}

/// Renders one role and stages its files.
fn build_role(
    composer: &Composer,
    role: &LoadedRole,
    formats: &[Format],
    hasher: &InputsHasher,
    out: &Path,
    staging: &Staging,
) -> RoleBuild {
    let inputs = role_inputs(hasher, role.source.as_bytes(), &translation_sources(role));
    let documents = composer.role(role)?;
    let outputs = build::write_role(&documents, formats, out)?;
    let mut record = RoleRecord {
        inputs,
        outputs: Default::default(),
    };
    let (mut written, mut unchanged) = (0, 0);
    for output in outputs {
        match staging.stage(&out.join(&output.name), &output.bytes)? {
            Written::Changed => written += 1,
            Written::Unchanged => unchanged += 1,
        }
        record
            .outputs
            .insert(output.name, manifest::hash(&output.bytes));
    }
    Ok((record, written, unchanged, documents.warnings))
}
