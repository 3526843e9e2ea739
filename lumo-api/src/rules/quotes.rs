//! Quotes live 30 seconds: how long is left, and may this one still be accepted.

use std::fmt;

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

impl AcceptBlock {
    pub fn reason(&self) -> &'static str {
        match self {
            AcceptBlock::Expired => "This quote has expired: get a new quote to see the current price.",
            AcceptBlock::InsufficientBalance => {
                "The company balance does not cover this amount: top up the wallet, then get a new quote."
            }
        }
    }
}

impl fmt::Display for AcceptBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
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

/// "Expires in 0:27" (minutes:seconds), or "Expired" at 0 seconds and below.
pub fn countdown_label(seconds: i64) -> String {
    if seconds <= 0 {
        "Expired".to_string()
    } else {
        format!("Expires in {}:{:02}", seconds / 60, seconds % 60)
    }
}

pub mod countdown;
pub mod idempotency;
pub mod pending;
