//! The pipeline of one role: model → template → Markdown → document structure → writers. Each
//! writer consumes the parsed [`Document`]; none reads YAML or parses Markdown itself.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::document::{self, Document};
use crate::project::{LoadedRole, Project};
use crate::template::JOB_DESCRIPTION;
use crate::view::JobDescriptionView;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// Markdown, exactly as the template produced it.
    Md,
}

impl Format {
    /// Every format jobdoc can write.
    pub const ALL: &[Format] = &[Format::Md];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
        }
    }
}

/// A file to write into the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// File name inside the output folder: `client-manager.md`.
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A role rendered to Markdown and parsed into the document structure.
pub struct Rendered {
    /// The Markdown the template produced.
    pub markdown: String,
    /// The parsed document.
    pub document: Document,
}

/// Renders `template` with `context` and parses the result into the document structure.
pub fn render_template(
    project: &Project,
    template: &str,
    context: &tera::Context,
) -> Result<Rendered, Vec<Diagnostic>> {
    let markdown = project
        .templates
        .render(template, context)
        .map_err(|d| vec![*d])?;
    let shown = project.templates.origin(template).display_path(template);
    let document = document::parse(&markdown, Path::new(&shown))?;
    Ok(Rendered { markdown, document })
}

/// The job description of `role`, rendered and parsed.
pub fn job_description(project: &Project, role: &LoadedRole) -> Result<Rendered, Vec<Diagnostic>> {
    let view = JobDescriptionView::new(&role.id, &role.role, &project.organization);
    let context = tera::Context::from_serialize(&view).map_err(|e| {
        vec![Diagnostic::error(
            &role.path,
            None,
            crate::diagnostics::Span::new(1, 1, 1),
            format!("cannot prepare the template context: {e}"),
        )]
    })?;
    render_template(project, JOB_DESCRIPTION, &context)
}

/// Every output of `role` in `formats`.
pub fn role_outputs(
    project: &Project,
    role: &LoadedRole,
    formats: &[Format],
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let rendered = job_description(project, role)?;
    Ok(formats
        .iter()
        .map(|f| Output {
            name: format!("{}.{}", role.id, f.extension()),
            bytes: match f {
                Format::Md => rendered.markdown.clone().into_bytes(),
            },
        })
        .collect())
}
