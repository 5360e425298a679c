//! `jobdoc import`: an existing job description (text, Markdown or DOCX) into a role file. Beside
//! `load`: it reads a user's document, not a role. Lines are classified ([`text`]), put together
//! into sections and provisions (wrapped lines joined, bullets under their lead-in), and the
//! sections mapped to the role's fields where the wording allows it; everything else is kept
//! as the role's own provisions and sections, word for word, in order. What went where, what was
//! guessed and each oddity of the source go into a [`report::Report`].

pub mod docx;
pub mod pstd;
pub mod report;
pub mod text;

use std::path::Path;

use crate::locale::CaseForms;
use crate::locale::ru::RU;
use crate::locale::ru::import as words;
use report::Report;
use text::{Kind, Line, classify, fold};

/// A provision of the source: its line, number (empty when the text numbers none), text and
/// sub-items.
#[derive(Debug, Clone, Default)]
struct Provision {
    line: usize,
    number: Vec<u32>,
    text: String,
    items: Vec<Provision>,
    /// The sub-items carry numbers in the source (1.2.1), not bullets.
    numbered: bool,
}

/// A section of the source: a standard one (its key) or one of its own.
#[derive(Debug, Clone, Default)]
struct Part {
    line: usize,
    key: Option<&'static str>,
    /// The heading's words as the source writes them.
    title: Option<String>,
    lead: Option<String>,
    provisions: Vec<Provision>,
    /// How many parts the numbers of its provisions have (`1.` one, `1.1.` two): deeper numbers
    /// are their sub-items. 0 until the first numbered provision.
    depth: usize,
}

/// Where the next continuation line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    None,
    Lead,
    /// The last provision at this depth (0 top, 1 item, 2 sub-item).
    Depth(usize),
}

/// The result of an import: the role file's text and the report.
#[derive(Debug)]
pub struct Imported {
    /// The role file, YAML.
    pub yaml: String,
    /// The id the title suggests (transliterated), when the source has a title.
    pub id: Option<String>,
    /// What went where, what was guessed, the source's oddities.
    pub report: Report,
}

/// Imports the lines of a job description (`source` names it in the report). Fails, with the
/// reason, when the text has no title to make a role of.
pub fn import(source: &Path, lines: &[Line]) -> Result<Imported, String> {
    let mut report = Report::new(source);
    let kinds: Vec<Kind> = lines.iter().map(|l| classify(&l.text)).collect();
    let (title_line, title, body_start, edition) = head(lines, &kinds, &mut report);
    let Some(title) = title else {
        return Err(format!(
            "no title: no line of the text starts with the document type (`{}`) and names the position; add one at the top, as the document has it",
            words::DOCUMENT_TYPE
        ));
    };
    let forms = title_forms(&title, title_line, &mut report)?;
    let mut parts = body(&lines[body_start..], &kinds[body_start..], &mut report);
    parts = split_run_on(parts);
    drop_empty(&mut parts, &mut report);
    oddities(&parts, &forms, &mut report);
    let yaml = role_yaml(&forms, &title, edition.as_deref(), &parts, &mut report);
    let id = transliterate(&forms.nominative);
    Ok(Imported {
        yaml,
        id: (!id.is_empty()).then_some(id),
        report,
    })
}

/// The head of the document: the гриф, the document type and the title. Returns the title's
/// line and words, where the body starts and the edition's YAML (an order's date and number).
fn head(
    lines: &[Line],
    kinds: &[Kind],
    report: &mut Report,
) -> (usize, Option<String>, usize, Option<String>) {
    let Some(at) = kinds
        .iter()
        .take(60)
        .position(|k| matches!(k, Kind::DocumentType(_)))
    else {
        return (0, None, 0, None);
    };
    let mut edition = None;
    let mut i = 0;
    while i < at {
        match &kinds[i] {
            Kind::Approval => {
                // the гриф runs to the next blank line
                let mut block = vec![lines[i].text.clone()];
                let mut j = i + 1;
                while j < at && kinds[j] != Kind::Blank {
                    block.push(lines[j].text.clone());
                    j += 1;
                }
                let text = block.join(" ");
                edition = Some(approval(&text, lines[i].number, report));
                i = j;
                continue;
            }
            Kind::Blank => {}
            _ => report.left_out(
                lines[i].number,
                format!(
                    "`{}`: a line of the document's head (the organization file gives the organization's details)",
                    lines[i].text
                ),
            ),
        }
        i += 1;
    }
    let Kind::DocumentType(rest) = &kinds[at] else {
        return (0, None, 0, None);
    };
    if !rest.is_empty() {
        return (lines[at].number, Some(rest.clone()), at + 1, edition);
    }
    // the title on a line of its own below the document type
    match kinds
        .iter()
        .enumerate()
        .skip(at + 1)
        .find(|(_, k)| **k != Kind::Blank)
    {
        Some((j, Kind::Text(t))) => (lines[j].number, Some(t.clone()), j + 1, edition),
        _ => (lines[at].number, None, at + 1, edition),
    }
}

/// The edition of a гриф: an order's date and number («УТВЕРЖДЕНА приказом … от 05.06.2026
/// № 12»), or approval by signature (УТВЕРЖДАЮ).
fn approval(text: &str, line: usize, report: &mut Report) -> String {
    let lower = text.to_lowercase();
    if !lower.contains(words::ORDER) {
        report.placed(
            line,
            "the approval stamp (signature): approval by signature (the approver is the organization file's)",
        );
        return "{ revision: 1 }".into();
    }
    let date = regex::Regex::new(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
        .ok()
        .and_then(|r| r.captures(text))
        .map(|c| format!("{}-{:0>2}-{:0>2}", &c[3], &c[2], &c[1]));
    let number = text
        .split('№')
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .map(|n| n.trim_end_matches(['.', ',']).to_string());
    match (date, number) {
        (Some(date), Some(number)) => {
            report.placed(
                line,
                format!("the approval stamp: approved by an order of {date}, number {number}"),
            );
            format!(
                "{{ revision: 1, date: {date}, approval: {{ order: {{ date: {date}, number: {} }} }} }}",
                serde_json::to_string(&number).unwrap_or_default()
            )
        }
        _ => {
            report.guessed(
                line,
                "the approval stamp names an order but not both its date (DD.MM.YYYY) and number: approval by signature; fill in `edition.approval`",
            );
            "{ revision: 1 }".into()
        }
    }
}

/// The title's case forms: the source's genitive (or nominative) and the rest derived, each
/// derived form reported as a guess.
fn title_forms(title: &str, line: usize, report: &mut Report) -> Result<CaseForms, String> {
    let title = title.trim_end_matches(['.', ' ']);
    // a title in capitals («МЕНЕДЖЕРА ПО …») declines in lower case
    let title = match title.chars().any(char::is_lowercase) {
        true => title.to_string(),
        false => title.to_lowercase(),
    };
    let nominative = declined(&title);
    let forms = match words::from_genitive(&title) {
        Some(f) if nominative.is_none() || title.starts_with(char::is_lowercase) => {
            report.guessed(line, format!("the title is the genitive `{}`; the nominative `{}`, dative `{}` and instrumental `{}` are derived from it: check them", f.genitive, f.nominative, f.dative, f.instrumental));
            f
        }
        _ => match nominative {
            Some(f) => {
                derived_from_nominative(&f, line, report);
                f
            }
            None => {
                return Err(format!(
                    "cannot tell the case forms of the title `{title}`: write `jobdoc new` with its forms, or correct the title line"
                ));
            }
        },
    };
    Ok(forms)
}

/// The case forms of `title` as a nominative, when it declines so.
fn declined(title: &str) -> Option<CaseForms> {
    (RU.decline)(title).filter(|f| {
        f.nominative.to_lowercase() == title.to_lowercase() && f.genitive != f.nominative
    })
}

/// Reports the forms `f` derived from the nominative at `line` as a guess.
fn derived_from_nominative(f: &CaseForms, line: usize, report: &mut Report) {
    report.guessed(line, format!("the title is the nominative `{}`; the genitive `{}`, dative `{}` and instrumental `{}` are derived from it: check them", f.nominative, f.genitive, f.dative, f.instrumental));
}

/// The case forms of `title`, a nominative (a professional standard's possible job title is
/// one, never a genitive as a document's header may be), each derived form reported as a
/// guess; `None` when it does not decline. A title in capitals or in lower case starts with a
/// capital, the rest in lower case: the rules decline no word in capitals (an abbreviation).
fn nominative_forms(title: &str, line: usize, report: &mut Report) -> Option<CaseForms> {
    let title = title.trim_end_matches(['.', ' ']);
    let title = match title.chars().any(char::is_lowercase) {
        true => title.to_string(),
        false => title.to_lowercase(),
    };
    let mut chars = title.chars();
    let title: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect();
    let f = declined(&title)?;
    derived_from_nominative(&f, line, report);
    Some(f)
}

/// The body's lines put together into sections of provisions.
fn body(lines: &[Line], kinds: &[Kind], report: &mut Report) -> Vec<Part> {
    let mut parts = vec![Part::default()];
    let mut cursor = Cursor::None;
    let mut blank = false;
    // the last number seen at each depth, for gaps
    let mut last: Vec<u32> = Vec::new();
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        let n = line.number;
        let part = parts.last_mut().unwrap_or_else(|| unreachable!());
        match kind {
            Kind::Blank => {
                blank = true;
                continue;
            }
            Kind::Heading(key, title) => {
                parts.push(Part {
                    line: n,
                    key: *key,
                    title: Some(title.clone()),
                    ..Part::default()
                });
                cursor = Cursor::None;
            }
            Kind::Numbered(number, text) => {
                // «3. Взаимоотношения» followed by 3.1: a heading of the text's own
                let heads = number.len() == 1
                    && !text.is_empty()
                    && !text.ends_with(':')
                    && kinds[i + 1..]
                        .iter()
                        .find_map(|k| match k {
                            Kind::Numbered(next, _) => Some(next.len() > 1 && next[0] == number[0]),
                            _ => None,
                        })
                        .unwrap_or(false);
                if heads {
                    parts.push(Part {
                        line: n,
                        title: Some(text.clone()),
                        ..Part::default()
                    });
                    cursor = Cursor::None;
                    last = number.clone();
                    blank = false;
                    continue;
                }
                gap(&mut last, number, n, report);
                if part.depth == 0 {
                    part.depth = number.len();
                }
                let depth = number.len().saturating_sub(part.depth).min(2);
                let provision = Provision {
                    line: n,
                    number: number.clone(),
                    text: text.clone(),
                    ..Provision::default()
                };
                cursor = Cursor::Depth(attach(part, provision, depth, true));
            }
            Kind::Bullet(text) if text.is_empty() => {
                report.oddity(n, "an empty bullet: left out");
            }
            Kind::Bullet(text) => {
                let provision = Provision {
                    line: n,
                    text: text.clone(),
                    ..Provision::default()
                };
                // under the last provision that leads into a list; the section's own entries
                // when it has none yet
                let depth = match (part.provisions.last(), cursor) {
                    (None, _) => 0,
                    (Some(p), Cursor::Depth(2))
                        if p.items.last().is_some_and(|i| {
                            i.items.last().is_some_and(|s| s.text.ends_with(':'))
                        }) =>
                    {
                        3
                    }
                    (Some(p), _)
                        if p.items
                            .last()
                            .is_some_and(|i| i.numbered_item() && i.text.ends_with(':')) =>
                    {
                        2
                    }
                    _ => 1,
                };
                let at = attach(part, provision, depth, false);
                cursor = Cursor::Depth(at);
            }
            Kind::Text(text) if text.contains("___") => {
                report.left_out(
                    n,
                    format!("`{text}`: a signature line (give it under `signatures:`)"),
                );
            }
            Kind::Text(text) | Kind::DocumentType(text) => {
                let fresh = part.provisions.is_empty() && part.lead.is_none();
                let target = match cursor {
                    Cursor::Lead => part.lead.as_mut(),
                    Cursor::Depth(d) => deepest(part, d).map(|p| &mut p.text),
                    Cursor::None => None,
                };
                match target {
                    Some(t)
                        if (!blank && !t.ends_with(':'))
                            || !t.ends_with(['.', ';', ':', '!', '?']) =>
                    {
                        *t = fold(&format!("{t} {text}"));
                    }
                    // a paragraph under a lead-in: its entry
                    Some(t) if t.ends_with(':') && cursor != Cursor::Lead => {
                        let Cursor::Depth(d) = cursor else {
                            unreachable!()
                        };
                        let provision = Provision {
                            line: n,
                            text: text.clone(),
                            ..Provision::default()
                        };
                        cursor = Cursor::Depth(attach(part, provision, d + 1, false));
                    }
                    _ if fresh && text.ends_with(':') && !bullets_follow(&kinds[i + 1..]) => {
                        part.lead = Some(text.clone());
                        cursor = Cursor::Lead;
                    }
                    _ => {
                        let provision = Provision {
                            line: n,
                            text: text.clone(),
                            ..Provision::default()
                        };
                        cursor = Cursor::Depth(attach(part, provision, 0, false));
                    }
                }
            }
            Kind::Approval => {
                let provision = Provision {
                    line: n,
                    text: line.text.clone(),
                    ..Provision::default()
                };
                cursor = Cursor::Depth(attach(part, provision, 0, false));
            }
        }
        blank = false;
    }
    parts
}

/// Whether the next line that is not blank is a bullet: a lead-in then heads its list, not the
/// section.
fn bullets_follow(kinds: &[Kind]) -> bool {
    matches!(
        kinds.iter().find(|k| **k != Kind::Blank),
        Some(Kind::Bullet(_))
    )
}

impl Provision {
    /// A sub-item numbered in the source (1.2.1), which may lead into a list of its own.
    fn numbered_item(&self) -> bool {
        !self.number.is_empty()
    }
}

/// Puts `provision` at `depth` under the part's last provisions (as deep as there are any);
/// returns the depth it went to. `numbered`: it carries a number, so its parent's sub-items are
/// numbered.
fn attach(part: &mut Part, provision: Provision, depth: usize, numbered: bool) -> usize {
    let mut list = &mut part.provisions;
    let mut at = 0;
    while at < depth && !list.is_empty() {
        let parent = list.last_mut().unwrap_or_else(|| unreachable!());
        if numbered {
            parent.numbered = true;
        }
        list = &mut parent.items;
        at += 1;
    }
    list.push(provision);
    at
}

/// The last provision at `depth`.
fn deepest(part: &mut Part, depth: usize) -> Option<&mut Provision> {
    let mut p = part.provisions.last_mut()?;
    for _ in 0..depth {
        p = p.items.last_mut()?;
    }
    Some(p)
}

/// Reports a number that does not follow the one before at its depth (3.16 → 3.18, an excerpt
/// starting at 1.3) and remembers it.
fn gap(last: &mut Vec<u32>, number: &[u32], line: usize, report: &mut Report) {
    let (parent, own) = number.split_at(number.len() - 1);
    let expected = match last.len() >= number.len() && last[..parent.len()] == *parent {
        true => last[number.len() - 1] + 1,
        false => 1,
    };
    if own[0] != expected && !(number.len() == 1 && last.is_empty()) {
        let mut want = parent.to_vec();
        want.push(expected);
        report.oddity(
            line,
            format!(
                "numbering gap: {} where {} was due",
                dotted(number),
                dotted(&want)
            ),
        );
    }
    *last = number.to_vec();
}

/// `1.2.1`.
fn dotted(number: &[u32]) -> String {
    number
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Unnumbered paragraphs of several sentences (a qualification reference's run-on text) split
/// into a provision each; a sentence that is a heading («Должностные обязанности.», «Должен
/// знать:») starts its section there.
fn split_run_on(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for part in parts {
        let provisions = part.provisions.clone();
        // the provisions before any heading: their section begins where they do
        let line = match part.line {
            0 => provisions.first().map_or(1, |p| p.line),
            n => n,
        };
        out.push(Part {
            line,
            provisions: Vec::new(),
            ..part
        });
        for p in provisions {
            if !p.number.is_empty() || !p.items.is_empty() {
                out.last_mut()
                    .unwrap_or_else(|| unreachable!())
                    .provisions
                    .push(p);
                continue;
            }
            for sentence in sentences(&p.text) {
                let (head, rest) = inline_heading(&sentence);
                // a list run into a sentence after a heading of its own («Должен знать: а; б.»)
                let own_list = matches!(head, Some((None, _)));
                if let Some((key, title)) = head {
                    out.push(Part {
                        line: p.line,
                        key,
                        title: Some(title),
                        ..Part::default()
                    });
                }
                let entries: Vec<&str> = match own_list {
                    true => rest.split("; ").collect(),
                    false => vec![rest.as_str()],
                };
                let part = out.last_mut().unwrap_or_else(|| unreachable!());
                for text in entries.into_iter().filter(|t| !t.is_empty()) {
                    part.provisions.push(Provision {
                        line: p.line,
                        text: text.to_string(),
                        ..Provision::default()
                    });
                }
            }
        }
    }
    out
}

/// The sentences of a paragraph: cut after `.`, `!` or `?` followed by a space and a capital,
/// except after an initial («А.Б. Иванов»).
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..chars.len().saturating_sub(2) {
        let initial = i >= 2 && chars[i - 1].is_uppercase() && !chars[i - 2].is_alphabetic();
        if matches!(chars[i], '.' | '!' | '?' | ':')
            && chars[i + 1] == ' '
            && chars[i + 2].is_uppercase()
            && !initial
            && (chars[i] != ':'
                || inline_heading(&chars[start..=i].iter().collect::<String>())
                    .0
                    .is_some())
        {
            out.push(chars[start..=i].iter().collect::<String>());
            start = i + 2;
        }
    }
    out.push(chars[start..].iter().collect());
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// A heading found in a text: a standard section's key (`None` for one of the text's own) and
/// its words.
type Heading = (Option<&'static str>, String);

/// A heading at the start of a sentence, and the rest of it.
fn inline_heading(sentence: &str) -> (Option<Heading>, String) {
    for (i, c) in sentence.char_indices() {
        if matches!(c, '.' | ':') {
            let head = &sentence[..i];
            if let Some(key) = text::heading(head) {
                let rest = sentence[i + 1..].trim().to_string();
                // «Должен знать: …» keeps its words as the section's lead-in
                return match (key, c) {
                    (None, ':') => (Some((None, head.to_string())), rest),
                    _ => (Some((key, head.to_string())), rest),
                };
            }
        }
    }
    (None, sentence.to_string())
}

/// Empty provisions (3.17 with no text) left out, each reported.
fn drop_empty(parts: &mut [Part], report: &mut Report) {
    fn prune(list: &mut Vec<Provision>, report: &mut Report) {
        list.retain(|p| {
            let empty = p
                .text
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
                && p.items.is_empty();
            if empty {
                report.oddity(
                    p.line,
                    format!(
                        "empty provision {}: left out (the numbers after it close up)",
                        dotted(&p.number)
                    ),
                );
            }
            !empty
        });
        for p in list {
            prune(&mut p.items, report);
        }
    }
    for part in parts {
        prune(&mut part.provisions, report);
    }
}

/// Oddities of the text: a provision naming another position than the title, repeated
/// provisions, a word that looks like a misspelling of another the text uses more often.
fn oddities(parts: &[Part], forms: &CaseForms, report: &mut Report) {
    fn all<'a>(list: &'a [Provision], out: &mut Vec<&'a Provision>) {
        for p in list {
            out.push(p);
            all(&p.items, out);
        }
    }
    let mut provisions = Vec::new();
    for part in parts {
        all(&part.provisions, &mut provisions);
    }
    let key = |t: &str| {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut seen: Vec<(String, usize)> = Vec::new();
    for p in &provisions {
        let k = key(&p.text);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
            report.oddity(
                p.line,
                format!("repeated provision: the same words as line {first}"),
            );
        } else {
            seen.push((k, p.line));
        }
        if let Some(other) = other_position(&p.text, forms) {
            report.oddity(
                p.line,
                format!(
                    "the provision names `{other}`, not the title `{}`",
                    forms.nominative
                ),
            );
        }
    }
    misspellings(&provisions, report);
}

/// The position a provision names with the title's head word, when it is not the title:
/// «Менеджер по продажам» in the description of «Менеджер по работе с клиентами».
fn other_position(text: &str, forms: &CaseForms) -> Option<String> {
    let title: Vec<String> = forms
        .nominative
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let head = title.first()?;
    // the head noun's stem: «менеджер» in «менеджера», «менеджеру»
    let stem: String = head
        .chars()
        .take(head.chars().count().saturating_sub(1).max(4))
        .collect();
    let ws: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = ws
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let forms_lower: Vec<String> = [
        &forms.nominative,
        &forms.genitive,
        &forms.dative,
        &forms.instrumental,
    ]
    .iter()
    .map(|f| f.to_lowercase())
    .collect();
    for (i, w) in lower.iter().enumerate() {
        if !w.starts_with(&stem) {
            continue;
        }
        let rest = lower[i..].join(" ");
        if forms_lower.iter().any(|f| rest.starts_with(f.as_str())) {
            continue;
        }
        // the head word and what joins to it: «по продажам», «с клиентами»
        let mut end = i + 1;
        while end + 1 < lower.len() && words::JOINERS.contains(&lower[end].as_str()) {
            end += 2;
        }
        if end > i + 1 {
            return Some(
                ws[i..end]
                    .join(" ")
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
            );
        }
    }
    None
}

/// Words used once that differ by one letter, not in their ending, from a word the text uses
/// more often: «Обества» beside «Общества».
fn misspellings(provisions: &[&Provision], report: &mut Report) {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let word_list = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 5)
            .map(str::to_string)
            .collect()
    };
    for p in provisions {
        for w in word_list(&p.text) {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    for p in provisions {
        for w in word_list(&p.text) {
            let lower = w.to_lowercase();
            if counts[&lower] != 1 {
                continue;
            }
            let near = counts.iter().find(|(other, n)| {
                **n >= 2 && strsim::levenshtein(&lower, other) == 1 && {
                    // the first difference before the ending: not another case of one word
                    let first = lower
                        .chars()
                        .zip(other.chars())
                        .take_while(|(a, b)| a == b)
                        .count();
                    first + 3 < lower.chars().count().min(other.chars().count())
                }
            });
            if let Some((other, _)) = near {
                report.oddity(
                    p.line,
                    format!("`{w}`: a misspelling of `{other}`? (kept as written)"),
                );
            }
        }
    }
}

/// Lower-case Latin letters, digits and `-` for a title: `menedzher-po-rabote-s-klientami`.
pub fn transliterate(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        match words::TRANSLITERATION.iter().find(|(k, _)| *k == c) {
            Some((_, latin)) => out.push_str(latin),
            None if c.is_ascii_alphanumeric() => out.push(c),
            None => out.push('-'),
        }
    }
    out.split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A provision's text as the role file keeps it: the final `.`, `;`, `:` or `,` dropped (the
/// template punctuates by place), an abbreviation's period kept.
fn bare(text: &str) -> String {
    let t = text.trim();
    if t.ends_with('.') && RU.ends_with_abbreviation(t) {
        return t.to_string();
    }
    t.trim_end_matches(['.', ';', ':', ',', ' ']).to_string()
}

/// The default title of a standard section: the first spelling, capitalized.
fn default_title(key: &str) -> String {
    let spelling = words::HEADINGS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, s)| s[0]);
    let mut c = spelling.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

mod yaml;
use yaml::role_yaml;

/// The standard wording of section 1's provision `field` for the title `forms`, before its
/// value.
fn standard_wording(pattern: &str, forms: &CaseForms) -> String {
    pattern
        .replace("{nom}", &forms.nominative)
        .replace("{gen}", &forms.genitive)
}
