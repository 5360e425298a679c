//! `jobdoc new ID --title ...`: a role file with the standard provisions of a Russian job
//! description, to edit. It validates as written.

use crate::build::lock::{FolderLock, Mode};
use crate::build::staging::write_atomic;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::load::{Paths, valid_id};
use crate::locale;
use crate::model::Fragment;
use crate::project::load_organization;

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes `roles/<id>.yaml`.
pub fn run(
    id: &str,
    title: &str,
    given: [Option<String>; 3],
    args: &ProjectArgs,
) -> anyhow::Result<Exit> {
    let path = args.roles.join(format!("{id}.yaml"));
    // two `new` of one id at once: the second sees the first one's file
    let _lock = match args.roles.is_dir() {
        true => Some(FolderLock::new(&args.roles, Mode::Exclusive)?),
        false => None,
    };
    let mut diags = Diagnostics::default();
    if !valid_id(id) {
        diags.push(
            Diagnostic::error(
                &path,
                None,
                Span::new(1, 1, 1),
                format!("`{id}` is not a role id"),
            )
            .with_hint("use lowercase Latin letters, digits and `-`: sales-manager"),
        );
    } else if path.exists() {
        diags.push(Diagnostic::error(
            &path,
            None,
            Span::new(1, 1, 1),
            "the role file already exists; nothing was written",
        ));
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        diags.push(Diagnostic::error(
            &path,
            None,
            Span::new(1, 1, 1),
            "the title is empty",
        ));
    }
    if diags.has_errors() {
        diags.emit(crate::diagnostics::MessageFormat::Human);
        return Ok(Exit::InputProblems);
    }
    let locale = locale::DEFAULT;
    // Shared provisions come from the organization's fragments when it has them.
    let mut ignored = Diagnostics::default();
    let paths = Paths::new(&args.roles, args.templates.as_deref());
    let fragments: Vec<(String, String)> = load_organization(&paths, locale, &mut ignored)
        .map(|o| {
            o.fragments
                .iter()
                .map(|(name, f)| {
                    let text = match f {
                        Fragment::Text(t) => t.clone(),
                        Fragment::Items(_) => String::new(),
                    };
                    (name.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    let (text, guessed) = scaffold(locale, &title, given, &fragments);
    write_atomic(&path, text.as_bytes())?;
    eprintln!("wrote {}", path.display());
    if let Some(forms) = guessed {
        eprintln!("note: check the guessed case forms: {forms}");
    }
    Ok(Exit::Ok)
}

/// The role file of a position titled `title`: the locale's scaffold, the case forms `given`
/// (genitive, dative, instrumental) or guessed, the category the title suggests, «guided by»
/// from the organization's `fragments` (name, text of a one-text fragment) and the job
/// description itself, once. Returns the text and, when any form was guessed, the forms to check.
pub fn scaffold(
    locale: &locale::Locale,
    title: &str,
    given: [Option<String>; 3],
    fragments: &[(String, String)],
) -> (String, Option<String>) {
    let guessed = (locale.decline)(title);
    let [genitive, dative, instrumental] = given;
    let guessed_any = genitive.is_none() || dative.is_none() || instrumental.is_none();
    let genitive = genitive.unwrap_or(guessed.genitive);
    let dative = dative.unwrap_or(guessed.dative);
    let instrumental = instrumental.unwrap_or(guessed.instrumental);
    let mut guided_by: String = if fragments.is_empty() {
        locale
            .scaffold_guided_by
            .iter()
            .map(|p| format!("  - {p}\n"))
            .collect()
    } else {
        fragments
            .iter()
            .map(|(name, _)| format!("  - fragment: {}\n", q(name)))
            .collect()
    };
    // the job description itself, unless a fragment already says so
    let last = locale.scaffold_guided_by_last;
    if !fragments.iter().any(|(_, text)| text.trim() == last) {
        guided_by.push_str(&format!("  - {last}\n"));
    }
    let text = locale::fill(
        locale.scaffold,
        &[
            ("nominative", &q(title)),
            ("genitive", &q(&genitive)),
            (
                "genitive_note",
                if guessed_any {
                    "   # forms guessed by jobdoc new: check them"
                } else {
                    ""
                },
            ),
            ("dative", &q(&dative)),
            ("instrumental", &q(&instrumental)),
            ("category", locale.category(title)),
            ("guided_by", &guided_by),
        ],
    );
    let forms = guessed_any.then(|| format!("{genitive} / {dative} / {instrumental}"));
    (text, forms)
}
