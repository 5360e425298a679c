//! The shape of the source tree, kept by tests: the pipeline's modules import only those below
//! them (no cycle), the words of a language stay in `src/locale/`, and the environment is read
//! in one place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The file's code without its unit tests (a trailing `#[cfg(test)]` module) and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let body = text.split("\n#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file of `src/` belongs to: `hr` for `src/hr/roster.rs`.
fn module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let src = common::repo().join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let from = module(&src, &file);
        if from == "main" || from == "lib" {
            continue;
        }
        let code = code(&file);
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != from {
                edges.entry(from.clone()).or_default().insert(name);
            }
        }
        // `use crate::{a, b}`
        for (i, _) in code.match_indices("crate::{") {
            let list = &code[i + 8..];
            let list = &list[..list.find('}').unwrap_or(0)];
            for name in list.split(',') {
                let name: String = name
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != from {
                    edges.entry(from.clone()).or_default().insert(name);
                }
            }
        }
    }
    // depth-first search for a back edge
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(node, &edges, &mut path, &mut done) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
    // the pipeline's order, bottom to top, holds
    assert!(!edges["load"].contains("model"), "{:?}", edges["load"]);
    assert!(!edges["write"].contains("compose"), "{:?}", edges["write"]);
    assert!(!edges["hr"].contains("compose"), "{:?}", edges["hr"]);
}

#[test]
fn words_of_a_language_live_in_the_locale() {
    let src = common::repo().join("src");
    let mut found = Vec::new();
    for file in rust_files(&src) {
        if file.starts_with(src.join("locale")) {
            continue;
        }
        for (n, line) in code(&file).lines().enumerate() {
            // CLI help examples show Russian titles, as a user types them
            if line.contains("after_help") {
                continue;
            }
            let literal = line.split('"').skip(1).step_by(2).chain(
                line.split('\'')
                    .skip(1)
                    .step_by(2)
                    .filter(|c| c.chars().count() == 1),
            );
            if literal
                .flat_map(str::chars)
                .any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
            {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Cyrillic outside src/locale/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_environment_is_read_in_one_place() {
    let src = common::repo().join("src");
    let files: Vec<PathBuf> = rust_files(&src)
        .into_iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("SOURCE_DATE_EPOCH")
        })
        .collect();
    assert_eq!(files, [src.join("cli.rs")]);
}
