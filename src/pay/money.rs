//! Money in kopecks, and the two roundings the tax code asks for: contributions to the kopeck,
//! the income tax to the whole ruble. Every operation is checked: an amount too large for the
//! arithmetic is an [`Overflow`], never a wrapped number or a panic.

use crate::model::pay::Percent;

/// An amount of money, in kopecks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(i64);

/// An amount too large to compute with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// A product of kopecks and ten-thousandths of a percent ([`Percent::units`]): one kopeck at
/// 100 % is this many.
const KOPECK: i128 = 100 * Percent::UNIT as i128;

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(0);

    /// `kopecks` kopecks.
    pub fn from_kopecks(kopecks: i64) -> Money {
        Money(kopecks)
    }

    /// `rubles` whole rubles.
    pub fn from_rubles(rubles: u64) -> Result<Money, Overflow> {
        i64::try_from(rubles)
            .ok()
            .and_then(|r| r.checked_mul(100))
            .map(Money)
            .ok_or(Overflow)
    }

    /// `self + other`.
    pub fn checked_add(self, other: Money) -> Result<Money, Overflow> {
        self.0.checked_add(other.0).map(Money).ok_or(Overflow)
    }

    /// `self - other`.
    pub fn checked_sub(self, other: Money) -> Result<Money, Overflow> {
        self.0.checked_sub(other.0).map(Money).ok_or(Overflow)
    }

    /// `self × n`.
    pub fn times(self, n: u64) -> Result<Money, Overflow> {
        i64::try_from(n)
            .ok()
            .and_then(|n| self.0.checked_mul(n))
            .map(Money)
            .ok_or(Overflow)
    }

    /// The amount without separators, for machines: `50000.00`.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let k = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", k / 100, k % 100)
    }
}

impl std::fmt::Display for Money {
    /// Rubles in groups of three and kopecks, as the seed's tables print them: `50 000.00`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plain = self.plain();
        let (rubles, kopecks) = plain.split_at(plain.len() - 3);
        let (sign, digits) = match rubles.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", rubles),
        };
        f.pad(&format!("{sign}{}{kopecks}", group(digits, ' ')))
    }
}

/// The ASCII `digits` in groups of three from the right, `separator` between them: `50 000`.
pub fn group(digits: &str, separator: char) -> String {
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    grouped
}

/// `amount × rate` exactly, in [`KOPECK`]ths of a kopeck: what the roundings below take.
pub fn exact(amount: Money, rate: Percent) -> i128 {
    i128::from(amount.0) * i128::from(rate.units())
}

/// An exact amount ([`exact`]) rounded to the kopeck, half a kopeck up: insurance contributions
/// are computed in rubles and kopecks.
pub fn to_kopecks(exact: i128) -> Result<Money, Overflow> {
    let rounded = exact.checked_add(KOPECK / 2).ok_or(Overflow)? / KOPECK;
    i64::try_from(rounded).map(Money).map_err(|_| Overflow)
}

/// An exact amount ([`exact`]) rounded to the whole ruble: the income tax is computed in full
/// rubles, less than 50 kopecks dropped, 50 kopecks and more a ruble (НК РФ ст. 52 п. 6).
pub fn to_rubles(exact: i128) -> Result<Money, Overflow> {
    let ruble = 100 * KOPECK;
    let rounded = exact.checked_add(ruble / 2).ok_or(Overflow)? / ruble;
    i64::try_from(rounded)
        .ok()
        .and_then(|r| r.checked_mul(100))
        .map(Money)
        .ok_or(Overflow)
}

/// Why a number typed on the command line was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number: letters, two decimal marks, nothing at all.
    NotANumber,
    /// A minus sign.
    Negative,
    /// More decimals than the amount has.
    TooManyDecimals,
    /// Too many digits to compute with.
    TooLarge,
}

/// A non-negative decimal number as typed (`50000`, `50 000,50`, `0.2`), in units of
/// `10^-decimals`: spaces and `_` may group the digits, `.` or `,` marks the decimals, of which
/// there may be at most `decimals`.
pub fn parse_decimal(text: &str, decimals: u32) -> Result<u64, NumberError> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err(NumberError::Negative);
    }
    let text = text.strip_prefix('+').unwrap_or(text);
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (digits.as_str(), ""),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(NumberError::NotANumber);
    }
    let fraction = fraction.trim_end_matches('0');
    let places = u32::try_from(fraction.len()).map_err(|_| NumberError::TooManyDecimals)?;
    if places > decimals {
        return Err(NumberError::TooManyDecimals);
    }
    let whole = whole.trim_start_matches('0');
    let mut units: u64 = 0;
    for c in whole.chars().chain(fraction.chars()) {
        let digit = u64::from(c.to_digit(10).unwrap_or(0));
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(digit))
            .ok_or(NumberError::TooLarge)?;
    }
    units
        .checked_mul(10u64.pow(decimals - places))
        .ok_or(NumberError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_in_groups_of_three() {
        assert_eq!(Money::from_kopecks(5_000_000).to_string(), "50 000.00");
        assert_eq!(Money::from_kopecks(25_920_000).to_string(), "259 200.00");
        assert_eq!(Money::from_kopecks(5).to_string(), "0.05");
        assert_eq!(Money::from_kopecks(100_000_000).to_string(), "1 000 000.00");
        assert_eq!(Money::from_kopecks(-123_456).to_string(), "-1 234.56");
        assert_eq!(Money::from_kopecks(5_000_000).plain(), "50000.00");
        assert_eq!(format!("{:>10}", Money::from_kopecks(100)), "      1.00");
    }

    #[test]
    fn roundings_go_half_up() {
        let rate = |p: u32| Percent::from_units(p * Percent::UNIT);
        // 30 % of 0.05 is 1.5 kopecks → 2; 30 % of 0.03 is 0.9 → 1; of 0.01, 0.3 → 0
        assert_eq!(
            to_kopecks(exact(Money::from_kopecks(5), rate(30))),
            Ok(Money(2))
        );
        assert_eq!(
            to_kopecks(exact(Money::from_kopecks(3), rate(30))),
            Ok(Money(1))
        );
        assert_eq!(
            to_kopecks(exact(Money::from_kopecks(1), rate(30))),
            Ok(Money(0))
        );
        // 13 % of 3.85 is 0.5005 → 1 ruble; of 3.84, 0.4992 → 0
        assert_eq!(
            to_rubles(exact(Money::from_kopecks(385), rate(13))),
            Ok(Money(100))
        );
        assert_eq!(
            to_rubles(exact(Money::from_kopecks(384), rate(13))),
            Ok(Money(0))
        );
    }

    #[test]
    fn numbers_are_read_exactly_or_refused() {
        assert_eq!(parse_decimal("50000", 2), Ok(5_000_000));
        assert_eq!(parse_decimal("50 000,5", 2), Ok(5_000_050));
        assert_eq!(parse_decimal("50_000.50", 2), Ok(5_000_050));
        assert_eq!(parse_decimal("0.2", 4), Ok(2_000));
        assert_eq!(parse_decimal("15.10", 4), Ok(151_000));
        assert_eq!(parse_decimal("1.000", 2), Ok(100));
        assert_eq!(parse_decimal("-5", 2), Err(NumberError::Negative));
        assert_eq!(parse_decimal("50,000.5", 2), Err(NumberError::NotANumber));
        assert_eq!(
            parse_decimal("50.001", 2),
            Err(NumberError::TooManyDecimals)
        );
        assert_eq!(parse_decimal("abc", 2), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal("", 2), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal(".5", 2), Err(NumberError::NotANumber));
        assert_eq!(
            parse_decimal("99999999999999999999", 2),
            Err(NumberError::TooLarge)
        );
    }
}
