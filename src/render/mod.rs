//! The pipeline of one role: model → template → Markdown → document structure → writers. Each
//! writer consumes the parsed [`Document`]; none reads YAML or parses Markdown itself.

use std::path::Path;

pub mod columns;
pub mod docx;
pub mod pdf;

use crate::diagnostics::{Diagnostic, Span};
use crate::document::{self, Document};
use crate::editions::{self, EditionText};
use crate::fonts;
use crate::model::check;
use crate::model::date::Date;
use crate::project::{LoadedRole, Project};
use crate::sheets;
use crate::template::{ACK, CHANGES, JOB_DESCRIPTION};
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
    // Checked here, not only in the PDF writer, so that `validate` reports it and names the
    // template; the role files were checked where they were read.
    if let Some(c) = pdf::undrawable(&document) {
        let path = Path::new(&shown);
        let source = project
            .templates
            .sources()
            .find(|(name, _)| *name == template)
            .map(|(_, source)| source);
        // the template's own characters, through the check the role files get
        let in_template: Vec<Diagnostic> = source
            .map(|s| {
                s.lines()
                    .enumerate()
                    .flat_map(|(i, line)| {
                        check::undrawable(path, s, line, |column| Span::new(i + 1, column + 1, 1))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !in_template.is_empty() {
            return Err(in_template);
        }
        return Err(vec![
            Diagnostic::error(
                path,
                None,
                Span::new(1, 1, 1),
                format!("{}, in what this template produced", fonts::no_glyph(c)),
            )
            .with_hint("it comes from the data the template shows: find it in the roles folder"),
        ]);
    }
    Ok(Rendered { markdown, document })
}

/// Renders `template` with a view made for `role` (a view that cannot be serialized is reported
/// at the role file).
fn render_view(
    project: &Project,
    role: &LoadedRole,
    template: &str,
    view: &impl serde::Serialize,
) -> Result<Rendered, Vec<Diagnostic>> {
    let context = tera::Context::from_serialize(view)
        .map_err(|e| role_error(role, format!("cannot prepare the template context: {e}")))?;
    render_template(project, template, &context)
}

/// A problem of `role` as a whole, reported at the start of its file.
fn role_error(role: &LoadedRole, message: String) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        &role.path,
        None,
        Span::new(1, 1, 1),
        message,
    )]
}

/// The job description of `role`, rendered and parsed.
pub fn job_description(project: &Project, role: &LoadedRole) -> Result<Rendered, Vec<Diagnostic>> {
    let view = JobDescriptionView::new(&role.id, &role.role, &project.organization);
    render_view(project, role, JOB_DESCRIPTION, &view)
}

/// The properties of the job description of `role`; its sheets share them but title and subject.
pub fn job_description_meta(project: &Project, role: &LoadedRole) -> Meta {
    Meta {
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
    }
}

/// Every output of `role` in `formats`: the job description `<id>.*`, its лист ознакомления
/// `<id>.ack.*`, and, when an earlier edition was approved, the лист изменений `<id>.changes.*`.
/// Checks the edition against the approved ones first. With no formats it renders and checks
/// everything and returns nothing (`validate`).
pub fn role_outputs(
    project: &Project,
    role: &LoadedRole,
    formats: &[Format],
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let rendered = job_description(project, role)?;
    let text = EditionText::from_document(&rendered.document);
    let problems = editions::check_role(role, &project.editions, &text);
    if !problems.is_empty() {
        return Err(problems);
    }
    let genitive = role.role.title.genitive.trim();
    let meta = job_description_meta(project, role);
    let ack = render_view(project, role, ACK, &sheets::ack_view(project, role, &text))?;
    let ack_meta = Meta {
        title: format!("Лист ознакомления с должностной инструкцией {genitive}"),
        subject: "Лист ознакомления".into(),
        ..meta.clone()
    };
    let mut documents = vec![
        (role.id.clone(), rendered, meta.clone()),
        (format!("{}.ack", role.id), ack, ack_meta),
    ];
    let revision = role.role.edition.revision;
    if let Some(previous) = project.editions.previous(&role.id, revision) {
        let view = sheets::changes_view(project, role, previous, &text);
        documents.push((
            format!("{}.changes", role.id),
            render_view(project, role, CHANGES, &view)?,
            Meta {
                title: format!("Лист изменений в должностной инструкции {genitive}"),
                subject: "Лист изменений".into(),
                ..meta
            },
        ));
    }
    let mut outputs = Vec::new();
    for (stem, rendered, meta) in &documents {
        for f in formats {
            let name = format!("{stem}.{}", f.extension());
            let bytes = match f {
                Format::Md => Ok(rendered.markdown.clone().into_bytes()),
                Format::Docx => docx::write(&rendered.document, meta),
                Format::Pdf => pdf::write(&rendered.document, meta),
            }
            .map_err(|e| role_error(role, format!("cannot write {name}: {e}")))?;
            outputs.push(Output { name, bytes });
        }
    }
    Ok(outputs)
}
