//! Validation of role and organization files: the JSON Schema derived from the model types,
//! checked against the spanned YAML tree so that every problem of a file is reported at once and
//! at its line and column; then the checks a schema cannot express (fragments, dates, nesting,
//! characters the PDF font lacks, empty or duplicated provisions).

use std::collections::BTreeSet;
use std::path::Path;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Span};
use crate::fonts;
use crate::model::date::Date;
use crate::yaml::{Node, NodeKind};

/// A compiled schema and the schema document it came from (to look up keys and descriptions).
pub struct Schema {
    root: Value,
    validator: Validator,
}

impl Schema {
    /// Compiles a schema produced by [`crate::model::role_schema`] or its siblings.
    pub fn new(root: Value) -> Schema {
        // The schema is generated from our own types; failing to compile it is a bug, not input.
        let validator = jsonschema::validator_for(&root).expect("generated schema compiles");
        Schema { root, validator }
    }

    /// Validates `node` and turns every violation into a diagnostic at its place.
    pub fn check(&self, path: &Path, source: &str, node: &Node) -> Vec<Diagnostic> {
        let instance = node.to_json();
        let mut out = Vec::new();
        for error in self.validator.iter_errors(&instance) {
            self.explain(&error, path, source, node, &mut out);
        }
        out.dedup();
        out
    }

    fn explain(
        &self,
        error: &ValidationError<'_>,
        path: &Path,
        source: &str,
        root: &Node,
        out: &mut Vec<Diagnostic>,
    ) {
        let pointer = error.instance_path().as_str().to_string();
        let node = root.pointer(&pointer).unwrap_or(root);
        let name = field_name(&pointer);
        let at = |span: Span, msg: String| Diagnostic::error(path, Some(source), span, msg);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.keys_at(&pointer);
                for key in unexpected {
                    let span = match node.entry(key) {
                        Some((k, _)) => Span::new(k.span.line, k.span.column, key.chars().count()),
                        None => node.span,
                    };
                    let mut d = at(span, format!("unknown key `{key}`"));
                    d.hint = Some(match nearest(key, &known) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("expected one of: {}", quote_list(&known)),
                    });
                    out.push(d);
                }
            }
            ValidationErrorKind::Required { property } => {
                let property = property.as_str().unwrap_or_default();
                // at the key that holds the mapping; for the whole file, at its first key
                let span = parent_key_span(root, &pointer)
                    .or_else(|| match &node.kind {
                        NodeKind::Map(entries) => entries.first().map(|(k, _)| k.span),
                        _ => None,
                    })
                    .unwrap_or(node.span);
                let where_ = if pointer.is_empty() {
                    String::new()
                } else {
                    format!(" in `{name}`")
                };
                let mut d = at(span, format!("missing `{property}`{where_}"));
                if let Some(desc) = self.description_of(&pointer, property) {
                    d.hint = Some(format!("`{property}`: {desc}"));
                }
                out.push(d);
            }
            ValidationErrorKind::Type { kind } => {
                let expected = type_words(kind);
                out.push(at(
                    node.span,
                    format!("`{name}` must be {expected}, found {}", node.kind_name()),
                ));
            }
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                // Explain with the variant whose shape matches the value: its own errors are the
                // useful ones ("unknown key `txt`"), not "matches none of the variants".
                let fits = context
                    .iter()
                    .filter(|errs| {
                        !errs.iter().any(|e| {
                            e.instance_path().as_str() == pointer
                                && matches!(e.kind(), ValidationErrorKind::Type { .. })
                        })
                    })
                    .min_by_key(|errs| errs.len());
                match fits {
                    Some(errs) if !errs.is_empty() => {
                        for e in errs {
                            self.explain(e, path, source, root, out);
                        }
                    }
                    _ => {
                        let mut wanted: Vec<String> = context
                            .iter()
                            .flatten()
                            .filter_map(|e| match e.kind() {
                                ValidationErrorKind::Type { kind } => Some(type_words(kind)),
                                ValidationErrorKind::Enum { options } => Some(format!(
                                    "one of {}",
                                    options
                                        .as_array()
                                        .map(|a| quote_list(
                                            &a.iter()
                                                .filter_map(|v| v.as_str().map(String::from))
                                                .collect::<Vec<_>>()
                                        ))
                                        .unwrap_or_default()
                                )),
                                _ => None,
                            })
                            .collect();
                        wanted.dedup();
                        out.push(at(
                            node.span,
                            format!(
                                "`{name}` must be {}, found {}",
                                wanted.join(" or "),
                                node.kind_name()
                            ),
                        ));
                    }
                }
            }
            ValidationErrorKind::MinItems { .. } => {
                out.push(
                    at(node.span, format!("`{name}` is empty"))
                        .with_hint("a job description needs at least one provision here"),
                );
            }
            ValidationErrorKind::MinLength { .. } => {
                out.push(at(node.span, format!("`{name}` is empty")));
            }
            ValidationErrorKind::Pattern { .. } => {
                out.push(
                    at(node.span, format!("`{name}` is not a date"))
                        .with_hint("write dates as YYYY-MM-DD, e.g. 2026-06-05"),
                );
            }
            ValidationErrorKind::Minimum { limit } => {
                out.push(at(node.span, format!("`{name}` must be at least {limit}")));
            }
            ValidationErrorKind::Maximum { limit } => {
                out.push(at(node.span, format!("`{name}` must be at most {limit}")));
            }
            ValidationErrorKind::Enum { options } => {
                out.push(at(
                    node.span,
                    format!(
                        "`{name}` must be one of {options}, found {}",
                        node.to_json()
                    ),
                ));
            }
            _ => out.push(at(node.span, format!("`{name}`: {error}"))),
        }
    }

    /// The schemas that can apply at an instance pointer (several when the value is a union).
    fn schemas_at(&self, pointer: &str) -> Vec<&Value> {
        let mut current = vec![&self.root];
        for raw in pointer.split('/').skip(1) {
            let seg = raw.replace("~1", "/").replace("~0", "~");
            let mut next = Vec::new();
            for s in current.iter().flat_map(|s| self.variants(s)) {
                if let Some(p) = s.get("properties").and_then(|p| p.get(&seg)) {
                    next.push(p);
                } else if let Some(items) = s.get("items") {
                    if seg.parse::<usize>().is_ok() {
                        next.push(items);
                    }
                } else if let Some(extra) = s.get("additionalProperties")
                    && extra.is_object()
                {
                    next.push(extra);
                }
            }
            current = next;
        }
        current.into_iter().flat_map(|s| self.variants(s)).collect()
    }

    /// `$ref`s resolved and `anyOf`/`oneOf` flattened.
    fn variants<'a>(&'a self, schema: &'a Value) -> Vec<&'a Value> {
        let mut schema = schema;
        for _ in 0..16 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => match r.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                    Some(s) => schema = s,
                    None => return vec![],
                },
                None => break,
            }
        }
        let union = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array);
        match union {
            Some(vs) => vs.iter().flat_map(|v| self.variants(v)).collect(),
            None => vec![schema],
        }
    }

    fn keys_at(&self, pointer: &str) -> Vec<String> {
        let mut keys: Vec<String> = self
            .schemas_at(pointer)
            .iter()
            .filter_map(|s| s.get("properties").and_then(Value::as_object))
            .flat_map(|p| p.keys().cloned())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    fn description_of(&self, pointer: &str, property: &str) -> Option<String> {
        self.schemas_at(pointer).iter().find_map(|s| {
            let p = s.get("properties")?.get(property)?;
            let p = self.variants(p).into_iter().next().unwrap_or(p);
            s.get("properties")?
                .get(property)?
                .get("description")
                .or_else(|| p.get("description"))
                .and_then(Value::as_str)
                .map(String::from)
        })
    }
}

fn type_words(kind: &TypeKind) -> String {
    let word = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "string" => "a text",
        "array" => "a list",
        "object" => "a mapping",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "null" => "empty",
        _ => "a value",
    };
    match kind {
        TypeKind::Single(t) => word(t).to_string(),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| word(&t))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn field_name(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the file".into();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|s| {
            if s.parse::<usize>().is_ok() {
                format!("[{}]", s.parse::<usize>().unwrap_or(0) + 1)
            } else {
                format!(".{s}")
            }
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

fn quote_list(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest candidate to `word`, when one is close enough to be a likely typo.
pub fn nearest(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// The span of the key under which the value at `pointer` sits (`title:` for `/title`).
fn parent_key_span(root: &Node, pointer: &str) -> Option<Span> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let parent = root.pointer(parent)?;
    let (key, _) = parent.entry(last)?;
    Some(key.span)
}

/// What the semantic checks need to know from outside the file.
pub struct Context<'a> {
    /// Names of the organization's fragments; `None` when the organization file failed to load.
    pub fragments: Option<&'a BTreeSet<String>>,
}

/// The sections of a role file that hold provisions, in document order.
const ITEM_LISTS: [&str; 7] = [
    "general",
    "guided_by",
    "must_know",
    "functions",
    "duties",
    "rights",
    "responsibilities",
];

/// Checks a schema-valid role tree for what the schema cannot say.
pub fn role_semantics(path: &Path, source: &str, root: &Node, cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |span, msg: String| Diagnostic::warning(path, Some(source), span, msg);
    for key in ITEM_LISTS {
        if let Some((k, list)) = root.entry(key) {
            if list.as_seq().is_some_and(<[Node]>::is_empty) && key != "general" {
                out.push(warn(k.span, format!("section `{key}` is empty")));
            }
            items(path, source, list, 1, cx, &mut out);
        }
    }
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
    out.extend(glyphs(path, source, root));
    out
}

/// Checks an organization tree: fragments' items and the characters the PDF font can draw.
pub fn organization_semantics(path: &Path, source: &str, root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cx = Context { fragments: None };
    if let Some(NodeKind::Map(entries)) = root.get("fragments").map(|n| &n.kind) {
        for (_, value) in entries {
            if value.as_seq().is_some() {
                items(path, source, value, 1, &cx, &mut out);
            }
        }
    }
    out.extend(glyphs(path, source, root));
    out
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
    let mut seen: Vec<(String, Span)> = Vec::new();
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
            } else if let Some((_, first)) = seen.iter().find(|(t, _)| *t == folded) {
                out.push(Diagnostic::warning(
                    path,
                    Some(source),
                    span,
                    format!("duplicated provision (also at line {})", first.line),
                ));
            } else {
                seen.push((folded, span));
            }
        }
        if let Some((k, sub)) = item.entry("items") {
            if depth > MAX_SUB_DEPTH {
                out.push(
                    Diagnostic::error(path, Some(source), k.span, "sub-items nested too deep")
                        .with_hint("ГОСТ Р 7.0.97 allows four levels: section, provision and two levels of sub-items"),
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

/// Every character the shipped PDF font cannot draw, at its place.
fn glyphs(path: &Path, source: &str, node: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut visit = |n: &Node| {
        if let NodeKind::Str { value, plain } = &n.kind {
            out.extend(undrawable(path, source, value, |i| {
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
    at: impl Fn(usize) -> Span,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if c == '\n' || fonts::can_draw(c) {
            continue;
        }
        let hint = match c {
            '₽' => "write «руб.» instead of ₽".to_string(),
            _ => "use another character, or spell it out".to_string(),
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
