//! `jobdoc new ID --title ...`: a role file with the standard provisions of a job description
//! in the organization's language, to edit. It validates as written.

use std::path::PathBuf;

use crate::build::lock::{FolderLock, Mode};
use crate::build::staging::write_atomic;
use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::diagnostics::{Diagnostic, Diagnostics, MessageFormat, Span};
use crate::load::valid_id;
use crate::locale;
use crate::model::Fragment;
use crate::project::{language_of, load_organization, load_role};

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
    let fold = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = fold(title);
    let given = given.map(|form| form.as_deref().map(fold));
    // the scaffold of the organization's language; its shared provisions from its fragments
    let mut ignored = Diagnostics::default();
    let paths = args.paths();
    let organization = load_organization(&paths, locale::DEFAULT, &mut ignored);
    let locale = language_of(organization.as_ref());
    let error = |message: String| Diagnostic::error(&path, None, Span::new(1, 1, 1), message);
    let values = [
        ("--title", Some(&title)),
        ("--genitive", given[0].as_ref()),
        ("--dative", given[1].as_ref()),
        ("--instrumental", given[2].as_ref()),
    ];
    for (flag, value) in values {
        if value.is_some_and(String::is_empty) {
            diags.push(error(format!("`{flag}` is empty")));
        }
    }
    if !title.is_empty()
        && locale.case_forms
        && given.iter().any(Option::is_none)
        && (locale.decline)(&title).is_none()
    {
        diags.push(
            error(format!("cannot guess the case forms of `{title}`: it has no word to decline (Latin words and words in capitals stay as written)"))
                .with_hint(format!("write the title as a sentence starts with it («{}»), or give --genitive, --dative and --instrumental", locale.example_title)),
        );
    }
    if diags.has_errors() {
        diags.emit(MessageFormat::Human);
        return Ok(Exit::InputProblems);
    }
    // Shared provisions come from the organization's fragments when it has them.
    let fragments: Vec<(String, String)> = organization
        .iter()
        .flat_map(|o| &o.fragments)
        .map(|(name, f)| {
            let text = match f {
                Fragment::Text(t) => t.clone(),
                Fragment::Items(_) => String::new(),
            };
            (name.clone(), text)
        })
        .collect();
    let (text, note) = scaffold(locale, &title, given, &fragments);
    // checked as validate will check it, so that a title the file cannot hold (a character the
    // PDF font lacks) is refused here, at its place in the file, and not after writing
    let mut found = Diagnostics::default();
    load_role(
        &path,
        text.clone(),
        organization.as_ref(),
        locale,
        &mut found,
    );
    if found.has_errors() {
        found.0.retain(Diagnostic::is_error);
        // a character of the title is in all four forms: said once
        found.0.dedup_by(|a, b| a.message == b.message);
        // the places are in the text `new` would write, not in a file the user can open
        let unwritten = PathBuf::from(format!("(not written) {}", path.display()));
        for d in &mut found.0 {
            d.file.clone_from(&unwritten);
        }
        found.emit(MessageFormat::Human);
        eprintln!(
            "error: nothing was written: the file `new` would write, {}, would not validate (the lines shown are from it)",
            path.display()
        );
        return Ok(Exit::InputProblems);
    }
    write_atomic(&path, text.as_bytes())?;
    eprintln!("wrote {}", path.display());
    if let Some(note) = note {
        eprint!("{note}");
    }
    Ok(Exit::Ok)
}

/// The role file of a position titled `title`: the locale's scaffold, the case forms `given`
/// (genitive, dative, instrumental) or guessed, the category the title suggests, «guided by»
/// from the organization's `fragments` (name, text of a one-text fragment) and the job
/// description itself, once. Returns the text and, when any form was guessed, a note for the
/// terminal naming the guessed forms and the words left undeclined.
pub fn scaffold(
    locale: &locale::Locale,
    title: &str,
    given: [Option<String>; 3],
    fragments: &[(String, String)],
) -> (String, Option<String>) {
    let guess = (locale.decline)(title);
    let nominative = guess.as_ref().map_or(title, |g| &g.nominative);
    let guessed = guess.as_ref().map_or([title; 3], |g| {
        [&g.genitive, &g.dative, &g.instrumental].map(String::as_str)
    });
    // a form given wins over the guess
    let [genitive, dative, instrumental] =
        std::array::from_fn(|i| given[i].clone().unwrap_or_else(|| guessed[i].to_string()));
    let guessed: Vec<(&str, &str)> = ["genitive", "dative", "instrumental"]
        .into_iter()
        .zip(guessed)
        .zip(&given)
        // a title that does not decline has no forms to check
        .filter(|(_, given)| given.is_none() && locale.case_forms)
        .map(|(named, _)| named)
        .collect();
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
    let genitive_note = match guessed.is_empty() {
        true => String::new(),
        false => {
            let names: Vec<&str> = guessed.iter().map(|(name, _)| *name).collect();
            format!("   # {} guessed by jobdoc new: check", names.join(", "))
        }
    };
    let text = locale::fill(
        locale.scaffold,
        &[
            ("nominative", &q(nominative)),
            ("genitive", &q(&genitive)),
            ("genitive_note", &genitive_note),
            ("dative", &q(&dative)),
            ("instrumental", &q(&instrumental)),
            ("category", locale.category(title)),
            ("guided_by", &guided_by),
        ],
    );
    let note = (!guessed.is_empty()).then(|| {
        let mut note = String::from("note: check the case forms guessed from the title:\n");
        for (name, form) in &guessed {
            note.push_str(&format!("  {name:<14}{form}\n"));
        }
        if let Some(g) = guess.as_ref().filter(|g| !g.kept.is_empty()) {
            let kept: Vec<String> = g.kept.iter().map(|w| format!("`{w}`")).collect();
            note.push_str(&format!(
                "  kept as written in every case (indeclinable, or no rule knows it): {}\n",
                kept.join(", ")
            ));
        }
        note
    });
    (text, note)
}
