//! The period of the insights page: the last 30, 90 (default) or 365 days, from the URL.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::{week_start, Week};

/// The periods offered, in days.
pub const PERIODS: [u32; 3] = [30, 90, 365];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    days: u32,
}

impl Default for Period {
    fn default() -> Self {
        Period { days: 90 }
    }
}

impl Period {
    /// One of [`PERIODS`]; anything else is `None`.
    pub fn new(days: u32) -> Option<Period> {
        PERIODS.contains(&days).then_some(Period { days })
    }

    pub fn days(&self) -> u32 {
        self.days
    }

    /// `?days=` as given; missing or not one of [`PERIODS`] is the default (the second value
    /// says whether a value was ignored, for the page to mention).
    pub fn from_query(value: Option<&str>) -> (Period, bool) {
        match value.map(str::trim) {
            None | Some("") => (Period::default(), false),
            Some(text) => match text.parse().ok().and_then(Period::new) {
                Some(period) => (period, false),
                None => (Period::default(), true),
            },
        }
    }

    /// The first instant of the period ending at `now`.
    pub fn start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.checked_sub_signed(TimeDelta::days(i64::from(self.days)))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    pub fn contains(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        at >= self.start(now) && at <= now
    }

    /// The weeks (Monday to Sunday, UTC) that the period touches, oldest first, all empty.
    pub fn weeks(&self, now: DateTime<Utc>) -> Vec<Week> {
        let last = week_start(now);
        let mut start = week_start(self.start(now));
        let mut weeks = Vec::new();
        // 365 days touch at most 54 weeks; the bound also ends the loop at the calendar's end.
        while start <= last && weeks.len() < 60 {
            weeks.push(Week {
                start,
                opened: 0,
                refunded: Ok(Decimal::ZERO),
            });
            match start.checked_add_signed(TimeDelta::days(7)) {
                Some(next) => start = next,
                None => break,
            }
        }
        weeks
    }
}
