//! Schema checks: a JSON Schema derived from the model types (schemars), checked against the
//! spanned YAML tree so that every problem of a file is reported at once, each at its line and
//! column, with the schema's own descriptions as hints.

use std::path::Path;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Span, nearest};
use crate::load::yaml::{Node, NodeKind};

/// A compiled schema and the schema document it came from (to look up keys and descriptions).
pub struct Schema {
    root: Value,
    validator: Validator,
}

impl Schema {
    /// Compiles a schema produced by `model::role_schema` or its siblings.
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
                // the keys of the very mapping schema that refused the key: where the value may
                // be one of several mappings, those of the one it was read as
                let object = self.schema_of(error);
                let known = match object {
                    Some(o) => ordered_keys(o),
                    None => self.keys_at(&pointer),
                };
                // the keys of the value that make it that mapping (`standard`)
                let chosen_by: Vec<String> = object
                    .and_then(|o| o.get("required"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter(|k| node.get(k).is_some())
                    .map(|k| format!("`{k}`"))
                    .collect();
                let siblings = self.keys_at(&pointer);
                for key in unexpected {
                    let span = match node.entry(key) {
                        Some((k, _)) => Span::new(k.span.line, k.span.column, key.chars().count()),
                        None => node.span,
                    };
                    // a key of another kind of entry, beside the key that chose this kind
                    let mixed = !chosen_by.is_empty() && siblings.contains(key);
                    let message = match mixed {
                        true => format!(
                            "`{key}` is not a key of an entry with {}",
                            chosen_by.join(" and ")
                        ),
                        false => format!("unknown key `{key}`"),
                    };
                    let mut d = at(span, message);
                    // a typo of a key of this kind of entry; while no key of the value chose
                    // the kind, of any kind that may stand here
                    let pool: Vec<String> = match chosen_by.is_empty() {
                        true => siblings.iter().filter(|k| *k != key).cloned().collect(),
                        false => known.clone(),
                    };
                    d.hint = Some(match nearest(key, &pool) {
                        // keys are single words: a key with spaces is a text holding `: `,
                        // which YAML reads as a mapping (the commonest slip in prose)
                        _ if key.contains(char::is_whitespace) => {
                            format!("a text containing `: ` must be quoted: \"{key}: …\"")
                        }
                        _ if mixed => format!(
                            "an entry with {} takes only {}",
                            chosen_by.join(" and "),
                            quote_list(&known)
                        ),
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
                // the description in the mapping schema that wants the key, else any
                let own = self
                    .schema_of(error)
                    .and_then(|o| o.pointer(&format!("/properties/{property}/description")))
                    .and_then(Value::as_str)
                    .map(String::from);
                if let Some(desc) = own.or_else(|| self.description_of(&pointer, property)) {
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
            ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. }
                if prose_with_colon(node).is_some() =>
            {
                // `- Организует доставку: курьером` is a text with `: `, not a mapping: say
                // that alone, not what each variant of an item would have needed
                let key = prose_with_colon(node).unwrap_or(node);
                let text = key.key_text();
                let mut d = at(
                    Span::new(key.span.line, key.span.column, text.chars().count()),
                    format!("unknown key `{text}`"),
                );
                d.hint = Some(format!(
                    "a text containing `: ` must be quoted: \"{text}: …\""
                ));
                out.push(d);
            }
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context }
                if !constants(context).is_empty() =>
            {
                // a value of an enumeration: every value it may take, not the first one
                let options = constants(context);
                let found = node
                    .as_str()
                    .map_or_else(|| node.to_json().to_string(), |s| format!("`{s}`"));
                let mut d = at(
                    node.span,
                    format!(
                        "`{name}` must be one of {}, found {found}",
                        quote_list(&options)
                    ),
                );
                if let Some(best) = node.as_str().and_then(|s| nearest(s, &options)) {
                    d.hint = Some(format!("did you mean `{best}`?"));
                }
                out.push(d);
            }
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                // Explain with the variant whose shape matches the value: its own errors are the
                // useful ones ("unknown key `txt`"), not "matches none of the variants". The
                // variant whose required keys the value has is the one meant (an entry with
                // `standard:` is a standard one); failing that, one of the value's type.
                let fits = context
                    .iter()
                    .filter(|errs| fits(errs, &pointer))
                    .min_by_key(|errs| weight(errs))
                    .or_else(|| {
                        context
                            .iter()
                            .filter(|errs| {
                                !errs.iter().any(|e| {
                                    e.instance_path().as_str() == pointer
                                        && matches!(e.kind(), ValidationErrorKind::Type { .. })
                                })
                            })
                            .min_by_key(|errs| weight(errs))
                    });
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
                        .with_hint("give at least one entry, or leave the key out"),
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

    /// The schema whose keyword `error` breaks (`additionalProperties`, `required`): the one
    /// mapping schema, where the value may be one of several.
    fn schema_of(&self, error: &ValidationError<'_>) -> Option<&Value> {
        let (parent, _) = error.schema_path().as_str().rsplit_once('/')?;
        self.root.pointer(parent)
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

/// Whether the errors of one variant of a union leave the value at `pointer` its shape: its
/// type and its required keys right, and of a union within, one variant's.
fn fits(errors: &[ValidationError<'_>], pointer: &str) -> bool {
    errors.iter().all(|e| {
        e.instance_path().as_str() != pointer
            || match e.kind() {
                ValidationErrorKind::Type { .. } | ValidationErrorKind::Required { .. } => false,
                ValidationErrorKind::AnyOf { context }
                | ValidationErrorKind::OneOfNotValid { context } => {
                    context.iter().any(|errs| fits(errs, pointer))
                }
                _ => true,
            }
    })
}

/// How far a value is from one variant of a union: its errors, each key it should not have
/// counted as one.
fn weight(errors: &[ValidationError<'_>]) -> usize {
    errors
        .iter()
        .map(|e| match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => unexpected.len(),
            _ => 1,
        })
        .sum()
}

/// The values of an enumeration written as a union of constants (`oneOf: [{const: general}, …]`,
/// as schemars derives a documented enum), when each variant of `context` is refused for its
/// constant alone; else nothing.
fn constants(context: &[Vec<ValidationError<'_>>]) -> Vec<String> {
    let each: Option<Vec<String>> = context
        .iter()
        .map(|errs| match errs.as_slice() {
            [e] => match e.kind() {
                ValidationErrorKind::Constant { expected_value } => {
                    expected_value.as_str().map(String::from)
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    each.unwrap_or_default()
}

/// The keys of a mapping schema: the required ones first, then the others, in schema order.
fn ordered_keys(object: &Value) -> Vec<String> {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut keys: Vec<String> = required.iter().map(|k| k.to_string()).collect();
    let properties = object.get("properties").and_then(Value::as_object);
    keys.extend(
        properties
            .into_iter()
            .flat_map(|p| p.keys())
            .filter(|k| !required.contains(&k.as_str()))
            .cloned(),
    );
    keys
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

/// The key of a one-entry mapping whose key has spaces: prose with `: ` in it that YAML read as
/// a key and a value.
fn prose_with_colon(node: &Node) -> Option<&Node> {
    match &node.kind {
        NodeKind::Map(entries) if entries.len() == 1 => entries
            .first()
            .map(|(k, _)| k)
            .filter(|k| k.key_text().contains(char::is_whitespace)),
        _ => None,
    }
}

/// `keys` as a list for a message: `` `a`, `b`, `c` ``.
pub fn quote_list(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The span of the key under which the value at `pointer` sits (`title:` for `/title`).
fn parent_key_span(root: &Node, pointer: &str) -> Option<Span> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let parent = root.pointer(parent)?;
    let (key, _) = parent.entry(last)?;
    Some(key.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    /// `line:column message (hint)` of each problem the role schema finds in `src`.
    fn problems(src: &str) -> Vec<String> {
        let schema = Schema::new(crate::model::role_schema());
        let src = format!(
            "title: {{nominative: a, genitive: a, dative: a, instrumental: a}}\ndepartment: a\nedition: {{revision: 1}}\n{src}"
        );
        schema
            .check(Path::new("r.yaml"), &src, &parse(&src).unwrap())
            .into_iter()
            .map(|d| {
                let hint = d.hint.unwrap_or_default();
                format!("{}:{} {} ({hint})", d.span.line, d.span.column, d.message)
            })
            .collect()
    }

    #[test]
    fn an_entry_with_standard_is_told_its_own_keys() {
        assert_eq!(
            problems("sections:\n  - standard: duties\n    items: [y]\n"),
            [
                "6:5 `items` is not a key of an entry with `standard` (an entry with `standard` takes only `standard`, `lead`, `title`)"
            ]
        );
        assert_eq!(
            problems("general:\n  - standard: purpose\n    text: hi\n"),
            [
                "6:5 `text` is not a key of an entry with `standard` (an entry with `standard` takes only `standard`, `lead`, `numbered`, `origin`)"
            ]
        );
        // a typo among its own keys
        assert_eq!(
            problems("sections:\n  - standard: duties\n    leed: x\n"),
            ["6:5 unknown key `leed` (did you mean `lead`?)"]
        );
    }

    #[test]
    fn a_value_of_an_enumeration_is_told_every_value() {
        assert_eq!(
            problems("sections:\n  - standard: bogus\n"),
            [
                "5:15 `sections[1].standard` must be one of `general`, `requirements`, `functions`, `duties`, `rights`, `responsibilities`, `working_conditions`, `physical_requirements`, found `bogus` ()"
            ]
        );
        assert_eq!(
            problems("general:\n  - standard: reports-to\n"),
            [
                "5:15 `general[1].standard` must be one of `summary`, `purpose`, `category`, `appointment`, `reports_to`, `qualification`, `guided_by`, `must_know`, found `reports-to` (did you mean `reports_to`?)"
            ]
        );
    }

    #[test]
    fn a_mapping_matching_no_kind_is_read_as_the_nearest() {
        // `title` and `items` make a section of the role's own, whatever the typo
        assert_eq!(
            problems("sections:\n  - titel: T\n    items: [y]\n"),
            [
                "5:5 missing `title` in `sections[1]` (`title`: The heading, without a number: «Взаимоотношения».)",
                "5:5 unknown key `titel` (did you mean `title`?)",
            ]
        );
        // no key chose a kind: a typo of any kind's key
        let found = problems("duties:\n  - txt: x\n");
        assert!(
            found.contains(&"5:5 unknown key `txt` (did you mean `text`?)".to_string()),
            "{found:?}"
        );
    }
}
