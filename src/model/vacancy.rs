//! A role's vacancy (`vacancy:` of a role file): what a job posting adds to the job description
//! — which duties it shows, further requirements, conditions, place and pay, and the ids job
//! boards file it under — and the check that no requirement it prints discriminates (ТК РФ
//! ст. 3 and 64; the ban on discriminatory vacancy information of the law on employment, by the
//! rules of the locale, [`crate::locale::VacancyWords`]).

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Span};
use crate::load::yaml::{Node, NodeKind};
use crate::locale::{Locale, Severity};

/// A job posting made from the role: `out/<id>.vacancy.*`, the hh.ru request and the JobPosting.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// The duties it shows, by their numbers in the job description as printed (`[3.1, 3.4]`);
    /// every provision of the duties section when left out. A vacancy never promises what the
    /// job description lacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties: Option<Vec<ProvisionNumber>>,
    /// Requirements beyond the role's own (its `qualification` and `requirements`, printed
    /// first). None may name age, sex, family status, residence or nationality, unless it cites
    /// the federal law that provides for it: «не моложе 18 лет (ст. 244 ТК РФ)».
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// What the employer offers: «Оформление по ТК РФ с первого дня».
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// The city of the workplace, as the salary table `_salaries.csv` names it: «Москва».
    #[schemars(length(min = 1))]
    pub city: String,
    /// hh.ru's area id of the city (`GET /areas`); known for the largest cities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<u32>,
    /// The monthly pay offered.
    pub salary: Salary,
    /// The experience asked for: `none`, `1-3`, `3-6`, `6+` (years).
    pub experience: Experience,
    /// `full` (the default), `part`, `project`, `fly_in_fly_out`.
    #[serde(default)]
    pub employment: Employment,
    /// Where the work is done: `on_site` (the default), `remote`, `hybrid`, `field_work`.
    #[serde(default = "on_site", skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1))]
    pub work_format: Vec<WorkFormat>,
    /// Working days: `5/2` (the default), `6/1`, `2/2`, `3/3`, `weekends`, `flexible`, `other`.
    #[serde(default)]
    pub schedule: Schedule,
    /// Hours a working day: 2 to 12 [default: 8].
    #[serde(default = "eight")]
    #[schemars(range(min = 2, max = 12))]
    pub hours: u8,
    /// hh.ru's professional role id (`GET /professional_roles`): 70 is «Менеджер по продажам,
    /// менеджер по работе с клиентами».
    pub professional_role: u32,
    /// Key skills, as hh.ru lists them (at most 30).
    #[schemars(length(min = 1, max = 30))]
    pub key_skills: Vec<String>,
    /// The date it is posted (`datePosted`), `YYYY-MM-DD`; else the edition's date, else the
    /// build's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// hh.ru's publication: `standard` (the default), `free`, `standard_plus`, `premium`.
    #[serde(default)]
    pub billing: Billing,
}

/// A provision's number as printed: `3.1` (a YAML number) or `"3.10"` (text keeps the zero).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ProvisionNumber {
    /// `3.1`.
    Number(f64),
    /// `"3.10"`.
    Text(String),
}

/// The monthly pay a vacancy offers: a range, or one bound.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    /// From, in whole units of the currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub from: Option<u64>,
    /// Up to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub to: Option<u64>,
    /// `RUB` (the default), `USD`, `EUR`.
    #[serde(default)]
    pub currency: Currency,
    /// Before income tax (true, the default) or paid out.
    #[serde(default = "yes")]
    pub gross: bool,
}

impl Salary {
    /// The figure compared with the market: the upper bound, else the single one.
    pub fn top(&self) -> Option<u64> {
        self.to.or(self.from)
    }
}

/// A currency of pay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Currency {
    /// Russian rubles.
    #[default]
    #[serde(rename = "RUB")]
    Rub,
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
    /// Euros.
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// The ISO 4217 code (schema.org).
    pub fn iso(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }

    /// hh.ru's code (`GET /dictionaries`, `currency`): the ruble is `RUR` there.
    pub fn hh(self) -> &'static str {
        match self {
            Currency::Rub => "RUR",
            other => other.iso(),
        }
    }
}

/// Experience asked for, hh.ru's `experience` dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Experience {
    /// None.
    #[serde(rename = "none")]
    None,
    /// One to three years.
    #[serde(rename = "1-3")]
    OneToThree,
    /// Three to six years.
    #[serde(rename = "3-6")]
    ThreeToSix,
    /// More than six years.
    #[serde(rename = "6+")]
    MoreThanSix,
}

/// Employment, hh.ru's `employment_form` dictionary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    /// Full time.
    #[default]
    Full,
    /// Part time.
    Part,
    /// A project.
    Project,
    /// Rotation (вахта).
    FlyInFlyOut,
}

/// Where the work is done, hh.ru's `work_format` dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WorkFormat {
    /// At the employer's.
    OnSite,
    /// Remote.
    Remote,
    /// Partly remote.
    Hybrid,
    /// Travelling.
    FieldWork,
}

/// Working days, hh.ru's `work_schedule_by_days` dictionary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Schedule {
    /// Five days on, two off.
    #[default]
    #[serde(rename = "5/2")]
    FiveTwo,
    /// Six on, one off.
    #[serde(rename = "6/1")]
    SixOne,
    /// Two on, two off.
    #[serde(rename = "2/2")]
    TwoTwo,
    /// Three on, three off.
    #[serde(rename = "3/3")]
    ThreeThree,
    /// Weekends.
    #[serde(rename = "weekends")]
    Weekends,
    /// Free.
    #[serde(rename = "flexible")]
    Flexible,
    /// Another.
    #[serde(rename = "other")]
    Other,
}

/// hh.ru's publication type, its `billing_type` dictionary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// Standard.
    #[default]
    Standard,
    /// Free.
    Free,
    /// Standard plus.
    StandardPlus,
    /// Premium.
    Premium,
}

fn on_site() -> Vec<WorkFormat> {
    vec![WorkFormat::OnSite]
}

fn eight() -> u8 {
    8
}

fn yes() -> bool {
    true
}

/// The role texts a vacancy prints as requirements, conditions and key skills, by their place in
/// the file: `qualification`, the role's `requirements` (their texts and sub-items) and the
/// vacancy's own requirements, conditions and key skills.
pub fn requirement_nodes(root: &Node) -> Vec<&Node> {
    fn texts<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
        match &node.kind {
            NodeKind::Str { .. } => out.push(node),
            NodeKind::Seq(items) => items.iter().for_each(|i| texts(i, out)),
            NodeKind::Map(_) => {
                // a provision with sub-items; a fragment reference prints the organization's
                if let Some(t) = node.get("text") {
                    out.push(t);
                }
                if let Some(items) = node.get("items") {
                    texts(items, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for pointer in [
        "/qualification",
        "/requirements",
        "/vacancy/requirements",
        "/vacancy/conditions",
        "/vacancy/key_skills",
    ] {
        if let Some(n) = root.pointer(pointer) {
            texts(n, &mut out);
        }
    }
    out
}

/// The discrimination check of a role with a vacancy: each requirement it prints that names a
/// ground the locale's rules forbid, and cites no legal basis, is an error (a warning for a
/// ground that is one) at the words that name it, naming the rule and the law.
pub fn check(path: &Path, source: &str, root: &Node, locale: &Locale) -> Vec<Diagnostic> {
    // the rules' regexes are compiled only for a role that has a vacancy
    if root.get("vacancy").is_none() {
        return Vec::new();
    }
    let Some(words) = locale.vacancy_words() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in requirement_nodes(root) {
        let Some(text) = node.as_str() else { continue };
        for rule in &words.rules {
            // the first match that neither its clause's legal basis nor `unless` exempts
            let mut previous = 0;
            let found = rule.pattern.find_iter(text).find(|found| {
                let start = text[..found.start()].rfind([';', ',']).map_or(0, |i| i + 1);
                let end = text[found.end()..]
                    .find([';', ','])
                    .map_or(text.len(), |i| found.end() + i);
                // «не моложе 18 лет (ст. 244 ТК РФ)» passes; «мужчины до 35 лет, знание ТК
                // РФ» does not
                let cited = words.legal_basis.is_match(&text[start..end]);
                // «опыт работы от 1 года» (or «опыт продаж, в том числе B2B, от 3 лет») is
                // experience; «от 2 лет и до 35 лет» is age: the words since the sentence's
                // start or the rule's previous match
                let sentence = text[..found.start()].rfind([';', '.']).map_or(0, |i| i + 1);
                let before = &text[sentence.max(previous)..found.start()];
                previous = found.end();
                let experience = rule.unless.as_ref().is_some_and(|u| u.is_match(before));
                !cited && !experience
            });
            let Some(found) = found else {
                continue;
            };
            let plain = matches!(node.kind, NodeKind::Str { plain: true, .. });
            let span = if plain {
                let before = text[..found.start()].chars().count();
                Span::new(
                    node.span.line,
                    node.span.column + before,
                    found.as_str().chars().count(),
                )
            } else {
                node.span
            };
            let message = format!(
                "a vacancy may not set a requirement of {} («{}»): {}",
                rule.ground, rule.name, words.law
            );
            out.push(
                match rule.severity {
                    Severity::Error => Diagnostic::error(path, Some(source), span, message),
                    Severity::Warning => Diagnostic::warning(path, Some(source), span, message),
                }
                .with_hint(&words.hint),
            );
            // one ground a text is enough: the next rule of the same ground would repeat it
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::locale::{EN, RU, Severity};

    #[test]
    fn the_built_in_rules_read_and_name_every_ground() {
        let words = RU
            .vacancy_words()
            .expect("src/locale/ru/vacancy.yaml reads");
        let mut grounds: Vec<&str> = words.rules.iter().map(|r| r.ground.as_str()).collect();
        grounds.dedup();
        assert_eq!(
            grounds,
            [
                "age",
                "sex",
                "family",
                "residence",
                "nationality",
                "appearance"
            ]
        );
        let warned: Vec<&str> = words
            .rules
            .iter()
            .filter(|r| r.severity == Severity::Warning)
            .map(|r| r.ground.as_str())
            .collect();
        assert_eq!(warned, ["appearance"]);
        assert!(words.law.contains("565"));
        assert!(EN.vacancy_words().is_none());
    }
}
