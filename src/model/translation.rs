//! A role's translation into another language: `roles/<id>.<code>.yaml`, beside the role and
//! never inside it, so a translator works without touching the legal text. Each entry is keyed by
//! the JSON pointer of the text it translates (`/duties/3/text`) and carries a short hash of that
//! text as it was when translated (`source`), so a later change of the original is noticed.
//!
//! A translated role is the original with each text replaced by its translation: the same
//! structure, so the same numbers, in the other language's documents. Editions, fingerprints and
//! signatures stay the original's: fixing a translation never makes anyone sign again.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::load::schema::Schema;
use crate::load::yaml::{Node, NodeKind};
use crate::locale::{self, Locale};
use crate::model::{LoadedRole, Organization, Role, SectionKey};

/// A translation file `roles/<id>.<code>.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc translation")]
pub struct Translation {
    /// The translation's own date, `YYYY-MM-DD`: translated documents show it beside the
    /// original's edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
    /// The translations, by the JSON pointer of the original's text: `/title`, `/duties/3`,
    /// `/duties/4/text`, `/duties/4/items/0`. `jobdoc translate` lists every text to translate.
    #[serde(default)]
    pub texts: BTreeMap<String, Entry>,
}

/// One translated text.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The hash of the original's text this translates (see [`hash`]): when the original
    /// changes, the translation is reported as older than it.
    #[schemars(regex(pattern = r"^[0-9a-f]{8}$"))]
    pub source: String,
    /// The translation; empty while not translated. A title in a language that declines it
    /// may be given in its cases (`nominative:`, `genitive:`, …).
    pub text: Text,
}

/// A translated text: one text, or a title in its cases.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// One text.
    One(String),
    /// A title in the cases the language needs.
    Cases(BTreeMap<String, String>),
}

impl Text {
    /// Whether nothing is translated yet.
    pub fn is_empty(&self) -> bool {
        match self {
            Text::One(t) => t.trim().is_empty(),
            Text::Cases(forms) => forms.values().all(|t| t.trim().is_empty()),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            Text::One(t) => serde_json::Value::String(t.clone()),
            Text::Cases(forms) => forms
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect(),
        }
    }
}

/// A translation file, read and checked.
#[derive(Debug, Clone)]
pub struct LoadedTranslation {
    /// The code of the language it is in (`en`): see [`LoadedTranslation::locale`].
    pub language: &'static str,
    /// The file.
    pub path: PathBuf,
    /// Its text, as read (part of the role's inputs hash).
    pub source: String,
    /// Its spanned tree, for places.
    pub node: Node,
    /// The translation.
    pub value: Translation,
    /// The role translated: the original with its texts replaced.
    pub role: Role,
}

/// Reads the translations of `role` that lie beside it (`client-manager.en.yaml`), `root` as
/// in [`crate::load::read_bytes`]; `own` is the role's language. Problems of matching texts and
/// translations are warnings, errors when `strict`.
pub fn load(
    role: &LoadedRole,
    root: Option<&Path>,
    own: &Locale,
    organization: Option<&Organization>,
    strict: bool,
    diags: &mut Diagnostics,
) -> Vec<LoadedTranslation> {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    let schema = SCHEMA.get_or_init(|| Schema::new(self::schema()));
    let mut out = Vec::new();
    for &locale in locale::ALL {
        let path = path_of(&role.path, locale);
        if !path.is_file() {
            continue;
        }
        if std::ptr::eq(locale, own) {
            diags.push(
                Diagnostic::error(
                    &path,
                    None,
                    Span::new(1, 1, 1),
                    format!(
                        "a translation of {} into its own language",
                        role.path.display()
                    ),
                )
                .with_hint("translation files are named `<id>.<code>.yaml` for another language than the role's"),
            );
            continue;
        }
        let Some(loaded) = crate::load::load_yaml::<Translation>(
            &path,
            root,
            schema,
            |source, node| entry_checks(&path, source, node, locale),
            diags,
        ) else {
            continue;
        };
        let mut translation = LoadedTranslation {
            language: locale.code(),
            path,
            source: loaded.source,
            node: loaded.node,
            value: loaded.value,
            role: role.role.clone(),
        };
        let mut found = matched(role, &translation, strict);
        if let Some(org) = organization {
            found
                .diagnostics
                .extend(untranslated_fragments(role, &translation, org, strict));
        }
        match translated(role, &translation, &found, own) {
            Ok(translated) => {
                translation.role = translated;
                diags.extend(found.diagnostics);
                out.push(translation);
            }
            Err(d) => diags.push(*d),
        }
    }
    out
}

impl LoadedTranslation {
    /// The language it is in.
    pub fn locale(&self) -> &'static Locale {
        locale::by_code(self.language).unwrap_or(locale::DEFAULT)
    }
}

/// The JSON Schema of translation files.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Translation)).unwrap_or_default()
}

/// What the schema cannot see of a translation file: a date that is not a calendar date, a
/// text that prints nothing, cases given for anything but the title or not all of them, and a
/// character the PDF font lacks — each at its place.
fn entry_checks(path: &Path, source: &str, node: &Node, locale: &Locale) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let error = |span: Span, message: String| Diagnostic::error(path, Some(source), span, message);
    if let Some(date) = node.get("date")
        && date
            .as_str()
            .is_some_and(|d| crate::date::Date::parse_iso(d).is_none())
    {
        out.push(error(date.span, "not a calendar date".into()));
    }
    if let Some(NodeKind::Map(entries)) = node.get("texts").map(|t| &t.kind) {
        for (key, entry) in entries {
            let Some(text) = entry.get("text") else {
                continue;
            };
            match &text.kind {
                NodeKind::Str { value, .. } if !value.trim().is_empty() && !prints(value) => {
                    out.push(error(
                        text.span,
                        "the translation prints nothing: only the marks a template puts at a provision's end".into(),
                    ));
                }
                NodeKind::Map(_) if key.key_text() != "/title" => out.push(error(
                    text.span,
                    "only the title (`/title`) is translated in cases; give one text".into(),
                )),
                NodeKind::Map(forms) => {
                    let given: Vec<String> = forms.iter().map(|(k, _)| k.key_text()).collect();
                    let missing: Vec<&str> = ["nominative", "genitive", "dative", "instrumental"]
                        .into_iter()
                        .filter(|f| !given.iter().any(|g| g == f))
                        .collect();
                    if !missing.is_empty() {
                        out.push(error(
                            text.span,
                            format!("the title's cases lack {}", missing.join(", ")),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    // the PDF font: at the character's own line and column
    for (i, line) in source.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue; // comments print nothing
        }
        out.extend(crate::model::check::undrawable(
            path,
            source,
            line,
            locale,
            |column| Span::new(i + 1, column + 1, 1),
        ));
    }
    out
}

/// The translation file of role file `role` into `locale`: `client-manager.en.yaml` beside it.
pub fn path_of(role: &Path, locale: &Locale) -> PathBuf {
    let id = crate::load::role_id(role);
    role.with_file_name(format!("{id}.{}.yaml", locale.code()))
}

/// The short hash of a text as translations record it: the first 8 hex digits of the SHA-256
/// of the text with its whitespace folded (re-wrapping a YAML line changes nothing).
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(locale::fold_spaces(text).as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// A text of a role that a translation translates.
#[derive(Debug, Clone)]
pub struct Unit<'n> {
    /// Its JSON pointer.
    pub pointer: String,
    /// Its node in the role file.
    pub node: &'n Node,
    /// The text (a title's cases one a line).
    pub text: String,
}

impl Unit<'_> {
    /// The hash a translation of it records.
    pub fn hash(&self) -> String {
        hash(&self.text)
    }
}

/// Keys whose values are not text to translate: identifiers (a labour function's code).
const NOT_TEXT: &[&str] = &["fragment", "standard", "origin"];
/// Of the edition, which stays the original's, only what documents print as words: its
/// registration number and its order's (`ДИ-07` may read `DI-07` in English).
const EDITION_TEXTS: &[&str] = &[
    "/edition/number",
    "/edition/approval/order/number",
    "/edition/approval/order/appendix",
];

/// Every text of the role file `node` that a translation translates, in file order: the title
/// as one unit, every other string where it stands.
pub fn units(node: &Node) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    if let NodeKind::Map(entries) = &node.kind {
        for (key, value) in entries {
            let key = key.key_text();
            let pointer = format!("/{}", escape(&key));
            // a vacancy is posted in the original's language alone; a professional standard is
            // a Russian document, printed only by the Russian template
            if key == "language" || key == "vacancy" || key == "professional_standard" {
                continue;
            }
            if key == "edition" {
                let mut found = Vec::new();
                walk(value, pointer, &mut found);
                out.extend(
                    found
                        .into_iter()
                        .filter(|u| EDITION_TEXTS.contains(&u.pointer.as_str())),
                );
                continue;
            }
            if key == "title"
                && let NodeKind::Map(forms) = &value.kind
            {
                let text = forms
                    .iter()
                    .filter_map(|(_, v)| v.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push(Unit {
                    pointer,
                    node: value,
                    text,
                });
            } else {
                walk(value, pointer, &mut out);
            }
        }
    }
    out
}

fn walk<'n>(node: &'n Node, pointer: String, out: &mut Vec<Unit<'n>>) {
    match &node.kind {
        // a text that prints nothing (`lead: ""`) has nothing to translate
        NodeKind::Str { value, .. } if prints(value) => out.push(Unit {
            pointer,
            node,
            text: value.clone(),
        }),
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{pointer}/{i}"), out);
            }
        }
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                let key = key.key_text();
                if !NOT_TEXT.contains(&key.as_str()) {
                    walk(value, format!("{pointer}/{}", escape(&key)), out);
                }
            }
        }
        _ => {}
    }
}

/// Whether `text` prints anything, by the rule the original's provisions are checked by.
fn prints(text: &str) -> bool {
    !crate::model::check::says_nothing(text)
}

/// A JSON pointer segment: `~` and `/` escaped (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// How a role's texts stand against a translation.
#[derive(Debug, Default)]
pub struct Matched {
    /// Pointer → the translation to print there.
    pub texts: Vec<(String, serde_json::Value)>,
    /// Missing, stale and orphan translations.
    pub diagnostics: Vec<Diagnostic>,
}

/// Matches `role`'s texts with `translation`'s entries: an entry at a text's pointer with the
/// text's hash translates it; one with the hash elsewhere (a provision moved) too; one at the
/// pointer with another hash is older than the text (printed, with a warning). A text without
/// an entry, an entry left empty, and an entry that translates nothing are warnings — errors
/// when `strict`. Each names both places.
pub fn matched(role: &LoadedRole, translation: &LoadedTranslation, strict: bool) -> Matched {
    let units = units(&role.node);
    let entries = &translation.value.texts;
    let by_hash: BTreeMap<&str, &str> = entries
        .iter()
        .filter(|(_, e)| !e.text.is_empty())
        .map(|(pointer, e)| (e.source.as_str(), pointer.as_str()))
        .collect();
    let language = language_name(translation.locale());
    let report = |file: &Path, source: &str, span: Span, message: String| {
        problem(strict, file, source, span, message)
    };
    let at = |pointer: &str| -> Span {
        translation
            .node
            .pointer("/texts")
            .and_then(|texts| match &texts.kind {
                NodeKind::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| k.key_text() == pointer)
                    .map(|(k, _)| k.span),
                _ => None,
            })
            .unwrap_or(Span::new(1, 1, 1))
    };
    let place =
        |file: &Path, span: Span| format!("{}:{}:{}", file.display(), span.line, span.column);
    let mut out = Matched::default();
    let mut used: HashSet<&str> = HashSet::new();
    let hashes: HashSet<String> = units.iter().map(Unit::hash).collect();
    for unit in &units {
        let hash = unit.hash();
        // an entry at the text's place made from a text the role still has elsewhere moved
        // with it: it is not this text's, older or not
        let own = entries
            .get(&unit.pointer)
            .filter(|e| !e.text.is_empty() && (e.source == hash || !hashes.contains(&e.source)));
        let chosen = match own {
            Some(e) if e.source == hash => Some(unit.pointer.as_str()),
            _ => by_hash.get(hash.as_str()).copied().or_else(|| {
                // at its place, but made from an older text
                own.map(|e| {
                    let span = translation
                        .node
                        .pointer(&format!("/texts/{}/source", escape(&unit.pointer)))
                        .map_or(at(&unit.pointer), |n| n.span);
                    out.diagnostics.push(
                        report(
                            &translation.path,
                            &translation.source,
                            span,
                            format!(
                                "the {language} translation of `{}` is older than the text it translates: the original at {} changed since (source {} → {hash})",
                                unit.pointer,
                                place(&role.path, unit.node.span),
                                e.source
                            ),
                        )
                        .with_hint(format!(
                            "review the translation against the original, then set `source: {hash}`"
                        )),
                    );
                    unit.pointer.as_str()
                })
            }),
        };
        match chosen {
            Some(pointer) => {
                used.insert(pointer);
                if let Some(e) = entries.get(pointer) {
                    out.texts.push((unit.pointer.clone(), e.text.to_json()));
                }
            }
            None => {
                let shown = if let Some(e) = entries.get(&unit.pointer) {
                    let why = if e.text.is_empty() {
                        "left empty"
                    } else {
                        "its entry translates a text that moved"
                    };
                    format!("{} ({why})", place(&translation.path, at(&unit.pointer)))
                } else {
                    let texts = translation
                        .node
                        .entry("texts")
                        .map_or(Span::new(1, 1, 1), |(k, _)| k.span);
                    place(&translation.path, texts)
                };
                out.diagnostics.push(
                    report(
                        &role.path,
                        &role.source,
                        unit.node.span,
                        format!(
                            "no {language} translation of this text (`{}`) in {shown}",
                            unit.pointer
                        ),
                    )
                    .with_hint(format!(
                        "`jobdoc translate {} {}` adds every text still to translate",
                        role.id, translation.language
                    )),
                );
            }
        }
    }
    for (pointer, _) in entries.iter().filter(|(p, _)| !used.contains(p.as_str())) {
        if entries[pointer].text.is_empty() && units.iter().any(|u| &u.pointer == pointer) {
            continue; // said above, at the text
        }
        out.diagnostics.push(
            report(
                &translation.path,
                &translation.source,
                at(pointer),
                format!(
                    "this translation translates nothing: no text of {} has source {} (`{pointer}`)",
                    role.path.display(),
                    entries[pointer].source
                ),
            )
            .with_hint("the original text was removed or rewritten: remove the entry, or move its text to the entry that replaces it"),
        );
    }
    out
}

/// A fragment the role splices in that the organization does not give in the translation's
/// language: its original words would stand in the translated documents.
fn untranslated_fragments(
    role: &LoadedRole,
    translation: &LoadedTranslation,
    org: &Organization,
    strict: bool,
) -> Vec<Diagnostic> {
    fn refs<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
        match &node.kind {
            NodeKind::Seq(items) => items.iter().for_each(|i| refs(i, out)),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    if k.key_text() == "fragment" {
                        out.push(v);
                    } else {
                        refs(v, out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    refs(&role.node, &mut found);
    let given = org.translations.get(translation.language);
    let mut out = Vec::new();
    let mut said = HashSet::new();
    for node in found {
        let Some(name) = node.as_str() else { continue };
        if given.is_some_and(|t| t.fragments.contains_key(name)) || !said.insert(name) {
            continue;
        }
        let message = format!(
            "the fragment `{name}` has no {} text in _organization.yaml: the translated documents print its original words",
            language_name(translation.locale())
        );
        let hint = format!(
            "give it under `translations: {}: fragments:` in _organization.yaml",
            translation.language
        );
        out.push(problem(strict, &role.path, &role.source, node.span, message).with_hint(hint));
    }
    out
}

/// A translation problem: a warning, an error when translations are `strict`.
fn problem(strict: bool, file: &Path, source: &str, span: Span, message: String) -> Diagnostic {
    if strict {
        Diagnostic::error(file, Some(source), span, message)
    } else {
        Diagnostic::warning(file, Some(source), span, message)
    }
}

/// The language's name in messages: `English`.
fn language_name(locale: &Locale) -> &'static str {
    match locale.code() {
        "ru" => "Russian",
        "en" => "English",
        _ => "other-language",
    }
}

/// A role without an order of its own has its sections in its language's order (Russian puts
/// the qualification requirements second, English after the duties); its translation is given
/// the original's order, so that both have the same numbers.
fn keep_section_order(
    role: &Role,
    json: &mut serde_json::Value,
    original: &Locale,
    target: &Locale,
) {
    if role.orders_sections() {
        return;
    }
    let printed = |locale: &Locale| -> Vec<&'static str> {
        locale
            .sections
            .iter()
            .copied()
            .filter(|k| SectionKey::from_key(k).is_some_and(|key| role.prints_section(key)))
            .collect()
    };
    let order = printed(original);
    if order == printed(target) {
        return;
    }
    let mut sections: Vec<serde_json::Value> = order
        .iter()
        .map(|k| serde_json::json!({ "standard": k }))
        .collect();
    if let Some(own) = json.get("sections").and_then(serde_json::Value::as_array) {
        sections.extend(own.iter().cloned());
    }
    if let Some(object) = json.as_object_mut() {
        object.insert("sections".into(), serde_json::Value::Array(sections));
    }
}

/// `role` translated: its texts replaced by `matched`'s, its language `locale`'s. `None`, with
/// an error at the translation file, when the result is not a role (a title given in cases the
/// model does not know).
pub fn translated(
    role: &LoadedRole,
    translation: &LoadedTranslation,
    matched: &Matched,
    original: &Locale,
) -> Result<Role, Box<Diagnostic>> {
    let mut json = role.node.to_json();
    keep_section_order(&role.role, &mut json, original, translation.locale());
    for (pointer, text) in &matched.texts {
        if let Some(slot) = json.pointer_mut(pointer) {
            *slot = text.clone();
        }
    }
    if let Some(object) = json.as_object_mut() {
        object.insert(
            "language".into(),
            serde_json::Value::String(translation.language.into()),
        );
    }
    serde_json::from_value(json).map_err(|e| {
        Box::new(Diagnostic::error(
            &translation.path,
            Some(&translation.source),
            Span::new(1, 1, 1),
            format!("the translation does not make a role: {e}"),
        ))
    })
}
