//! The checks of role and organization files that a schema cannot express: fragments, dates,
//! nesting, characters the PDF font lacks, empty provisions (repeated ones: `super::duplicates`).

use std::collections::BTreeSet;
use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Span, nearest};
use crate::fonts;
use crate::load::schema::quote_list;
use crate::load::yaml::{Node, NodeKind};
use crate::locale::Locale;

/// What the semantic checks need to know from outside the file.
pub struct Context<'a> {
    /// Names of the organization's fragments; `None` when the organization file failed to load.
    pub fragments: Option<&'a BTreeSet<String>>,
    /// The documents' language (what to write instead of a character the font lacks).
    pub locale: &'a Locale,
}

/// The sections of a role file that hold provisions, in document order.
const ITEM_LISTS: [&str; 10] = [
    "general",
    "guided_by",
    "must_know",
    "requirements",
    "functions",
    "duties",
    "rights",
    "responsibilities",
    "working_conditions",
    "physical_requirements",
];

/// Checks a schema-valid role tree for what the schema cannot say.
pub fn role_semantics(path: &Path, source: &str, root: &Node, cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // the role's own language, else the organization's
    let locale = root
        .get("language")
        .and_then(Node::as_str)
        .and_then(crate::locale::by_code)
        .unwrap_or(cx.locale);
    let cx = &Context {
        fragments: cx.fragments,
        locale,
    };
    let warn = |span, msg: String| Diagnostic::warning(path, Some(source), span, msg);
    let lists = ITEM_LISTS
        .iter()
        .filter_map(|key| root.entry(key).map(|(k, list)| (k, list, key.to_string())))
        .chain(
            entries(root.get("qualifications"))
                .iter()
                .map(|(k, list)| (k, list, format!("qualifications.{}", k.key_text()))),
        );
    for (k, list, key) in lists {
        if list.as_seq().is_some_and(<[Node]>::is_empty) && key != "general" {
            out.push(warn(k.span, format!("section `{key}` is empty")));
        }
        items(path, source, list, 1, cx, &mut out);
    }
    out.extend(language_fields(path, source, root, locale));
    if let Some(sections) = root.get("sections").and_then(Node::as_seq) {
        for s in sections {
            if let Some((k, list)) = s.entry("items") {
                if list.as_seq().is_some_and(<[Node]>::is_empty) {
                    out.push(warn(k.span, "section is empty".into()));
                }
                items(path, source, list, 1, cx, &mut out);
            }
        }
    }
    for date in ["/edition/date", "/edition/approval/order/date"] {
        if let Some(n) = root.pointer(date)
            && let Some(text) = n.as_str()
            && Date::parse_iso(text).is_none()
        {
            out.push(Diagnostic::error(
                path,
                Some(source),
                n.span,
                format!("`{text}` is not a calendar date"),
            ));
        }
    }
    out.extend(super::structure::check(path, source, root));
    out.extend(glyphs(path, source, root, cx.locale));
    out
}

/// Errors for what the role gives that its language does not print: a title without its case
/// forms in a language that declines it, a field only another language's templates print.
fn language_fields(path: &Path, source: &str, root: &Node, locale: &Locale) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let error = |span: Span, message: String, hint: String| {
        Diagnostic::error(path, Some(source), span, message).with_hint(hint)
    };
    if let Some(title) = root.get("title").filter(|t| t.as_str().is_some())
        && locale.case_forms
    {
        out.push(error(
            title.span,
            format!("the title must give its case forms: documents in `{}` decline it", locale.code()),
            "title: { nominative: …, genitive: …, dative: …, instrumental: … }; or write the role in a language whose titles do not decline (`language: en`)".into(),
        ));
    }
    let mut foreign: Vec<&str> = crate::locale::ALL
        .iter()
        .flat_map(|l| l.own_fields.iter().copied())
        .filter(|f| !locale.own_fields.contains(f))
        .collect();
    foreign.sort_unstable();
    foreign.dedup();
    for field in foreign {
        let languages: Vec<String> = crate::locale::ALL
            .iter()
            .filter(|l| l.own_fields.contains(&field))
            .map(|l| l.code().to_string())
            .collect();
        // at the top level (`summary`) or in a provision (`essential`)
        let mut keys = Vec::new();
        walk(root, &mut |n| {
            keys.extend(n.entry(field).map(|(k, _)| k.span))
        });
        for span in keys {
            out.push(error(
                span,
                format!(
                    "`{field}` is printed only in documents in {}, not in `{}`",
                    quote_list(&languages),
                    locale.code()
                ),
                format!(
                    "remove it, or write the role in that language: `language: {}`",
                    languages[0]
                ),
            ));
        }
    }
    out
}

/// Checks an organization tree: fragments' items and the characters the PDF font can draw.
pub fn organization_semantics(
    path: &Path,
    source: &str,
    root: &Node,
    locale: &Locale,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // a fragment may splice in another: each name it uses must exist
    let fragment_names: BTreeSet<String> = entries(root.get("fragments"))
        .iter()
        .map(|(k, _)| k.key_text())
        .collect();
    let cx = Context {
        fragments: Some(&fragment_names),
        locale,
    };
    let error = |span: Span, message: String, hint: String| {
        Diagnostic::error(path, Some(source), span, message).with_hint(hint)
    };
    // the organization's own language, and each translation's
    let own = root
        .get("language")
        .and_then(Node::as_str)
        .and_then(crate::locale::by_code)
        .unwrap_or(locale);
    let mut names = vec![(root, own)];
    let translations = entries(root.get("translations"));
    for (k, translation) in translations {
        let code = k.key_text();
        match crate::locale::named(&code) {
            Err(message) => out.push(Diagnostic::error(path, Some(source), k.span, message)),
            Ok(l) if std::ptr::eq(l, own) => out.push(error(
                k.span,
                format!("`{code}` is the organization's own language"),
                "give its words at the top of the file: a translation is for roles in another language".into(),
            )),
            Ok(l) => names.push((translation, l)),
        }
        for (name, _) in entries(translation.get("fragments")) {
            if root
                .pointer(&format!("/fragments/{}", name.key_text()))
                .is_none()
            {
                out.push(error(
                    name.span,
                    format!(
                        "the organization has no fragment `{}` to translate",
                        name.key_text()
                    ),
                    "name a fragment of the organization's own `fragments`".into(),
                ));
            }
        }
    }
    // a language that declines titles names the approver's position in the genitive too
    for (node, language) in names {
        if let Some((k, approver)) = node.entry("approver")
            && language.case_forms
            && approver.get("position_genitive").is_none()
        {
            out.push(error(
                k.span,
                "missing `position_genitive` in `approver`".into(),
                format!("documents in `{}` name the approver's position in the genitive when an order approves a job description", language.code()),
            ));
        }
    }
    for (_, value) in entries(root.get("fragments")).iter().chain(
        translations
            .iter()
            .flat_map(|(_, t)| entries(t.get("fragments"))),
    ) {
        if value.as_seq().is_some() {
            items(path, source, value, 1, &cx, &mut out);
        }
    }
    out.extend(fragment_cycles(
        path,
        source,
        entries(root.get("fragments")),
    ));
    out.extend(glyphs(path, source, root, locale));
    out
}

/// An error for each fragment that splices itself in, directly or through others: composing it
/// would never end.
fn fragment_cycles(path: &Path, source: &str, entries: &[(Node, Node)]) -> Vec<Diagnostic> {
    // the fragments each one references, with the place of each reference
    let uses = |value: &Node| {
        let mut found = Vec::new();
        walk(value, &mut |n: &Node| {
            if let Some(r) = n.get("fragment")
                && let Some(name) = r.as_str()
            {
                found.push((name.to_string(), r.span));
            }
        });
        found
    };
    let graph: Vec<(String, Vec<(String, Span)>)> = entries
        .iter()
        .map(|(k, v)| (k.key_text(), uses(v)))
        .collect();
    let refs = |name: &str| {
        graph
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[][..], |(_, r)| r.as_slice())
    };
    let mut out = Vec::new();
    for (name, direct) in &graph {
        // every fragment reachable from `name`; a path back to it is a cycle
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<&str> = direct.iter().map(|(n, _)| n.as_str()).collect();
        while let Some(next) = stack.pop() {
            if seen.insert(next) {
                stack.extend(refs(next).iter().map(|(n, _)| n.as_str()));
            }
        }
        if seen.contains(name.as_str()) {
            let span = direct.first().map_or(Span::new(1, 1, 1), |(_, s)| *s);
            out.push(
                Diagnostic::error(
                    path,
                    Some(source),
                    span,
                    format!(
                        "fragment `{name}` splices itself in, directly or through other fragments"
                    ),
                )
                .with_hint("a fragment may use others, but never come back to itself"),
            );
        }
    }
    out
}

/// The keys and values of a mapping; none for anything else.
fn entries(node: Option<&Node>) -> &[(Node, Node)] {
    match node.map(|n| &n.kind) {
        Some(NodeKind::Map(entries)) => entries,
        _ => &[],
    }
}

/// Dash-list depth allowed below a provision: section `3.`, provision `3.3.`, then two levels of
/// sub-items make the four levels ГОСТ Р 7.0.97 allows.
const MAX_SUB_DEPTH: usize = 2;

fn items(
    path: &Path,
    source: &str,
    list: &Node,
    depth: usize,
    cx: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let Some(list) = list.as_seq() else { return };
    for item in list {
        let text = match &item.kind {
            NodeKind::Str { value, .. } => Some((value.as_str(), item.span)),
            NodeKind::Map(_) => item
                .get("text")
                .and_then(|t| t.as_str().map(|s| (s, t.span))),
            _ => None,
        };
        if let Some((text, span)) = text {
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if folded.is_empty() {
                out.push(Diagnostic::error(
                    path,
                    Some(source),
                    span,
                    "empty provision",
                ));
            } else if let Some(d) = suspicious(path, source, &folded, span, cx.locale) {
                out.push(d);
            }
        }
        if let Some((k, sub)) = item.entry("items") {
            if depth > MAX_SUB_DEPTH {
                out.push(
                    Diagnostic::error(path, Some(source), k.span, "sub-items nested too deep")
                        .with_hint("GOST R 7.0.97 allows four levels: section, provision and two levels of sub-items"),
                );
            } else {
                items(path, source, sub, depth + 1, cx, out);
            }
        }
        if let (Some(n), Some(known)) = (item.get("fragment"), cx.fragments)
            && let Some(name) = n.as_str()
            && !known.contains(name)
        {
            let names: Vec<String> = known.iter().cloned().collect();
            let mut d = Diagnostic::error(
                path,
                Some(source),
                n.span,
                format!("unknown fragment `{name}`"),
            );
            d.hint = Some(match nearest(name, &names) {
                Some(best) => format!("did you mean `{best}`?"),
                None if names.is_empty() => "_organization.yaml defines no fragments".into(),
                None => format!("_organization.yaml defines {}", quote_list(&names)),
            });
            out.push(d);
        }
    }
}

/// A warning for a provision that a template would print wrong without an error: one that starts
/// with a number of its own (pasted with its old number, it would print «1.8. 1.3. …»), or a
/// placeholder the scaffold of `jobdoc new` left («Опишите обязанность»).
fn suspicious(
    path: &Path,
    source: &str,
    text: &str,
    span: Span,
    locale: &Locale,
) -> Option<Diagnostic> {
    let digits = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count();
    let numbered = digits > 1
        && text[..digits].ends_with('.')
        && text[..digits].contains(|c: char| c.is_ascii_digit())
        && text[digits..].starts_with(' ');
    if numbered {
        return Some(
            Diagnostic::warning(
                path,
                Some(source),
                span,
                format!("the provision starts with a number, `{}`", &text[..digits]),
            )
            .with_hint("provisions are numbered by the template: remove the number, or the document shows two"),
        );
    }
    locale
        .placeholders
        .iter()
        .any(|p| text.starts_with(p))
        .then(|| {
            Diagnostic::warning(path, Some(source), span, "a placeholder of the scaffold")
                .with_hint("write the role's own provision here, or remove the line")
        })
}

/// Every character the shipped PDF font cannot draw, at its place.
fn glyphs(path: &Path, source: &str, node: &Node, locale: &Locale) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut visit = |n: &Node| {
        if let NodeKind::Str { value, plain } = &n.kind {
            out.extend(undrawable(path, source, value, locale, |i| {
                if *plain {
                    Span::new(n.span.line, n.span.column + i, 1)
                } else {
                    n.span
                }
            }));
        }
    };
    walk(node, &mut visit);
    out
}

/// An error for each character of `text` the PDF font cannot draw; `at(i)` is the place of the
/// `i`-th character. Shared by role files and the roster, whose names reach the same pages.
pub fn undrawable(
    path: &Path,
    source: &str,
    text: &str,
    locale: &Locale,
    at: impl Fn(usize) -> Span,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if c == '\n' || fonts::can_draw(c) {
            continue;
        }
        let hint = match locale.substitutes.iter().find(|(s, _)| *s == c) {
            Some((_, instead)) => format!("write «{instead}» instead of {c}"),
            None => "use another character, or spell it out".to_string(),
        };
        out.push(Diagnostic::error(path, Some(source), at(i), fonts::no_glyph(c)).with_hint(hint));
    }
    out
}

fn walk(node: &Node, f: &mut impl FnMut(&Node)) {
    f(node);
    match &node.kind {
        NodeKind::Seq(items) => items.iter().for_each(|n| walk(n, f)),
        NodeKind::Map(entries) => entries.iter().for_each(|(_, v)| walk(v, f)),
        _ => {}
    }
}
