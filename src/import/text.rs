//! Line classification: what each line (or DOCX paragraph) of a job description is, before the
//! lines are put together into provisions.

use std::sync::LazyLock;

use regex::Regex;

use crate::locale::ru::import as words;

/// A line of the source with its 1-based number (a DOCX paragraph's number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Where it is in the source.
    pub number: usize,
    /// Its text, spaces folded, no-break spaces kept.
    pub text: String,
}

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Nothing but spaces.
    Blank,
    /// «УТВЕРЖДАЮ», «УТВЕРЖДЕНА приказом …».
    Approval,
    /// «Должностная инструкция» and what follows it on the line (the title, or nothing).
    DocumentType(String),
    /// A standard section's heading (its key) or a heading of the text's own (`None`), with
    /// the heading's words.
    Heading(Option<&'static str>, String),
    /// A provision numbered in the text: its number's parts (`1.2.1` → 1, 2, 1) and its text.
    Numbered(Vec<u32>, String),
    /// A bullet of any kind, and its text.
    Bullet(String),
    /// Anything else: a paragraph, or the continuation of the line before.
    Text(String),
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+|$)(.*)$").unwrap_or_else(|e| panic!("{e}"))
});
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,6})\.?\s+(.+)$").unwrap_or_else(|e| panic!("{e}")));
// «а)», «1)», «б.» lists: a letter or number and a closing parenthesis
static LETTERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Ll}|\d{1,2})\)\s+(.+)$").unwrap_or_else(|e| panic!("{e}"))
});

/// The bullet glyphs of real files: Symbol-font bullets extracted as a private-use character,
/// typographic bullets, dashes and the letter `o` Word uses for a second-level bullet.
const BULLETS: &[char] = &[
    '\u{f0b7}', '\u{f0a7}', '\u{f0d8}', '\u{f076}', '•', '·', '‣', '▪', '◦', '●', '-', '–', '—',
    '*',
];

/// The text after the bullet `text` starts with (of [`BULLETS`], or Word's `o `), if it starts
/// with one.
pub fn unbulleted(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_prefix(BULLETS) {
        return Some(rest.trim_matches([' ', '\u{a0}', '\t']));
    }
    text.strip_prefix("o ").map(str::trim)
}

/// Spaces folded, no-break spaces kept (the role file keeps them too).
pub fn fold(text: &str) -> String {
    text.split([' ', '\t', '\r', '\n'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The heading `text` names, if it is one: a standard section's key, or `None` for one of the
/// text's own a qualification reference uses.
pub fn heading(text: &str) -> Option<Option<&'static str>> {
    let bare = text
        .trim_end_matches(['.', ':', ' '])
        .to_lowercase()
        .replace('\u{a0}', " ");
    if let Some((key, _)) = words::HEADINGS
        .iter()
        .find(|(_, spellings)| spellings.contains(&bare.as_str()))
    {
        return Some(Some(key));
    }
    words::OWN_HEADINGS.contains(&bare.as_str()).then_some(None)
}

/// What `text` (one line, folded) is.
pub fn classify(text: &str) -> Kind {
    let text = text.trim_matches([' ', '\u{a0}']);
    if text.is_empty() {
        return Kind::Blank;
    }
    let upper = text.to_uppercase();
    if words::APPROVAL.contains(&upper.split([' ', ':', ',']).next().unwrap_or_default()) {
        return Kind::Approval;
    }
    let lower = text.to_lowercase();
    if let Some(rest) = lower.strip_prefix(words::DOCUMENT_TYPE) {
        // lower case keeps the length of Russian letters; any other text is cut safely
        let start = text.len().saturating_sub(rest.len());
        return Kind::DocumentType(text.get(start..).unwrap_or_default().trim().to_string());
    }
    if let Some(c) = NUMBER.captures(text) {
        let number: Vec<u32> = c[1].split('.').filter_map(|n| n.parse().ok()).collect();
        let rest = c[2].trim().to_string();
        if number.len() == 1
            && let Some(key) = heading(&rest)
        {
            return Kind::Heading(key, rest);
        }
        return Kind::Numbered(number, rest);
    }
    if let Some(c) = ROMAN.captures(text)
        && let Some(key) = heading(&c[2])
    {
        return Kind::Heading(key, c[2].to_string());
    }
    if let Some(key) = heading(text) {
        return Kind::Heading(key, text.to_string());
    }
    if let Some(rest) = unbulleted(text) {
        return Kind::Bullet(rest.to_string());
    }
    if let Some(c) = LETTERED.captures(text) {
        return Kind::Bullet(c[1].to_string());
    }
    Kind::Text(text.to_string())
}

/// The lines of a text file, numbered from 1.
pub fn lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: fold(l),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified() {
        assert_eq!(
            classify("2.  Функциональные обязанности."),
            Kind::Heading(Some("functions"), "Функциональные обязанности.".into())
        );
        assert_eq!(
            classify("IV. Ответственность"),
            Kind::Heading(Some("responsibilities"), "Ответственность".into())
        );
        assert_eq!(
            classify("ПРАВА"),
            Kind::Heading(Some("rights"), "ПРАВА".into())
        );
        assert_eq!(
            classify("1.2.1. текст"),
            Kind::Numbered(vec![1, 2, 1], "текст".into())
        );
        assert_eq!(classify("3.17"), Kind::Numbered(vec![3, 17], String::new()));
        for b in [
            "\u{f0b7} пункт",
            "• пункт",
            "- пункт",
            "– пункт",
            "· пункт",
            "o пункт",
            "а) пункт",
            "1) пункт",
        ] {
            assert_eq!(classify(b), Kind::Bullet("пункт".into()), "{b}");
        }
        assert_eq!(
            classify("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера"),
            Kind::DocumentType("менеджера".into())
        );
        assert_eq!(classify("УТВЕРЖДАЮ"), Kind::Approval);
    }
}
