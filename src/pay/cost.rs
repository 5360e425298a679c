//! What a gross pay, paid every month of a year from January, means for the employee and the
//! employer: the income tax withheld, the net pay, the insurance contributions and accident
//! insurance on top, month by month and for the year.
//!
//! Every figure is computed as the tax code has it: cumulatively from January, so that a
//! threshold — an income tax bracket, the contributions' base limit — applies from the very
//! kopeck that crosses it. Each month, the amount due on everything paid since January is
//! computed and rounded (the income tax to the whole ruble, contributions and accident insurance
//! to the kopeck), and the month's figure is that less what was due the month before; so the
//! months add up to the year exactly.

use crate::model::pay::{PaySettings, Percent, SmallBusiness, Tariff};
use crate::pay::money::{Money, Overflow, exact, to_kopecks, to_rubles};
use crate::pay::tax::TaxYear;

/// How the organization pays contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The tariff of insurance contributions.
    pub tariff: Tariff,
    /// The accident insurance rate.
    pub injury_rate: Percent,
}

impl Settings {
    /// The organization's `pay` settings under `rules`: its tariff, and the accident rate
    /// `injury_rate` when given, else the organization's, else the rules' default.
    pub fn new(pay: &PaySettings, rules: &TaxYear, injury_rate: Option<Percent>) -> Settings {
        Settings {
            tariff: pay.tariff,
            injury_rate: injury_rate
                .or(pay.injury_rate)
                .unwrap_or(rules.accident.rate),
        }
    }
}

/// The figures of a period: a month, or the year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Gross pay.
    pub gross: Money,
    /// Income tax withheld from it.
    pub income_tax: Money,
    /// What the employee is paid: gross less income tax.
    pub net: Money,
    /// Insurance contributions, paid by the employer on top.
    pub contributions: Money,
    /// The contributions split as the rules' `split` (notional), in its order.
    pub split: Vec<Money>,
    /// Accident insurance, paid by the employer on top.
    pub accident: Money,
    /// Contributions and accident insurance.
    pub employer_contributions: Money,
    /// Gross pay and the employer's contributions: what the employee costs.
    pub employer_cost: Money,
    /// Income tax and the employer's contributions: everything paid to the state.
    pub taxes: Money,
    /// The income tax rates the period's income was taxed at, in the scale's order.
    pub income_tax_rates: Vec<Percent>,
    /// The contribution rates the period's pay was charged at.
    pub contribution_rates: Vec<Percent>,
    /// For each share of the split, its rates in the period.
    pub split_rates: Vec<Vec<Percent>>,
}

/// A threshold of the year's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// The top of an income tax bracket.
    IncomeTax,
    /// The contributions' base limit.
    BaseLimit,
}

/// A threshold crossed in the year: from `month` on, the rate is `to` instead of `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crossing {
    /// Which.
    pub threshold: Threshold,
    /// The amount of income or pay from January it lies at.
    pub at: Money,
    /// The first month, 1 to 12, with income or pay above it.
    pub month: usize,
    /// The rate below it.
    pub from: Percent,
    /// The rate above it.
    pub to: Percent,
}

/// A year of the same gross pay every month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// January to December.
    pub months: Vec<Figures>,
    /// The year.
    pub total: Figures,
    /// The thresholds crossed, in the order of the rules.
    pub crossings: Vec<Crossing>,
    /// Under the small-business tariff, the part of a month's pay that pays the general tariff.
    pub reduced_above: Option<Money>,
}

/// A rate of the contributions, with each share's part of it.
struct Band {
    rate: Percent,
    shares: Vec<Percent>,
}

/// A bracket of the income tax scale: the income from January it covers, and its rate.
struct Bracket {
    bottom: Money,
    /// None for the last.
    top: Option<Money>,
    rate: Percent,
}

impl Bracket {
    /// The part of `income` in this bracket.
    fn part_of(&self, income: Money) -> Result<Money, Overflow> {
        let capped = self.top.map_or(income, |t| income.min(t));
        capped.max(self.bottom).checked_sub(self.bottom)
    }
}

/// The year with `gross` paid every month, under `rules` and `settings`. With the
/// small-business tariff, the rules must have one (else the general tariff is computed).
pub fn year(rules: &TaxYear, gross: Money, settings: &Settings) -> Result<Year, Overflow> {
    let c = &rules.contributions;
    let reduced: Option<&SmallBusiness> = c
        .small_business
        .as_ref()
        .filter(|_| settings.tariff == Tariff::SmallBusiness);
    let mut bands = vec![
        Band {
            rate: c.within_base,
            shares: c.split.iter().map(|s| s.within_base).collect(),
        },
        Band {
            rate: c.above_base,
            shares: c.split.iter().map(|s| s.above_base).collect(),
        },
    ];
    let reduced_above = match reduced {
        Some(r) => {
            bands.push(Band {
                rate: r.rate,
                shares: c
                    .split
                    .iter()
                    .map(|s| s.small_business.unwrap_or_default())
                    .collect(),
            });
            let mrot = Money::from_rubles(rules.mrot.amount)?;
            Some(to_kopecks(exact(mrot, r.above_mrot_percent))?)
        }
        None => None,
    };
    let limit = Money::from_rubles(c.base_limit)?;
    let mut brackets = Vec::new();
    let mut bottom = Money::ZERO;
    for b in &rules.income_tax.scale {
        let top = b.up_to.map(Money::from_rubles).transpose()?;
        brackets.push(Bracket {
            bottom,
            top,
            rate: b.rate,
        });
        bottom = top.unwrap_or(bottom);
    }
    let shares = c.split.len();
    let mut paid = Money::ZERO;
    let mut band_pay = vec![Money::ZERO; bands.len()];
    let mut due = Figures {
        split: vec![Money::ZERO; shares],
        ..Figures::default()
    };
    let mut months = Vec::with_capacity(12);
    let mut crossings = Vec::new();
    let mut base_crossed = None;
    for month in 1..=12 {
        let before = paid;
        paid = paid.checked_add(gross)?;
        // the month's pay by band: the part that pays the general tariff (all of it, or up to
        // the small business's threshold) within the base limit, above it, and the rest
        let general = reduced_above.map_or(gross, |t| gross.min(t));
        let room = limit.checked_sub(before.min(limit))?;
        let within = general.min(room);
        let parts = [
            within,
            general.checked_sub(within)?,
            gross.checked_sub(general)?,
        ];
        for (pay, part) in band_pay.iter_mut().zip(parts) {
            *pay = pay.checked_add(part)?;
        }
        let mut tax = 0i128;
        for b in &brackets {
            tax = tax
                .checked_add(exact(b.part_of(paid)?, b.rate))
                .ok_or(Overflow)?;
        }
        let charged = |rate: &dyn Fn(&Band) -> Percent| -> Result<Money, Overflow> {
            let mut sum = 0i128;
            for (band, pay) in bands.iter().zip(&band_pay) {
                sum = sum.checked_add(exact(*pay, rate(band))).ok_or(Overflow)?;
            }
            to_kopecks(sum)
        };
        let contributions = charged(&|b| b.rate)?;
        // each share but the first rounded on its own, the first the rest: the split adds up
        let mut split = vec![Money::ZERO; shares];
        let mut rest = contributions;
        for (s, amount) in split.iter_mut().enumerate().skip(1) {
            *amount = charged(&|b| b.shares[s])?;
            rest = rest.checked_sub(*amount)?;
        }
        if let Some(first) = split.first_mut() {
            *first = rest;
        }
        // what is due on everything paid since January
        let cumulative = Figures {
            gross: paid,
            income_tax: to_rubles(tax)?,
            contributions,
            split,
            accident: to_kopecks(exact(paid, settings.injury_rate))?,
            ..Figures::default()
        };
        let this = cumulative.less(&due)?;
        let touched: Vec<bool> = parts.iter().map(|p| *p > Money::ZERO).collect();
        let rates = Rates {
            income_tax: brackets
                .iter()
                .filter(|b| b.bottom < paid && b.top.is_none_or(|t| before < t))
                .map(|b| b.rate)
                .collect(),
            bands: &bands,
            touched: &touched,
        };
        months.push(this.figures(&rates)?);
        for pair in brackets.windows(2) {
            if let [below, above] = pair
                && let Some(top) = below.top
                && before <= top
                && paid > top
            {
                crossings.push(Crossing {
                    threshold: Threshold::IncomeTax,
                    at: top,
                    month,
                    from: below.rate,
                    to: above.rate,
                });
            }
        }
        // the first month some pay is charged above the base limit
        if parts[1] > Money::ZERO && base_crossed.is_none() {
            base_crossed = Some(month);
        }
        due = cumulative;
    }
    let touched: Vec<bool> = band_pay.iter().map(|p| *p > Money::ZERO).collect();
    let year_rates = Rates {
        income_tax: brackets
            .iter()
            .filter(|b| b.bottom < paid)
            .map(|b| b.rate)
            .collect(),
        bands: &bands,
        touched: &touched,
    };
    let total = due.figures(&year_rates)?;
    crossings.extend(base_crossed.map(|month| Crossing {
        threshold: Threshold::BaseLimit,
        at: limit,
        month,
        from: c.within_base,
        to: c.above_base,
    }));
    Ok(Year {
        months,
        total,
        crossings,
        reduced_above,
    })
}

impl Figures {
    /// These amounts less `earlier`'s: a month's, from what was due by its end and by the end
    /// of the month before.
    fn less(&self, earlier: &Figures) -> Result<Figures, Overflow> {
        let mut split = Vec::with_capacity(self.split.len());
        for (now, then) in self.split.iter().zip(&earlier.split) {
            split.push(now.checked_sub(*then)?);
        }
        Ok(Figures {
            gross: self.gross.checked_sub(earlier.gross)?,
            income_tax: self.income_tax.checked_sub(earlier.income_tax)?,
            contributions: self.contributions.checked_sub(earlier.contributions)?,
            split,
            accident: self.accident.checked_sub(earlier.accident)?,
            ..Figures::default()
        })
    }

    /// These amounts with the sums derived from them and the rates applied.
    fn figures(&self, rates: &Rates) -> Result<Figures, Overflow> {
        let employer_contributions = self.contributions.checked_add(self.accident)?;
        let shares = self.split.len();
        Ok(Figures {
            net: self.gross.checked_sub(self.income_tax)?,
            employer_contributions,
            employer_cost: self.gross.checked_add(employer_contributions)?,
            taxes: self.income_tax.checked_add(employer_contributions)?,
            income_tax_rates: rates.income_tax.clone(),
            contribution_rates: rates.of(|b| b.rate),
            split_rates: (0..shares).map(|s| rates.of(|b| b.shares[s])).collect(),
            ..self.clone()
        })
    }
}

/// The rates a period was charged at.
struct Rates<'a> {
    /// The income tax brackets its income fell in.
    income_tax: Vec<Percent>,
    /// The contributions' bands …
    bands: &'a [Band],
    /// … and which of them the period's pay fell in.
    touched: &'a [bool],
}

impl Rates<'_> {
    /// The rates of the bands the pay fell in, by `rate`, each once.
    fn of(&self, rate: impl Fn(&Band) -> Percent) -> Vec<Percent> {
        let mut out = Vec::new();
        for (band, touched) in self.bands.iter().zip(self.touched) {
            if *touched && !out.contains(&rate(band)) {
                out.push(rate(band));
            }
        }
        out
    }
}
