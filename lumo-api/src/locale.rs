//! The portal's two languages and what differs between them apart from words: which one a browser
//! asks for, plural categories, and how numbers, money and dates are written.
//!
//! The facts are CLDR's for `en` and `ru`, written out here rather than asked of the browser's
//! `Intl`, so amounts never pass through a float and the same text comes out in every browser and
//! in these tests.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike, Utc};

/// U+00A0 NO-BREAK SPACE: groups thousands in both languages and keeps a number with its unit.
pub const NBSP: char = '\u{a0}';

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    Ru,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ru];

    /// The BCP 47 code: `<html lang>`, the stored choice, the select's values.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
        }
    }

    /// A code as [`Locale::code`] writes it; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Locale> {
        match code.trim() {
            "en" => Some(Locale::En),
            "ru" => Some(Locale::Ru),
            _ => None,
        }
    }

    /// The language a first visit gets from `navigator.languages`: Russian when the first entry
    /// is Russian (`ru`, `ru-RU`, any case), English otherwise, an empty list included.
    pub fn from_browser<S: AsRef<str>>(languages: &[S]) -> Locale {
        let first = languages
            .first()
            .map(|tag| tag.as_ref().trim().to_ascii_lowercase());
        match first.as_deref() {
            Some(tag) if tag == "ru" || tag.starts_with("ru-") || tag.starts_with("ru_") => {
                Locale::Ru
            }
            _ => Locale::En,
        }
    }

    /// The stored choice when there is a valid one, else the browser's.
    pub fn choose<S: AsRef<str>>(stored: Option<&str>, languages: &[S]) -> Locale {
        stored
            .and_then(Locale::from_code)
            .unwrap_or_else(|| Locale::from_browser(languages))
    }

    /// The number of plural forms this language's catalog gives a counted text.
    pub fn plural_forms(self) -> usize {
        match self {
            Locale::En => 2,
            Locale::Ru => 3,
        }
    }

    /// The form of a counted text for `n`, as an index into the catalog's forms. English: `one`
    /// (1) and `other`. Russian: `one` (1, 21, 101; not 11), `few` (2–4, 22–24; not 12–14) and
    /// `many` (everything else: 0, 5–20, 25…).
    pub fn plural_index(self, n: u64) -> usize {
        match self {
            Locale::En => usize::from(n != 1),
            Locale::Ru => {
                let (units, tens) = (n % 10, n % 100);
                if units == 1 && tens != 11 {
                    0
                } else if (2..=4).contains(&units) && !(12..=14).contains(&tens) {
                    1
                } else {
                    2
                }
            }
        }
    }

    /// The decimal separator: `.` in English, `,` in Russian.
    pub fn decimal_separator(self) -> char {
        match self {
            Locale::En => '.',
            Locale::Ru => ',',
        }
    }

    /// A currency as this language writes it after an amount: the rouble is `₽` in Russian; every
    /// other code (and the rouble in English) stays as the API sends it.
    pub fn currency_text(self, code: &str) -> &str {
        match self {
            Locale::Ru if code.eq_ignore_ascii_case("RUB") => "₽",
            _ => code,
        }
    }

    /// A whole number grouped by thousands: `12 500` (no-break spaces in both languages).
    pub fn count_text(self, n: u64) -> String {
        group_digits(&n.to_string())
    }

    /// A local date and time: `2026-11-24 13:05` in English (as the portal always wrote it),
    /// `24.11.2026, 13:05` in Russian; `:SS` when `seconds`.
    pub fn date_time_text(self, value: NaiveDateTime, seconds: bool) -> String {
        match self {
            Locale::En => crate::time::date_time_text(value, seconds),
            Locale::Ru => {
                let date = value.date();
                let mut out = format!(
                    "{:02}.{:02}.{}, ",
                    date.day(),
                    date.month(),
                    year(date.year())
                );
                out.push_str(&format!("{:02}:{:02}", value.hour(), value.minute()));
                if seconds {
                    let second = value.second() + value.nanosecond() / 1_000_000_000;
                    out.push_str(&format!(":{second:02}"));
                }
                out
            }
        }
    }

    /// [`Locale::date_time_text`] of `value` seen at `offset`; outside chrono's range, the UTC text.
    pub fn local_date_time_text(
        self,
        value: &DateTime<Utc>,
        offset: FixedOffset,
        seconds: bool,
    ) -> String {
        match value.naive_utc().checked_add_offset(offset) {
            Some(local) => self.date_time_text(local, seconds),
            None => crate::time::utc_text(value),
        }
    }

    /// A date alone: `2026-11-24` or `24.11.2026`.
    pub fn date_text(self, date: chrono::NaiveDate) -> String {
        match self {
            Locale::En => crate::time::date_text(date),
            Locale::Ru => format!(
                "{:02}.{:02}.{}",
                date.day(),
                date.month(),
                year(date.year())
            ),
        }
    }
}

fn year(year: i32) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// Digits (an optional `-` first) with a no-break space between groups of three.
fn group_digits(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut out = String::with_capacity(digits.len() * 2 + 1);
    out.push_str(sign);
    let count = digits.chars().count();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (count - index) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_first_browser_language_decides() {
        assert_eq!(Locale::from_browser(&["ru-RU", "en-US"]), Locale::Ru);
        assert_eq!(Locale::from_browser(&["RU"]), Locale::Ru);
        assert_eq!(Locale::from_browser(&["en-US", "ru-RU"]), Locale::En);
        assert_eq!(Locale::from_browser(&["uk-UA"]), Locale::En);
        assert_eq!(Locale::from_browser(&["rue"]), Locale::En);
        assert_eq!(Locale::from_browser::<&str>(&[]), Locale::En);
    }

    #[test]
    fn a_stored_choice_wins_over_the_browser() {
        assert_eq!(Locale::choose(Some("en"), &["ru-RU"]), Locale::En);
        assert_eq!(Locale::choose(Some("ru"), &["en-US"]), Locale::Ru);
        assert_eq!(Locale::choose(Some("de"), &["ru-RU"]), Locale::Ru);
        assert_eq!(Locale::choose(None, &["en"]), Locale::En);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let ru = |n| Locale::Ru.plural_index(n);
        for (n, form) in [
            (0, 2),
            (1, 0),
            (2, 1),
            (4, 1),
            (5, 2),
            (11, 2),
            (12, 2),
            (14, 2),
            (21, 0),
            (22, 1),
            (25, 2),
            (101, 0),
            (111, 2),
            (112, 2),
            (1_000_001, 0),
        ] {
            assert_eq!(ru(n), form, "{n}");
        }
        assert_eq!(Locale::En.plural_index(1), 0);
        assert_eq!(Locale::En.plural_index(0), 1);
        assert_eq!(Locale::En.plural_index(21), 1);
    }

    #[test]
    fn dates_are_day_first_in_russian() {
        let value = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(14, 5, 9)
            .unwrap();
        assert_eq!(Locale::Ru.date_time_text(value, false), "01.12.2026, 14:05");
        assert_eq!(
            Locale::Ru.date_time_text(value, true),
            "01.12.2026, 14:05:09"
        );
        assert_eq!(Locale::En.date_time_text(value, false), "2026-12-01 14:05");
        assert_eq!(Locale::Ru.date_text(value.date()), "01.12.2026");
        let offset = FixedOffset::east_opt(3 * 3600).unwrap();
        let utc = value.and_utc();
        assert_eq!(
            Locale::Ru.local_date_time_text(&utc, offset, false),
            "01.12.2026, 17:05"
        );
    }

    #[test]
    fn counts_and_currencies() {
        assert_eq!(Locale::Ru.count_text(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(Locale::En.count_text(999), "999");
        assert_eq!(Locale::Ru.currency_text("RUB"), "₽");
        assert_eq!(Locale::Ru.currency_text("USDT"), "USDT");
        assert_eq!(Locale::En.currency_text("RUB"), "RUB");
        assert_eq!(group_digits("-1000"), "-1\u{a0}000");
    }
}
