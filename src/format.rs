//! The one formatting module for values shown to people (dates here; amounts through
//! `lumo_api::rules::money`). Kept in one place for the coming Russian locale.

use chrono::{DateTime, Local, Utc};

/// Local date and time, as people read it: "2026-11-24 13:05".
pub fn local_datetime(value: &DateTime<Utc>) -> String {
    value
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Local date and time with seconds, for detail views.
pub fn local_datetime_seconds(value: &DateTime<Utc>) -> String {
    value
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The UTC value, for the hover title: "2026-11-24 10:05:00 UTC".
pub fn utc_datetime(value: &DateTime<Utc>) -> String {
    value.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Machine-readable value for `<time datetime>`.
pub fn iso(value: &DateTime<Utc>) -> String {
    value.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
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
