//! `jobdoc cost`: what a gross salary means for the employee and the employer, for the first
//! month of a year or the whole year. A report on the terminal, not a document: its labels are
//! English, with each tax's own name — which the rules data gives — in parentheses.

use std::path::Path;

use anyhow::anyhow;
use serde_json::{Value, json};

use crate::cli::Period;
use crate::cmd::Exit;
use crate::diagnostics::{Diagnostics, Failure, MessageFormat, printable};
use crate::load::Paths;
use crate::locale;
use crate::model::pay::{Percent, Tariff};
use crate::pay::cost::{self, Crossing, Figures, Settings, Threshold, Year};
use crate::pay::money::{Money, NumberError, parse_decimal};
use crate::pay::tax::{self, TaxYear};
use crate::project::{ORGANIZATION_FILE, load_organization};

/// The months, for the report: it is in English, as help and diagnostics are.
const MONTHS: [&str; 12] = crate::locale::EN.months;

/// What `jobdoc cost` was asked.
pub struct CostArgs<'a> {
    /// `--gross`, as typed.
    pub gross: &'a str,
    /// `--year`.
    pub year: Option<u16>,
    /// `--period`.
    pub period: Period,
    /// `--injury-rate`, as typed.
    pub injury_rate: Option<&'a str>,
    /// The roles folder.
    pub roles: &'a Path,
    /// `--message-format`.
    pub format: MessageFormat,
}

/// Computes and prints the figures.
pub fn run(args: &CostArgs) -> Result<Exit, Failure> {
    let gross = match parse_decimal(args.gross, 2) {
        Ok(0) => Err("must be more than 0".to_string()),
        Ok(kopecks) => i64::try_from(kopecks)
            .map(Money::from_kopecks)
            .map_err(|_| too_large()),
        Err(e) => Err(number_error(e, "an amount of rubles", "50000 or 50000.50")),
    }
    .map_err(|why| anyhow!("--gross `{}`: {why}", printable(args.gross)))?;
    let injury_rate = args
        .injury_rate
        .map(|text| {
            match parse_decimal(text, 4) {
                Ok(units) if units <= 100 * u64::from(Percent::UNIT) => {
                    Ok(Percent::from_units(units as u32))
                }
                Ok(_) => Err("a rate is at most 100 %".to_string()),
                Err(e) => Err(number_error(e, "a percentage", "0.2 or 8.5")),
            }
            .map_err(|why| anyhow!("--injury-rate `{}`: {why}", printable(text)))
        })
        .transpose()?;

    // the organization's settings, when the roles folder has an organization file
    let mut diags = Diagnostics::default();
    let org_file = args.roles.join(ORGANIZATION_FILE);
    let settings = match org_file.is_file() {
        true => {
            let paths = Paths::new(args.roles, None);
            load_organization(&paths, locale::DEFAULT, &mut diags).and_then(|o| o.pay)
        }
        false => None,
    };
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    let settings = settings.unwrap_or_default();
    let known = tax::years(args.roles, &mut diags);
    let Some(year) = args.year.or(settings.year) else {
        return Err(anyhow!(
            "--year is needed: jobdoc reads no clock; give --year YYYY, or a default year in {} \
             (`pay: {{ year: 2026 }}`); tax rules are known for {}",
            org_file.display(),
            list(&known)
        )
        .into());
    };
    let loaded = tax::load(args.roles, year).map_err(|failure| match failure {
        // the warnings found so far, with the problems
        Failure::Input(mut problems) => {
            problems.extend(diags.0.drain(..));
            Failure::Input(problems)
        }
        other => other,
    })?;
    let Some(rules) = loaded else {
        return Err(anyhow!(
            "no tax rules of {year}: jobdoc knows {}; an organization adds a year in {}",
            list(&known),
            args.roles.join(tax::override_file(year)).display()
        )
        .into());
    };
    if settings.tariff == Tariff::SmallBusiness && rules.contributions.small_business.is_none() {
        return Err(anyhow!(
            "{} states `pay: {{ tariff: small_business }}`, but the tax rules of {year} ({}) \
             have no `contributions.small_business`",
            org_file.display(),
            rules.read_from.join(", ")
        )
        .into());
    }
    let settings = Settings::new(&settings, &rules, injury_rate);
    let computed = cost::year(&rules, gross, &settings)
        .map_err(|_| anyhow!("--gross `{}`: {}", printable(args.gross), too_large()))?;
    let mut warnings = Vec::new();
    let mrot = Money::from_rubles(rules.mrot.amount).map_err(|_| anyhow!(too_large()))?;
    if gross < mrot {
        warnings.push(format!(
            "{gross} a month is below the minimum wage ({}) of {year}, {mrot}: full-time pay may \
             not be less (Labour Code, art. 133)",
            printable(&rules.mrot.name)
        ));
    }
    diags.emit(args.format);
    let report = Report {
        rules: &rules,
        gross,
        settings,
        computed: &computed,
        period: args.period,
    };
    match args.format {
        MessageFormat::Json => println!("{}", report.json(&warnings)),
        MessageFormat::Human => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            print!("{}", report.human());
        }
    }
    Ok(Exit::Ok)
}

/// Why an amount cannot be computed with.
fn too_large() -> String {
    "too large to compute with".to_string()
}

/// Why a number typed on the command line was refused.
fn number_error(e: NumberError, what: &str, example: &str) -> String {
    match e {
        NumberError::NotANumber => format!("not {what}; write e.g. {example}"),
        NumberError::Negative => "cannot be negative".into(),
        NumberError::TooManyDecimals => {
            format!("too many decimals for {what}; write e.g. {example}")
        }
        NumberError::TooLarge => too_large(),
    }
}

/// `2024, 2025, 2026`.
fn list(years: &[u16]) -> String {
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    years.join(", ")
}

/// Rates as the report prints them: `13 %`, `13/15 %`.
fn rates(rates: &[Percent]) -> String {
    if rates.is_empty() {
        return String::new();
    }
    let each: Vec<String> = rates.iter().map(Percent::to_string).collect();
    format!("{} %", each.join("/"))
}

/// What `jobdoc cost` shows.
struct Report<'a> {
    rules: &'a TaxYear,
    gross: Money,
    settings: Settings,
    computed: &'a Year,
    period: Period,
}

impl Report<'_> {
    /// The figures of the period asked for.
    fn figures(&self) -> &Figures {
        match self.period {
            Period::Month => &self.computed.months[0],
            Period::Year => &self.computed.total,
        }
    }

    /// The lines of the table: label, rates, amount.
    fn rows(&self, f: &Figures) -> Vec<(String, String, Money)> {
        let r = self.rules;
        let mut rows = vec![
            ("Gross pay".to_string(), String::new(), f.gross),
            (
                format!("Income tax ({}), withheld", printable(&r.income_tax.name)),
                rates(&f.income_tax_rates),
                f.income_tax,
            ),
            ("Net pay".to_string(), String::new(), f.net),
            (
                "Insurance contributions".to_string(),
                rates(&f.contribution_rates),
                f.contributions,
            ),
        ];
        for ((share, amount), share_rates) in r
            .contributions
            .split
            .iter()
            .zip(&f.split)
            .zip(&f.split_rates)
        {
            rows.push((
                format!(
                    "  of which {} ({})*",
                    printable(&share.about),
                    printable(&share.name)
                ),
                rates(share_rates),
                *amount,
            ));
        }
        rows.extend([
            (
                format!("Accident insurance ({})", printable(&r.accident.name)),
                rates(&[self.settings.injury_rate]),
                f.accident,
            ),
            (
                "Employer's contributions".to_string(),
                String::new(),
                f.employer_contributions,
            ),
            (
                "Employer's total cost".to_string(),
                String::new(),
                f.employer_cost,
            ),
            (
                "Taxes and contributions".to_string(),
                String::new(),
                f.taxes,
            ),
        ]);
        rows
    }

    /// The report as a table and a few sentences.
    fn human(&self) -> String {
        let r = self.rules;
        let year = r.year;
        let tariff = match (self.settings.tariff, self.computed.reduced_above) {
            (Tariff::SmallBusiness, Some(above)) => format!(
                "small-business tariff (the general tariff on a month's pay up to {above}, {} % above it)",
                r.contributions
                    .small_business
                    .as_ref()
                    .map_or_else(String::new, |s| s.rate.to_string())
            ),
            _ => "general tariff".to_string(),
        };
        let mut out = format!(
            "Gross pay of {} a month in {year}, {tariff}; accident insurance at {} %\n\
             Tax rules of {year}: {}\n\n",
            self.gross,
            self.settings.injury_rate,
            printable(&r.read_from.join(", "))
        );
        let heading = match self.period {
            Period::Month => "January, the first month",
            Period::Year => "The year, January to December",
        };
        let rows = self.rows(self.figures());
        let label = rows
            .iter()
            .map(|(l, _, _)| l.chars().count())
            .max()
            .unwrap_or(0)
            .max(heading.len());
        let rate = rows
            .iter()
            .map(|(_, r, _)| r.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        let amount = rows
            .iter()
            .map(|(_, _, a)| a.to_string().len())
            .max()
            .unwrap_or(0)
            .max(6);
        out.push_str(&format!(
            "{heading:<label$}  {:>rate$}  {:>amount$}\n",
            "rate", "amount"
        ));
        for (l, r, a) in &rows {
            out.push_str(&format!("{l:<label$}  {r:>rate$}  {a:>amount$}\n"));
        }
        out.push_str(
            "* notional: since 2023 the contributions are one payment at the single tariff\n",
        );
        if let Some(note) = r
            .contributions
            .small_business
            .as_ref()
            .filter(|_| self.computed.reduced_above.is_some())
            .and_then(|s| s.note.as_ref())
        {
            out.push_str(&format!("Small-business tariff: {}\n", printable(note)));
        }
        out.push('\n');
        if self.period == Period::Month {
            out.push_str(&format!(
                "Twelve months at this pay: {} of taxes and contributions.\n",
                self.computed.total.taxes
            ));
        }
        match self.computed.crossings.as_slice() {
            [] => out.push_str(&format!(
                "No threshold is crossed in {year} at this pay every month.\n"
            )),
            crossings => {
                out.push_str(&format!(
                    "Thresholds crossed in {year} at this pay every month from January:\n"
                ));
                for c in crossings {
                    out.push_str(&format!("  {}\n", self.crossing(c)));
                }
            }
        }
        if self.period == Period::Year {
            out.push('\n');
            out.push_str(&self.months());
        }
        out
    }

    /// A threshold crossed, in a sentence.
    fn crossing(&self, c: &Crossing) -> String {
        let month = MONTHS[c.month - 1];
        match c.threshold {
            Threshold::IncomeTax => format!(
                "Income tax ({}): {} % instead of {} % from {month}, when income since January passes {}",
                printable(&self.rules.income_tax.name),
                c.to,
                c.from,
                c.at
            ),
            Threshold::BaseLimit => format!(
                "Contributions{}: {} % instead of {} % from {month}, when pay since January passes \
                 the base limit of {}",
                self.computed
                    .reduced_above
                    .map(|t| format!(" on the part of a month's pay up to {t}"))
                    .unwrap_or_default(),
                c.to,
                c.from,
                c.at
            ),
        }
    }

    /// The year month by month.
    fn months(&self) -> String {
        let header = [
            "Month".to_string(),
            "Gross".to_string(),
            printable(&self.rules.income_tax.name),
            "Net".to_string(),
            "Contributions".to_string(),
            "Accident".to_string(),
            "Employer's cost".to_string(),
        ];
        let mut lines: Vec<Vec<String>> = vec![header.to_vec()];
        for (name, f) in MONTHS
            .iter()
            .zip(&self.computed.months)
            .chain([(&"Year", &self.computed.total)])
        {
            lines.push(vec![
                name.to_string(),
                f.gross.to_string(),
                f.income_tax.to_string(),
                f.net.to_string(),
                f.contributions.to_string(),
                f.accident.to_string(),
                f.employer_cost.to_string(),
            ]);
        }
        let widths: Vec<usize> = (0..header.len())
            .map(|i| {
                lines
                    .iter()
                    .map(|l| l[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for line in &lines {
            let cells: Vec<String> = line
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (cell, w))| match i {
                    0 => format!("{cell:<w$}"),
                    _ => format!("{cell:>w$}"),
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }

    /// The report as one JSON object: amounts as strings of rubles with kopecks (`"6500.00"`),
    /// rates as strings of percent (`"15.1"`).
    fn json(&self, warnings: &[String]) -> Value {
        let r = self.rules;
        let c = &r.contributions;
        let rubles = |amount: u64| format!("{amount}.00");
        let percents =
            |rates: &[Percent]| -> Vec<String> { rates.iter().map(Percent::to_string).collect() };
        let figures = |f: &Figures| -> Value {
            let split: Vec<Value> = c
                .split
                .iter()
                .zip(&f.split)
                .zip(&f.split_rates)
                .map(|((share, amount), rates)| {
                    json!({
                        "name": share.name,
                        "about": share.about,
                        "amount": amount.plain(),
                        "rates": percents(rates),
                    })
                })
                .collect();
            json!({
                "gross": f.gross.plain(),
                "income_tax": f.income_tax.plain(),
                "income_tax_rates": percents(&f.income_tax_rates),
                "net": f.net.plain(),
                "contributions": f.contributions.plain(),
                "contribution_rates": percents(&f.contribution_rates),
                "split": split,
                "accident": f.accident.plain(),
                "employer_contributions": f.employer_contributions.plain(),
                "employer_cost": f.employer_cost.plain(),
                "taxes": f.taxes.plain(),
            })
        };
        let crossings: Vec<Value> = self
            .computed
            .crossings
            .iter()
            .map(|x| {
                json!({
                    "threshold": match x.threshold {
                        Threshold::IncomeTax => "income_tax",
                        Threshold::BaseLimit => "base_limit",
                    },
                    "at": x.at.plain(),
                    "month": x.month,
                    "from": x.from.to_string(),
                    "to": x.to.to_string(),
                })
            })
            .collect();
        let mut out = json!({
            "reason": "cost",
            "year": r.year,
            "period": match self.period {
                Period::Month => "month",
                Period::Year => "year",
            },
            "gross_per_month": self.gross.plain(),
            "tariff": match self.settings.tariff {
                Tariff::General => "general",
                Tariff::SmallBusiness => "small_business",
            },
            "reduced_above": self.computed.reduced_above.map(Money::plain),
            "injury_rate": self.settings.injury_rate.to_string(),
            "figures": figures(self.figures()),
            "taxes_in_twelve_months": self.computed.total.taxes.plain(),
            "crossings": crossings,
            "rules": {
                "read_from": r.read_from,
                "mrot": { "name": r.mrot.name, "amount": rubles(r.mrot.amount), "source": r.mrot.source },
                "income_tax": { "name": r.income_tax.name, "source": r.income_tax.source },
                "contributions": {
                    "source": c.source,
                    "base_limit": rubles(c.base_limit),
                    "base_source": c.base_source,
                    "small_business": c.small_business.as_ref().map(|s| &s.source),
                },
                "accident": { "name": r.accident.name, "source": r.accident.source },
            },
            "warnings": warnings,
        });
        if self.period == Period::Year {
            out["months"] = self.computed.months.iter().map(figures).collect();
        }
        out
    }
}
