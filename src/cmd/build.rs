//! `jobdoc build`: load and check everything, render roles in parallel, stage every file, and
//! rename them into `out/` only when all roles have rendered. Roles whose inputs and outputs are
//! unchanged since the last build (see [`crate::manifest`]) are skipped.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::{ProjectArgs, RunArgs};
use crate::cmd::Exit;
use crate::cmd::progress::Progress;
use crate::diagnostics::{Diagnostic, Diagnostics, MessageFormat, Span};
use crate::manifest::{self, InputsHasher, Manifest, RoleRecord};
use crate::model::check::nearest;
use crate::output::{Staging, Written};
use crate::project::{self, LoadedRole, Paths, Project};
use crate::render::{self, Format};

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

/// How one role's build ended.
enum RoleBuild {
    /// Rendered and staged: the manifest record, files written and unchanged.
    Built(RoleRecord, usize, usize),
    /// Problems in the inputs.
    Failed(Vec<Diagnostic>),
    /// A file could not be staged.
    Io(anyhow::Error),
}

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

/// The whole project, with a diagnostic for each of `ids` that names no role; the loading
/// diagnostics when anything failed to load.
pub(crate) fn load_with_ids(
    args: &ProjectArgs,
    ids: &[String],
) -> anyhow::Result<Result<(Paths, Project, Diagnostics), Diagnostics>> {
    let paths = Paths::new(&args.roles, args.templates.as_deref());
    Ok(match Project::load(&paths, None)? {
        Ok((project, mut diags)) => {
            let known: Vec<String> = project.roles.iter().map(|r| r.id.clone()).collect();
            diags.extend(unknown_ids(&paths, ids, &known));
            Ok((paths, project, diags))
        }
        Err(diags) => Err(diags),
    })
}

/// The formats to build: the given ones sorted, or every format.
pub(crate) fn formats(given: &[Format]) -> Vec<Format> {
    let mut formats = if given.is_empty() {
        Format::ALL.to_vec()
    } else {
        given.to_vec()
    };
    formats.sort();
    formats.dedup();
    formats
}

/// The inputs hasher of a project: shared files and templates.
pub(crate) fn hasher(paths: &Paths, project: &Project) -> anyhow::Result<InputsHasher> {
    Ok(InputsHasher::shared(
        project.templates.sources(),
        &project::shared_files(&paths.roles)?,
    ))
}

/// The inputs hash of a role file's text (a byte-order mark is not part of it, as it is not part
/// of the text the loader reads).
pub(crate) fn role_inputs(hasher: &InputsHasher, text: &[u8]) -> String {
    hasher.role(text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text))
}

/// Builds the requested roles and formats into `args.out`. Roles whose file, shared inputs and
/// outputs are unchanged since the last build are not even parsed: they were checked when they
/// were built, from the same bytes, by the same version.
pub fn run(args: &BuildArgs) -> anyhow::Result<Exit> {
    let start = Instant::now();
    let format = args.run.message_format;
    let jobs = args.run.jobs.unwrap_or_else(crate::parallel::default_jobs);
    let paths = Paths::new(&args.project.roles, args.project.templates.as_deref());
    let files = project::role_files(&paths.roles)?;
    // the organization and templates first: every role's inputs hash includes them
    let (mut project, mut diags) = match Project::load(&paths, Some(Vec::new()))? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(report(&diags, format)),
    };
    let id_of = |f: &PathBuf| {
        f.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let known: Vec<String> = files.iter().map(id_of).collect();
    diags.extend(unknown_ids(&paths, args.ids, &known));
    let formats = formats(args.formats);
    let hasher = hasher(&paths, &project)?;
    let old = Manifest::read(args.out);
    let selected: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| args.ids.is_empty() || args.ids.contains(&id_of(f)))
        .collect();
    let freshness = crate::parallel::map(
        &selected,
        jobs,
        |f| {
            std::fs::read(f)
                .ok()
                .map(|bytes| role_inputs(&hasher, &bytes))
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
    project.roles = project::load_roles(&stale, Some(&project.organization), &mut diags);
    if diags.has_errors() {
        return Ok(report(&diags, format));
    }

    let staging = Staging::default();
    let progress = Progress::new(
        project.roles.len(),
        !args.quiet && format == MessageFormat::Human,
    );
    let built = crate::parallel::map(
        &project.roles,
        jobs,
        |role| build_role(&project, role, &formats, &hasher, args.out, &staging),
        || progress.tick(),
    );
    progress.finish();
    let (mut written, mut unchanged) = (0, 0);
    for (role, result) in project.roles.iter().zip(built) {
        match result {
            RoleBuild::Built(mut record, w, u) => {
                written += w;
                unchanged += u;
                // files of the formats this build did not write stay recorded if still current
                if let Some(previous) = old.roles.get(&role.id)
                    && previous.inputs == record.inputs
                {
                    for (name, hash) in &previous.outputs {
                        if !formats.iter().any(|f| manifest::is_format(name, *f)) {
                            record.outputs.insert(name.clone(), hash.clone());
                        }
                    }
                }
                manifest.roles.insert(role.id.clone(), record);
            }
            RoleBuild::Failed(problems) => diags.extend(problems),
            RoleBuild::Io(e) => return Err(e),
        }
    }
    if diags.has_errors() {
        return Ok(report(&diags, format));
    }
    diags.emit(format);
    if staging.stage(&args.out.join(manifest::FILE), &manifest.to_bytes())? == Written::Changed {
        written += 1;
    }
    staging.commit()?;
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

/// Renders one role and stages its files.
fn build_role(
    project: &Project,
    role: &LoadedRole,
    formats: &[Format],
    hasher: &InputsHasher,
    out: &Path,
    staging: &Staging,
) -> RoleBuild {
    let inputs = role_inputs(hasher, role.source.as_bytes());
    let outputs = match render::role_outputs(project, role, formats) {
        Ok(o) => o,
        Err(problems) => return RoleBuild::Failed(problems),
    };
    let mut record = RoleRecord {
        inputs,
        outputs: Default::default(),
    };
    let (mut written, mut unchanged) = (0, 0);
    for output in outputs {
        match staging.stage(&out.join(&output.name), &output.bytes) {
            Ok(Written::Changed) => written += 1,
            Ok(Written::Unchanged) => unchanged += 1,
            Err(e) => return RoleBuild::Io(e),
        }
        record
            .outputs
            .insert(output.name, manifest::hash(&output.bytes));
    }
    RoleBuild::Built(record, written, unchanged)
}

/// Shows diagnostics and a summary; the exit for input problems.
pub(crate) fn report(diags: &Diagnostics, format: MessageFormat) -> Exit {
    diags.emit(format);
    let (errors, warnings) = diags.counts();
    eprintln!("{errors} error(s), {warnings} warning(s); nothing was written");
    Exit::InputProblems
}
