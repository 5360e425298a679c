//! The document structure: the Markdown a template produced, parsed once (pulldown-cmark) into
//! blocks that every writer consumes. This module is the definition of the jobdoc Markdown dialect
//! (documented in `templates/README.md`): whatever is outside it is refused here, naming the
//! template, so no writer meets a construct it cannot lay out.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Span};

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text, typography already applied.
    pub text: String,
    /// `**bold**`.
    pub bold: bool,
    /// `*italic*`.
    pub italic: bool,
}

/// One line of text: runs up to a hard line break.
pub type Line = Vec<Run>;

/// Where a requisites block sits on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Top left, before the title: the organization name.
    Left,
    /// Under the title: date and number, place.
    Center,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Requisites: single-spaced lines without indent.
    Requisites {
        /// Left (before the title) or centred (after it).
        placement: Placement,
        /// The lines.
        lines: Vec<Line>,
    },
    /// A гриф (УТВЕРЖДАЮ / УТВЕРЖДЕНА, СОГЛАСОВАНО): a block in the right half of the page, lines
    /// left-aligned within it. Markdown: a blockquote.
    Stamp {
        /// The lines.
        lines: Vec<Line>,
    },
    /// Document type and title, centred and bold. Markdown: a level-1 heading.
    Title {
        /// The lines («ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ», «менеджера по работе с клиентами»).
        lines: Vec<Line>,
    },
    /// A section heading, kept with the next block. Markdown: `##` (level 2) or `###` (level 3).
    Heading {
        /// 2 or 3.
        level: u8,
        /// The text, including a literal number such as `1.`.
        text: Line,
    },
    /// A numbered provision: a paragraph starting with a literal number such as `3.18.`.
    Provision {
        /// The number with its final dot: `3.18.`.
        number: String,
        /// The text after the number.
        lines: Vec<Line>,
    },
    /// A body paragraph: justified, first-line indent.
    Paragraph {
        /// The lines.
        lines: Vec<Line>,
    },
    /// A paragraph right before a table introduces it («с должностной инструкцией …, редакция
    /// 1»): centred, kept with the table.
    Caption {
        /// The lines.
        lines: Vec<Line>,
    },
    /// Lines with blanks to fill in by hand (`____`): signatures, acknowledgements. Not justified,
    /// so the blanks keep their length.
    Signature {
        /// The lines.
        lines: Vec<Line>,
    },
    /// A dash list (sub-items of a provision).
    List {
        /// The items.
        items: Vec<ListItem>,
    },
    /// A table with a header row repeated on every page, rows that never split.
    Table {
        /// Header cells.
        header: Vec<Line>,
        /// Body rows.
        rows: Vec<Vec<Line>>,
    },
    /// A page break. Markdown: a thematic break `---`.
    PageBreak,
    /// Parallel text: an original and its translation side by side, row by row, the original in
    /// the left column. Markdown: the rows between `<!-- columns -->` and `<!-- end columns -->`,
    /// each a left cell, `<!-- next -->`, a right cell, rows separated by `<!-- row -->`. The
    /// blocks of a cell are those of the document (no table, no page break), each column placed
    /// in its own course from requisites to provisions.
    Columns {
        /// The rows, each its left and right cell.
        rows: Vec<[Vec<Block>; 2]>,
    },
}

/// An item of a dash list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The item's text.
    pub text: Line,
    /// Nested items.
    pub children: Vec<ListItem>,
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The blocks in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The blocks as the original reads: each [`Block::Columns`] replaced by its left column's
    /// blocks, row after row (the right column is the translation).
    pub fn original(&self) -> Vec<&Block> {
        let mut out = Vec::with_capacity(self.blocks.len());
        for block in &self.blocks {
            match block {
                Block::Columns { rows } => out.extend(rows.iter().flat_map(|[left, _]| left)),
                block => out.push(block),
            }
        }
        out
    }

    /// The title's text on one line («ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по работе с клиентами»),
    /// for document properties; in parallel text, the original's.
    pub fn title(&self) -> String {
        self.original()
            .into_iter()
            .find_map(|b| match b {
                Block::Title { lines } => {
                    Some(lines.iter().map(plain).collect::<Vec<_>>().join(" "))
                }
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// The text of a line without styles.
pub fn plain(line: &Line) -> String {
    line.iter().map(|r| r.text.as_str()).collect()
}

/// Non-breaking space: kept by every writer, never a line break.
pub const NBSP: char = '\u{a0}';

/// Escapes `text` so that CommonMark shows it literally as inline text: every character with a
/// meaning in Markdown is backslash-escaped, and so is what would start a list, a heading or a
/// quote at the beginning of a line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A leading "-", "+", "=" or "1." / "1)" would start a list or a heading in a list item.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        // Only a number followed by `.`/`)` and a space (or nothing) is a list marker, so
        // «05.06.2026» stays readable.
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        let rest = &out[digits..];
        if digits > 0
            && rest.starts_with(['.', ')'])
            && rest[1..].chars().next().is_none_or(char::is_whitespace)
        {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Parses `markdown`, which template `template` (shown as `template_path`) produced. Every
/// construct outside the dialect is an error at its line of the rendered Markdown.
pub fn parse(markdown: &str, template_path: &Path) -> Result<Document, Vec<Diagnostic>> {
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .into_offset_iter()
        .collect();
    let mut p = DocParser {
        src: markdown,
        template: template_path,
        events,
        pos: 0,
        errors: Vec::new(),
        seen_title: false,
        seen_section: false,
        in_columns: false,
    };
    let blocks = captions(p.document());
    if p.errors.is_empty() {
        Ok(Document { blocks })
    } else {
        Err(p.errors)
    }
}

struct DocParser<'a> {
    src: &'a str,
    template: &'a Path,
    events: Vec<(Event<'a>, Range<usize>)>,
    pos: usize,
    errors: Vec<Diagnostic>,
    seen_title: bool,
    seen_section: bool,
    /// Inside the cells of parallel text, where tables and page breaks are refused.
    in_columns: bool,
}

/// A comment that structures parallel text ([`Block::Columns`]); any other comment is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `<!-- columns -->`: parallel text starts, with the left cell of its first row.
    Columns,
    /// `<!-- next -->`: the row's right cell starts.
    Next,
    /// `<!-- row -->`: the next row starts.
    Row,
    /// `<!-- end columns -->`: parallel text ends.
    End,
}

impl Marker {
    /// The marker `html` is, if it is one: the comment's text, spaces trimmed, names it.
    fn of(html: &str) -> Option<Marker> {
        let text = html
            .trim()
            .strip_prefix("<!--")?
            .strip_suffix("-->")?
            .trim();
        match text {
            "columns" => Some(Marker::Columns),
            "next" => Some(Marker::Next),
            "row" => Some(Marker::Row),
            "end columns" => Some(Marker::End),
            _ => None,
        }
    }

    /// As written: `<!-- next -->`.
    fn written(self) -> &'static str {
        match self {
            Marker::Columns => "`<!-- columns -->`",
            Marker::Next => "`<!-- next -->`",
            Marker::Row => "`<!-- row -->`",
            Marker::End => "`<!-- end columns -->`",
        }
    }
}

/// A dash list nests at most this deep (two levels under a provision, see ГОСТ Р 7.0.97 levels).
const MAX_LIST_DEPTH: usize = 3;

impl<'a> DocParser<'a> {
    fn next(&mut self) -> Option<(Event<'a>, Range<usize>)> {
        let e = self.events.get(self.pos).cloned();
        self.pos += 1;
        e
    }

    fn refuse(&mut self, what: &str, range: &Range<usize>) {
        let before = &self.src[..range.start.min(self.src.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let len = self.src[range.clone()]
            .lines()
            .next()
            .map_or(1, |l| l.chars().count());
        let file = format!("{} (rendered Markdown)", self.template.display());
        self.errors.push(
            Diagnostic::error(
                Path::new(&file),
                Some(self.src),
                Span::new(line, column, len),
                format!(
                    "template `{}` produced {what}, which is not part of the jobdoc Markdown dialect",
                    self.template.display()
                ),
            )
            .with_hint(
                "see templates/README.md for the dialect; print values as {{ value }} so they stay text",
            ),
        );
    }

    /// Skips to the end of the construct that `start` opened.
    fn skip_to_end(&mut self) {
        let mut depth = 1;
        while let Some((e, _)) = self.next() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// The document's blocks, parallel text included.
    fn document(&mut self) -> Vec<Block> {
        let mut out = Vec::new();
        loop {
            let (blocks, marker) = self.blocks_until(None);
            out.extend(blocks);
            match marker {
                None => return out,
                Some((Marker::Columns, range)) => out.push(self.columns(&range)),
                Some((marker, range)) => self.refuse(
                    &format!("{} outside `<!-- columns -->`", marker.written()),
                    &range,
                ),
            }
        }
    }

    /// Parallel text, from after its `<!-- columns -->` (at `start`) to its end. Each column
    /// classifies its paragraphs in its own course (requisites before its title, centred ones
    /// before its first section, then provisions), from where the document was; after the
    /// columns, the document is as far as either column got.
    fn columns(&mut self, start: &Range<usize>) -> Block {
        let at_start = (self.seen_title, self.seen_section);
        let mut course = [at_start; 2];
        let mut rows = Vec::new();
        let mut row: [Vec<Block>; 2] = Default::default();
        let mut cell = 0;
        self.in_columns = true;
        loop {
            (self.seen_title, self.seen_section) = course[cell];
            let (blocks, marker) = self.blocks_until(None);
            course[cell] = (self.seen_title, self.seen_section);
            row[cell].extend(blocks);
            match marker {
                None => {
                    self.refuse("`<!-- columns -->` without `<!-- end columns -->`", start);
                    break;
                }
                Some((Marker::Next, range)) => {
                    if cell == 1 {
                        self.refuse("a row of columns with a third cell", &range);
                    }
                    cell = 1;
                }
                Some((marker @ (Marker::Row | Marker::End), range)) => {
                    if cell == 0 {
                        self.refuse(
                            &format!(
                                "{} before the row's `<!-- next -->` (a row is a left cell, \
                                 `<!-- next -->`, a right cell; either may be empty)",
                                marker.written()
                            ),
                            &range,
                        );
                    }
                    rows.push(std::mem::take(&mut row));
                    cell = 0;
                    if marker == Marker::End {
                        break;
                    }
                }
                Some((Marker::Columns, range)) => {
                    self.refuse("`<!-- columns -->` inside columns", &range);
                }
            }
        }
        self.in_columns = false;
        self.seen_title = course.iter().any(|c| c.0);
        self.seen_section = course.iter().any(|c| c.1);
        Block::Columns { rows }
    }

    /// Block-level events until `end` (a blockquote's); a marker of parallel text there is
    /// refused.
    fn blocks(&mut self, end: TagEnd) -> Vec<Block> {
        let mut out = Vec::new();
        loop {
            let (blocks, marker) = self.blocks_until(Some(end));
            out.extend(blocks);
            match marker {
                None => return out,
                Some((marker, range)) => {
                    self.refuse(&format!("{} inside a blockquote", marker.written()), &range)
                }
            }
        }
    }

    /// Block-level events until `end` (or the end of input), or up to a marker of parallel text,
    /// returned with its place.
    fn blocks_until(
        &mut self,
        end: Option<TagEnd>,
    ) -> (Vec<Block>, Option<(Marker, Range<usize>)>) {
        let mut out = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(e) if Some(e) == end => break,
                Event::Start(Tag::Paragraph) => {
                    let lines = self.inlines(TagEnd::Paragraph);
                    out.push(self.classify(lines, &range));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let lines = self.inlines(TagEnd::Heading(level));
                    match level {
                        HeadingLevel::H1 => {
                            self.seen_title = true;
                            out.push(Block::Title { lines });
                        }
                        HeadingLevel::H2 | HeadingLevel::H3 => {
                            self.seen_section = true;
                            let text = join_lines(lines);
                            let level = if level == HeadingLevel::H2 { 2 } else { 3 };
                            out.push(Block::Heading { level, text });
                        }
                        _ => self.refuse("a heading below level 3", &range),
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    let inner = self.blocks(TagEnd::BlockQuote(None));
                    let mut lines = Vec::new();
                    for b in inner {
                        match b {
                            Block::Paragraph { lines: l }
                            | Block::Requisites { lines: l, .. }
                            | Block::Signature { lines: l } => lines.extend(l),
                            _ => self.refuse("a blockquote holding more than text", &range),
                        }
                    }
                    out.push(Block::Stamp { lines });
                }
                Event::Start(Tag::List(None)) => {
                    let items = self.list(1, &range);
                    out.push(Block::List { items });
                }
                Event::Start(Tag::List(Some(_))) => {
                    self.refuse(
                        "an ordered list (write numbers literally, `1.1. `, or escape `1\\.`)",
                        &range,
                    );
                    self.skip_to_end();
                }
                Event::Start(Tag::Table(_)) if self.in_columns => {
                    self.refuse("a table inside columns", &range);
                    self.skip_to_end();
                }
                Event::Start(Tag::Table(_)) => out.push(self.table()),
                Event::Rule if self.in_columns => {
                    self.refuse("a page break `---` inside columns", &range);
                }
                Event::Rule => out.push(Block::PageBreak),
                Event::Start(Tag::HtmlBlock) => {
                    let html = self.html_block();
                    if !is_comment(&html) {
                        self.refuse("raw HTML", &range);
                    } else if let Some(marker) = Marker::of(&html) {
                        return (out, Some((marker, range)));
                    }
                }
                Event::Html(h) if is_comment(&h) => {}
                Event::Start(Tag::CodeBlock(_)) => {
                    self.refuse("a code block", &range);
                    self.skip_to_end();
                }
                Event::Start(tag) => {
                    self.refuse(&format!("{tag:?}"), &range);
                    self.skip_to_end();
                }
                other => self.refuse(&describe(&other), &range),
            }
        }
        (out, None)
    }

    fn html_block(&mut self) -> String {
        let mut html = String::new();
        while let Some((e, _)) = self.next() {
            match e {
                Event::End(TagEnd::HtmlBlock) => break,
                Event::Html(h) | Event::Text(h) => html.push_str(&h),
                _ => {}
            }
        }
        html
    }

    fn classify(&self, lines: Vec<Line>, range: &Range<usize>) -> Block {
        if !self.seen_title {
            return Block::Requisites {
                placement: Placement::Left,
                lines,
            };
        }
        if !self.seen_section {
            return Block::Requisites {
                placement: Placement::Center,
                lines,
            };
        }
        // The number is read from the source, so a value that merely starts with digits (which
        // templates print escaped, `1\.`) never becomes a provision number.
        let raw = &self.src[range.clone()];
        if let Some(number) = provision_number(raw) {
            let mut lines = lines;
            if let Some(first) = lines.first_mut().and_then(|l| l.first_mut()) {
                first.text = first.text[number.len()..].trim_start().to_string();
            }
            return Block::Provision { number, lines };
        }
        if lines.iter().flatten().any(|r| r.text.contains("____")) {
            return Block::Signature { lines };
        }
        Block::Paragraph { lines }
    }

    fn list(&mut self, depth: usize, range: &Range<usize>) -> Vec<ListItem> {
        if depth > MAX_LIST_DEPTH {
            self.refuse("a list nested more than three levels deep", range);
        }
        let mut items = Vec::new();
        while let Some((event, r)) = self.next() {
            match event {
                Event::End(TagEnd::List(_)) => break,
                Event::Start(Tag::Item) => items.push(self.item(depth, &r)),
                other => self.refuse(&describe(&other), &r),
            }
        }
        items
    }

    fn item(&mut self, depth: usize, range: &Range<usize>) -> ListItem {
        let mut text: Line = Vec::new();
        let mut children = Vec::new();
        let mut style = Style::default();
        while let Some((event, r)) = self.next() {
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) => {
                    let lines = self.inlines(TagEnd::Paragraph);
                    text.extend(join_lines(lines));
                }
                Event::Start(Tag::List(None)) => children.extend(self.list(depth + 1, &r)),
                Event::Start(Tag::List(Some(_))) => {
                    self.refuse("an ordered list", &r);
                    self.skip_to_end();
                }
                e => {
                    if let Some(run) = self.inline(e, &r, &mut style) {
                        match run {
                            Inline::Run(run) => text.push(run),
                            Inline::Break => text.push(Run {
                                text: " ".into(),
                                bold: style.bold,
                                italic: style.italic,
                            }),
                        }
                    }
                }
            }
        }
        if text.is_empty() && children.is_empty() {
            self.refuse("an empty list item", range);
        }
        ListItem {
            text: merge(text),
            children,
        }
    }

    fn table(&mut self) -> Block {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<Line>> = Vec::new();
        let mut in_head = false;
        while let Some((event, r)) = self.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::End(TagEnd::TableRow) => {}
                Event::Start(Tag::TableCell) => {
                    let cell = join_lines(self.inlines(TagEnd::TableCell));
                    if in_head {
                        header.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                }
                other => self.refuse(&describe(&other), &r),
            }
        }
        Block::Table { header, rows }
    }

    /// Inline events until `end`, split into lines at hard breaks.
    fn inlines(&mut self, end: TagEnd) -> Vec<Line> {
        let mut lines: Vec<Line> = vec![Vec::new()];
        let mut style = Style::default();
        while let Some((event, r)) = self.next() {
            if event == Event::End(end) {
                break;
            }
            match self.inline(event, &r, &mut style) {
                Some(Inline::Run(run)) => lines.last_mut().map_or((), |l| l.push(run)),
                Some(Inline::Break) => lines.push(Vec::new()),
                None => {}
            }
        }
        lines.into_iter().map(merge).collect()
    }

    fn inline(&mut self, event: Event<'a>, r: &Range<usize>, style: &mut Style) -> Option<Inline> {
        let run = |text: &str, style: &Style| {
            Some(Inline::Run(Run {
                text: text.to_string(),
                bold: style.bold,
                italic: style.italic,
            }))
        };
        match event {
            Event::Text(t) => run(&t, style),
            Event::SoftBreak => run(" ", style),
            Event::HardBreak => Some(Inline::Break),
            Event::Start(Tag::Strong) => {
                style.bold = true;
                None
            }
            Event::End(TagEnd::Strong) => {
                style.bold = false;
                None
            }
            Event::Start(Tag::Emphasis) => {
                style.italic = true;
                None
            }
            Event::End(TagEnd::Emphasis) => {
                style.italic = false;
                None
            }
            Event::InlineHtml(h) if is_comment(&h) => None,
            Event::Start(Tag::Link { .. }) => {
                self.refuse("a link", r);
                self.skip_to_end();
                None
            }
            Event::Start(Tag::Image { .. }) => {
                self.refuse("an image", r);
                self.skip_to_end();
                None
            }
            Event::Start(tag) => {
                self.refuse(&format!("{tag:?}"), r);
                self.skip_to_end();
                None
            }
            other => {
                self.refuse(&describe(&other), r);
                None
            }
        }
    }
}

#[derive(Default)]
struct Style {
    bold: bool,
    italic: bool,
}

enum Inline {
    Run(Run),
    Break,
}

fn describe(event: &Event) -> String {
    match event {
        Event::Code(_) => "inline code".into(),
        Event::Html(_) | Event::InlineHtml(_) => "raw HTML".into(),
        Event::FootnoteReference(_) => "a footnote".into(),
        Event::InlineMath(_) | Event::DisplayMath(_) => "math".into(),
        Event::TaskListMarker(_) => "a task list".into(),
        Event::Rule => "a thematic break here".into(),
        other => format!("{other:?}"),
    }
}

fn is_comment(html: &str) -> bool {
    let h = html.trim();
    h.starts_with("<!--") && h.ends_with("-->")
}

/// Adjacent runs of the same style joined into one.
fn merge(line: Line) -> Line {
    let mut out: Line = Vec::with_capacity(line.len());
    for run in line {
        match out.last_mut() {
            Some(last) if last.bold == run.bold && last.italic == run.italic => {
                last.text.push_str(&run.text);
            }
            _ => out.push(run),
        }
    }
    out
}

fn join_lines(lines: Vec<Line>) -> Line {
    let mut out = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            out.push(Run {
                text: " ".into(),
                bold: false,
                italic: false,
            });
        }
        out.extend(line);
    }
    merge(out)
}

/// `blocks` with every paragraph right before a table made its caption.
fn captions(mut blocks: Vec<Block>) -> Vec<Block> {
    for i in 1..blocks.len() {
        if matches!(blocks[i], Block::Table { .. })
            && let Block::Paragraph { lines } = &mut blocks[i - 1]
        {
            let lines = std::mem::take(lines);
            blocks[i - 1] = Block::Caption { lines };
        }
    }
    blocks
}

/// `3.18.` when the raw paragraph starts with a literal multi-level number and a space.
fn provision_number(raw: &str) -> Option<String> {
    let end = raw.find(char::is_whitespace)?;
    let number = &raw[..end];
    let parts: Vec<&str> = number.strip_suffix('.')?.split('.').collect();
    (parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
    .then(|| number.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(md: &str) -> Document {
        parse(md, Path::new("t.md")).unwrap()
    }

    #[test]
    fn reads_the_dialect() {
        let doc = parse_ok(
            "ООО «Пример»\n\n> УТВЕРЖДАЮ\\\n> Директор\n\nДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\\\nменеджера\n====\n\n\
             05.06.2026\n\n## 1. Общие положения\n\n1.1. Текст *курсив*.\n\n- один;\n  - вложенный;\n- два.\n\n\
             Должность ________ И.О.\u{a0}Фамилия\n\n---\n\n| № | ФИО |\n|---|---|\n| 1 | |\n",
        );
        assert_eq!(
            kinds(&doc.blocks),
            [
                "left",
                "stamp",
                "title",
                "center",
                "heading",
                "provision",
                "list",
                "signature",
                "break",
                "table"
            ]
        );
        assert_eq!(doc.title(), "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера");
        let Block::Provision { number, lines } = &doc.blocks[5] else {
            panic!()
        };
        assert_eq!(number, "1.1.");
        assert_eq!(lines[0][0].text, "Текст ");
        assert!(lines[0][1].italic);
        let Block::List { items } = &doc.blocks[6] else {
            panic!()
        };
        assert_eq!(items[0].children.len(), 1);
    }

    #[test]
    fn refuses_what_is_outside_the_dialect() {
        for md in [
            "```\ncode\n```\n",
            "1. list\n",
            "[a](b)\n",
            "<div>x</div>\n",
            "#### deep\n",
            "`x`\n",
        ] {
            let errs = parse(md, Path::new("templates/x.md")).unwrap_err();
            assert!(
                errs[0].message.contains("templates/x.md"),
                "{md}: {}",
                errs[0].message
            );
        }
    }

    #[test]
    fn a_paragraph_before_a_table_is_its_caption() {
        let doc = parse_ok(
            "# T\n\n## 1. S\n\nВводный абзац.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст.\n",
        );
        let Block::Caption { lines } = &doc.blocks[2] else {
            panic!("{:?}", doc.blocks[2])
        };
        assert_eq!(plain(&lines[0]), "Вводный абзац.");
        assert!(matches!(doc.blocks[3], Block::Table { .. }));
        assert!(matches!(doc.blocks[4], Block::Paragraph { .. }));
    }

    /// The kind of each block, for comparing structures.
    fn kinds(blocks: &[Block]) -> Vec<&'static str> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Requisites {
                    placement: Placement::Left,
                    ..
                } => "left",
                Block::Requisites {
                    placement: Placement::Center,
                    ..
                } => "center",
                Block::Stamp { .. } => "stamp",
                Block::Title { .. } => "title",
                Block::Heading { .. } => "heading",
                Block::Provision { .. } => "provision",
                Block::Paragraph { .. } => "paragraph",
                Block::Caption { .. } => "caption",
                Block::Signature { .. } => "signature",
                Block::List { .. } => "list",
                Block::Table { .. } => "table",
                Block::PageBreak => "break",
                Block::Columns { .. } => "columns",
            })
            .collect()
    }

    #[test]
    fn reads_parallel_text_each_column_in_its_own_course() {
        let doc = parse_ok(
            "<!-- columns -->\n\nООО «Пример»\n\n<!-- next -->\n\nPrimer LLC\n\n<!--row-->\n\n\
             > УТВЕРЖДАЮ\n\n# ИНСТРУКЦИЯ\n\n05.06.2026\n\n<!-- next -->\n\n> APPROVED\n\n\
             # JOB DESCRIPTION\n\nJune 5, 2026\n\n<!-- row -->\n\n## 1. Общие\n\n\
             <!-- a comment that is not a marker -->\n\n<!-- next -->\n\n## 1. General\n\n\
             <!-- row -->\n\n1.1. Текст:\n\n- один;\n- два.\n\n<!-- next -->\n\n\
             1.1. Text:\n\n- one\n- two\n\n<!-- row -->\n\n<!-- next -->\n\n\
             1.2. Only in English.\n\n<!-- end columns -->\n\nПодпись ____ Фамилия\n",
        );
        assert_eq!(kinds(&doc.blocks), ["columns", "signature"]);
        let Block::Columns { rows } = &doc.blocks[0] else {
            panic!()
        };
        let cells: Vec<[Vec<&str>; 2]> = rows.iter().map(|[l, r]| [kinds(l), kinds(r)]).collect();
        assert_eq!(
            cells,
            [
                [vec!["left"], vec!["left"]],
                [
                    vec!["stamp", "title", "center"],
                    vec!["stamp", "title", "center"]
                ],
                [vec!["heading"], vec!["heading"]],
                [vec!["provision", "list"], vec!["provision", "list"]],
                [vec![], vec!["provision"]],
            ]
        );
        // the original's title, for document properties
        assert_eq!(doc.title(), "ИНСТРУКЦИЯ");
        assert_eq!(
            kinds(&doc.original().into_iter().cloned().collect::<Vec<_>>()).len(),
            8
        );
    }

    #[test]
    fn each_column_starts_from_where_the_document_is() {
        let doc = parse_ok(
            "# T\n\n## 1. S\n\n<!-- columns -->\n\n1.1. Текст.\n\n<!-- next -->\n\n\
             1.1. Text.\n\n<!-- end columns -->\n\n1.2. После.\n",
        );
        assert_eq!(
            kinds(&doc.blocks),
            ["title", "heading", "columns", "provision"]
        );
        let Block::Columns { rows } = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!([kinds(&rows[0][0]), kinds(&rows[0][1])], [["provision"]; 2]);
        // after the columns, the document is as far as either column got
        let doc = parse_ok(
            "<!-- columns -->\n\n<!-- next -->\n\n# T\n\n## 1. S\n\n\
             <!-- end columns -->\n\n1.1. Текст.\n",
        );
        assert_eq!(kinds(&doc.blocks), ["columns", "provision"]);
    }

    #[test]
    fn refuses_misplaced_parts_of_parallel_text_at_their_line() {
        let open = "<!-- columns -->\n\nA\n\n<!-- next -->\n\nB\n\n";
        for (md, line, what) in [
            (
                format!("{open}| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- end columns -->\n"),
                9,
                "a table inside columns",
            ),
            (
                format!("{open}---\n\n<!-- end columns -->\n"),
                9,
                "a page break `---` inside columns",
            ),
            (
                format!("{open}<!-- columns -->\n\n<!-- end columns -->\n"),
                9,
                "`<!-- columns -->` inside columns",
            ),
            (
                format!("{open}<!-- next -->\n\nC\n\n<!-- end columns -->\n"),
                9,
                "a row of columns with a third cell",
            ),
            (
                "<!-- columns -->\n\nA\n\n<!-- row -->\n\nB\n\n<!-- next -->\n\nC\n\n\
                 <!-- end columns -->\n"
                    .to_string(),
                5,
                "`<!-- row -->` before the row's `<!-- next -->`",
            ),
            (
                "<!-- columns -->\n\nA\n\n<!-- end columns -->\n".to_string(),
                5,
                "`<!-- end columns -->` before the row's `<!-- next -->`",
            ),
            (
                "Текст.\n\n<!-- next -->\n".to_string(),
                3,
                "`<!-- next -->` outside `<!-- columns -->`",
            ),
            (
                "<!-- row -->\n".to_string(),
                1,
                "`<!-- row -->` outside `<!-- columns -->`",
            ),
            (
                "# T\n\n<!-- end columns -->\n".to_string(),
                3,
                "`<!-- end columns -->` outside `<!-- columns -->`",
            ),
            (
                format!("{open}<!-- row -->\n\nC\n"),
                1,
                "`<!-- columns -->` without `<!-- end columns -->`",
            ),
            (
                format!("{open}> quote\n>\n> <!-- row -->\n\n<!-- end columns -->\n"),
                11,
                "`<!-- row -->` inside a blockquote",
            ),
        ] {
            let errs = parse(&md, Path::new("templates/x.md")).unwrap_err();
            assert_eq!(
                errs.len(),
                1,
                "{md}: {:?}",
                errs.iter().map(|e| &e.message).collect::<Vec<_>>()
            );
            assert!(errs[0].message.contains(what), "{md}: {}", errs[0].message);
            assert_eq!(errs[0].span.line, line, "{md}");
        }
    }

    #[test]
    fn escaped_numbers_are_not_provisions() {
        let doc = parse_ok("# T\n\n## 1. S\n\n1\\.1. текст\n");
        assert!(matches!(doc.blocks[2], Block::Paragraph { .. }));
    }
}
