//! The live USDT/RUB rate in the top bar: how often to ask, how old the shown value is, and when
//! it counts as stale.
//!
//! The age comes from `updatedAt` when the server sends it, else from when the portal fetched
//! it. `updatedAt` is on the server's clock, so it is read relative to the fetch: the age at the
//! fetch is `fetched_at - updatedAt` when that is plausible (0 to [`MAX_PLAUSIBLE_AGE_SECONDS`]);
//! outside it the clocks disagree and the age at the fetch is taken as 0. The shown age is the age
//! at the fetch plus the time since the fetch, so it grows by one second per second on the
//! browser's own clock, whatever the server's clock says.

use chrono::{DateTime, Utc};

/// How often the top bar asks for the rate while the tab is visible (the source refreshes about
/// every 15 s, so asking more often gains nothing).
pub const RATE_REFRESH_SECONDS: u32 = 15;

/// A shown rate older than this is marked stale.
pub const RATE_STALE_AFTER_SECONDS: i64 = 60;

/// Beyond this, a difference between `updatedAt` and the fetch time is taken as clock skew.
pub const MAX_PLAUSIBLE_AGE_SECONDS: i64 = 15 * 60;

/// Seconds since the rate was last refreshed at its source, as well as the portal can tell.
pub fn rate_age_seconds(
    updated_at: Option<DateTime<Utc>>,
    fetched_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> i64 {
    let at_fetch = updated_at
        .map(|updated| fetched_at.signed_duration_since(updated).num_seconds())
        .filter(|age| (0..=MAX_PLAUSIBLE_AGE_SECONDS).contains(age))
        .unwrap_or(0);
    let since_fetch = now.signed_duration_since(fetched_at).num_seconds().max(0);
    at_fetch.saturating_add(since_fetch)
}

/// How old the shown rate is, in the unit the top bar words it in ("updated just now",
/// "updated 12 s ago", "updated 3 min ago", "updated 2 h ago"); the portal words it per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateAge {
    /// Under 5 seconds.
    JustNow,
    /// 5 to 59 seconds.
    Seconds(i64),
    /// Whole minutes, under an hour.
    Minutes(i64),
    /// Whole hours.
    Hours(i64),
}

/// The age of `seconds` (as [`rate_age_seconds`] gives it) in its unit.
pub fn age_label(seconds: i64) -> RateAge {
    match seconds {
        s if s < 5 => RateAge::JustNow,
        s if s < 60 => RateAge::Seconds(s),
        s if s < 3600 => RateAge::Minutes(s / 60),
        s => RateAge::Hours(s / 3600),
    }
}

impl std::fmt::Display for RateAge {
    /// The English wording: "updated 12 s ago".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RateAge::JustNow => f.write_str("updated just now"),
            RateAge::Seconds(n) => write!(f, "updated {n} s ago"),
            RateAge::Minutes(n) => write!(f, "updated {n} min ago"),
            RateAge::Hours(n) => write!(f, "updated {n} h ago"),
        }
    }
}

pub fn is_stale(age_seconds: i64) -> bool {
    age_seconds > RATE_STALE_AFTER_SECONDS
}

/// Whether it is time to ask again: nothing asked yet, or the last request (successful or not)
/// started at least [`RATE_REFRESH_SECONDS`] ago. Used when the tab becomes visible again, so a
/// tab that was hidden for a while refreshes at once but quick tab switches do not flood.
pub fn refresh_due(last_attempt: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_attempt.is_none_or(|at| {
        now.signed_duration_since(at).num_seconds() >= i64::from(RATE_REFRESH_SECONDS)
    })
}
