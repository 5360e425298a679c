//! Russian typography for text that comes from the inputs: every value a template prints gets
//! the typography ГОСТ Р 7.0.97 documents use (then the Markdown escaping of
//! [`crate::document::escape_markdown`]).

use crate::locale::{capitalized, initial, replace_all, replace_each, run_of, word_starts};

/// Folds whitespace other than non-breaking spaces (a provision written over several lines is
/// one paragraph) and applies the typography of Russian documents: «ёлочки» with nested „лапки“,
/// a non-breaking space after `№`, between initials and surname, inside `2026 г.` and `20__ г.`,
/// and before a spaced dash.
pub fn typography(text: &str) -> String {
    // a non-breaking space is kept: the roster's «Ким␣А.» has one initial, which the rules
    // below do not bind
    let mut s = replace_each(
        quotes(&crate::locale::fold_spaces(text)),
        &[("№ ", "№\u{a0}")],
    );
    if s.contains('.') {
        // И.О. Фамилия, И. О. Фамилия → И.О.␣Фамилия; Фамилия И.О. → Фамилия␣И.О.
        s = replace_all(&s, initials_first);
        s = replace_all(&s, surname_first);
        s = replace_all(&s, year);
    }
    replace_each(
        s,
        &[
            (" - ", "\u{a0}– "),
            (" – ", "\u{a0}– "),
            (" — ", "\u{a0}— "),
        ],
    )
}

/// `И.О. Фамилия`, `И. О.  Фамилия` at the start of a word → `И.О.␣Фамилия`.
fn initials_first(chars: &[char], at: usize) -> Option<(usize, String)> {
    if !word_starts(chars, at) {
        return None;
    }
    let (first, end) = initial(chars, at)?;
    let end = end + usize::from(chars.get(end).is_some_and(|c| c.is_whitespace()));
    let (second, end) = initial(chars, end)?;
    let start = run_of(chars, end, char::is_whitespace);
    let surname_end = capitalized(chars, start).filter(|_| start > end)?;
    let surname: String = chars[start..surname_end].iter().collect();
    Some((surname_end, format!("{first}.{second}.\u{a0}{surname}")))
}

/// `Фамилия И.О.`, `Фамилия  И. О.` → `Фамилия␣И.О.`
fn surname_first(chars: &[char], at: usize) -> Option<(usize, String)> {
    let surname_end = capitalized(chars, at)?;
    let start = run_of(chars, surname_end, char::is_whitespace);
    let (first, end) = initial(chars, start).filter(|_| start > surname_end)?;
    let end = end + usize::from(chars.get(end).is_some_and(|c| c.is_whitespace()));
    let (second, end) = initial(chars, end)?;
    let surname: String = chars[at..surname_end].iter().collect();
    Some((end, format!("{surname}\u{a0}{first}.{second}.")))
}

/// `2026 г.`, `20__ гг.` → a non-breaking space before the abbreviation.
fn year(chars: &[char], at: usize) -> Option<(usize, String)> {
    let digit = chars.get(at).filter(|c| c.is_ascii_digit() || **c == '_')?;
    let word = match chars.get(at + 1..)? {
        [' ', 'г', '.', ..] => "г.",
        [' ', 'г', 'г', '.', ..] => "гг.",
        _ => return None,
    };
    Some((
        at + 2 + word.chars().count(),
        format!("{digit}\u{a0}{word}"),
    ))
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

    /// The rules as the regexes they replace: the same text for every text of the example and
    /// for the corner cases of the patterns.
    #[test]
    fn the_rules_are_the_regexes_they_replace() {
        let compiled: Vec<regex::Regex> = [
            r"\b(\p{Lu})\.\s?(\p{Lu})\.\s+(\p{Lu}\p{Ll}+)",
            r"(\p{Lu}\p{Ll}+)\s+(\p{Lu})\.\s?(\p{Lu})\.",
            r"([0-9_]) (гг?\.)",
        ]
        .iter()
        .map(|p| regex::Regex::new(p).unwrap())
        .collect();
        let regexes = |s: &str| {
            let s = compiled[0].replace_all(s, "$1.$2.\u{a0}$3").into_owned();
            let s = compiled[1].replace_all(&s, "$1\u{a0}$2.$3.").into_owned();
            compiled[2].replace_all(&s, "$1\u{a0}$2").into_owned()
        };
        let mut texts: Vec<String> = [
            "А.Б. Иванов",
            "А. Б.  Иванов",
            "А.Б.Иванов",
            // characters whose classes `char` and Unicode's categories tell apart
            "Приложение Ⅰ. Ⅱ.",
            "Раздел Ⅱ.Ⅲ. Общие",
            "м²А.Б. Иванов",
            "¹А.Б. Иванов",
            "＿А.Б. Иванов",
            "а\u{483}А.Б. Иванов",
            "Иª А.Б.",
            "Ⓐ.Ⓑ. Иванов",
            "xА.Б. Иванов",
            "1А.Б. Иванов",
            "_А.Б. Иванов",
            "-А.Б. Иванов",
            "А.Б. ИВАНОВ",
            "А.Б. И",
            "Иванов А.Б.",
            "Иванов  А. Б.",
            "ИВанов А.Б.",
            "Иванов А.",
            "Иванов А.Б",
            "Иванов\u{a0}А.\u{a0}Б.",
            "А.\u{a0}Б.\u{a0}Иванов",
            "Иванов А.Б. Петров",
            "А.Б. Иванов В.Г.",
            "2026 г.",
            "2026 гг.",
            "20__ г.",
            "2026 ггг.",
            "2026 г",
            "2026  г.",
            "x г.",
            "П.С. Смирнов и Смирнов П.С., 2026 г., 1 г.г.",
            "Ёж Ё.Ё.",
            "Élan É.Ü. Öz",
            "J.R. Smith",
            "Smith J.R.",
            "А.Б. Иванов-Петров",
            "а.б. Иванов",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let roles = concat!(env!("CARGO_MANIFEST_DIR"), "/roles");
        for file in std::fs::read_dir(roles).unwrap().flatten() {
            if file.path().extension().is_some_and(|e| e == "yaml") {
                texts.extend(
                    std::fs::read_to_string(file.path())
                        .unwrap()
                        .lines()
                        .map(String::from),
                );
            }
        }
        for text in &texts {
            let folded = quotes(&crate::locale::fold_spaces(text)).replace("№ ", "№\u{a0}");
            let ours = typography(text);
            let theirs = regexes(&folded)
                .replace(" - ", "\u{a0}– ")
                .replace(" – ", "\u{a0}– ")
                .replace(" — ", "\u{a0}— ");
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
