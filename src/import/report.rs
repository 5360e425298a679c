//! The report of an import: what went where, what was guessed, what was left out and each oddity
//! of the source, at its line. On stderr, or one JSON object a line on stdout.

use std::path::{Path, PathBuf};

use crate::diagnostics::MessageFormat;

/// One entry of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The source's line (a DOCX paragraph's number).
    pub line: usize,
    /// `placed`, `guessed`, `left out` or `oddity`.
    pub kind: &'static str,
    /// What happened, in one sentence.
    pub message: String,
}

/// The report of one source file.
#[derive(Debug, Clone)]
pub struct Report {
    /// The source file.
    pub source: PathBuf,
    /// Its entries, in the order found.
    pub entries: Vec<Entry>,
}

impl Report {
    /// An empty report on `source`.
    pub fn new(source: &Path) -> Report {
        Report {
            source: source.to_path_buf(),
            entries: Vec::new(),
        }
    }

    fn push(&mut self, line: usize, kind: &'static str, message: impl Into<String>) {
        self.entries.push(Entry {
            line,
            kind,
            message: message.into(),
        });
    }

    /// Where a part of the source went in the role.
    pub fn placed(&mut self, line: usize, message: impl Into<String>) {
        self.push(line, "placed", message);
    }

    /// Something the source does not say and import guessed: to check.
    pub fn guessed(&mut self, line: usize, message: impl Into<String>) {
        self.push(line, "guessed", message);
    }

    /// A line of the source the role does not keep, and why.
    pub fn left_out(&mut self, line: usize, message: impl Into<String>) {
        self.push(line, "left out", message);
    }

    /// Something odd in the source, kept as written: for the user to decide.
    pub fn oddity(&mut self, line: usize, message: impl Into<String>) {
        self.push(line, "oddity", message);
    }

    /// Shows the report, sorted by line so that it reads along the source.
    pub fn emit(&self, format: MessageFormat) {
        let mut entries: Vec<&Entry> = self.entries.iter().collect();
        entries.sort_by_key(|e| e.line);
        let file = self.source.to_string_lossy();
        for e in entries {
            match format {
                MessageFormat::Human => eprintln!("{file}:{}: {}: {}", e.line, e.kind, e.message),
                MessageFormat::Json => println!(
                    "{}",
                    serde_json::json!({"file": file, "line": e.line, "kind": e.kind, "message": e.message})
                ),
            }
        }
    }
}
