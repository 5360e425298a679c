//! A role's compensation plan (`compensation:` of a role file): base salary, target variable
//! pay, the metrics its quota is set in, the payout curve and the accrual conditions. In Russian
//! it is a local normative act on bonuses (ТК ст. 135, 144, 191) with an edition of its own,
//! approved and signed apart from the job description. The checks a schema cannot express are
//! here ([`check`]), with their place in the file; what the plan pays is [`payout`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::load::yaml::Node;
use crate::model::Edition;
use crate::model::pay::Percent;

/// The compensation plan of a role.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    /// The plan's own edition: approved and signed apart from the job description's
    /// (`jobdoc approve <id>.comp`).
    pub edition: Edition,
    /// What kind of sales role the plan pays, for the seed's advice on its pay mix:
    /// `account_executive`, `customer_success` or `sales_development`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// The period the plan is in force, `YYYY-MM-DD` to `YYYY-MM-DD`; the tax rules of the
    /// first day's year give the employer's cost.
    pub period: PlanPeriod,
    /// The base salary (оклад), rubles a month.
    #[schemars(range(min = 1, max = 1_000_000_000))]
    pub base_salary: u64,
    /// The target variable pay at 100 % of quota, rubles a month.
    #[schemars(range(max = 1_000_000_000))]
    pub target_variable: u64,
    /// On-target earnings, rubles a month: checked to be the base salary and the target
    /// variable pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ote: Option<u64>,
    /// The pay mix, percent of OTE: checked to add up to 100 and to be the amounts' mix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<Mix>,
    /// The metrics the quota is set in, each with its weight in the variable pay (adding up to
    /// 100), one of them primary.
    #[schemars(length(min = 1))]
    pub components: Vec<Component>,
    /// How attainment turns into payout.
    pub curve: Curve,
    /// The conditions of accrual: the bonus is accrued when they are met (never a deduction).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// The employees' representative body whose opinion is taken into account (ТК ст. 135,
    /// 372), in the genitive: «первичной профсоюзной организации». Without it, no line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_body: Option<String>,
}

/// The seed's three sales roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Closes deals: mix 50/50 to 60/40, generous accelerators.
    AccountExecutive,
    /// Keeps and grows existing clients: a less aggressive mix than an account executive's.
    CustomerSuccess,
    /// Qualifies leads: a mild mix, lead targets set monthly.
    SalesDevelopment,
}

/// When the plan is in force.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPeriod {
    /// The first day, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub from: String,
    /// The last day, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub to: String,
}

/// The pay mix: base and variable, percent of OTE.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mix {
    /// The base salary's share, percent.
    #[schemars(range(max = 100))]
    pub base: Percent,
    /// The variable pay's share, percent.
    #[schemars(range(max = 100))]
    pub variable: Percent,
}

/// A metric of the quota.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// The metric, as the plan names it: «выручка по закрытым сделкам».
    #[schemars(length(min = 1))]
    pub metric: String,
    /// The quota for one period, as the plan states it: «3 000 000 руб.», «40 лидов».
    #[schemars(length(min = 1))]
    pub quota: String,
    /// Its share of the target variable pay, percent.
    #[schemars(range(max = 100))]
    pub weight: Percent,
    /// The primary metric (one per plan).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub primary: bool,
    /// The period attainment is measured over and the bonus paid for.
    pub period: Frequency,
}

/// How often a component is measured and paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month.
    Month,
    /// Every quarter.
    Quarter,
    /// Every half-year.
    HalfYear,
    /// Once a year.
    Year,
}

impl Frequency {
    /// The months in the period.
    pub fn months(self) -> u64 {
        match self {
            Frequency::Month => 1,
            Frequency::Quarter => 3,
            Frequency::HalfYear => 6,
            Frequency::Year => 12,
        }
    }

    /// The key as the file writes it, for templates' words.
    pub fn key(self) -> &'static str {
        match self {
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
            Frequency::HalfYear => "half_year",
            Frequency::Year => "year",
        }
    }
}

/// The payout curve: percent of the target variable pay earned at an attainment of quota.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Curve {
    /// Attainment, percent, below which nothing is paid.
    #[schemars(range(max = 1000))]
    pub threshold: Percent,
    /// Bands of attainment from 0, contiguous and rising, the last open: each percent of
    /// attainment in a band earns `rate` percent of the target.
    #[schemars(length(min = 1))]
    pub bands: Vec<Band>,
    /// The most the plan pays, percent of the target (at least 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Percent>,
}

/// A band of the payout curve.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Its lowest attainment, percent: 0, or the band before's `to`.
    pub from: Percent,
    /// Its highest attainment, percent; none for the last band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Percent>,
    /// Percent of the target earned per percent of attainment in the band: 1 is linear, 2 an
    /// accelerator that pays double.
    #[schemars(range(max = 100))]
    pub rate: Percent,
}

impl Curve {
    /// The payout at `attainment`, both in [`Percent`] units: nothing below the threshold;
    /// above it, each band's rate on the part of the attainment in it; at most the cap. Rounded
    /// half up to the unit (a ten-thousandth of a percent).
    pub fn payout(&self, attainment: Percent) -> Percent {
        let a = u64::from(attainment.units());
        if attainment < self.threshold {
            return Percent::from_units(0);
        }
        let unit = u64::from(Percent::UNIT);
        let mut sum: u64 = 0;
        for band in &self.bands {
            let from = u64::from(band.from.units());
            let to = band.to.map_or(u64::MAX, |t| u64::from(t.units()));
            let part = a.min(to).saturating_sub(from);
            sum = sum.saturating_add(part.saturating_mul(u64::from(band.rate.units())));
        }
        let mut units = sum.saturating_add(unit / 2) / unit;
        if let Some(cap) = self.cap {
            units = units.min(u64::from(cap.units()));
        }
        Percent::from_units(u32::try_from(units).unwrap_or(u32::MAX))
    }

    /// True when a band above 100 % of quota pays more per percent than the band at 100 %.
    pub fn accelerates(&self) -> bool {
        let hundred = 100 * Percent::UNIT;
        let at = |a: u32| {
            self.bands
                .iter()
                .find(|b| b.from.units() <= a && b.to.is_none_or(|t| a < t.units()))
                .map(|b| b.rate)
        };
        let below = at(hundred - 1);
        self.bands
            .iter()
            .filter(|b| b.to.is_none_or(|t| t.units() > hundred))
            .any(|b| Some(b.rate) > below)
    }
}

/// Checks of `compensation` (the node `node` of the role file `path`, text `source`) a schema
/// cannot make: the mix, OTE, the weights and the primary metric, the curve; and warnings from
/// the seed's advice on pay plans.
pub fn check(path: &std::path::Path, source: &str, node: &Node) -> Vec<Diagnostic> {
    let Ok(plan) = serde_json::from_value::<Compensation>(node.to_json()) else {
        // the schema reports what is wrong with its shape
        return Vec::new();
    };
    let at = |pointer: &str| node.pointer(pointer).map_or(node.span, |n| n.span);
    let error = |pointer: &str, message: String| {
        Diagnostic::error(path, Some(source), at(pointer), message)
    };
    let warning = |pointer: &str, message: String| {
        Diagnostic::warning(path, Some(source), at(pointer), message)
    };
    let mut out = Vec::new();
    let hundred = 100 * Percent::UNIT;
    for (key, day) in [("from", &plan.period.from), ("to", &plan.period.to)] {
        if crate::date::Date::parse_iso(day).is_none() {
            out.push(error(
                &format!("/period/{key}"),
                format!("`{day}` is not a calendar date"),
            ));
        }
    }
    if plan.period.from > plan.period.to {
        out.push(error(
            "/period/to",
            format!(
                "the plan ends on {} before it starts on {}",
                plan.period.to, plan.period.from
            ),
        ));
    }
    let ote = plan.base_salary.saturating_add(plan.target_variable);
    if let Some(given) = plan.ote
        && given != ote
    {
        out.push(
            error(
                "/ote",
                format!(
                    "OTE {given} is not the base salary {} and the target variable pay {}: {ote}",
                    plan.base_salary, plan.target_variable
                ),
            )
            .with_hint("OTE = base_salary + target_variable"),
        );
    }
    if let Some(mix) = plan.mix {
        if mix.base.units() + mix.variable.units() != hundred {
            out.push(error(
                "/mix",
                format!(
                    "the pay mix {}/{} does not add up to 100 %",
                    mix.base, mix.variable
                ),
            ));
        } else if base_share(&plan).abs_diff(u64::from(mix.base.units())) > 100 {
            out.push(error(
                "/mix/base",
                format!(
                    "the pay mix gives the base salary {} %, the amounts {} %",
                    mix.base,
                    Percent::from_units(u32::try_from(base_share(&plan)).unwrap_or(0))
                ),
            ));
        }
    }
    let weights: u64 = plan
        .components
        .iter()
        .map(|c| u64::from(c.weight.units()))
        .sum();
    if weights != u64::from(hundred) {
        out.push(error(
            "/components",
            format!(
                "the weights of the components add up to {} %, not 100 %",
                Percent::from_units(u32::try_from(weights).unwrap_or(u32::MAX))
            ),
        ));
    }
    let primary: Vec<usize> = (0..plan.components.len())
        .filter(|&i| plan.components[i].primary)
        .collect();
    match primary.as_slice() {
        [_] => {}
        [] => out.push(
            error(
                "/components",
                "no component is the primary metric".to_string(),
            )
            .with_hint("mark the one that matters most with `primary: true`"),
        ),
        [_, second, ..] => out.push(error(
            &format!("/components/{second}/primary"),
            "a second primary metric: a plan has one".to_string(),
        )),
    }
    let curve = &plan.curve;
    let mut previous: Option<&Band> = None;
    for (i, band) in curve.bands.iter().enumerate() {
        let here = format!("/curve/bands/{i}");
        match previous {
            None if band.from.units() != 0 => out.push(error(
                &format!("{here}/from"),
                format!("the first band starts at {} %, not at 0", band.from),
            )),
            Some(p) if p.to != Some(band.from) => out.push(
                error(
                    &format!("{here}/from"),
                    format!(
                        "the band starts at {} %, and the band before ends at {}: bands are contiguous",
                        band.from,
                        p.to.map_or("no end".to_string(), |t| format!("{t} %"))
                    ),
                )
                .with_hint("start each band where the one before it ends"),
            ),
            _ => {}
        }
        match band.to {
            Some(to) if to <= band.from => out.push(error(
                &format!("{here}/to"),
                format!(
                    "the band ends at {to} %, not above its start {} %: bands rise",
                    band.from
                ),
            )),
            None if i + 1 < curve.bands.len() => out.push(error(
                &format!("{here}/to"),
                "only the last band is open; give this one its `to`".to_string(),
            )),
            Some(_) if i + 1 == curve.bands.len() => out.push(
                warning(
                    &format!("{here}/to"),
                    "the last band ends: attainment above it earns nothing more".to_string(),
                )
                .with_hint("leave `to` out of the last band, and limit the payout with `cap`"),
            ),
            _ => {}
        }
        previous = Some(band);
    }
    if curve.threshold.units() >= hundred {
        out.push(error(
            "/curve/threshold",
            format!(
                "a threshold of {} % pays nothing at 100 % of quota",
                curve.threshold
            ),
        ));
    }
    if let Some(cap) = curve.cap
        && cap.units() < hundred
    {
        out.push(error(
            "/curve/cap",
            format!("a cap of {cap} % is below the target, 100 %"),
        ));
    }
    if !out.is_empty() {
        return out;
    }
    if curve.payout(Percent::from_units(hundred)).units() != hundred {
        out.push(warning(
            "/curve",
            format!(
                "the curve pays {} % of the target at 100 % of quota",
                curve.payout(Percent::from_units(hundred))
            ),
        ));
    }
    if !curve.accelerates() {
        out.push(
            warning(
                "/curve/bands",
                "no accelerator above 100 % of quota: over-achievers earn no more per percent"
                    .to_string(),
            )
            .with_hint(
                "the seed advises accelerators for those who exceed quota: a band from 100 with a higher rate",
            ),
        );
    }
    out.extend(profile_warnings(&plan, &warning));
    out
}

/// The base salary's share of OTE, in [`Percent`] units.
pub fn base_share(plan: &Compensation) -> u64 {
    let ote = plan.base_salary.saturating_add(plan.target_variable).max(1);
    let units = u128::from(plan.base_salary) * u128::from(100 * Percent::UNIT);
    u64::try_from((units + u128::from(ote) / 2) / u128::from(ote)).unwrap_or(u64::MAX)
}

/// The seed's advice for the plan's profile.
fn profile_warnings(
    plan: &Compensation,
    warning: &dyn Fn(&str, String) -> Diagnostic,
) -> Vec<Diagnostic> {
    let share = base_share(plan);
    let pct = |p: u32| u64::from(p * Percent::UNIT);
    let shown = Percent::from_units(u32::try_from(share).unwrap_or(0));
    let mut out = Vec::new();
    match plan.profile {
        Some(Profile::AccountExecutive) if !(pct(50)..=pct(60)).contains(&share) => out.push(
            warning(
                "/profile",
                format!(
                    "an account executive's base salary is {shown} % of OTE; the seed advises a mix from 50/50 to 60/40"
                ),
            )
            .with_hint("a mix of 20/80 does not weed out weak sellers: it stops you hiring"),
        ),
        Some(Profile::CustomerSuccess | Profile::SalesDevelopment) if share < pct(60) => out.push(
            warning(
                "/profile",
                format!(
                    "the base salary is {shown} % of OTE: the seed advises this role a less aggressive mix than an account executive's (at least 60/40)"
                ),
            ),
        ),
        _ => {}
    }
    if plan.profile == Some(Profile::SalesDevelopment)
        && !plan.components.iter().any(|c| c.period == Frequency::Month)
    {
        out.push(
            warning(
                "/components",
                "no monthly component: the seed advises setting lead targets every month, so the funnel never runs dry".to_string(),
            ),
        );
    }
    out
}

/// What a plan's id adds to its role's: the plan of `client-manager` is `client-manager.comp`
/// in `_editions.yaml`, `_signatures.yaml`, `jobdoc approve` and `ack`, and its documents
/// `out/client-manager.comp.*`.
pub const SUFFIX: &str = ".comp";

/// The role a record id names: `client-manager` for itself and for `client-manager.comp`.
pub fn role_of(record: &str) -> &str {
    record.strip_suffix(SUFFIX).unwrap_or(record)
}
