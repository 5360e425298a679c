//! English: job descriptions in English-language (US) practice — a job summary, essential
//! functions, qualifications, working conditions and physical requirements, an approval block —
//! not the ГОСТ form of the Russian ones.
//!
//! Lists: an entry that is a sentence (its first letter a capital) ends with a period; any other
//! entry ends with nothing (no `;` between entries, as English lists have none), and an entry
//! with sub-items with a colon.

pub mod stems;
pub mod typography;

use super::{CaseForms, Gendered, KindWords, ListMarks, Locale, StaffColumn};

/// English (United States).
pub static EN: Locale = Locale {
    tag: "en-US",
    case_forms: false,
    own_fields: &[
        "summary",
        "classification",
        "qualifications",
        "working_conditions",
        "physical_requirements",
        "essential",
    ],
    sections: &[
        "general",
        "functions",
        "duties",
        "requirements",
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
        ("comp.md", include_str!("templates/comp.md")),
    ],
    // the metadata title is this and the position: «Job Description: Sales Representative»
    kinds: &[
        KindWords {
            kind: "job-description",
            title: "Job Description:",
            subject: "Job Description",
        },
        KindWords {
            kind: "ack",
            title: "Acknowledgement of Receipt:",
            subject: "Acknowledgement of Receipt",
        },
        KindWords {
            kind: "changes",
            title: "Record of Changes:",
            subject: "Record of Changes",
        },
        KindWords {
            kind: "comp",
            title: "Compensation Plan:",
            subject: "Compensation Plan",
        },
    ],
    escape: |input, out| {
        out.write_all(crate::document::escape_markdown(&typography::typography(input)).as_bytes())
    },
    date: "{month} {d}, {yyyy}",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    // the US English patterns alone (91 KB), see hyph-en-us/README.md
    hyphenation: include_bytes!("hyph-en-us/en-us.standard.bincode"),
    number_column: "No.",
    acquainted: Gendered {
        male: "acknowledged",
        female: "acknowledged",
        unknown: "acknowledged",
    },
    received: Gendered {
        male: "received",
        female: "received",
        unknown: "received",
    },
    approved_by_order: "Order No. {number} of {date}, {approver}",
    staff_columns: &[
        ("name", StaffColumn::Name),
        ("full name", StaffColumn::Name),
        ("employee", StaffColumn::Name),
        ("employee name", StaffColumn::Name),
        ("role", StaffColumn::Role),
        ("position", StaffColumn::Role),
        ("title", StaffColumn::Role),
        ("job title", StaffColumn::Role),
        ("department", StaffColumn::Department),
        ("dept", StaffColumn::Department),
        ("number", StaffColumn::Number),
        ("employee number", StaffColumn::Number),
        ("employee no", StaffColumn::Number),
        ("employee id", StaffColumn::Number),
        ("personnel number", StaffColumn::Number),
        ("id", StaffColumn::Number),
        ("gender", StaffColumn::Gender),
        ("sex", StaffColumn::Gender),
    ],
    staff_required: ["name", "role", "number"],
    staff_hint: "columns: name (surname first), role (a role id or the position title), department, number, gender",
    gender_hint: "write m or f, or leave it empty",
    gender_words: [&["m", "male", "man"], &["f", "female", "woman"]],
    // an English name does not show its bearer's gender
    gender_of_name: |_| None,
    fold_letters: &[],
    list_marks: ListMarks {
        between: "",
        last: "",
        lead: ":",
        sentence: Some("."),
    },
    stemming: &stems::STEMMING,
    // vacancies are posted in Russian (`vacancy` is a Russian role's field)
    vacancy: || None,
    abbreviations: &[
        "etc.", "e.g.", "i.e.", "inc.", "ltd.", "co.", "corp.", "llc.", "no.", "nos.", "dept.",
        "approx.", "jr.", "sr.", "vs.", "st.", "a.m.", "p.m.", "u.s.",
    ],
    substitutes: &[('₽', "RUB")],
    decline: same_in_every_case,
    scaffold: include_str!("scaffold.yaml"),
    organization_scaffold: include_str!("organization.yaml"),
    example_title: "Human Resources Specialist",
    categories: &[],
    scaffold_guided_by_last: "this job description",
    placeholders: &[
        "Describe ",
        "A duty with sub-items",
        "first sub-item",
        "second sub-item",
    ],
    scaffold_guided_by: &[],
};

/// An English title is the same in every place the text uses it; `None` when it has no letter.
fn same_in_every_case(title: &str) -> Option<CaseForms> {
    title.contains(char::is_alphabetic).then(|| CaseForms {
        nominative: title.to_string(),
        genitive: title.to_string(),
        dative: title.to_string(),
        instrumental: title.to_string(),
        kept: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn writes_dates_as_english_documents_do() {
        let d = Date::parse_iso("2026-06-05").unwrap();
        assert_eq!(EN.date(d), "June 5, 2026");
        assert_eq!(EN.code(), "en");
    }

    #[test]
    fn ends_sentences_with_a_period_and_other_entries_with_nothing() {
        assert_eq!(EN.end_mark("Greets customers", false, false), ".");
        assert_eq!(EN.end_mark("the company's charter", false, false), "");
        assert_eq!(EN.end_mark("the company's charter", true, false), "");
        assert_eq!(EN.end_mark("professionals", true, true), ".");
        assert_eq!(EN.end_mark("Prices, terms, etc.", true, false), "");
        assert_eq!(EN.end_mark("Prices, i.e.", false, false), "");
    }

    #[test]
    fn reads_english_roster_columns() {
        assert_eq!(EN.staff_column("Employee ID"), Some(StaffColumn::Number));
        assert_eq!(EN.parse_gender("F"), Some(crate::locale::Gender::Female));
    }
}
