//! Docs as code: `jobdoc check` catches stale, missing, hand-edited and unexpected outputs;
//! builds are incremental and do not depend on the number of threads or on the clock.

mod common;

use common::Scratch;

fn build(s: &Scratch, extra: &[&str]) -> common::Run {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let run = s.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn check_passes_after_a_build_and_writes_nothing() {
    let s = Scratch::new();
    build(&s, &[]);
    let before = s.out_files();
    let run = s.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with("ok: "), "{}", run.stderr);
    assert_eq!(s.out_files(), before);
}

#[test]
fn check_fails_on_a_role_edited_without_rebuilding() {
    let s = Scratch::new();
    // the edit below would change an approved edition's text (tests/editions.rs covers that)
    s.without_hr_files();
    build(&s, &[]);
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    s.write(
        "roles/client-manager.yaml",
        &role.replace("Организует доставку товара", "Организует доставку товаров"),
    );
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("stale: `client-manager.md`");
    run.says("stale: `.jobdoc-manifest.json`");
}

#[test]
fn check_catches_hand_edits_missing_and_unexpected_files() {
    let s = Scratch::new();
    build(&s, &[]);
    let md = s.path().join("out/client-manager.md");
    let mut text = std::fs::read_to_string(&md).unwrap();
    text.push_str("\nдописано вручную\n");
    std::fs::write(&md, text).unwrap();
    s.write("out/old-role.md", "x");
    let run = s.run(&["check", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    let found: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"stale: `client-manager.md` differs from what the inputs build to"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"unexpected: no input builds `old-role.md`"),
        "{messages:?}"
    );
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(found[0]["line"], 1);
    // a build repairs the hand edit even though the manifest says the role is unchanged
    build(&s, &[]);
    std::fs::remove_file(s.path().join("out/old-role.md")).unwrap();
    assert_eq!(s.run(&["check"]).code, 0);
    std::fs::remove_file(&md).unwrap();
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1);
    run.says("missing: `client-manager.md`");
}

#[test]
fn rebuild_skips_unchanged_roles_and_redoes_what_a_shared_input_touches() {
    let s = Scratch::new();
    // the template edit below would change an approved edition's text
    s.without_hr_files();
    s.run(&["new", "sales-manager", "--title", "Менеджер по продажам"]);
    build(&s, &[]);
    let run = build(&s, &[]);
    run.says("7 role(s) up to date");
    let role = std::fs::read_to_string(s.roles().join("sales-manager.yaml")).unwrap();
    s.write(
        "roles/sales-manager.yaml",
        &role.replace("Опишите функцию", "Продажи"),
    );
    let run = build(&s, &[]);
    run.says("6 role(s) up to date");
    let org = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
    s.write(
        "roles/_organization.yaml",
        &org.replace("city: Москва", "city: Казань"),
    );
    let run = build(&s, &[]);
    run.says("0 role(s) up to date");
    s.write(
        "templates/job-description.md",
        &std::fs::read_to_string(common::repo().join("src/locale/ru/templates/job-description.md"))
            .unwrap()
            .replace("%}Настоящая должностная", "%}Эта должностная"),
    );
    let run = build(&s, &[]);
    run.says("0 role(s) up to date");
    // a deleted role's outputs go with the next full build
    std::fs::remove_file(s.roles().join("sales-manager.yaml")).unwrap();
    build(&s, &[]);
    assert!(!s.path().join("out/sales-manager.md").exists());
    assert_eq!(s.run(&["check"]).code, 0);
}

#[test]
fn output_does_not_depend_on_threads_or_time() {
    let one = Scratch::new();
    let two = Scratch::new();
    for s in [&one, &two] {
        s.run(&["new", "sales-manager", "--title", "Менеджер по продажам"]);
        s.run(&["new", "chief-accountant", "--title", "Главный бухгалтер"]);
    }
    build(&one, &["--jobs", "1"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build(&two, &["--jobs", "2"]);
    assert_eq!(one.out_files(), two.out_files());
}

#[test]
fn build_and_validate_speak_json() {
    let s = Scratch::new();
    s.write("roles/bad.yaml", "title: 5\n");
    for cmd in ["build", "validate"] {
        let run = s.run(&[cmd, "--message-format", "json"]);
        assert_eq!(run.code, 1);
        let found: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(
            found
                .iter()
                .all(|d| d["file"] == "roles/bad.yaml" && d["severity"] == "error"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|d| d["line"] == 1 && d["column"] == 8),
            "{found:?}"
        );
        assert!(run.stderr.contains("nothing was written"));
    }
}

#[test]
fn a_build_of_some_formats_leaves_the_others_alone() {
    let s = Scratch::new();
    build(&s, &[]);
    let before = s.out_files();
    let run = build(&s, &["--format", "pdf", "--force"]);
    assert!(!run.stderr.contains("removed"), "{}", run.stderr);
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(n, _)| n.clone()).collect()
    };
    assert_eq!(names(&s.out_files()), names(&before));
    assert_eq!(s.run(&["check"]).code, 0);
    // a changed role: its PDF is rebuilt, its other files stay (stale, as check says)
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    s.write(
        "roles/client-manager.yaml",
        &role.replace("number: ДИ-07", "number: ДИ-08"),
    );
    let run = build(&s, &["--format", "pdf"]);
    assert!(!run.stderr.contains("removed"), "{}", run.stderr);
    assert_eq!(names(&s.out_files()), names(&before));
    let check = s.run(&["check"]);
    assert_eq!(check.code, 1);
    check.says("stale: `client-manager.md`");
}
