//! The staff roster: who holds which role. `roles/_staff.yaml`, or `roles/_staff.csv` as HR systems
//! export it — UTF-8 with or without a byte-order mark, or Windows-1251 (Excel in a Russian
//! locale), `;` or `,` between fields, a header row with Russian or English column names. Every
//! row is checked (a known role, a unique personnel number) and a problem points at its line and
//! column.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Span, nearest};
use crate::document::NBSP;
use crate::hr::Roles;
use crate::load::schema::Schema;
use crate::load::{self, LoadedYaml};
use crate::locale::{Gender, Locale, StaffColumn as Column};
use crate::model::check::undrawable;
use crate::model::hr::StaffFile;

/// The roster's YAML file name inside the roles folder.
pub const STAFF_YAML: &str = "_staff.yaml";
/// The roster's CSV file name inside the roles folder.
pub const STAFF_CSV: &str = "_staff.csv";

/// An employee of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    /// Full name, surname first: «Иванова Мария Петровна».
    pub name: String,
    /// The role id (a position title in the roster is resolved to its role).
    pub role: String,
    /// Department, when the roster gives one.
    pub department: Option<String>,
    /// Personnel number, unique.
    pub number: String,
    /// Gender, from the roster or the patronymic; `None` when neither tells.
    pub gender: Option<Gender>,
}

impl Employee {
    /// «Иванова М.П.»: surname, a non-breaking space, initials (the table of a лист ознакомления).
    pub fn surname_initials(&self) -> String {
        let (surname, initials) = self.split_name();
        if initials.is_empty() {
            surname
        } else {
            format!("{surname}{NBSP}{initials}")
        }
    }

    /// «М.П. Иванова»: initials, a non-breaking space, surname (under a signature).
    pub fn initials_surname(&self) -> String {
        let (surname, initials) = self.split_name();
        if initials.is_empty() {
            surname
        } else {
            format!("{initials}{NBSP}{surname}")
        }
    }

    fn split_name(&self) -> (String, String) {
        let mut words = self.name.split_whitespace();
        let surname = words.next().unwrap_or_default().to_string();
        let initials: String = words
            .filter_map(|w| w.chars().next())
            .map(|c| format!("{c}."))
            .collect();
        (surname, initials)
    }
}

/// The roster: employees in file order.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// The file it was read from; `None` when the project has no roster.
    pub file: Option<PathBuf>,
    /// The employees.
    pub employees: Vec<Employee>,
    /// Rows were left out because they name, by title, a role whose file does not load: the
    /// roster is not complete, and records cannot be checked against it.
    pub incomplete: bool,
}

impl Roster {
    /// The employees holding role `id`, in roster order.
    pub fn of_role<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Employee> + 'a {
        self.employees.iter().filter(move |e| e.role == id)
    }

    /// The employee with personnel number `number`.
    pub fn get(&self, number: &str) -> Option<&Employee> {
        self.employees.iter().find(|e| e.number == number)
    }
}

/// The roles a roster may name: ids, and position titles (asked of the project only when a row
/// names a role by its title).
struct RoleNames<'a> {
    roles: &'a dyn Roles,
    locale: &'a Locale,
    ids: Vec<String>,
    titles: OnceCell<Vec<(String, String)>>,
}

impl<'a> RoleNames<'a> {
    fn new(roles: &'a dyn Roles, locale: &'a Locale) -> Self {
        RoleNames {
            roles,
            locale,
            ids: roles.ids(),
            titles: OnceCell::new(),
        }
    }

    /// (folded nominative title, id) of every role that loads.
    fn titles(&self) -> &[(String, String)] {
        self.titles.get_or_init(|| {
            self.roles
                .titles()
                .into_iter()
                .map(|(title, id)| (self.locale.fold(&title), id))
                .collect()
        })
    }

    /// The role ids a roster's role column may mean: the id it names, or every role with the
    /// position title it names in any letter case (two roles may share a title).
    fn resolve(&self, text: &str) -> Vec<String> {
        if self.ids.iter().any(|id| id == text) {
            return vec![text.to_string()];
        }
        let folded = self.locale.fold(text);
        self.titles()
            .iter()
            .filter(|(title, _)| *title == folded)
            .map(|(_, id)| id.clone())
            .collect()
    }

    /// The nearest id or title to `text`, for a hint.
    fn nearest(&self, text: &str) -> Option<String> {
        let mut candidates = self.ids.clone();
        candidates.extend(self.titles().iter().map(|(t, _)| t.clone()));
        nearest(&self.locale.fold(text), &candidates)
    }
}

/// A roster row as read, before checks: each field with its place.
struct Row {
    line: usize,
    name: Option<(String, Span)>,
    role: Option<(String, Span)>,
    department: Option<(String, Span)>,
    number: Option<(String, Span)>,
    gender: Option<(String, Span)>,
    /// Why fields may be missing, when the row looks cut short.
    hint: Option<String>,
}

/// Loads the roster of the roles folder `dir` (an empty roster when there is none), reading
/// nothing outside it; `locale` names its columns and genders.
pub fn load(dir: &Path, roles: &dyn Roles, locale: &Locale, diags: &mut Diagnostics) -> Roster {
    let yaml = dir.join(STAFF_YAML);
    let csv = dir.join(STAFF_CSV);
    let (path, read) = match (yaml.is_file(), csv.is_file()) {
        (false, false) => return Roster::default(),
        (true, true) => {
            diags.push(
                Diagnostic::error(&csv, None, Span::new(1, 1, 1), "two rosters")
                    .with_hint(format!("keep either {STAFF_YAML} or {STAFF_CSV}")),
            );
            return Roster::default();
        }
        (true, false) => (yaml.clone(), read_yaml(&yaml, dir, diags)),
        (false, true) => (csv.clone(), read_csv(&csv, dir, locale, diags)),
    };
    let Some((source, rows)) = read else {
        return Roster {
            file: Some(path),
            employees: Vec::new(),
            incomplete: false,
        };
    };
    let names = RoleNames::new(roles, locale);
    let incomplete = std::cell::Cell::new(false);
    let employees = check_rows(&path, &source, rows, &names, &incomplete, diags);
    Roster {
        file: Some(path),
        employees,
        incomplete: incomplete.get(),
    }
}

/// The rows of `_staff.yaml`, each field at its place.
fn read_yaml(path: &Path, root: &Path, diags: &mut Diagnostics) -> Option<(String, Vec<Row>)> {
    let schema = Schema::new(crate::model::hr::staff_schema());
    let loaded: LoadedYaml<StaffFile> = load::load_data_yaml(path, Some(root), &schema, diags)?;
    let rows = loaded
        .value
        .employees
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let at = |key: &str| loaded.node.span_of(&format!("/employees/{i}/{key}"));
            Row {
                line: at("name").line,
                name: Some((e.name.clone(), at("name"))),
                role: Some((e.role.clone(), at("role"))),
                department: e.department.clone().map(|d| (d, at("department"))),
                number: Some((e.number.clone(), at("number"))),
                gender: e.gender.clone().map(|g| (g, at("gender"))),
                hint: None,
            }
        })
        .collect();
    Some((loaded.source, rows))
}

/// Decodes a CSV as HR systems write it: UTF-8 (a byte-order mark is dropped) when the bytes are
/// valid UTF-8, else Windows-1251, the encoding of Excel in a Russian locale.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The field separator of a CSV: whichever of `;`, `,` and tab the header line has most of.
pub fn separator(header: &str) -> u8 {
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|&c| header.bytes().filter(|&b| b == c).count())
        .unwrap_or(b';')
}

/// The 1-based character column where each field of a CSV line starts (quotes respected).
fn field_columns(line: &str, sep: u8) -> Vec<usize> {
    let mut columns = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && c == char::from(sep) {
            columns.push(i + 2);
        }
    }
    columns
}

/// The rows of `_staff.csv`.
fn read_csv(
    path: &Path,
    root: &Path,
    locale: &Locale,
    diags: &mut Diagnostics,
) -> Option<(String, Vec<Row>)> {
    let bytes = match load::read_bytes(path, Some(root)) {
        Ok(b) => b,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    // after `\r\n` csv positions the next record before it counts the `\n`, a line too early
    let text = decode(&bytes).replace("\r\n", "\n");
    if let Some(d) = load::control_character(path, &text) {
        diags.push(d);
        return None;
    }
    // an empty export is a roster of nobody yet, not a file without a header
    if text.trim().is_empty() {
        return Some((text, Vec::new()));
    }
    let lines: Vec<&str> = text.lines().collect();
    let sep = separator(lines.first().copied().unwrap_or(""));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                Some(&text),
                Span::new(1, 1, 1),
                format!("CSV: {e}"),
            ));
            return None;
        }
    };
    let header_columns = field_columns(lines.first().copied().unwrap_or(""), sep);
    let mut columns: BTreeMap<usize, Column> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = locale.staff_column(h) {
            if let Some((&first, _)) = columns.iter().find(|(_, k)| **k == c) {
                let col = header_columns.get(i).copied().unwrap_or(1);
                diags.push(Diagnostic::error(
                    path,
                    Some(&text),
                    Span::new(1, col, h.chars().count().max(1)),
                    format!(
                        "column `{h}` repeats column `{}`",
                        headers.get(first).unwrap_or("")
                    ),
                ));
                return None;
            }
            columns.insert(i, c);
        }
    }
    let mut missing = Vec::new();
    let [name, role, number] = locale.staff_required;
    for (c, words) in [
        (Column::Name, name),
        (Column::Role, role),
        (Column::Number, number),
    ] {
        if !columns.values().any(|&k| k == c) {
            missing.push(words);
        }
    }
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                path,
                Some(&text),
                Span::new(1, 1, lines.first().map_or(1, |l| l.chars().count())),
                format!("the header row has no column {}", missing.join(", ")),
            )
            .with_hint(locale.staff_hint),
        );
        return None;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(Diagnostic::error(
                    path,
                    Some(&text),
                    Span::new(line, 1, 1),
                    format!("CSV: {e}"),
                ));
                return None;
            }
        };
        // spreadsheets export trailing rows of empty cells
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(1, |p| p.line() as usize);
        // a quote left open takes the following rows, separators and all, into one cell: say
        // where it opened (a cell of several lines written on purpose holds no separator)
        if let Some(i) = record
            .iter()
            .position(|f| f.contains('\n') && f.contains(char::from(sep)))
        {
            let column = field_columns(lines.get(line - 1).copied().unwrap_or(""), sep)
                .get(i)
                .copied()
                .unwrap_or(1);
            diags.push(
                Diagnostic::error(
                    path,
                    Some(&text),
                    Span::new(line, column, 1),
                    "a quote opened here is not closed on its line: the rows after it are read as this one cell",
                )
                .with_hint("close the quote, or remove it (a name needs no quotes)"),
            );
            return None;
        }
        let starts = field_columns(lines.get(line - 1).copied().unwrap_or(""), sep);
        let mut row = Row {
            line,
            name: None,
            role: None,
            department: None,
            number: None,
            gender: None,
            // fewer fields than the header mostly means another separator than the header's
            hint: (record.len() < headers.len()).then(|| {
                format!(
                    "the row has {} field(s), the header {}; the separator is `{}`",
                    record.len(),
                    headers.len(),
                    char::from(sep).escape_default()
                )
            }),
        };
        for (&i, &c) in &columns {
            let value = record.get(i).unwrap_or("").to_string();
            if value.is_empty() {
                continue;
            }
            let span = Span::new(
                line,
                starts.get(i).copied().unwrap_or(1),
                value.chars().count(),
            );
            match c {
                Column::Name => row.name = Some((value, span)),
                Column::Role => row.role = Some((value, span)),
                Column::Department => row.department = Some((value, span)),
                Column::Number => row.number = Some((value, span)),
                Column::Gender => row.gender = Some((value, span)),
            }
        }
        rows.push(row);
    }
    Some((text, rows))
}

/// Checks rows (required fields, known roles, unique numbers, genders) and makes employees.
fn check_rows(
    path: &Path,
    source: &str,
    rows: Vec<Row>,
    roles: &RoleNames,
    incomplete: &std::cell::Cell<bool>,
    diags: &mut Diagnostics,
) -> Vec<Employee> {
    let error = |span: Span, message: String| Diagnostic::error(path, Some(source), span, message);
    let mut employees = Vec::new();
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let whole = Span::new(row.line, 1, 1);
        let mut ok = true;
        for (field, what) in [
            (&row.name, "name"),
            (&row.role, "role"),
            (&row.number, "personnel number"),
        ] {
            if field.is_none() {
                let mut d = error(whole, format!("the row has no {what}"));
                d.hint = row.hint.clone();
                diags.push(d);
                ok = false;
            }
        }
        // the cells a sheet prints must be drawable in the PDF font
        for (text, span) in [&row.name, &row.department, &row.number]
            .into_iter()
            .flatten()
        {
            let found = undrawable(path, source, text, roles.locale, |_| *span);
            ok &= found.is_empty();
            diags.extend(found);
        }
        let role = row.role.as_ref().and_then(|(text, span)| {
            let mut ids = roles.resolve(text);
            match ids.len() {
                1 => ids.pop(),
                // reported at the role file that does not load
                0 if !roles.roles.all_load() => {
                    incomplete.set(true);
                    None
                }
                0 => {
                    let mut d = error(*span, format!("unknown role `{text}`"));
                    d.hint = Some(match roles.nearest(text) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => {
                            "write a role id (the role file's name) or its position title".into()
                        }
                    });
                    diags.push(d);
                    None
                }
                _ => {
                    diags.push(error(
                        *span,
                        format!(
                            "ambiguous position title `{text}` (roles {}): write the role id",
                            ids.join(", ")
                        ),
                    ));
                    None
                }
            }
        });
        if let Some((number, span)) = &row.number {
            if let Some(first) = numbers.get(number) {
                diags.push(error(
                    *span,
                    format!("duplicate personnel number `{number}` (also at line {first})"),
                ));
                ok = false;
            } else {
                numbers.insert(number.clone(), row.line);
            }
        }
        let name = row.name.map(|(n, _)| n).unwrap_or_default();
        let gender = match &row.gender {
            Some((text, span)) => {
                let g = roles.locale.parse_gender(text);
                if g.is_none() {
                    diags.push(
                        error(*span, format!("`{text}` is not a gender"))
                            .with_hint(roles.locale.gender_hint),
                    );
                }
                g
            }
            None => (roles.locale.gender_of_name)(&name),
        };
        if let (true, Some(role), Some((number, _))) = (ok, role, row.number) {
            employees.push(Employee {
                name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                role,
                department: row.department.map(|(d, _)| d),
                number,
                gender,
            });
        }
    }
    employees
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_bom_and_windows_1251() {
        let text = "ФИО;Должность\n";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&cp1251), text);
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom), text);
    }

    #[test]
    fn finds_separators_and_field_columns() {
        assert_eq!(separator("ФИО;Должность;Таб. №"), b';');
        assert_eq!(separator("name,role,number"), b',');
        assert_eq!(field_columns("\"Иванов; И.\";b;c", b';'), [1, 14, 16]);
    }

    #[test]
    fn shortens_names() {
        let e = Employee {
            name: "Иванова Мария Петровна".into(),
            role: "x".into(),
            department: None,
            number: "1".into(),
            gender: None,
        };
        assert_eq!(e.surname_initials(), "Иванова\u{a0}М.П.");
        assert_eq!(e.initials_surname(), "М.П.\u{a0}Иванова");
    }
}
