//! Every YAML example in README.md and templates/README.md is checked against what jobdoc
//! accepts, so the documentation cannot drift from the code: a role example is built, an HR or
//! organization file example validates in a project, a tax year example computes, and each
//! commented alternative of a role example (`# approval: …`) is built in place of the line it
//! stands for.

mod common;

use common::Scratch;

/// The ```yaml blocks of a Markdown file, in order.
fn yaml_blocks(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::repo().join(path)).unwrap();
    let mut blocks = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("```yaml\n") {
        let body = &rest[start + 8..];
        let end = body.find("```").unwrap();
        blocks.push(body[..end].to_string());
        rest = &body[end..];
    }
    blocks
}

/// Builds `role` as `roles/example.yaml` in a project of the example organization, without HR
/// files (the example shares the seed's title).
fn builds(role: &str) -> common::Run {
    let s = Scratch::new();
    s.without_hr_files();
    s.write("roles/example.yaml", role);
    s.run(&["build", "example", "--format", "md,json"])
}

#[test]
fn every_yaml_example_of_the_docs_is_accepted() {
    let mut checked = 0;
    for doc in ["README.md", "templates/README.md"] {
        for block in yaml_blocks(doc) {
            let first = block.lines().next().unwrap_or("");
            if block.contains("\ntitle:") || block.starts_with("title:") {
                let run = builds(&block);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
                assert!(!run.stderr.contains("warning"), "{}", run.stderr);
                if block.contains("\nvacancy:") {
                    // a vacancy's postings, with the texts of the example
                    let s = Scratch::new();
                    s.without_hr_files();
                    s.write("roles/example.yaml", &block);
                    assert_eq!(s.run(&["build", "example"]).code, 0);
                    let hh = std::fs::read_to_string(s.path().join("out/example.vacancy.hh.json"))
                        .unwrap();
                    assert!(hh.contains("CRM") && hh.contains("\"area\""), "{hh}");
                }
                // each commented alternative `  # key: value` of a line `  key: …` in its place
                for line in block.lines() {
                    let Some((indent, alternative)) = line.split_once("# ") else {
                        continue;
                    };
                    let Some((key, _)) = alternative.split_once(": ") else {
                        continue;
                    };
                    if indent.is_empty() || !indent.trim().is_empty() || key.contains(' ') {
                        continue;
                    }
                    let original = block
                        .lines()
                        .find(|l| l.starts_with(&format!("{indent}{key}: ")))
                        .unwrap_or_else(|| panic!("{doc}: no `{key}` for {line:?}"));
                    let value = alternative.split("   →").next().unwrap().trim_end();
                    let variant = block.replace(original, &format!("{indent}{value}"));
                    let run = builds(&variant);
                    assert_eq!(run.code, 0, "{doc}, {value}:\n{}", run.stderr);
                    checked += 1;
                }
            } else if first.starts_with("# a role's compensation plan") {
                // in place of the example account executive's plan
                let s = Scratch::new();
                let role = s.roles().join("account-executive.yaml");
                let text = std::fs::read_to_string(&role).unwrap();
                let start = text.find("\ncompensation:\n").unwrap() + 1;
                let end = text[start..]
                    .lines()
                    .skip(1)
                    .find(|l| !l.starts_with([' ', '#', '-']))
                    .map_or(text.len(), |l| text.find(&format!("\n{l}")).unwrap() + 1);
                s.write(
                    "roles/account-executive.yaml",
                    &format!("{}{block}{}", &text[..start], &text[end..]),
                );
                let run = s.run(&["validate"]);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
                assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
            } else if first.starts_with("# roles/_organization.yaml") {
                // alone: the example roles use fragments the shortened example leaves out
                let s = Scratch::new();
                s.without_hr_files();
                for entry in std::fs::read_dir(s.roles()).unwrap() {
                    let path = entry.unwrap().path();
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    if name.ends_with(".yaml") && !name.starts_with('_') {
                        std::fs::remove_file(path).unwrap();
                    }
                }
                s.write("roles/_organization.yaml", &block);
                let run = s.run(&["validate"]);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
            } else if first.starts_with("# roles/client-manager.en.yaml") {
                // in place of the example's translation: what it gives matches the role
                let s = Scratch::new();
                s.write("roles/client-manager.en.yaml", &block);
                let run = s.run(&["validate"]);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
                for problem in ["older than", "translates nothing", "/title", "/department"] {
                    assert!(!run.stderr.contains(problem), "{}", run.stderr);
                }
            } else if let Some(name) = first.strip_prefix("# roles/_tax-") {
                // a year's tax rules: `jobdoc cost` computes with them
                let year = name.trim_end_matches(".yaml");
                let s = Scratch::new();
                s.write(&format!("roles/_tax-{year}.yaml"), &block);
                let run = s.run(&["cost", "--gross", "50000", "--year", year]);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
                assert!(run.stdout.contains("Tax rules of"), "{}", run.stdout);
            } else if block.starts_with("employees:") {
                let s = Scratch::new();
                std::fs::remove_file(s.roles().join("_staff.csv")).unwrap();
                std::fs::remove_file(s.roles().join("_signatures.yaml")).unwrap();
                s.write("roles/_staff.yaml", &block);
                let run = s.run(&["validate"]);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
            } else if block.starts_with("signatures:") {
                let s = Scratch::new();
                s.write("roles/_signatures.yaml", &block);
                let run = s.run(&["validate"]);
                assert_eq!(run.code, 0, "{doc}:\n{block}\n{}", run.stderr);
            } else {
                // editor lines and CI workflows: YAML that parses
                let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(&block);
                assert!(parsed.is_ok(), "{doc}:\n{block}\n{parsed:?}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} examples found");
}

#[test]
fn a_role_approved_by_order_shows_the_order_in_its_stamp() {
    let s = Scratch::new();
    s.without_hr_files();
    let role = std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap();
    s.write(
        "roles/client-manager.yaml",
        &role.replacen(
            "  number: ДИ-07\n",
            "  number: ДИ-07\n  approval: { order: { date: 2026-06-05, number: \"12\", appendix: \"2\" } }\n",
            1,
        ),
    );
    // every format lays the гриф out, its blank line included
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(s.path().join("out/client-manager.md")).unwrap();
    assert!(
        md.contains("> Приложение 2\\\n> к приказу от 05.06.2026 № 12\\\n"),
        "{md}"
    );
    assert!(
        md.contains("> УТВЕРЖДЕНА\\\n> приказом генерального директора\\\n"),
        "{md}"
    );
    assert!(!md.contains("УТВЕРЖДАЮ"), "{md}");
}

#[test]
fn the_workflow_init_writes_is_the_one_readme_shows() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let written =
        std::fs::read_to_string(common::repo().join("src/cmd/init/jobdoc-check.yml")).unwrap();
    assert!(readme.contains(&format!("```yaml\n{written}```")));
}
