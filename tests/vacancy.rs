//! Vacancies: the discrimination check of the requirements a vacancy prints (an error at its
//! file:line:col naming the rule and the law; appearance a warning; a restriction citing its
//! legal basis passes), the duties taken from the job description by number, the postings for
//! hh.ru and search engines with the fields they require, the market data's median, and the
//! JSON outputs as outputs: checked, recorded, removed when stale.

mod common;

use common::Scratch;
use serde_json::Value;

const ROLE: &str = "roles/client-manager.yaml";

/// The seed project with `text` added to the vacancy's requirements, and the line and column
/// where it stands.
fn with_requirement(text: &str) -> (Scratch, usize, usize) {
    let s = Scratch::new();
    let anchor = "    - Опыт продаж\n";
    s.edit(ROLE, anchor, &format!("{anchor}    - {text}\n"));
    let source = std::fs::read_to_string(s.path().join(ROLE)).unwrap();
    let line = source
        .lines()
        .position(|l| l == format!("    - {text}"))
        .expect("the added line")
        + 1;
    (s, line, 7)
}

#[test]
fn the_seeds_age_requirement_fails_validate_at_its_place_naming_the_rule_and_the_law() {
    let (s, line, column) = with_requirement("Возраст от 25 до 40 лет");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says(&format!("{ROLE}:{line}:{column}"));
    run.says("a vacancy may not set a requirement of age («возраст»)");
    run.says("ТК РФ ст. 3 и 64");
    run.says("ст. 53 Федерального закона от 12.12.2023 № 565-ФЗ");
    run.says("КоАП РФ ст. 13.11.1");
    // nothing is built from a vacancy that discriminates
    let build = s.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(s.out_files().is_empty());
}

#[test]
fn each_ground_of_discrimination_is_an_error_at_the_words_that_name_it() {
    for (text, ground, words) in [
        ("Кандидаты до 35 лет", "age", "до 35 лет"),
        ("Кандидаты до 35 лет с опытом продаж", "age", "до 35 лет"),
        ("Только мужчины", "sex", "мужчин"),
        ("Девушка с опытом продаж", "sex", "Девушк"),
        ("Не замужем, без детей", "family", "замуж"),
        ("Наличие московской прописки", "residence", "прописк"),
        (
            "Регистрация в Москве или области",
            "residence",
            "Регистрация",
        ),
        ("Проживающие рядом с офисом", "residence", "Проживающ"),
        ("Гражданство РФ", "nationality", "Гражданств"),
        ("Славянской национальности", "nationality", "Славян"),
        // a legal basis exempts its own clause only
        ("Мужчины до 35 лет, знание ТК РФ", "age", "до 35 лет"),
        // experience in years, then an age
        ("Опыт продаж от 2 лет и до 35 лет", "age", "до 35 лет"),
        (
            "Кандидаты старше 45 лет не рассматриваются",
            "age",
            "старше 45",
        ),
        ("Моложе 30 лет", "age", "Моложе 30"),
    ] {
        let (s, line, column) = with_requirement(text);
        let run = s.run(&["validate"]);
        assert_eq!(run.code, 1, "{text}: {}", run.stderr);
        let offset = text.find(words).map(|b| text[..b].chars().count()).unwrap();
        run.says(&format!("{ROLE}:{line}:{}", column + offset));
        run.says(&format!("a requirement of {ground}"));
        run.says("565-ФЗ");
    }
}

#[test]
fn appearance_is_a_warning() {
    let (s, line, _) = with_requirement("Приятная внешность");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("warning: a vacancy may not set a requirement of appearance");
    run.says(&format!("{ROLE}:{line}:"));
}

#[test]
fn a_restriction_citing_its_legal_basis_and_experience_in_years_pass() {
    for text in [
        "Не моложе 18 лет (ст. 244 ТК РФ)",
        "Возраст не моложе 18 лет в соответствии со статьей 265 Трудового кодекса РФ",
        "Опыт работы от 1 года",
        "Практический опыт работы до 1 года",
        "Стаж в продажах от 2 лет",
        "Опыт продаж, в том числе B2B, от 3 лет",
        // words that only look like a ground
        "Регистрация обращений клиентов в CRM",
        "Опыт продаж товаров для детей",
        "Умение работать в условиях возрастающей нагрузки",
    ] {
        let (s, _, _) = with_requirement(text);
        let run = s.run(&["validate"]);
        assert_eq!(run.code, 0, "{text}: {}", run.stderr);
        assert!(
            !run.stderr.contains("a vacancy may not"),
            "{text}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_roles_own_requirements_are_checked_when_a_vacancy_prints_them() {
    let s = Scratch::new();
    s.edit(
        ROLE,
        "functions:\n",
        "requirements:\n  - Мужчина в возрасте до 45 лет\nfunctions:\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("a requirement of");
}

#[test]
fn a_duty_number_the_job_description_lacks_is_an_error_at_it() {
    let s = Scratch::new();
    s.edit(ROLE, "duties: [3.1, 3.2,", "duties: [3.1, 3.99,");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("the job description has no duty 3.99");
    let source = std::fs::read_to_string(s.path().join(ROLE)).unwrap();
    let (line, text) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("3.99"))
        .unwrap();
    let column = text.find("3.99").unwrap() + 1;
    run.says(&format!("{ROLE}:{}:{column}", line + 1));
}

/// The seed project built: the two postings as JSON.
fn postings() -> (Scratch, Value, Value) {
    let s = Scratch::new();
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| -> Value {
        serde_json::from_slice(&std::fs::read(s.path().join("out").join(name)).unwrap()).unwrap()
    };
    let hh = read("client-manager.vacancy.hh.json");
    let posting = read("client-manager.jobposting.json");
    (s, hh, posting)
}

/// The characters of `html` without its tags; every tag one of the subset hh.ru allows.
fn visible(html: &str) -> String {
    let allowed = ["p", "/p", "ul", "/ul", "li", "/li", "strong", "/strong"];
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').unwrap() + open;
        let tag = &rest[open + 1..close];
        assert!(allowed.contains(&tag), "tag <{tag}> is outside the subset");
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    assert!(!text.contains('<') && !text.contains('>'));
    text
}

#[test]
fn the_hh_request_has_every_field_the_api_requires_to_publish() {
    let (_s, hh, _) = postings();
    assert_eq!(hh["name"], "Менеджер по работе с клиентами");
    let description = hh["description"].as_str().unwrap();
    assert!(visible(description).chars().count() >= 200);
    // the duties are the job description's 3.1, 3.2, 3.3, 3.7, 3.10, nothing else
    assert!(description.contains("<li>Развивает деловые отношения с клиентами</li>"));
    assert!(description.contains("Формирует, ведет, обновляет и хранит базы данных"));
    assert!(!description.contains("Организует доставку товара"));
    assert_eq!(hh["area"]["id"], "1");
    assert_eq!(hh["type"]["id"], "open");
    assert_eq!(hh["billing_type"]["id"], "standard");
    assert_eq!(hh["professional_roles"][0]["id"], "70");
    assert_eq!(hh["experience"]["id"], "between1And3");
    assert_eq!(hh["employment_form"]["id"], "FULL");
    assert_eq!(hh["work_format"][0]["id"], "ON_SITE");
    assert_eq!(hh["work_schedule_by_days"][0]["id"], "FIVE_ON_TWO_OFF");
    assert_eq!(hh["working_hours"][0]["id"], "HOURS_8");
    assert_eq!(hh["key_skills"][0]["name"], "Активные продажи");
    let salary = &hh["salary_range"];
    assert_eq!(salary["from"], 110000);
    assert_eq!(salary["to"], 150000);
    assert_eq!(salary["currency"], "RUR");
    assert_eq!(salary["gross"], true);
    assert_eq!(salary["mode"]["id"], "MONTH");
}

#[test]
fn the_job_posting_has_the_properties_search_engines_require() {
    let (_s, _, p) = postings();
    assert_eq!(p["@context"], "https://schema.org/");
    assert_eq!(p["@type"], "JobPosting");
    assert_eq!(p["title"], "Менеджер по работе с клиентами");
    assert!(visible(p["description"].as_str().unwrap()).chars().count() >= 200);
    // the edition's date: no clock
    assert_eq!(p["datePosted"], "2026-06-05");
    assert_eq!(p["hiringOrganization"]["@type"], "Organization");
    assert!(
        p["hiringOrganization"]["name"]
            .as_str()
            .unwrap()
            .contains("Пример")
    );
    assert_eq!(p["jobLocation"]["@type"], "Place");
    let address = &p["jobLocation"]["address"];
    assert_eq!(address["@type"], "PostalAddress");
    assert_eq!(address["addressLocality"], "Москва");
    assert_eq!(address["addressCountry"], "RU");
    assert_eq!(p["baseSalary"]["@type"], "MonetaryAmount");
    assert_eq!(p["baseSalary"]["currency"], "RUB");
    assert_eq!(p["baseSalary"]["value"]["minValue"], 110000);
    assert_eq!(p["baseSalary"]["value"]["maxValue"], 150000);
    assert_eq!(p["baseSalary"]["value"]["unitText"], "MONTH");
    assert_eq!(p["employmentType"], "FULL_TIME");
}

#[test]
fn remote_work_names_the_applicants_country_instead_of_a_place() {
    let s = Scratch::new();
    s.edit(
        ROLE,
        "  city: Москва\n",
        "  city: Москва\n  work_format: [remote]\n",
    );
    assert_eq!(s.run(&["build"]).code, 0);
    let p: Value = serde_json::from_slice(
        &std::fs::read(s.path().join("out/client-manager.jobposting.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(p["jobLocationType"], "TELECOMMUTE");
    assert_eq!(p["applicantLocationRequirements"]["name"], "RU");
    assert!(p.get("jobLocation").is_none());
}

#[test]
fn a_salary_below_the_citys_median_is_a_warning_at_the_salary() {
    let s = Scratch::new();
    s.edit(
        ROLE,
        "{ from: 110000, to: 150000 }",
        "{ from: 90000, to: 100000 }",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("warning: the vacancy offers at most 100000, less than the median 119000 of Москва");
    run.says("_salaries.csv:2");
    let source = std::fs::read_to_string(s.path().join(ROLE)).unwrap();
    let line = source.lines().position(|l| l.contains("90000")).unwrap() + 1;
    run.says(&format!("{ROLE}:{line}:"));
}

#[test]
fn a_description_too_short_for_hh_is_an_error_at_the_vacancy() {
    let s = Scratch::new();
    s.write(
        "roles/seller.yaml",
        "title: { nominative: Продавец, genitive: продавца, dative: продавцу, instrumental: продавцом }\n\
         department: Торговый зал\n\
         edition: { revision: 1, date: 2026-06-05 }\n\
         duties:\n  - Продает товары\n\
         vacancy:\n  city: Москва\n  salary: { to: 150000 }\n  experience: none\n  professional_role: 97\n  key_skills: [Продажи]\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/seller.yaml:6:1");
    run.says("hh.ru takes at least 200");
}

#[test]
fn a_full_build_removes_the_postings_of_a_role_that_has_no_vacancy_any_more() {
    let (s, _, _) = postings();
    let source = std::fs::read_to_string(s.path().join(ROLE)).unwrap();
    let cut = source.find("vacancy:").unwrap();
    s.write(ROLE, &source[..cut]);
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = s.out_files().into_iter().map(|(n, _)| n).collect();
    for gone in [
        "client-manager.vacancy.hh.json",
        "client-manager.jobposting.json",
        "client-manager.vacancy.pdf",
    ] {
        assert!(
            !names.contains(&gone.to_string()),
            "{gone} is left: {names:?}"
        );
    }
    assert!(names.contains(&"client-manager.pdf".to_string()));
    assert_eq!(s.run(&["check"]).code, 0);
}

#[test]
fn check_fails_on_a_changed_posting_and_the_manifest_records_them() {
    let (s, _, _) = postings();
    let manifest = std::fs::read_to_string(s.path().join("out/.jobdoc-manifest.json")).unwrap();
    assert!(manifest.contains("\"client-manager.jobposting.json\""));
    assert!(manifest.contains("\"client-manager.vacancy.hh.json\""));
    assert_eq!(s.run(&["check"]).code, 0);
    s.edit(
        "out/client-manager.jobposting.json",
        "FULL_TIME",
        "PART_TIME",
    );
    let run = s.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("client-manager.jobposting.json");
}

#[test]
fn json_is_a_format_of_its_own() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "pdf"]).code, 0);
    let names = || -> Vec<String> { s.out_files().into_iter().map(|(n, _)| n).collect() };
    assert!(
        !names()
            .iter()
            .any(|n| n.ends_with(".json") && !n.starts_with('.'))
    );
    // a role built in another format is not up to date in JSON until its postings are written
    assert_eq!(s.run(&["build", "--format", "json"]).code, 0);
    let json: Vec<String> = names()
        .into_iter()
        .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
        .collect();
    assert_eq!(
        json,
        [
            "account-executive.jobposting.json",
            "account-executive.vacancy.hh.json",
            "client-manager.jobposting.json",
            "client-manager.vacancy.hh.json",
            "customer-success-manager.jobposting.json",
            "customer-success-manager.vacancy.hh.json",
            "sales-development-representative.jobposting.json",
            "sales-development-representative.vacancy.hh.json"
        ]
    );
}

#[test]
fn a_salary_without_a_figure_or_upside_down_is_an_error_at_it() {
    for (salary, says) in [
        ("{ gross: true }", "the salary gives no figure"),
        ("{ from: 150000, to: 110000 }", "from 150000 down to 110000"),
    ] {
        let s = Scratch::new();
        s.edit(ROLE, "{ from: 110000, to: 150000 }", salary);
        let run = s.run(&["validate"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.says(says);
        let source = std::fs::read_to_string(s.path().join(ROLE)).unwrap();
        let line = source.lines().position(|l| l.contains("salary:")).unwrap() + 1;
        run.says(&format!("{ROLE}:{line}:"));
    }
}

#[test]
fn conditions_and_key_skills_are_checked_too_and_a_vacancy_shows_duties_only() {
    let s = Scratch::new();
    s.edit(
        ROLE,
        "    - Оформление по ТК РФ с первого рабочего дня\n",
        "    - Оформление по ТК РФ с первого рабочего дня\n    - Только для мужчин\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("a requirement of sex");
    let s = Scratch::new();
    s.edit(
        ROLE,
        "key_skills: [Активные продажи,",
        "key_skills: [Девушки до 30 лет,",
    );
    assert_eq!(s.run(&["validate"]).code, 1);
    // a right (4.1) is no duty; an empty list shows none
    let s = Scratch::new();
    s.edit(ROLE, "duties: [3.1, 3.2,", "duties: [4.1, 3.2,");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("the job description has no duty 4.1");
    let s = Scratch::new();
    s.edit(ROLE, "duties: [3.1, 3.2, 3.3, 3.7, 3.10]", "duties: []");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("a vacancy shows at least one duty");
}

#[test]
fn a_salary_in_another_currency_or_after_tax_is_not_held_against_the_median() {
    let s = Scratch::new();
    s.edit(
        ROLE,
        "salary: { from: 110000, to: 150000 }",
        "salary: { from: 500, to: 900, currency: USD }",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("median"), "{}", run.stderr);
}
