//! The tax rules of a year, kept as data: built in for the years jobdoc knows
//! (`src/pay/rules/<year>.yaml`, embedded in the binary), added or overridden section by section
//! by an organization's `roles/_tax-<year>.yaml`. Each file is read like every other input —
//! schema-checked at line and column — and then checked for what a schema cannot say: a scale
//! whose brackets rise, a split that adds up to its tariff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostics::{Diagnostic, Diagnostics, Failure, Span};
use crate::load::schema::Schema;
use crate::load::{self, LoadedYaml};
use crate::model::pay::{Accident, Contributions, IncomeTax, Mrot, Percent, Share, TaxYearFile};

/// The years jobdoc has rules for, with their files.
const BUILT_IN: [(u16, &str); 3] = [
    (2024, include_str!("rules/2024.yaml")),
    (2025, include_str!("rules/2025.yaml")),
    (2026, include_str!("rules/2026.yaml")),
];

/// The tax rules of the years a build needs, each loaded when first asked for (a build of
/// roles without compensation plans reads none) and kept for the roles after it.
#[derive(Debug, Default)]
pub struct Cache {
    roles: PathBuf,
    years: Mutex<BTreeMap<u16, Arc<TaxYear>>>,
}

impl Cache {
    /// The rules of the roles folder `roles`.
    pub fn new(roles: &Path) -> Cache {
        Cache {
            roles: roles.to_path_buf(),
            years: Mutex::default(),
        }
    }

    /// The rules of `year` ([`load`]).
    pub fn get(&self, year: u16) -> Result<Option<Arc<TaxYear>>, Failure> {
        // a thread that panicked holding the lock left a complete map: it is only inserted into
        let mut years = self.years.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(rules) = years.get(&year) {
            return Ok(Some(rules.clone()));
        }
        let Some(rules) = load(&self.roles, year)? else {
            return Ok(None);
        };
        let rules = Arc::new(rules);
        years.insert(year, rules.clone());
        Ok(Some(rules))
    }
}

/// The name of an organization's rules of `year` in its roles folder.
pub fn override_file(year: u16) -> String {
    format!("_tax-{year}.yaml")
}

/// The tax rules of one year, every section given.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxYear {
    /// The year.
    pub year: u16,
    /// The minimum wage.
    pub mrot: Mrot,
    /// The income tax scale.
    pub income_tax: IncomeTax,
    /// The insurance contributions.
    pub contributions: Contributions,
    /// Accident insurance.
    pub accident: Accident,
    /// What the rules were read from: `built in` and the organization's file, when it has one.
    pub read_from: Vec<String>,
}

/// The years there are rules for: built in, and those of `_tax-<year>.yaml` files in `roles`,
/// sorted. A file that looks like one but is not named so is warned about.
pub fn years(roles: &Path, diags: &mut Diagnostics) -> Vec<u16> {
    let mut years: Vec<u16> = BUILT_IN.iter().map(|(y, _)| *y).collect();
    for entry in std::fs::read_dir(roles).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("_tax-") else {
            continue;
        };
        let stem = rest.split('.').next().unwrap_or("");
        match stem.parse::<u16>() {
            Ok(year) if stem.len() == 4 && name == override_file(year) => years.push(year),
            _ => diags.push(
                Diagnostic::warning(
                    &entry.path(),
                    None,
                    Span::new(1, 1, 1),
                    format!("not read: `{name}` is not named `_tax-<year>.yaml`"),
                )
                .with_hint("name a year's tax rules `_tax-2027.yaml`: the year in four digits"),
            ),
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

/// The rules of `year`: the built-in ones with the sections of `roles/_tax-<year>.yaml` over
/// them. `Ok(None)` when neither exists; problems in a file are [`Failure::Input`].
pub fn load(roles: &Path, year: u16) -> Result<Option<TaxYear>, Failure> {
    let mut diags = Diagnostics::default();
    let built_in = BUILT_IN.iter().find(|(y, _)| *y == year).map(|(_, text)| {
        let path = PathBuf::from(format!("src/pay/rules/{year}.yaml"));
        read(&path, Some(text.to_string()), roles, &mut diags)
    });
    let path = roles.join(override_file(year));
    let own = path.is_file().then(|| read(&path, None, roles, &mut diags));
    if diags.has_errors() {
        return Err(Failure::Input(diags));
    }
    let (built_in, own) = (built_in.flatten(), own.flatten());
    if built_in.is_none() && own.is_none() {
        return Ok(None);
    }
    let mut read_from = Vec::new();
    let mut file = TaxYearFile::default();
    if let Some(b) = built_in {
        read_from.push("built in".to_string());
        file = b;
    }
    if let Some(o) = own {
        read_from.push(path.display().to_string());
        // each section the organization gives replaces the built-in one
        file = TaxYearFile {
            mrot: o.mrot.or(file.mrot),
            income_tax: o.income_tax.or(file.income_tax),
            contributions: o.contributions.or(file.contributions),
            accident: o.accident.or(file.accident),
        };
    }
    let missing: Vec<&str> = [
        ("mrot", file.mrot.is_none()),
        ("income_tax", file.income_tax.is_none()),
        ("contributions", file.contributions.is_none()),
        ("accident", file.accident.is_none()),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(key, _)| *key)
    .collect();
    match file {
        TaxYearFile {
            mrot: Some(mrot),
            income_tax: Some(income_tax),
            contributions: Some(contributions),
            accident: Some(accident),
        } => Ok(Some(TaxYear {
            year,
            mrot,
            income_tax,
            contributions,
            accident,
            read_from,
        })),
        _ => Err(Failure::Input(Diagnostics(vec![
            Diagnostic::error(
                &path,
                None,
                Span::new(1, 1, 1),
                format!(
                    "jobdoc has no tax rules of {year} of its own: `{}` must be given",
                    missing.join("`, `")
                ),
            )
            .with_hint("a year jobdoc does not know needs mrot, income_tax, contributions and accident; see README.md, «jobdoc cost»"),
        ]))),
    }
}

/// Reads one rules file (`source`, when given, is its text: a built-in file) and checks it.
fn read(
    path: &Path,
    source: Option<String>,
    roles: &Path,
    diags: &mut Diagnostics,
) -> Option<TaxYearFile> {
    // compiled once per process: a run reads at most two files, but tests read many
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    let schema = SCHEMA.get_or_init(|| Schema::new(crate::model::pay::tax_schema()));
    let loaded: LoadedYaml<TaxYearFile> = match source {
        Some(text) => load::load_data_source(path, text, schema, diags),
        None => load::load_data_yaml(path, Some(roles), schema, diags),
    }?;
    let before = diags.counts().0;
    check(path, &loaded, diags);
    (diags.counts().0 == before).then_some(loaded.value)
}

/// The checks a schema cannot express, each at its place.
fn check(path: &Path, loaded: &LoadedYaml<TaxYearFile>, diags: &mut Diagnostics) {
    let at = |pointer: &str| loaded.node.span_of(pointer);
    let mut error = |pointer: &str, message: String, hint: &str| {
        diags.push(
            Diagnostic::error(path, Some(&loaded.source), at(pointer), message).with_hint(hint),
        );
    };
    if let Some(tax) = &loaded.value.income_tax {
        let last = tax.scale.len().saturating_sub(1);
        let mut floor = 0;
        for (i, bracket) in tax.scale.iter().enumerate() {
            let here = format!("/income_tax/scale/{i}");
            match (bracket.up_to, i == last) {
                (Some(_), true) => error(
                    &format!("{here}/up_to"),
                    "the last bracket of the scale has an `up_to`".into(),
                    "the last bracket's rate applies to all income above the one before: leave out its `up_to`",
                ),
                (None, false) => error(
                    &here,
                    "a bracket before the last without `up_to`".into(),
                    "every bracket but the last says up to which income of the year it applies",
                ),
                (Some(top), false) if top <= floor => error(
                    &format!("{here}/up_to"),
                    format!("`up_to: {top}` is not above the bracket before it ({floor})"),
                    "brackets rise: each `up_to` is above the one before",
                ),
                _ => {}
            }
            floor = bracket.up_to.unwrap_or(floor).max(floor);
        }
    }
    let contributions = loaded.value.contributions.as_ref();
    if let Some(c) = contributions.filter(|c| !c.split.is_empty()) {
        let column = |share: fn(&Share) -> Option<Percent>| -> Option<u64> {
            c.split
                .iter()
                .map(|s| share(s).map(|p| u64::from(p.units())))
                .sum()
        };
        for (key, tariff, shares) in [
            (
                "within_base",
                Some(c.within_base),
                column(|s| Some(s.within_base)),
            ),
            (
                "above_base",
                Some(c.above_base),
                column(|s| Some(s.above_base)),
            ),
            (
                "small_business",
                c.small_business.as_ref().map(|s| s.rate),
                column(|s| s.small_business),
            ),
        ] {
            let Some(tariff) = tariff else {
                continue;
            };
            match shares {
                Some(total) if total == u64::from(tariff.units()) => {}
                Some(total) => error(
                    "/contributions/split",
                    format!(
                        "the split's `{key}` adds up to {} %, the tariff is {tariff} %",
                        Percent::from_units(u32::try_from(total).unwrap_or(u32::MAX))
                    ),
                    "each column of the split adds up to its tariff",
                ),
                None => error(
                    "/contributions/split",
                    format!("an entry of the split has no `{key}`"),
                    "with a small-business tariff, every entry of the split gives its share of it",
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_load_without_problems() {
        let empty = tempfile::tempdir().unwrap();
        for (year, _) in BUILT_IN {
            let rules = load(empty.path(), year)
                .unwrap_or_else(|e| panic!("{year}: {e:?}"))
                .unwrap();
            assert_eq!(rules.read_from, ["built in"]);
            assert!(rules.contributions.small_business.is_some(), "{year}");
        }
        assert_eq!(load(empty.path(), 2023).unwrap(), None);
        let mut diags = Diagnostics::default();
        assert_eq!(years(empty.path(), &mut diags), [2024, 2025, 2026]);
        assert!(diags.0.is_empty());
    }
}
