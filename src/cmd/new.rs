//! `jobdoc new ID --title ...`: a role file with the standard provisions of a Russian job
//! description, to edit. It validates as written.

use crate::cli::ProjectArgs;
use crate::cmd::Exit;
use crate::decline::decline;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::output::write_atomic;
use crate::project::{load_organization, valid_id};

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
    let guessed = decline(&title);
    let [genitive, dative, instrumental] = given;
    let guessed_any = genitive.is_none() || dative.is_none() || instrumental.is_none();
    let genitive = genitive.unwrap_or(guessed.genitive);
    let dative = dative.unwrap_or(guessed.dative);
    let instrumental = instrumental.unwrap_or(guessed.instrumental);
    // Shared provisions come from the organization's fragments when it has them.
    let mut ignored = Diagnostics::default();
    let fragments: Vec<String> = load_organization(&args.roles, &mut ignored)
        .map(|o| o.fragments.keys().cloned().collect())
        .unwrap_or_default();
    let guided_by = if fragments.is_empty() {
        "  - трудовым законодательством Российской Федерации\n  - уставом организации\n  - правилами внутреннего трудового распорядка\n".to_string()
    } else {
        fragments
            .iter()
            .map(|f| format!("  - fragment: {}\n", q(f)))
            .collect()
    };
    let text = format!(
        "# yaml-language-server: $schema=role.schema.json
# Role file: see README.md («Role file format»). Replace the provisions below with the role's own.
title:
  nominative: {nom}
  genitive: {genitive_form}{check}
  dative: {dat}
  instrumental: {ins}
department: \"Отдел\"
category: специалистов
appointed_by: приказом генерального директора
reports_to: генеральному директору
qualification: лицо, имеющее высшее образование без предъявления требований к стажу работы
edition:
  revision: 1
guided_by:
{guided_by}  - настоящей должностной инструкцией
must_know:
  - законодательство о труде
  - правила внутреннего трудового распорядка
  - правила и нормы охраны труда
functions:
  - Опишите функцию
duties:
  - Опишите обязанность
  - text: Обязанность с подпунктами
    items:
      - первый подпункт
      - второй подпункт
  - Выполняет служебные поручения своего непосредственного руководителя
rights:
  - Знакомиться с проектами решений руководства, касающимися его деятельности
  - Вносить предложения по совершенствованию работы, связанной с предусмотренными настоящей инструкцией обязанностями
responsibilities:
  - Ненадлежащее исполнение или неисполнение своих должностных обязанностей, предусмотренных настоящей должностной инструкцией, в пределах, определенных трудовым законодательством Российской Федерации
  - Правонарушения, совершенные в процессе осуществления своей деятельности, в пределах, определенных административным, уголовным и гражданским законодательством Российской Федерации
  - Причинение материального ущерба в пределах, определенных трудовым и гражданским законодательством Российской Федерации
",
        nom = q(&title),
        genitive_form = q(&genitive),
        dat = q(&dative),
        ins = q(&instrumental),
        check = if guessed_any {
            "   # forms guessed by jobdoc new: check them"
        } else {
            ""
        },
    );
    write_atomic(&path, text.as_bytes())?;
    eprintln!("wrote {}", path.display());
    if guessed_any {
        eprintln!("note: check the guessed case forms: {genitive} / {dative} / {instrumental}");
    }
    Ok(Exit::Ok)
}
