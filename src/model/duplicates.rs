//! Provisions of one role that say the same thing twice: warnings, since the document still
//! builds, but the employee signs a text that repeats itself.
//!
//! Two provisions say the same thing when, case, `ё`/`е`, punctuation and whitespace folded,
//! they have the same words; the same words in another order; or nearly the same words: their
//! significant words (the locale's stopwords left out) reduced to stems by the locale's
//! [`Stemming`](crate::locale::Stemming) overlap by at least [`NEAR_PERCENT`] % (Jaccard), each
//! with at least [`MIN_SIGNIFICANT`] of them. A fragment of the organization file counts as the
//! provisions it splices in at the place it is referenced, so a role's own provision that repeats
//! one is found the same way (two fragments are not compared: their texts are the organization
//! file's business); a fragment referenced twice anywhere in the role is a repetition too.
//!
//! What is compared with what: every list of provisions anywhere in the role file but under
//! `title`, `edition` and `signatures` — texts, `{text, items}` and `{fragment}`, beside entries
//! placing the template's own provisions (`{standard: purpose}`), which are passed over — found by
//! its shape, so keys added to the role format later are covered. A list that is not inside a
//! provision, with the sub-items below it, is one scope (`duties`, `guided_by`, the items of one
//! further section); provisions are compared only within one scope. Within it, provisions of one
//! list are compared whatever their length, and provisions of different lists (a duty and a
//! sub-item of another duty) only when both have [`MIN_SIGNIFICANT`] significant words: a short
//! sub-item («по телефону») is read with the provision it continues and may recur under another.
//! Different scopes continue different lead-ins, so «знать правила внутреннего трудового
//! распорядка» in `must_know` and «руководствоваться правилами …» in `guided_by` are two
//! provisions, not one.
//!
//! Provisions are indexed, not compared pairwise: by their sorted words, and by the rarest
//! stems of each (prefix filtering: two stem sets as similar as [`NEAR_PERCENT`] % share one of
//! their first `n − ⌈0.85·n⌉ + 1` stems, rarest first), so the work grows with the provisions,
//! not with their pairs. A provision found to repeat another is not indexed (the one it repeats
//! stands for it), and one is compared with at most [`MAX_CANDIDATES`] provisions per stem.
//! Words and stems are numbered once per role ([`Words`]): a word met again is not stemmed
//! again, and provisions are compared as lists of numbers.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Span};
use crate::load::yaml::{Node, NodeKind};
use crate::locale::Locale;
use crate::model::{Fragment, Item, Organization};

/// Top-level keys of a role file that hold no provisions.
const NOT_PROVISIONS: [&str; 3] = ["title", "edition", "signatures"];

/// How much two provisions' stems must overlap (Jaccard, in percent) to say nearly the same.
const NEAR_PERCENT: usize = 85;

/// Significant words a provision needs to be compared by stems, or with another list's.
const MIN_SIGNIFICANT: usize = 3;

/// Provisions sharing one stem that a provision is compared with at most, the earliest: a bound
/// on the work when many provisions share their rarest stems (made-up texts, not real ones).
const MAX_CANDIDATES: usize = 256;

/// Longest quote of a provision in a message, in characters (cut at a word).
const QUOTE_CHARS: usize = 60;

/// Warnings for provisions of the role `root` (read from `source` at `path`) that say the same
/// thing; `organization` gives the fragments' texts, when it loaded.
pub fn role(
    path: &Path,
    source: &str,
    root: &Node,
    organization: Option<&Organization>,
    locale: &Locale,
) -> Vec<Diagnostic> {
    let mut found = Found {
        organization,
        locale,
        scopes: Vec::new(),
        lists: 0,
        references: Vec::new(),
        words: Words::new(),
    };
    if let NodeKind::Map(entries) = &root.kind {
        for (key, value) in entries {
            if !key.as_str().is_some_and(|k| NOT_PROVISIONS.contains(&k)) {
                found.visit(value);
            }
        }
    }
    let mut out = Vec::new();
    let mut index = Index::new(found.words.stems.len());
    for scope in &found.scopes {
        for (later, earlier, kind) in repetitions(scope, &found.words.stems, &mut index) {
            out.push(warning(path, source, &scope[later], &scope[earlier], kind));
        }
    }
    let mut first: HashMap<&str, Span> = HashMap::new();
    for &(name, span) in &found.references {
        match first.get(name) {
            Some(at) => out.push(
                Diagnostic::warning(
                    path,
                    Some(source),
                    span,
                    format!(
                        "fragment `{name}` is referenced twice (also at line {})",
                        at.line
                    ),
                )
                .with_hint(
                    "a fragment is spliced in wherever it is referenced: keep one reference",
                ),
            ),
            None => {
                first.insert(name, span);
            }
        }
    }
    out.sort_by_key(|d| (d.span.line, d.span.column));
    out
}

/// One provision as compared: written in the role, or spliced in by a fragment reference.
struct Provision<'a> {
    /// The text as written.
    text: &'a str,
    /// Where it is written, or where the fragment that brings it is referenced.
    span: Span,
    /// The list it is an item of: provisions with the same number are siblings.
    list: usize,
    /// The fragment it comes from.
    fragment: Option<&'a str>,
    /// Its words, folded, by their numbers in [`Words`].
    words: Vec<u32>,
    /// The same numbers sorted.
    bag: Vec<u32>,
    /// The numbers of the stems of its significant words, sorted, each once.
    stems: Vec<u32>,
}

/// The distinct words of a role's provisions and their stems, each numbered when first met.
struct Words {
    /// A folded word's number and its stem's (none for a word that is not significant).
    numbers: HashMap<String, (u32, Option<u32>)>,
    /// The number of each stem.
    stem_numbers: HashMap<String, u32>,
    /// The stems by number.
    stems: Vec<String>,
}

impl Words {
    /// Room for the few hundred distinct words of a role, which would otherwise be rehashed as
    /// they come.
    fn new() -> Words {
        Words {
            numbers: HashMap::with_capacity(512),
            stem_numbers: HashMap::with_capacity(512),
            stems: Vec::with_capacity(512),
        }
    }

    /// The number of `word` (folded) and its stem's.
    fn number(&mut self, word: &str, locale: &Locale) -> (u32, Option<u32>) {
        if let Some(&known) = self.numbers.get(word) {
            return known;
        }
        let stem = locale.stemming.stem(word).map(|stem| {
            if let Some(&n) = self.stem_numbers.get(stem) {
                return n;
            }
            let n = number(self.stems.len());
            self.stem_numbers.insert(stem.to_string(), n);
            self.stems.push(stem.to_string());
            n
        });
        let known = (number(self.numbers.len()), stem);
        self.numbers.insert(word.to_string(), known);
        known
    }
}

/// `n` as a word's or a stem's number: a role has far fewer than 2³² words.
fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How two provisions say the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The same words.
    Same,
    /// The same words in another order.
    Reordered,
    /// Nearly the same stems.
    Near,
}

/// The provisions of a role file, by scope, and its fragment references.
struct Found<'a> {
    organization: Option<&'a Organization>,
    locale: &'a Locale,
    /// Provisions of each scope in document order.
    scopes: Vec<Vec<Provision<'a>>>,
    /// Lists numbered so far.
    lists: usize,
    /// Every fragment reference: name and place.
    references: Vec<(&'a str, Span)>,
    /// The words met so far.
    words: Words,
}

impl<'a> Found<'a> {
    /// Finds the lists of provisions in `node`: each one not inside a provision opens a scope.
    fn visit(&mut self, node: &'a Node) {
        if is_provision_list(node) {
            self.scopes.push(Vec::new());
            self.list(node);
            return;
        }
        match &node.kind {
            NodeKind::Seq(items) => items.iter().for_each(|n| self.visit(n)),
            NodeKind::Map(entries) => entries.iter().for_each(|(_, v)| self.visit(v)),
            _ => {}
        }
    }

    /// Adds the provisions of `node`, a list of provisions, and of its sub-items to the scope.
    fn list(&mut self, node: &'a Node) {
        let list = self.next_list();
        for item in node.as_seq().unwrap_or_default() {
            if let Some(text) = item.as_str() {
                self.push(text, item.span, list, None);
            }
            if let Some(t) = item.get("text")
                && let Some(text) = t.as_str()
            {
                self.push(text, t.span, list, None);
            }
            if let Some(sub) = item.get("items")
                && is_provision_list(sub)
            {
                self.list(sub);
            }
            if let Some(n) = item.get("fragment")
                && let Some(name) = n.as_str()
            {
                self.references.push((name, n.span));
                self.fragment(name, name, n.span, list, &mut Vec::new());
            }
        }
    }

    /// Adds what fragment `name` splices in, as provisions of `list` at `span` that come from
    /// the referenced fragment `referenced`; `open` holds the fragments being spliced, so that
    /// one referring to itself ends.
    fn fragment(
        &mut self,
        name: &'a str,
        referenced: &'a str,
        span: Span,
        list: usize,
        open: &mut Vec<&'a str>,
    ) {
        let Some(fragment) = self.organization.and_then(|o| o.fragments.get(name)) else {
            return;
        };
        if open.contains(&name) {
            return;
        }
        open.push(name);
        match fragment {
            Fragment::Text(text) => self.push(text, span, list, Some(referenced)),
            Fragment::Items(items) => self.items(items, referenced, span, list, open),
        }
        open.pop();
    }

    /// Adds the items of a fragment (see [`Found::fragment`]).
    fn items(
        &mut self,
        items: &'a [Item],
        referenced: &'a str,
        span: Span,
        list: usize,
        open: &mut Vec<&'a str>,
    ) {
        for item in items {
            match item {
                Item::Text(text) => self.push(text, span, list, Some(referenced)),
                Item::Nested(nested) => {
                    self.push(&nested.text, span, list, Some(referenced));
                    let sub = self.next_list();
                    self.items(&nested.items, referenced, span, sub, open);
                }
                Item::Fragment(f) => self.fragment(&f.fragment, referenced, span, list, open),
            }
        }
    }

    /// A number for one more list.
    fn next_list(&mut self) -> usize {
        self.lists += 1;
        self.lists
    }

    /// Adds one provision to the current scope; one without words is not compared.
    fn push(&mut self, text: &'a str, span: Span, list: usize, fragment: Option<&'a str>) {
        let folded = self.locale.fold(text);
        let mut words = Vec::new();
        let mut stems = Vec::new();
        for word in folded
            .split(|c: char| !crate::locale::is_alphanumeric(c))
            .filter(|w| !w.is_empty())
        {
            let (number, stem) = self.words.number(word, self.locale);
            words.push(number);
            stems.extend(stem);
        }
        if words.is_empty() {
            return;
        }
        let mut bag = words.clone();
        bag.sort_unstable();
        stems.sort_unstable();
        stems.dedup();
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Provision {
                text,
                span,
                list,
                fragment,
                words,
                bag,
                stems,
            });
        }
    }
}

/// A list of provisions: every item a provision (a text, a map with a `text`, a fragment
/// reference) or an entry placing one of the template's (`standard: purpose` in `general`, whose
/// wording is not the role's to repeat), and at least one a provision.
fn is_provision_list(node: &Node) -> bool {
    let provision = |n: &Node| {
        n.as_str().is_some()
            || n.get("text").is_some_and(|t| t.as_str().is_some())
            || n.get("fragment").is_some()
    };
    node.as_seq().is_some_and(|items| {
        items.iter().any(provision)
            && items
                .iter()
                .all(|n| provision(n) || n.get("standard").is_some())
    })
}

/// By a stem's number, for one scope at a time: how often the scope uses it, and the provisions
/// it indexes. Made once for a role and cleared after each scope where the scope wrote, so that a
/// role of many small scopes does not pay for all its stems in each.
struct Index {
    /// How many provisions of the scope use each stem.
    frequency: Vec<usize>,
    /// The provisions each stem indexes.
    by_stem: Vec<Vec<usize>>,
}

impl Index {
    /// An empty index for a role's `stems` stems.
    fn new(stems: usize) -> Index {
        Index {
            frequency: vec![0; stems],
            by_stem: vec![Vec::new(); stems],
        }
    }

    /// Back to empty after `scope`, touching only its stems.
    fn clear(&mut self, scope: &[Provision]) {
        for p in scope {
            for &s in &p.stems {
                self.frequency[s as usize] = 0;
                self.by_stem[s as usize].clear();
            }
        }
    }
}

/// Each provision of `scope` that says what an earlier one does: (its index, the earliest such
/// earlier one's, how), in document order. `index` is empty on entry and on return.
fn repetitions(
    scope: &[Provision],
    stems: &[String],
    index: &mut Index,
) -> Vec<(usize, usize, Kind)> {
    let Index { frequency, by_stem } = index;
    // stems ordered rarest first, so that the prefixes indexed are short posting lists
    for p in scope {
        for &s in &p.stems {
            frequency[s as usize] += 1;
        }
    }
    // by sorted words and the list they may be compared in (0: any), the first provision
    // written in the role and the first spliced in by a fragment
    let mut by_bag: HashMap<(&[u32], usize), [Option<usize>; 2]> =
        HashMap::with_capacity(scope.len());
    let mut out = Vec::new();
    for (i, p) in scope.iter().enumerate() {
        let list = if standalone(p) { 0 } else { p.list };
        let first = by_bag.entry((&p.bag, list)).or_default();
        let prefix = prefix(p, frequency, stems);
        let mut candidates: Vec<usize> = first.iter().flatten().copied().collect();
        for &s in &prefix {
            candidates.extend(by_stem[s as usize].iter().take(MAX_CANDIDATES));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let repeated = candidates
            .into_iter()
            .find_map(|e| compare(&scope[e], p).map(|k| (e, k)));
        first[usize::from(p.fragment.is_some())].get_or_insert(i);
        match repeated {
            Some((e, kind)) => out.push((i, e, kind)),
            // what a repetition says is indexed already, by the provision it repeats
            None => {
                for s in prefix {
                    by_stem[s as usize].push(i);
                }
            }
        }
    }
    index.clear(scope);
    out
}

/// Whether `p` has enough significant words to be compared by stems and across lists.
fn standalone(p: &Provision) -> bool {
    p.stems.len() >= MIN_SIGNIFICANT
}

/// The stems of `p` that index it: the first `n − ⌈t·n⌉ + 1` of its `n` stems, rarest first
/// (`frequency` and `stems` by the stem's number); none when it has too few to be compared by
/// stems.
fn prefix(p: &Provision, frequency: &[usize], stems: &[String]) -> Vec<u32> {
    let n = p.stems.len();
    if n < MIN_SIGNIFICANT {
        return Vec::new();
    }
    let mut prefix = p.stems.clone();
    // ties by the stem's text, as before stems were numbered: the same prefixes, so the same
    // findings under the cap of candidates
    prefix.sort_by_cached_key(|&s| (frequency[s as usize], stems[s as usize].as_str()));
    prefix.truncate(n - (NEAR_PERCENT * n).div_ceil(100) + 1);
    prefix
}

/// How `later` says what `earlier` does, if it does and they are compared at all.
fn compare(earlier: &Provision, later: &Provision) -> Option<Kind> {
    if earlier.fragment.is_some() && later.fragment.is_some() {
        return None;
    }
    let both_standalone = standalone(earlier) && standalone(later);
    if earlier.list != later.list && !both_standalone {
        return None;
    }
    if earlier.words == later.words {
        Some(Kind::Same)
    } else if earlier.bag == later.bag {
        Some(Kind::Reordered)
    } else if both_standalone && near(&earlier.stems, &later.stems) {
        Some(Kind::Near)
    } else {
        None
    }
}

/// Whether two sorted stem sets overlap by [`NEAR_PERCENT`] % of their union or more.
fn near(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common * 100 >= NEAR_PERCENT * (a.len() + b.len() - common)
}

/// The warning at `later` for saying what `earlier` does.
fn warning(
    path: &Path,
    source: &str,
    later: &Provision,
    earlier: &Provision,
    kind: Kind,
) -> Diagnostic {
    let subject = match later.fragment {
        Some(name) => format!("fragment `{name}`"),
        None => "provision".to_string(),
    };
    let verb = match kind {
        Kind::Same => "repeats",
        Kind::Reordered => "repeats, in another word order,",
        Kind::Near => "nearly repeats",
    };
    let line = earlier.span.line;
    let object = match earlier.fragment {
        Some(name) => format!("fragment `{name}` (referenced at line {line})"),
        None => format!("line {line}"),
    };
    let (l, e) = (quote(later.text), quote(earlier.text));
    let quotes = if l == e {
        format!("`{l}`")
    } else {
        format!("`{l}` and `{e}`")
    };
    let hint = if later.fragment.is_some() || earlier.fragment.is_some() {
        "the fragment already says it: remove the role's own provision or the fragment reference"
    } else {
        "say it once: remove one of them, or merge them into one provision"
    };
    Diagnostic::warning(
        path,
        Some(source),
        later.span,
        format!("{subject} {verb} {object}: {quotes}"),
    )
    .with_hint(hint)
}

/// The beginning of `text` on one line, cut at a word after [`QUOTE_CHARS`] characters.
fn quote(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > QUOTE_CHARS && !out.is_empty() {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::RU;

    const ORGANIZATION: &str = "
name: Общество
short_name: Общество
city: Москва
approver: { position: Директор, position_genitive: директора, name: А.Б. Иванов }
fragments:
  charter: уставом предприятия
  work-rules: правилами внутреннего трудового распорядка
  safety:
    - правилами охраны труда
    - fragment: loop
  loop:
    - fragment: safety
";

    /// `line:column: message` of each warning for role file `src`.
    fn warnings_in(src: &str, organization: &str) -> Vec<String> {
        let node = crate::load::yaml::parse(src).unwrap();
        let org: Organization = crate::load::yaml::from_str(organization).unwrap();
        role(Path::new("r.yaml"), src, &node, Some(&org), &RU)
            .into_iter()
            .map(|d| format!("{}:{}: {}", d.span.line, d.span.column, d.message))
            .collect()
    }

    fn warnings(src: &str) -> Vec<String> {
        warnings_in(src, ORGANIZATION)
    }

    #[test]
    fn the_seed_role_repeats_nothing() {
        let found = warnings_in(
            include_str!("../../roles/client-manager.yaml"),
            include_str!("../../roles/_organization.yaml"),
        );
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn the_same_words_folded_at_the_later_provision() {
        let found = warnings(
            "duties:\n  - Организует доставку товара\n  - Готовит отчёты\n  - «организует  доставку товара».\n",
        );
        assert_eq!(
            found,
            [
                "4:5: provision repeats line 2: `«организует доставку товара».` and `Организует доставку товара`"
            ]
        );
    }

    #[test]
    fn the_same_words_in_another_order() {
        let found = warnings(
            "duties:\n  - Оформляет договоры с клиентами\n  - С клиентами оформляет договоры\n",
        );
        assert_eq!(
            found,
            [
                "3:5: provision repeats, in another word order, line 2: `С клиентами оформляет договоры` and `Оформляет договоры с клиентами`"
            ]
        );
    }

    #[test]
    fn nearly_the_same_words_by_their_stems() {
        let found = warnings(
            "duties:\n  - Готовит отчеты о выполненной работе\n  - Готовит отчёт о выполненных работах\n",
        );
        assert_eq!(
            found,
            [
                "3:5: provision nearly repeats line 2: `Готовит отчёт о выполненных работах` and `Готовит отчеты о выполненной работе`"
            ]
        );
    }

    #[test]
    fn a_negation_or_another_word_of_a_short_provision_is_another_provision() {
        let found = warnings(
            "duties:\n  - Допускает посторонних к базе данных\n  - Не допускает посторонних к базе данных\n  - Ведет базу данных клиентов\n  - Ведет базу данных поставщиков\n",
        );
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn one_more_word_in_a_long_provision_is_nearly_the_same() {
        let found = warnings(
            "rights:\n  - Запрашивать от руководителей подразделений информацию и документы для выполнения обязанностей\n  - Запрашивать от руководителей подразделений информацию и документы для выполнения должностных обязанностей\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("3:5: provision nearly repeats line 2"));
    }

    #[test]
    fn different_lists_continue_different_lead_ins() {
        // «должен руководствоваться: правилами …» and «должен знать: правила …»
        let found = warnings(
            "guided_by:\n  - правилами внутреннего трудового распорядка\nmust_know:\n  - правила внутреннего трудового распорядка\n",
        );
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn sub_items_of_one_section_are_compared_when_they_stand_alone() {
        let found = warnings(
            "duties:
  - text: Консультирует клиентов
    items: [по телефону, на встречах]
  - text: Принимает заказы
    items: [по телефону, на встречах]
  - text: Обеспечивает продажу товаров
    items:
      - выявляет потенциальных клиентов
  - Выявляет потенциальных клиентов
",
        );
        assert_eq!(
            found,
            [
                "9:5: provision repeats line 8: `Выявляет потенциальных клиентов` and `выявляет потенциальных клиентов`"
            ]
        );
    }

    #[test]
    fn a_provision_that_a_fragment_already_says() {
        let found = warnings(
            "guided_by:\n  - fragment: work-rules\n  - Правилами внутреннего трудового распорядка.\n  - уставом предприятия\n  - fragment: charter\n",
        );
        assert_eq!(
            found,
            [
                "3:5: provision repeats fragment `work-rules` (referenced at line 2): `Правилами внутреннего трудового распорядка.` and `правилами внутреннего трудового распорядка`",
                "5:15: fragment `charter` repeats line 4: `уставом предприятия`",
            ]
        );
    }

    #[test]
    fn a_fragment_referenced_twice() {
        let found = warnings(
            "guided_by:\n  - fragment: charter\nduties:\n  - text: Соблюдает\n    items:\n      - fragment: charter\n",
        );
        assert_eq!(
            found,
            ["6:19: fragment `charter` is referenced twice (also at line 2)"]
        );
    }

    #[test]
    fn a_fragment_that_splices_itself_in_ends() {
        let found = warnings("guided_by:\n  - fragment: safety\n  - правилами охраны труда\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("3:5: provision repeats fragment `safety`"));
    }

    #[test]
    fn lists_under_keys_the_format_may_add_are_covered() {
        let found = warnings(
            "title: { nominative: Ведет учет, genitive: Ведет учет }
signatures:
  - { position: Ведет учет, name: Ведет учет }
sections:
  - title: Взаимоотношения
    items:
      - с бухгалтерией по вопросам оплаты счетов
  - title: Заключительные положения
    items:
      - с бухгалтерией по вопросам оплаты счетов
future:
  part:
    items: [Ведет учет, ведёт учёт]
",
        );
        assert_eq!(
            found,
            ["13:25: provision repeats line 13: `ведёт учёт` and `Ведет учет`"]
        );
    }

    #[test]
    fn general_that_places_standard_provisions_is_compared_too() {
        let found = warnings(
            "general:
  - standard: purpose
  - Инженер работает в отделе продаж компании
  - standard: guided_by
    lead: Инженер руководствуется
  - Инженер работает в отделе продаж компании
sections:
  - standard: general
  - standard: duties
  - title: Взаимоотношения
    items: [с бухгалтерией, С бухгалтерией]
",
        );
        assert_eq!(
            found,
            [
                "6:5: provision repeats line 3: `Инженер работает в отделе продаж компании`",
                "11:29: provision repeats line 11: `С бухгалтерией` and `с бухгалтерией`",
            ]
        );
        // standard entries alone are no list of provisions, and nothing to compare
        assert_eq!(
            warnings(
                "general: [{standard: purpose}, {standard: category}]
"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_published_duties_of_a_client_manager_repeat_nothing() {
        // the lists of /work/shared/seeds/client-manager-profession.txt, a real text
        let found = warnings(
            "duties:
  - Осуществление анализа аудитории на наличие новых потенциальных клиентов, выявление их ключевых потребностей, их категории и направленности
  - Планирование работы с уже существующими клиентами, разработка тактики общения и методики построения дальнейших отношений
  - Координирование мероприятий по привлечению клиентского потока
  - Организация предварительных переговоров с клиентами, которые проявили заинтересованность к продуктам и услугам компании
  - Предложение проектов договоров на обсуждение, а также согласование протоколов разногласий в границах своей компетенции
  - Разработка схем дальнейшей работы с наиболее выгодными клиентами из категории V.I.P.
  - Осуществление и поддержание дальнейшей связи с клиентами. Выработка и установление взаимосвязи с целью избегания случаев неудовлетворённости клиента
  - Претензионная работа для защиты интересов компании
  - Формирование и ведение клиентской базы
  - Обеспечение интересов клиентов в ходе выполнения обязательств по договорам внутри компании в рамках её подразделений
  - Изучение и анализ политики конкурентов относительно построения тактики общения с клиентами
  - Заключение контрактов от имени компании в рамках предоставленных полномочий
  - Составление отчётов по результатам своей деятельности, а также пожеланий клиентов
  - поиск клиентов и общение с ними путем проведения бизнес-встреч, деловой переписки, совершения телефонных звонков и обмена сведениями с помощью электронных средств коммуникации
  - участие в подведении итогов и составлении бизнес-планов компании
  - планирование своей деятельности и определение перспектив взаимодействия с каждым покупателем
  - принятие участия в разработке маркетинговых программ и рекламных кампаний
  - анализ рынка и доли компании на нем, хорошее знание ассортимента продукции (услуг), которые реализует компания
rights:
  - знакомиться с документами и информацией (в т. ч. конфиденциальной), которые могут иметь отношение к выполнению им должностных обязанностей
  - требовать создания таких условий на рабочем месте, которые позволили бы ему выполнять все поставленные задачи
  - представлять руководителю свои предложения по улучшению работы компании и расширению своих полномочий в рамках должностной инструкции и трудового контракта
",
        );
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn quotes_are_cut_at_a_word() {
        let long = "слово ".repeat(20);
        let q = quote(&long);
        assert!(
            q.ends_with('…') && q.chars().count() <= QUOTE_CHARS + 1,
            "{q}"
        );
        assert_eq!(quote("  два\n слова "), "два слова");
    }
}
