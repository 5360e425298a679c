//! `jobdoc import FILE|DIR...`: job descriptions into role files, each with its report; an
//! `.xml` file is a professional standard, of which `--function` names the labour functions.

use std::path::{Path, PathBuf};

use crate::build::staging::write_atomic;
use crate::cmd::Exit;
use crate::diagnostics::{Diagnostic, Diagnostics, Failure, MessageFormat, Severity, Span};
use crate::import::{Imported, docx, import, pstd, text};
use crate::load::valid_id;
use crate::locale;
use crate::project::{language_of, load_organization, load_role};

/// What `import` was given.
pub struct ImportArgs<'a> {
    /// Files and folders.
    pub files: &'a [PathBuf],
    /// The role id, for one file.
    pub id: Option<&'a str>,
    /// The labour functions to import from a professional standard (`A`, `A/01.5`).
    pub functions: &'a [String],
    /// Where role files go.
    pub roles: &'a Path,
    /// Overwrite existing role files.
    pub force: bool,
    /// How the report is shown.
    pub format: MessageFormat,
}

/// Formats import reads, by extension.
const READ: &[&str] = &["txt", "md", "docx"];

/// The extension of a professional standard: imported only when named, with `--function`.
const STANDARD: &str = "xml";

/// Formats to convert first, and how.
const CONVERT: &[&str] = &["doc", "odt", "rtf", "pdf"];

/// Imports every file; problems with one file are reported and the others still imported.
pub fn run(args: &ImportArgs) -> Result<Exit, Failure> {
    let mut diags = Diagnostics::default();
    let mut files = Vec::new();
    for f in args.files {
        if f.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(f)
                .map_err(|e| anyhow::anyhow!("cannot read the folder {}: {e}", f.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| extension(p).is_some_and(|e| READ.contains(&e.as_str())))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(f.clone());
        }
    }
    if !args.functions.is_empty()
        && let Some(other) = files
            .iter()
            .find(|f| extension(f).as_deref() != Some(STANDARD))
    {
        diags.push(error(
            other,
            "`--function` picks the labour functions of a professional standard (`.xml`); this is not one",
        ));
        return Err(Failure::Input(diags));
    }
    if args.id.is_some() && files.len() != 1 {
        diags.push(error(
            Path::new("."),
            "`--id` names the role of one file; give one file, or leave `--id` out",
        ));
        return Err(Failure::Input(diags));
    }
    let mut written = 0;
    // role files this run wrote, by the file they came from: two sources with one title would
    // otherwise overwrite each other, `--force` or not
    let mut wrote: Vec<(PathBuf, PathBuf)> = Vec::new();
    for file in &files {
        match import_one(file, args, &wrote) {
            Ok(path) => {
                written += 1;
                eprintln!("wrote {} (from {})", path.display(), file.display());
                wrote.push((path, file.clone()));
            }
            Err(d) => diags.push(*d),
        }
    }
    if !diags.0.is_empty() {
        diags.emit(args.format);
        eprintln!("{} of {} file(s) imported", written, files.len());
        return Ok(Exit::InputProblems);
    }
    Ok(Exit::Ok)
}

/// An error about `file` as a whole.
fn error(file: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(file, None, Span::new(1, 1, 1), message)
}

/// The lower-case extension of `path`.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
}

/// Imports one file, shows its report and writes its role; the path written.
fn import_one(
    file: &Path,
    args: &ImportArgs,
    wrote: &[(PathBuf, PathBuf)],
) -> Result<PathBuf, Box<Diagnostic>> {
    let ext = extension(file).unwrap_or_default();
    if CONVERT.contains(&ext.as_str()) {
        return Err(Box::new(error(file, format!("import reads `.docx`, `.txt` and `.md`, not `.{ext}`"))
            .with_hint(format!("convert it first: `libreoffice --headless --convert-to docx {}` (or save it as DOCX or as plain text, UTF-8)", file.display()))));
    }
    if !READ.contains(&ext.as_str()) && ext != STANDARD {
        return Err(Box::new(error(
            file,
            format!(
                "import reads `.docx`, `.txt` and `.md`, and professional standards as `.xml`; `{}` is none of them",
                file.display()
            ),
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| error(file, format!("cannot read it: {e}")))?;
    let imported = match ext == STANDARD {
        true => pstd::import(file, &bytes, args.functions).map_err(|e| {
            Box::new(Diagnostic::error(
                file,
                None,
                Span::new(e.line, e.column, 1),
                e.message,
            ))
        })?,
        false => document(file, &ext, bytes)?,
    };
    write_role(file, imported, args, wrote)
}

/// The import of a job description (`.docx`, `.txt`, `.md`) read as `bytes`.
fn document(file: &Path, ext: &str, bytes: Vec<u8>) -> Result<Imported, Box<Diagnostic>> {
    let lines = match ext {
        "docx" => docx::lines(&bytes).map_err(|m| error(file, m))?,
        _ => {
            let source = String::from_utf8(bytes).map_err(|e| {
                // the bytes before the first that is not UTF-8 are UTF-8
                let before = std::str::from_utf8(&e.as_bytes()[..e.utf8_error().valid_up_to()])
                    .unwrap_or_default();
                Box::new(
                    Diagnostic::error(
                        file,
                        None,
                        crate::load::position(before, before.len()),
                        "the file is not UTF-8 text",
                    )
                    .with_hint("save it as UTF-8 (`iconv -f cp1251 -t utf-8`)"),
                )
            })?;
            text::lines(source.trim_start_matches('\u{feff}'))
        }
    };
    Ok(import(file, &lines).map_err(|m| error(file, m))?)
}

/// Writes the role `imported` from `file` and shows its report; the path written.
fn write_role(
    file: &Path,
    imported: Imported,
    args: &ImportArgs,
    wrote: &[(PathBuf, PathBuf)],
) -> Result<PathBuf, Box<Diagnostic>> {
    let id = match (args.id, &imported.id) {
        (Some(id), _) => id.to_string(),
        (None, Some(id)) => id.clone(),
        (None, None) => {
            return Err(Box::new(error(
                file,
                "the title gives no id: give one with `--id`",
            )));
        }
    };
    let path = args.roles.join(format!("{id}.yaml"));
    if !valid_id(&id) {
        return Err(Box::new(
            error(file, format!("`{id}` is not a role id"))
                .with_hint("use lowercase Latin letters, digits and `-`: sales-manager"),
        ));
    }
    if let Some((_, source)) = wrote.iter().find(|(p, _)| *p == path) {
        return Err(Box::new(
            error(
                file,
                format!(
                    "`{id}` was written from {} in this import; nothing was written",
                    source.display()
                ),
            )
            .with_hint("import this file alone with another `--id`"),
        ));
    }
    if path.exists() && !args.force {
        return Err(Box::new(
            error(&path, "the role file already exists; nothing was written")
                .with_hint("give `--force` to overwrite it, or another `--id`"),
        ));
    }
    imported.report.emit(args.format);
    // what import writes must load: a file that does not parse is import's fault, not the
    // source's, and is not written (the source's words may still be invalid, warned below)
    if let Err(e) = crate::load::yaml::parse(&imported.yaml) {
        return Err(Box::new(
            Diagnostic::error(
                &path,
                Some(&imported.yaml),
                e.span,
                format!(
                    "the role file import made does not read back (YAML syntax: {}); nothing was written",
                    e.message
                ),
            )
            .with_hint("this is a fault of jobdoc import: report it with the source file"),
        ));
    }
    write_atomic(&path, imported.yaml.as_bytes())
        .map_err(|e| error(&path, format!("cannot write it: {e}")))?;
    // checked as `validate` checks it: what the source's words make invalid (a character the
    // PDF font lacks) is shown at its line of the file written, as a warning: the words are the
    // source's, for the user to change
    let paths = crate::load::Paths::new(args.roles, None);
    let mut ignored = Diagnostics::default();
    let organization = load_organization(&paths, locale::DEFAULT, &mut ignored);
    let mut found = Diagnostics::default();
    load_role(
        &path,
        imported.yaml,
        organization.as_ref(),
        language_of(organization.as_ref()),
        &mut found,
    );
    for d in &mut found.0 {
        d.severity = Severity::Warning;
    }
    found.emit(args.format);
    Ok(path)
}
