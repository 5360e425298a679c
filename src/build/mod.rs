//! The build engine: a role's composed documents written in the requested formats, which roles
//! need building ([`manifest`]), building them on several threads ([`parallel`]), and writing
//! their files all at once or not at all ([`staging`]).

pub mod lock;
pub mod manifest;
pub mod parallel;
pub mod staging;

use std::path::Path;

use anyhow::Context as _;

use crate::compose::RoleDocuments;
use crate::diagnostics::Failure;
use crate::load::{self, Paths};
use crate::project::Project;
use crate::write::{self, Format, Output};
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
