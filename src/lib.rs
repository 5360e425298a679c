//! jobdoc keeps job descriptions as code: a role written once in YAML is rendered through tera
//! templates into Markdown, parsed into a document structure, and written by one writer per
//! format. The pipeline, module by module:
//!
//! [`project`] (load, [`model`] + [`yaml`], check) → [`view`] → [`template`] → Markdown →
//! [`document`] → [`render`] writers → [`output`] files.

pub mod cli;
pub mod cmd;
pub mod decline;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod editions;
pub mod fonts;
pub mod manifest;
pub mod model;
pub mod output;
pub mod parallel;
pub mod project;
pub mod render;
pub mod roster;
pub mod sheets;
pub mod signatures;
pub mod template;
pub mod typography;
pub mod view;
pub mod yaml;
