//! The Russian words `jobdoc import` recognizes in a job description: the document type, the
//! гриф, section headings in their real spellings, lead-ins, the wording of the standard
//! provisions of section 1, and the letters of a transliterated id. Data only: the importer
//! (`crate::import`) compares lower-cased, whitespace-folded text with it.

use super::decline::decline;
use crate::locale::CaseForms;

/// The document type at the head of the text, lower case.
pub const DOCUMENT_TYPE: &str = "должностная инструкция";

/// The first word of a гриф, upper case: «УТВЕРЖДАЮ», «УТВЕРЖДЕНА приказом …».
pub const APPROVAL: &[&str] = &["УТВЕРЖДАЮ", "УТВЕРЖДЕНА", "УТВЕРЖДЕН", "УТВЕРЖДЕНО"];

/// The word before an order's date in a гриф: «приказом … от 05.06.2026 № 12».
pub const ORDER: &str = "приказом";

/// A standard section's key and the spellings of its heading, lower case, without the number
/// and the final period.
pub const HEADINGS: &[(&str, &[&str])] = &[
    (
        "general",
        &["общие положения", "общие сведения", "общая часть"],
    ),
    (
        "requirements",
        &[
            "требования к квалификации",
            "квалификационные требования",
            "требования к работнику",
        ],
    ),
    (
        "functions",
        &["функциональные обязанности", "функции", "основные функции"],
    ),
    (
        "duties",
        &[
            "должностные обязанности",
            "обязанности",
            "трудовые обязанности",
            "основные обязанности",
        ],
    ),
    (
        "rights",
        &["права", "права работника", "права и полномочия"],
    ),
    (
        "responsibilities",
        &["ответственность", "ответственность работника"],
    ),
];

/// Headings of sections of a text's own that a qualification reference (ЕКС) uses, lower case;
/// recognized, like the standard ones, at the start of a run-on paragraph.
pub const OWN_HEADINGS: &[&str] = &[
    "должен знать",
    "взаимоотношения",
    "заключительные положения",
];

/// A lead-in of section 1 that makes its list the role's `guided_by` or `must_know`: the
/// field, and words the lead-in contains, lower case.
pub const LEADS: &[(&str, &str)] = &[
    ("guided_by", "руководствоваться"),
    ("guided_by", "руководствуется"),
    ("must_know", "должен знать"),
];

/// A standard provision of section 1 and its wording around the role's value: the text before
/// the value, with `{nom}` or `{gen}` for the title; the value is the rest of the sentence.
/// `purpose` has no value: the whole sentence is the wording. These are the sentences the job-description template prints, so that a provision recognized
/// here prints again word for word.
pub const STANDARD: &[(&str, &str)] = &[
    (
        "purpose",
        "Настоящая должностная инструкция определяет функциональные обязанности, права и ответственность {gen}",
    ),
    ("category", "{nom} относится к категории "),
    (
        "appointed_by",
        "Назначение на должность {gen} и освобождение от должности осуществляется ",
    ),
    ("reports_to", "{nom} непосредственно подчиняется "),
    ("qualification", "На должность {gen} назначается "),
];

/// Short words that join a position's words: «менеджер по продажам», «специалист с опытом».
pub const JOINERS: &[&str] = &["по", "с", "со", "в", "во", "и", "для", "на"];

/// Genitive endings of the words of a title and the nominative endings they may come from,
/// tried in turn until `decline` gives the genitive back.
const GENITIVE_ENDINGS: &[(&str, &[&str])] = &[
    ("его", &["ий"]),
    ("ого", &["ый", "ий", "ой"]),
    ("ей", &["ая", "яя", "ь"]),
    ("ой", &["ая"]),
    ("ца", &["ец"]),
    ("я", &["ь", "й"]),
    ("а", &["", "а"]),
    ("ы", &["а"]),
    ("и", &["а", "я", "ь"]),
];

/// The case forms of a position from its genitive («менеджера по работе с клиентами»), as
/// `decline` would give them for the nominative: the first nominative, of those the endings
/// allow, whose genitive is the one given. `None` when none fits.
pub fn from_genitive(genitive: &str) -> Option<CaseForms> {
    let words: Vec<&str> = genitive.split_whitespace().collect();
    // the declining words come first; up to three of them are tried (an adjective or two and
    // the head noun), the rest kept
    let mut candidates = vec![String::new()];
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let mut forms: Vec<String> = Vec::new();
        if i < 3 {
            for (ending, nominatives) in GENITIVE_ENDINGS {
                if let Some(stem) = lower.strip_suffix(ending) {
                    forms.extend(nominatives.iter().map(|n| format!("{stem}{n}")));
                }
            }
        }
        forms.push(lower);
        candidates = candidates
            .iter()
            .flat_map(|c| {
                forms.iter().map(move |f| match c.is_empty() {
                    true => f.clone(),
                    false => format!("{c} {f}"),
                })
            })
            .take(4096)
            .collect();
    }
    let wanted = genitive.to_lowercase();
    candidates.iter().find_map(|c| {
        let mut title = c.clone();
        // a sentence starts with the title: its first letter a capital
        if let Some(first) = title.chars().next() {
            title.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        decline(&title).filter(|f| f.genitive.to_lowercase() == wanted)
    })
}

/// Latin letters for a Cyrillic one in a role id (the passport transliteration, ГОСТ Р 52535.1).
pub const TRANSLITERATION: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "i"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', "ie"),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "iu"),
    ('я', "ia"),
];

/// The words before a professional standard's requirements in the `qualification` a role
/// imported from it gives («На должность … назначается …»).
/// `{name}` the standard's name.
pub const QUALIFICATION_LEAD: &str =
    "лицо, отвечающее требованиям профессионального стандарта «{name}»";

/// The names of a generalized labour function's requirements in that `qualification`: to
/// education, to experience, special conditions of admission to work.
pub const QUALIFICATION_PARTS: [&str; 3] = [
    "образование и обучение",
    "опыт практической работы",
    "особые условия допуска к работе",
];

/// Endings of an infinitive, lower case: a professional standard's skill starts with one
/// («Применять …»), its knowledge does not («Методы …»).
pub const INFINITIVE_ENDINGS: &[&str] = &["ть", "ться", "ти", "тись", "чь", "чься"];

/// Endings among those of [`INFINITIVE_ENDINGS`] of the nouns knowledge starts with
/// («Особенности …», «Деятельность …»): no infinitive ends so («вести», «класть» do not).
pub const NOUN_ENDINGS: &[&str] = &["ость", "ости"];

/// Nouns, lower case, that end as an infinitive does and knowledge may start with («Сети …»,
/// «Пути …»): not infinitives. «Вести» is left out: in a standard it is the verb.
pub const NOT_INFINITIVES: &[&str] = &[
    "сеть",
    "сети",
    "путь",
    "пути",
    "часть",
    "части",
    "область",
    "области",
    "власть",
    "власти",
    "суть",
    "сути",
    "нить",
    "нити",
    "честь",
    "чести",
    "кисть",
    "кисти",
    "смерть",
    "ртуть",
    "нефть",
    "мать",
    "рать",
    "весть",
    "повесть",
    "совесть",
    "шерсть",
    "снасть",
    "зависть",
];

/// Cyrillic capitals that look like Latin ones, and those: a professional standard may write a
/// function's code «А/01.5» in Cyrillic, which `--function A/01.5` still names.
pub const LOOKALIKES: &[(char, char)] = &[
    ('А', 'A'),
    ('В', 'B'),
    ('С', 'C'),
    ('Е', 'E'),
    ('Н', 'H'),
    ('К', 'K'),
    ('М', 'M'),
    ('О', 'O'),
    ('Р', 'P'),
    ('Т', 'T'),
    ('Х', 'X'),
];
