//! A professional standard (профессиональный стандарт) in the XML of the Ministry of Labour's
//! register into a role: the labour functions asked for give the duties (labour actions), what
//! the employee must know (necessary knowledge) and must be able to do (required skills); their
//! generalized function the qualification (education, experience, special conditions of
//! admission) and the title (its first possible job title). Every provision keeps its function's
//! code in `origin`, the standard itself goes under `professional_standard`.
//!
//! Real files are untidy, and each repair is reported at its line: Windows-1251 text, HTML
//! entities (`&laquo;`) that XML does not define, one element holding several entries a line,
//! and the knowledge and skills blocks swapped.

use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use crate::load::{Lines, position};

use super::report::Report;
use super::text::{fold, unbulleted};
use super::yaml::{inline, scalar};
use super::{Imported, bare, nominative_forms, transliterate};
use crate::locale::ru::import as words;
use crate::model::check::function_key as code_key;

/// Why a file is not a professional standard to import, and where.
#[derive(Debug)]
pub struct XmlError {
    /// What is wrong.
    pub message: String,
    /// The line (1-based).
    pub line: usize,
    /// The column (1-based).
    pub column: usize,
}

impl XmlError {
    fn at(line: usize, column: usize, message: impl Into<String>) -> XmlError {
        XmlError {
            message: message.into(),
            line,
            column,
        }
    }
}

/// HTML's named entities the register's files use, and what they stand for: XML knows only its
/// own five (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`), which the parser decodes itself.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{a0}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("minus", "\u{2212}"),
    ("hellip", "\u{2026}"),
    ("bdquo", "\u{201e}"),
    ("ldquo", "\u{201c}"),
    ("rdquo", "\u{201d}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201a}"),
    ("numero", "\u{2116}"),
    ("sect", "\u{a7}"),
    ("deg", "\u{b0}"),
    ("plusmn", "\u{b1}"),
    ("times", "\u{d7}"),
    ("middot", "\u{b7}"),
    ("bull", "\u{2022}"),
    ("le", "\u{2264}"),
    ("ge", "\u{2265}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    // a soft hyphen only marks where a word may break: the typesetter hyphenates itself
    ("shy", ""),
];

/// XML's own entities, which the parser decodes: left to it in the file, decoded by
/// [`entities`] only in text the parser gave, where they were escaped once more (`&amp;amp;`).
const XML_ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
];

/// The value of the entity or character reference `name` (`laquo`, `#171`, `#xAB`): of
/// [`ENTITIES`], and when `escaped` (text the parser gave, escaped once more) also of XML's.
fn entity(name: &str, escaped: bool) -> Option<String> {
    if let Some((_, value)) = ENTITIES.iter().find(|(n, _)| *n == name) {
        return Some(value.to_string());
    }
    if !escaped {
        return None;
    }
    if let Some((_, value)) = XML_ENTITIES.iter().find(|(n, _)| *n == name) {
        return Some(value.to_string());
    }
    let number = name.strip_prefix('#')?;
    let code = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    char::from_u32(code)
        .filter(|c| !c.is_control() || c.is_whitespace())
        .map(String::from)
}

/// `text` with the HTML entities of [`ENTITIES`] decoded (`escaped`: XML's and character
/// references too, see [`entity`]); the names decoded, in order, each once.
fn entities(text: &str, escaped: bool) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let found = after
            .find(';')
            .and_then(|end| entity(&after[..end], escaped).map(|v| (v, end)));
        match found {
            Some((value, end)) => {
                out.push_str(&value);
                let name = &after[..end];
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, names)
}

/// The column in the file `text` of `column` (in characters, from 1) of `line` of the text
/// parsed, where [`ENTITIES`] were decoded line by line: an entity is one character there (none
/// for `&shy;`), its name here.
fn in_file(text: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(original) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line, column);
    };
    // characters of the text parsed, and of the file, before the place
    let (mut parsed, mut file) = (0, 0);
    let mut rest = original;
    while parsed + 1 < column && !rest.is_empty() {
        let decoded = rest.strip_prefix('&').and_then(|after| {
            let end = after.find(';')?;
            entity(&after[..end], false).map(|v| (v, end))
        });
        match decoded {
            Some((value, end)) => {
                parsed += value.chars().count();
                file += end + 2;
                rest = &rest[end + 2..];
            }
            None => {
                let c = rest.chars().next().unwrap_or_default();
                parsed += 1;
                file += 1;
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    (line, file + 1 + (column - 1).saturating_sub(parsed))
}

/// `&laquo;`, `&raquo;` for the report.
fn entity_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`&{n};`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file's text: UTF-8, or the encoding its XML declaration names (Windows-1251), decoded.
fn decode(bytes: &[u8], report: &mut Report) -> Result<String, XmlError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // the declaration is ASCII in every encoding a standard is published in
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).into_owned();
    let declared = head
        .starts_with("<?xml")
        .then(|| head.split("?>").next().unwrap_or_default())
        .and_then(|decl| {
            regex::Regex::new(r#"encoding\s*=\s*["']([^"']+)["']"#)
                .ok()?
                .captures(decl)
                .map(|c| c[1].to_string())
        });
    let encoding = match &declared {
        None => encoding_rs::UTF_8,
        Some(label) => encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            XmlError::at(
                1,
                1,
                format!(
                    "the XML declaration names the encoding `{label}`, which import does not know"
                ),
            )
        })?,
    };
    // a file saved again as UTF-8 keeps its old declaration; Windows-1251 Cyrillic is never
    // valid UTF-8
    if encoding != encoding_rs::UTF_8
        && !bytes.is_ascii()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        report.oddity(
            1,
            format!(
                "the XML declaration says {}, but the file is UTF-8 (saved again without changing the declaration?): read as UTF-8",
                encoding.name()
            ),
        );
        return Ok(text.to_string());
    }
    if encoding == encoding_rs::UTF_8 {
        return String::from_utf8(bytes.to_vec()).map_err(|e| {
            // the bytes before the first that is not UTF-8 are UTF-8
            let before = std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or_default();
            let at = position(before, before.len());
            XmlError::at(at.line, at.column, "the file is not UTF-8 and its XML declaration names no other encoding (`encoding=\"windows-1251\"`)")
        });
    }
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    report.placed(
        1,
        format!(
            "the file is {} (its XML declaration says so): decoded{}",
            encoding.name(),
            match malformed {
                true => "; bytes that are no character in it became `\u{fffd}`",
                false => "",
            }
        ),
    );
    Ok(text.into_owned())
}

/// An entry of a list of the standard: its text and line.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    line: usize,
}

/// A labour function (ТФ) as read.
#[derive(Debug)]
struct Particular {
    /// The line the function starts at.
    line: usize,
    code: String,
    name: String,
    level: Option<String>,
    actions: Vec<Entry>,
    skills: Vec<Entry>,
    knowledge: Vec<Entry>,
    /// The line of the skills block and of the knowledge block.
    skills_line: usize,
    knowledge_line: usize,
}

/// A generalized labour function (ОТФ) as read.
#[derive(Debug)]
struct Generalized {
    /// The line the function starts at.
    line: usize,
    code: String,
    name: String,
    level: Option<String>,
    titles: Vec<Entry>,
    /// The line of the titles block (of the function, without one).
    titles_line: usize,
    /// Education, experience, special conditions: [`words::QUALIFICATION_PARTS`]' order.
    requirements: [Vec<Entry>; 3],
    /// Other characteristics (ЕКС, ОКЗ codes …): not imported, said.
    other: Option<usize>,
    particulars: Vec<Particular>,
}

/// What the file is read with: the text's lines, the lines where entities were decoded before
/// parsing, the report.
struct Reader<'r> {
    /// The lines of the text parsed, to place nodes (the parser's own positions rescan it).
    lines: &'r Lines<'r>,
    /// Per line (from 1), the entities decoded on it before parsing.
    decoded: &'r [Vec<String>],
    /// The lines whose entities decoded before parsing were reported: once a line, however
    /// many nodes it holds.
    reported: std::collections::BTreeSet<usize>,
    report: &'r mut Report,
    /// Reading a function not imported: nothing to report of it.
    quiet: bool,
}

impl Reader<'_> {
    /// The line a node starts at.
    fn line(&self, node: Node) -> usize {
        self.lines.span(node.range().start).line
    }

    /// The element child of `node` named `name`.
    fn child<'a, 'i>(&self, node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
        node.children()
            .find(|c| c.is_element() && c.tag_name().name() == name)
    }

    /// The text of `node`: its text and its descendants', whitespace folded, entities decoded
    /// (those escaped as `&amp;laquo;` too), each decoding reported.
    fn text(&mut self, node: Node) -> String {
        let (text, twice) = entities(&raw(node), true);
        let line = self.line(node);
        let last = self.lines.span(node.range().end).line;
        let mut names: Vec<&str> = Vec::new();
        for l in line..=last {
            if self.quiet || !self.reported.insert(l) {
                continue;
            }
            for n in self.decoded.get(l - 1).into_iter().flatten() {
                if !names.contains(&n.as_str()) {
                    names.push(n);
                }
            }
        }
        if !names.is_empty() && !self.quiet {
            self.report.placed(
                line,
                format!("HTML entities {} decoded", entity_list(&names)),
            );
        }
        if !twice.is_empty() && !self.quiet {
            self.report.oddity(
                line,
                format!(
                    "HTML entities {} escaped as text (`&amp;…;`): decoded",
                    entity_list(&twice.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            );
        }
        fold(&text)
    }

    /// The text of the child `name` of `node`, empty when it has none.
    fn field(&mut self, node: Node, name: &str) -> String {
        match self.child(node, name) {
            Some(c) => self.text(c),
            None => String::new(),
        }
    }

    /// The entries of the list `container` of `node` (`LaborActions`): each child `item`
    /// (`LaborAction`), one or many; a child, or a container without children, holding several
    /// lines is an entry a line (reported). Entries that say nothing (`-`) are left out.
    fn entries(&mut self, node: Node, container: &str, item: &str) -> (Vec<Entry>, usize) {
        let Some(list) = self.child(node, container) else {
            return (Vec::new(), self.line(node));
        };
        let line = self.line(list);
        let items: Vec<Node> = list
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == item)
            .collect();
        let holders = match items.is_empty() {
            true => vec![list],
            false => items,
        };
        let mut out = Vec::new();
        for holder in holders {
            let at = self.line(holder);
            let raw = raw(holder);
            // (the line's offset in the element, its text), a carriage return alone a break too;
            // a bullet before an entry is the list's mark, not its words
            let lines: Vec<(usize, &str)> = raw
                .split('\n')
                .enumerate()
                .flat_map(|(i, l)| l.split('\r').map(move |part| (i, part.trim())))
                .map(|(i, l)| (i, unbulleted(l).unwrap_or(l)))
                .filter(|(_, l)| !l.is_empty())
                .collect();
            let text = self.text(holder);
            if lines.len() > 1 {
                if !self.quiet {
                    self.report.guessed(
                        at,
                        format!(
                            "`{}` holds {} lines: an entry each",
                            holder.tag_name().name(),
                            lines.len()
                        ),
                    );
                }
                for (offset, l) in lines {
                    out.push(Entry {
                        text: fold(&entities(l, true).0),
                        line: at + offset,
                    });
                }
            } else if !text.is_empty() {
                out.push(Entry {
                    text: unbulleted(&text).unwrap_or(&text).to_string(),
                    line: at,
                });
            }
        }
        out.retain(|e| e.text.chars().any(char::is_alphanumeric));
        (out, line)
    }

    /// `titles` with each holding several separated by commas or semicolons (outside brackets:
    /// «Специалист (по продажам, по закупкам)» is one) taken apart, reported.
    fn split_titles(&mut self, titles: Vec<Entry>) -> Vec<Entry> {
        let mut out = Vec::new();
        for t in titles {
            let mut depth = 0i32;
            let parts: Vec<String> = t
                .text
                .split(|c: char| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0 && matches!(c, ',' | ';')
                })
                .map(|p| p.trim().to_string())
                .filter(|p| p.chars().any(char::is_alphanumeric))
                .collect();
            if parts.len() > 1 && !self.quiet {
                self.report.guessed(
                    t.line,
                    format!(
                        "`{}` names {} titles, separated by commas or semicolons: a possible job title each",
                        t.text,
                        parts.len()
                    ),
                );
            }
            out.extend(parts.into_iter().map(|text| Entry { text, line: t.line }));
        }
        out
    }

    /// The generalized labour functions of `standard`, with their labour functions; only what
    /// `wanted` names (a function or its generalized one) is reported on.
    fn functions(&mut self, standard: Node, wanted: &[String]) -> Vec<Generalized> {
        let mut out = Vec::new();
        let found: Vec<Node> = standard
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "GeneralizedWorkFunction")
            .collect();
        let asked = |code: &str| wanted.iter().any(|w| code_key(w) == code_key(code));
        for g in found {
            self.quiet = true;
            let code = self.field(g, "CodeOTF");
            let whole = asked(&code);
            let any = whole
                || g.descendants()
                    .filter(|n| n.is_element() && n.tag_name().name() == "CodeTF")
                    .any(|c| asked(c.text().unwrap_or_default().trim()));
            self.quiet = !any;
            let level = Some(self.field(g, "LevelOfQualification")).filter(|l| !l.is_empty());
            let other = self.child(g, "OtherCharacteristics").map(|o| self.line(o));
            let mut particulars = Vec::new();
            let tfs: Vec<Node> = g
                .descendants()
                .filter(|n| n.is_element() && n.tag_name().name() == "ParticularWorkFunction")
                .collect();
            for p in tfs {
                self.quiet = true;
                let code = self.field(p, "CodeTF");
                self.quiet = !(whole || asked(&code));
                let (actions, _) = self.entries(p, "LaborActions", "LaborAction");
                let (skills, skills_line) = self.entries(p, "RequiredSkills", "RequiredSkill");
                let (knowledge, knowledge_line) =
                    self.entries(p, "NecessaryKnowledges", "NecessaryKnowledge");
                self.quiet = !any;
                particulars.push(Particular {
                    line: self.line(p),
                    code,
                    name: self.field(p, "NameTF"),
                    level: Some(self.field(p, "SubQualification")).filter(|l| !l.is_empty()),
                    actions,
                    skills,
                    knowledge,
                    skills_line,
                    knowledge_line,
                });
            }
            let (titles, titles_line) = self.entries(g, "PossibleJobTitles", "PossibleJobTitle");
            let titles = self.split_titles(titles);
            out.push(Generalized {
                line: self.line(g),
                code,
                name: self.field(g, "NameOTF"),
                level,
                titles,
                titles_line,
                requirements: [
                    self.entries(g, "EducationalRequirements", "EducationalRequirement")
                        .0,
                    self.entries(
                        g,
                        "RequirementsWorkExperiences",
                        "RequirementWorkExperience",
                    )
                    .0,
                    self.entries(
                        g,
                        "SpecialConditionsForAdmissionToWork",
                        "SpecialConditionForAdmissionToWork",
                    )
                    .0,
                ],
                other,
                particulars,
            });
        }
        out
    }
}

/// The text of `node` and of its descendants, as written.
fn raw(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Whether `text` starts with an infinitive: a skill («Применять …»), not knowledge.
fn infinitive(text: &str) -> bool {
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    words::INFINITIVE_ENDINGS.iter().any(|e| first.ends_with(e))
        && !words::NOUN_ENDINGS.iter().any(|e| first.ends_with(e))
        && !words::NOT_INFINITIVES.contains(&first.as_str())
}

/// Swaps a labour function's knowledge and skills when the knowledge reads as skills (most of
/// it starts with an infinitive) and the skills do not; reported.
fn unswap(p: &mut Particular, report: &mut Report) {
    let share = |list: &[Entry]| list.iter().filter(|e| infinitive(&e.text)).count();
    let (k, s) = (share(&p.knowledge), share(&p.skills));
    if k * 2 > p.knowledge.len() && s * 2 < p.skills.len().max(1) {
        report.oddity(
            p.knowledge_line,
            format!(
                "{}: {k} of the {} entries of the necessary knowledge (`NecessaryKnowledges`) start with an infinitive, {s} of the {} required skills (`RequiredSkills`, line {}) do: the blocks look swapped, and are imported swapped back; check",
                p.code,
                p.knowledge.len(),
                p.skills.len(),
                p.skills_line
            ),
        );
        std::mem::swap(&mut p.knowledge, &mut p.skills);
    }
}

/// A provision of the role and the functions it comes from.
struct Provision {
    text: String,
    origin: Vec<String>,
}

/// Adds `entries` of function `code` to `list`, as dash entries (`lower`: the first letter in
/// lower case, as mid-sentence) or as provisions of their own; an entry already there (another
/// function's) gets the code in its origin.
fn add(list: &mut Vec<Provision>, entries: &[Entry], code: &str, lower: bool) {
    for e in entries {
        let text = match lower {
            true => crate::locale::lcfirst(&bare(&e.text)),
            false => bare(&e.text),
        };
        match list.iter_mut().find(|p| p.text == text) {
            Some(p) if !p.origin.iter().any(|c| c == code) => p.origin.push(code.to_string()),
            Some(_) => {}
            None => list.push(Provision {
                text,
                origin: vec![code.to_string()],
            }),
        }
    }
}

/// `[A/01.5, A/02.5]`: a code quoted when plain YAML would not read it back, or it holds a
/// flow sequence's marks.
fn origin_yaml(origin: &[String]) -> String {
    let codes: Vec<String> = origin
        .iter()
        .map(|c| match c.contains([',', '[', ']', '{', '}']) {
            true => serde_json::to_string(c).unwrap_or_default(),
            false => inline(c),
        })
        .collect();
    format!("[{}]", codes.join(", "))
}

/// A list of provisions with their origins, at `indent`.
fn provisions_yaml(list: &[Provision], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for p in list {
        out.push_str(&format!("{pad}- text: {}\n", scalar(&p.text, indent + 2)));
        out.push_str(&format!("{pad}  origin: {}\n", origin_yaml(&p.origin)));
    }
}

/// Imports the labour functions `codes` (a generalized function's code takes all of its
/// functions) of the professional standard in `bytes`.
pub fn import(source: &Path, bytes: &[u8], codes: &[String]) -> Result<Imported, XmlError> {
    let mut report = Report::new(source);
    let text = decode(bytes, &mut report)?;
    // HTML entities decoded before parsing (the parser refuses what XML does not define), line
    // by line so that every position stays on its line
    let mut decoded = Vec::new();
    let mut prepared = String::with_capacity(text.len());
    let mut count = 0;
    for line in text.split_inclusive('\n') {
        let (l, names) = entities(line, false);
        count += usize::from(!names.is_empty());
        prepared.push_str(&l);
        decoded.push(names);
    }
    if count > 0 {
        report.placed(
            1,
            format!("HTML entities decoded on {count} line(s) (XML defines only its own five)"),
        );
    }
    // no DTD: the register's files have none, and entities a DTD defines could expand without end
    let doc = Document::parse_with_options(&prepared, ParsingOptions::default()).map_err(|e| {
        let pos = e.pos();
        match (&e, prepared.find("<!DOCTYPE")) {
            // the parser does not say where the DTD is
            (roxmltree::Error::DtdDetected, Some(at)) => {
                let at = position(&prepared, at);
                let (line, column) = in_file(&text, at.line, at.column);
                XmlError::at(line, column, "the file has a DTD (`<!DOCTYPE … [ … ]>`), which a professional standard of the register has not: remove it")
            }
            _ => {
                let (line, column) = in_file(&text, pos.row as usize, pos.col as usize);
                // the parser's message ends with its place in the text parsed, not the file's
                let message = e.to_string();
                let message = message
                    .strip_suffix(&format!(" at {}", pos))
                    .unwrap_or(&message);
                XmlError::at(line, column, format!("not well-formed XML: {message}"))
            }
        }
    })?;
    let lines = Lines::new(&prepared);
    let standards: Vec<Node> = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "ProfessionalStandart")
        .collect();
    let standard = match standards.as_slice() {
        [one] => *one,
        [] => {
            return Err(XmlError::at(
                1,
                1,
                "no `ProfessionalStandart` element: not a professional standard of the register",
            ));
        }
        [_, second, ..] => {
            let pos = lines.span(second.range().start);
            let (line, column) = in_file(&text, pos.line, pos.column);
            return Err(XmlError::at(
                line,
                column,
                format!(
                    "the file holds {} professional standards: import from a file of one",
                    standards.len()
                ),
            ));
        }
    };
    let mut reader = Reader {
        lines: &lines,
        decoded: &decoded,
        reported: std::collections::BTreeSet::new(),
        report: &mut report,
        quiet: false,
    };
    let name = reader.field(standard, "NameProfessionalStandart");
    let registration = reader.field(standard, "RegistrationNumber");
    let kind_code = reader
        .child(standard, "FirstSection")
        .map(|f| reader.field(f, "CodeKindProfessionalActivity"))
        .filter(|c| !c.is_empty());
    let mut functions = reader.functions(standard, codes);
    let at = |node: Node| lines.span(node.range().start).line;
    if name.is_empty() || registration.is_empty() {
        return Err(XmlError::at(
            at(standard),
            1,
            "the standard gives no `NameProfessionalStandart` or no `RegistrationNumber`",
        ));
    }
    let listing = || {
        functions
            .iter()
            .flat_map(|g| {
                std::iter::once(format!("{} ({})", g.code, g.name)).chain(
                    g.particulars
                        .iter()
                        .map(|p| format!("{} ({})", p.code, p.name)),
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if codes.is_empty() {
        return Err(XmlError::at(
            1,
            1,
            format!(
                "give the labour functions to import with `--function`: the file has {}",
                listing()
            ),
        ));
    }
    // (generalized function, its labour functions chosen), in the order asked
    let mut chosen: Vec<(usize, Vec<usize>)> = Vec::new();
    for code in codes {
        let code = code.trim();
        let key = code_key(code);
        let found = functions.iter().enumerate().find_map(|(gi, g)| {
            if code_key(&g.code) == key {
                return Some((gi, (0..g.particulars.len()).collect::<Vec<_>>(), &g.code));
            }
            g.particulars
                .iter()
                .position(|p| code_key(&p.code) == key)
                .map(|pi| (gi, vec![pi], &g.particulars[pi].code))
        });
        let Some((gi, pis, written)) = found else {
            return Err(XmlError::at(
                1,
                1,
                format!(
                    "the standard has no labour function `{code}`; it has {}",
                    listing()
                ),
            ));
        };
        if written != code {
            report.guessed(
                1,
                format!("`{code}` is written `{written}` in the file (its letters Cyrillic or in another case): that function is imported, under the file's code"),
            );
        }
        match chosen.iter_mut().find(|(g, _)| *g == gi) {
            Some((_, list)) => {
                for p in pis {
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
            }
            None => chosen.push((gi, pis)),
        }
    }
    for (gi, pis) in &chosen {
        for pi in pis {
            unswap(&mut functions[*gi].particulars[*pi], &mut report);
        }
    }
    let (first, _) = chosen[0];
    let general = &functions[first];
    for (gi, _) in chosen.iter().skip(1) {
        let g = &functions[*gi];
        report.guessed(
            1,
            format!(
                "the functions asked for belong to several generalized functions: the title and qualification are {}'s; {}'s (level {}) are not imported",
                general.code,
                g.code,
                g.level.as_deref().unwrap_or("not given")
            ),
        );
    }
    // the title: the first possible job title that declines, the others offered
    let Some((chosen_title, forms)) = general
        .titles
        .iter()
        .enumerate()
        .find_map(|(i, t)| nominative_forms(&t.text, t.line, &mut report).map(|f| (i, f)))
    else {
        return Err(match general.titles.first() {
            None => XmlError::at(
                general.titles_line,
                1,
                format!(
                    "the generalized function {} gives no possible job title (`PossibleJobTitles`) to name the role",
                    general.code
                ),
            ),
            Some(first) => XmlError::at(
                first.line,
                1,
                format!(
                    "cannot tell the case forms of any possible job title of {} ({}): write the role with `jobdoc new`, giving the title's forms",
                    general.code,
                    general
                        .titles
                        .iter()
                        .map(|t| format!("`{}`", t.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        });
    };
    let title = &general.titles[chosen_title];
    for skipped in &general.titles[..chosen_title] {
        report.guessed(
            skipped.line,
            format!(
                "the possible job title `{}` does not decline by the rules: the title is the next that does, `{}`",
                skipped.text, title.text
            ),
        );
    }
    let others: Vec<&str> = general
        .titles
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != chosen_title)
        .map(|(_, t)| t.text.as_str())
        .collect();
    report.placed(
        title.line,
        match others.is_empty() {
            true => format!("the title `{}`: the standard's possible job title", title.text),
            false => format!(
                "the title `{}`: the {} of the standard's {} possible job titles; the others, to choose from (also in the role file's comment): {}",
                title.text,
                match chosen_title {
                    0 => "first".to_string(),
                    n => format!("number {}", n + 1),
                },
                general.titles.len(),
                others.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
            ),
        },
    );
    // the qualification: each requirement word for word after its name
    let mut parts = Vec::new();
    for (label, entries) in words::QUALIFICATION_PARTS.iter().zip(&general.requirements) {
        if entries.is_empty() {
            continue;
        }
        // mid-sentence after «— », as knowledge after its lead-in (an abbreviation kept)
        let texts: Vec<String> = entries
            .iter()
            .map(|e| crate::locale::lcfirst(&bare(&e.text)))
            .collect();
        parts.push(format!("{label} \u{2014} {}", texts.join("; ")));
        report.placed(
            entries[0].line,
            format!(
                "{} of {} → `qualification`, word for word but for the first letter, in lower case mid-sentence",
                label, general.code
            ),
        );
    }
    let qualification = (!parts.is_empty()).then(|| {
        format!(
            "{}: {}",
            crate::locale::fill(words::QUALIFICATION_LEAD, &[("name", &name)]),
            parts.join("; ")
        )
    });
    if let Some(line) = general.other {
        report.left_out(
            line,
            format!(
                "the other characteristics of {} (`OtherCharacteristics`): not a provision of the job description",
                general.code
            ),
        );
    }
    let mut duties = Vec::new();
    let mut must_know = Vec::new();
    let mut skills = Vec::new();
    // the role file lists each function by code and name: without them it would not load
    let gaps = std::iter::once((
        general.line,
        &general.code,
        &general.name,
        "CodeOTF",
        "NameOTF",
    ))
    .chain(chosen.iter().flat_map(|(gi, pis)| {
        pis.iter().map(|pi| {
            let p = &functions[*gi].particulars[*pi];
            (p.line, &p.code, &p.name, "CodeTF", "NameTF")
        })
    }));
    for (line, code, name, code_tag, name_tag) in gaps {
        if let Some(tag) = [(code, code_tag), (name, name_tag)]
            .into_iter()
            .find_map(|(value, tag)| value.is_empty().then_some(tag))
        {
            return Err(XmlError::at(
                line,
                1,
                format!(
                    "the labour function{} gives no `{tag}`, which the role file lists it by: complete the file",
                    match code.is_empty() {
                        true => String::new(),
                        false => format!(" {code}"),
                    }
                ),
            ));
        }
    }
    let mut listed = vec![(
        general.code.clone(),
        general.name.clone(),
        general.level.clone(),
    )];
    for (gi, pis) in &chosen {
        for pi in pis {
            let p = &functions[*gi].particulars[*pi];
            for (what, entries, list, into, lower) in [
                (
                    "the labour actions",
                    &p.actions,
                    &mut duties,
                    "`duties`",
                    false,
                ),
                (
                    "the necessary knowledge",
                    &p.knowledge,
                    &mut must_know,
                    "`must_know`, its entries' first letter in lower case (a list continues its lead-in)",
                    true,
                ),
                (
                    "the required skills",
                    &p.skills,
                    &mut skills,
                    "`must_be_able`, its entries' first letter in lower case (a list continues its lead-in)",
                    true,
                ),
            ] {
                add(list, entries, &p.code, lower);
                if let Some(e) = entries.first() {
                    report.placed(
                        e.line,
                        format!("{what} of {} → {into}: {} in all", p.code, entries.len()),
                    );
                }
            }
            listed.push((p.code.clone(), p.name.clone(), p.level.clone()));
        }
    }
    report.guessed(
        1,
        "a professional standard gives no department, rights or responsibilities, and no category, appointment or superior: fill them in (section 1's `general:` lists the provisions it prints)",
    );
    let yaml = role_yaml(&RoleParts {
        forms: &forms,
        name: &name,
        registration: &registration,
        kind_code: kind_code.as_deref(),
        codes,
        others: &others,
        qualification: qualification.as_deref(),
        general_code: &general.code,
        functions: &listed,
        duties: &duties,
        must_know: &must_know,
        skills: &skills,
    });
    let id = transliterate(&forms.nominative);
    Ok(Imported {
        yaml,
        id: (!id.is_empty()).then_some(id),
        report,
    })
}

/// What the role file is written from.
struct RoleParts<'a> {
    forms: &'a crate::locale::CaseForms,
    name: &'a str,
    registration: &'a str,
    kind_code: Option<&'a str>,
    codes: &'a [String],
    others: &'a [&'a str],
    qualification: Option<&'a str>,
    general_code: &'a str,
    /// (code, name, level) of each function imported, the generalized one first.
    functions: &'a [(String, String, Option<String>)],
    duties: &'a [Provision],
    must_know: &'a [Provision],
    skills: &'a [Provision],
}

/// The role file.
fn role_yaml(r: &RoleParts) -> String {
    let mut out = String::from("# yaml-language-server: $schema=role.schema.json\n");
    out.push_str(&format!(
        "# Written by `jobdoc import` from the professional standard {} (registration number {}), functions {}: check what its report marks as guessed.\n",
        r.name,
        r.registration,
        r.codes.join(", ")
    ));
    if !r.others.is_empty() {
        out.push_str(&format!(
            "# The standard's other possible job titles: {}\n",
            r.others.join("; ")
        ));
    }
    out.push_str("title:\n");
    for (case, form) in [
        ("nominative", &r.forms.nominative),
        ("genitive", &r.forms.genitive),
        ("dative", &r.forms.dative),
        ("instrumental", &r.forms.instrumental),
    ] {
        let note = match case {
            "nominative" => "",
            _ => "  # guessed",
        };
        out.push_str(&format!("  {case}: {}{note}\n", scalar(form, 2)));
    }
    out.push_str("department: \"\"  # not in the standard: fill in\n");
    if let Some(q) = r.qualification {
        out.push_str(&format!("qualification: {}\n", scalar(q, 0)));
    }
    out.push_str("edition: { revision: 1 }\n");
    out.push_str("professional_standard:\n");
    out.push_str(&format!("  name: {}\n", scalar(r.name, 2)));
    out.push_str(&format!(
        "  registration_number: {}\n",
        serde_json::to_string(r.registration).unwrap_or_default()
    ));
    if let Some(code) = r.kind_code {
        out.push_str(&format!(
            "  code: {}\n",
            serde_json::to_string(code).unwrap_or_default()
        ));
    }
    out.push_str("  functions:\n");
    for (code, name, level) in r.functions {
        out.push_str(&format!("    - code: {}\n", scalar(code, 6)));
        out.push_str(&format!("      name: {}\n", scalar(name, 6)));
        if let Some(level) = level {
            out.push_str(&format!(
                "      level: {}\n",
                serde_json::to_string(level).unwrap_or_default()
            ));
        }
    }
    out.push_str("general:\n  - standard: purpose\n");
    if r.qualification.is_some() {
        out.push_str(&format!(
            "  - standard: qualification\n    origin: {}\n",
            origin_yaml(&[r.general_code.to_string()])
        ));
    }
    if !r.must_know.is_empty() {
        out.push_str("  - standard: must_know\n");
    }
    if !r.skills.is_empty() {
        out.push_str("  - standard: must_be_able\n");
    }
    if !r.must_know.is_empty() {
        out.push_str("must_know:\n");
        provisions_yaml(r.must_know, 2, &mut out);
    }
    if !r.skills.is_empty() {
        out.push_str("must_be_able:\n");
        provisions_yaml(r.skills, 2, &mut out);
    }
    if !r.duties.is_empty() {
        out.push_str("duties:\n");
        provisions_yaml(r.duties, 2, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infinitives_are_told_from_nouns_ending_alike() {
        for verb in [
            "Вести",
            "провести",
            "Произвести",
            "перевести",
            "нести",
            "Применять",
            "беречь",
            "класть",
            "ориентироваться",
        ] {
            assert!(infinitive(&format!("{verb} учет")), "{verb}");
        }
        for noun in [
            "Сети",
            "Сеть",
            "Путь",
            "Особенности",
            "Деятельность",
            "Области",
            "Части",
            "Методы",
        ] {
            assert!(!infinitive(&format!("{noun} продаж")), "{noun}");
        }
    }
}
