//! Exact money formatting: from [`Decimal`] digits to text, never through `f64`.
//!
//! Display style: `12 500.50 USDT`, digits grouped by three with a no-break space (U+00A0), `.` as
//! the decimal point, `-` for negatives, and a no-break space before the currency code so the two
//! never wrap apart. Values with more decimals than shown are rounded half away from zero.

use rust_decimal::{Decimal, RoundingStrategy};

use super::amounts::{OutOfRange, Total};
use crate::locale::Locale;

/// Group separator and the space before a currency code: U+00A0 NO-BREAK SPACE.
pub use crate::locale::NBSP;
/// The most decimals a [`Decimal`] can have.
const MAX_SCALE: u32 = 28;

/// Decimals shown for a currency: `(at least, at most)`. RUB 2; USDT and TRX 2 to 6; any other
/// currency as many as the value has (at least 2).
pub fn currency_decimals(currency: &str) -> (u32, u32) {
    match currency.trim().to_ascii_uppercase().as_str() {
        "RUB" => (2, 2),
        "USDT" | "TRX" => (2, 6),
        _ => (2, MAX_SCALE),
    }
}

/// `12 500.50 USDT` (with no-break spaces), decimals per [`currency_decimals`].
pub fn format_amount(amount: Decimal, currency: &str) -> String {
    format_amount_in(Locale::En, amount, currency)
}

/// [`format_amount`] as `locale` writes it: `5 000,00 ₽` and `12,50 USDT` in Russian.
pub fn format_amount_in(locale: Locale, amount: Decimal, currency: &str) -> String {
    let (min_dp, max_dp) = currency_decimals(currency);
    let number = Digits::of(amount, min_dp, max_dp).render(Some(NBSP), locale.decimal_separator());
    let code = locale.currency_text(currency.trim());
    if code.is_empty() {
        number
    } else {
        format!("{number}{NBSP}{code}")
    }
}

/// A sum as `locale` writes it ([`format_amount_in`]), or [`OutOfRange`] for the portal to word.
pub fn format_total_in(locale: Locale, total: Total, currency: &str) -> Result<String, OutOfRange> {
    total.map(|amount| format_amount_in(locale, amount, currency))
}

/// A sum as [`format_amount`] writes it, or `USDT: too large to show` when it left
/// [`Decimal`]'s range (see [`super::amounts`]).
pub fn format_total(total: Total, currency: &str) -> String {
    match total {
        Ok(amount) => format_amount(amount, currency),
        Err(OutOfRange) => match currency.trim() {
            "" => "too large to show".to_string(),
            code => format!("{code}: too large to show"),
        },
    }
}

/// Plain digits without grouping or currency (for CSV and inputs): `-12500.5` with
/// `min_dp..=max_dp` decimals. `min_dp` above `max_dp` is lowered to it; `max_dp` is at most 28.
pub fn format_plain(amount: Decimal, min_dp: u32, max_dp: u32) -> String {
    Digits::of(amount, min_dp, max_dp).render(None, '.')
}

/// A USDT/RUB rate: `95.95 RUB/USDT` (2 to 6 decimals, no-break space before the unit).
pub fn format_rate(rate: Decimal) -> String {
    format_rate_in(Locale::En, rate)
}

/// [`format_rate`] as `locale` writes it: `95,95 ₽/USDT` in Russian.
pub fn format_rate_in(locale: Locale, rate: Decimal) -> String {
    let number = Digits::of(rate, 2, 6).render(Some(NBSP), locale.decimal_separator());
    format!("{number}{NBSP}{}/USDT", locale.currency_text("RUB"))
}

/// `amount_rub / rate` rounded to 2 decimals (half away from zero), as quotes price USDT.
/// `None` for a rate that is not positive or a result out of range.
pub fn usdt_for_rub(amount_rub: Decimal, rate: Decimal) -> Option<Decimal> {
    if rate <= Decimal::ZERO {
        return None;
    }
    amount_rub
        .checked_div(rate)
        .map(|usdt| usdt.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// The sign and digits of a rounded amount.
struct Digits {
    negative: bool,
    integer: String,
    fraction: String,
}

impl Digits {
    fn of(amount: Decimal, min_dp: u32, max_dp: u32) -> Self {
        let max_dp = max_dp.min(MAX_SCALE);
        let min_dp = min_dp.min(max_dp) as usize;
        let rounded = amount
            .round_dp_with_strategy(max_dp, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        let text = rounded.to_string();
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let mut fraction = fraction.to_string();
        while fraction.len() < min_dp {
            fraction.push('0');
        }
        let is_zero = integer.bytes().chain(fraction.bytes()).all(|b| b == b'0');
        Digits {
            negative: negative && !is_zero,
            integer: integer.to_string(),
            fraction,
        }
    }

    fn render(&self, group_separator: Option<char>, decimal_separator: char) -> String {
        let mut out = String::with_capacity(self.integer.len() * 2 + self.fraction.len() + 2);
        if self.negative {
            out.push('-');
        }
        let count = self.integer.len();
        for (index, digit) in self.integer.chars().enumerate() {
            if index > 0 && (count - index).is_multiple_of(3) {
                if let Some(separator) = group_separator {
                    out.push(separator);
                }
            }
            out.push(digit);
        }
        if !self.fraction.is_empty() {
            out.push(decimal_separator);
            out.push_str(&self.fraction);
        }
        out
    }
}
