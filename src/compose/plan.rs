//! What the compensation plan's template sees (`plan`): the plan's parameters as documents show
//! them, and the numbers computed from them — the payout table at the attainments
//! [`ATTAINMENTS`], worked examples per component, the employer's cost at target and at 150 %
//! from the year's tax rules ([`crate::pay::cost`]). The template words them; nothing here
//! is a word of a document.

use serde::Serialize;

use crate::date::Date;
use crate::locale::Locale;
use crate::model::compensation::{Compensation, base_share};
use crate::model::hr::PayAt;
use crate::model::pay::{PaySettings, Percent};
use crate::model::{Item, Organization};
use crate::pay::cost::{self, Settings};
use crate::pay::money::{Money, Overflow, exact, to_kopecks};
use crate::pay::tax::TaxYear;

use super::view::{self, ItemView};

/// The attainments of quota, percent, the payout table shows.
pub const ATTAINMENTS: [u32; 7] = [0, 50, 80, 100, 120, 150, 200];

/// The attainments, percent, the worked examples take.
const EXAMPLES: [u32; 2] = [80, 120];

/// The attainment, percent, of the employer's cost above target.
const STRETCH: u32 = 150;

/// The plan as its template sees it. Amounts are [`Money`] as `50 000.00`, percentages as
/// `1.5`: the template writes them in its language.
#[derive(Debug, Serialize)]
pub struct PlanView {
    /// The first and last day the plan is in force, as documents write dates.
    pub period: (String, String),
    /// `account_executive`, `customer_success`, `sales_development`, or absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::model::compensation::Profile>,
    /// The base salary, a month.
    pub base_salary: String,
    /// The target variable pay at 100 %, a month.
    pub target_variable: String,
    /// On-target earnings, a month.
    pub ote: String,
    /// The base salary's share of OTE, percent.
    pub mix_base: String,
    /// The variable pay's share, percent.
    pub mix_variable: String,
    /// The quota's components.
    pub components: Vec<ComponentView>,
    /// Attainment below which nothing is paid, percent.
    pub threshold: String,
    /// The curve's bands.
    pub bands: Vec<BandView>,
    /// The cap, percent of the target, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<String>,
    /// The payout table, a row per attainment of [`ATTAINMENTS`].
    pub table: Vec<RowView>,
    /// Worked examples: every component at one attainment.
    pub examples: Vec<ExampleView>,
    /// The employer's cost at target.
    pub cost_target: CostView,
    /// The employer's cost at 150 % of quota.
    pub cost_stretch: CostView,
    /// The tax rules' year.
    pub tax_year: u16,
    /// The conditions of accrual, end marks set as a list's.
    pub conditions: Vec<ItemView>,
    /// The employees' representative body, genitive, when the organization has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representative_body: Option<String>,
}

/// A component of the quota.
#[derive(Debug, Serialize)]
pub struct ComponentView {
    /// The metric.
    pub metric: String,
    /// The quota for a period.
    pub quota: String,
    /// Its weight, percent.
    pub weight: String,
    /// The primary metric.
    pub primary: bool,
    /// `month`, `quarter`, `half_year`, `year`.
    pub period: &'static str,
    /// The target bonus of a period at 100 %.
    pub target: String,
}

/// A band of the curve.
#[derive(Debug, Serialize)]
pub struct BandView {
    /// From, percent.
    pub from: String,
    /// To, percent; absent for the last band.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Percent of target per percent of attainment.
    pub rate: String,
    /// The band lies above 100 % of quota and pays more than the band below 100 %.
    pub accelerator: bool,
}

/// A row of the payout table.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Attainment, percent.
    pub attainment: String,
    /// Payout, percent of the target.
    pub payout: String,
    /// The variable pay, a month.
    pub variable: String,
    /// Base and variable pay, a month.
    pub total: String,
}

/// A worked example.
#[derive(Debug, Serialize)]
pub struct ExampleView {
    /// Attainment, percent.
    pub attainment: String,
    /// Payout, percent of the target.
    pub payout: String,
    /// Each component's bonus for its period.
    pub components: Vec<ExamplePart>,
    /// The variable pay, a month.
    pub variable: String,
    /// Base and variable pay, a month.
    pub total: String,
}

/// A component's bonus in a worked example.
#[derive(Debug, Serialize)]
pub struct ExamplePart {
    /// The metric.
    pub metric: String,
    /// `month`, `quarter`, `half_year`, `year`.
    pub period: &'static str,
    /// Its target bonus for the period.
    pub target: String,
    /// The bonus accrued.
    pub paid: String,
}

/// The employer's cost of a month's gross pay paid all year.
#[derive(Debug, Serialize)]
pub struct CostView {
    /// Attainment, percent.
    pub attainment: String,
    /// Gross pay, a month.
    pub gross: String,
    /// The employer's cost of January.
    pub month: String,
    /// The employer's cost of the year.
    pub year: String,
    /// Contributions and accident insurance of the year.
    pub contributions: String,
}

/// `amount` as `80 000.00`, its digit groups joined by non-breaking spaces: an amount is never
/// broken across lines.
fn amount(amount: Money) -> String {
    amount.to_string().replace(' ', "\u{a0}")
}

/// The numbers of one attainment: payout percent, the variable pay and the whole of a month.
pub struct Point {
    /// Payout, percent of the target.
    pub payout: Percent,
    /// The variable pay, a month.
    pub variable: Money,
    /// Base and variable pay, a month.
    pub total: Money,
}

/// The numbers of `plan` at `attainment` percent.
pub fn point(plan: &Compensation, attainment: u32) -> Result<Point, Overflow> {
    let payout = plan
        .curve
        .payout(Percent::from_units(attainment * Percent::UNIT));
    let variable = to_kopecks(exact(Money::from_rubles(plan.target_variable)?, payout))?;
    let total = Money::from_rubles(plan.base_salary)?.checked_add(variable)?;
    Ok(Point {
        payout,
        variable,
        total,
    })
}

/// The pay a month of `plan` at each attainment of the payout table: what an approved edition
/// records to compare later editions with.
pub fn terms(plan: &Compensation) -> Result<Vec<PayAt>, Overflow> {
    ATTAINMENTS
        .iter()
        .map(|&a| {
            Ok(PayAt {
                attainment: a,
                monthly: point(plan, a)?.total.plain(),
            })
        })
        .collect()
}

/// The view of `plan`, dates and lists in `locale`'s forms, the cost under `rules` with the
/// organization's `pay` settings.
pub fn view(
    plan: &Compensation,
    organization: &Organization,
    locale: &'static Locale,
    rules: &TaxYear,
) -> Result<PlanView, Overflow> {
    let date = |d: &str| {
        Date::parse_iso(d).map_or_else(|| d.to_string(), |d| organization.date(locale, d))
    };
    let pct = |units: u32| Percent::from_units(units).to_string();
    let target = Money::from_rubles(plan.target_variable)?;
    let mut components = Vec::new();
    for c in &plan.components {
        components.push((
            c,
            to_kopecks(exact(target, c.weight))?.times(c.period.months())?,
        ));
    }
    let mut table = Vec::new();
    for a in ATTAINMENTS {
        let p = point(plan, a)?;
        table.push(RowView {
            attainment: a.to_string(),
            payout: p.payout.to_string(),
            variable: amount(p.variable),
            total: amount(p.total),
        });
    }
    let mut examples = Vec::new();
    for a in EXAMPLES {
        let p = point(plan, a)?;
        let mut parts = Vec::new();
        for (c, goal) in &components {
            parts.push(ExamplePart {
                metric: c.metric.clone(),
                period: c.period.key(),
                target: amount(*goal),
                paid: amount(to_kopecks(exact(*goal, p.payout))?),
            });
        }
        examples.push(ExampleView {
            attainment: a.to_string(),
            payout: p.payout.to_string(),
            components: parts,
            variable: amount(p.variable),
            total: amount(p.total),
        });
    }
    let pay = organization.pay.clone().unwrap_or_default();
    // the mix to a tenth of a percent: 51.5/48.5, not 51.5152/48.4848
    let tenth = u64::from(Percent::UNIT / 10);
    let share =
        u32::try_from((base_share(plan) + tenth / 2) / tenth * tenth).map_err(|_| Overflow)?;
    let hundred = 100 * Percent::UNIT;
    let below = plan
        .curve
        .bands
        .iter()
        .find(|b| b.to.is_none_or(|t| t.units() >= hundred))
        .map(|b| b.rate);
    let conditions: Vec<Item> = plan.conditions.iter().cloned().map(Item::Text).collect();
    Ok(PlanView {
        period: (date(&plan.period.from), date(&plan.period.to)),
        profile: plan.profile,
        base_salary: amount(Money::from_rubles(plan.base_salary)?),
        target_variable: amount(target),
        ote: amount(Money::from_rubles(plan.base_salary)?.checked_add(target)?),
        mix_base: pct(share),
        mix_variable: pct(hundred.saturating_sub(share)),
        components: components
            .iter()
            .map(|(c, goal)| ComponentView {
                metric: view::one_line_text(&c.metric, locale),
                quota: view::one_line_text(&c.quota, locale),
                weight: c.weight.to_string(),
                primary: c.primary,
                period: c.period.key(),
                target: amount(*goal),
            })
            .collect(),
        threshold: plan.curve.threshold.to_string(),
        bands: plan
            .curve
            .bands
            .iter()
            .map(|b| BandView {
                from: b.from.to_string(),
                to: b.to.map(|t| t.to_string()),
                rate: b.rate.to_string(),
                accelerator: b.from.units() >= hundred && Some(b.rate) > below,
            })
            .collect(),
        cap: plan.curve.cap.map(|c| c.to_string()),
        table,
        examples,
        cost_target: cost_at(plan, 100, rules, &pay)?,
        cost_stretch: cost_at(plan, STRETCH, rules, &pay)?,
        tax_year: rules.year,
        conditions: view::items(&conditions, organization, locale),
        representative_body: plan
            .representative_body
            .as_deref()
            .map(|b| view::one_line_text(b, locale)),
    })
}

/// What the employer pays in a year of the month's pay of `plan` at `attainment` percent.
fn cost_at(
    plan: &Compensation,
    attainment: u32,
    rules: &TaxYear,
    pay: &PaySettings,
) -> Result<CostView, Overflow> {
    let gross = point(plan, attainment)?.total;
    let year = cost::year(rules, gross, &Settings::new(pay, rules, None))?;
    let january = year.months.first().cloned().unwrap_or_default();
    Ok(CostView {
        attainment: attainment.to_string(),
        gross: amount(gross),
        month: amount(january.employer_cost),
        year: amount(year.total.employer_cost),
        contributions: amount(year.total.employer_contributions),
    })
}
