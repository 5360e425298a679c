//! Every role file in `tests/invalid/` must give exactly the diagnostics its `.expected` file
//! lists (severity, message, file:line:col), in order; a file with errors exits 1 and writes nothing.

mod common;

use common::Scratch;

fn diagnostics(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("error:") || l.starts_with("warning:") || l.starts_with("-->"))
        .map(str::to_string)
        .collect()
}

#[test]
fn rejects_each_invalid_fixture_with_its_diagnostics() {
    let dir = common::repo().join("tests/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "fixtures missing");
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let expected = std::fs::read_to_string(case.with_extension("expected")).unwrap();
        let expected: Vec<String> = expected.lines().map(str::to_string).collect();
        let scratch = Scratch::new();
        scratch.without_hr_files();
        std::fs::remove_file(scratch.roles().join("client-manager.yaml")).unwrap();
        std::fs::remove_file(scratch.roles().join("client-manager.en.yaml")).unwrap();
        std::fs::copy(&case, scratch.roles().join(&name)).unwrap();
        let run = scratch.run(&["validate"]);
        assert_eq!(
            diagnostics(&run.stderr),
            expected,
            "{name}:\n{}",
            run.stderr
        );
        let has_error = expected.iter().any(|l| l.starts_with("error:"));
        assert_eq!(run.code, if has_error { 1 } else { 0 }, "{name}");
        // a build of the same project writes nothing when there is an error
        let build = scratch.run(&["build", "--format", "md"]);
        assert_eq!(build.code, run.code, "{name}");
        if has_error {
            assert!(scratch.out_files().is_empty(), "{name}: build wrote files");
            assert!(build.stderr.contains("nothing was written"), "{name}");
        }
    }
}

#[test]
fn shows_the_source_line_a_caret_and_a_hint() {
    let scratch = Scratch::new();
    scratch.write(
        "roles/client-manager.yaml",
        &std::fs::read_to_string(common::repo().join("tests/invalid/unknown-key.yaml")).unwrap(),
    );
    let run = scratch.run(&["validate"]);
    run.says("error: unknown key `categry`\n --> roles/client-manager.yaml:9:1\n  |\n9 | categry: специалистов\n  | ^^^^^^^\n  = hint: did you mean `category`?");
}
