//! Tera templates: the built-in ones of the locale are embedded in the binary; a `templates/`
//! folder beside the roles overrides them file by file. Every printed value goes through the
//! locale's typography and the Markdown escaper (tera's autoescape with the locale's escape
//! function), so text from YAML stays text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use tera::{ErrorKind, Kwargs, State, Tera};

use crate::diagnostics::{Diagnostic, Span};
use crate::locale::Locale;

/// The most a template may produce: a job description is some 20 KB, a лист ознакомления of
/// ten thousand employees about 2 MB.
pub const MAX_OUTPUT: usize = 32 * 1024 * 1024;

/// The longest a template may render, in seconds; a job description takes about a millisecond.
pub const MAX_SECONDS: u64 = 10;

/// Rendered output, refused past [`MAX_OUTPUT`] (tera stops at the failed write).
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            self.0.extend_from_slice(buf);
            return Err(std::io::Error::other("too much output"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders in progress: (id, start, template shown), watched by one thread per process.
static RENDERS: Mutex<Vec<(u64, Instant, PathBuf)>> = Mutex::new(Vec::new());

/// A render in progress, watched until dropped. A template loop that prints nothing cannot be
/// stopped from outside tera, so the watcher ends the process, naming the template, when a
/// render outlasts [`MAX_SECONDS`].
struct Watch(u64);

impl Watch {
    fn start(template: &Path) -> Watch {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        static WATCHER: Once = Once::new();
        WATCHER.call_once(|| {
            std::thread::spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(500));
                    let late = RENDERS.lock().ok().and_then(|r| {
                        r.iter()
                            .find(|(_, start, _)| start.elapsed().as_secs() >= MAX_SECONDS)
                            .map(|(_, _, t)| t.clone())
                    });
                    if let Some(template) = late {
                        // a problem of the template: exit 1, as for any input
                        crate::abort::abort(
                            &format!(
                                "error: template {} ran for more than {MAX_SECONDS} s (a runaway loop?)",
                                template.display()
                            ),
                            1,
                        );
                    }
                }
            });
        });
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut renders) = RENDERS.lock() {
            renders.push((id, Instant::now(), template.to_path_buf()));
        }
        Watch(id)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Ok(mut renders) = RENDERS.lock() {
            renders.retain(|(id, _, _)| *id != self.0);
        }
    }
}

/// Where a template's source came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in jobdoc.
    Builtin,
    /// A file in the user's `templates/` folder.
    File(PathBuf),
}

impl Origin {
    /// The path to show in diagnostics: the user's file, or `<built-in>/name`.
    pub fn display_path(&self, name: &str) -> PathBuf {
        match self {
            Origin::Builtin => PathBuf::from(format!("<built-in>/{name}")),
            Origin::File(p) => p.clone(),
        }
    }
}

/// The loaded template set.
pub struct Templates {
    /// Parsed at loading when a template is the user's (its errors are the load's), else when
    /// first rendered: the templates of a language no role is written in are never parsed.
    tera: OnceLock<Result<Tera, Vec<Diagnostic>>>,
    /// When every template is built in: each one alone, with the templates it includes, parsed
    /// when first rendered — a kind no role has (a compensation plan's, the largest) is never
    /// parsed. Empty when one is the user's.
    each: BTreeMap<String, OnceLock<Result<Tera, Vec<Diagnostic>>>>,
    locale: &'static Locale,
    origins: Sources,
}

/// `lcfirst`: lower-cases the first letter for use mid-sentence, unless the word is an
/// abbreviation (see [`crate::locale::lcfirst`]).
fn lcfirst(value: &str, _: Kwargs, _: &State) -> String {
    crate::locale::lcfirst(value)
}

/// `ucfirst`: upper-cases the first letter, for a form that starts a sentence.
fn ucfirst(value: &str, _: Kwargs, _: &State) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A tera instance with the locale's escaping and jobdoc's filters.
fn new_tera(locale: &Locale) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on([".md"]);
    tera.set_escape_fn(locale.escape);
    tera.register_filter("lcfirst", lcfirst);
    tera.register_filter("ucfirst", ucfirst);
    tera
}

impl Templates {
    /// Loads the built-in templates of `locale`, then every `*.md` file of `dir` (when it
    /// exists) over them. Syntax errors in any template are collected, each with template, line
    /// and column.
    pub fn load(dir: Option<&Path>, locale: &'static Locale) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: Sources = locale
            .templates
            .iter()
            .map(|(n, s)| (n.to_string(), (Origin::Builtin, s.to_string())))
            .collect();
        let mut problems = Vec::new();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => {
                    problems.push(Diagnostic::error(
                        dir,
                        None,
                        Span::new(1, 1, 1),
                        format!("cannot read the templates folder: {e}"),
                    ));
                    vec![]
                }
            };
            files.sort();
            for path in files {
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                // README.md documents the folder; it is not a template
                if !name.ends_with(".md")
                    || name.eq_ignore_ascii_case("README.md")
                    || !path.is_file()
                {
                    continue;
                }
                // a template may not be a link out of the templates folder
                match crate::load::read_text(&path, Some(dir)) {
                    Ok(text) => {
                        sources.insert(name.to_string(), (Origin::File(path.clone()), text));
                    }
                    Err(d) => problems.push(*d),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let tera = OnceLock::new();
        let mut each = BTreeMap::new();
        if sources
            .values()
            .any(|(origin, _)| *origin != Origin::Builtin)
        {
            tera.get_or_init(|| parse(&sources, locale))
                .as_ref()
                .map_err(Vec::clone)?;
        } else {
            each = sources
                .keys()
                .map(|n| (n.clone(), OnceLock::new()))
                .collect();
        }
        Ok(Templates {
            tera,
            each,
            locale,
            origins: sources,
        })
    }

    /// Renders `name` with `context`.
    /// Templates come with the repository, less trusted than the binary: a render that writes
    /// more than [`MAX_OUTPUT`] is stopped with an error naming the template, and one that runs
    /// longer than [`MAX_SECONDS`] (a loop that prints nothing) ends the process.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Box<Diagnostic>> {
        let (origin, text) = self
            .origins
            .get(name)
            .cloned()
            .unwrap_or((Origin::Builtin, String::new()));
        let shown = origin.display_path(name);
        let _watch = Watch::start(&shown);
        let mut out = Capped(Vec::new());
        let parsed = match self.each.get(name) {
            Some(one) => one.get_or_init(|| parse(&self.with_parts(name), self.locale)),
            None => self.tera.get_or_init(|| parse(&self.origins, self.locale)),
        };
        let tera = match parsed {
            Ok(tera) => tera,
            Err(problems) => return Err(Box::new(problems[0].clone())),
        };
        match tera.render_to(name, context, &mut out) {
            Ok(()) => String::from_utf8(out.0).map_err(|_| {
                Box::new(Diagnostic::error(
                    &shown,
                    None,
                    Span::new(1, 1, 1),
                    "template: produced bytes that are not UTF-8",
                ))
            }),
            Err(_) if out.0.len() > MAX_OUTPUT => Err(Box::new(Diagnostic::error(
                &shown,
                Some(&text),
                Span::new(1, 1, 1),
                format!(
                    "template: produced more than {} MiB (a runaway loop?)",
                    MAX_OUTPUT / 1024 / 1024
                ),
            ))),
            Err(e) => {
                let mut all = tera_diagnostics(&e, name, &self.origins);
                let first = all.swap_remove(0);
                Err(Box::new(if first.file == shown {
                    first
                } else {
                    first.with_hint(format!("included by {}", shown.display()))
                }))
            }
        }
    }

    /// Template `name` and the templates it includes, each named in it in quotes (a built-in
    /// template's `{% include "ack-sheet.md" %}`), and theirs.
    fn with_parts(&self, name: &str) -> Sources {
        let mut parts = Sources::new();
        let mut pending = vec![name];
        while let Some(next) = pending.pop() {
            let Some(source) = self.origins.get(next) else {
                continue;
            };
            if parts.insert(next.to_string(), source.clone()).is_some() {
                continue;
            }
            pending.extend(self.origins.keys().map(String::as_str).filter(|other| {
                [format!("\"{other}\""), format!("'{other}'")]
                    .iter()
                    .any(|quoted| source.1.contains(quoted.as_str()))
            }));
        }
        parts
    }

    /// Whether every template is jobdoc's own: none comes from the user's folder.
    pub fn all_builtin(&self) -> bool {
        !self.each.is_empty()
    }

    /// Where template `name` came from.
    pub fn origin(&self, name: &str) -> Origin {
        self.origins
            .get(name)
            .map_or(Origin::Builtin, |(o, _)| o.clone())
    }

    /// The (name, source) of every template, built-in and overridden, for hashing.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.origins
            .iter()
            .map(|(n, (_, t))| (n.as_str(), t.as_str()))
    }
}

/// `sources` parsed into one tera instance, or every template's syntax error, each with
/// template, line and column.
fn parse(sources: &Sources, locale: &Locale) -> Result<Tera, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut tera = new_tera(locale);
    let all = || sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str()));
    // Checked together, as includes need; on an error, each alone (its siblings present but
    // empty, so that an include still resolves) so that every template's syntax error is
    // reported, not only the first.
    if let Err(together) = tera.add_raw_templates(all()) {
        for name in sources.keys() {
            let mut single = new_tera(locale);
            let siblings = all().map(|(n, t)| (n, if n == name { t } else { "" }));
            if let Err(e) = single.add_raw_templates(siblings) {
                problems.extend(tera_diagnostics(&e, name, sources));
            }
        }
        // wrong only together (an include of a template that does not exist): tera's error
        // names the template where it can
        if problems.is_empty() {
            let first = sources.keys().next().map_or("", String::as_str);
            problems.extend(tera_diagnostics(&together, first, sources));
        }
    }
    match problems.is_empty() {
        true => Ok(tera),
        false => Err(problems),
    }
}

/// Template sources by name: where each came from, and its text.
type Sources = BTreeMap<String, (Origin, String)>;

/// A tera error in template `name` as diagnostics at the line and column of the template it
/// names (`name`, or a part `name` includes, with the part's own path and text). Checks of
/// filters, tests and functions come as one message holding a rendered report per problem; each
/// becomes a diagnostic. Never empty.
fn tera_diagnostics(e: &tera::Error, name: &str, sources: &Sources) -> Vec<Diagnostic> {
    static REPORT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let at = |file: &str, span: Span, message: String| {
        let file = if file.is_empty() { name } else { file };
        let (path, text) = match sources.get(file) {
            Some((origin, text)) => (origin.display_path(file), Some(text.as_str())),
            None => (PathBuf::from(file), None),
        };
        Diagnostic::error(&path, text, span, format!("template: {message}"))
    };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let s = r.span();
            let len = if s.end_line == s.start_line {
                s.end_col.saturating_sub(s.start_col).max(1)
            } else {
                1
            };
            vec![at(
                r.filename(),
                Span::new(s.start_line, s.start_col + 1, len),
                r.message().to_string(),
            )]
        }
        other => {
            let message = other.to_string();
            let report = REPORT.get_or_init(|| {
                regex::Regex::new(r"(?m)^error: (.+)\n\s*--> (.+):(\d+):(\d+)$")
                    .expect("static regex")
            });
            let found: Vec<Diagnostic> = report
                .captures_iter(&message)
                .map(|c| {
                    let num = |i: usize| c[i].parse::<usize>().unwrap_or(1);
                    at(&c[2], Span::new(num(3), num(4), 1), c[1].to_string())
                })
                .collect();
            if found.is_empty() {
                vec![at(name, Span::new(1, 1, 1), message)]
            } else {
                found
            }
        }
    }
}
