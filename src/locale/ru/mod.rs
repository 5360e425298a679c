//! Russian: documents in the form of ГОСТ Р 7.0.97-2025.

pub mod decline;
pub mod import;
pub mod stems;
pub mod typography;

use super::{Gender, Gendered, KindWords, ListMarks, Locale, StaffColumn};

/// Russian.
pub static RU: Locale = Locale {
    tag: "ru-RU",
    case_forms: true,
    // a vacancy: the rules of Russian law on what it may not ask; a professional standard: a
    // document of the Russian register, printed as the Russian template's appendix
    own_fields: &["vacancy", "professional_standard"],
    sections: &[
        "general",
        "requirements",
        "functions",
        "duties",
        "working_conditions",
        "physical_requirements",
        "rights",
        "responsibilities",
    ],
    templates: &[
        (
            "job-description.md",
            include_str!("templates/job-description.md"),
        ),
        ("ack.md", include_str!("templates/ack.md")),
        ("ack-sheet.md", include_str!("templates/ack-sheet.md")),
        ("changes.md", include_str!("templates/changes.md")),
        ("vacancy.md", include_str!("templates/vacancy.md")),
        ("comp.md", include_str!("templates/comp.md")),
    ],
    kinds: &[
        KindWords {
            kind: "job-description",
            title: "Должностная инструкция",
            subject: "Должностная инструкция",
        },
        KindWords {
            kind: "ack",
            title: "Лист ознакомления с должностной инструкцией",
            subject: "Лист ознакомления",
        },
        KindWords {
            kind: "changes",
            title: "Лист изменений в должностной инструкции",
            subject: "Лист изменений",
        },
        KindWords {
            kind: "vacancy",
            title: "Вакансия:",
            subject: "Вакансия",
        },
        KindWords {
            kind: "comp",
            title: "Положение о премировании",
            subject: "Положение о премировании",
        },
    ],
    escape: |input, out| {
        out.write_all(crate::document::escape_markdown(&typography::typography(input)).as_bytes())
    },
    date: "{dd}.{mm}.{yyyy}",
    // genitive, as in «5 июня 2026 г.»
    months: [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    // the Russian patterns alone (42 KB), see hyph-ru/README.md
    hyphenation: include_bytes!("hyph-ru/ru.standard.bincode"),
    number_column: "№",
    acquainted: Gendered {
        male: "ознакомлен",
        female: "ознакомлена",
        unknown: "ознакомлен(а)",
    },
    received: Gendered {
        male: "получил",
        female: "получила",
        unknown: "получил(а)",
    },
    approved_by_order: "приказ {approver} от {date} № {number}",
    staff_columns: &[
        ("фио", StaffColumn::Name),
        ("ф и о", StaffColumn::Name),
        ("фамилия имя отчество", StaffColumn::Name),
        ("сотрудник", StaffColumn::Name),
        ("работник", StaffColumn::Name),
        ("name", StaffColumn::Name),
        ("full name", StaffColumn::Name),
        ("employee", StaffColumn::Name),
        ("должность", StaffColumn::Role),
        ("роль", StaffColumn::Role),
        ("role", StaffColumn::Role),
        ("position", StaffColumn::Role),
        ("title", StaffColumn::Role),
        ("подразделение", StaffColumn::Department),
        ("отдел", StaffColumn::Department),
        ("структурное подразделение", StaffColumn::Department),
        ("department", StaffColumn::Department),
        ("табельный номер", StaffColumn::Number),
        ("таб №", StaffColumn::Number),
        ("табельный №", StaffColumn::Number),
        ("таб номер", StaffColumn::Number),
        ("номер", StaffColumn::Number),
        ("number", StaffColumn::Number),
        ("personnel number", StaffColumn::Number),
        ("employee number", StaffColumn::Number),
        ("employee id", StaffColumn::Number),
        ("id", StaffColumn::Number),
        ("пол", StaffColumn::Gender),
        ("gender", StaffColumn::Gender),
        ("sex", StaffColumn::Gender),
    ],
    staff_required: ["ФИО (name)", "Должность (role)", "Табельный номер (number)"],
    staff_hint: "columns: ФИО, Должность (role id or title), Подразделение, Табельный номер, Пол — or name, role, department, number, gender",
    gender_hint: "write м or ж (m or f), or leave it empty",
    gender_words: [
        &["м", "муж", "мужской", "m", "male"],
        &["ж", "жен", "женский", "f", "female"],
    ],
    gender_of_name: gender_of_patronymic,
    fold_letters: &[('ё', 'е')],
    list_marks: ListMarks {
        between: ";",
        last: ".",
        lead: ":",
        sentence: None,
    },
    // not «в.» (a capital «В.», volts, folds to it) nor «им.» (a pronoun)
    abbreviations: &[
        "д.",
        "п.",
        "др.",
        "пр.",
        "г.",
        "гг.",
        "вв.",
        "ч.",
        "руб.",
        "коп.",
        "тыс.",
        "млн.",
        "млрд.",
        "ст.",
        "пп.",
        "см.",
        "англ.",
    ],
    substitutes: &[('₽', "руб.")],
    decline: decline::decline,
    scaffold: include_str!("scaffold.yaml"),
    organization_scaffold: include_str!("organization.yaml"),
    example_title: "Специалист по кадрам",
    categories: &[
        ("руководител", "руководителей"),
        ("директор", "руководителей"),
        ("начальник", "руководителей"),
        ("заведующ", "руководителей"),
        ("главный", "руководителей"),
        ("управляющ", "руководителей"),
        ("", "специалистов"),
    ],
    scaffold_guided_by_last: "настоящей должностной инструкцией",
    placeholders: &[
        "Опишите ",
        "Обязанность с подпунктами",
        "первый подпункт",
        "второй подпункт",
    ],
    scaffold_guided_by: &[
        "трудовым законодательством Российской Федерации",
        "уставом организации",
        "правилами внутреннего трудового распорядка",
    ],
    stemming: &stems::STEMMING,
    vacancy: || {
        static WORDS: std::sync::OnceLock<Option<super::VacancyWords>> = std::sync::OnceLock::new();
        WORDS
            .get_or_init(|| super::VacancyWords::parse(include_str!("vacancy.yaml")))
            .as_ref()
    },
};

/// The gender a Russian patronymic shows (Петровна, Ильинична; Петрович; Оглы, Кызы).
pub fn gender_of_patronymic(name: &str) -> Option<Gender> {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let last = words.get(2..)?.last()?;
    if last.ends_with("вна") || last.ends_with("чна") || last == "кызы" {
        Some(Gender::Female)
    } else if last.ends_with("вич") || last.ends_with("ич") || last == "оглы" {
        Some(Gender::Male)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_gender() {
        assert_eq!(
            gender_of_patronymic("Иванова Мария Петровна"),
            Some(Gender::Female)
        );
        assert_eq!(
            gender_of_patronymic("Петров Сергей Ильич"),
            Some(Gender::Male)
        );
        assert_eq!(gender_of_patronymic("Ким Анна"), None);
        assert_eq!(RU.parse_gender("Ж"), Some(Gender::Female));
    }

    #[test]
    fn writes_dates_as_documents_do() {
        let d = crate::date::Date::parse_iso("2026-06-05").unwrap();
        assert_eq!(RU.date(d), "05.06.2026");
    }
}
