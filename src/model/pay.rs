//! The pay files as types: the tax rules of a year — built into jobdoc as
//! `src/pay/rules/<year>.yaml`, added or overridden by an organization in
//! `roles/_tax-<year>.yaml` — and the organization's pay settings (`pay:` of
//! `_organization.yaml`). Schemas for editors are derived from these types, as for role files;
//! what the rules compute is [`crate::pay`]'s business.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A percentage as a file writes it (`15.1`, `0.2`), kept exact: in ten-thousandths of a
/// percent, so at most four decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(u32);

impl Percent {
    /// Ten-thousandths of a percent in one percent.
    pub const UNIT: u32 = 10_000;
    /// The largest percentage a file may write (a threshold of 150 % of the МРОТ is one).
    pub const MAX: u32 = 10_000 * Percent::UNIT;

    /// The percentage of `units` ten-thousandths of a percent.
    pub fn from_units(units: u32) -> Percent {
        Percent(units)
    }

    /// Ten-thousandths of a percent.
    pub fn units(self) -> u32 {
        self.0
    }

    /// The percentage `value` exactly, when it is one a file may write: from 0 to [`Self::MAX`],
    /// at most four decimals.
    pub fn from_number(value: f64) -> Option<Percent> {
        let scaled = value * f64::from(Percent::UNIT);
        let units = scaled.round();
        // a decimal the reader turned into the nearest double is a hair away from its units;
        // a fifth decimal is at least a tenth of a unit away
        let exact = (scaled - units).abs() < 1e-3;
        (exact && (0.0..=f64::from(Percent::MAX)).contains(&units)).then_some(Percent(units as u32))
    }
}

impl std::fmt::Display for Percent {
    /// `15.1`, `13`, `0.2`: no trailing zeros.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, fraction) = (self.0 / Percent::UNIT, self.0 % Percent::UNIT);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let digits = format!("{fraction:04}");
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / f64::from(Percent::UNIT))
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(d)?;
        Percent::from_number(value).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{value} is not a percentage from 0 to {} with at most four decimals",
                Percent::MAX / Percent::UNIT
            ))
        })
    }
}

impl JsonSchema for Percent {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "maximum": Percent::MAX / Percent::UNIT,
        })
    }
}

/// The tariff of insurance contributions an organization pays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tariff {
    /// The single tariff: 30 % up to the year's base limit, 15.1 % above it.
    #[default]
    General,
    /// The reduced tariff of a small or medium business (МСП): the general tariff on a month's
    /// pay up to the year's threshold (1 МРОТ in 2024, 1.5 МРОТ from 2025), the reduced rate
    /// above it. From 2026 only for businesses whose main activity the Government lists.
    SmallBusiness,
}

/// The organization's settings for `jobdoc cost` (`pay:` of `_organization.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaySettings {
    /// The year `jobdoc cost` computes when `--year` is not given (jobdoc reads no clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2000, max = 2100))]
    pub year: Option<u16>,
    /// The tariff of insurance contributions: `general` (the default) or `small_business`.
    #[serde(default)]
    pub tariff: Tariff,
    /// The accident insurance rate in percent (страхование от несчастных случаев на
    /// производстве): the organization's risk class with its discount or surcharge
    /// [default: the year's rules, 0.2 for risk class I]. `--injury-rate` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 100))]
    pub injury_rate: Option<Percent>,
}

/// A year's tax rules: `src/pay/rules/<year>.yaml` (built in) or `roles/_tax-<year>.yaml`. In
/// an organization's file each section given replaces the built-in one of that year; a year
/// jobdoc has no rules of needs every section.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc tax year")]
pub struct TaxYearFile {
    /// The minimum wage (МРОТ) of the year.
    pub mrot: Option<Mrot>,
    /// The personal income tax (НДФЛ) of an employee who is a tax resident.
    pub income_tax: Option<IncomeTax>,
    /// The insurance contributions the employer pays on top of the pay.
    pub contributions: Option<Contributions>,
    /// Accident insurance (взносы на страхование от несчастных случаев на производстве и
    /// профессиональных заболеваний), paid by the employer on the whole pay.
    pub accident: Option<Accident>,
}

/// The federal minimum wage (МРОТ) of a year.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mrot {
    /// Its name, as the report shows it after the English one: `МРОТ`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Rubles a month, for full-time work.
    #[schemars(range(min = 1, max = 1_000_000_000))]
    pub amount: u64,
    /// Where the amount comes from: the law that sets it.
    #[schemars(length(min = 1))]
    pub source: String,
}

/// The income tax scale of a year.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeTax {
    /// Its name, as the report shows it after the English one: `НДФЛ`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Where the scale comes from.
    #[schemars(length(min = 1))]
    pub source: String,
    /// The scale on the income of the year from January: each bracket's rate on the part of it
    /// above the previous bracket's `up_to`; the last bracket has no `up_to`.
    #[schemars(length(min = 1))]
    pub scale: Vec<Bracket>,
}

/// A bracket of the income tax scale.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    /// The bracket's top: rubles of income from January; none for the last bracket.
    #[schemars(range(min = 1, max = 1_000_000_000_000_u64))]
    pub up_to: Option<u64>,
    /// The rate, percent.
    #[schemars(range(max = 100))]
    pub rate: Percent,
}

/// Insurance contributions under the single tariff (since 2023).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contributions {
    /// Where the tariff comes from.
    #[schemars(length(min = 1))]
    pub source: String,
    /// The year's base limit (единая предельная величина базы): rubles of an employee's pay
    /// from January up to which `within_base` applies; `above_base` beyond it.
    #[schemars(range(min = 1, max = 1_000_000_000_000_u64))]
    pub base_limit: u64,
    /// Where the base limit comes from: the Government's decree of the year.
    #[schemars(length(min = 1))]
    pub base_source: String,
    /// The rate on pay within the base limit, percent.
    #[schemars(range(max = 100))]
    pub within_base: Percent,
    /// The rate on pay above the base limit, percent.
    #[schemars(range(max = 100))]
    pub above_base: Percent,
    /// The tariff split between pension, medical and social insurance, as the funds' own
    /// tariffs were until 2022: since 2023 the contributions are one payment, so the split is
    /// shown for information only. Each rate column adds up to the tariff's.
    #[serde(default)]
    pub split: Vec<Share>,
    /// The reduced tariff of a small or medium business, when the year has one.
    pub small_business: Option<SmallBusiness>,
}

/// One insurance's notional share of the contributions.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Its name, as the report shows it: `ОПС`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// What it insures, in English: `pension insurance`.
    #[schemars(length(min = 1))]
    pub about: String,
    /// Its share of `within_base`, percent.
    #[schemars(range(max = 100))]
    pub within_base: Percent,
    /// Its share of `above_base`, percent.
    #[schemars(range(max = 100))]
    pub above_base: Percent,
    /// Its share of the small business's reduced rate, percent (needed when the year has one).
    #[schemars(range(max = 100))]
    pub small_business: Option<Percent>,
}

/// The reduced tariff of a small or medium business (МСП).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SmallBusiness {
    /// The rate on the part of a month's pay above the threshold, percent (within the base
    /// limit and above it alike).
    #[schemars(range(max = 100))]
    pub rate: Percent,
    /// The threshold, as a percentage of the year's МРОТ: `150` is 1.5 МРОТ. The part of a
    /// month's pay up to it pays the general tariff.
    #[schemars(range(max = 1000))]
    pub above_mrot_percent: Percent,
    /// Where the tariff comes from.
    #[schemars(length(min = 1))]
    pub source: String,
    /// Who may use it, in English, printed with the figures it gives.
    pub note: Option<String>,
}

/// Accident insurance.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accident {
    /// Its name, as the report shows it after the English one.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The rate when neither the organization nor `--injury-rate` gives one, percent: that of
    /// risk class I.
    #[schemars(range(max = 100))]
    pub rate: Percent,
    /// Where the rate comes from.
    #[schemars(length(min = 1))]
    pub source: String,
}

/// The JSON Schema of a tax year file `_tax-<year>.yaml`.
pub fn tax_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(TaxYearFile)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::Percent;

    #[test]
    fn percentages_are_exact_to_four_decimals() {
        assert_eq!(
            Percent::from_number(15.1),
            Some(Percent::from_units(151_000))
        );
        assert_eq!(Percent::from_number(0.2), Some(Percent::from_units(2_000)));
        assert_eq!(Percent::from_number(0.0001), Some(Percent::from_units(1)));
        assert_eq!(Percent::from_number(0.00001), None);
        assert_eq!(Percent::from_number(-1.0), None);
        assert_eq!(Percent::from_number(f64::NAN), None);
        assert_eq!(Percent::from_number(1e300), None);
        assert_eq!(Percent::from_units(151_000).to_string(), "15.1");
        assert_eq!(Percent::from_units(130_000).to_string(), "13");
        assert_eq!(Percent::from_units(1_250).to_string(), "0.125");
    }
}
