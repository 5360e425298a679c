//! `jobdoc build`: load and check everything, render roles in parallel, stage every file, and
//! rename them into `out/` only when all roles have rendered. Roles whose inputs and outputs are
//! unchanged since the last build (see [`crate::manifest`]) are skipped.

use std::path::Path;
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
}

/// How one role's build ended.
enum RoleBuild {
    /// Inputs and outputs unchanged since the manifest was written.
    Fresh,
    /// Rendered and staged: the manifest record, files written and unchanged.
    Built(RoleRecord, usize, usize),
    /// Problems in the inputs.
    Failed(Vec<Diagnostic>),
    /// A file could not be staged.
    Io(anyhow::Error),
}

/// Loads the project and picks the roles named by `ids` (all when empty); unknown ids are
/// diagnostics. Shared by build and check.
pub(crate) fn load(
    paths: &Paths,
    ids: &[String],
) -> anyhow::Result<Result<(Project, Diagnostics), Diagnostics>> {
    let (project, mut diags) = match Project::load(paths, None)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(Err(diags)),
    };
    let known: Vec<String> = project.roles.iter().map(|r| r.id.clone()).collect();
    for id in ids.iter().filter(|id| !known.contains(id)) {
        let mut d = Diagnostic::error(
            &paths.roles.join(format!("{id}.yaml")),
            None,
            Span::new(1, 1, 1),
            format!("no role `{id}`"),
        );
        if let Some(best) = nearest(id, &known) {
            d.hint = Some(format!("did you mean `{best}`?"));
        }
        diags.push(d);
    }
    Ok(if diags.has_errors() {
        Err(diags)
    } else {
        Ok((project, diags))
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

/// The inputs hasher of a project: shared files, templates, formats.
pub(crate) fn hasher(
    paths: &Paths,
    project: &Project,
    formats: &[Format],
) -> anyhow::Result<InputsHasher> {
    Ok(InputsHasher::shared(
        formats,
        project.templates.sources(),
        &project::shared_files(&paths.roles)?,
    ))
}

/// Builds the requested roles and formats into `args.out`.
pub fn run(args: &BuildArgs) -> anyhow::Result<Exit> {
    let start = Instant::now();
    let format = args.run.message_format;
    let paths = Paths::new(&args.project.roles, args.project.templates.as_deref());
    let (project, mut diags) = match load(&paths, args.ids)? {
        Ok(loaded) => loaded,
        Err(diags) => return Ok(report(&diags, format)),
    };
    let formats = formats(args.formats);
    let hasher = hasher(&paths, &project, &formats)?;
    let selected: Vec<&LoadedRole> = project
        .roles
        .iter()
        .filter(|r| args.ids.is_empty() || args.ids.contains(&r.id))
        .collect();
    let old = Manifest::read(args.out);
    let staging = Staging::default();
    let progress = Progress::new(
        selected.len(),
        !args.quiet && format == MessageFormat::Human,
    );
    let built = crate::parallel::map(
        &selected,
        args.run.jobs.unwrap_or_else(crate::parallel::default_jobs),
        |role| build_role(&project, role, &formats, &hasher, &old, args.out, &staging),
        || progress.tick(),
    );
    progress.finish();

    let mut manifest = if args.ids.is_empty() {
        Manifest {
            tool: manifest::tool(),
            ..Manifest::default()
        }
    } else {
        old.clone()
    };
    let (mut written, mut unchanged, mut fresh) = (0, 0, 0);
    for (role, result) in selected.iter().zip(built) {
        match result {
            RoleBuild::Fresh => {
                fresh += 1;
                if let Some(record) = old.roles.get(&role.id) {
                    manifest.roles.insert(role.id.clone(), record.clone());
                }
            }
            RoleBuild::Built(record, w, u) => {
                written += w;
                unchanged += u;
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
    // outputs of the last full build that no role produces any more
    let produced: Vec<&String> = manifest
        .roles
        .values()
        .flat_map(|r| r.outputs.keys())
        .collect();
    let mut removed = 0;
    for name in old.roles.values().flat_map(|r| r.outputs.keys()) {
        if !produced.contains(&name) && std::fs::remove_file(args.out.join(name)).is_ok() {
            removed += 1;
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

/// Renders one role and stages its files, unless the manifest shows it is up to date.
fn build_role(
    project: &Project,
    role: &LoadedRole,
    formats: &[Format],
    hasher: &InputsHasher,
    old: &Manifest,
    out: &Path,
    staging: &Staging,
) -> RoleBuild {
    let inputs = hasher.role(role.source.as_bytes());
    if old.is_fresh(out, &role.id, &inputs) {
        return RoleBuild::Fresh;
    }
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
