//! The checks of a role's structure: where `sections` places the standard sections and
//! `general` the standard provisions, every one the role gives data for is placed once and has
//! that data; `numbered` only where the entries have numbers to number under; `essential` only on
//! a duty or function.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Span};
use crate::load::yaml::{Node, NodeKind};
use crate::model::{ProvisionKey, SectionKey};

/// The lists whose entries may be marked marginal (`essential: false`).
const FUNCTION_LISTS: [&str; 2] = ["functions", "duties"];

/// Checks the structure of a schema-valid role tree.
pub fn check(path: &Path, source: &str, root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let error = |span: Span, message: String, hint: String| {
        Diagnostic::error(path, Some(source), span, message).with_hint(hint)
    };
    // a key given with something in it: a text, or a list that is not empty
    let given = |key: &str| {
        root.entry(key).filter(|(_, v)| match &v.kind {
            NodeKind::Seq(items) => !items.is_empty(),
            NodeKind::Null => false,
            _ => true,
        })
    };

    let sections = placed(root.get("sections"));
    out.extend(twice(&sections, "section", |s, span| error(span, s.0, s.1)));
    if !sections.is_empty() {
        for section in SectionKey::ALL {
            let key = section.key();
            let here = sections.iter().find(|(k, _)| *k == key);
            let data = section.fields().iter().find_map(|k| given(k));
            match (here, data) {
                (None, Some((k, _))) => out.push(error(
                    k.span,
                    format!("`{}` is given, but `sections` does not place its section", k.key_text()),
                    format!("add `- standard: {key}` to `sections` where the section belongs, or remove the key: a `sections` list that places standard sections is the whole document"),
                )),
                (Some((_, span)), None) if key != "general" => out.push(error(
                    *span,
                    format!("`sections` places the section `{key}`, but the role has no `{key}`"),
                    format!("give its provisions under `{key}:`, or remove this entry"),
                )),
                _ => {}
            }
        }
    }

    let general = placed(root.get("general"));
    out.extend(twice(&general, "provision", |s, span| {
        error(span, s.0, s.1)
    }));
    if !general.is_empty() {
        for key in ProvisionKey::ALL {
            let here = general.iter().find(|(k, _)| *k == key.key());
            let Some(field) = key.field() else { continue };
            match (here, given(field)) {
                (None, Some((k, _))) => out.push(error(
                    k.span,
                    format!("`{field}` is given, but `general` does not place its provision"),
                    format!("add `- standard: {}` to `general` where the provision belongs, or remove the key: a `general` list that places standard provisions is the whole of section 1", key.key()),
                )),
                (Some((_, span)), None) => out.push(error(
                    *span,
                    format!("the standard provision `{}` prints `{field}`, which the role does not give", key.key()),
                    format!("give `{field}:`, or write the provision in your own words instead"),
                )),
                _ => {}
            }
        }
    }
    // `lead` and `numbered` belong to the provisions with a list
    let mut numbered_lists = Vec::new();
    for entry in root.get("general").and_then(Node::as_seq).unwrap_or(&[]) {
        let Some(key) = entry.get("standard").and_then(Node::as_str) else {
            continue;
        };
        let listed = matches!(key, "guided_by" | "must_know" | "must_be_able");
        for option in ["lead", "numbered"] {
            if let Some((k, _)) = entry.entry(option)
                && !listed
            {
                out.push(error(
                    k.span,
                    format!("`{option}` is for `guided_by`, `must_know` and `must_be_able`, not `{key}`"),
                    "the other standard provisions are one sentence: write it in your own words instead".into(),
                ));
            }
        }
        if listed && is_true(entry.get("numbered")) {
            numbered_lists.push(key);
        }
    }
    // a section's top-level entries are numbered provisions
    for key in SectionKey::ALL.map(SectionKey::key) {
        if let Some(list) = root.get(key) {
            numbered_only_under_numbers(list, true, &error, &mut out);
        }
    }
    for key in ["guided_by", "must_know", "must_be_able"] {
        if let Some(list) = root.get(key) {
            numbered_only_under_numbers(list, numbered_lists.contains(&key), &error, &mut out);
        }
    }
    let qualifications = match root.get("qualifications").map(|n| &n.kind) {
        Some(NodeKind::Map(kinds)) => kinds.iter().map(|(_, list)| list).collect(),
        _ => Vec::new(),
    };
    for list in qualifications {
        numbered_only_under_numbers(list, false, &error, &mut out);
    }
    for section in root.get("sections").and_then(Node::as_seq).unwrap_or(&[]) {
        if let Some(list) = section.get("items") {
            numbered_only_under_numbers(list, true, &error, &mut out);
        }
    }
    // `essential` on the entries of duties and functions, and nowhere else
    let mut marks = Vec::new();
    essential_marks(root, &mut marks);
    let allowed: Vec<&Node> = FUNCTION_LISTS
        .iter()
        .filter_map(|key| root.get(key).and_then(Node::as_seq))
        .flatten()
        .collect();
    for (entry, k) in marks {
        if !allowed.iter().any(|a| std::ptr::eq(*a, entry)) {
            out.push(error(
                k.span,
                "`essential` marks a duty or function, not this entry".into(),
                "mark an entry of `duties` or `functions` itself; its sub-items share its mark"
                    .into(),
            ));
        }
    }
    out
}

/// Every mapping below `node` with an `essential` key, and the key.
fn essential_marks<'a>(node: &'a Node, out: &mut Vec<(&'a Node, &'a Node)>) {
    if let Some((k, _)) = node.entry("essential") {
        out.push((node, k));
    }
    match &node.kind {
        NodeKind::Seq(items) => items.iter().for_each(|n| essential_marks(n, out)),
        NodeKind::Map(entries) => entries.iter().for_each(|(_, v)| essential_marks(v, out)),
        _ => {}
    }
}

/// The standard entries (`standard: key`) of a list, with the place of each key.
fn placed(list: Option<&Node>) -> Vec<(&str, Span)> {
    list.and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| e.get("standard"))
        .filter_map(|n| n.as_str().map(|k| (k, n.span)))
        .collect()
}

/// An error for each standard entry placed a second time.
fn twice<'a>(
    entries: &'a [(&str, Span)],
    what: &'a str,
    error: impl Fn((String, String), Span) -> Diagnostic + 'a,
) -> impl Iterator<Item = Diagnostic> + 'a {
    entries
        .iter()
        .enumerate()
        .filter_map(move |(i, (key, span))| {
            let (_, first) = entries[..i].iter().find(|(k, _)| k == key)?;
            Some(error(
                (
                    format!(
                        "the {what} `{key}` is placed twice (first at line {})",
                        first.line
                    ),
                    "place it once".into(),
                ),
                *span,
            ))
        })
}

fn is_true(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.kind), Some(NodeKind::Bool(true)))
}

/// `numbered: true` only where the entries of `list` are numbered (`here`): a dash item has no
/// number to number its sub-items under.
fn numbered_only_under_numbers(
    list: &Node,
    here: bool,
    error: &impl Fn(Span, String, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for item in list.as_seq().unwrap_or(&[]) {
        let numbered = is_true(item.get("numbered"));
        if numbered
            && !here
            && let Some((k, _)) = item.entry("numbered")
        {
            out.push(error(
                k.span,
                "`numbered` under a dash item: it has no number to number its sub-items under"
                    .into(),
                "remove `numbered`, or number the item above it too".into(),
            ));
        }
        if let Some(sub) = item.get("items") {
            numbered_only_under_numbers(sub, here && numbered, error, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn messages(yaml: &str) -> Vec<String> {
        let root = parse(yaml).unwrap();
        check(Path::new("r.yaml"), yaml, &root)
            .into_iter()
            .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
            .collect()
    }

    #[test]
    fn a_role_without_an_order_of_its_own_is_not_checked_for_placement() {
        assert!(
            messages("category: a\nduties: [x]\nsections: [{title: T, items: [y]}]\n").is_empty()
        );
    }

    #[test]
    fn sections_that_place_one_standard_section_must_place_every_given_one() {
        let m = messages(
            "category: a\nduties: [x]\nrights: [y]\nsections:\n  - standard: duties\n  - standard: general\n  - standard: functions\n  - standard: duties\n",
        );
        assert_eq!(
            m,
            [
                "8:15 the section `duties` is placed twice (first at line 5)",
                "7:15 `sections` places the section `functions`, but the role has no `functions`",
                "3:1 `rights` is given, but `sections` does not place its section",
            ]
        );
    }

    #[test]
    fn general_data_needs_a_placed_general_section() {
        let m = messages("reports_to: a\nduties: [x]\nsections: [{standard: duties}]\n");
        assert_eq!(
            m,
            ["1:1 `reports_to` is given, but `sections` does not place its section"]
        );
    }

    #[test]
    fn general_that_places_a_standard_provision_is_the_whole_section() {
        let m = messages(
            "category: a\nreports_to: b\ngeneral:\n  - standard: purpose\n  - standard: reports_to\n  - standard: qualification\n  - standard: category\n    lead: x\n",
        );
        assert_eq!(
            m,
            [
                "6:15 the standard provision `qualification` prints `qualification`, which the role does not give",
                "8:5 `lead` is for `guided_by`, `must_know` and `must_be_able`, not `category`",
            ]
        );
        let m = messages("category: a\ngeneral: [{standard: purpose}]\n");
        assert_eq!(
            m,
            ["1:1 `category` is given, but `general` does not place its provision"]
        );
    }

    #[test]
    fn numbered_only_below_a_number() {
        let m = messages(
            "duties:\n  - text: a\n    numbered: true\n    items:\n      - text: b\n        items: [c]\n        numbered: true\n  - text: d\n    items:\n      - text: e\n        numbered: true\n        items: [f]\nguided_by:\n  - text: g\n    numbered: true\n    items: [h]\n",
        );
        assert_eq!(
            m,
            [
                "11:9 `numbered` under a dash item: it has no number to number its sub-items under",
                "15:5 `numbered` under a dash item: it has no number to number its sub-items under",
            ]
        );
        let placed = "guided_by:\n  - text: g\n    numbered: true\n    items: [h]\ngeneral:\n  - standard: guided_by\n    numbered: true\n";
        assert!(messages(placed).is_empty());
    }
}
