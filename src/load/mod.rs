//! The bottom of the house: reading the user's files. One reader for every input (one rule for
//! size, symlinks, byte-order marks and encoding), the layout of a roles folder, and YAML read
//! with spans, schema-checked and deserialized — with every problem a [`Diagnostic`] at its
//! place. Nothing here knows what a role or a roster is: the model and the HR layer call in.

pub mod schema;
pub mod yaml;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diagnostics::{Diagnostic, Diagnostics, Failure, Span};
use schema::Schema;

/// A file larger than this is refused before it is read: the largest real input, the approved
/// editions of a thousand roles with their texts, is a few tens of megabytes.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Where a project's inputs are.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The roles folder.
    pub roles: PathBuf,
    /// The templates folder (may not exist).
    pub templates: PathBuf,
    /// Whether translation problems are errors: `Some(true)` with `--strict`, `Some(false)`
    /// where they are being mended (`jobdoc translate`), `None` as the organization says.
    pub strict: Option<bool>,
}

impl Paths {
    /// The roles folder and, unless given, `templates/` beside it.
    pub fn new(roles: &Path, templates: Option<&Path>) -> Paths {
        let templates = templates
            .map(Path::to_path_buf)
            .unwrap_or_else(|| roles.parent().unwrap_or(Path::new(".")).join("templates"));
        Paths {
            roles: roles.to_path_buf(),
            templates,
            strict: None,
        }
    }

    /// The folder `file` must stay in when read: the roles folder for a file in it (also when
    /// named on the command line), none for a file the user names elsewhere.
    pub fn root_of(&self, file: &Path) -> Option<&Path> {
        let canonical = |p: &Path| p.canonicalize().ok();
        let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = canonical(parent.unwrap_or(Path::new(".")));
        (parent.is_some() && parent == canonical(&self.roles)).then_some(self.roles.as_path())
    }
}

/// An input file as bytes. `root`, when given, is the folder the file must stay in (the roles
/// folder, the templates folder): a file that is, or lies under, a symbolic link resolving
/// outside it is refused, so that a link committed to a repository cannot publish a file from
/// elsewhere — `.git/config`, a key — into its documents. Files the user names elsewhere on the
/// command line are read with no root. Larger than [`MAX_FILE`]: refused.
pub fn read_bytes(path: &Path, root: Option<&Path>) -> Result<Vec<u8>, Box<Diagnostic>> {
    let fail =
        |message: String| Box::new(Diagnostic::error(path, None, Span::new(1, 1, 1), message));
    if let Some(root) = root {
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        // a missing file is reported by the read below
        if let (Ok(file), Ok(root)) = (path.canonicalize(), root.canonicalize())
            && !file.starts_with(&root)
        {
            // the target is not named: its path can be a secret too
            let mut d = fail(format!(
                "not read: a symbolic link to a file outside its folder {}",
                root.display()
            ));
            d.hint = Some("copy the file into the folder, or link to a file inside it".into());
            return Err(d);
        }
    }
    let size = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if size.len() > MAX_FILE {
        return Err(fail(format!(
            "not read: {} bytes, more than the {} MiB an input may have",
            size.len(),
            MAX_FILE / 1024 / 1024
        )));
    }
    std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))
}

/// An input file as UTF-8 text, a byte-order mark dropped; see [`read_bytes`]. Bytes that are
/// not UTF-8 and control characters (a NUL, an escape) are refused at their line and column.
pub fn read_text(path: &Path, root: Option<&Path>) -> Result<String, Box<Diagnostic>> {
    let bytes = read_bytes(path, root)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            return Err(Box::new(
                Diagnostic::error(
                    path,
                    None,
                    position(&before, valid),
                    format!("not UTF-8 text (byte {valid})"),
                )
                .with_hint("save the file as UTF-8 (an editor's or Excel's «UTF-8» encoding)"),
            ));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if let Some(d) = control_character(path, &text) {
        return Err(Box::new(d));
    }
    // the YAML reader counts a lone CR as a line break, diagnostics do not: every place after
    // one would be shown a line off
    if let Some(at) = text
        .match_indices('\r')
        .map(|(at, _)| at)
        .find(|&at| !text[at + 1..].starts_with('\n'))
    {
        return Err(Box::new(
            Diagnostic::error(
                path,
                Some(&text),
                position(&text, at),
                "a carriage return without a line feed (an old Mac line end)",
            )
            .with_hint("save the file with LF or CRLF line ends"),
        ));
    }
    Ok(text)
}

/// An error at the first control character of `text` other than line breaks and tabs: no
/// document prints one, and a NUL or an escape sequence would only mislead later messages.
pub fn control_character(path: &Path, text: &str) -> Option<Diagnostic> {
    let at = first_control(text)?;
    let c = text[at..].chars().next()?;
    Some(
        Diagnostic::error(
            path,
            Some(text),
            position(text, at),
            format!("a control character ({}) in the text", c.escape_unicode()),
        )
        .with_hint("remove it: the file may not be text, or was pasted with invisible characters"),
    )
}

/// Where the first control character of `text` other than line breaks and tabs starts. Byte by
/// byte rather than a character at a time (a third of the instructions): the control characters
/// are U+0000–U+001F and U+007F, one byte each, and U+0080–U+009F, `C2 80`–`C2 9F` in UTF-8.
fn first_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().find_map(|(i, &b)| {
        let control = match b {
            b'\n' | b'\r' | b'\t' => false,
            0..=0x1F | 0x7F => true,
            0xC2 => bytes
                .get(i + 1)
                .is_some_and(|next| (0x80..=0x9F).contains(next)),
            _ => false,
        };
        control.then_some(i)
    })
}

/// The 1-based line and column of byte `at` of `text`.
pub fn position(text: &str, at: usize) -> Span {
    Lines::new(text).span(at)
}

/// The starts of a text's lines, found once: the line and column of many places of a long text
/// without reading it again from the start for each.
pub struct Lines<'t> {
    text: &'t str,
    /// The byte each line starts at.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    /// The lines of `text`.
    pub fn new(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The 1-based line and column (in characters) of byte `at`.
    pub fn span(&self, at: usize) -> Span {
        let at = at.min(self.text.len());
        let line = self.starts.partition_point(|s| *s <= at);
        let start = self.starts[line - 1];
        let column = self.text.get(start..at).map_or(0, |l| l.chars().count()) + 1;
        Span::new(line, column, 1)
    }
}

/// True when `id` is a valid role id: lowercase Latin letters, digits and `-`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The id of a role file: its name without `.yaml`.
pub fn role_id(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string()
}

/// The role id and language of a translation file's name (`client-manager.en.yaml`: a role id
/// and the code of a language jobdoc writes), or `None` for a name that is not one.
pub fn translation_of(path: &Path) -> Option<(&str, &'static crate::locale::Locale)> {
    let stem = path.file_name()?.to_str()?.strip_suffix(".yaml")?;
    let (id, code) = stem.rsplit_once('.')?;
    Some((id, crate::locale::by_code(code)?))
}

/// The role files of a folder, sorted (so the order of output never depends on the file system).
/// The rule: `<id>.yaml` is a role, `<id>.<code>.yaml` its translation into language `<code>`
/// (`en`), `_*` a shared file of the project, a name starting with `.` is hidden (editors and version control leave such files); see [`unread_files`] for what is
/// said about the rest.
pub fn role_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the roles folder {}", dir.display()))?
    {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file()
            && name.ends_with(".yaml")
            && !name.starts_with(['_', '.'])
            && translation_of(&path).is_none()
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Warnings for the files of the roles folder that look like roles but are not read: another
/// spelling of the extension (`x.yml`, `X.YAML`), links to nothing, and translations of no role. Other files (schemas, a
/// README) are not the loader's business.
pub fn unread_files(dir: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let warn = |message: String, hint: &str| {
            Diagnostic::warning(&path, None, Span::new(1, 1, 1), message).with_hint(hint)
        };
        let lower = name.to_lowercase();
        let yaml_like = lower.ends_with(".yaml") || lower.ends_with(".yml");
        if entry.file_type().is_ok_and(|t| t.is_symlink()) && !path.exists() {
            out.push(warn(
                "not read: a symbolic link to nothing".into(),
                "remove it, or link it to a file of the project",
            ));
        } else if let Some((id, _)) = translation_of(&path)
            && !dir.join(format!("{id}.yaml")).is_file()
        {
            out.push(warn(
                format!("not read: a translation of `{id}`, which is not a role here"),
                &format!("a translation lies beside its role `{id}.yaml`: rename or remove it"),
            ));
        } else if yaml_like && !name.ends_with(".yaml") && path.is_file() {
            let stem = &name[..name.rfind('.').unwrap_or(name.len())];
            out.push(warn(
                format!("not read: `{name}` does not end in `.yaml`"),
                &format!("role files are named `<id>.yaml`: rename it `{stem}.yaml`"),
            ));
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// The shared inputs of a roles folder: every file whose name starts with `_` (organization,
/// roster, signatures), with its bytes, sorted by name. A change to any of them rebuilds every role.
/// A file that cannot be read (a link out of the folder, too large) is a problem of the input.
pub fn shared_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut files = Vec::new();
    let mut problems = Diagnostics::default();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the roles folder {}", dir.display()))?
    {
        let path = entry
            .with_context(|| format!("cannot read the roles folder {}", dir.display()))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && name.starts_with('_') {
            match read_bytes(&path, Some(dir)) {
                Ok(bytes) => files.push((name.to_string(), bytes)),
                Err(d) => problems.push(*d),
            }
        }
    }
    if problems.has_errors() {
        return Err(Failure::Input(problems));
    }
    files.sort();
    Ok(files)
}

/// A YAML file that loaded without errors: the value, the file's text and its spanned tree (to
/// point diagnostics found after deserializing at their place).
#[derive(Debug, Clone)]
pub struct LoadedYaml<T> {
    /// The deserialized value.
    pub value: T,
    /// The text, as read.
    pub source: String,
    /// The spanned tree.
    pub node: yaml::Node,
}

/// Reads, parses, schema-checks and deserializes one YAML file of the project (`root` as in
/// [`read_bytes`]); `semantics` adds the checks beyond the schema. Returns the value when the
/// file has no errors.
pub fn load_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    root: Option<&Path>,
    schema: &Schema,
    semantics: impl Fn(&str, &yaml::Node) -> Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    match read_text(path, root) {
        Ok(source) => load_yaml_source(path, source, schema, semantics, diags),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// [`load_yaml`] for the HR files (roster, signature records, approved editions), where a file
/// with no document in it — empty, or comments only — is no data yet rather than an error.
pub fn load_data_yaml<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
    root: Option<&Path>,
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    match read_text(path, root) {
        Ok(source) => load_data_source(path, source, schema, diags),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// [`load_data_yaml`] on text already read (`path` names it in messages): a file about to be
/// written is checked as if it had been typed.
pub fn load_data_source<T: serde::de::DeserializeOwned + Default>(
    path: &Path,
    source: String,
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    let node = parse(path, &source, diags)?;
    if node.kind == yaml::NodeKind::Null {
        return Some(LoadedYaml {
            value: T::default(),
            source,
            node,
        });
    }
    check_and_deserialize(path, source, node, schema, |_, _| vec![], diags)
}

/// [`load_yaml`] on text already read (`path` names it in messages).
pub fn load_yaml_source<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: String,
    schema: &Schema,
    semantics: impl Fn(&str, &yaml::Node) -> Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    let node = parse(path, &source, diags)?;
    check_and_deserialize(path, source, node, schema, semantics, diags)
}

/// The spanned tree of `source`; a syntax error is a diagnostic.
fn parse(path: &Path, source: &str, diags: &mut Diagnostics) -> Option<yaml::Node> {
    match yaml::parse(source) {
        Ok(n) => Some(n),
        Err(e) => {
            let mut d = Diagnostic::error(
                path,
                Some(source),
                e.span,
                format!("YAML syntax: {}", e.message),
            );
            // the parser's words for a misplaced indentation are cryptic; say what to look at
            if e.message.contains("mapping values are not allowed")
                || e.message.contains("did not find expected")
            {
                d.hint = Some("check the indentation against the lines above (keys of one mapping start in one column); a text containing `: ` must be quoted".into());
            }
            diags.push(d);
            None
        }
    }
}

/// The schema check, `semantics` and deserialization of a parsed file.
fn check_and_deserialize<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: String,
    node: yaml::Node,
    schema: &Schema,
    semantics: impl Fn(&str, &yaml::Node) -> Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> Option<LoadedYaml<T>> {
    let found = schema.check(path, &source, &node);
    let schema_ok = !found.iter().any(Diagnostic::is_error);
    diags.extend(found);
    if !schema_ok {
        return None;
    }
    let more = semantics(&source, &node);
    let semantic_ok = !more.iter().any(Diagnostic::is_error);
    diags.extend(more);
    match yaml::from_str::<T>(&source) {
        Ok(value) if semantic_ok => Some(LoadedYaml {
            value,
            source,
            node,
        }),
        Ok(_) => None,
        Err(e) => {
            diags.push(Diagnostic::error(path, Some(&source), e.span, e.message));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_control;

    /// Byte by byte, the first control character is the one `char::is_control` finds, in text of
    /// every character up to U+0800 (one- and two-byte UTF-8, where all control characters are)
    /// and beyond.
    #[test]
    fn finds_the_control_character_char_by_char_finds() {
        let every: String = ('\0'..='\u{800}').chain(['€', '\u{2028}', '😀']).collect();
        let by_char = |text: &str| {
            text.char_indices()
                .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                .map(|(at, _)| at)
        };
        for c in every.chars() {
            let text = format!("Текст\n\tс {c} и ещё");
            assert_eq!(first_control(&text), by_char(&text), "U+{:04X}", c as u32);
        }
        assert_eq!(first_control("no control\r\n"), None);
    }
}
