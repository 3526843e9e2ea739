//! The `Retry-After` header of a 429 (or 503): delta-seconds (`120`) or an HTTP-date
//! (`Wed, 21 Oct 2015 07:28:00 GMT`). Reading never fails loudly: a value that is neither is
//! `None`, and the caller backs off on its own schedule.

use chrono::{DateTime, TimeDelta, Utc};

use crate::time::parse_http_date;

/// Seconds to wait: delta-seconds, or the time from `now` until an HTTP-date, rounded up (a
/// date in the past is 0). Spaces around the value are ignored. A number beyond `u32`
/// saturates at `u32::MAX` (about 136 years): "not soon", never a panic or a wrap-around.
pub fn retry_after_seconds(value: &str, now: DateTime<Utc>) -> Option<u32> {
    parse_retry_after(value).or_else(|| {
        let until = parse_http_date(value, now)?;
        Some(seconds_until(until, now))
    })
}

/// Delta-seconds only: `1*DIGIT` (no sign, no fraction), saturating at `u32::MAX`. For callers
/// without a clock; an HTTP-date needs one, see [`retry_after_seconds`].
pub fn parse_retry_after(value: &str) -> Option<u32> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only digits, so the one way to fail is a number too large for u32.
    Some(value.parse::<u32>().unwrap_or(u32::MAX))
}

fn seconds_until(until: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    let wait = until.signed_duration_since(now);
    if wait <= TimeDelta::zero() {
        return 0;
    }
    let whole = wait.num_seconds();
    let rounded_up = if wait.subsec_nanos() > 0 {
        whole.saturating_add(1)
    } else {
        whole
    };
    u32::try_from(rounded_up).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        crate::time::parse_rfc3339(text).unwrap()
    }

    #[test]
    fn reads_seconds_with_spaces_and_saturates_huge_numbers() {
        let now = at("2015-10-21T07:00:00Z");
        assert_eq!(retry_after_seconds("120", now), Some(120));
        assert_eq!(retry_after_seconds("  7 \t", now), Some(7));
        assert_eq!(retry_after_seconds("0", now), Some(0));
        assert_eq!(retry_after_seconds("007", now), Some(7));
        assert_eq!(retry_after_seconds("4294967295", now), Some(u32::MAX));
        assert_eq!(retry_after_seconds("4294967296", now), Some(u32::MAX));
        assert_eq!(retry_after_seconds(&"9".repeat(500), now), Some(u32::MAX));
    }

    #[test]
    fn refuses_what_is_neither_seconds_nor_a_date() {
        let now = at("2015-10-21T07:00:00Z");
        for garbage in [
            "",
            " ",
            "-1",
            "+5",
            "1.5",
            "1e3",
            "soon",
            "12 s",
            "٣",                             // Arabic-Indic three
            "Wed, 21 Oct 2015 07:28:00",     // no zone
            "Wed, 21 Oct 2015 07:28:00 PST", // not GMT
            "Wed, 31 Feb 2015 07:28:00 GMT", // no such day
            "Wed, 21 Oct 2015 24:00:00 GMT",
            "Xyz, 21 Oct 2015 07:28:00 GMT",
            "Wed, 21 Foo 2015 07:28:00 GMT",
            "Wed, 21 Oct 15 07:28:00 GMT", // IMF-fixdate has four year digits
            "Wed, 21 Oct 2015 7:28:00 GMT",
            "Wed, -1 Oct 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 07:28:00 GMT extra",
        ] {
            assert_eq!(retry_after_seconds(garbage, now), None, "{garbage:?}");
        }
    }

    #[test]
    fn reads_an_imf_fixdate_in_the_future_and_the_past() {
        let now = at("2015-10-21T07:00:00Z");
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        assert_eq!(retry_after_seconds(date, now), Some(28 * 60));
        assert_eq!(
            retry_after_seconds(&format!("  {date}  "), now),
            Some(28 * 60)
        );
        assert_eq!(
            retry_after_seconds("wed, 21 OCT 2015 07:28:00 gmt", now),
            Some(1680)
        );
        // Past dates and the very instant mean "now".
        assert_eq!(
            retry_after_seconds(date, at("2015-10-21T07:28:00Z")),
            Some(0)
        );
        assert_eq!(
            retry_after_seconds(date, at("2020-01-01T00:00:00Z")),
            Some(0)
        );
        // A fraction of a second still to wait rounds up.
        assert_eq!(
            retry_after_seconds(date, at("2015-10-21T07:27:59.250Z")),
            Some(1)
        );
        // Far future: saturates instead of wrapping.
        assert_eq!(
            retry_after_seconds("Fri, 31 Dec 9999 23:59:59 GMT", now),
            Some(u32::MAX)
        );
        assert_eq!(
            retry_after_seconds(date, DateTime::<Utc>::MIN_UTC),
            Some(u32::MAX)
        );
        assert_eq!(retry_after_seconds(date, DateTime::<Utc>::MAX_UTC), Some(0));
    }

    #[test]
    fn reads_the_obsolete_rfc850_and_asctime_forms() {
        let now = at("2015-10-21T07:00:00Z");
        assert_eq!(
            retry_after_seconds("Wednesday, 21-Oct-15 07:28:00 GMT", now),
            Some(1680)
        );
        // Two-digit years more than 50 years ahead are in the past century.
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", now),
            Some(at("1994-11-06T08:49:37Z"))
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-64 08:49:37 GMT", now),
            Some(at("2064-11-06T08:49:37Z"))
        );
        assert_eq!(
            retry_after_seconds("Wed Oct 21 07:28:00 2015", now),
            Some(1680)
        );
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994", now),
            Some(at("1994-11-06T08:49:37Z"))
        );
        // The short day name belongs to the other forms.
        assert_eq!(
            retry_after_seconds("Wed, 21-Oct-15 07:28:00 GMT", now),
            None
        );
    }
}
