//! Quotes live 30 seconds: how long is left, and may this one still be accepted.

use chrono::{DateTime, Utc};

use crate::models::Quote;

/// Whole seconds until `expires_at`, rounded down; 0 once it has passed.
pub fn seconds_left(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    // `num_seconds` truncates toward zero, which is rounding down for the positive case.
    expires_at.signed_duration_since(now).num_seconds().max(0)
}

/// Expired from the instant `now` reaches `expiresAt`.
pub fn is_expired(quote: &Quote, now: DateTime<Utc>) -> bool {
    now >= quote.expires_at
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptBlock {
    /// The quote's 30 seconds are over: prepare a new one.
    Expired,
    /// The company balance does not cover `amountUsdt` (as the server said when pricing).
    InsufficientBalance,
}

/// Whether `quote` may be accepted at `now`; expiry is checked first.
pub fn can_accept(quote: &Quote, now: DateTime<Utc>) -> Result<(), AcceptBlock> {
    if is_expired(quote, now) {
        Err(AcceptBlock::Expired)
    } else if !quote.is_balance_sufficient {
        Err(AcceptBlock::InsufficientBalance)
    } else {
        Ok(())
    }
}

/// What the countdown shows: the time left, or that the quote expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountdownLabel {
    /// Minutes and seconds left ("Expires in 0:27"); `seconds` is below 60.
    ExpiresIn { minutes: i64, seconds: i64 },
    /// 0 seconds and below.
    Expired,
}

/// The countdown's minutes:seconds, or [`CountdownLabel::Expired`] at 0 seconds and below.
pub fn countdown_label(seconds: i64) -> CountdownLabel {
    if seconds <= 0 {
        CountdownLabel::Expired
    } else {
        CountdownLabel::ExpiresIn {
            minutes: seconds / 60,
            seconds: seconds % 60,
        }
    }
}

pub mod countdown;
pub mod idempotency;
pub mod pending;
