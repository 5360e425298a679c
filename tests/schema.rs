//! The JSON Schema the repository carries is the one `jobdoc schema` prints, it accepts the
//! example roles, and it rejects the invalid fixtures that break the schema.

mod common;

use serde_json::Value;

fn schema(kind: &str) -> Value {
    let run = common::run_in(&common::repo(), &["schema", kind]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn yaml_as_json(path: &std::path::Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn committed_schemas_are_current() {
    for (kind, file) in [
        ("role", "role.schema.json"),
        ("organization", "organization.schema.json"),
        ("staff", "staff.schema.json"),
        ("signatures", "signatures.schema.json"),
        ("editions", "editions.schema.json"),
        ("translation", "translation.schema.json"),
        ("tax", "tax.schema.json"),
    ] {
        let committed: Value = serde_json::from_str(
            &std::fs::read_to_string(common::repo().join("roles").join(file)).unwrap(),
        )
        .unwrap();
        assert_eq!(
            committed,
            schema(kind),
            "roles/{file} is stale: jobdoc schema {kind} > roles/{file}"
        );
    }
}

#[test]
fn schema_accepts_the_examples_and_rejects_invalid_fixtures() {
    let role = jsonschema::validator_for(&schema("role")).unwrap();
    let translation = jsonschema::validator_for(&schema("translation")).unwrap();
    let org = jsonschema::validator_for(&schema("organization")).unwrap();
    assert!(org.is_valid(&yaml_as_json(
        &common::repo().join("roles/_organization.yaml")
    )));
    for entry in std::fs::read_dir(common::repo().join("roles")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        if name.ends_with(".yaml") && !name.starts_with('_') {
            // `<id>.<code>.yaml` is a translation
            let validator = if name.matches('.').count() == 2 {
                &translation
            } else {
                &role
            };
            let errors: Vec<String> = validator
                .iter_errors(&yaml_as_json(&path))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }
    // the fixtures whose problems the schema can see (the rest are YAML syntax or semantics)
    for name in [
        "unknown-key",
        "wrong-type",
        "three-problems",
        "missing-title-form",
        "no-duties",
        "standard-entries",
    ] {
        let path = common::repo().join(format!("tests/invalid/{name}.yaml"));
        assert!(
            !role.is_valid(&yaml_as_json(&path)),
            "{name} passes the schema"
        );
    }
}
