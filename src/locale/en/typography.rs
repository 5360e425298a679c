//! English typography for text that comes from the inputs: every value a template prints gets
//! curly quotes and apostrophes, a spaced en dash, and non-breaking spaces where a line must not
//! break (then the Markdown escaping of [`crate::document::escape_markdown`]).

use crate::locale::{capitalized, initial, replace_all, replace_each, word_starts};

/// Folds whitespace other than non-breaking spaces (a provision written over several lines is
/// one paragraph) and applies English typography: “double” and ‘single’ curly quotes, ’ for an
/// apostrophe, a spaced hyphen made a spaced en dash (` – `), and non-breaking spaces after
/// `No.` before a number, between initials and a surname (`J.␣Smith`) and before a spaced dash,
/// so that none starts a line.
pub fn typography(text: &str) -> String {
    let mut s = quotes(&crate::locale::fold_spaces(text));
    if s.contains('.') {
        s = replace_all(&s, number);
        // J. Smith, J.R. Smith, J. R. Smith: the initials stay with the surname
        s = replace_all(&s, initials);
    }
    replace_each(
        s,
        &[
            (" -- ", "\u{a0}– "),
            (" - ", "\u{a0}– "),
            (" – ", "\u{a0}– "),
            (" — ", "\u{a0}— "),
        ],
    )
}

/// `No. 12` at the start of a word → `No.␣12`.
fn number(chars: &[char], at: usize) -> Option<(usize, String)> {
    match chars.get(at..at + 5)? {
        ['N', 'o', '.', ' ', d] if d.is_ascii_digit() && word_starts(chars, at) => {
            Some((at + 5, format!("No.\u{a0}{d}")))
        }
        _ => None,
    }
}

/// Initials at the start of a word, each perhaps followed by a space, then a space and a
/// capitalized word: the last space made a non-breaking one.
fn initials(chars: &[char], at: usize) -> Option<(usize, String)> {
    if !word_starts(chars, at) {
        return None;
    }
    let (_, mut end) = initial(chars, at)?;
    loop {
        if chars.get(end) == Some(&' ')
            && let Some(surname_end) = capitalized(chars, end + 1)
        {
            let initials: String = chars[at..end].iter().collect();
            let surname: String = chars[end + 1..surname_end].iter().collect();
            return Some((surname_end, format!("{initials}\u{a0}{surname}")));
        }
        let next = end + usize::from(chars.get(end).is_some_and(|c| c.is_whitespace()));
        (_, end) = initial(chars, next)?;
    }
}

/// Whether a quote after `prev` opens: at the start, after a space, a bracket, a dash or an
/// opening quote.
fn opens(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{“‘-–—/".contains(p))
}

/// Straight quotes made curly: `"` becomes “…” (‘…’ inside double quotes), and `'` an opening
/// ‘ where a quotation starts (not before a digit: ’90s), else ’ — a closing single quote and
/// an apostrophe are one character.
fn quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match c {
            '"' if opens(prev) => {
                out.push(if depth.is_multiple_of(2) {
                    '“'
                } else {
                    '‘'
                });
                depth += 1;
            }
            '"' => {
                depth = depth.saturating_sub(1);
                out.push(if depth.is_multiple_of(2) {
                    '”'
                } else {
                    '’'
                });
            }
            '\'' if opens(prev) && chars.peek().is_some_and(|n| !n.is_ascii_digit()) => {
                out.push('‘');
            }
            '\'' => out.push('’'),
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_english_typography() {
        assert_eq!(
            typography("the \"Customer First\" program"),
            "the “Customer First” program"
        );
        assert_eq!(
            typography("\"a 'quoted' word\" and \"the \"inner\" one\""),
            "“a ‘quoted’ word” and “the ‘inner’ one”"
        );
        assert_eq!(
            typography("the employee's and employees' rights, since the '90s"),
            "the employee’s and employees’ rights, since the ’90s"
        );
        assert_eq!(typography("Order No. 12"), "Order No.\u{a0}12");
        assert_eq!(
            typography("J. Smith and J.R. Doe"),
            "J.\u{a0}Smith and J.R.\u{a0}Doe"
        );
        assert_eq!(
            typography("sales - and service"),
            "sales\u{a0}– and service"
        );
        assert_eq!(typography("line\n  two"), "line two");
        assert_eq!(typography("well-known 2020-2026"), "well-known 2020-2026");
    }

    /// The rules as the regexes they replace, for the corner cases of the patterns.
    #[test]
    fn the_rules_are_the_regexes_they_replace() {
        let compiled: Vec<regex::Regex> = [
            r"\bNo\. ([0-9])",
            r"\b((?:\p{Lu}\.\s?)*\p{Lu}\.) (\p{Lu}\p{Ll}+)",
        ]
        .iter()
        .map(|p| regex::Regex::new(p).unwrap())
        .collect();
        let regexes = |s: &str| {
            let s = compiled[0].replace_all(s, "No.\u{a0}$1").into_owned();
            compiled[1].replace_all(&s, "$1\u{a0}$2").into_owned()
        };
        let texts = [
            "No. 12",
            "xNo. 12",
            "No. x",
            "(No. 1 and No. 22)",
            "No.  1",
            "J. Smith",
            "J.R. Smith",
            "J. R. Smith",
            "J.\u{a0}R. Smith",
            "J. R.\u{a0}Smith",
            "J. R. SMITH",
            "xJ. Smith",
            "J. Bo. Smith",
            "A. B. C. D. Evans",
            "A.B.C.Dylan Evans",
            "A. Bo",
            "J.  Smith",
            "P.S. Smirnov and J. Smith, No. 7",
            "É. Élan",
            "Order No. 12 of J.R. Doe",
            // characters whose classes `char` and Unicode's categories tell apart
            "Ⅱ. General terms",
            "²No. 5",
            "\u{200d}J. Smith",
            "‿J. Smith",
            "J. Sª",
            "Ⓐ.Ⓑ. Evans",
        ];
        for text in texts {
            let folded = quotes(&crate::locale::fold_spaces(text));
            let theirs = regexes(&folded)
                .replace(" -- ", "\u{a0}– ")
                .replace(" - ", "\u{a0}– ")
                .replace(" – ", "\u{a0}– ")
                .replace(" — ", "\u{a0}— ");
            assert_eq!(typography(text), theirs, "{text:?}");
        }
    }
}
