//! Calendar dates. Dates come from the inputs or from the build's date given on the command line,
//! never from the clock.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

/// The build's date as the command line gave it: the text (hashed into the build manifest as
/// given) and the date it means, when it is a Unix timestamp.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildDate {
    /// The text as given; empty when none was.
    pub given: String,
    /// The date, when the text is a number of seconds.
    pub date: Option<Date>,
}

impl BuildDate {
    /// The build's date from `given` seconds since 1970 (UTC).
    pub fn new(given: Option<&str>) -> BuildDate {
        let given = given.unwrap_or_default().to_string();
        let date = given.trim().parse::<i64>().ok().map(Date::from_unix);
        BuildDate { given, date }
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= date.days_in_month())
            .then_some(date)
    }

    fn days_in_month(&self) -> u32 {
        match self.month {
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The date of a Unix timestamp (UTC): the build's date.
    pub fn from_unix(secs: i64) -> Date {
        // Howard Hinnant's civil_from_days
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// `2026-06-05`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_calendar_dates() {
        assert!(Date::parse_iso("2026-06-05").is_some());
        assert!(Date::parse_iso("2026-02-30").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("05.06.2026").is_none());
    }

    #[test]
    fn converts_unix_time() {
        assert_eq!(Date::from_unix(0).iso(), "1970-01-01");
        assert_eq!(Date::from_unix(1_780_617_600).iso(), "2026-06-05");
    }
}
