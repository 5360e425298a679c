//! Schema checks: a JSON Schema derived from the model types (schemars), checked against the
//! spanned YAML tree so that every problem of a file is reported at once, each at its line and
//! column, with the schema's own descriptions as hints.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Span, nearest};
use crate::load::yaml::{Node, NodeKind};

/// A schema: the lean form the plain walk reads, the whole document (to look up keys and
/// descriptions) and its validator, the last two made when a file first fails the walk.
pub struct Schema {
    walk: Walk,
    /// The document as committed text, read into `root` only when needed.
    text: Option<&'static str>,
    root: OnceLock<Value>,
    validator: OnceLock<Validator>,
}

/// How deep [`Schema::admits`] follows the schema into one value before leaving the question to
/// the validator (a `$ref` cycle that does not descend into the value would not end).
const MAX_DEPTH: usize = 128;

impl Schema {
    /// A schema produced by `model::role_schema` or its siblings.
    pub fn new(root: Value) -> Schema {
        Schema {
            walk: Walk::deserialize(&root).unwrap_or(Walk::Unknown),
            text: None,
            root: OnceLock::from(root),
            validator: OnceLock::new(),
        }
    }

    /// A schema committed as JSON text (`model::ROLE_SCHEMA`): only the keywords the walk reads
    /// are taken from it, the whole document is read when a file fails the walk (reading it all
    /// costs more than checking a role).
    pub fn from_text(text: &'static str) -> Schema {
        Schema {
            walk: serde_json::from_str(text).unwrap_or(Walk::Unknown),
            text: Some(text),
            root: OnceLock::new(),
            validator: OnceLock::new(),
        }
    }

    /// The whole schema document.
    fn root(&self) -> &Value {
        self.root.get_or_init(|| {
            self.text
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default()
        })
    }

    /// Validates `node` and turns every violation into a diagnostic at its place.
    pub fn check(&self, path: &Path, source: &str, node: &Node) -> Vec<Diagnostic> {
        let instance = node.to_json();
        // compiling the validator costs more than loading a role; it is needed only to explain
        // a file the plain walk does not pass
        if self.admits(&self.walk, &instance, 0) == Some(true) {
            return Vec::new();
        }
        // the schema is generated from our own types; failing to compile it is a bug, not input
        let validator = self.validator.get_or_init(|| {
            jsonschema::validator_for(self.root()).expect("generated schema compiles")
        });
        let mut out = Vec::new();
        for error in validator.iter_errors(&instance) {
            self.explain(&error, path, source, node, &mut out);
        }
        out.dedup();
        out
    }

    /// Whether `value` is valid against `schema` (a part of this schema), by the keywords the
    /// generated schemas use: `Some` when the walk can tell for certain, `None` when only the
    /// validator can (a keyword or pattern it does not know, a number whose type is in doubt).
    fn admits(&self, schema: &Walk, value: &Value, depth: usize) -> Option<bool> {
        let k = match schema {
            Walk::Bool(b) => return Some(*b),
            Walk::Object(k) if depth < MAX_DEPTH => k,
            _ => return None,
        };
        let depth = depth + 1;
        let object = value.as_object();
        let verdicts = [
            k.unknown.then_some(None),
            k.reference.as_ref().map(|r| {
                // the generated schemas refer only to their own `$defs`; any other pointer is
                // left to the validator
                r.strip_prefix("#/$defs/")
                    .filter(|name| !name.contains(['/', '~']))
                    .and_then(|name| self.defs().get(name))
                    .and_then(|target| self.admits(target, value, depth))
            }),
            k.types.as_ref().map(|ts| match ts {
                Types::One(t) => has_type(t, value),
                Types::Many(ts) => any(ts.iter().map(|t| has_type(t, value))),
            }),
            k.properties.as_ref().map(|props| match object {
                Some(object) => all(props.iter().map(|(k, sub)| {
                    object
                        .get(k)
                        .map_or(Some(true), |v| self.admits(sub, v, depth))
                })),
                None => Some(true),
            }),
            k.required.as_ref().map(|keys| match object {
                Some(object) => Some(keys.iter().all(|k| object.contains_key(k))),
                None => Some(true),
            }),
            k.additional.as_ref().map(|extra| match object {
                _ if k.pattern_properties => None,
                Some(object) => all(object
                    .iter()
                    .filter(|(key, _)| !k.properties.as_ref().is_some_and(|p| p.contains_key(*key)))
                    .map(|(_, v)| self.admits(extra, v, depth))),
                None => Some(true),
            }),
            k.items.as_ref().map(|each| match value.as_array() {
                _ if k.prefix_items => None,
                Some(items) => all(items.iter().map(|v| self.admits(each, v, depth))),
                None => Some(true),
            }),
            k.all_of
                .as_ref()
                .map(|vs| all(vs.iter().map(|s| self.admits(s, value, depth)))),
            k.any_of
                .as_ref()
                .map(|vs| any(vs.iter().map(|s| self.admits(s, value, depth)))),
            k.one_of.as_ref().map(|vs| {
                let each: Option<Vec<bool>> =
                    vs.iter().map(|s| self.admits(s, value, depth)).collect();
                each.map(|each| each.iter().filter(|ok| **ok).count() == 1)
            }),
            k.constant.as_ref().map(|c| same(c, value)),
            k.enumeration
                .as_ref()
                .map(|vs| any(vs.iter().map(|v| same(v, value)))),
            k.min_items
                .map(|n| value.as_array().is_none_or(|a| a.len() as u64 >= n).into()),
            k.max_items
                .map(|n| value.as_array().is_none_or(|a| a.len() as u64 <= n).into()),
            k.min_length
                .map(|n| Some(value.as_str().is_none_or(|s| s.chars().count() as u64 >= n))),
            k.max_length
                .map(|n| Some(value.as_str().is_none_or(|s| s.chars().count() as u64 <= n))),
            k.minimum.as_ref().map(|b| match value {
                Value::Number(n) => at_bound("minimum", n, b),
                _ => Some(true),
            }),
            k.maximum.as_ref().map(|b| match value {
                Value::Number(n) => at_bound("maximum", n, b),
                _ => Some(true),
            }),
            k.pattern.as_ref().map(|p| match value.as_str() {
                Some(s) => matches_pattern(p, s),
                None => Some(true),
            }),
        ];
        let mut verdict = Some(true);
        for ok in verdicts.into_iter().flatten() {
            verdict = match (verdict, ok) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (None, _) | (_, None) => None,
                _ => Some(true),
            };
        }
        verdict
    }

    /// The `$defs` of the schema's root.
    fn defs(&self) -> &BTreeMap<String, Walk> {
        static NONE: BTreeMap<String, Walk> = BTreeMap::new();
        match &self.walk {
            Walk::Object(k) => &k.defs,
            _ => &NONE,
        }
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
        self.root().pointer(parent)
    }

    /// The schemas that can apply at an instance pointer (several when the value is a union).
    fn schemas_at(&self, pointer: &str) -> Vec<&Value> {
        let mut current = vec![self.root()];
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
                Some(r) => match r.strip_prefix('#').and_then(|p| self.root().pointer(p)) {
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

/// A part of a schema as the plain walk reads it.
enum Walk {
    /// `true` admits every value, `false` none.
    Bool(bool),
    /// A schema object: the keywords the walk knows.
    Object(Box<Keywords>),
    /// Anything else (or a schema the lean form cannot read): only the validator can tell.
    Unknown,
}

/// The keywords of one schema object that [`Schema::admits`] reads, each when present;
/// annotations (`description`, `format`, …) are skipped unread.
#[derive(Default)]
struct Keywords {
    /// A keyword the walk does not know: its verdict is unknown.
    unknown: bool,
    /// `patternProperties`, which leaves `additionalProperties` to the validator.
    pattern_properties: bool,
    /// `prefixItems`, which leaves `items` to the validator.
    prefix_items: bool,
    reference: Option<String>,
    types: Option<Types>,
    properties: Option<BTreeMap<String, Walk>>,
    required: Option<Vec<String>>,
    additional: Option<Walk>,
    items: Option<Walk>,
    all_of: Option<Vec<Walk>>,
    any_of: Option<Vec<Walk>>,
    one_of: Option<Vec<Walk>>,
    constant: Option<Value>,
    enumeration: Option<Vec<Value>>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    minimum: Option<Value>,
    maximum: Option<Value>,
    pattern: Option<String>,
    /// `$defs`, of the root the targets of `$ref`.
    defs: BTreeMap<String, Walk>,
}

/// The argument of `type`: one type or several.
enum Types {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Types, D::Error> {
        // read directly: an untagged enum would buffer every `type` before trying its variants
        deserializer.deserialize_any(TypesVisitor)
    }
}

struct TypesVisitor;

impl<'de> Visitor<'de> for TypesVisitor {
    type Value = Types;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a type or a list of types")
    }

    fn visit_str<E>(self, name: &str) -> Result<Types, E> {
        Ok(Types::One(name.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Types, A::Error> {
        let mut names = Vec::new();
        while let Some(name) = seq.next_element()? {
            names.push(name);
        }
        Ok(Types::Many(names))
    }
}

impl<'de> Deserialize<'de> for Walk {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Walk, D::Error> {
        deserializer.deserialize_any(WalkVisitor)
    }
}

struct WalkVisitor;

impl<'de> Visitor<'de> for WalkVisitor {
    type Value = Walk;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON Schema")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Walk, E> {
        Ok(Walk::Bool(b))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Walk, E> {
        Ok(Walk::Unknown)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Walk, E> {
        Ok(Walk::Unknown)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Walk, E> {
        Ok(Walk::Unknown)
    }

    fn visit_str<E>(self, _: &str) -> Result<Walk, E> {
        Ok(Walk::Unknown)
    }

    fn visit_unit<E>(self) -> Result<Walk, E> {
        Ok(Walk::Unknown)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Walk, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Walk::Unknown)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Walk, A::Error> {
        let mut k = Keywords::default();
        while let Some(key) = map.next_key::<Keyword>()? {
            match key {
                Keyword::Annotation => {
                    map.next_value::<IgnoredAny>()?;
                }
                Keyword::Other(name) => {
                    map.next_value::<IgnoredAny>()?;
                    k.unknown = true;
                    k.pattern_properties |= name == "patternProperties";
                    k.prefix_items |= name == "prefixItems";
                }
                Keyword::Ref => k.reference = Some(map.next_value()?),
                Keyword::Type => k.types = Some(map.next_value()?),
                Keyword::Properties => k.properties = Some(map.next_value()?),
                Keyword::Required => k.required = Some(map.next_value()?),
                Keyword::AdditionalProperties => k.additional = Some(map.next_value()?),
                Keyword::Items => k.items = Some(map.next_value()?),
                Keyword::AllOf => k.all_of = Some(map.next_value()?),
                Keyword::AnyOf => k.any_of = Some(map.next_value()?),
                Keyword::OneOf => k.one_of = Some(map.next_value()?),
                Keyword::Const => k.constant = Some(map.next_value()?),
                Keyword::Enum => k.enumeration = Some(map.next_value()?),
                Keyword::MinItems => k.min_items = Some(map.next_value()?),
                Keyword::MaxItems => k.max_items = Some(map.next_value()?),
                Keyword::MinLength => k.min_length = Some(map.next_value()?),
                Keyword::MaxLength => k.max_length = Some(map.next_value()?),
                Keyword::Minimum => k.minimum = Some(map.next_value()?),
                Keyword::Maximum => k.maximum = Some(map.next_value()?),
                Keyword::Pattern => k.pattern = Some(map.next_value()?),
                Keyword::Defs => k.defs = map.next_value()?,
            }
        }
        Ok(Walk::Object(Box::new(k)))
    }
}

/// A key of a schema object, read without copying it unless the walk does not know it.
enum Keyword {
    /// Keywords that assert nothing (`format` neither: the 2020-12 validator does not assert it).
    Annotation,
    Other(String),
    Ref,
    Type,
    Properties,
    Required,
    AdditionalProperties,
    Items,
    AllOf,
    AnyOf,
    OneOf,
    Const,
    Enum,
    MinItems,
    MaxItems,
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    Pattern,
    Defs,
}

impl<'de> Deserialize<'de> for Keyword {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Keyword, D::Error> {
        deserializer.deserialize_identifier(KeywordVisitor)
    }
}

struct KeywordVisitor;

impl Visitor<'_> for KeywordVisitor {
    type Value = Keyword;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON Schema keyword")
    }

    fn visit_str<E>(self, key: &str) -> Result<Keyword, E> {
        Ok(match key {
            "$schema" | "definitions" | "title" | "description" | "default" | "examples"
            | "deprecated" | "readOnly" | "writeOnly" | "$comment" | "format" => {
                Keyword::Annotation
            }
            "$defs" => Keyword::Defs,
            "$ref" => Keyword::Ref,
            "type" => Keyword::Type,
            "properties" => Keyword::Properties,
            "required" => Keyword::Required,
            "additionalProperties" => Keyword::AdditionalProperties,
            "items" => Keyword::Items,
            "allOf" => Keyword::AllOf,
            "anyOf" => Keyword::AnyOf,
            "oneOf" => Keyword::OneOf,
            "const" => Keyword::Const,
            "enum" => Keyword::Enum,
            "minItems" => Keyword::MinItems,
            "maxItems" => Keyword::MaxItems,
            "minLength" => Keyword::MinLength,
            "maxLength" => Keyword::MaxLength,
            "minimum" => Keyword::Minimum,
            "maximum" => Keyword::Maximum,
            "pattern" => Keyword::Pattern,
            other => Keyword::Other(other.to_string()),
        })
    }
}

/// True when every one is, false when any is not, else unknown.
fn all(verdicts: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut out = Some(true);
    for v in verdicts {
        match v {
            Some(false) => return Some(false),
            None => out = None,
            Some(true) => {}
        }
    }
    out
}

/// True when any one is, false when every one is not, else unknown.
fn any(verdicts: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    all(verdicts.map(|v| v.map(|b| !b))).map(|b| !b)
}

/// Whether `value` is of JSON Schema type `name`; unknown for a whole float said to be an integer.
fn has_type(name: &str, value: &Value) -> Option<bool> {
    Some(match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => match value.as_f64() {
            _ if value.is_i64() || value.is_u64() => true,
            Some(f) if f.fract() == 0.0 => return None,
            _ => false,
        },
        _ => return None,
    })
}

/// Whether `value` equals `expected` (`const`, `enum`); unknown where the validator's equality
/// of numbers may differ from JSON's (`1` and `1.0`).
fn same(expected: &Value, value: &Value) -> Option<bool> {
    match (expected, value) {
        _ if expected == value => Some(true),
        (Value::Null | Value::Bool(_) | Value::String(_), _)
        | (_, Value::Null | Value::Bool(_) | Value::String(_)) => Some(false),
        _ => None,
    }
}

/// Whether number `n` keeps a `minimum` or `maximum`; unknown where a float comparison could be
/// inexact.
fn at_bound(keyword: &str, n: &serde_json::Number, bound: &Value) -> Option<bool> {
    let exact = |n: &serde_json::Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    let bound = bound.as_number()?;
    let order = match (exact(n), exact(bound)) {
        (Some(a), Some(b)) => a.cmp(&b),
        // floats, and whole numbers a float holds exactly
        (a, b)
            if [a, b]
                .iter()
                .all(|x| x.is_none_or(|x| x.unsigned_abs() < 1 << 53)) =>
        {
            n.as_f64()?.partial_cmp(&bound.as_f64()?)?
        }
        _ => return None,
    };
    Some(match keyword {
        "minimum" => order.is_ge(),
        _ => order.is_le(),
    })
}

/// Whether `text` matches `pattern`, for the patterns the schemas use; unknown for any other (and
/// for a date of other than ASCII digits, which the validator's `\d` may take).
fn matches_pattern(pattern: &str, text: &str) -> Option<bool> {
    let shaped = |shape: &str, class: fn(u8) -> bool| {
        text.len() == shape.len()
            && text
                .bytes()
                .zip(shape.bytes())
                .all(|(c, s)| if s == b'#' { class(c) } else { c == s })
    };
    match pattern {
        r"^\d{4}-\d{2}-\d{2}$" if shaped("####-##-##", |c| c.is_ascii_digit()) => Some(true),
        r"^[0-9a-f]{8}$" => Some(shaped(
            "########",
            |c| matches!(c, b'0'..=b'9' | b'a'..=b'f'),
        )),
        _ => None,
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
                "5:15 `general[1].standard` must be one of `summary`, `purpose`, `category`, `appointment`, `reports_to`, `qualification`, `guided_by`, `must_know`, `must_be_able`, found `reports-to` (did you mean `reports_to`?)"
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

    /// Every YAML file of the example and the tests against every schema of the project, and
    /// with one of every three of its lines left out in turn (most of them then invalid)
    /// against its own: where the plain walk gives a verdict, the validator's is the same; the
    /// example's own files pass the walk without the validator.
    #[test]
    fn the_plain_walk_agrees_with_the_validator() {
        let schemas = [
            ("role", crate::model::role_schema()),
            ("organization", crate::model::organization_schema()),
            ("translation", crate::model::translation::schema()),
            ("signatures", crate::model::hr::signatures_schema()),
            ("editions", crate::model::hr::editions_schema()),
            ("tax", crate::model::pay::tax_schema()),
        ]
        .map(|(name, root)| (name, Schema::new(root)));
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = ["roles", "tests/invalid", "tests/fixtures"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap().flatten())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        let (mut told, mut asked) = (0, 0);
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let variants =
                std::iter::once(text.clone()).chain((0..lines.len()).step_by(3).map(|i| {
                    let mut l = lines.clone();
                    l.remove(i);
                    l.join("\n")
                }));
            for (n, variant) in variants.enumerate() {
                let Ok(node) = parse(&variant) else { continue };
                let instance = node.to_json();
                let own = match file.file_name().unwrap().to_str().unwrap() {
                    "_organization.yaml" => "organization",
                    "_editions.yaml" => "editions",
                    "_signatures.yaml" => "signatures",
                    f if f.ends_with(".en.yaml") => "translation",
                    _ => "role",
                };
                // the whole file against every schema, a line left out against its own
                for (name, schema) in schemas.iter().filter(|(s, _)| n == 0 || *s == own) {
                    let validator = schema
                        .validator
                        .get_or_init(|| jsonschema::validator_for(schema.root()).unwrap());
                    let verdict = schema.admits(&schema.walk, &instance, 0);
                    asked += 1;
                    if let Some(ok) = verdict {
                        told += 1;
                        assert_eq!(
                            ok,
                            validator.is_valid(&instance),
                            "{} without line {n}, {name} schema",
                            file.display()
                        );
                    }
                    if n == 0 && file.starts_with(root.join("roles")) && own == *name {
                        assert_eq!(verdict, Some(true), "{}", file.display());
                    }
                }
            }
        }
        // the walk decides nearly every case
        assert!(told * 10 > asked * 9, "{told} of {asked}");
    }
}
