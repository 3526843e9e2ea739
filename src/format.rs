//! The one formatting module for values shown to people (dates here; amounts through
//! `lumo_api::rules::money`), in the language on screen: `2026-11-24 13:05` or `24.11.2026, 13:05`.
//! The text is written by `lumo_api::locale`/`lumo_api::time`, not chrono's `format` (about 8 KB
//! of wasm for four fixed layouts). Each function reads the language: call it in a reactive scope.

use chrono::{DateTime, FixedOffset, Local, Offset, TimeZone, Utc};
use lumo_api::time::rfc3339_utc;

use crate::i18n::locale;

/// The browser's offset from UTC at `value` (daylight saving time included): what lumo-api's
/// local-time functions take, since only the browser knows the reader's zone.
pub fn local_offset(value: &DateTime<Utc>) -> FixedOffset {
    Local.offset_from_utc_datetime(&value.naive_utc()).fix()
}

/// Local date and time, as people read it: "2026-11-24 13:05".
pub fn local_datetime(value: &DateTime<Utc>) -> String {
    locale().local_date_time_text(value, local_offset(value), false)
}

/// Local date and time with seconds, for detail views.
pub fn local_datetime_seconds(value: &DateTime<Utc>) -> String {
    locale().local_date_time_text(value, local_offset(value), true)
}

/// The UTC value, for the hover title: "2026-11-24 10:05:00 UTC".
pub fn utc_datetime(value: &DateTime<Utc>) -> String {
    format!("{} UTC", locale().date_time_text(value.naive_utc(), true))
}

/// Machine-readable value for `<time datetime>`.
pub fn iso(value: &DateTime<Utc>) -> String {
    rfc3339_utc(value, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_and_iso_forms() {
        let value = DateTime::parse_from_rfc3339("2026-11-24T10:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(utc_datetime(&value), "2026-11-24 10:05:00 UTC");
        assert_eq!(iso(&value), "2026-11-24T10:05:00Z");
        assert_eq!(local_datetime(&value).len(), 16);
    }
}
