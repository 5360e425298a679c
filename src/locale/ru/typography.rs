//! Russian typography for text that comes from the inputs: every value a template prints gets
//! the typography ГОСТ Р 7.0.97 documents use (then the Markdown escaping of
//! [`crate::document::escape_markdown`]).

use std::sync::OnceLock;

use regex::Regex;

use crate::locale::re;

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
    let mut s = quotes(&crate::locale::fold_spaces(text));
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
}
