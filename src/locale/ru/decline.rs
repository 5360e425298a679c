//! A first guess at the case forms of a position title, for the scaffold `jobdoc new` writes. No
//! Rust library declines arbitrary Russian phrases; this handles the usual shape of a title (adjectives
//! and a head noun, then words that stay as they are: «по работе с клиентами», «отдела продаж»).
//! The scaffold tells the user to check the forms.

use crate::locale::{CaseForms, lcfirst};

/// Declines the leading adjectives and the head noun of `title`; the rest is kept. The first
/// letter is lower-cased (the forms stand mid-sentence).
pub fn decline(title: &str) -> CaseForms {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut forms = [Vec::new(), Vec::new(), Vec::new()];
    let mut head_done = false;
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let declined = if head_done {
            None
        } else if let Some(adj) = adjective(&lower) {
            Some(adj)
        } else {
            head_done = true;
            noun(&lower)
        };
        let declined = declined.unwrap_or_else(|| [lower.clone(), lower.clone(), lower.clone()]);
        for (case, form) in forms.iter_mut().zip(declined) {
            case.push(if i == 0 || lower != *word {
                keep_case(word, &form)
            } else {
                form
            });
        }
    }
    let [genitive, dative, instrumental] = forms.map(|w| lcfirst(&w.join(" ")));
    CaseForms {
        genitive,
        dative,
        instrumental,
    }
}

/// Restores the capitals of `original` on `form` (for abbreviations like «ИТ-специалист»).
fn keep_case(original: &str, form: &str) -> String {
    let orig: Vec<char> = original.chars().collect();
    form.chars()
        .enumerate()
        .map(|(i, c)| match orig.get(i) {
            Some(o) if o.is_uppercase() => c.to_uppercase().next().unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn adjective(w: &str) -> Option<[String; 3]> {
    let stem = |n: usize| w.chars().take(w.chars().count() - n).collect::<String>();
    let last2: String = w
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before = w.chars().rev().nth(2);
    match last2.as_str() {
        "ый" | "ой" => {
            let s = stem(2);
            Some([format!("{s}ого"), format!("{s}ому"), format!("{s}ым")])
        }
        "ий" => {
            let s = stem(2);
            if matches!(before, Some('к' | 'г' | 'х')) {
                Some([format!("{s}ого"), format!("{s}ому"), format!("{s}им")])
            } else {
                Some([format!("{s}его"), format!("{s}ему"), format!("{s}им")])
            }
        }
        "ая" | "яя" => {
            let s = stem(2);
            let soft = last2 == "яя" || matches!(before, Some('ж' | 'ш' | 'щ' | 'ч'));
            let e = if soft { "ей" } else { "ой" };
            Some([format!("{s}{e}"), format!("{s}{e}"), format!("{s}{e}")])
        }
        _ => None,
    }
}

fn noun(w: &str) -> Option<[String; 3]> {
    let chars: Vec<char> = w.chars().collect();
    let last = *chars.last()?;
    let stem = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let hushing = |c: Option<&char>| matches!(c, Some('ж' | 'ш' | 'щ' | 'ч' | 'ц'));
    if w.ends_with("ец") && chars.len() > 3 {
        // продавец → продавца: the vowel drops
        let s = format!("{}ц", stem(2));
        return Some([format!("{s}а"), format!("{s}у"), format!("{s}ом")]);
    }
    match last {
        'ь' => {
            let s = stem(1);
            Some([format!("{s}я"), format!("{s}ю"), format!("{s}ем")])
        }
        'й' => {
            let s = stem(1);
            Some([format!("{s}я"), format!("{s}ю"), format!("{s}ем")])
        }
        'а' => {
            let s = stem(1);
            let genitive = if matches!(
                chars.get(chars.len().wrapping_sub(2)),
                Some('к' | 'г' | 'х' | 'ж' | 'ш' | 'щ' | 'ч')
            ) {
                "и"
            } else {
                "ы"
            };
            let ins = if hushing(chars.get(chars.len().wrapping_sub(2))) {
                "ей"
            } else {
                "ой"
            };
            Some([
                format!("{s}{genitive}"),
                format!("{s}е"),
                format!("{s}{ins}"),
            ])
        }
        c if c.is_alphabetic() && !"аеёиоуыэюя".contains(c) => {
            let ins = if hushing(chars.last()) {
                "ем"
            } else {
                "ом"
            };
            Some([format!("{w}а"), format!("{w}у"), format!("{w}{ins}")])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(t: &str) -> [String; 3] {
        let f = decline(t);
        [f.genitive, f.dative, f.instrumental]
    }

    #[test]
    fn declines_common_titles() {
        assert_eq!(
            forms("Менеджер по работе с клиентами"),
            [
                "менеджера по работе с клиентами",
                "менеджеру по работе с клиентами",
                "менеджером по работе с клиентами"
            ]
        );
        assert_eq!(
            forms("Главный бухгалтер"),
            [
                "главного бухгалтера",
                "главному бухгалтеру",
                "главным бухгалтером"
            ]
        );
        assert_eq!(
            forms("Руководитель отдела продаж"),
            [
                "руководителя отдела продаж",
                "руководителю отдела продаж",
                "руководителем отдела продаж"
            ]
        );
        assert_eq!(forms("Старший продавец")[0], "старшего продавца");
        assert_eq!(forms("Уборщица")[2], "уборщицей");
        assert_eq!(forms("ИТ-специалист")[0], "ИТ-специалиста");
    }
}
