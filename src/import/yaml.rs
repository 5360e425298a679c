//! The role file an import writes: YAML laid out as a hand-written role is, long texts folded.

use super::{Part, Provision, bare, default_title, standard_wording};
use crate::import::report::Report;
use crate::locale::CaseForms;
use crate::locale::ru::import as words;

/// The longest line the file's texts are folded to.
const WIDTH: usize = 98;

/// A YAML scalar for `text` on one line: plain when YAML reads it back as the same string, else
/// double-quoted; never folded, so that it fits in a flow sequence (`[A/01.5, A/02.5]`).
pub(super) fn inline(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', ' ',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([':', ' '])
        && !text.chars().any(char::is_control)
        && text.parse::<f64>().is_err()
        && !["true", "false", "null", "yes", "no", "on", "off", "~"]
            .contains(&text.to_lowercase().as_str());
    match plain {
        true => text.to_string(),
        false => serde_json::to_string(text).unwrap_or_default(),
    }
}

/// A YAML scalar for `text` as the value of a key (or a sequence entry's `-`) at column `key`
/// (from 0): [`inline`], or folded (`>-`) when long, its lines two deeper than the key (YAML
/// reads lines no deeper as the mapping's next key).
pub(super) fn scalar(text: &str, key: usize) -> String {
    let indent = key + 2;
    // a fold turns each line break into a space: only text with single spaces between words
    // and none at its ends folds back into itself
    let folds = !text.chars().any(char::is_control)
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if text.chars().count() + indent > WIDTH && folds {
        // folded: one space between words, the lines below the key indented by two
        let mut out = String::from(">-");
        let mut line = String::new();
        for word in text.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() + indent > WIDTH
            {
                out.push_str(&format!("\n{}{line}", " ".repeat(indent)));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&format!("\n{}{line}", " ".repeat(indent)));
        return out;
    }
    inline(text)
}

/// A list entry: a text, or a text with its sub-items.
fn item(p: &Provision, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    let text = bare(&p.text);
    if p.items.is_empty() {
        out.push_str(&format!("{pad}- {}\n", scalar(&text, indent)));
        return;
    }
    out.push_str(&format!("{pad}- text: {}\n", scalar(&text, indent + 2)));
    if p.numbered {
        out.push_str(&format!("{pad}  numbered: true\n"));
    }
    out.push_str(&format!("{pad}  items:\n"));
    for i in &p.items {
        item(i, indent + 4, out);
    }
}

/// A list of entries under `key` at the top level.
fn list(key: &str, provisions: &[Provision], out: &mut String) {
    out.push_str(&format!("{key}:\n"));
    for p in provisions {
        item(p, 2, out);
    }
}

/// A section of the role's own titled `title`: the part's lead-in and provisions.
fn own(title: &str, part: &Part, sections: &mut String) {
    sections.push_str(&format!("  - title: {}\n", scalar(title, 4)));
    if let Some(lead) = &part.lead {
        sections.push_str(&format!("    lead: {}\n", scalar(lead, 4)));
    }
    sections.push_str("    items:\n");
    for p in &part.provisions {
        item(p, 6, sections);
    }
}

/// The role file of the `parts` of a source whose title is `forms`; `edition` its YAML (from a
/// гриф) when the source has one. Reports where each part went.
pub fn role_yaml(
    forms: &CaseForms,
    given: &str,
    edition: Option<&str>,
    parts: &[Part],
    report: &mut Report,
) -> String {
    let mut values: Vec<(&str, String)> = Vec::new();
    let mut general = String::new();
    let mut leads: Vec<(&str, Vec<Provision>)> = Vec::new();
    let mut lists: Vec<(&str, Vec<Provision>)> = Vec::new();
    let mut sections = String::new();
    let mut used: Vec<&str> = Vec::new();
    for part in parts {
        if part.provisions.is_empty() && part.lead.is_none() {
            if let Some(title) = &part.title {
                report.left_out(
                    part.line,
                    format!("the heading `{title}`: a section without provisions prints nothing"),
                );
            }
            continue;
        }
        let key = match (part.key, &part.title) {
            (Some(k), _) if !used.contains(&k) => Some(k),
            (None, None) if !used.contains(&"general") => Some("general"),
            _ => None,
        };
        let title = part
            .title
            .as_deref()
            .map(|t| t.trim_end_matches(['.', ':', ' ']).to_string());
        let Some(key) = key else {
            let title = title.unwrap_or_default();
            own(&title, part, &mut sections);
            report.placed(
                part.line,
                format!(
                    "section `{title}`: a section of the role's own under `sections:` ({} provisions)",
                    part.provisions.len()
                ),
            );
            continue;
        };
        used.push(key);
        if key == "general" {
            if part.title.is_none() {
                report.guessed(
                    part.line,
                    "provisions before any section heading: placed in section 1 (general provisions)",
                );
            }
            let mut entries = String::new();
            let mut placed = false;
            for p in &part.provisions {
                placed |= general_entry(p, forms, &mut values, &mut leads, &mut entries, report);
            }
            // Without a standard provision placed, section 1 would begin with the template's
            // purpose provision, which this source lacks: the section is kept as one of the
            // role's own, beside the standard sections that order the rest.
            let standard_sections = parts.iter().any(|q| q.key.is_some_and(|k| k != "general"));
            if placed || !standard_sections {
                if !placed {
                    report.guessed(part.line, "section 1 has no provision in the standard wording, and the text no standard section to order the role by: the built document starts section 1 with the standard purpose provision, which the source lacks");
                    general = entries;
                    continue;
                }
                general = entries;
                sections.push_str("  - standard: general\n");
                if let Some(t) = title.as_ref().filter(|t| **t != default_title(key)) {
                    sections.push_str(&format!("    title: {}\n", scalar(t, 4)));
                }
                if let Some(lead) = &part.lead {
                    sections.push_str(&format!("    lead: {}\n", scalar(lead, 4)));
                }
            } else {
                own(
                    &title.unwrap_or_else(|| default_title(key)),
                    part,
                    &mut sections,
                );
            }
            continue;
        }
        sections.push_str(&format!("  - standard: {key}\n"));
        if let Some(t) = title.as_ref().filter(|t| **t != default_title(key)) {
            sections.push_str(&format!("    title: {}\n", scalar(t, 4)));
        }
        match &part.lead {
            Some(lead) => sections.push_str(&format!("    lead: {}\n", scalar(lead, 4))),
            // no lead-in of the template's where the source has none
            None if matches!(key, "duties" | "rights" | "responsibilities") => {
                sections.push_str("    lead: \"\"\n")
            }
            None => {}
        }
        report.placed(
            part.line,
            format!(
                "section `{}` → `{key}` ({} provisions)",
                title.unwrap_or_default(),
                part.provisions.len()
            ),
        );
        lists.push((key, part.provisions.clone()));
    }
    let mut out = String::from("# yaml-language-server: $schema=role.schema.json\n");
    out.push_str("# Written by `jobdoc import`: check what its report marks as guessed and the oddities it names.\n");
    out.push_str("title:\n");
    for (case, form) in [
        ("nominative", &forms.nominative),
        ("genitive", &forms.genitive),
        ("dative", &forms.dative),
        ("instrumental", &forms.instrumental),
    ] {
        let note = match form.to_lowercase() == given.to_lowercase() {
            true => "",
            false => "  # guessed",
        };
        out.push_str(&format!("  {case}: {}{note}\n", scalar(form, 2)));
    }
    out.push_str("department: \"\"  # not in the source: fill in\n");
    for (field, value) in &values {
        out.push_str(&format!("{field}: {}\n", scalar(value, 0)));
    }
    out.push_str(&format!(
        "edition: {}\n",
        edition.unwrap_or("{ revision: 1 }")
    ));
    if !general.is_empty() {
        out.push_str("general:\n");
        out.push_str(&general);
    }
    for (field, provisions) in &leads {
        list(field, provisions, &mut out);
    }
    for (field, provisions) in &lists {
        list(field, provisions, &mut out);
    }
    if !sections.is_empty() {
        out.push_str("sections:\n");
        out.push_str(&sections);
    }
    out
}

/// A provision of section 1: a standard one when the template would print it word for word
/// (its value then a field of the role), a lead-in to the role's `guided_by` or `must_know`, or
/// the role's own. True when it is a standard one.
fn general_entry<'a>(
    p: &Provision,
    forms: &CaseForms,
    values: &mut Vec<(&'a str, String)>,
    leads: &mut Vec<(&'a str, Vec<Provision>)>,
    general: &mut String,
    report: &mut Report,
) -> bool {
    let text = bare(&p.text);
    if p.items.is_empty() {
        for (field, pattern) in words::STANDARD {
            let wording = standard_wording(pattern, forms);
            let Some(value) = text.strip_prefix(&wording) else {
                continue;
            };
            if values.iter().any(|(f, _)| f == field) || (*field == "purpose") != value.is_empty() {
                continue;
            }
            let standard = match *field {
                "appointed_by" => "appointment",
                f => f,
            };
            general.push_str(&format!("  - standard: {standard}\n"));
            if !value.is_empty() {
                values.push((field, value.to_string()));
                report.placed(
                    p.line,
                    format!("`{field}`: `{value}` (the standard provision, same words)"),
                );
            } else {
                report.placed(
                    p.line,
                    format!("`{standard}`: the standard provision, same words"),
                );
            }
            return true;
        }
    } else if p.text.ends_with(':') {
        let lower = text.to_lowercase();
        if let Some((field, _)) = words::LEADS
            .iter()
            .find(|(f, w)| lower.contains(w) && !leads.iter().any(|(l, _)| l == f))
        {
            general.push_str(&format!(
                "  - standard: {field}\n    lead: {}\n",
                scalar(&text, 4)
            ));
            if p.numbered {
                general.push_str("    numbered: true\n");
            }
            report.placed(
                p.line,
                format!("the lead-in `{text}` → `{field}` ({} items)", p.items.len()),
            );
            leads.push((field, p.items.clone()));
            return true;
        }
    }
    // the standard wording but for letter case («Менеджера» for «менеджера»): kept as written,
    // and said, since making it standard would change a letter
    let lower = text.to_lowercase();
    if let Some((field, _)) = words::STANDARD
        .iter()
        .find(|(_, pattern)| lower.starts_with(&standard_wording(pattern, forms).to_lowercase()))
    {
        report.placed(
            p.line,
            format!("kept as the role's own provision: it is the standard `{field}` provision but for the letter case of the title; make it standard if the template's case is right"),
        );
    }
    item(p, 2, general);
    false
}
