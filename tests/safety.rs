//! Nothing lost, nothing leaked: every input, `out/` and its manifest included, is untrusted.
//! Regression tests named after what an attacker or a clumsy user tried.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::Scratch;

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_crafted_manifest_cannot_make_a_build_delete_anything() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let manifest = format!(
        r#"{{"tool": "jobdoc {}", "roles": {{
            "client-manager": {{"inputs": "x", "outputs": {{
                "../roles/client-manager.yaml": "0", "../roles/_editions.yaml": "0",
                "{}": "0", "client-manager.md": "0"}}}},
            "../x": {{"inputs": "x", "outputs": {{"../x.md": "0"}}}}}}}}"#,
        env!("CARGO_PKG_VERSION"),
        victim.display()
    );
    s.write("out/.jobdoc-manifest.json", &manifest);
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("names `../roles/client-manager.yaml` for role `client-manager`, which jobdoc does not build: ignored");
    assert!(!run.stderr.contains("obsolete"), "{}", run.stderr);
    assert!(s.roles().join("client-manager.yaml").exists());
    assert!(s.roles().join("_editions.yaml").exists());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(s.run(&["check"]).code, 0);
}

#[test]
fn what_a_stopped_build_left_is_cleared_by_the_next() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build"]).code, 0);
    // what a SIGKILL leaves: the staging folder, and temporaries of earlier versions
    s.write("out/.jobdoc-staging/3f2a.tmp", "half a file");
    s.write("out/.client-manager.md.4242.tmp", "half a file");
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1);
    run.says("the next `jobdoc build` clears it");
    assert_eq!(s.run(&["build"]).code, 0);
    assert!(
        !files(&s.path().join("out"))
            .iter()
            .any(|n| n.contains("tmp") || n.contains("staging"))
    );
    assert_eq!(s.run(&["check"]).code, 0);
}

#[test]
fn an_interrupted_build_leaves_no_staging() {
    let s = Scratch::new();
    s.without_hr_files();
    for i in 0..40 {
        s.run(&[
            "new",
            &format!("role-{i}"),
            "--title",
            "Менеджер по продажам",
        ]);
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(["build", "--quiet", "--jobs", "1"])
        .current_dir(s.path())
        .spawn()
        .unwrap();
    // SIGINT, as Ctrl-C sends it, once the build is staging its files (or has finished)
    let staging = s.path().join("out/.jobdoc-staging");
    for _ in 0..2000 {
        if staging.exists() || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    assert!(status.code() == Some(130) || status.success(), "{status:?}");
    let out = s.path().join("out");
    if out.exists() {
        assert!(
            !files(&out)
                .iter()
                .any(|n| n.contains("staging") || n.ends_with(".tmp"))
        );
    }
}

#[test]
fn inputs_linked_out_of_the_project_are_not_read() {
    let s = Scratch::new();
    let secrets = tempfile::tempdir().unwrap();
    let secret = secrets.path().join("secret.yaml");
    std::fs::write(&secret, "TOKEN=hunter2\n").unwrap();
    // a role file, then a template, a link to a file elsewhere
    symlink(&secret, s.roles().join("leak.yaml")).unwrap();
    for command in ["build", "validate"] {
        let run = s.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.says("roles/leak.yaml");
        run.says("a symbolic link to a file outside its folder");
        assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    }
    std::fs::remove_file(s.roles().join("leak.yaml")).unwrap();
    std::fs::create_dir_all(s.path().join("templates")).unwrap();
    symlink(&secret, s.path().join("templates/ack.md")).unwrap();
    let run = s.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/ack.md");
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(!s.path().join("out").exists());
    // the issue's example: a template linked to the repository's git configuration, which on
    // CI holds a token, inside the project but outside the templates folder
    std::fs::remove_file(s.path().join("templates/ack.md")).unwrap();
    s.write(
        ".git/config",
        "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
    );
    symlink("../.git/config", s.path().join("templates/ack.md")).unwrap();
    let run = s.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/ack.md");
    assert!(!run.stderr.contains("c2VjcmV0"), "{}", run.stderr);
    assert!(!s.path().join("out").exists());
    // a link inside its folder is a file of the folder
    std::fs::remove_file(s.path().join("templates/ack.md")).unwrap();
    std::fs::create_dir_all(s.path().join("templates/parts")).unwrap();
    std::fs::copy(
        common::repo().join("src/locale/ru/templates/ack.md"),
        s.path().join("templates/parts/ack-source.md"),
    )
    .unwrap();
    symlink("parts/ack-source.md", s.path().join("templates/ack.md")).unwrap();
    assert_eq!(s.run(&["build"]).code, 0);
}

#[test]
fn nothing_is_written_through_a_link_in_out_or_roles() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("target.md");
    std::fs::write(&target, "not jobdoc's").unwrap();
    std::fs::remove_file(s.path().join("out/client-manager.md")).unwrap();
    symlink(&target, s.path().join("out/client-manager.md")).unwrap();
    let run = s.run(&["build", "--format", "md", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("out/client-manager.md is a symbolic link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "not jobdoc's");
    let run = s.run(&["check"]);
    run.says("`client-manager.md` is a symbolic link");
    // out/ itself a link
    let t = Scratch::new();
    symlink(elsewhere.path(), t.path().join("out")).unwrap();
    let run = t.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("out is a symbolic link");
    assert_eq!(files(elsewhere.path()), ["target.md"]);
    // the approved editions a link inside roles/: read, but approve does not write through it
    let u = Scratch::new();
    std::fs::rename(
        u.roles().join("_editions.yaml"),
        u.roles().join(".editions-real.yaml"),
    )
    .unwrap();
    symlink(".editions-real.yaml", u.roles().join("_editions.yaml")).unwrap();
    let before = std::fs::read(u.roles().join(".editions-real.yaml")).unwrap();
    new_dated_role(&u, "buyer");
    let run = u.run(&["approve", "buyer"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("_editions.yaml is a symbolic link");
    assert_eq!(
        std::fs::read(u.roles().join(".editions-real.yaml")).unwrap(),
        before
    );
}

/// A new role `id`, with an edition date so that it can be approved.
fn new_dated_role(s: &Scratch, id: &str) {
    assert_eq!(
        s.run(&["new", id, "--title", "Менеджер по продажам"]).code,
        0
    );
    let role = std::fs::read_to_string(s.roles().join(format!("{id}.yaml"))).unwrap();
    s.write(
        &format!("roles/{id}.yaml"),
        &role.replace("  revision: 1\n", "  revision: 1\n  date: 2026-06-05\n"),
    );
}

/// Spawns `jobdoc ARGS` in `dir` without waiting.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1780617600")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn two_approvals_at_once_are_both_recorded() {
    let s = Scratch::new();
    // three races, each of two new roles approved at once
    for round in 0..3 {
        let (first, second) = (format!("first-{round}"), format!("second-{round}"));
        new_dated_role(&s, &first);
        new_dated_role(&s, &second);
        let a = spawn(s.path(), &["approve", &first]);
        let b = spawn(s.path(), &["approve", &second]);
        for mut child in [a, b] {
            assert!(child.wait().unwrap().success());
        }
        let editions = std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap();
        for id in ["client-manager", &first, &second] {
            assert!(editions.contains(&format!("\n{id}:")), "{id}: {editions}");
        }
    }
}

#[test]
fn two_builds_of_different_formats_at_once_keep_each_others_records() {
    let s = Scratch::new();
    let a = spawn(s.path(), &["build", "--format", "md"]);
    let b = spawn(s.path(), &["build", "--format", "docx"]);
    for mut child in [a, b] {
        assert!(child.wait().unwrap().success());
    }
    let manifest = std::fs::read_to_string(s.path().join("out/.jobdoc-manifest.json")).unwrap();
    assert!(manifest.contains("\"client-manager.md\""), "{manifest}");
    assert!(manifest.contains("\"client-manager.docx\""), "{manifest}");
    assert_eq!(s.run(&["build", "--format", "pdf,json"]).code, 0);
    let run = s.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn files_that_look_like_roles_but_are_not_read_are_warned_about() {
    let s = Scratch::new();
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    s.write("roles/sales.yml", &role);
    s.write("roles/Buyer.YAML", &role);
    s.write("roles/.draft.yaml", "not: a role");
    symlink(s.path().join("gone.yaml"), s.roles().join("linked.yaml")).unwrap();
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("not read: `sales.yml` does not end in `.yaml`");
    run.says("rename it `sales.yaml`");
    run.says("not read: `Buyer.YAML` does not end in `.yaml`");
    run.says("not read: a symbolic link to nothing");
    assert!(!run.stderr.contains(".draft.yaml"), "{}", run.stderr);
}

/// The seed role with `from` replaced by `to`.
/// Edits the seed role: the first `from` becomes `to`.
fn edit_role(s: &Scratch, from: &str, to: &str) {
    s.edit("roles/client-manager.yaml", from, to);
}

#[test]
fn a_slip_in_a_role_is_reported_there_first_not_as_roster_errors() {
    let s = Scratch::new();
    // one space too many: the roster names the role by its title, which no longer loads
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        "   - Организует доставку товара\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("roles/client-manager.yaml:");
    assert!(!run.stderr.contains("_staff.csv"), "{}", run.stderr);
    assert!(!run.stderr.contains("_signatures.yaml"), "{}", run.stderr);
}

#[test]
fn a_provision_with_a_colon_is_told_to_be_quoted_once() {
    let s = Scratch::new();
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        "  - Организует доставку товара: курьером и почтой\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("a text containing `: ` must be quoted");
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn bytes_that_are_not_text_are_reported_at_their_line() {
    let s = Scratch::new();
    edit_role(&s, "Организует доставку", "Организует\0доставку");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("a control character (\\u{0}) in the text");
    run.says("roles/client-manager.yaml:115:");
    let mut bytes = std::fs::read(common::repo().join("roles/client-manager.yaml")).unwrap();
    let at = bytes.windows(4).position(|w| w == b"\n  -").unwrap() + 1;
    bytes.insert(at, 0xff);
    std::fs::write(s.roles().join("client-manager.yaml"), bytes).unwrap();
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("not UTF-8 text");
    run.says("save the file as UTF-8");
    assert!(!run.stderr.contains(":1:1"), "{}", run.stderr);
}

#[test]
fn an_open_quote_in_the_roster_is_named() {
    let s = Scratch::new();
    let roster = std::fs::read_to_string(s.roles().join("_staff.csv")).unwrap();
    let second = roster.lines().nth(2).unwrap().to_string();
    s.write(
        "roles/_staff.csv",
        &roster.replacen(&second, &format!("\"{second}"), 1),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("a quote opened here is not closed on its line");
    run.says("roles/_staff.csv:3:");
}

#[test]
fn control_characters_and_long_lines_are_shown_safely() {
    let s = Scratch::new();
    let long = "слово ".repeat(60);
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        &format!("  - {long}\x1b[31mкрасный ₽\n"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains('\x1b'), "{}", run.stderr);
    for line in run.stderr.lines() {
        assert!(line.chars().count() < 120, "{line}");
    }
}

#[test]
fn a_runaway_template_is_stopped_naming_it() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let before = s.out_files();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/ack.md")).unwrap();
    // output without end: stopped at the cap, an error at the template (long lines, so that a
    // debug build on a loaded machine reaches the cap well before the time bound)
    let line = "строка ".repeat(100);
    s.write(
        "templates/ack.md",
        &format!(
            "{builtin}\n{{% for i in range(end=100000) %}}{{% for j in range(end=1000) %}}{line}{{{{ i }}}}\n{{% endfor %}}{{% endfor %}}\n"
        ),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/ack.md");
    run.says("template: produced more than 32 MiB");
    assert_eq!(s.out_files(), before);
    // a loop that prints nothing: the process is ended after the time bound
    s.write(
        "templates/ack.md",
        &format!(
            "{builtin}\n{{% for i in range(end=100000) %}}{{% for j in range(end=100000) %}}{{% endfor %}}{{% endfor %}}\n"
        ),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/ack.md ran for more than 10 s");
    run.says("nothing was written");
    assert_eq!(s.out_files(), before);
}

#[test]
fn a_provision_pasted_with_its_number_or_a_placeholder_left_is_warned_about() {
    let s = Scratch::new();
    s.without_hr_files();
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        "  - 3.8. Организует доставку товара\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("the provision starts with a number, `3.8.`");
    run.says("roles/client-manager.yaml:115:");
    assert_eq!(s.run(&["new", "buyer", "--title", "Закупщик"]).code, 0);
    let run = s.run(&["validate"]);
    run.says("a placeholder of the scaffold");
    run.says("roles/buyer.yaml:");
}

#[test]
fn a_fragment_that_splices_itself_in_is_an_error_not_a_crash() {
    let s = Scratch::new();
    let org = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
    // the seed role uses `charter`; make it come back to itself through another fragment
    s.write(
        "roles/_organization.yaml",
        &org.replace(
            "  charter: уставом предприятия\n",
            "  charter:\n    - fragment: loop\n  loop:\n    - text: x\n      items:\n        - fragment: charter\n",
        ),
    );
    for command in ["validate", "build"] {
        let run = s.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        // at the reference that closes the cycle, naming the fragments on it
        run.says("fragment `charter` splices itself in: `charter` → `loop` → `charter`");
        let line = org
            .lines()
            .position(|l| l.starts_with("  charter:"))
            .unwrap()
            + 6;
        run.says(&format!("roles/_organization.yaml:{line}:21"));
    }
    assert!(s.out_files().is_empty());
}

#[test]
fn a_signatory_name_wider_than_anything_is_laid_out_without_overflow() {
    let s = Scratch::new();
    s.without_hr_files();
    let long = "Ж".repeat(30_000);
    edit_role(&s, "    name: П.С. Смирнов", &format!("    name: {long}"));
    // measured widths saturate; sums of them once wrapped around (a panic in a debug build)
    let run = s.run(&["validate"]);
    assert!(run.code <= 2, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_fragment_spliced_in_below_the_fourth_level_is_an_error_not_a_loss() {
    let s = Scratch::new();
    s.without_hr_files();
    let org = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
    s.write(
        "roles/_organization.yaml",
        &org.replacen(
            "\nfragments:\n",
            "\nfragments:\n  deep:\n    - text: альфа\n      items:\n        - text: бета\n          items: [гамма]\n",
            1,
        ),
    );
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        "  - text: Обязанность\n    items:\n      - text: подпункт\n        items:\n          - fragment: deep\n",
    );
    for command in ["validate", "build"] {
        let run = s.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        run.says("fragment `deep` nests its items 3 levels, 2 levels too many here\n   --> roles/client-manager.yaml:119:23");
    }
    assert!(s.out_files().is_empty());
    // at the level of a duty it fits, and its last level is printed
    edit_role(
        &s,
        "  - text: Обязанность\n    items:\n      - text: подпункт\n        items:\n          - fragment: deep\n",
        "  - fragment: deep\n",
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = s
        .out_files()
        .into_iter()
        .find(|(n, _)| n == "client-manager.md");
    let md = String::from_utf8(md.unwrap().1).unwrap();
    assert!(md.contains("гамма"), "{md}");
}

/// A translation's fragments are checked as the organization's own: what an English role
/// prints from them is never lost nor blamed on a template.
#[test]
fn a_translations_fragments_are_checked_like_the_organizations_own() {
    let s = Scratch::new();
    s.without_hr_files();
    let org = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
    let translated =
        "      charter: the company's charter\n      work-rules: the internal labour regulations\n";
    assert!(org.contains(translated));
    let with = |instead: &str| org.replacen(translated, instead, 1);
    // a cycle only in English
    s.write(
        "roles/_organization.yaml",
        &with("      charter:\n        - fragment: work-rules\n      work-rules:\n        - fragment: charter\n"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("fragment `charter` splices itself in");
    // a translated text that prints nothing, at its own line
    s.write(
        "roles/_organization.yaml",
        &with("      charter: \".\"\n      work-rules: the internal labour regulations\n"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/_organization.yaml:30:");
    // deeper in English than in Russian: the role's reference is checked against the deepest
    s.write(
        "roles/_organization.yaml",
        &with("      charter:\n        - text: a\n          items:\n            - text: b\n              items: [c]\n      work-rules: the internal labour regulations\n"),
    );
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        "  - text: Обязанность\n    items:\n      - text: подпункт\n        items:\n          - fragment: charter\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("fragment `charter` nests its items 3 levels");
}

#[test]
fn a_lone_carriage_return_is_refused_at_its_place() {
    let s = Scratch::new();
    s.without_hr_files();
    edit_role(
        &s,
        "department: Отдел по работе с клиентами\n",
        "department: Отдел по работе с клиентами\r# comment\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("a carriage return without a line feed");
    run.says("roles/client-manager.yaml:8:40");
}
