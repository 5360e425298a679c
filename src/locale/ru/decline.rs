//! A guess at the case forms of a position title, for the scaffold `jobdoc new` writes. No
//! Rust library declines arbitrary Russian phrases; this handles the shape of a title: leading
//! adjectives and a head noun, which decline («главный бухгалтер», «педагог-психолог»), then
//! words that stay as they are («отдела продаж», «по работе с клиентами», «складом» after
//! «заведующий»). The rules are the tables below, applied to each part of a hyphenated word;
//! the scaffold tells the user to check the forms.

use crate::locale::{CaseForms, lcfirst};

/// A nominative adjective or participle ending and what replaces it in the genitive, dative and
/// instrumental; the first ending that fits wins.
const ADJECTIVES: &[(&str, [&str; 3])] = &[
    ("кий", ["кого", "кому", "ким"]), // технический
    ("гий", ["гого", "гому", "гим"]),
    ("хий", ["хого", "хому", "хим"]),
    ("ий", ["его", "ему", "им"]),     // старший, заведующий, средний
    ("ый", ["ого", "ому", "ым"]),     // главный
    ("кой", ["кого", "кому", "ким"]), // городской
    ("гой", ["гого", "гому", "гим"]),
    ("ой", ["ого", "ому", "ым"]), // ночной, рулевой
    ("жая", ["жей"; 3]),
    ("шая", ["шей"; 3]), // старшая
    ("щая", ["щей"; 3]), // заведующая
    ("чая", ["чей"; 3]),
    ("ая", ["ой"; 3]), // медицинская
    ("яя", ["ей"; 3]), // средняя
];

/// A nominative noun ending and what replaces it in the genitive, dative and instrumental; the
/// first ending that fits wins. A noun ending in another consonant takes -а, -у, -ом.
const NOUNS: &[(&str, [&str; 3])] = &[
    ("кузнец", ["кузнеца", "кузнецу", "кузнецом"]), // the е stays, unlike «продавец»
    ("ец", ["ца", "цу", "цом"]),                    // продавец → продавца
    ("ач", ["ача", "ачу", "ачом"]),                 // врач
    ("ж", ["жа", "жу", "жем"]),                     // сторож
    ("ш", ["ша", "шу", "шем"]),
    ("щ", ["ща", "щу", "щем"]),
    ("ч", ["ча", "чу", "чем"]),
    ("ц", ["ца", "цу", "цом"]),
    ("ь", ["я", "ю", "ем"]), // учитель, секретарь
    ("й", ["я", "ю", "ем"]),
    ("я", ["и", "е", "ей"]), // няня, судья
    ("ка", ["ки", "ке", "кой"]),
    ("га", ["ги", "ге", "гой"]),
    ("ха", ["хи", "хе", "хой"]),
    ("жа", ["жи", "же", "жей"]),
    ("ша", ["ши", "ше", "шей"]),
    ("ща", ["щи", "ще", "щей"]),
    ("ча", ["чи", "че", "чей"]),
    ("ца", ["цы", "це", "цей"]), // уборщица
    ("а", ["ы", "е", "ой"]),     // сестра
];

/// The consonants after which a noun takes -а, -у, -ом (the others are in [`NOUNS`]).
const CONSONANTS: &str = "бвгдзклмнпрстфх";

/// Prepositions and conjunctions: the words from them on stay («дежурный по этажу»).
const STOP_WORDS: &[&str] = &[
    "по", "с", "со", "для", "в", "во", "на", "за", "при", "у", "к", "ко", "от", "из", "без", "и",
    "или",
];

/// Endings of an adjective in an oblique case: a dependent word, from which on the words stay
/// («рабочий зеленого хозяйства»).
const OBLIQUE: &[&str] = &[
    "ого", "его", "ому", "ему", "ым", "им", "ых", "их", "ыми", "ими",
];

/// How participles that name a position begin when they govern a complement: the words after
/// them stay («заведующий складом», «управляющий делами», «исполняющий обязанности директора»).
const GOVERNING: &[&str] = &["заведующ", "управляющ", "исполняющ", "вожат"];

/// Words before the head that stay as they are («временно исполняющий обязанности»).
const LEADING_KEPT: &[&str] = &["временно"];

/// First parts of a hyphenated noun that do not decline («шеф-повар» → «шеф-повара»); a first
/// part ending in a vowel («научно-технический») stays too.
const FIXED_FIRST_PARTS: &[&str] = &[
    "шеф",
    "вице",
    "экс",
    "обер",
    "штаб",
    "генерал",
    "бизнес",
    "веб",
    "арт",
    "пресс",
    "бренд",
    "контент",
    "офис",
    "топ",
    "интернет",
    "медиа",
    "фитнес",
];

/// A rule that declines one lower-case word: its genitive, dative and instrumental.
type Rule = fn(&str) -> Option<[String; 3]>;

/// The case forms of `title` (whitespace already folded): the leading adjectives and the head
/// noun decline, each part of a hyphenated one, Latin words and abbreviations staying as they are;
/// the rest is kept. `None` when the title has no lower-case Russian word to go by (Latin only,
/// capitals only): the forms cannot be guessed.
pub fn decline(title: &str) -> Option<CaseForms> {
    if !title.chars().any(russian_lower) {
        return None;
    }
    let mut forms: [Vec<String>; 3] = Default::default();
    let mut kept = Vec::new();
    // still before the end of the head: the words declining
    let mut open = true;
    for word in title.split_whitespace() {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        // the punctuation around a word stays: «(филиал)», «бухгалтер,»
        let start = word.find(core).unwrap_or_default();
        let (before, after) = (&word[..start], &word[start + core.len()..]);
        let lower = core.to_lowercase();
        let last = lower.rsplit('-').next().unwrap_or_default();
        let rule: Option<Rule> = if !open
            || !core.chars().any(russian_lower)
            || LEADING_KEPT.contains(&lower.as_str())
        {
            None
        } else if adjective(last).is_some() {
            open = !GOVERNING.iter().any(|g| lower.starts_with(g));
            Some(adjective)
        } else {
            open = false;
            let dependent =
                STOP_WORDS.contains(&lower.as_str()) || OBLIQUE.iter().any(|e| last.ends_with(e));
            (!dependent).then_some(noun as Rule)
        };
        let declined = match rule {
            Some(rule) => compound(core, rule, &mut kept),
            None => [core, core, core].map(str::to_string),
        };
        for (case, form) in forms.iter_mut().zip(declined) {
            case.push(format!("{before}{form}{after}"));
        }
    }
    let mid_sentence = |words: &[String]| {
        let text = words.join(" ");
        match text.chars().next() {
            Some(c) if russian(c) => lcfirst(&text),
            _ => text,
        }
    };
    let [genitive, dative, instrumental] = forms.map(|w| mid_sentence(&w));
    let mut nominative = title.chars();
    let nominative = match nominative.next() {
        Some(c) if russian_lower(c) => c.to_uppercase().chain(nominative).collect(),
        _ => title.to_string(),
    };
    Some(CaseForms {
        nominative,
        genitive,
        dative,
        instrumental,
        kept,
    })
}

/// `word` declined by `rule` part by part (both parts of «педагог-психолог»), except parts that
/// stay: Latin or capitals («Java-», «ИТ-»), and first parts that do not decline («шеф-»). A
/// Russian part no rule declines is kept and added to `kept`.
fn compound(word: &str, rule: Rule, kept: &mut Vec<String>) -> [String; 3] {
    let parts: Vec<&str> = word.split('-').collect();
    let mut forms: [Vec<String>; 3] = Default::default();
    for (i, part) in parts.iter().enumerate() {
        let lower = part.to_lowercase();
        let fixed = !part.chars().any(russian_lower)
            || (i + 1 < parts.len()
                && (FIXED_FIRST_PARTS.contains(&lower.as_str())
                    || lower.ends_with(|c: char| "аеёиоуыэюя".contains(c))));
        let declined = if fixed { None } else { rule(&lower) };
        if declined.is_none() && !fixed {
            kept.push(part.to_string());
        }
        let declined = declined
            .map(|d| d.map(|form| keep_case(part, &form)))
            .unwrap_or_else(|| [*part; 3].map(str::to_string));
        for (case, form) in forms.iter_mut().zip(declined) {
            case.push(form);
        }
    }
    forms.map(|parts| parts.join("-"))
}

/// `word` with its `ending` replaced by each of `forms`, when it has that ending.
fn replace(word: &str, ending: &str, forms: [&str; 3]) -> Option<[String; 3]> {
    word.strip_suffix(ending)
        .map(|stem| forms.map(|f| format!("{stem}{f}")))
}

/// The first ending of `table` that `word` has, replaced.
fn by_table(word: &str, table: &[(&str, [&str; 3])]) -> Option<[String; 3]> {
    table
        .iter()
        .find_map(|(ending, forms)| replace(word, ending, *forms))
}

/// An adjective or participle in the nominative, declined.
fn adjective(word: &str) -> Option<[String; 3]> {
    by_table(word, ADJECTIVES)
}

/// A noun, declined; `None` for one that ends in a vowel no rule knows (indeclinable: «портье»).
fn noun(word: &str) -> Option<[String; 3]> {
    by_table(word, NOUNS).or_else(|| {
        word.ends_with(|c: char| CONSONANTS.contains(c))
            .then(|| ["а", "у", "ом"].map(|f| format!("{word}{f}")))
    })
}

/// A Russian letter.
fn russian(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// A lower-case Russian letter.
fn russian_lower(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ё')
}

/// Restores the capitals of `original` on `form` (for «ИТ» or the first letter of a title).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Titles and their genitive, dative and instrumental, as `jobdoc new` guesses them.
    const TITLES: &[(&str, [&str; 3])] = &[
        (
            "Менеджер по работе с клиентами",
            [
                "менеджера по работе с клиентами",
                "менеджеру по работе с клиентами",
                "менеджером по работе с клиентами",
            ],
        ),
        (
            "Заведующий складом",
            [
                "заведующего складом",
                "заведующему складом",
                "заведующим складом",
            ],
        ),
        (
            "Заведующая детским садом",
            [
                "заведующей детским садом",
                "заведующей детским садом",
                "заведующей детским садом",
            ],
        ),
        (
            "Педагог-психолог",
            [
                "педагога-психолога",
                "педагогу-психологу",
                "педагогом-психологом",
            ],
        ),
        (
            "Инженер-программист",
            [
                "инженера-программиста",
                "инженеру-программисту",
                "инженером-программистом",
            ],
        ),
        (
            "Ведущий инженер-программист",
            [
                "ведущего инженера-программиста",
                "ведущему инженеру-программисту",
                "ведущим инженером-программистом",
            ],
        ),
        (
            "Менеджер по SMM",
            ["менеджера по SMM", "менеджеру по SMM", "менеджером по SMM"],
        ),
        (
            "Java-разработчик",
            [
                "Java-разработчика",
                "Java-разработчику",
                "Java-разработчиком",
            ],
        ),
        (
            "ИТ-специалист",
            ["ИТ-специалиста", "ИТ-специалисту", "ИТ-специалистом"],
        ),
        (
            "Главный бухгалтер",
            [
                "главного бухгалтера",
                "главному бухгалтеру",
                "главным бухгалтером",
            ],
        ),
        (
            "Старший воспитатель",
            [
                "старшего воспитателя",
                "старшему воспитателю",
                "старшим воспитателем",
            ],
        ),
        (
            "Младший воспитатель",
            [
                "младшего воспитателя",
                "младшему воспитателю",
                "младшим воспитателем",
            ],
        ),
        (
            "Медицинская сестра",
            [
                "медицинской сестры",
                "медицинской сестре",
                "медицинской сестрой",
            ],
        ),
        (
            "Старшая медицинская сестра",
            [
                "старшей медицинской сестры",
                "старшей медицинской сестре",
                "старшей медицинской сестрой",
            ],
        ),
        (
            "Уборщица служебных помещений",
            [
                "уборщицы служебных помещений",
                "уборщице служебных помещений",
                "уборщицей служебных помещений",
            ],
        ),
        ("Няня", ["няни", "няне", "няней"]),
        ("Секретарь", ["секретаря", "секретарю", "секретарем"]),
        ("Учитель", ["учителя", "учителю", "учителем"]),
        ("Водитель", ["водителя", "водителю", "водителем"]),
        ("Кассир", ["кассира", "кассиру", "кассиром"]),
        ("Шеф-повар", ["шеф-повара", "шеф-повару", "шеф-поваром"]),
        ("Машинист", ["машиниста", "машинисту", "машинистом"]),
        (
            "Специалист по охране труда",
            [
                "специалиста по охране труда",
                "специалисту по охране труда",
                "специалистом по охране труда",
            ],
        ),
        (
            "Заместитель директора по учебно-воспитательной работе",
            [
                "заместителя директора по учебно-воспитательной работе",
                "заместителю директора по учебно-воспитательной работе",
                "заместителем директора по учебно-воспитательной работе",
            ],
        ),
        (
            "Руководитель отдела продаж",
            [
                "руководителя отдела продаж",
                "руководителю отдела продаж",
                "руководителем отдела продаж",
            ],
        ),
        (
            "Помощник воспитателя",
            [
                "помощника воспитателя",
                "помощнику воспитателя",
                "помощником воспитателя",
            ],
        ),
        (
            "Старший продавец",
            [
                "старшего продавца",
                "старшему продавцу",
                "старшим продавцом",
            ],
        ),
        ("Врач", ["врача", "врачу", "врачом"]),
        ("Сторож", ["сторожа", "сторожу", "сторожем"]),
        (
            "Спортивный судья",
            [
                "спортивного судьи",
                "спортивному судье",
                "спортивным судьей",
            ],
        ),
        (
            "Дежурный администратор",
            [
                "дежурного администратора",
                "дежурному администратору",
                "дежурным администратором",
            ],
        ),
        (
            "Дежурный по этажу",
            [
                "дежурного по этажу",
                "дежурному по этажу",
                "дежурным по этажу",
            ],
        ),
        (
            "Рабочий зеленого хозяйства",
            [
                "рабочего зеленого хозяйства",
                "рабочему зеленого хозяйства",
                "рабочим зеленого хозяйства",
            ],
        ),
        (
            "Временно исполняющий обязанности директора",
            [
                "временно исполняющего обязанности директора",
                "временно исполняющему обязанности директора",
                "временно исполняющим обязанности директора",
            ],
        ),
        (
            "Научно-технический советник",
            [
                "научно-технического советника",
                "научно-техническому советнику",
                "научно-техническим советником",
            ],
        ),
        (
            "Продавец-кассир",
            ["продавца-кассира", "продавцу-кассиру", "продавцом-кассиром"],
        ),
        (
            "Городской кузнец",
            [
                "городского кузнеца",
                "городскому кузнецу",
                "городским кузнецом",
            ],
        ),
        ("Портье", ["портье", "портье", "портье"]),
    ];

    #[test]
    fn declines_titles_in_every_case() {
        let mut wrong = Vec::new();
        for (title, expected) in TITLES {
            let f = decline(title).expect("a Russian title");
            assert_eq!(f.nominative, *title);
            let got = [f.genitive, f.dative, f.instrumental];
            if got != *expected {
                wrong.push(format!("{title}: {got:?}, expected {expected:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn names_the_words_it_keeps() {
        assert_eq!(decline("Портье").unwrap().kept, ["Портье"]);
        // Latin, capitals, complements and fixed first parts are kept on purpose
        for title in [
            "Менеджер по SMM",
            "Java-разработчик",
            "Шеф-повар",
            "ИТ-специалист",
        ] {
            assert!(decline(title).unwrap().kept.is_empty(), "{title}");
        }
    }

    #[test]
    fn capitalizes_the_nominative_and_keeps_punctuation() {
        let f = decline("главный бухгалтер (филиал)").unwrap();
        assert_eq!(f.nominative, "Главный бухгалтер (филиал)");
        assert_eq!(f.genitive, "главного бухгалтера (филиал)");
    }

    #[test]
    fn cannot_guess_without_a_russian_word() {
        for title in ["Product Owner", "HR BP", "ГЛАВНЫЙ БУХГАЛТЕР", "12345", "—"]
        {
            assert_eq!(decline(title), None, "{title}");
        }
    }
}
