//! `jobdoc translate ROLE LANGUAGE`: writes the role's translation file `<id>.<code>.yaml`, or
//! brings it up to date: every text of the role gets an entry, in the role's order, with the
//! original above it as a comment; what the translator wrote is kept as it is — an entry older
//! than its text keeps its old `source` (so the warning stays until someone reviews it), an
//! entry whose text moved follows it, and one that translates nothing any more is kept at the
//! end, for its words.

use std::fmt::Write as _;

use crate::build::lock::{FolderLock, Mode};
use crate::build::staging;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::cmd::build::load_with_paths;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Failure, MessageFormat, Span, Warned};
use crate::locale;
use crate::model::translation::{self, Entry, Text, Translation};

/// Writes or updates the translation of role `id` into `language`; `date` is the translation's
/// date to record (`YYYY-MM-DD`), else the file's own stays.
pub fn run(
    id: &str,
    language: &str,
    date: Option<&str>,
    args: &ProjectArgs,
) -> Result<Exit, Failure> {
    let target = locale::named(language).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(d) = date
        && Date::parse_iso(d).is_none()
    {
        return Err(anyhow::anyhow!("--date {d}: not a date YYYY-MM-DD").into());
    }
    // the roles folder stays as read until the file is written
    let _lock = FolderLock::new(&args.roles, Mode::Exclusive)?;
    let Warned {
        value: project,
        warnings,
    } = load_with_paths(
        // the problems being mended are never errors here
        &crate::load::Paths {
            strict: Some(false),
            ..args.paths()
        },
        &[id.to_string()],
    )?;
    warnings.emit(MessageFormat::Human);
    let Some(role) = project.roles.iter().find(|r| r.id == id) else {
        return Err(anyhow::anyhow!("no role `{id}`").into());
    };
    let own = project.composer(None).for_role(role).locale;
    let path = translation::path_of(&role.path, target);
    if std::ptr::eq(own, target) {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(
            &role.path,
            None,
            Span::new(1, 1, 1),
            format!("the role is written in `{language}` already"),
        ));
        return Err(Failure::Input(diags));
    }
    let existing = role
        .translations
        .iter()
        .find(|t| t.language == target.code());
    let old = existing.map(|t| t.value.clone()).unwrap_or_default();
    let units = translation::units(&role.node);
    let mut kept: Vec<(String, Entry, String)> = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let hashes: std::collections::HashSet<String> =
        units.iter().map(translation::Unit::hash).collect();
    for unit in &units {
        let hash = unit.hash();
        // its own entry, else the entry of its text elsewhere (the text moved)
        let entry = old
            .texts
            .get(&unit.pointer)
            .filter(|e| e.source == hash)
            .map(|e| (unit.pointer.as_str(), e))
            .or_else(|| {
                old.texts
                    .iter()
                    .find(|(p, e)| e.source == hash && !taken.contains(p.as_str()))
                    .map(|(p, e)| (p.as_str(), e))
            })
            .or_else(|| {
                // older than its text, unless made from a text the role has elsewhere
                old.texts
                    .get(&unit.pointer)
                    .filter(|e| !hashes.contains(&e.source))
                    .map(|e| (unit.pointer.as_str(), e))
            });
        let entry = match entry {
            Some((from, e)) => {
                taken.insert(from.to_string());
                e.clone()
            }
            None => Entry {
                source: hash,
                text: Text::One(String::new()),
            },
        };
        // a title's cases, one after another
        let original = locale::fold_spaces(&unit.text.replace('\n', " / "));
        kept.push((unit.pointer.clone(), entry, original));
    }
    let orphans: Vec<_> = old
        .texts
        .iter()
        .filter(|(p, _)| !taken.contains(p.as_str()))
        .collect();
    let mut yaml = format!(
        "# yaml-language-server: $schema=translation.schema.json\n\
         # {} in {}: each entry translates the text at its pointer; `source` is the hash of the\n\
         # text it was made from. The original is the legal text; `jobdoc translate {id} {}`\n\
         # adds the texts still to translate (comments are rewritten).\n",
        role.path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        target.tag,
        target.code(),
    );
    if let Some(d) = date.or(old.date.as_deref()) {
        let _ = writeln!(yaml, "date: {d}");
    }
    yaml.push_str("texts:\n");
    for (pointer, entry, original) in &kept {
        for line in wrap(original, 96) {
            let _ = writeln!(yaml, "  # {line}");
        }
        push_entry(&mut yaml, pointer, entry);
    }
    if !orphans.is_empty() {
        yaml.push_str(
            "  # Translating nothing in the role now (its text was removed or rewritten):\n",
        );
        let current: std::collections::HashSet<&str> =
            kept.iter().map(|(p, _, _)| p.as_str()).collect();
        for (pointer, entry) in orphans {
            if current.contains(pointer.as_str()) {
                // its place holds another text now: a second key would not load, so its words
                // stay as a comment
                let text = match &entry.text {
                    Text::One(t) => t.clone(),
                    Text::Cases(forms) => forms.values().cloned().collect::<Vec<_>>().join(" / "),
                };
                let _ = writeln!(yaml, "  # was {pointer} (source {}):", entry.source);
                for line in wrap(&locale::fold_spaces(&text), 96) {
                    let _ = writeln!(yaml, "  #   {line}");
                }
            } else {
                push_entry(&mut yaml, pointer, entry);
            }
        }
    }
    // what is written must load as it would when typed
    let check: Result<Translation, _> = crate::load::yaml::from_str(&yaml);
    if let Err(e) = check {
        return Err(anyhow::anyhow!(
            "internal error: the translation written would not load: {}",
            e.message
        )
        .into());
    }
    if staging::write_atomic(&path, yaml.as_bytes())? == staging::Written::Unchanged {
        eprintln!("{} is up to date", path.display());
        return Ok(Exit::Ok);
    }
    let missing = kept.iter().filter(|(_, e, _)| e.text.is_empty()).count();
    eprintln!(
        "wrote {}: {} text(s), {missing} still to translate",
        path.display(),
        kept.len()
    );
    Ok(Exit::Ok)
}

/// One entry, keys and texts quoted as JSON strings (valid YAML, whatever they hold).
fn push_entry(yaml: &mut String, pointer: &str, entry: &Entry) {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let text = match &entry.text {
        Text::One(t) => quote(t),
        Text::Cases(forms) => serde_json::to_string(forms).unwrap_or_default(),
    };
    let _ = writeln!(
        yaml,
        "  {}:\n    source: {}\n    text: {text}",
        quote(pointer),
        quote(&entry.source)
    );
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
