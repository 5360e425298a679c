//! The build engine: a role's composed documents written in the requested formats, which roles
//! need building ([`manifest`]), building them on several threads ([`parallel`]), and writing
//! their files all at once or not at all ([`staging`]).

pub mod lock;
pub mod manifest;
pub mod parallel;
pub mod staging;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;

use crate::compose::RoleDocuments;
use crate::diagnostics::{Diagnostics, Failure};
use crate::document::{Block, Document, Line};
use crate::load::{self, Paths};
use crate::model::LoadedRole;
use crate::project::Project;
use crate::write::page::Length;
use crate::write::{self, Format, Meta, Output, columns};
use manifest::InputsHasher;

/// The formats to build: the given ones sorted, or every format.
pub fn formats(given: &[Format]) -> Vec<Format> {
    let mut formats = if given.is_empty() {
        Format::ALL.to_vec()
    } else {
        given.to_vec()
    };
    formats.sort();
    formats.dedup();
    formats
}

/// The documents of a role that `validate` lays out as PDF, as a build would, in memory: those
/// the PDF writer might fail to lay out (see [`may_overflow`]). Every other way a writer fails
/// is jobdoc's own or was checked when composing (a character the font lacks), so no document
/// needs writing to be known to build.
pub fn check_layout(documents: &RoleDocuments) -> anyhow::Result<()> {
    for doc in documents
        .documents
        .iter()
        .filter(|d| may_overflow(&d.document, &d.meta))
    {
        write::write(Format::Pdf, &doc.markdown, &doc.document, &doc.meta)
            .with_context(|| format!("cannot write {}.{}", doc.stem, Format::Pdf.extension()))?;
    }
    Ok(())
}

/// Whether the PDF writer might find a box it cannot split taller than a page: a table's body
/// row with the header row repeated above it (parallel text sets a row's cells in one box only
/// when they take less than half a page). A bound, not the layout, so that a document is laid
/// out only when it might fail: a cell is set unhyphenated
/// in a column no narrower than [`columns::widths`] makes it, each of its words on a line of its
/// own (a word wider than the column a line a character), lines 1.5 em apart (Liberation
/// Serif's are 1.15).
pub fn may_overflow(document: &Document, meta: &Meta) -> bool {
    let page = meta.page;
    let table = page.table;
    let body = page.height.to_pt() - page.margins.top.to_pt() - page.margins.bottom.to_pt();
    let size = meta.font_size;
    let line = 1.5 * size as f32;
    let height = |cells: &[Line], widths: &[Length]| {
        let lines = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| {
                let room = width.to_pt() - 2.0 * table.padding_x.to_pt();
                let mut lines = 0;
                for run in cell {
                    // a word ends at a space and after a hyphen, as the line breaker takes them
                    for word in run.text.split_inclusive([' ', '\t', '\n', '\r', '-']) {
                        // either face a run may be set in, the wider
                        let wide = [false, true].iter().any(|&italic| {
                            columns::text_width(word.trim_end(), size, true, italic).to_pt() > room
                        });
                        lines += if wide { word.chars().count() } else { 1 };
                    }
                }
                lines.max(1)
            })
            .max()
            .unwrap_or(1);
        (lines as f32 * line + 2.0 * table.padding_y.to_pt()).max(table.row_height.to_pt())
    };
    document.blocks.iter().any(|block| match block {
        Block::Table { header, rows } => {
            let widths = columns::widths(header, rows, size, meta.number_column, page);
            let head = height(header, &widths);
            // a table of a header alone still sets that header
            head > body || rows.iter().any(|row| head + height(row, &widths) > body)
        }
        _ => false,
    })
}

/// Each of `files` loaded on one of `jobs` threads and its roles given to `each` there, so that
/// loading runs beside the other roles' work (`build` and `check`; `done` after each file). Once
/// a role fails to load, or when `failed` already, the roles after it are only loaded. The
/// loads' problems come back in the order of the files, and the roles' results only when no load
/// failed: whichever roles were done before the first failure, the same report on every run.
pub fn load_each<R: Send>(
    project: &Project,
    files: &[PathBuf],
    jobs: usize,
    failed: bool,
    each: impl Fn(&LoadedRole) -> R + Sync,
    done: impl Fn() + Sync,
) -> (Diagnostics, Vec<(String, R)>) {
    let failed = AtomicBool::new(failed);
    let loaded = parallel::map(
        files,
        jobs,
        |file| {
            let mut found = Diagnostics::default();
            let roles = project.load_roles(std::slice::from_ref(file), &mut found);
            if found.has_errors() {
                failed.store(true, Ordering::Relaxed);
            }
            let results: Vec<(String, R)> = roles
                .iter()
                .filter(|_| !failed.load(Ordering::Relaxed))
                .map(|role| (role.id.clone(), each(role)))
                .collect();
            (found, results)
        },
        done,
    );
    let failed = failed.load(Ordering::Relaxed);
    let mut problems = Diagnostics::default();
    let mut results = Vec::with_capacity(loaded.len());
    for (found, done) in loaded {
        problems.extend(found.0);
        results.extend(done.into_iter().filter(|_| !failed));
    }
    (problems, results)
}

/// Every document of a role in every one of `formats`. A writer's failure is jobdoc's, not the
/// input's (those were caught when composing): an error naming the file in `out`.
pub fn write_role(
    documents: &RoleDocuments,
    formats: &[Format],
    out: &Path,
) -> anyhow::Result<Vec<Output>> {
    let mut outputs = Vec::new();
    for doc in &documents.documents {
        for &format in formats.iter().filter(|f| f.is_document()) {
            let name = format!("{}.{}", doc.stem, format.extension());
            let bytes = write::write(format, &doc.markdown, &doc.document, &doc.meta)
                .with_context(|| format!("cannot write {}", out.join(&name).display()))?;
            outputs.push(Output { name, bytes });
        }
    }
    if formats.contains(&Format::Json) {
        outputs.extend(documents.postings.iter().map(|p| Output {
            name: p.name.clone(),
            bytes: p.text.as_bytes().to_vec(),
        }));
    }
    Ok(outputs)
}

/// The inputs hasher of a project: shared files and templates, and the build's date as given.
pub fn hasher(paths: &Paths, project: &Project, date: &str) -> Result<InputsHasher, Failure> {
    Ok(InputsHasher::shared(
        date,
        // with --strict, translation warnings are errors: an up-to-date role is checked again
        paths.strict == Some(true),
        project.template_sources(),
        &load::shared_files(&paths.roles)?,
    ))
}

/// The inputs hash of a role file's text and its translations', each with its language's code
/// (a byte-order mark is not part of one, as it is not part of the text the loader reads).
pub fn role_inputs(hasher: &InputsHasher, text: &[u8], translations: &[(&str, &[u8])]) -> String {
    let bare = |t: &'_ [u8]| -> Vec<u8> { t.strip_prefix(b"\xef\xbb\xbf").unwrap_or(t).to_vec() };
    let mut parts = vec![bare(text)];
    for (code, text) in translations {
        parts.push(code.as_bytes().to_vec());
        parts.push(bare(text));
    }
    hasher.role(&parts)
}

/// The language codes and bytes of the translation files beside role file `role`
/// (`client-manager.en.yaml`), in the order of the languages; a file that cannot be read
/// counts as empty (loading it reports why).
pub fn translation_bytes(role: &Path, root: &Path) -> Vec<(&'static str, Vec<u8>)> {
    crate::locale::ALL
        .iter()
        .map(|l| (l.code(), crate::model::translation::path_of(role, l)))
        .filter(|(_, p)| p.is_file())
        .map(|(code, p)| (code, load::read_bytes(&p, Some(root)).unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `validate` lays out none of the example's documents: the bound leaves room for each.
    #[test]
    fn no_document_of_the_example_may_overflow() {
        let roles = Path::new(env!("CARGO_MANIFEST_DIR")).join("roles");
        let project = Project::load(&Paths::new(&roles, None), None)
            .map_err(|_| "the example loads")
            .unwrap()
            .value;
        let composer = project.composer(None);
        for role in &project.roles {
            let documents = composer.role(role).map_err(|_| "composes").unwrap();
            for doc in &documents.documents {
                assert!(!may_overflow(&doc.document, &doc.meta), "{}", doc.stem);
            }
        }
    }
}
