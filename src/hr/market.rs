//! Market data: `roles/_salaries.csv`, what a position pays by city (city, average, median,
//! vacancies — a job board's statistics), against which a vacancy's salary is compared.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::load;
use crate::model::LoadedRole;

/// The market data's file name in the roles folder.
pub const SALARIES_CSV: &str = "_salaries.csv";

/// The columns, in the header row's words (in any order; others are ignored).
const COLUMNS: [&str; 4] = ["city", "average", "median", "vacancies"];

/// One city's salaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityPay {
    /// The city, as a vacancy names it.
    pub city: String,
    /// The mean monthly salary offered.
    pub average: u64,
    /// The median.
    pub median: u64,
    /// Vacancies counted.
    pub vacancies: u64,
    /// Its line in the file.
    pub line: usize,
}

/// The market data of a roles folder.
#[derive(Debug, Clone, Default)]
pub struct Market {
    /// The file, when there is one.
    pub file: Option<PathBuf>,
    /// Its rows.
    pub cities: Vec<CityPay>,
}

impl Market {
    /// The row of `city` (compared without case and surrounding spaces).
    pub fn city(&self, city: &str) -> Option<&CityPay> {
        let wanted = city.trim().to_lowercase();
        self.cities.iter().find(|c| c.city.to_lowercase() == wanted)
    }

    /// A warning when `role`'s vacancy offers less than the median of `city`: at the salary,
    /// naming the median and its row.
    pub fn below_median(&self, role: &LoadedRole, city: &str) -> Option<Diagnostic> {
        let file = self.file.as_ref()?;
        let row = self.city(city)?;
        let salary = &role.role.vacancy.as_ref()?.salary;
        // the market data are rubles before tax: another currency or pay after tax compares
        // with nothing there
        if salary.currency != crate::model::vacancy::Currency::Rub || !salary.gross {
            return None;
        }
        let offered = salary.top()?;
        if offered >= row.median {
            return None;
        }
        let at = role.node.span_of("/vacancy/salary");
        Some(
            Diagnostic::warning(
                &role.path,
                Some(&role.source),
                at,
                format!(
                    "the vacancy offers at most {offered}, less than the median {} of {} ({}:{})",
                    row.median,
                    row.city,
                    file.display(),
                    row.line
                ),
            )
            .with_hint("candidates compare offers: raise the upper bound, or keep it knowingly"),
        )
    }
}

/// Reads `_salaries.csv` of the roles folder `dir` (empty without one); each problem an error
/// at its line.
pub fn load(dir: &Path, diags: &mut Diagnostics) -> Market {
    let path = dir.join(SALARIES_CSV);
    if !path.is_file() {
        return Market::default();
    }
    let bytes = match load::read_bytes(&path, Some(dir)) {
        Ok(b) => b,
        Err(d) => {
            diags.push(*d);
            return Market::default();
        }
    };
    let text = super::roster::decode(&bytes).replace("\r\n", "\n");
    if let Some(d) = load::control_character(&path, &text) {
        diags.push(d);
        return Market::default();
    }
    let error = |line: usize, message: String| {
        Diagnostic::error(&path, Some(&text), Span::new(line, 1, 1), message).with_hint(format!(
            "a header row `{}`, then a row a city",
            COLUMNS.join(",")
        ))
    };
    let header = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(super::roster::separator(header))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let names: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_lowercase).collect(),
        Err(e) => {
            diags.push(error(1, format!("CSV: {e}")));
            return Market::default();
        }
    };
    let mut at = [0; 4];
    for (i, column) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| n == column) {
            Some(p) => at[i] = p,
            None => {
                diags.push(error(1, format!("the header row has no column `{column}`")));
                return Market::default();
            }
        }
    }
    let mut cities = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(error(line, format!("CSV: {e}")));
                return Market::default();
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(1, |p| p.line() as usize);
        let field = |i: usize| record.get(at[i]).unwrap_or("");
        // job boards export `136602.0`: whole rubles
        let number = |i: usize| {
            field(i)
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0 && *x < 1e15)
                .map(|x| x.round() as u64)
        };
        match (number(1), number(2), number(3)) {
            (Some(average), Some(median), Some(vacancies)) if !field(0).is_empty() => {
                cities.push(CityPay {
                    city: field(0).to_string(),
                    average,
                    median,
                    vacancies,
                    line,
                })
            }
            _ => diags.push(error(
                line,
                "a row needs a city and three numbers: average, median, vacancies".into(),
            )),
        }
    }
    Market {
        file: Some(path),
        cities,
    }
}
