//! `jobdoc cost`: the seed's own tax table, the progressive income tax, the contributions' base
//! limit, the small-business tariff, an organization's rules and settings, and the errors. Every
//! expected figure is worked out by hand in the test, not with the code under test.

mod common;

use common::{Run, Scratch};
use serde_json::Value;

/// The cells of the report's row labelled `label`: its rate and amount (columns are two or more
/// spaces apart; a cell has single spaces only).
fn row(run: &Run, label: &str) -> Vec<String> {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with(label) && l[label.len()..].starts_with("  "))
        .unwrap_or_else(|| panic!("no row {label:?} in:\n{}", run.stdout));
    line[label.len()..]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

/// `jobdoc cost ARGS --message-format json` in `s`: the result object.
fn json(s: &Scratch, args: &[&str]) -> Value {
    let mut all = vec!["cost"];
    all.extend(args);
    all.extend(["--message-format", "json"]);
    let run = s.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let last = run.stdout.lines().last().expect("a line of JSON");
    let value: Value = serde_json::from_str(last).expect("JSON");
    assert_eq!(value["reason"], "cost");
    value
}

/// A project whose organization file ends with `pay`.
fn with_pay(pay: &str) -> Scratch {
    let s = Scratch::new();
    let org = std::fs::read_to_string(s.roles().join("_organization.yaml")).unwrap();
    s.write("roles/_organization.yaml", &format!("{org}{pay}"));
    s
}

#[test]
fn the_seeds_table_comes_out_exactly() {
    // the seed: 50 000.00 a month at 2024 rates; НДФЛ 13 %, ОПС 22 %, ОМС 5.1 %, ВНиМ 2.9 %,
    // accident insurance 0.2 %; 259 200.00 of taxes in twelve months = 12 × (6 500 + 15 100)
    let s = Scratch::new();
    let run = s.run(&[
        "cost", "--gross", "50000", "--year", "2024", "--period", "month",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(row(&run, "Gross pay"), ["50 000.00"]);
    assert_eq!(
        row(&run, "Income tax (НДФЛ), withheld"),
        ["13 %", "6 500.00"]
    );
    assert_eq!(row(&run, "Net pay"), ["43 500.00"]);
    assert_eq!(row(&run, "Insurance contributions"), ["30 %", "15 000.00"]);
    assert_eq!(
        row(&run, "  of which pension insurance (ОПС)*"),
        ["22 %", "11 000.00"]
    );
    assert_eq!(
        row(&run, "  of which medical insurance (ОМС)*"),
        ["5.1 %", "2 550.00"]
    );
    assert_eq!(
        row(&run, "  of which sickness and maternity insurance (ВНиМ)*"),
        ["2.9 %", "1 450.00"]
    );
    assert_eq!(
        row(&run, "Accident insurance (НС и ПЗ)"),
        ["0.2 %", "100.00"]
    );
    assert_eq!(row(&run, "Employer's contributions"), ["15 100.00"]);
    assert_eq!(row(&run, "Employer's total cost"), ["65 100.00"]);
    assert_eq!(row(&run, "Taxes and contributions"), ["21 600.00"]);
    assert!(run.stdout.contains("notional"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Twelve months at this pay: 259 200.00 of taxes and contributions."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("No threshold is crossed in 2024"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    // the year: twelve such months, nothing crossed
    let year = s.run(&[
        "cost", "--gross", "50000", "--year", "2024", "--period", "year",
    ]);
    assert_eq!(year.code, 0, "{}", year.stderr);
    assert_eq!(row(&year, "Taxes and contributions"), ["259 200.00"]);
    assert_eq!(
        row(&year, "Income tax (НДФЛ), withheld"),
        ["13 %", "78 000.00"]
    );
    assert_eq!(row(&year, "Employer's total cost"), ["781 200.00"]);
    assert_eq!(
        row(&year, "December"),
        [
            "50 000.00",
            "6 500.00",
            "43 500.00",
            "15 000.00",
            "100.00",
            "65 100.00"
        ]
    );

    // the same in JSON: amounts as strings of rubles and kopecks
    let v = json(&s, &["--gross", "50000", "--year", "2024"]);
    let f = &v["figures"];
    assert_eq!(f["income_tax"], "6500.00");
    assert_eq!(f["net"], "43500.00");
    assert_eq!(f["split"][0]["name"], "ОПС");
    assert_eq!(f["split"][0]["amount"], "11000.00");
    assert_eq!(f["split"][1]["amount"], "2550.00");
    assert_eq!(f["split"][2]["amount"], "1450.00");
    assert_eq!(f["accident"], "100.00");
    assert_eq!(f["employer_contributions"], "15100.00");
    assert_eq!(v["taxes_in_twelve_months"], "259200.00");
    assert_eq!(v["crossings"], serde_json::json!([]));
}

#[test]
fn the_income_tax_is_progressive_from_2025() {
    let s = Scratch::new();
    // 300 000 a month: 3 600 000 a year; 13 % of 2 400 000 = 312 000, 15 % of the 1 200 000
    // above it = 180 000; 8 × 300 000 = 2 400 000 exactly, so September is the first month
    // at 15 %: 39 000 a month to August, 45 000 from September
    let v = json(
        &s,
        &["--gross", "300000", "--year", "2025", "--period", "year"],
    );
    assert_eq!(v["figures"]["income_tax"], "492000.00");
    assert_eq!(
        v["figures"]["income_tax_rates"],
        serde_json::json!(["13", "15"])
    );
    assert_eq!(v["months"][7]["income_tax"], "39000.00");
    assert_eq!(v["months"][8]["income_tax"], "45000.00");
    assert_eq!(v["months"][11]["income_tax"], "45000.00");
    assert_eq!(v["months"][8]["net"], "255000.00");
    assert_eq!(v["crossings"][0]["threshold"], "income_tax");
    assert_eq!(v["crossings"][0]["at"], "2400000.00");
    assert_eq!(v["crossings"][0]["month"], 9);
    assert_eq!(v["crossings"][0]["to"], "15");
    // the first month says when the rate would change
    let month = s.run(&["cost", "--gross", "300000", "--year", "2025"]);
    assert_eq!(month.code, 0, "{}", month.stderr);
    assert_eq!(
        row(&month, "Income tax (НДФЛ), withheld"),
        ["13 %", "39 000.00"]
    );
    assert!(
        month.stdout.contains(
            "Income tax (НДФЛ): 15 % instead of 13 % from September, when income since January passes 2 400 000.00"
        ),
        "{}",
        month.stdout
    );

    // 500 000 a month: 6 000 000 a year; 312 000 + 15 % of 2 600 000 (390 000) + 18 % of the
    // 1 000 000 above 5 000 000 (180 000) = 882 000. 2 400 000 is passed in May (2 000 000 by
    // April): 400 000 at 13 % and 100 000 at 15 % = 67 000; 5 000 000 is reached exactly with
    // October, so November is the first month at 18 %: 90 000
    let v = json(
        &s,
        &["--gross", "500000", "--year", "2025", "--period", "year"],
    );
    assert_eq!(v["figures"]["income_tax"], "882000.00");
    assert_eq!(v["months"][3]["income_tax"], "65000.00");
    assert_eq!(v["months"][4]["income_tax"], "67000.00");
    assert_eq!(
        v["months"][4]["income_tax_rates"],
        serde_json::json!(["13", "15"])
    );
    assert_eq!(v["months"][9]["income_tax"], "75000.00");
    assert_eq!(v["months"][10]["income_tax"], "90000.00");
    let crossed: Vec<(u64, &str)> = v["crossings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["threshold"] == "income_tax")
        .map(|c| (c["month"].as_u64().unwrap(), c["to"].as_str().unwrap()))
        .collect();
    assert_eq!(crossed, [(5, "15"), (11, "18")]);

    // 2024 is flat below 5 000 000: 13 % of 3 600 000
    let v = json(
        &s,
        &["--gross", "300000", "--year", "2024", "--period", "year"],
    );
    assert_eq!(v["figures"]["income_tax"], "468000.00");
}

#[test]
fn contributions_drop_to_15_1_percent_above_the_base_limit() {
    let s = Scratch::new();
    // 2024, 200 000 a month: the base limit 2 225 000 is passed in December (2 200 000 by
    // November). December: 25 000 at 30 % = 7 500 and 175 000 at 15.1 % = 26 425 → 33 925;
    // the year: 30 % of 2 225 000 = 667 500 and 26 425 → 693 925
    let v = json(
        &s,
        &["--gross", "200000", "--year", "2024", "--period", "year"],
    );
    assert_eq!(v["months"][10]["contributions"], "60000.00");
    assert_eq!(v["months"][11]["contributions"], "33925.00");
    assert_eq!(
        v["months"][11]["contribution_rates"],
        serde_json::json!(["30", "15.1"])
    );
    assert_eq!(v["figures"]["contributions"], "693925.00");
    let base = &v["crossings"][0];
    assert_eq!(base["threshold"], "base_limit");
    assert_eq!(base["at"], "2225000.00");
    assert_eq!(base["month"], 12);
    assert_eq!(
        (base["from"].as_str(), base["to"].as_str()),
        (Some("30"), Some("15.1"))
    );
    // the notional split adds up: above the base ОПС 10 %, ОМС 5.1 %, ВНиМ nothing. ОМС: 5.1 %
    // of 2 400 000 = 122 400; ВНиМ: 2.9 % of 2 225 000 = 64 525; ОПС the rest, 507 000 =
    // 22 % of 2 225 000 (489 500) + 10 % of 175 000 (17 500)
    let split = &v["figures"]["split"];
    assert_eq!(split[1]["amount"], "122400.00");
    assert_eq!(split[2]["amount"], "64525.00");
    assert_eq!(split[0]["amount"], "507000.00");
    assert_eq!(split[2]["rates"], serde_json::json!(["2.9", "0"]));

    // 2026: 300 000 a month passes 2 979 000 in October (2 700 000 by September): 279 000 at
    // 30 % = 83 700 and 21 000 at 15.1 % = 3 171 → 86 871
    let v = json(
        &s,
        &["--gross", "300000", "--year", "2026", "--period", "year"],
    );
    assert_eq!(v["months"][9]["contributions"], "86871.00");
    assert_eq!(v["months"][10]["contributions"], "45300.00");
    let month = s.run(&["cost", "--gross", "300000", "--year", "2026"]);
    assert!(
        month
            .stdout
            .contains("Contributions: 15.1 % instead of 30 % from October, when pay since January passes the base limit of 2 979 000.00"),
        "{}",
        month.stdout
    );
}

#[test]
fn a_small_business_pays_the_reduced_tariff_above_its_threshold() {
    let s = with_pay("pay:\n  tariff: small_business\n");
    // 2025: 1.5 МРОТ = 1.5 × 22 440 = 33 660 at 30 % = 10 098; the 66 340 above it at 15 % =
    // 9 951 → 20 049 a month
    let v = json(&s, &["--gross", "100000", "--year", "2025"]);
    assert_eq!(v["tariff"], "small_business");
    assert_eq!(v["reduced_above"], "33660.00");
    assert_eq!(v["figures"]["contributions"], "20049.00");
    assert_eq!(
        v["figures"]["contribution_rates"],
        serde_json::json!(["30", "15"])
    );
    assert_eq!(v["figures"]["income_tax"], "13000.00");
    // 2024: above 1 МРОТ, 19 242 at 30 % = 5 772.60; 30 758 at 15 % = 4 613.70 → 10 386.30
    let v = json(&s, &["--gross", "50000", "--year", "2024"]);
    assert_eq!(v["figures"]["contributions"], "10386.30");
    assert_eq!(v["figures"]["employer_contributions"], "10486.30");
    // 2026: 1.5 × 27 093 = 40 639.50, and the note on who may use it
    let run = s.run(&["cost", "--gross", "100000", "--year", "2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 40 639.50 at 30 % = 12 191.85; 59 360.50 at 15 % = 8 904.075 → 21 095.925 → 21 095.93
    assert_eq!(
        row(&run, "Insurance contributions"),
        ["30/15 %", "21 095.93"]
    );
    assert!(run.stdout.contains("up to 40 639.50"), "{}", run.stdout);
    assert!(run.stdout.contains("priority sectors"), "{}", run.stdout);
}

#[test]
fn an_organization_sets_the_year_and_the_injury_rate() {
    let s = with_pay("pay:\n  year: 2024\n  injury_rate: 0.4\n");
    // no --year: the organization's; 0.4 % of 50 000 = 200
    let v = json(&s, &["--gross", "50000"]);
    assert_eq!(v["year"], 2024);
    assert_eq!(v["injury_rate"], "0.4");
    assert_eq!(v["figures"]["accident"], "200.00");
    // --injury-rate over the organization's: 1.7 % of 50 000 = 850
    let v = json(&s, &["--gross", "50000", "--injury-rate", "1.7"]);
    assert_eq!(v["figures"]["accident"], "850.00");
    assert_eq!(v["figures"]["employer_contributions"], "15850.00");
    // a rate with a fifth decimal is an error at its line
    let bad = with_pay("pay:\n  injury_rate: 0.123456\n");
    let run = bad.run(&["cost", "--gross", "50000", "--year", "2024"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/_organization.yaml:");
    run.says("at most four decimals");
}

#[test]
fn an_organization_adds_or_overrides_a_year() {
    let s = Scratch::new();
    // a section replaces the built-in one of its year: accident insurance at 0.5 % → 250
    s.write(
        "roles/_tax-2024.yaml",
        "accident:\n  name: НС и ПЗ\n  rate: 0.5\n  source: уведомление СФР\n",
    );
    let v = json(&s, &["--gross", "50000", "--year", "2024"]);
    assert_eq!(v["figures"]["accident"], "250.00");
    assert_eq!(v["figures"]["income_tax"], "6500.00");
    assert_eq!(
        v["rules"]["read_from"],
        serde_json::json!(["built in", "roles/_tax-2024.yaml"])
    );
    // a year jobdoc does not know needs every section
    s.write(
        "roles/_tax-2027.yaml",
        "mrot: { name: МРОТ, amount: 30000, source: закон }\n",
    );
    let run = s.run(&["cost", "--gross", "50000", "--year", "2027"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/_tax-2027.yaml:1:1");
    run.says("`income_tax`, `contributions`, `accident` must be given");
    // the whole year: a flat 10 % income tax, contributions 20 % to a base of 100 000 and
    // 10 % above it. 60 000 a month: 6 000 tax; February passes the base (60 000 by January):
    // 40 000 at 20 % = 8 000 and 20 000 at 10 % = 2 000 → 10 000; March 6 000
    s.write(
        "roles/_tax-2027.yaml",
        "mrot: { name: МРОТ, amount: 30000, source: закон }\n\
         income_tax:\n  name: НДФЛ\n  source: кодекс\n  scale: [{ rate: 10 }]\n\
         contributions:\n  source: кодекс\n  base_limit: 100000\n  base_source: постановление\n  within_base: 20\n  above_base: 10\n\
         accident: { name: НС и ПЗ, rate: 1, source: закон }\n",
    );
    let v = json(
        &s,
        &["--gross", "60000", "--year", "2027", "--period", "year"],
    );
    assert_eq!(v["months"][0]["income_tax"], "6000.00");
    assert_eq!(v["months"][0]["contributions"], "12000.00");
    assert_eq!(v["months"][1]["contributions"], "10000.00");
    assert_eq!(v["months"][2]["contributions"], "6000.00");
    assert_eq!(v["months"][0]["accident"], "600.00");
    assert_eq!(v["figures"]["split"], serde_json::json!([]));
    // a scale whose brackets do not rise, at its line
    s.write(
        "roles/_tax-2026.yaml",
        "income_tax:\n  name: НДФЛ\n  source: кодекс\n  scale:\n    - { up_to: 5000000, rate: 13 }\n    - { up_to: 2400000, rate: 15 }\n    - { rate: 22 }\n",
    );
    let run = s.run(&["cost", "--gross", "50000", "--year", "2026"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/_tax-2026.yaml:6:");
    run.says("is not above the bracket before it");
    // a file that is not named by its year is not read, and said so
    s.write("roles/_tax-27.yaml", "");
    let run = s.run(&["cost", "--gross", "50000", "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("not read: `_tax-27.yaml`");
}

#[test]
fn pay_below_the_minimum_wage_is_warned_about() {
    let s = Scratch::new();
    let run = s.run(&["cost", "--gross", "19000", "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("warning: 19 000.00 a month is below the minimum wage (МРОТ) of 2024, 19 242.00");
    let v = json(&s, &["--gross", "19000", "--year", "2024"]);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1);
    let ok = s.run(&["cost", "--gross", "19242", "--year", "2024"]);
    assert!(!ok.stderr.contains("warning"), "{}", ok.stderr);
}

#[test]
fn bad_arguments_are_clear_errors() {
    let s = Scratch::new();
    for (args, says) in [
        (
            &["--gross", "50000"][..],
            "--year is needed: jobdoc reads no clock",
        ),
        (
            &["--gross", "abc", "--year", "2024"],
            "--gross `abc`: not an amount of rubles",
        ),
        (
            &["--gross", "-50000", "--year", "2024"],
            "cannot be negative",
        ),
        (&["--gross", "0", "--year", "2024"], "must be more than 0"),
        (
            &["--gross", "50000.005", "--year", "2024"],
            "too many decimals",
        ),
        (
            &["--gross", "99999999999999999999999", "--year", "2024"],
            "too large to compute with",
        ),
        // fits in kopecks, but not twelve of it
        (
            &["--gross", "10000000000000000", "--year", "2024"],
            "too large to compute with",
        ),
        (
            &["--gross", "50000", "--year", "2023"],
            "no tax rules of 2023: jobdoc knows 2024, 2025, 2026",
        ),
        (
            &["--gross", "50000", "--year", "2024", "--injury-rate", "x"],
            "--injury-rate `x`: not a percentage",
        ),
        (
            &["--gross", "50000", "--year", "2024", "--injury-rate", "120"],
            "at most 100 %",
        ),
    ] {
        let mut all = vec!["cost"];
        all.extend(args);
        let run = s.run(&all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        run.says(says);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    // without a project, the built-in rules
    let empty = tempfile::tempdir().unwrap();
    let run = common::run_in(
        empty.path(),
        &["cost", "--gross", "50000", "--year", "2025"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        row(&run, "Income tax (НДФЛ), withheld"),
        ["13 %", "6 500.00"]
    );
}

#[test]
fn the_report_is_the_same_every_time() {
    let s = Scratch::new();
    let args = [
        "cost",
        "--gross",
        "1234567.89",
        "--year",
        "2025",
        "--period",
        "year",
    ];
    let first = s.run(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(s.run(&args).stdout, first.stdout);
}

#[test]
fn the_readme_shows_the_seeds_table_as_printed() {
    let run = Scratch::new().run(&["cost", "--gross", "50000", "--year", "2024"]);
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```\n{}```", run.stdout)),
        "README.md's `jobdoc cost` example is not what jobdoc prints:\n{}",
        run.stdout
    );
}
