//! Russian typography and Markdown escaping for text that comes from the inputs. Templates print
//! every value through [`escape_markdown`], so a provision can never change the document's
//! structure, and every value gets the typography ГОСТ Р 7.0.97 documents use.

use std::sync::OnceLock;

use regex::Regex;

/// Non-breaking space.
pub const NBSP: char = '\u{a0}';

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Folds whitespace other than non-breaking spaces (a provision written over several lines is
/// one paragraph) and applies the typography of Russian documents: «ёлочки» with nested „лапки“,
/// a non-breaking space after `№`, between initials and surname, inside `2026 г.` and `20__ г.`,
/// and before a spaced dash.
pub fn typography(text: &str) -> String {
    static INITIALS_FIRST: OnceLock<Regex> = OnceLock::new();
    static SURNAME_FIRST: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    // a non-breaking space is kept: the roster's «Ким␣А.» has one initial, which the regexes
    // below do not bind
    let folded = text
        .split(|c: char| c.is_whitespace() && c != NBSP)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut s = quotes(&folded);
    s = s.replace("№ ", "№\u{a0}");
    // И.О. Фамилия, И. О. Фамилия → И.О.␣Фамилия; Фамилия И.О. → Фамилия␣И.О.
    s = re(
        &INITIALS_FIRST,
        r"\b(\p{Lu})\.\s?(\p{Lu})\.\s+(\p{Lu}\p{Ll}+)",
    )
    .replace_all(&s, "$1.$2.\u{a0}$3")
    .into_owned();
    s = re(&SURNAME_FIRST, r"(\p{Lu}\p{Ll}+)\s+(\p{Lu})\.\s?(\p{Lu})\.")
        .replace_all(&s, "$1\u{a0}$2.$3.")
        .into_owned();
    s = re(&YEAR, r"([0-9_]) (гг?\.)")
        .replace_all(&s, "$1\u{a0}$2")
        .into_owned();
    s = s
        .replace(" - ", "\u{a0}– ")
        .replace(" – ", "\u{a0}– ")
        .replace(" — ", "\u{a0}— ");
    s
}

/// Straight double quotes become «…», and quotes inside quotes „…“.
fn quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        match c {
            '«' | '„' => depth += 1,
            '»' | '“' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == '"' {
            let opening = prev.is_none_or(|p| p.is_whitespace() || "([{«„-–—".contains(p));
            if opening {
                out.push(if depth == 0 { '«' } else { '„' });
                depth += 1;
            } else {
                depth = depth.saturating_sub(1);
                out.push(if depth == 0 { '»' } else { '“' });
            }
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

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

/// What templates print for a value: typography, then Markdown escaping.
pub fn markdown_text(text: &str) -> String {
    escape_markdown(&typography(text))
}

/// The text of a provision without the punctuation at its end: templates add `;`, `.` or `:`
/// according to the place, so lists come out consistent whatever the author typed.
pub fn strip_end_punctuation(text: &str) -> &str {
    text.trim_end()
        .trim_end_matches([';', ',', '.', ':'])
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_russian_typography() {
        assert_eq!(
            typography("приказ № 12 от 2026 г."),
            "приказ №\u{a0}12 от 2026\u{a0}г."
        );
        assert_eq!(typography("А.Б.  Иванов"), "А.Б.\u{a0}Иванов");
        assert_eq!(typography("Иванов А. Б."), "Иванов\u{a0}А.Б.");
        assert_eq!(
            typography("ООО \"Пример \"Альфа\"\""),
            "ООО «Пример „Альфа“»"
        );
        assert_eq!(
            typography("тайна - к ответственности"),
            "тайна\u{a0}– к ответственности"
        );
        assert_eq!(typography("строка\n  вторая"), "строка вторая");
        assert_eq!(typography("Ким\u{a0}А."), "Ким\u{a0}А.");
        assert_eq!(typography("А.\u{a0}Ким"), "А.\u{a0}Ким");
    }

    #[test]
    fn escapes_everything_markdown_would_interpret() {
        assert_eq!(escape_markdown("1. пункт"), "1\\. пункт");
        assert_eq!(escape_markdown("- пункт"), "\\- пункт");
        assert_eq!(escape_markdown("1) пункт"), "1\\) пункт");
        assert_eq!(escape_markdown("05.06.2026"), "05.06.2026");
        assert_eq!(
            escape_markdown("a *b* _c_ <b> [x](y) # |"),
            "a \\*b\\* \\_c\\_ \\<b\\> \\[x\\](y) \\# \\|"
        );
    }

    #[test]
    fn strips_list_punctuation() {
        assert_eq!(strip_end_punctuation("текст; "), "текст");
        assert_eq!(strip_end_punctuation("услуги:"), "услуги");
    }
}
