//! A role's vacancy: its view for the template `vacancy.md`, made from the job description's own
//! outline (so it shows only duties and requirements the job description has), and the two
//! machine-readable postings built beside it — a vacancy-creation request for hh.ru
//! (`<id>.vacancy.hh.json`) and a schema.org JobPosting (`<id>.jobposting.json`).

use serde::Serialize;
use serde_json::{Value, json};

use crate::compose::Composer;
use crate::compose::view::{ItemView, JobDescriptionView};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Span};
use crate::locale::VacancyWords;
use crate::model::LoadedRole;
use crate::model::vacancy::{
    Billing, Employment, Experience, ProvisionNumber, Schedule, Vacancy, WorkFormat,
};

/// The file names of the postings of role `id`, each written as JSON.
pub fn posting_names(id: &str) -> [String; 2] {
    [
        format!("{id}.vacancy.hh.json"),
        format!("{id}.jobposting.json"),
    ]
}

/// The least number of characters hh.ru takes in a description.
pub const DESCRIPTION_MIN: usize = 200;

/// What the template `vacancy.md` sees as `vacancy`.
#[derive(Debug, Clone, Serialize)]
pub struct VacancyView {
    /// The duties shown: number in the job description, text, sub-items.
    pub duties: Vec<DutyView>,
    /// The requirements: the role's qualification and requirements, then the vacancy's own.
    pub requirements: Vec<String>,
    /// What the employer offers.
    pub conditions: Vec<String>,
    /// The city.
    pub city: String,
    /// The date of posting, as the document writes dates.
    pub date: String,
    /// The pay: `from`, `to` (digits grouped), `currency` in words, `gross`.
    pub salary: SalaryView,
    /// Experience, employment, work formats and schedule in the locale's words.
    pub experience: String,
    /// Employment in words.
    pub employment: String,
    /// Where the work is done, in words.
    pub work_format: Vec<String>,
    /// Working days in words.
    pub schedule: String,
    /// Hours a day.
    pub hours: u8,
    /// Key skills.
    pub key_skills: Vec<String>,
}

/// A duty a vacancy shows.
#[derive(Debug, Clone, Serialize)]
pub struct DutyView {
    /// `3.1.`, as the job description numbers it.
    pub number: String,
    /// The text.
    pub text: String,
    /// Sub-items.
    pub items: Vec<ItemView>,
}

/// The pay as the template prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SalaryView {
    /// `120 000` (a no-break space between groups), or absent.
    pub from: Option<String>,
    /// Up to.
    pub to: Option<String>,
    /// The currency in the locale's words.
    pub currency: String,
    /// Before income tax.
    pub gross: bool,
}

/// A vacancy as composed: what the template shows, and the data its postings are made of.
pub struct Composed<'a> {
    /// The role's vacancy section.
    pub vacancy: &'a Vacancy,
    /// The template's view.
    pub view: VacancyView,
    /// The date of posting.
    pub date: Date,
    /// hh.ru's area id.
    pub area: u64,
    /// The words of the locale.
    pub words: &'static VacancyWords,
}

/// The vacancy of `role` (`None` without one): duties by their numbers in the job description
/// `jd`, each number the role lacks an error at its line; a date and an area it cannot find an
/// error at the vacancy.
pub fn compose<'a>(
    c: &Composer,
    role: &'a LoadedRole,
    jd: &JobDescriptionView,
) -> Result<Option<Composed<'a>>, Vec<Diagnostic>> {
    let Some(vacancy) = role.role.vacancy.as_ref() else {
        return Ok(None);
    };
    let at = |pointer: &str| match pointer {
        "/vacancy" => key_span(role),
        _ => role.node.span_of(pointer),
    };
    let error = |pointer: &str, message: String, hint: &str| {
        Diagnostic::error(&role.path, Some(&role.source), at(pointer), message).with_hint(hint)
    };
    let Some(words) = c.locale.vacancy_words() else {
        return Err(vec![error(
            "/vacancy",
            format!("jobdoc writes no vacancies in `{}`", c.locale.code()),
            "write the role in Russian",
        )]);
    };
    let mut errors = Vec::new();
    // a vacancy shows duties, never a right or a responsibility: the duties' and the functions'
    // sections, with text of their own
    let is_duties =
        |s: &&crate::compose::view::SectionView| matches!(s.standard, Some("duties" | "functions"));
    let provisions = || {
        jd.role
            .outline
            .iter()
            .filter(is_duties)
            .flat_map(|s| s.provisions.iter())
            .filter(|p| !p.text.trim().is_empty())
    };
    let duty = |p: &crate::compose::view::ProvisionView| DutyView {
        number: p.number.clone(),
        text: p.text.clone(),
        items: p.items.clone(),
    };
    let duties = match &vacancy.duties {
        None => jd
            .role
            .outline
            .iter()
            .filter(|s| s.standard == Some("duties"))
            .flat_map(|s| s.provisions.iter().map(duty))
            .collect(),
        Some(numbers) => {
            let mut out = Vec::new();
            for (i, n) in numbers.iter().enumerate() {
                let pointer = format!("/vacancy/duties/{i}");
                let wanted = number_text(role, &pointer, n);
                match provisions().find(|p| p.number.trim_end_matches('.') == wanted) {
                    Some(p) => out.push(duty(p)),
                    None => errors.push(error(
                        &pointer,
                        format!("the job description has no duty {wanted}"),
                        "name duties by their numbers in the duties or functions of the built job description (out/<id>.md); a vacancy promises no right or responsibility",
                    )),
                }
            }
            if numbers.is_empty() {
                errors.push(error(
                    "/vacancy/duties",
                    "a vacancy shows at least one duty".into(),
                    "name the duties to show, or leave `duties` out to show them all",
                ));
            }
            out
        }
    };
    let mut requirements: Vec<String> = jd.role.qualification.iter().cloned().collect();
    requirements.extend(
        jd.role
            .outline
            .iter()
            .filter(|s| s.standard == Some("requirements"))
            .flat_map(|s| s.provisions.iter().map(|p| p.text.clone())),
    );
    requirements.extend(vacancy.requirements.iter().map(|r| fold(r)));
    // each a sentence of the list, the qualification («лицо, имеющее …») included
    let requirements = requirements.iter().map(|r| capital(r)).collect();
    let date = vacancy
        .date
        .as_deref()
        .or(role.role.edition.date.as_deref())
        .and_then(Date::parse_iso)
        .or(c.today);
    let area = vacancy
        .area
        .map(u64::from)
        .or_else(|| words.area(vacancy.city.trim()));
    if date.is_none() {
        errors.push(error(
            "/vacancy",
            "a vacancy needs the date it is posted".into(),
            "give `date` under `vacancy` or under `edition`",
        ));
    }
    if area.is_none() {
        errors.push(error(
            "/vacancy/city",
            format!("hh.ru's area id of `{}` is not known", vacancy.city),
            "give `area:` under `vacancy`, hh.ru's id of the city (GET https://api.hh.ru/areas)",
        ));
    }
    match (vacancy.salary.from, vacancy.salary.to) {
        (None, None) => errors.push(error(
            "/vacancy/salary",
            "the salary gives no figure".into(),
            "give `from`, `to` or both: hh.ru publishes no vacancy without pay",
        )),
        (Some(from), Some(to)) if from > to => errors.push(error(
            "/vacancy/salary",
            format!("the salary runs from {from} down to {to}"),
            "`from` is the lower bound",
        )),
        _ => {}
    }
    if let Some(d) = role
        .node
        .pointer("/vacancy/date")
        .filter(|n| n.as_str().and_then(Date::parse_iso).is_none())
    {
        errors.push(Diagnostic::error(
            &role.path,
            Some(&role.source),
            d.span,
            "the vacancy's `date` is not a calendar date (YYYY-MM-DD)",
        ));
    }
    let (Some(date), Some(area), true) = (date, area, errors.is_empty()) else {
        return Err(errors);
    };
    let word = |key: &str, value: &str| words.word(key, value).unwrap_or(value).to_string();
    // a no-break space between the groups, as the document's typography has it
    let group = |n: u64| crate::pay::money::group(&n.to_string(), crate::document::NBSP);
    let view = VacancyView {
        duties,
        requirements,
        conditions: vacancy.conditions.iter().map(|t| fold(t)).collect(),
        city: vacancy.city.trim().to_string(),
        date: c.organization.date(c.locale, date),
        salary: SalaryView {
            from: vacancy.salary.from.map(group),
            to: vacancy.salary.to.map(group),
            currency: word("currency", vacancy.salary.currency.iso()),
            gross: vacancy.salary.gross,
        },
        experience: word("experience", &key(&vacancy.experience)),
        employment: word("employment", &key(&vacancy.employment)),
        work_format: vacancy
            .work_format
            .iter()
            .map(|f| word("work_format", &key(f)))
            .collect(),
        schedule: word("schedule", &key(&vacancy.schedule)),
        hours: vacancy.hours,
        key_skills: vacancy.key_skills.iter().map(|s| fold(s)).collect(),
    };
    Ok(Some(Composed {
        vacancy,
        view,
        date,
        area,
        words,
    }))
}

/// Where `role`'s vacancy is: its key `vacancy:` (a mapping's own span is its first entry's).
pub fn key_span(role: &LoadedRole) -> Span {
    role.node
        .entry("vacancy")
        .map_or(Span::new(1, 1, 1), |(k, _)| k.span)
}

/// The number at `pointer` as the role file writes it (`3.10` keeps its zero), else as read.
fn number_text(role: &LoadedRole, pointer: &str, n: &ProvisionNumber) -> String {
    let written = role.node.pointer(pointer).and_then(|node| {
        let line = role.source.lines().nth(node.span.line.checked_sub(1)?)?;
        let text: String = line
            .chars()
            .skip(node.span.column.checked_sub(1)?)
            .take(node.span.len)
            .collect();
        Some(text.trim_matches(['"', '\'']).to_string())
    });
    let read = match n {
        ProvisionNumber::Number(x) => x.to_string(),
        ProvisionNumber::Text(t) => t.clone(),
    };
    written
        .filter(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .unwrap_or(read)
        .trim_end_matches('.')
        .to_string()
}

/// `text` with its first letter a capital.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Whitespace folded, as the job description prints a text.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A dictionary value as the role file writes it: `1-3`, `on_site`.
fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The description both postings carry: duties, requirements and conditions as lists in the
/// HTML subset hh.ru accepts (`<p>`, `<strong>`, `<ul>`, `<li>`), every text escaped.
pub fn description(v: &Composed) -> String {
    use crate::write::docx::escape_xml as esc;
    let mut html = String::new();
    let mut list = |key: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        html.push_str(&format!(
            "<p><strong>{}:</strong></p><ul>",
            esc(v.words.heading(key))
        ));
        for i in items {
            html.push_str(&format!("<li>{}</li>", esc(&i)));
        }
        html.push_str("</ul>");
    };
    let duty = |d: &DutyView| {
        let subs: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
        if subs.is_empty() {
            d.text.clone()
        } else {
            format!("{}: {}", d.text, subs.join("; "))
        }
    };
    list("duties", v.view.duties.iter().map(duty).collect());
    list("requirements", v.view.requirements.clone());
    list("conditions", v.view.conditions.clone());
    html
}

/// The characters of `html` a reader sees: the text without its tags, entities as one.
pub fn visible_len(html: &str) -> usize {
    let mut n = 0;
    let mut in_tag = false;
    let mut in_entity = false;
    for c in html.chars() {
        match (c, in_tag, in_entity) {
            ('<', false, _) => in_tag = true,
            ('>', true, _) => in_tag = false,
            (_, true, _) => {}
            ('&', false, _) => {
                in_entity = true;
                n += 1;
            }
            (';', false, true) => in_entity = false,
            (_, false, true) => {}
            _ => n += 1,
        }
    }
    n
}

/// The request body of hh.ru's `POST /vacancies` for the vacancy `v` of role title `title`.
/// Targets hh.ru's public OpenAPI specification (https://api.hh.ru/openapi/specification/public,
/// as published in 2025, with `salary_range`, `work_format`, `employment_form`,
/// `work_schedule_by_days` and `working_hours`, which replaced `salary`, `schedule` and
/// `employment`): every field it requires to publish. Keys sorted, so the bytes are stable.
pub fn hh_request(v: &Composed, title: &str, description: &str) -> Value {
    let s = &v.vacancy.salary;
    let mut salary = json!({
        "currency": s.currency.hh(),
        "gross": s.gross,
        "mode": { "id": "MONTH" },
    });
    if let Some(from) = s.from {
        salary["from"] = json!(from);
    }
    if let Some(to) = s.to {
        salary["to"] = json!(to);
    }
    json!({
        "area": { "id": v.area.to_string() },
        "billing_type": { "id": billing(v.vacancy.billing) },
        "description": description,
        "employment_form": { "id": employment(v.vacancy.employment) },
        "experience": { "id": experience(v.vacancy.experience) },
        "key_skills": v.view.key_skills.iter().map(|k| json!({ "name": k })).collect::<Vec<_>>(),
        "name": title,
        "professional_roles": [{ "id": v.vacancy.professional_role.to_string() }],
        "salary_range": salary,
        "type": { "id": "open" },
        "work_format": v.vacancy.work_format.iter().map(|f| json!({ "id": work_format(*f) })).collect::<Vec<_>>(),
        "work_schedule_by_days": [{ "id": schedule(v.vacancy.schedule) }],
        "working_hours": [{ "id": format!("HOURS_{}", v.vacancy.hours) }],
    })
}

/// The schema.org JobPosting of the vacancy `v` (JSON-LD): the properties Google requires
/// (`title`, `description`, `datePosted`, `hiringOrganization`, `jobLocation`, or for remote
/// work `jobLocationType` and `applicantLocationRequirements`) and those it recommends that
/// the vacancy gives (`baseSalary`, `employmentType`).
pub fn job_posting(v: &Composed, title: &str, description: &str, organization: &str) -> Value {
    let s = &v.vacancy.salary;
    let mut value = json!({ "@type": "QuantitativeValue", "unitText": "MONTH" });
    match (s.from, s.to) {
        (Some(from), Some(to)) => {
            value["minValue"] = json!(from);
            value["maxValue"] = json!(to);
        }
        (Some(one), None) | (None, Some(one)) => value["value"] = json!(one),
        (None, None) => {}
    }
    let address = json!({
        "@type": "PostalAddress",
        "addressCountry": "RU",
        "addressLocality": v.view.city,
    });
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "baseSalary": { "@type": "MonetaryAmount", "currency": s.currency.iso(), "value": value },
        "datePosted": v.date.iso(),
        "description": description,
        "employmentType": match v.vacancy.employment {
            Employment::Full | Employment::FlyInFlyOut => "FULL_TIME",
            Employment::Part => "PART_TIME",
            Employment::Project => "CONTRACTOR",
        },
        "hiringOrganization": { "@type": "Organization", "name": organization },
        "skills": v.view.key_skills.join(", "),
        "title": title,
    });
    if v.vacancy.work_format == [WorkFormat::Remote] {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] = json!({ "@type": "Country", "name": "RU" });
    } else {
        posting["jobLocation"] = json!({ "@type": "Place", "address": address });
    }
    posting
}

fn billing(b: Billing) -> &'static str {
    match b {
        Billing::Standard => "standard",
        Billing::Free => "free",
        Billing::StandardPlus => "standard_plus",
        Billing::Premium => "premium",
    }
}

fn employment(e: Employment) -> &'static str {
    match e {
        Employment::Full => "FULL",
        Employment::Part => "PART",
        Employment::Project => "PROJECT",
        Employment::FlyInFlyOut => "FLY_IN_FLY_OUT",
    }
}

fn experience(e: Experience) -> &'static str {
    match e {
        Experience::None => "noExperience",
        Experience::OneToThree => "between1And3",
        Experience::ThreeToSix => "between3And6",
        Experience::MoreThanSix => "moreThan6",
    }
}

fn work_format(f: WorkFormat) -> &'static str {
    match f {
        WorkFormat::OnSite => "ON_SITE",
        WorkFormat::Remote => "REMOTE",
        WorkFormat::Hybrid => "HYBRID",
        WorkFormat::FieldWork => "FIELD_WORK",
    }
}

fn schedule(s: Schedule) -> &'static str {
    match s {
        Schedule::FiveTwo => "FIVE_ON_TWO_OFF",
        Schedule::SixOne => "SIX_ON_ONE_OFF",
        Schedule::TwoTwo => "TWO_ON_TWO_OFF",
        Schedule::ThreeThree => "THREE_ON_THREE_OFF",
        Schedule::Weekends => "WEEKEND",
        Schedule::Flexible => "FLEXIBLE",
        Schedule::Other => "OTHER",
    }
}

/// A posting's bytes: pretty JSON, keys sorted, a final newline.
pub fn bytes(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
