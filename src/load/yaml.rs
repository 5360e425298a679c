//! YAML reading. serde_yaml deserializes into the typed model but stops at the first error and keeps
//! no spans, so a span-aware parse (yaml-rust2 events) builds a [`Node`] tree beside it: every
//! value keeps its line and column, which is what lets validation report every problem of a file
//! at once, each at its place.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostics::Span;

/// A YAML value with the place it starts at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where the value starts; `len` covers a scalar's text on its first line.
    pub span: Span,
}

/// The shape of a YAML value (YAML 1.2 core schema for plain scalars).
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text. `plain` is true for unquoted single-line scalars, whose characters sit in the source
    /// exactly where the span says, which lets a diagnostic point at one character.
    Str {
        /// The text.
        value: String,
        /// Unquoted and on one line.
        plain: bool,
    },
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, keys in file order.
    Map(Vec<(Node, Node)>),
}

/// A YAML syntax problem (or a construct role files refuse), with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// Aliases can multiply a document; beyond this many nodes the file is refused (a "billion
/// laughs" file would otherwise take all memory).
const MAX_NODES: usize = 200_000;

/// Nor may aliases to one long text multiply it: beyond this many bytes of text more than the
/// file itself holds, the file is refused.
const MAX_EXPANSION: usize = 16 * 1024 * 1024;

impl Node {
    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value under `key` when this is a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The text of a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// A word for the kind of value, for messages: "a text", "a list", ...
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "nothing",
            NodeKind::Bool(_) => "true/false",
            NodeKind::Int(_) | NodeKind::Float(_) => "a number",
            NodeKind::Str { .. } => "a text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// Where the value at `pointer` stands, or the file's start when there is none (a
    /// diagnostic about a value the file may not write).
    pub fn span_of(&self, pointer: &str) -> Span {
        self.pointer(pointer).map_or(Span::new(1, 1, 1), |n| n.span)
    }

    /// Follows a JSON pointer (`/duties/3/text`) from this node.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        let mut node = self;
        for raw in pointer.split('/').skip(1) {
            let seg = raw.replace("~1", "/").replace("~0", "~");
            node = match &node.kind {
                NodeKind::Map(_) => node.get(&seg)?,
                NodeKind::Seq(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The node as JSON, for validation against the JSON Schema.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Int(i) => Value::from(*i),
            NodeKind::Float(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            NodeKind::Str { value, .. } => Value::String(value.clone()),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.key_text(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A mapping key as text (YAML allows any scalar as a key).
    pub fn key_text(&self) -> String {
        match &self.kind {
            NodeKind::Str { value, .. } => value.clone(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Float(f) => f.to_string(),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Null => "null".into(),
            NodeKind::Seq(_) | NodeKind::Map(_) => "?".into(),
        }
    }
}

/// Parses `source` into a spanned tree. An empty document is `Null`. Duplicate keys are errors
/// (serde_yaml reports them at 1:1; here they point at the second key).
pub fn parse(source: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder::new(source);
    let mut parser = Parser::new_from_str(source);
    // every document of the stream, so that a second one is an error at its start
    if let Err(e) = parser.load(&mut builder, true) {
        return Err(SyntaxError {
            message: e.info().to_string(),
            span: builder.span_at(e.marker(), 1),
        });
    }
    if let Some(err) = builder.error {
        return Err(err);
    }
    Ok(builder.root.unwrap_or(Node {
        kind: NodeKind::Null,
        span: Span::new(1, 1, 1),
    }))
}

/// `value` as YAML text, for the files jobdoc writes (`_editions.yaml`). serde_yaml, like
/// [`from_str`].
pub fn to_string<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

/// Deserializes `source` into a typed value with serde_yaml. The only module serde_yaml is used
/// in (the crate is deprecated upstream; keeping it behind two functions makes a swap one edit).
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, SyntaxError> {
    serde_yaml::from_str(source).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let message = e.to_string();
        // serde_yaml appends " at line X column Y"; the span says it already.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        SyntaxError {
            message,
            span: Span::new(line, column, 1),
        }
    })
}

enum Frame {
    Seq(Node, Vec<Node>, usize),
    Map(Node, Vec<(Node, Node)>, Option<Node>, usize),
}

struct Builder<'a> {
    source: &'a str,
    /// Where each line of `source` starts: finding a line must not scan the file again for
    /// every scalar (a large file took quadratic time).
    line_starts: Vec<usize>,
    /// The line whose character offsets were found last, and those offsets.
    offsets: std::cell::RefCell<(usize, Vec<usize>)>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    error: Option<SyntaxError>,
    nodes: usize,
    /// Bytes of text in the tree so far, aliases expanded.
    bytes: usize,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            line_starts: std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            offsets: std::cell::RefCell::new((0, Vec::new())),
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            error: None,
            nodes: 0,
            bytes: 0,
        }
    }

    /// yaml-rust2 markers count lines from 1 and columns from 0, in characters.
    fn span_at(&self, mark: &Marker, len: usize) -> Span {
        Span::new(mark.line().max(1), mark.col() + 1, len)
    }

    fn fail(&mut self, span: Span, message: String) {
        if self.error.is_none() {
            self.error = Some(SyntaxError { message, span });
        }
    }

    /// Counts `n` more values holding `bytes` bytes of text; false (and an error at `span`)
    /// when the tree grows past what a file may expand to.
    fn count(&mut self, n: usize, bytes: usize, span: Span) -> bool {
        self.nodes += n;
        self.bytes = self.bytes.saturating_add(bytes);
        if self.nodes > MAX_NODES {
            self.fail(
                span,
                format!("the file expands to more than {MAX_NODES} values (aliases?)"),
            );
            return false;
        }
        if self.bytes > self.source.len().saturating_add(MAX_EXPANSION) {
            self.fail(
                span,
                format!(
                    "the file expands to more than {} MiB of text (aliases?)",
                    MAX_EXPANSION / 1024 / 1024
                ),
            );
            return false;
        }
        true
    }

    fn push_value(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(_, items, _)) => items.push(node),
            Some(Frame::Map(_, entries, pending, _)) => match pending.take() {
                None => {
                    // a key: refuse duplicates here, serde_yaml would report them at 1:1
                    let text = node.key_text();
                    if entries.iter().any(|(k, _)| k.key_text() == text) {
                        let span = node.span;
                        self.fail(span, format!("duplicate key `{text}`"));
                    }
                    if let Some(Frame::Map(_, _, pending, _)) = self.stack.last_mut() {
                        *pending = Some(node);
                    }
                }
                Some(key) => entries.push((key, node)),
            },
        }
    }

    /// The byte offset of character `column` (from 0) of `line`, line `number`: the offsets of
    /// the line's characters are found once and kept while scalars come from the same line, so
    /// that a long flow list on one line is not scanned once for each of its items.
    fn char_offset(&self, number: usize, line: &str, column: usize) -> Option<usize> {
        let mut cache = self.offsets.borrow_mut();
        if cache.0 != number {
            *cache = (number, line.char_indices().map(|(i, _)| i).collect());
        }
        cache.1.get(column).copied()
    }

    /// Line `number` (from 1) of the source, without its line break.
    fn line(&self, number: usize) -> Option<&'a str> {
        let start = *self.line_starts.get(number.checked_sub(1)?)?;
        // the next line's start is past this one's `\n`
        let end = self
            .line_starts
            .get(number)
            .map_or(self.source.len(), |next| next - 1);
        let line = &self.source[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    fn scalar(&self, value: String, style: TScalarStyle, span: Span) -> NodeKind {
        if style != TScalarStyle::Plain {
            let plain = false;
            return NodeKind::Str { value, plain };
        }
        match value.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
            "true" | "True" | "TRUE" => NodeKind::Bool(true),
            "false" | "False" | "FALSE" => NodeKind::Bool(false),
            v => {
                if let Ok(i) = v.parse::<i64>() {
                    NodeKind::Int(i)
                } else if looks_like_float(v) {
                    NodeKind::Float(v.parse().unwrap_or(0.0))
                } else {
                    // a plain scalar folded from several lines is not where its span says
                    let one_line = self.line(span.line).is_some_and(|l| {
                        self.char_offset(span.line, l, span.column - 1)
                            .is_some_and(|at| l[at..].starts_with(&value))
                    });
                    NodeKind::Str {
                        value,
                        plain: one_line,
                    }
                }
            }
        }
    }
}

fn looks_like_float(v: &str) -> bool {
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.parse::<f64>().is_ok()
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match ev {
            Event::Scalar(value, style, anchor, _tag) => {
                let len = value.lines().next().map_or(1, |l| l.chars().count().max(1));
                let span = self.span_at(&mark, len);
                if !self.count(1, value.len(), span) {
                    return;
                }
                let kind = self.scalar(value, style, span);
                self.push_value(Node { kind, span }, anchor);
            }
            Event::SequenceStart(anchor, _) => {
                let span = self.span_at(&mark, 1);
                let node = Node {
                    kind: NodeKind::Null,
                    span,
                };
                self.stack.push(Frame::Seq(node, Vec::new(), anchor));
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq(mut node, items, anchor)) = self.stack.pop() {
                    node.kind = NodeKind::Seq(items);
                    self.push_value(node, anchor);
                }
            }
            Event::MappingStart(anchor, _) => {
                let span = self.span_at(&mark, 1);
                let node = Node {
                    kind: NodeKind::Null,
                    span,
                };
                self.stack.push(Frame::Map(node, Vec::new(), None, anchor));
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(mut node, entries, _, anchor)) = self.stack.pop() {
                    node.kind = NodeKind::Map(entries);
                    self.push_value(node, anchor);
                }
            }
            Event::Alias(id) => {
                let span = self.span_at(&mark, 1);
                match self.anchors.get(&id).cloned() {
                    Some(mut node) => {
                        let (values, bytes) = size(&node);
                        if !self.count(values, bytes, span) {
                            return;
                        }
                        node.span = span;
                        self.push_value(node, 0);
                    }
                    None => self.fail(span, "unknown alias".into()),
                }
            }
            Event::DocumentStart if self.root.is_some() => {
                let span = self.span_at(&mark, 3);
                self.fail(
                    span,
                    "a second YAML document: a file holds one (a `---` line starts another)".into(),
                );
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

/// The values in `node` and the bytes of their texts.
fn size(node: &Node) -> (usize, usize) {
    let add = |(a, b): (usize, usize), (c, d): (usize, usize)| (a + c, b.saturating_add(d));
    match &node.kind {
        NodeKind::Seq(items) => items.iter().map(size).fold((1, 0), add),
        NodeKind::Map(entries) => entries
            .iter()
            .map(|(k, v)| add(size(k), size(v)))
            .fold((1, 0), add),
        NodeKind::Str { value, .. } => (1, value.len()),
        _ => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain scalar on one line points at its characters, whatever the line ends with and
    /// however many items a flow list holds on one line (found from kept line starts and
    /// character offsets, not by scanning the file for each).
    #[test]
    fn plain_scalars_are_found_on_their_line() {
        let plain = |node: &Node| matches!(node.kind, NodeKind::Str { plain: true, .. });
        let node =
            parse("a: один\r\nb: [два, «три»]\r\nc: >-\n  четыре\n  пять\nd: шесть").unwrap();
        assert!(plain(node.get("a").unwrap()));
        let b = node.get("b").unwrap().as_seq().unwrap();
        assert!(b.iter().all(plain), "{b:?}");
        assert!(!plain(node.get("c").unwrap()), "folded from two lines");
        assert!(
            plain(node.get("d").unwrap()),
            "the last line, without a line break"
        );
        let many: Vec<String> = (0..2000).map(|i| format!("пункт {i}")).collect();
        let source = format!("list: [{}]\n", many.join(", "));
        let node = parse(&source).unwrap();
        let list = node.get("list").unwrap().as_seq().unwrap();
        assert_eq!(list.len(), 2000);
        assert!(list.iter().all(plain));
        let at: String = source.chars().skip(list[1999].span.column - 1).collect();
        assert!(at.starts_with("пункт 1999]"), "{at}");
    }

    #[test]
    fn keeps_lines_and_columns() {
        let node = parse("a: 1\nlist:\n  - «текст»\n  - b: x\n").unwrap();
        assert_eq!(node.get("a").unwrap().span, Span::new(1, 4, 1));
        let list = node.get("list").unwrap().as_seq().unwrap();
        assert_eq!(list[0].span, Span::new(3, 5, 7));
        assert_eq!(list[1].get("b").unwrap().span.line, 4);
        assert_eq!(node.pointer("/list/1/b").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn rejects_duplicate_keys_at_the_second_key() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.span.line, 3);
        assert!(err.message.contains("duplicate key `a`"));
    }

    #[test]
    fn rejects_alias_bombs() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("more than"), "{}", err.message);
    }

    #[test]
    fn rejects_aliases_that_multiply_a_long_text_at_the_alias() {
        let mut src = format!("a: &a \"{}\"\nb:\n", "x".repeat(100_000));
        for _ in 0..400 {
            src.push_str("  - *a\n");
        }
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("MiB of text"), "{}", err.message);
        assert!(err.span.line > 2, "{:?}", err.span);
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.span.line >= 1);
    }
}
