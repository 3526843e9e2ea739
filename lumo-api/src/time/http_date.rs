//! HTTP-dates (RFC 9110 §5.6.7), as a `Retry-After` header may carry them:
//!
//! - IMF-fixdate, what servers send today: `Sun, 06 Nov 1994 08:49:37 GMT`;
//! - the obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`;
//! - the obsolete asctime form: `Sun Nov  6 08:49:37 1994`.
//!
//! Read leniently, as the RFC asks of recipients: names in any case, any run of spaces between
//! the parts, a one-digit day. The weekday must be a weekday name but is not checked against the
//! date (a server that gets it wrong still means the date).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

const SHORT_DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const LONG_DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The instant an HTTP-date names, or `None` for anything else (including impossible dates).
/// `now` places the RFC 850 form's two-digit year: a year more than 50 years ahead of `now` is
/// read as the most recent past year with those digits (RFC 9110).
pub fn parse_http_date(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let (year, month, day, time) = match text.split_once(',') {
        Some((day_name, rest)) => {
            let parts: Vec<&str> = rest.split_ascii_whitespace().collect();
            match parts.as_slice() {
                [day, month, year, time, zone] if is_gmt(zone) && is_day(day_name, &SHORT_DAYS) => {
                    (four_digits(year)?, month_number(month)?, *day, *time)
                }
                [date, time, zone] if is_gmt(zone) && is_day(day_name, &LONG_DAYS) => {
                    let mut fields = date.split('-');
                    let (Some(day), Some(month), Some(year), None) =
                        (fields.next(), fields.next(), fields.next(), fields.next())
                    else {
                        return None;
                    };
                    let yy = (year.len() == 2).then(|| number(year)).flatten()?;
                    (
                        century_for(yy, now.year()),
                        month_number(month)?,
                        day,
                        *time,
                    )
                }
                _ => return None,
            }
        }
        None => match text.split_ascii_whitespace().collect::<Vec<_>>().as_slice() {
            [day_name, month, day, time, year] if is_day(day_name, &SHORT_DAYS) => {
                (four_digits(year)?, month_number(month)?, *day, *time)
            }
            _ => return None,
        },
    };
    let day = (1..=2)
        .contains(&day.len())
        .then(|| number(day))
        .flatten()?;
    let (hour, minute, second) = time_of_day(time)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(date.and_hms_opt(hour, minute, second)?.and_utc())
}

fn is_gmt(zone: &str) -> bool {
    zone.eq_ignore_ascii_case("GMT")
}

fn is_day(name: &str, names: &[&str]) -> bool {
    names
        .iter()
        .any(|known| name.trim().eq_ignore_ascii_case(known))
}

fn month_number(name: &str) -> Option<u32> {
    let index = MONTHS
        .iter()
        .position(|known| name.eq_ignore_ascii_case(known))?;
    u32::try_from(index + 1).ok()
}

/// ASCII digits only (`str::parse` would also take a sign).
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn four_digits(text: &str) -> Option<i32> {
    (text.len() == 4)
        .then(|| number(text))
        .flatten()
        .and_then(|year| i32::try_from(year).ok())
}

/// RFC 9110: a two-digit year that would be more than 50 years in the future is in the past.
fn century_for(yy: u32, this_year: i32) -> i32 {
    // yy < 100, so the cast is exact.
    let yy = yy as i32;
    let candidate = this_year.div_euclid(100) * 100 + yy;
    if candidate > this_year + 50 {
        candidate - 100
    } else if candidate < this_year - 49 {
        candidate + 100
    } else {
        candidate
    }
}

/// `HH:MM:SS`; a leap second (60) is read as 59, which is close enough for a wait.
fn time_of_day(text: &str) -> Option<(u32, u32, u32)> {
    let mut fields = text.split(':');
    let (Some(h), Some(m), Some(s), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return None;
    };
    let two = |field: &str| (field.len() == 2).then(|| number(field)).flatten();
    let (hour, minute, second) = (two(h)?, two(m)?, two(s)?);
    (hour <= 23 && minute <= 59 && second <= 60).then_some((hour, minute, second.min(59)))
}
