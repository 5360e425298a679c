//! Compensation plans (`compensation:` of a role, `out/<id>.comp.*`): the payout table against
//! figures worked out by hand, the checks at file:line:col, and the plan's own edition,
//! fingerprint and signatures, apart from the job description's.

mod common;

use common::Scratch;

/// `out/<name>`, its non-breaking spaces (inside amounts, before `%`) as spaces.
fn out(s: &Scratch, name: &str) -> String {
    std::fs::read_to_string(s.path().join("out").join(name))
        .unwrap()
        .replace('\u{a0}', " ")
}

fn editions(s: &Scratch) -> serde_json::Value {
    let text = std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Asserts that `run` reports `message` at `at` (`roles/x.yaml:12:8`).
#[track_caller]
fn says_at(run: &common::Run, message: &str, at: &str) {
    let found = run
        .stderr
        .split(message)
        .skip(1)
        .any(|rest| rest.trim_start().starts_with(&format!("--> {at}\n")));
    assert!(found, "expected {message:?} at {at} in:\n{}", run.stderr);
}

/// The line (from 1) of `roles/<file>` that starts with `start`.
fn line_of(s: &Scratch, file: &str, start: &str) -> usize {
    let text = std::fs::read_to_string(s.roles().join(file)).unwrap();
    1 + text
        .lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("{file} has no line {start:?}"))
}

/// The payout table of the account executive's plan, worked out by hand from its parameters:
/// base 80 000, target variable 80 000 a month; nothing below 50 %; 1 % of the target per
/// percent to 100 %, 2 % per percent from 100 to 150 %, 3 % above; at most 300 %.
///
/// - 0 %: below the threshold, 0 % → 0; with the base 80 000
/// - 50 %: 50 × 1 = 50 % → 40 000; 120 000
/// - 80 %: 80 % → 64 000; 144 000
/// - 100 %: 100 % → 80 000; 160 000
/// - 120 %: 100 + 20 × 2 = 140 % → 112 000; 192 000
/// - 150 %: 100 + 50 × 2 = 200 % → 160 000; 240 000
/// - 200 %: 200 + 50 × 3 = 350 %, capped at 300 % → 240 000; 320 000
///
/// And the customer success plan's (base 84 000, target 36 000, threshold 80 %, 1.5 % per
/// percent above 100 %, cap 150 %): 50 % pays nothing, being below its threshold; 80 % pays
/// 80 % (28 800); 120 % pays 100 + 20 × 1.5 = 130 % (46 800); 150 % would pay 175 % and 200 %
/// 250 %, both capped at 150 % (54 000).
#[test]
fn the_payout_table_matches_figures_worked_out_by_hand() {
    let s = Scratch::new();
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ae = out(&s, "account-executive.comp.md");
    for row in [
        "| 0 | 0 | 0,00 | 80 000,00 |",
        "| 50 | 50 | 40 000,00 | 120 000,00 |",
        "| 80 | 80 | 64 000,00 | 144 000,00 |",
        "| 100 | 100 | 80 000,00 | 160 000,00 |",
        "| 120 | 140 | 112 000,00 | 192 000,00 |",
        "| 150 | 200 | 160 000,00 | 240 000,00 |",
        "| 200 | 300 | 240 000,00 | 320 000,00 |",
    ] {
        assert!(ae.contains(row), "{row} not in:\n{ae}");
    }
    let csm = out(&s, "customer-success-manager.comp.md");
    for row in [
        "| 50 | 0 | 0,00 | 84 000,00 |",
        "| 80 | 80 | 28 800,00 | 112 800,00 |",
        "| 120 | 130 | 46 800,00 | 130 800,00 |",
        "| 150 | 150 | 54 000,00 | 138 000,00 |",
        "| 200 | 150 | 54 000,00 | 138 000,00 |",
    ] {
        assert!(csm.contains(row), "{row} not in:\n{csm}");
    }
    // a quarterly component's target: 80 000 × 80 % × 3 months = 192 000; at 120 %, 140 % of it
    assert!(ae.contains("за квартал составит 268 800,00 руб. при целевой 192 000,00 руб."));
    // the employer's cost at target, 2026 rules: 160 000 a month, 30 % contributions (the year's
    // 1 920 000 stays under the base limit) and 0.2 % accident insurance: 48 320 a month, a
    // January of 208 320, a year of 12 × 208 320 = 2 499 840
    assert!(
        ae.contains("| 100 | 160 000,00 | 208 320,00 | 579 840,00 | 2 499 840,00 |"),
        "{ae}"
    );
    // the sheet names the plan, not the job description
    assert!(ae.contains("с положением о премировании менеджера по продажам"));
    assert!(ae.contains("(проект: редакция не утверждена)"));
}

#[test]
fn each_check_is_an_error_at_its_line_and_column() {
    let s = Scratch::new();
    let file = "roles/account-executive.yaml";
    s.edit(file, "  ote: 160000\n", "  ote: 150000\n");
    s.edit(
        file,
        "mix: { base: 50, variable: 50 }",
        "mix: { base: 50, variable: 40 }",
    );
    s.edit(file, "      weight: 20\n", "      weight: 30\n");
    s.edit(
        file,
        "      - { from: 100, to: 150, rate: 2 }\n",
        "      - { from: 110, to: 150, rate: 2 }\n",
    );
    s.edit(file, "    cap: 300\n", "    cap: 90\n");
    s.edit(file, "to: 2027-09-30 }", "to: 2027-02-30 }");
    let name = "account-executive.yaml";
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let at = |message: &str, start: &str, column: usize| {
        let line = line_of(&s, name, start);
        says_at(
            &run,
            &format!("error: {message}"),
            &format!("{file}:{line}:{column}"),
        );
    };
    at(
        "OTE 150000 is not the base salary 80000 and the target variable pay 80000: 160000",
        "  ote:",
        8,
    );
    at("the pay mix 50/40 does not add up to 100 %", "  mix:", 8);
    at(
        "the weights of the components add up to 110 %, not 100 %",
        "    - metric: выручка",
        5,
    );
    at(
        "the band starts at 110 %, and the band before ends at 100 %: bands are contiguous",
        "      - { from: 110",
        17,
    );
    at("a cap of 90 % is below the target, 100 %", "    cap:", 10);
    at("`2027-02-30` is not a calendar date", "  period:", 35);
}

#[test]
fn the_seeds_advice_is_a_warning() {
    let s = Scratch::new();
    let file = "roles/account-executive.yaml";
    // a 20/80 mix, and no accelerator above 100 %
    s.edit(file, "  base_salary: 80000\n", "  base_salary: 40000\n");
    s.edit(
        file,
        "  target_variable: 80000\n",
        "  target_variable: 160000\n",
    );
    s.edit(file, "  ote: 160000\n", "  ote: 200000\n");
    s.edit(
        file,
        "mix: { base: 50, variable: 50 }",
        "mix: { base: 20, variable: 80 }",
    );
    s.edit(file, "rate: 2 }", "rate: 1 }");
    s.edit(file, "rate: 3 }", "rate: 1 }");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = line_of(&s, "account-executive.yaml", "  profile:");
    says_at(
        &run,
        "warning: an account executive's base salary is 20 % of OTE; the seed advises a mix from 50/50 to 60/40",
        &format!("{file}:{line}:12"),
    );
    run.says("warning: no accelerator above 100 % of quota");
}

#[test]
fn the_plan_is_approved_and_signed_apart_from_the_job_description() {
    let s = Scratch::new();
    // an employee who holds the role
    let roster = std::fs::read_to_string(s.roles().join("_staff.csv")).unwrap();
    s.write(
        "roles/_staff.csv",
        &format!("{roster}Орлов Иван Петрович;account-executive;Отдел продаж;0060;м\n"),
    );
    let run = s.run(&["approve", "account-executive.comp"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("approved: account-executive.comp edition 1 of 2026-09-01");
    let e = editions(&s);
    assert!(e.get("account-executive").is_none(), "{e:?}");
    let plan = &e["account-executive.comp"][0];
    assert_eq!(plan["revision"], 1);
    assert_eq!(plan["pay"][3]["attainment"], 100);
    assert_eq!(plan["pay"][3]["monthly"], "160000.00");
    // the seed's job description keeps its record and its fingerprint
    assert!(
        e["client-manager"][0]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("sha256:003bfb48")
    );

    let run = s.run(&["approve", "account-executive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let e = editions(&s);
    let (jd, plan) = (
        e["account-executive"][0]["fingerprint"].as_str().unwrap(),
        e["account-executive.comp"][0]["fingerprint"]
            .as_str()
            .unwrap(),
    );
    assert_ne!(jd, plan);
    let short = &plan["sha256:".len()..][..12];
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let sheet = out(&s, "account-executive.comp.md");
    assert!(
        sheet.contains(&format!("отпечаток текста {short}\n")),
        "{sheet}"
    );
    assert!(
        sheet.contains("| 1 | Орлов И.П. | Менеджер по продажам | | |"),
        "{sheet}"
    );
    assert!(!out(&s, "account-executive.md").contains(short));

    // signing the plan is not signing the job description
    let run = s.run(&[
        "ack",
        "sign",
        "account-executive.comp",
        "0060",
        "--date",
        "2026-09-10",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = std::fs::read_to_string(s.roles().join("_signatures.yaml")).unwrap();
    assert!(
        records.contains("role: account-executive.comp, revision: 1"),
        "{records}"
    );
    let run = s.run(&[
        "ack",
        "status",
        "account-executive",
        "account-executive.comp",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "account-executive: edition 1 of 2026-09-01 in force — 1 employee(s), 1 pending"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "account-executive.comp: edition 1 of 2026-09-01 in force — 1 employee(s), 0 pending"
        ),
        "{}",
        run.stdout
    );

    // a pay change is a new plan edition, and leaves the job description approved
    s.edit(
        "roles/account-executive.yaml",
        "  base_salary: 80000\n",
        "  base_salary: 85000\n",
    );
    s.edit(
        "roles/account-executive.yaml",
        "  ote: 160000\n",
        "  ote: 165000\n",
    );
    s.edit(
        "roles/account-executive.yaml",
        "  mix: { base: 50, variable: 50 }\n",
        "",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    let line = line_of(&s, "account-executive.yaml", "    revision: 1");
    says_at(
        &run,
        "error: the text of edition 1 changed after it was approved on 2026-09-01: 2.1, 2.3, 6.1, 6.2",
        &format!("roles/account-executive.yaml:{line}:15"),
    );
    assert!(!run.stderr.contains("client-manager"), "{}", run.stderr);
    let run = s.run(&["diff", "account-executive.comp"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("changed 2.1\n    - Должностной оклад составляет 80 000,00 руб. в месяц.\n    + Должностной оклад составляет 85 000,00 руб. в месяц.\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("соотношение оклада и целевой премии 51,5/48,5.")
    );
    // and a duty change is a new job description edition, and leaves the plan approved
    let s = Scratch::new();
    assert_eq!(s.run(&["approve", "account-executive.comp"]).code, 0);
    s.edit(
        "roles/account-executive.yaml",
        "  - Выполняет план продаж на закрепленной территории\n",
        "  - Выполняет план продаж\n",
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out(&s, "account-executive.comp.md").contains("проект"));
}

#[test]
fn a_new_edition_that_lowers_pay_is_warned_about() {
    let s = Scratch::new();
    assert_eq!(s.run(&["approve", "customer-success-manager.comp"]).code, 0);
    let file = "roles/customer-success-manager.yaml";
    s.edit(
        file,
        "    revision: 1\n    date: 2026-09-01\n    number: ПП-22\n",
        "    revision: 2\n    date: 2026-12-01\n    number: ПП-22\n",
    );
    // a higher threshold: 80 % of quota pays nothing any more
    s.edit(file, "    threshold: 80\n", "    threshold: 90\n");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = line_of(&s, "customer-success-manager.yaml", "    revision: 2");
    says_at(
        &run,
        "warning: plan edition 2 lowers the pay terms of approved edition 1: at 80 % of quota 84000.00 a month instead of 112800.00",
        &format!("{file}:{line}:15"),
    );
    run.says("(Labour Code, art. 74)");
    // raising pay is no lowering
    s.edit(file, "    threshold: 90\n", "    threshold: 70\n");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("lowers"), "{}", run.stderr);
}

#[test]
fn a_base_salary_below_the_minimum_wage_is_an_error_at_it() {
    let s = Scratch::new();
    let file = "roles/account-executive.yaml";
    // 20 000 a month is below the МРОТ of 2026 (27 093), the year the plan starts
    s.edit(file, "  base_salary: 80000\n", "  base_salary: 20000\n");
    s.edit(
        file,
        "  target_variable: 80000\n",
        "  target_variable: 140000\n",
    );
    s.edit(file, "  mix: { base: 50, variable: 50 }\n", "");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = line_of(&s, "account-executive.yaml", "  base_salary:");
    run.says(&format!("{file}:{line}:16"));
    run.says(
        "the base salary 20000 a month is below the minimum wage of the plan's year, МРОТ 27093",
    );
}
