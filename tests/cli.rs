//! The command line: every subcommand, its output and exit code (0 ok, 1 input problems, 2 other).

mod common;

use common::Scratch;

#[test]
fn build_writes_the_markdown_of_every_role() {
    let s = Scratch::new();
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = s.out_files();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".jobdoc-manifest.json",
            "account-executive.ack.md",
            "account-executive.comp.md",
            "account-executive.md",
            "account-executive.vacancy.md",
            "client-manager.ack.en.md",
            "client-manager.ack.md",
            "client-manager.bilingual.md",
            "client-manager.en.md",
            "client-manager.md",
            "client-manager.vacancy.md",
            "customer-service-representative.ack.md",
            "customer-service-representative.md",
            "customer-success-manager.ack.md",
            "customer-success-manager.comp.md",
            "customer-success-manager.md",
            "customer-success-manager.vacancy.md",
            "sales-development-representative.ack.md",
            "sales-development-representative.comp.md",
            "sales-development-representative.md",
            "sales-development-representative.vacancy.md",
            "warehouse-manager.ack.md",
            "warehouse-manager.md"
        ]
    );
    run.says("23 file(s) written");
    // nothing changed: nothing rewritten, no temporary files left behind
    let again = s.run(&["build", "--format", "md"]);
    assert!(
        again
            .stderr
            .contains("0 file(s) written, 0 unchanged, 6 role(s) up to date"),
        "{}",
        again.stderr
    );
    assert_eq!(s.out_files(), files);
}

#[test]
fn build_of_an_unknown_role_suggests_the_nearest() {
    let s = Scratch::new();
    let run = s.run(&["build", "client-manger", "--format", "md"]);
    assert_eq!(run.code, 1);
    run.says("no role `client-manger`");
    run.says("did you mean `client-manager`?");
    assert!(s.out_files().is_empty());
}

#[test]
fn failed_build_leaves_out_as_it_was() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let before = s.out_files();
    // a second, broken role: nothing at all may be written, not even the good role's files
    s.write("roles/broken.yaml", "title: [\n");
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    s.write(
        "roles/client-manager.yaml",
        &role.replace("Организует доставку товара", "Организует доставку"),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/broken.yaml:");
    assert_eq!(s.out_files(), before);
}

#[test]
fn validate_checks_named_files_and_the_whole_project() {
    let s = Scratch::new();
    let ok = s.run(&["validate"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    ok.says("ok: 6 role(s) checked");
    let named = s.run(&["validate", "roles/client-manager.yaml"]);
    assert_eq!(named.code, 0, "{}", named.stderr);
    s.write("roles/bad.yaml", "title: 5\n");
    assert_eq!(s.run(&["validate", "roles/client-manager.yaml"]).code, 0);
    let bad = s.run(&["validate"]);
    assert_eq!(bad.code, 1);
    bad.says("roles/bad.yaml:1:8");
}

#[test]
fn missing_organization_file_is_an_input_problem() {
    let s = Scratch::new();
    std::fs::remove_file(s.roles().join("_organization.yaml")).unwrap();
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("the organization file is missing");
}

#[test]
fn new_writes_a_scaffold_that_validates_and_builds() {
    let s = Scratch::new();
    let run = s.run(&["new", "sales-manager", "--title", "Менеджер по продажам"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(s.roles().join("sales-manager.yaml")).unwrap();
    assert!(
        text.contains("genitive: \"менеджера по продажам\""),
        "{text}"
    );
    assert!(text.contains("fragment: \"charter\""), "{text}");
    let v = s.run(&["validate"]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert_eq!(s.run(&["build", "sales-manager", "--format", "md"]).code, 0);
    // refuses to overwrite, and refuses a bad id
    assert_eq!(s.run(&["new", "sales-manager", "--title", "X"]).code, 1);
    let bad = s.run(&["new", "Sales_Manager", "--title", "X"]);
    assert_eq!(bad.code, 1);
    bad.says("is not a role id");
}

#[test]
fn schema_prints_json_on_stdout() {
    let s = Scratch::new();
    let run = s.run(&["schema"]);
    assert_eq!(run.code, 0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["title"], "jobdoc role");
    assert!(run.stderr.is_empty());
}

#[test]
fn other_failures_exit_2() {
    let s = Scratch::new();
    let run = s.run(&["build", "--roles", "no-such-folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("no-such-folder");
    assert_eq!(s.run(&["frobnicate"]).code, 2);
}

#[test]
fn a_writer_failure_exits_2_naming_the_file_and_writes_nothing() {
    let s = Scratch::new();
    // the role's text changes below: no approved editions, and the roster names the role by id
    for name in ["_signatures.yaml", "_editions.yaml"] {
        std::fs::remove_file(s.roles().join(name)).unwrap();
    }
    let roster = std::fs::read_to_string(s.roles().join("_staff.csv")).unwrap();
    s.write(
        "roles/_staff.csv",
        &roster.replace(";Менеджер по работе с клиентами;", ";client-manager;"),
    );
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let before = s.out_files();
    // A position title of 900 words makes a table row of the лист ознакомления taller than a
    // page: the roles check out, but the PDF writer cannot lay the row out. That is jobdoc's
    // failure to report (exit 2, naming the file), not a place in the inputs (exit 1). The job
    // description, whose last page is that sheet, is the first file it cannot write.
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    let long = vec!["Менеджер"; 900].join(" ");
    s.write(
        "roles/client-manager.yaml",
        &role.replacen(
            "nominative: Менеджер по работе с клиентами",
            &format!("nominative: {long}"),
            1,
        ),
    );
    let run = s.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("cannot write out/client-manager.pdf");
    assert!(!run.stderr.contains("roles/client-manager.yaml:1:1"));
    assert_eq!(s.out_files(), before);
    // validate lays out what the PDF writer might not: what build cannot write does not
    // validate
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("cannot write client-manager.pdf");
    // one word too wide for its column, cut into lines a few letters long, makes the row as tall
    s.write(
        "roles/client-manager.yaml",
        &role.replacen(
            "nominative: Менеджер по работе с клиентами",
            &format!("nominative: {}", "Менеджер".repeat(400)),
            1,
        ),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("cannot write client-manager.pdf");
    // a user's template with a table of a header alone, taller than a page: build cannot set
    // it, so validate does not pass it either
    s.write("roles/client-manager.yaml", &role);
    s.write("templates/ack.md", &format!("| {long} |\n|---|\n"));
    let run = s.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says(".ack.pdf: cannot typeset the PDF: no room on the page");
}

#[test]
fn a_template_can_include_another_from_the_templates_folder() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let plain = std::fs::read(s.path().join("out/client-manager.ack.md")).unwrap();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/ack.md")).unwrap();
    assert!(builtin.contains("\n{{ organization.name }}\n"));
    s.write("templates/part.md", "{{ organization.name }}");
    s.write(
        "templates/ack.md",
        &builtin.replace(
            "\n{{ organization.name }}\n",
            "\n{% include \"part.md\" %}\n",
        ),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(s.path().join("out/client-manager.ack.md")).unwrap(),
        plain
    );
    // a syntax error in one template is still reported at its line, includes or not
    s.write("templates/part.md", "{{ organization.name ");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/part.md:1:");
}

#[test]
fn help_shows_examples() {
    for cmd in ["build", "validate", "new", "schema"] {
        let run = common::run_in(&common::repo(), &[cmd, "--help"]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("Examples:"), "{cmd}");
    }
}

#[test]
fn template_override_outside_the_dialect_names_the_template() {
    let s = Scratch::new();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/job-description.md"))
            .unwrap();
    s.write(
        "templates/job-description.md",
        &builtin.replace(
            "{%- for section in role.outline %}",
            "\n```\ncode\n```\n{%- for section in role.outline %}",
        ),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/job-description.md");
    run.says("a code block");
    assert!(
        run.stderr
            .contains("not part of the jobdoc Markdown dialect"),
        "{}",
        run.stderr
    );
    assert!(s.out_files().is_empty());
}

#[test]
fn template_override_changes_the_output() {
    let s = Scratch::new();
    // the override changes the text of the approved seed edition (tests/editions.rs)
    s.without_hr_files();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/job-description.md"))
            .unwrap();
    s.write(
        "templates/job-description.md",
        &builtin.replace("%}Настоящая должностная", "%}Эта должностная"),
    );
    s.write("templates/README.md", "not a template {{");
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(s.path().join("out/client-manager.md")).unwrap();
    assert!(md.contains("1.1. Эта должностная инструкция"));
}

#[test]
fn template_syntax_error_points_at_the_template_line() {
    let s = Scratch::new();
    s.write(
        "templates/job-description.md",
        "{{ organization.name }}\n\n{{ role.title.nominative | nosuchfilter }}\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/job-description.md:3:");
}

#[test]
fn readme_role_example_builds() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let start = readme.find("```yaml\n").unwrap() + "```yaml\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let s = Scratch::new();
    // the example has the seed role's title, which would make the seed roster's rows ambiguous
    s.without_hr_files();
    s.write("roles/example.yaml", example);
    let run = s.run(&["build", "example", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_template_with_a_character_the_font_lacks_fails_validation_at_its_line() {
    let s = Scratch::new();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/ack.md")).unwrap();
    s.write(
        "templates/ack.md",
        &format!("{}\nОплата в ₽.\n", builtin.trim_end()),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("no glyph for `₽`");
    let line = builtin.trim_end().lines().count() + 1;
    run.says(&format!("templates/ack.md:{line}:10"));
}

#[test]
fn init_starts_a_project_that_new_and_build_use_and_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = common::run_in(
        dir.path(),
        &["new", "sales-manager", "--title", "Менеджер по продажам"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = common::run_in(dir.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("out/sales-manager.pdf").exists());
    assert!(dir.path().join("out/example-role.docx").exists());
    assert!(
        dir.path()
            .join(".github/workflows/jobdoc-check.yml")
            .exists()
    );
    // the schema files are those `jobdoc schema` prints, one for every kind of file
    for kind in [
        "role",
        "organization",
        "staff",
        "signatures",
        "editions",
        "translation",
        "tax",
    ] {
        let schema = common::run_in(dir.path(), &["schema", kind]);
        assert_eq!(schema.code, 0, "{}", schema.stderr);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(format!("roles/{kind}.schema.json"))).unwrap(),
            schema.stdout,
            "{kind}"
        );
    }
    // a second init writes nothing
    let organization = dir.path().join("roles/_organization.yaml");
    std::fs::write(&organization, "name: edited\n").unwrap();
    let run = common::run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("already exists");
    assert_eq!(
        std::fs::read_to_string(&organization).unwrap(),
        "name: edited\n"
    );
}

#[test]
fn templates_export_writes_the_built_in_templates_to_edit() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let before = s.out_files();
    let run = s.run(&["templates", "export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["job-description.md", "ack.md", "ack-sheet.md", "changes.md"] {
        assert_eq!(
            std::fs::read_to_string(s.path().join("templates").join(name)).unwrap(),
            std::fs::read_to_string(common::repo().join("src/locale/ru/templates").join(name))
                .unwrap()
        );
    }
    // the exported templates build the same documents
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    assert_eq!(s.out_files(), before);
    // an edited template is kept
    s.write("templates/ack.md", "# edited\n");
    let run = s.run(&["templates", "export"]);
    run.says("kept templates/ack.md");
    assert_eq!(
        std::fs::read_to_string(s.path().join("templates/ack.md")).unwrap(),
        "# edited\n"
    );
}

#[test]
fn watch_rebuilds_on_a_save_and_reports_errors_without_stopping() {
    let s = Scratch::new();
    s.without_hr_files();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(["watch", "--format", "md"])
        .current_dir(s.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let md = s.path().join("out/client-manager.md");
    let wait_for = |what: &dyn Fn() -> bool| {
        for _ in 0..600 {
            if what() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    };
    assert!(wait_for(&|| md.exists()), "the first build");
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    s.write(
        "roles/client-manager.yaml",
        &role.replacen(
            "Организует доставку товара",
            "Организует доставку грузов",
            1,
        ),
    );
    let rebuilt = wait_for(&|| {
        std::fs::read_to_string(&md).is_ok_and(|t| t.contains("Организует доставку грузов"))
    });
    // an error is reported and the watch goes on: the next good save builds again
    s.write("roles/client-manager.yaml", "title: [\n");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    s.write(
        "roles/client-manager.yaml",
        &role.replacen("Организует доставку товара", "Организует доставку писем", 1),
    );
    let again = wait_for(&|| {
        std::fs::read_to_string(&md).is_ok_and(|t| t.contains("Организует доставку писем"))
    });
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(rebuilt && again, "{stderr}");
    assert!(stderr.contains("roles/client-manager.yaml:"), "{stderr}");
    assert!(stderr.contains("watching"), "{stderr}");
}

#[test]
fn new_guesses_the_category_and_names_the_instruction_once() {
    let s = Scratch::new();
    s.without_hr_files();
    assert_eq!(
        s.run(&["new", "warehouse-head", "--title", "Начальник склада"])
            .code,
        0
    );
    let role = std::fs::read_to_string(s.roles().join("warehouse-head.yaml")).unwrap();
    assert!(role.contains("\ncategory: руководителей\n"), "{role}");
    // the organization has a fragment saying «настоящей должностной инструкцией»: not twice
    assert!(
        role.contains("  - fragment: \"this-instruction\"\n"),
        "{role}"
    );
    assert!(
        !role.contains("  - настоящей должностной инструкцией\n"),
        "{role}"
    );
    assert_eq!(s.run(&["new", "buyer", "--title", "Закупщик"]).code, 0);
    let role = std::fs::read_to_string(s.roles().join("buyer.yaml")).unwrap();
    assert!(role.contains("\ncategory: специалистов\n"), "{role}");
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(s.path().join("out/warehouse-head.md")).unwrap();
    let listed = md
        .lines()
        .filter(|l| l.starts_with("- настоящей должностной инструкцией"))
        .count();
    assert_eq!(listed, 1, "{md}");
}

#[test]
fn a_closed_pipe_ends_the_output_without_a_panic() {
    let s = Scratch::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(["list", "--message-format", "json"])
        .current_dir(s.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // the reader goes away before anything is printed (`jobdoc list | head -0`)
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
