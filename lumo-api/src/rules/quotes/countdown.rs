//! The quote countdown on the client, and what it announces to screen readers.
//!
//! ## Which clock
//! `expiresAt` is on the server's clock; the browser's clock may differ by seconds or minutes.
//! The portal does not trust either blindly. It notes its own clock just before sending
//! `POST /orders/prepare` (`sent_at`) and when the answer arrived (`received_at`). The server made
//! the quote somewhere in between, so by the browser's clock it expires between
//! `sent_at + TTL` and `received_at + TTL`. If `expiresAt`, read on the browser's clock, falls
//! inside that window the two clocks agree (to within the request's duration) and `expiresAt` is
//! used as is; otherwise the clocks disagree and the window's early end, `sent_at + TTL`, is used:
//! never later than the server's real deadline, at most the request's duration early.
//!
//! Whatever the countdown says, the server decides: an accept it refuses as expired (409) is
//! shown with the server's message.

use chrono::{DateTime, TimeDelta, Utc};

use super::seconds_left;

/// How long a quote lives (the contract's 30 s).
pub const QUOTE_TTL_SECONDS: i64 = 30;

/// The quote's deadline on the browser's clock (see the module documentation).
pub fn client_deadline(
    expires_at: DateTime<Utc>,
    sent_at: DateTime<Utc>,
    received_at: DateTime<Utc>,
    ttl_seconds: i64,
) -> DateTime<Utc> {
    // `TimeDelta::seconds` panics beyond ±i64::MAX ms; a TTL that long ends past the calendar,
    // which the checked additions below turn into "expired at once", as for any deadline
    // that cannot be written.
    let ttl = TimeDelta::try_seconds(ttl_seconds.max(0)).unwrap_or(TimeDelta::MAX);
    let (sent_at, received_at) = if received_at < sent_at {
        (received_at, sent_at)
    } else {
        (sent_at, received_at)
    };
    let earliest = sent_at.checked_add_signed(ttl).unwrap_or(sent_at);
    let latest = received_at.checked_add_signed(ttl).unwrap_or(received_at);
    if (earliest..=latest).contains(&expires_at) {
        expires_at
    } else {
        earliest
    }
}

/// How urgent the countdown is, shown with words and an icon, not colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// More than [`HURRY_SECONDS`] left.
    Calm,
    /// [`HURRY_SECONDS`] or fewer left.
    Hurry,
    Expired,
}

/// From this many seconds left, the countdown says to hurry.
pub const HURRY_SECONDS: i64 = 10;

pub fn urgency(seconds_left: i64) -> Urgency {
    if seconds_left <= 0 {
        Urgency::Expired
    } else if seconds_left <= HURRY_SECONDS {
        Urgency::Hurry
    } else {
        Urgency::Calm
    }
}

/// Whole seconds left before `deadline` (client clock) at `now`.
pub fn client_seconds_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    seconds_left(deadline, now)
}

/// What the polite live region announces (the portal words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announcement {
    /// This many seconds are left to accept the quote.
    SecondsLeft(i64),
    /// The quote has expired: get a new one.
    Expired,
}

/// What the polite live region says when the countdown reaches `seconds_left`: every 10 s
/// (20, 10), at 5 s and on expiry; nothing at other seconds (an announcement every second would
/// drown everything else). The starting value (30) is not announced: the quote's arrival is.
pub fn announcement(seconds_left: i64) -> Option<Announcement> {
    match seconds_left {
        s if s <= 0 => Some(Announcement::Expired),
        5 => Some(Announcement::SecondsLeft(5)),
        s if s % 10 == 0 && s < QUOTE_TTL_SECONDS => Some(Announcement::SecondsLeft(s)),
        _ => None,
    }
}

/// The announcements due when the countdown moves from `previous` to `current` seconds left
/// (a timer may skip a second when the tab was busy): the last one crossed, if any.
pub fn announcement_between(previous: i64, current: i64) -> Option<Announcement> {
    if current >= previous {
        return None;
    }
    let current = current.max(0);
    // Nothing is announced from QUOTE_TTL_SECONDS up, so the walk stops there: a clock jump of
    // years (a tab asleep, a wrong clock) is not a loop over every second in between.
    (current..previous.min(QUOTE_TTL_SECONDS)).find_map(announcement)
}
