//! One diagnostic type for every problem in the user's inputs, shown one way: `error: message`, then
//! `--> file:line:col`, the source line with a caret, and an optional hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be built as it is.
    Error,
    /// Suspicious but buildable.
    Warning,
}

/// A place in a source file: 1-based line and column (columns count characters), and how many
/// characters the caret should cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline (at least one caret is drawn).
    pub len: usize,
}

impl Span {
    /// A span at `line:column` covering `len` characters.
    pub fn new(line: usize, column: usize, len: usize) -> Self {
        Span { line, column, len }
    }
}

/// A problem found in a user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file it is in.
    pub file: PathBuf,
    /// Where in the file.
    pub span: Span,
    /// The source line at `span.line`, when known, to draw the caret under.
    pub source_line: Option<String>,
    /// A suggestion how to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span` in `file`; `source` is the file's text, used to show the line.
    pub fn error(
        file: &Path,
        source: Option<&str>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, file, source, span, message)
    }

    /// A warning at `span` in `file`.
    pub fn warning(
        file: &Path,
        source: Option<&str>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, source, span, message)
    }

    fn new(
        severity: Severity,
        file: &Path,
        source: Option<&str>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        let source_line = source.and_then(|s| {
            span.line
                .checked_sub(1)
                .and_then(|i| s.lines().nth(i))
                .map(|l| l.trim_end_matches('\r').to_string())
        });
        Diagnostic {
            severity,
            message: message.into(),
            file: file.to_path_buf(),
            span,
            source_line,
            hint: None,
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", printable(&self.message))?;
        let gutter = " ".repeat(self.span.line.to_string().len());
        writeln!(
            f,
            "{gutter}--> {}:{}:{}",
            printable(&self.file.display().to_string()),
            self.span.line,
            self.span.column
        )?;
        if let Some(line) = &self.source_line {
            let (shown, column) = window(line, self.span.column);
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {shown}", self.span.line)?;
            let pad = " ".repeat(column.saturating_sub(1));
            let room = shown
                .chars()
                .count()
                .saturating_sub(column.saturating_sub(1));
            let carets = "^".repeat(self.span.len.min(room).max(1));
            writeln!(f, "{gutter} | {pad}{carets}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{gutter} = hint: {}", printable(hint))?;
        }
        Ok(())
    }
}

/// `text` safe to print on a terminal: control characters (an input's escape sequences could
/// move the cursor or retitle the window) shown as `\u{1b}`, tabs as spaces.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => " ".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// At most this many characters of a source line are shown under a diagnostic.
const SHOWN: usize = 100;

/// The part of `line` around 1-based `column` that is shown (printable, at most [`SHOWN`]
/// characters, `…` where cut), and the column within it.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<String> = line.chars().map(|c| printable(&c.to_string())).collect();
    if chars.len() <= SHOWN {
        return (chars.concat(), column);
    }
    let start = column
        .saturating_sub(SHOWN / 3)
        .min(chars.len().saturating_sub(SHOWN));
    let end = (start + SHOWN).min(chars.len());
    let mut shown = String::new();
    let mut column = column - start;
    if start > 0 {
        shown.push('…');
        column += 1;
    }
    shown.push_str(&chars[start..end].concat());
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column)
}

/// How diagnostics are shown: for people on stderr, or one JSON object a line on stdout (as cargo's
/// `--message-format json`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// `error: message`, `--> file:line:col`, the source line with a caret, a hint; on stderr.
    #[default]
    Human,
    /// `{"severity", "file", "line", "column", "message", "hint"}` a line, on stdout.
    Json,
}

impl Diagnostic {
    /// The diagnostic as one JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity,
            "file": self.file.to_string_lossy(),
            "line": self.span.line,
            "column": self.span.column,
            "message": self.message,
            "hint": self.hint,
        })
    }
}

/// How work on the inputs fails: problems in the inputs, every one found (exit 1), or jobdoc's
/// own failure — a writer, the file system — with context naming the path (exit 2). The one
/// result vocabulary of the library: `Result<T, Failure>`, with `?` from either kind.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the inputs (errors, and the warnings found with them).
    Input(Diagnostics),
    /// Anything else.
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Internal(e)
    }
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Input(d)
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(d: Vec<Diagnostic>) -> Self {
        Failure::Input(Diagnostics(d))
    }
}

/// A value and the warnings found while making it.
#[derive(Debug)]
pub struct Warned<T> {
    /// The value.
    pub value: T,
    /// Warnings (no errors: those are a [`Failure::Input`]).
    pub warnings: Diagnostics,
}

/// Diagnostics collected from every input, in the order files were read.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        (errors, self.0.len() - errors)
    }

    /// Shows every diagnostic, sorted by file and position so output is stable.
    pub fn emit(&self, format: MessageFormat) {
        let mut all: Vec<&Diagnostic> = self.0.iter().collect();
        all.sort_by(|a, b| {
            (&a.file, a.span.line, a.span.column).cmp(&(&b.file, b.span.line, b.span.column))
        });
        for d in all {
            match format {
                MessageFormat::Human => eprintln!("{d}"),
                MessageFormat::Json => println!("{}", d.to_json()),
            }
        }
    }
}

/// The closest candidate to `word`, when one is close enough to be a likely typo.
pub fn nearest(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}
