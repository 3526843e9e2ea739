//! Dates and times as text, both ways, without chrono's `format`/`parse` machinery.
//!
//! chrono's strftime formatter and its generic parser (used by `DateTime`'s `FromStr` and serde
//! support) are about 20 KB of wasm, and the portal needs only a handful of fixed layouts. The
//! functions here write exactly what the chrono calls they replace wrote (`%Y-%m-%d %H:%M:%S`,
//! `to_rfc3339_opts(…, true)`, `NaiveDate`'s `Display`), and read RFC 3339 date-times as the API
//! sends them. chrono's types and arithmetic stay.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc,
};
use serde::{Deserialize, Deserializer, Serializer};

mod http_date;

pub use http_date::parse_http_date;

// ---- writing ----

/// `2026-11-24`, as chrono writes dates (`%Y-%m-%d`, `NaiveDate`'s `Display`): a year outside
/// 0..=9999 gets its sign and at least four digits (`+10000`, `-0001`).
pub fn date_text(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, date);
    out
}

/// `2026-11-24 13:05` (`%Y-%m-%d %H:%M`), or with `:SS` when `seconds`.
pub fn date_time_text(value: NaiveDateTime, seconds: bool) -> String {
    let mut out = String::with_capacity(19);
    push_date(&mut out, value.date());
    out.push(' ');
    push_time(&mut out, value.time(), seconds);
    out
}

/// The reader's date and time, `value` seen at `offset` (the browser's zone at that instant,
/// which the caller knows and this crate does not): `2026-11-24 13:05`, or with `:SS` when
/// `seconds`. A value whose local time falls outside chrono's range (a year near ±262,143) is
/// shown as [`utc_text`] instead of panicking.
pub fn local_date_time_text(value: &DateTime<Utc>, offset: FixedOffset, seconds: bool) -> String {
    match value.naive_utc().checked_add_offset(offset) {
        Some(local) => date_time_text(local, seconds),
        None => utc_text(value),
    }
}

/// The UTC value with its zone, for the hover title of a local time: `2026-11-24 10:05:00 UTC`.
pub fn utc_text(value: &DateTime<Utc>) -> String {
    let mut out = date_time_text(value.naive_utc(), true);
    out.push_str(" UTC");
    out
}

/// `13:05:09` (`%H:%M:%S`).
pub fn time_text(value: NaiveTime) -> String {
    let mut out = String::with_capacity(8);
    push_time(&mut out, value, true);
    out
}

/// RFC 3339 in UTC with `Z`, as `to_rfc3339_opts(SecondsFormat::Secs, true)` writes it
/// (`2026-11-24T10:05:00Z`), or with `fraction` as `SecondsFormat::AutoSi` does: a fraction
/// only when there is one, in 3, 6 or 9 digits (`2026-11-24T10:05:00.250Z`).
pub fn rfc3339_utc(value: &DateTime<Utc>, fraction: bool) -> String {
    let value = value.naive_utc();
    let mut out = String::with_capacity(24);
    push_date(&mut out, value.date());
    out.push('T');
    push_time(&mut out, value.time(), true);
    let nano = value.nanosecond() % 1_000_000_000;
    if fraction && nano != 0 {
        let text = if nano.is_multiple_of(1_000_000) {
            format!(".{:03}", nano / 1_000_000)
        } else if nano.is_multiple_of(1_000) {
            format!(".{:06}", nano / 1_000)
        } else {
            format!(".{nano:09}")
        };
        out.push_str(&text);
    }
    out.push('Z');
    out
}

fn push_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    if (0..=9999).contains(&year) {
        out.push_str(&format!("{year:04}"));
    } else {
        out.push_str(&format!("{year:+05}"));
    }
    out.push('-');
    push_two(out, date.month());
    out.push('-');
    push_two(out, date.day());
}

fn push_time(out: &mut String, time: NaiveTime, seconds: bool) {
    push_two(out, time.hour());
    out.push(':');
    push_two(out, time.minute());
    if seconds {
        out.push(':');
        // A leap second is kept as second 59 with an extra second of nanoseconds: write 60.
        push_two(out, time.second() + time.nanosecond() / 1_000_000_000);
    }
}

/// Two digits (every caller passes 0..=60).
fn push_two(out: &mut String, value: u32) {
    out.push(char::from(b'0' + (value / 10 % 10) as u8));
    out.push(char::from(b'0' + (value % 10) as u8));
}

// ---- reading ----

/// An RFC 3339 date-time, `2026-11-24T13:05:00.250+03:00` or `…Z`, as an instant. Also accepts
/// what chrono's relaxed parser took from the API: `t` or a space for `T`, `z` or `UTC` for `Z`,
/// `+0300` for `+03:00`, spaces before the offset, a signed year beyond four digits, any number of fraction digits (only
/// nanoseconds are kept) and second 60 (a leap second). Anything else, and impossible dates or
/// times, is `None`.
pub fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let mut s = Scanner(text.as_bytes());
    let year = s.year()?;
    s.literal(b'-')?;
    let month = s.digits(2)?;
    s.literal(b'-')?;
    let day = s.digits(2)?;
    if !matches!(s.next()?, b'T' | b't' | b' ') {
        return None;
    }
    let hour = s.digits(2)?;
    s.literal(b':')?;
    let minute = s.digits(2)?;
    s.literal(b':')?;
    let second = s.digits(2)?;
    let nano = s.fraction()?;
    s.skip_spaces();
    let offset_seconds = s.offset()?;
    if !s.0.is_empty() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    // chrono keeps a leap second as second 59 plus one second of nanoseconds.
    let time = match second {
        60 => NaiveTime::from_hms_nano_opt(hour, minute, 59, nano + 1_000_000_000)?,
        _ => NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?,
    };
    let local = date.and_time(time);
    let utc = local.checked_sub_signed(TimeDelta::seconds(i64::from(offset_seconds)))?;
    Some(utc.and_utc())
}

/// What is left of the text being read.
struct Scanner<'a>(&'a [u8]);

impl Scanner<'_> {
    fn next(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    /// chrono allowed spaces between the time and its offset (`10:05:00 UTC`).
    fn skip_spaces(&mut self) {
        while self.0.first().is_some_and(u8::is_ascii_whitespace) {
            self.0 = &self.0[1..];
        }
    }

    /// The next byte is `byte` (a separator), or the text is not a date.
    fn literal(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let mut value = 0_u32;
        for _ in 0..count {
            let digit = self.next()?.checked_sub(b'0').filter(|d| *d <= 9)?;
            value = value * 10 + u32::from(digit);
        }
        Some(value)
    }

    /// Four digits, or a sign and 4 to 6 digits (chrono's dates end near year ±262,000).
    fn year(&mut self) -> Option<i32> {
        let negative = match self.0.first() {
            Some(b'+') => false,
            Some(b'-') => true,
            _ => return self.digits(4).and_then(|y| i32::try_from(y).ok()),
        };
        self.next();
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(4..=6).contains(&count) {
            return None;
        }
        let magnitude = i32::try_from(self.digits(count)?).ok()?;
        Some(if negative { -magnitude } else { magnitude })
    }

    /// Nanoseconds of an optional `.` fraction: at least one digit; digits after the ninth are
    /// read and dropped.
    fn fraction(&mut self) -> Option<u32> {
        if self.0.first() != Some(&b'.') {
            return Some(0);
        }
        self.next();
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let kept = count.min(9);
        let nano = self.digits(kept)? * 10_u32.pow((9 - kept) as u32);
        self.0 = &self.0[count - kept..];
        Some(nano)
    }

    /// The offset from UTC in seconds: `Z`, `z`, `UTC` (any case), `±HH:MM` or `±HHMM`.
    fn offset(&mut self) -> Option<i32> {
        let sign = match self.next()? {
            b'Z' | b'z' => return Some(0),
            b'U' | b'u' => {
                let rest = self.0.get(..2)?;
                self.0 = &self.0[2..];
                return rest.eq_ignore_ascii_case(b"TC").then_some(0);
            }
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let hours = self.digits(2)?;
        if self.0.first() == Some(&b':') {
            self.next();
        }
        let minutes = self.digits(2)?;
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?)
    }
}

/// serde `serialize_with` for a required date and time, written by [`rfc3339_utc`]: chrono's own
/// `Serialize` would pull its formatting machinery into the wasm (see README, "Performance").
pub fn serialize<S: Serializer>(value: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&rfc3339_utc(value, true))
}

/// serde `serialize_with` for an optional date and time: `None` is `null`.
pub fn serialize_option<S: Serializer>(
    value: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_str(&rfc3339_utc(value, true)),
        None => serializer.serialize_none(),
    }
}

/// serde `deserialize_with` for a required RFC 3339 field, read with [`parse_rfc3339`].
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_rfc3339(&text).ok_or_else(|| invalid(&text))
}

/// serde `deserialize_with` for an optional RFC 3339 field: `null` is `None`. The field also
/// needs `#[serde(default)]` to be optional (serde does not infer it with `deserialize_with`).
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => parse_rfc3339(&text).map(Some).ok_or_else(|| invalid(&text)),
    }
}

fn invalid<E: serde::de::Error>(text: &str) -> E {
    E::invalid_value(
        serde::de::Unexpected::Str(text),
        &"an RFC 3339 date and time",
    )
}
