//! The checks of role and organization files that a schema cannot express: fragments, dates,
//! nesting, characters the PDF font lacks, empty provisions (repeated ones: `super::duplicates`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Span, nearest};
use crate::fonts;
use crate::load::schema::quote_list;
use crate::load::yaml::{Node, NodeKind};
use crate::locale::Locale;
use crate::model::{Fragment, Item, Organization};

/// What the semantic checks need to know from outside the file.
pub struct Context<'a> {
    /// The organization's fragments; `None` when the organization file failed to load.
    pub fragments: Option<&'a FragmentLevels>,
    /// The documents' language (what to write instead of a character the font lacks).
    pub locale: &'a Locale,
}

/// The organization's fragments by name, each with the levels its items take where it is
/// spliced in: 1 for a text or a list without sub-items, one more for each level of sub-items,
/// the fragments it splices in counted at their place (0 for an empty list).
pub type FragmentLevels = BTreeMap<String, usize>;

/// The sections of a role file that hold provisions, in document order.
const ITEM_LISTS: [&str; 11] = [
    "general",
    "guided_by",
    "must_know",
    "must_be_able",
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
    let error = |span, msg: String, hint: &str| {
        Diagnostic::error(path, Some(source), span, msg).with_hint(hint)
    };
    // the data of standard provisions, printed inside a sentence of the template
    for key in ["category", "appointed_by", "reports_to", "qualification"] {
        if let Some(n) = root.get(key)
            && n.as_str().is_some_and(says_nothing)
        {
            let hint = "give it, or leave the key out";
            out.push(error(n.span, format!("`{key}` is empty"), hint));
        }
    }
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
            if let Some(title) = s.get("title")
                && title.as_str().is_some_and(says_nothing)
            {
                let hint = match s.get("standard") {
                    Some(_) => "leave `title` out for the template's heading, or give one",
                    None => "give the section its heading",
                };
                out.push(error(title.span, "the section title is empty".into(), hint));
            }
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
    out.extend(origins(path, source, root, locale));
    out.extend(super::structure::check(path, source, root));
    out.extend(super::vacancy::check(path, source, root, locale));
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

/// Checks an organization tree: fragments' items, fragments splicing themselves in, and the
/// characters the PDF font can draw.
pub fn organization_semantics(
    path: &Path,
    source: &str,
    root: &Node,
    locale: &Locale,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let own_fragments = entries(root.get("fragments"));
    let translations = entries(root.get("translations"));
    // each translation's fragments stand in for the own ones of their names
    let own_set: FragmentSet = own_fragments.iter().map(|(k, v)| (k, v)).collect();
    let translated_sets: Vec<(FragmentSet, BTreeSet<String>)> = translations
        .iter()
        .map(|(_, t)| {
            let theirs = entries(t.get("fragments"));
            let names: BTreeSet<String> = theirs.iter().map(|(k, _)| k.key_text()).collect();
            let mut set: FragmentSet = own_set
                .iter()
                .filter(|(k, _)| !names.contains(&k.key_text()))
                .copied()
                .collect();
            set.extend(theirs.iter().map(|(k, v)| (k, v)));
            (set, names)
        })
        .collect();
    // a fragment may splice in another: each name it uses must exist, and fit where it is used
    // in every language it is printed in
    let (mut known, own_cycles) = levels_and_cycles(&own_set);
    let mut translated_cycles = Vec::new();
    for (set, _) in &translated_sets {
        let (levels, cycles) = levels_and_cycles(set);
        for (name, level) in levels {
            let at = known.entry(name).or_default();
            *at = (*at).max(level);
        }
        translated_cycles.push(cycles);
    }
    let cx = Context {
        fragments: Some(&known),
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
    let mut languages = vec![(root, own)];
    for (k, translation) in translations {
        let code = k.key_text();
        match crate::locale::named(&code) {
            Err(message) => out.push(Diagnostic::error(path, Some(source), k.span, message)),
            Ok(l) if std::ptr::eq(l, own) => out.push(error(
                k.span,
                format!("`{code}` is the organization's own language"),
                "give its words at the top of the file: a translation is for roles in another language".into(),
            )),
            Ok(l) => languages.push((translation, l)),
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
    for (node, language) in languages {
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
    out.extend(fragment_checks(
        path, source, &own_set, own_cycles, None, &cx, locale,
    ));
    for ((set, translated), cycles) in translated_sets.iter().zip(translated_cycles) {
        out.extend(fragment_checks(
            path,
            source,
            set,
            cycles,
            Some(translated),
            &cx,
            locale,
        ));
    }
    out.extend(fragment_origins(path, source, root));
    out.extend(glyphs(path, source, root, locale));
    out
}

/// Errors for `origin` in a fragment, own or translated: a fragment serves roles of different
/// professional standards (or of none), so which labour function its items come from is the
/// role's to say, and no role's check would see it there.
fn fragment_origins(path: &Path, source: &str, root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let translated = entries(root.get("translations"))
        .iter()
        .filter_map(|(_, t)| t.get("fragments"));
    for fragments in root.get("fragments").into_iter().chain(translated) {
        walk(fragments, &mut |n| {
            for (k, _) in entries(Some(n)) {
                if k.key_text() == "origin" {
                    out.push(
                        Diagnostic::error(
                            path,
                            Some(source),
                            k.span,
                            "`origin` in a fragment: a fragment serves roles of different professional standards",
                        )
                        .with_hint("remove it, and give the provision in the role itself with its `origin`"),
                    );
                }
            }
        });
    }
    out
}

/// One language's fragments: each name and its value, as the organization file has them.
type FragmentSet<'a> = Vec<(&'a Node, &'a Node)>;

/// The levels of each fragment of `set` and its cycles (see [`analyse`]).
fn levels_and_cycles(set: &[(&Node, &Node)]) -> (FragmentLevels, Vec<(Vec<String>, Span)>) {
    let names: Vec<String> = set.iter().map(|(k, _)| k.key_text()).collect();
    let graph: Vec<Splices<Span>> = set
        .iter()
        .map(|(_, value)| match &value.kind {
            NodeKind::Seq(list) => Splices::of(list),
            _ => Splices::text(),
        })
        .collect();
    let (levels, cycles) = analyse(&names, &graph);
    let cycles = cycles
        .into_iter()
        .map(|(cycle, at)| (cycle.iter().map(|&i| names[i].clone()).collect(), at))
        .collect();
    (names.into_iter().zip(levels).collect(), cycles)
}

/// The checks of one language's fragments `set`: texts that print nothing, items, `numbered`,
/// and its `cycles`. For a translation, `only` names its own fragments: the organization's
/// others, in its set too, were checked with the organization.
fn fragment_checks(
    path: &Path,
    source: &str,
    set: &[(&Node, &Node)],
    cycles: Vec<(Vec<String>, Span)>,
    only: Option<&BTreeSet<String>>,
    cx: &Context,
    locale: &Locale,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mine = |name: &str| only.is_none_or(|o| o.contains(name));
    for (_, value) in set.iter().filter(|(k, _)| mine(&k.key_text())) {
        match &value.kind {
            NodeKind::Str { value: text, .. } => {
                out.extend(provision(path, source, text, value.span, locale));
            }
            _ => items(path, source, value, 1, cx, &mut out),
        }
        walk(value, &mut |n: &Node| {
            if let Some((key, v)) = n.entry("numbered")
                && v.kind == NodeKind::Bool(true)
            {
                out.push(
                    Diagnostic::error(path, Some(source), key.span, "`numbered` in a fragment")
                        .with_hint("a fragment may be spliced where its items have no number to number under: keep the provision with `numbered: true` in the role, and let the fragment give its sub-items"),
                );
            }
        });
    }
    for (cycle, at) in cycles {
        if !cycle.iter().any(|n| mine(n)) {
            continue;
        }
        let mut on: Vec<String> = cycle.iter().map(|n| format!("`{n}`")).collect();
        if on.len() > SHOWN_ON_CYCLE {
            let count = on.len();
            on.drain(SHOWN_ON_CYCLE / 2..count - SHOWN_ON_CYCLE / 2);
            on.insert(SHOWN_ON_CYCLE / 2, format!("… ({count} fragments) …"));
        }
        let first = &cycle[0];
        out.push(
            Diagnostic::error(
                path,
                Some(source),
                at,
                format!(
                    "fragment `{first}` splices itself in: {} → `{first}`",
                    on.join(" → ")
                ),
            )
            .with_hint("a fragment may use others, but never come back to itself: remove one of these references"),
        );
    }
    out
}

/// The levels of each fragment of `organization` (see [`FragmentLevels`]), for checking the
/// roles that splice them in.
pub fn fragment_levels(organization: &Organization) -> FragmentLevels {
    let of = |org: &Organization| -> FragmentLevels {
        let names: Vec<String> = org.fragments.keys().cloned().collect();
        let graph: Vec<Splices<()>> = org
            .fragments
            .values()
            .map(|f| match f {
                Fragment::Text(_) => Splices::text(),
                Fragment::Items(list) => Splices::of(list),
            })
            .collect();
        let (levels, _) = analyse(&names, &graph);
        names.into_iter().zip(levels).collect()
    };
    // a role may be printed in any of the organization's languages: the deepest counts
    let mut levels = of(organization);
    for code in organization.translations.keys() {
        for (name, level) in of(&organization.in_language(code)) {
            let at = levels.entry(name).or_default();
            *at = (*at).max(level);
        }
    }
    levels
}

/// Fragments named in the message about a cycle at most; a longer cycle is shown by its ends.
const SHOWN_ON_CYCLE: usize = 8;

/// One fragment as the fragment graph sees it.
struct Splices<'a, P> {
    /// The deepest level its own items take (1: its top level; 0: it has none).
    levels: usize,
    /// The fragments it splices in: name, the level of the list the reference is an item of,
    /// and the place of the reference.
    uses: Vec<(&'a str, usize, P)>,
}

impl<'a, P> Splices<'a, P> {
    /// A fragment that is one text.
    fn text() -> Self {
        Splices {
            levels: 1,
            uses: Vec::new(),
        }
    }

    /// A fragment that is a list of items.
    fn of<T: ListItem<At = P>>(list: &'a [T]) -> Self {
        let mut found = Splices {
            levels: 0,
            uses: Vec::new(),
        };
        found.add(list, 1);
        found
    }

    fn add<T: ListItem<At = P>>(&mut self, list: &'a [T], level: usize) {
        for item in list {
            match item.reference() {
                Some((name, at)) => self.uses.push((name, level, at)),
                None => self.levels = self.levels.max(level),
            }
            if let Some(sub) = item.sub_items() {
                self.add(sub, level + 1);
            }
        }
    }
}

/// An item of a fragment's list, read from the organization file's tree while it is checked, or
/// from the organization loaded while a role is.
trait ListItem: Sized {
    /// The place of a reference: a span in the file, or nothing once loaded.
    type At;
    /// The name of the fragment the item splices in, and where it is written.
    fn reference(&self) -> Option<(&str, Self::At)>;
    /// The item's sub-items.
    fn sub_items(&self) -> Option<&[Self]>;
}

impl ListItem for Node {
    type At = Span;

    fn reference(&self) -> Option<(&str, Span)> {
        let n = self.get("fragment")?;
        Some((n.as_str()?, n.span))
    }

    fn sub_items(&self) -> Option<&[Node]> {
        self.get("items").and_then(Node::as_seq)
    }
}

impl ListItem for Item {
    type At = ();

    fn reference(&self) -> Option<(&str, ())> {
        match self {
            Item::Fragment(f) => Some((&f.fragment, ())),
            _ => None,
        }
    }

    fn sub_items(&self) -> Option<&[Item]> {
        match self {
            Item::Nested(n) => Some(&n.items),
            _ => None,
        }
    }
}

/// The levels of each fragment of `graph` (named by `names`), and each cycle of fragments that
/// splice each other in: the fragments on it in order and the reference that closes it. One
/// depth-first search, fragments coloured white (not met), grey (being spliced) and black (done):
/// a reference to a grey fragment closes a cycle, so the work grows with the references, and each
/// cycle found is reported once, at a reference on it. A reference to no fragment is left to
/// [`items`].
fn analyse<P: Copy>(names: &[String], graph: &[Splices<P>]) -> (Vec<usize>, Vec<(Vec<usize>, P)>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut colour = vec![Colour::White; graph.len()];
    let mut levels: Vec<usize> = graph.iter().map(|f| f.levels).collect();
    let mut cycles = Vec::new();
    // the grey fragments in the order they are being spliced, each with its next reference
    let mut path: Vec<(usize, usize)> = Vec::new();
    // where each grey fragment is on `path`
    let mut on_path = vec![0; graph.len()];
    for start in 0..graph.len() {
        if colour[start] != Colour::White {
            continue;
        }
        colour[start] = Colour::Grey;
        path.push((start, 0));
        while let Some(&(at, next)) = path.last() {
            let top = path.len() - 1;
            let Some(&(name, level, place)) = graph[at].uses.get(next) else {
                colour[at] = Colour::Black;
                path.pop();
                continue;
            };
            match index.get(name).map(|&to| (to, colour[to])) {
                None => {}
                Some((to, Colour::White)) => {
                    // the same reference is taken again once `to` is done, for its levels
                    colour[to] = Colour::Grey;
                    on_path[to] = path.len();
                    path.push((to, 0));
                    continue;
                }
                Some((to, Colour::Grey)) => {
                    let cycle = path[on_path[to]..].iter().map(|&(f, _)| f).collect();
                    cycles.push((cycle, place));
                }
                Some((to, Colour::Black)) => {
                    levels[at] = levels[at].max(level - 1 + levels[to]);
                }
            }
            path[top].1 += 1;
        }
    }
    (levels, cycles)
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
            out.extend(provision(path, source, text, span, cx.locale));
        }
        if let Some((k, sub)) = item.entry("items") {
            if depth > MAX_SUB_DEPTH {
                out.push(
                    Diagnostic::error(path, Some(source), k.span, "sub-items nested too deep")
                        .with_hint(FOUR_LEVELS),
                );
            } else {
                items(path, source, sub, depth + 1, cx, out);
            }
        }
        let Some((n, known)) = item.get("fragment").zip(cx.fragments) else {
            continue;
        };
        let Some(name) = n.as_str() else { continue };
        match known.get(name) {
            None => {
                let names: Vec<String> = known.keys().cloned().collect();
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
            // spliced in here, its items take levels from this list's on
            Some(&levels) if depth - 1 + levels > MAX_SUB_DEPTH + 1 => {
                let over = match depth - 1 + levels - MAX_SUB_DEPTH - 1 {
                    1 => "one level".to_string(),
                    n => format!("{n} levels"),
                };
                out.push(
                    Diagnostic::error(
                        path,
                        Some(source),
                        n.span,
                        format!("fragment `{name}` nests its items {levels} levels, {over} too many here"),
                    )
                    .with_hint(format!("splice it in higher up, or nest its items less; {FOUR_LEVELS}")),
                );
            }
            Some(_) => {}
        }
    }
}

/// The rule behind [`MAX_SUB_DEPTH`], for hints.
const FOUR_LEVELS: &str =
    "GOST R 7.0.97 allows four levels: section, provision and two levels of sub-items";

/// An error for a provision that prints nothing of its own ([`says_nothing`]: the template
/// would print `3.1. .`); else a warning for one that looks wrong ([`suspicious`]).
fn provision(
    path: &Path,
    source: &str,
    text: &str,
    span: Span,
    locale: &Locale,
) -> Option<Diagnostic> {
    let folded = crate::locale::fold_whitespace(text, &[]);
    if folded.is_empty() {
        Some(Diagnostic::error(
            path,
            Some(source),
            span,
            "empty provision",
        ))
    } else if says_nothing(&folded) {
        Some(
            Diagnostic::error(path, Some(source), span, "empty provision").with_hint(format!(
                "`{folded}` prints nothing: the template replaces the marks at a provision's end; write the provision, or remove the line"
            )),
        )
    } else {
        suspicious(path, source, &folded, span, locale)
    }
}

/// Whether a text prints nothing of its own: whitespace, and the marks a template replaces at
/// the end of a provision (`.`, `,`, `;`, `:`, as the composer strips them) or an ellipsis. Other
/// signs (`---`, `—`) print as written.
pub(crate) fn says_nothing(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '…'))
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

/// Errors for a provision's `origin` naming a labour function that `professional_standard`
/// does not list: the appendix would leave the provision out.
fn origins(path: &Path, source: &str, root: &Node, locale: &Locale) -> Vec<Diagnostic> {
    let codes: Vec<String> = root
        .pointer("/professional_standard/functions")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|f| f.get("code").and_then(Node::as_str).map(str::to_string))
        .collect();
    let mut out = Vec::new();
    walk(root, &mut |n| {
        let Some(list) = n.get("origin").and_then(Node::as_seq) else {
            return;
        };
        for code in list {
            let Some(text) = code.as_str().filter(|c| !codes.iter().any(|k| k == c)) else {
                continue;
            };
            let alike = codes.iter().find(|k| function_key(k) == function_key(text));
            let hint = match (alike, codes.is_empty()) {
                (Some(k), _) => format!(
                    "`professional_standard` lists `{k}`, which looks the same: one of them is written with Cyrillic letters (or in another case); write it as the standard does"
                ),
                // a language without the appendix takes no standard to give
                (None, true) if !locale.own_fields.contains(&"professional_standard") => format!(
                    "documents in `{}` print no appendix on a professional standard: remove `origin`",
                    locale.code()
                ),
                (None, true) => {
                    "give `professional_standard` with the functions the provisions come from"
                        .to_string()
                }
                (None, false) => format!("`professional_standard` lists {}", quote_list(&codes)),
            };
            out.push(
                Diagnostic::error(
                    path,
                    Some(source),
                    code.span,
                    format!("`{text}` is no labour function of the role's professional standard"),
                )
                .with_hint(hint),
            );
        }
    });
    out
}

/// A labour function's code as compared where it may be mistyped: trimmed, upper case,
/// Cyrillic look-alikes as Latin letters (a standard may write «А/01.5» in Cyrillic).
pub fn function_key(code: &str) -> String {
    code.trim()
        .to_uppercase()
        .chars()
        .map(|c| {
            crate::locale::ru::import::LOOKALIKES
                .iter()
                .find(|(cyrillic, _)| *cyrillic == c)
                .map_or(c, |(_, latin)| *latin)
        })
        .collect()
}

fn walk(node: &Node, f: &mut impl FnMut(&Node)) {
    f(node);
    match &node.kind {
        NodeKind::Seq(items) => items.iter().for_each(|n| walk(n, f)),
        NodeKind::Map(entries) => entries.iter().for_each(|(_, v)| walk(v, f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::{from_str, parse};
    use crate::locale::RU;

    const ORGANIZATION: &str = "name: Общество\nshort_name: Общество\ncity: Москва\napprover: { position: Директор, position_genitive: директора, name: А.Б. Иванов }\nfragments:\n";

    /// `line:column message` of each error of organization file `src`.
    fn organization_errors(fragments: &str) -> Vec<String> {
        let src = format!("{ORGANIZATION}{fragments}");
        let root = parse(&src).unwrap();
        organization_semantics(Path::new("o.yaml"), &src, &root, &RU)
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
            .collect()
    }

    /// `line:column message` of each error of role file `src` beside the organization
    /// `fragments`.
    fn role_errors(fragments: &str, src: &str) -> Vec<String> {
        let org: Organization = from_str(&format!("{ORGANIZATION}{fragments}")).unwrap();
        let levels = fragment_levels(&org);
        let cx = Context {
            fragments: Some(&levels),
            locale: &RU,
        };
        role_semantics(Path::new("r.yaml"), src, &parse(src).unwrap(), &cx)
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
            .collect()
    }

    #[test]
    fn a_cycle_is_reported_once_at_a_reference_on_it() {
        let found = organization_errors(
            "  a:\n    - fragment: charter\n    - fragment: b\n  b:\n    - fragment: a\n  charter: уставом\n  self:\n    - text: x\n      items:\n        - fragment: self\n",
        );
        assert_eq!(
            found,
            [
                "10:17 fragment `a` splices itself in: `a` → `b` → `a`",
                "15:21 fragment `self` splices itself in: `self` → `self`",
            ]
        );
    }

    #[test]
    fn an_unknown_origin_is_hinted_at_look_alikes_and_at_the_language() {
        let hints = |src: &str| -> Vec<String> {
            let cx = Context {
                fragments: None,
                locale: &RU,
            };
            role_semantics(Path::new("r.yaml"), src, &parse(src).unwrap(), &cx)
                .into_iter()
                .filter(|d| d.message.contains("no labour function"))
                .map(|d| format!("{}: {}", d.message, d.hint.unwrap_or_default()))
                .collect()
        };
        // the standard's code in Latin letters, the provision's in Cyrillic ones
        let found = hints(
            "professional_standard: { name: П, registration_number: \"1\", functions: [{ code: A/01.5, name: Ф }] }\nduties:\n  - text: Продает\n    origin: [\u{410}/01.5]\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("lists `A/01.5`, which looks the same"),
            "{found:?}"
        );
        // a role in English is not told to give what its language does not print
        let found = hints("language: en\nduties:\n  - text: Sells\n    origin: [A/01.5]\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(
                "documents in `en` print no appendix on a professional standard: remove `origin`"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn origin_in_a_fragment_is_an_error_at_its_key() {
        // a fragment serves many roles: its `origin` would be no role's to check
        let found = organization_errors(
            "  sales:\n    - text: Ведет переговоры\n      origin: [Z/99.9]\ntranslations:\n  en:\n    fragments:\n      sales:\n        - text: Negotiates\n          items:\n            - text: deals\n              origin: [A]\n",
        );
        assert_eq!(
            found,
            [
                "8:7 `origin` in a fragment: a fragment serves roles of different professional standards",
                "16:15 `origin` in a fragment: a fragment serves roles of different professional standards",
            ]
        );
    }

    #[test]
    fn a_long_chain_of_fragments_is_checked_in_linear_time() {
        // quoted names: the YAML reader is not what is measured here
        let n = 3000;
        let mut fragments: String = (0..n)
            .map(|i| format!("  \"f{i}\":\n    - fragment: \"f{}\"\n", i + 1))
            .collect();
        fragments.push_str(&format!("  \"f{n}\":\n    - fragment: \"f0\"\n"));
        let started = std::time::Instant::now();
        let found = organization_errors(&fragments);
        // the search that preceded this one took minutes
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].ends_with("`f0` → `f1` → `f2` → `f3` → … (3001 fragments) … → `f2997` → `f2998` → `f2999` → `f3000` → `f0`"),
            "{found:?}"
        );
    }

    #[test]
    fn fragments_count_the_levels_of_the_fragments_they_splice_in() {
        let org: Organization = from_str(&format!(
            "{ORGANIZATION}  text: уставом\n  empty: []\n  flat: [a, b]\n  deep:\n    - text: A\n      items:\n        - text: B\n          items: [C]\n  uses:\n    - text: x\n      items:\n        - fragment: deep\n"
        ))
        .unwrap();
        let levels: Vec<(String, usize)> = fragment_levels(&org).into_iter().collect();
        let want = [
            ("deep", 3),
            ("empty", 0),
            ("flat", 1),
            ("text", 1),
            ("uses", 4),
        ];
        assert_eq!(levels, want.map(|(n, l)| (n.to_string(), l)));
    }

    #[test]
    fn a_fragment_spliced_in_too_deep_is_an_error_at_the_reference() {
        let deep =
            "  deep:\n    - text: A\n      items:\n        - text: B\n          items: [C]\n";
        let role = "duties:\n  - text: Обязанность\n    items:\n      - text: подпункт\n        items:\n          - fragment: deep\n  - text: Другая\n    items:\n      - fragment: deep\n  - fragment: deep\n";
        assert_eq!(
            role_errors(deep, role),
            [
                "6:23 fragment `deep` nests its items 3 levels, 2 levels too many here",
                "9:19 fragment `deep` nests its items 3 levels, one level too many here",
            ]
        );
        // in the organization file too, where one fragment splices in another
        let found = organization_errors(&format!(
            "{deep}  uses:\n    - text: x\n      items:\n        - text: y\n          items:\n            - fragment: deep\n"
        ));
        assert_eq!(
            found,
            ["16:25 fragment `deep` nests its items 3 levels, 2 levels too many here"]
        );
    }

    #[test]
    fn numbered_is_refused_in_a_fragment() {
        let found = organization_errors(
            "  a:\n    - text: Организует учет\n      numbered: true\n      items: [ведет учет]\n",
        );
        assert_eq!(found, ["8:7 `numbered` in a fragment"]);
    }

    #[test]
    fn texts_of_punctuation_alone_are_empty() {
        let role = "category: \" . \"\nappointed_by: \"\"\nreports_to: директору\nqualification: \"…\"\nduties:\n  - \"...\"\n  - text: \";\"\n    items: [\"  \", а]\nsections:\n  - title: \"   \"\n    items: [a]\n  - standard: duties\n    title: …\n  - standard: general\n";
        assert_eq!(
            role_errors("", role),
            [
                "1:11 `category` is empty",
                "2:15 `appointed_by` is empty",
                "4:16 `qualification` is empty",
                "6:5 empty provision",
                "7:11 empty provision",
                "8:13 empty provision",
                "10:12 the section title is empty",
                "13:12 the section title is empty",
            ]
        );
        // other signs print as written: text is text
        assert!(role_errors("", "duties: [\"---\", \"—\"]\n").is_empty());
        assert_eq!(
            organization_errors("  charter: \"..\"\n"),
            ["6:12 empty provision"]
        );
    }
}
