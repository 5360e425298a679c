//! jobdoc keeps job descriptions as code: a role written once in YAML is rendered through tera
//! templates into Markdown, parsed into a document structure, and written by one writer per
//! format. The pipeline, module by module, in the order data flows through it (no module imports
//! one that imports it back: `tests/structure.rs` keeps the graph free of cycles):
//!
//! ```text
//! load      read a user file (size, links, BOM, encoding), spanned YAML, schema check
//!  → model  roles and the organization as types, the checks a schema cannot express
//!  → project  everything loaded: organization, roles, templates, the HR layer
//!  → compose  per document kind: view → template (locale words, typography) → Markdown
//!  → document  the Markdown dialect parsed once into blocks
//!  → write   one writer per format (Markdown, DOCX, PDF) on one page spec
//!  → build   freshness and the manifest, roles in parallel, staged all-or-nothing output
//! ```
//!
//! Beside the pipeline, [`hr`]: the roster, signature records, approved editions bound to their
//! text, the diff of two texts, the data of the sheets and who has signed; and [`pay`], what a
//! gross salary costs under a year's tax rules; and [`import`], an existing job description (DOCX,
//! text) read into a role file with a report. [`locale`] holds every
//! word the documents print; [`cmd`] is one thin file per subcommand; [`diagnostics`] is how a
//! problem in an input is reported, at its file, line and column.

#![warn(missing_docs)]

pub mod abort;
pub mod build;
pub mod cli;
pub mod cmd;
pub mod compose;
pub mod date;
pub mod diagnostics;
pub mod document;
pub mod fonts;
pub mod hr;
pub mod import;
pub mod load;
pub mod locale;
pub mod model;
pub mod pay;
pub mod project;
pub mod write;
