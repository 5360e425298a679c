//! The pipeline of one role: model → template → Markdown → document structure → writers. Each
//! writer consumes the parsed [`Document`]; none reads YAML or parses Markdown itself.

use std::path::Path;

pub mod docx;
pub mod pdf;

use crate::diagnostics::{Diagnostic, Span};
use crate::document::{self, Document};
use crate::model::date::Date;
use crate::project::{LoadedRole, Project};
use crate::template::JOB_DESCRIPTION;
use crate::view::JobDescriptionView;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// Markdown, exactly as the template produced it.
    Md,
    /// Word (Office Open XML).
    Docx,
    /// PDF.
    Pdf,
}

impl Format {
    /// Every format jobdoc can write.
    pub const ALL: &[Format] = &[Format::Md, Format::Docx, Format::Pdf];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
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

/// What a writer needs besides the document: properties and page settings, all from the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Document title, one line: «Должностная инструкция менеджера по работе с клиентами».
    pub title: String,
    /// Subject: the kind of document, «Должностная инструкция».
    pub subject: String,
    /// Author: the organization's full name.
    pub author: String,
    /// Language tag, `ru-RU`.
    pub language: String,
    /// Creation date: the edition date, else `SOURCE_DATE_EPOCH`; never the clock.
    pub created: Option<Date>,
    /// Body font size in points (12–14).
    pub font_size: u32,
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
            Span::new(1, 1, 1),
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
    let meta = Meta {
        title: format!("Должностная инструкция {}", role.role.title.genitive.trim()),
        subject: "Должностная инструкция".into(),
        author: project.organization.name.clone(),
        language: "ru-RU".into(),
        created: role
            .role
            .edition
            .date
            .as_deref()
            .and_then(Date::parse_iso)
            .or_else(Date::from_source_date_epoch),
        font_size: project.organization.font_size,
    };
    formats
        .iter()
        .map(|f| {
            let bytes = match f {
                Format::Md => Ok(rendered.markdown.clone().into_bytes()),
                Format::Docx => docx::write(&rendered.document, &meta),
                Format::Pdf => pdf::write(&rendered.document, &meta),
            };
            let name = format!("{}.{}", role.id, f.extension());
            bytes
                .map(|bytes| Output {
                    name: name.clone(),
                    bytes,
                })
                .map_err(|e| {
                    vec![Diagnostic::error(
                        &role.path,
                        None,
                        Span::new(1, 1, 1),
                        format!("cannot write {name}: {e}"),
                    )]
                })
        })
        .collect()
}
