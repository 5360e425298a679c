//! `jobdoc new`: the case forms it guesses reach the role file, the file it writes validates,
//! and a title it cannot write a valid file for is refused with the reason.

mod common;

use std::path::Path;

use common::{Run, run_in};

/// A project `jobdoc init` started, in a fresh folder.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn new(dir: &Path, id: &str, args: &[&str]) -> Run {
    let mut all = vec!["new", id];
    all.extend(args);
    run_in(dir, &all)
}

fn role(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join(format!("roles/{id}.yaml"))).expect("the role file")
}

#[test]
fn hard_titles_get_their_forms_and_validate() {
    let dir = project();
    let titles = [
        ("store-head", "Заведующий складом", "заведующего складом"),
        ("psychologist", "Педагог-психолог", "педагога-психолога"),
        (
            "lead-programmer",
            "Ведущий инженер-программист",
            "ведущего инженера-программиста",
        ),
        ("smm", "Менеджер по SMM", "менеджера по SMM"),
        ("java", "Java-разработчик", "Java-разработчика"),
        ("nurse", "Медицинская сестра", "медицинской сестры"),
        ("chef", "Шеф-повар", "шеф-повара"),
        (
            "deputy",
            "Заместитель директора по учебно-воспитательной работе",
            "заместителя директора по учебно-воспитательной работе",
        ),
        ("porter", "Портье", "портье"),
    ];
    for (id, title, genitive) in titles {
        let run = new(dir.path(), id, &["--title", title]);
        assert_eq!(run.code, 0, "{title}: {}", run.stderr);
        run.says(&format!("genitive      {genitive}\n"));
        let text = role(dir.path(), id);
        assert!(
            text.contains(&format!("  genitive: \"{genitive}\"   # genitive, dative")),
            "{text}"
        );
    }
    // an indeclinable word is named as kept; a lower-case title starts with a capital
    let run = new(dir.path(), "porter-2", &["--title", "портье"]);
    run.says("kept as written in every case (indeclinable, or no rule knows it): `портье`");
    assert!(role(dir.path(), "porter-2").contains("  nominative: \"Портье\"\n"));
    let run = run_in(dir.path(), &["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("ok: 11 role(s) checked");
}

#[test]
fn given_forms_are_kept_and_only_the_others_called_guesses() {
    let dir = project();
    let run = new(
        dir.path(),
        "accountant",
        &[
            "--title",
            "Главный бухгалтер",
            "--dative",
            "главному  бухгалтеру",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("dative"), "{}", run.stderr);
    run.says("instrumental  главным бухгалтером");
    let text = role(dir.path(), "accountant");
    assert!(
        text.contains("# genitive, instrumental guessed by jobdoc new: check\n  dative: \"главному бухгалтеру\"\n"),
        "{text}"
    );
}

#[test]
fn refuses_a_title_it_cannot_write_a_valid_file_for() {
    let dir = project();
    let refused = |id: &str, args: &[&str], says: &str| {
        let run = new(dir.path(), id, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        run.says(says);
        assert!(!dir.path().join(format!("roles/{id}.yaml")).exists());
        run
    };
    refused("empty", &["--title", "  "], "`--title` is empty");
    refused(
        "empty-form",
        &["--title", "Кассир", "--genitive", " "],
        "`--genitive` is empty",
    );
    for title in ["Product Owner", "ГЛАВНЫЙ БУХГАЛТЕР"] {
        refused(
            "no-guess",
            &["--title", title],
            "it has no word to decline (Latin words and words in capitals stay as written)",
        );
    }
    // a character the PDF font lacks: said once, at its place in the file
    let run = refused(
        "snowman",
        &["--title", "Менеджер ☃"],
        "has no glyph for `☃`",
    );
    assert_eq!(run.stderr.matches("no glyph").count(), 1, "{}", run.stderr);
    // at its place in the file `new` would write, which is not on disk to open
    run.says("--> (not written) roles/snowman.yaml:4:15");
    run.says(
        "nothing was written: the file `new` would write, roles/snowman.yaml, would not validate",
    );
    assert!(!run.stderr.contains("--> roles/"), "{}", run.stderr);
    let run = refused(
        "branch",
        &["--title", "Директор\u{2011}филиала"],
        "has no glyph for `\u{2011}` (U+2011)",
    );
    run.says("--> (not written) roles/branch.yaml:4:15");
    refused(
        "ruble",
        &["--title", "Кассир ₽"],
        "write «руб.» instead of ₽",
    );
    // the forms given, a Latin title is the user's to make
    let forms = ["Product Owner"; 4];
    let run = new(
        dir.path(),
        "po",
        &[
            "--title",
            forms[0],
            "--genitive",
            forms[1],
            "--dative",
            forms[2],
            "--instrumental",
            forms[3],
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    let run = run_in(dir.path(), &["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
