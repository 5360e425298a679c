//! The signature records `roles/_signatures.yaml`: which edition of which role each employee
//! signed, and when. HR appends to it; every record is checked against the roster, the roles and
//! the approved editions.

use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, nearest};
use crate::hr::editions::Editions;
use crate::hr::roster::Roster;
use crate::load::schema::Schema;
use crate::load::{self, LoadedYaml};
use crate::model::hr::{SignatureRecord, SignaturesFile};

/// The file's name inside the roles folder.
pub const SIGNATURES_FILE: &str = "_signatures.yaml";

/// Loads and checks the signature records of `dir` (none when there is no file), reading
/// nothing outside it.
pub fn load(
    dir: &Path,
    roster: &Roster,
    role_ids: &[String],
    editions: &Editions,
    diags: &mut Diagnostics,
) -> Vec<SignatureRecord> {
    let path = dir.join(SIGNATURES_FILE);
    if !path.is_file() {
        return Vec::new();
    }
    match load::read_text(&path, Some(dir)) {
        Ok(source) => check(&path, source, roster, role_ids, editions, diags),
        Err(d) => {
            diags.push(*d);
            Vec::new()
        }
    }
}

/// Checks the signature records `source` of the file `path`: every record against the roster,
/// the roles and the approved editions. Returns the records when none has an error.
pub fn check(
    path: &Path,
    source: String,
    roster: &Roster,
    role_ids: &[String],
    editions: &Editions,
    diags: &mut Diagnostics,
) -> Vec<SignatureRecord> {
    let path = path.to_path_buf();
    let schema = Schema::new(crate::model::hr::signatures_schema());
    let Some(LoadedYaml {
        value,
        source,
        node,
    }) = load::load_data_source::<SignaturesFile>(&path, source, &schema, diags)
    else {
        return Vec::new();
    };
    let mut ok = true;
    for (i, record) in value.signatures.iter().enumerate() {
        let span = |key: &str| node.span_of(&format!("/signatures/{i}/{key}"));
        let mut error = |key: &str, message: String, hint: Option<String>| {
            let mut d = Diagnostic::error(&path, Some(&source), span(key), message);
            d.hint = hint;
            diags.push(d);
            ok = false;
        };
        if roster.file.is_none() {
            error(
                "employee",
                "signature records need a roster".into(),
                Some("add roles/_staff.csv or roles/_staff.yaml".into()),
            );
            return Vec::new();
        }
        if roster.get(&record.employee).is_none() {
            let numbers: Vec<String> = roster.employees.iter().map(|e| e.number.clone()).collect();
            error(
                "employee",
                format!(
                    "unknown employee `{}`: no such personnel number in the roster",
                    record.employee
                ),
                nearest(&record.employee, &numbers).map(|n| format!("did you mean `{n}`?")),
            );
        }
        if !role_ids.contains(&record.role) {
            error(
                "role",
                format!("unknown role `{}`", record.role),
                nearest(&record.role, role_ids).map(|n| format!("did you mean `{n}`?")),
            );
        }
        if Date::parse_iso(&record.date).is_none() {
            error(
                "date",
                format!("`{}` is not a calendar date", record.date),
                Some("write dates as YYYY-MM-DD, e.g. 2026-06-10".into()),
            );
        }
        if !role_ids.contains(&record.role) {
            continue;
        }
        match editions.get(&record.role, record.revision) {
            None => {
                let list: Vec<String> = editions
                    .of(&record.role)
                    .iter()
                    .map(|e| e.revision.to_string())
                    .collect();
                error(
                    "revision",
                    format!(
                        "`{}` has no approved edition {} ({})",
                        record.role,
                        record.revision,
                        if list.is_empty() {
                            "none is approved".to_string()
                        } else {
                            format!("approved: {}", list.join(", "))
                        }
                    ),
                    None,
                );
            }
            Some(e) => {
                // a record typed with a wrong date, or a signature under a draft
                if let (Some(signed), Some(approved)) =
                    (Date::parse_iso(&record.date), Date::parse_iso(&e.date))
                    && signed < approved
                {
                    diags.push(Diagnostic::warning(
                        &path,
                        Some(&source),
                        span("date"),
                        format!(
                            "signed on {}, before edition {} of `{}` was approved on {}",
                            record.date, e.revision, record.role, e.date
                        ),
                    ));
                }
            }
        }
    }
    if ok { value.signatures } else { Vec::new() }
}

/// The header of a new `_signatures.yaml`.
const HEADER: &str = "# yaml-language-server: $schema=signatures.schema.json\n\
# Who signed which edition of which job description, and when: `jobdoc ack sign` appends a\n\
# record for each signature on an acknowledgement sheet (or add one by hand, as below).\n";

/// `record` as one line of the file, in the flow style the example project uses.
fn line(indent: &str, record: &SignatureRecord) -> String {
    let employee = serde_json::to_string(&record.employee).unwrap_or_default();
    format!(
        "{indent}- {{ employee: {employee}, role: {}, revision: {}, date: {} }}\n",
        record.role, record.revision, record.date
    )
}

/// The text of `_signatures.yaml` with `records` appended after the last one, comments and the
/// file's own lines kept; a new file when `source` is `None` or holds no records yet.
pub fn append(source: Option<&str>, records: &[SignatureRecord]) -> String {
    let node = source.and_then(|s| crate::load::yaml::parse(s).ok());
    let list = node.as_ref().and_then(|n| n.get("signatures"));
    let block_items = list
        .and_then(|l| l.as_seq())
        .filter(|items| !items.is_empty())
        .zip(source)
        // a block list: its first `-` starts a line
        .filter(|(items, s)| {
            let at = items[0].span;
            s.lines()
                .nth(at.line - 1)
                .is_some_and(|l| l.chars().take(at.column - 1).collect::<String>().trim() == "-")
        });
    let mut out = String::new();
    match (source, block_items) {
        (Some(s), Some((items, _))) => {
            let dash = s
                .lines()
                .nth(items[0].span.line - 1)
                .map_or(0, |l| l.len() - l.trim_start().len());
            out.push_str(s);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            for r in records {
                out.push_str(&line(&" ".repeat(dash), r));
            }
        }
        // no file, an empty one, `signatures: []`, or a flow list: written anew, records kept
        _ => {
            let mut all: Vec<SignatureRecord> = source
                .and_then(|s| crate::load::yaml::from_str::<SignaturesFile>(s).ok())
                .map(|f| f.signatures)
                .unwrap_or_default();
            all.extend(records.iter().cloned());
            out.push_str(HEADER);
            out.push_str("signatures:\n");
            for r in &all {
                out.push_str(&line("  ", r));
            }
        }
    }
    out
}
