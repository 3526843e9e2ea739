//! lumo_api::time against chrono, whose formatting and parsing it replaces in the portal.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use lumo_api::time::{date_text, date_time_text, parse_rfc3339, rfc3339_utc, time_text};
use serde::Deserialize;

fn chrono_parse(text: &str) -> Option<DateTime<Utc>> {
    text.parse::<DateTime<Utc>>().ok()
}

#[test]
fn reads_what_chrono_reads() {
    for text in [
        "2026-11-24T10:05:00Z",
        "2026-11-24T10:05:00z",
        "2026-11-24t10:05:00Z",
        "2026-11-24 10:05:00Z",
        "2026-11-24T10:05:00+00:00",
        "2026-11-24T10:05:00-00:00",
        "2026-11-24T13:05:00+03:00",
        "2026-11-24T13:05:00+0300",
        "2026-11-24T01:35:00-09:30",
        "2026-11-24T10:05:00 UTC",
        "2026-11-24T10:05:00utc",
        "2026-11-24T10:05:00 +03:00",
        "2026-11-24T13:05:00.250+03:00",
        "2026-11-24T10:05:00.1Z",
        "2026-11-24T10:05:00.123456Z",
        "2026-11-24T10:05:00.123456789Z",
        "2026-11-24T10:05:00.1234567891234Z",
        "2026-11-24T10:05:00.000Z",
        // Day and year boundaries crossed by the offset.
        "2026-01-01T00:30:00+01:00",
        "2026-12-31T23:30:00-01:00",
        // Leap years.
        "2024-02-29T12:00:00Z",
        "2000-02-29T12:00:00Z",
        // A leap second.
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        // Far past and future.
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z",
        "-0001-12-31T00:00:00Z",
        "+262142-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
    ] {
        let ours = parse_rfc3339(text);
        assert!(ours.is_some(), "{text} not read");
        assert_eq!(ours, chrono_parse(text), "{text}");
    }
}

#[test]
fn refuses_what_is_not_an_rfc3339_date_time() {
    for text in [
        "",
        "2026",
        "2026-11-24",
        "2026-11-24T10:05Z",
        "2026-11-24T10:05:00",
        "2026-11-24T10:05:00+03",
        "2026-11-24T10:05:00+3:00",
        "2026-11-24T10:05:00+24:00",
        "2026-11-24T10:05:00+03:60",
        "2026-11-24T10:05:00.Z",
        "2026-11-24T10:05:00,5Z",
        "2026-11-24T10:05:00Zjunk",
        "2026-11-24T10:05:00ZZ",
        "2026-11-24T10:05:00U",
        "2026-11-24X10:05:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-11-31T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2025-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T10:60:00Z",
        "2026-11-24T10:05:61Z",
        "2026-11-24T10:05:0aZ",
        "20261-11-24T10:05:00Z",
        "+999999-01-01T00:00:00Z",
        "-262144-01-01T00:00:00Z",
        "+262143-12-31T23:59:59-01:00",
        " 2026-11-24T10:05:00Z",
        "2026-11-24T10:05:00Z ",
        "２026-11-24T10:05:00Z",
    ] {
        assert_eq!(parse_rfc3339(text), None, "{text}");
    }
}

#[test]
fn writes_what_chrono_writes() {
    let dates = [
        (2026, 11, 24),
        (2024, 2, 29),
        (1, 1, 1),
        (0, 1, 1),
        (999, 12, 31),
        (9999, 12, 31),
        (10000, 1, 1),
        (-1, 6, 15),
        (-12345, 3, 4),
    ];
    let times = [
        (0, 0, 0, 0),
        (13, 5, 9, 0),
        (23, 59, 59, 999_999_999),
        (23, 59, 59, 1_500_000_000),
    ];
    for (y, m, d) in dates {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_text(date), date.to_string());
        assert_eq!(date_text(date), date.format("%Y-%m-%d").to_string());
        for (h, min, s, nano) in times {
            let value: NaiveDateTime = date.and_hms_nano_opt(h, min, s, nano).unwrap();
            assert_eq!(
                date_time_text(value, false),
                value.format("%Y-%m-%d %H:%M").to_string()
            );
            assert_eq!(
                date_time_text(value, true),
                value.format("%Y-%m-%d %H:%M:%S").to_string()
            );
            assert_eq!(
                time_text(value.time()),
                value.format("%H:%M:%S").to_string()
            );
            let utc = value.and_utc();
            assert_eq!(
                rfc3339_utc(&utc, false),
                utc.to_rfc3339_opts(SecondsFormat::Secs, true)
            );
        }
    }
}

#[test]
fn writes_fractions_as_chrono_auto_si() {
    for nano in [
        0,
        250_000_000,
        1_000_000,
        250_000,
        1_000,
        1,
        999_999_999,
        1_250_000_000,
    ] {
        let value = NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|date| date.and_hms_nano_opt(10, 5, 59, nano))
            .unwrap()
            .and_utc();
        assert_eq!(
            rfc3339_utc(&value, true),
            value.to_rfc3339_opts(SecondsFormat::AutoSi, true)
        );
    }
}

#[derive(Deserialize, Debug, PartialEq)]
struct Times {
    #[serde(deserialize_with = "lumo_api::time::deserialize")]
    at: DateTime<Utc>,
    #[serde(default, deserialize_with = "lumo_api::time::deserialize_option")]
    until: Option<DateTime<Utc>>,
}

#[test]
fn serde_fields_read_strings_null_and_absence() {
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 10, 5, 0).unwrap();
    let read = |json: &str| serde_json::from_str::<Times>(json);
    assert_eq!(
        read(r#"{"at":"2026-11-24T13:05:00+03:00","until":"2026-11-24T10:05:00Z"}"#).unwrap(),
        Times {
            at,
            until: Some(at)
        }
    );
    assert_eq!(
        read(r#"{"at":"2026-11-24T10:05:00Z","until":null}"#).unwrap(),
        Times { at, until: None }
    );
    assert_eq!(
        read(r#"{"at":"2026-11-24T10:05:00Z"}"#).unwrap(),
        Times { at, until: None }
    );
    assert!(read(r#"{"until":"2026-11-24T10:05:00Z"}"#).is_err());
    assert!(read(r#"{"at":null}"#).is_err());
    assert!(read(r#"{"at":"2026-02-30T10:05:00Z"}"#).is_err());
    assert!(read(r#"{"at":"2026-11-24T10:05:00Z","until":"soon"}"#).is_err());
    assert!(read(r#"{"at":1764000000}"#).is_err());
}
