//! Accepting a quote when an answer can be lost.
//!
//! `POST /orders/accept/{id}` is the one call that spends the company's money. If the server
//! placed the order but its answer never arrived (a timeout, a dropped connection, a 5xx from a
//! proxy in front of a server that did the work), the outcome is unknown, and offering "Get a new
//! quote" then could pay the same merchant twice. So an accept is a small conversation with the
//! server that ends only on a definite answer:
//!
//! 1. Send accept with the quote's Idempotency-Key (one key per quote, kept until the end).
//! 2. Any answer but the order: read back `GET /orders/{quoteId}` (the order keeps the quote's id).
//! 3. Found: placed. Not found while the quote may still be accepted: send accept again with the
//!    SAME key. Not found after the quote expired, or after a definite refusal (409 and friends):
//!    not placed, and only then may the user start over.
//! 4. A read that fails the same way again and again: stop asking by ourselves and let the user
//!    check again; the outcome stays unknown, so a fresh start is still not offered.
//!
//! [`PendingAccept`] is what the browser keeps (sessionStorage, per environment and company)
//! while the outcome is unknown, so a reload resumes the check instead of forgetting it.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::models::{Order, PrepareOrderRequest, Quote};
use crate::ApiError;

/// After the quote's deadline, an order not found is taken as never placed only once this much
/// more time has passed: an accept the server took just before the deadline may still be landing.
pub const GRACE_AFTER_DEADLINE_SECONDS: i64 = 10;
/// Read-backs that fail (no answer, 5xx, 429) before the page stops checking by itself.
pub const MAX_FAILED_READS: u32 = 6;
/// Accepts sent for one quote before the page stops and asks the user: the same key makes each
/// one safe, but a server that never keeps the order must not be asked forever.
pub const MAX_ACCEPTS: u32 = 5;
/// Wait before read-back number n (after n failed reads), in milliseconds, before jitter.
const READ_BACKOFF_MS: [u32; 6] = [0, 1_000, 2_000, 4_000, 8_000, 10_000];
/// Wait before reading back again while the order may still be landing.
const LANDING_POLL_MS: u32 = 2_000;

/// An accept whose outcome is not known yet: everything needed to resume after a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingAccept {
    pub quote: Quote,
    /// The quote's deadline on the browser's clock (`countdown::client_deadline`).
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub deadline: DateTime<Utc>,
    /// What was sent to prepare the quote, for "Get a new quote" once the outcome is known.
    pub request: PrepareOrderRequest,
    pub idempotency_key: String,
}

impl PendingAccept {
    pub fn to_json(&self) -> String {
        // Strings, decimals, dates and a bool: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored pending accept; anything unreadable is ignored (there is nothing to resume).
    pub fn from_json(text: &str) -> Option<PendingAccept> {
        let pending: PendingAccept = serde_json::from_str(text).ok()?;
        (!pending.quote.id.trim().is_empty() && !pending.idempotency_key.trim().is_empty())
            .then_some(pending)
    }
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum AcceptStep {
    /// Send `POST /orders/accept/{id}` with the pending key.
    SendAccept,
    /// Read `GET /orders/{quoteId}` after waiting this long.
    ReadBack { after_ms: u32 },
    /// The order exists: show it.
    Placed(Box<Order>),
    /// Definitely not placed: the user may get a new quote.
    NotPlaced(NotPlaced),
    /// The outcome is still unknown and the page stops asking by itself: it says so and offers
    /// "Check again" (never a new quote).
    Stalled(Stall),
}

#[derive(Debug, Clone, PartialEq)]
pub enum NotPlaced {
    /// The server refused the accept (409: expired, accepted elsewhere, balance; or 400/403/404)
    /// and the order is not there.
    Refused { message: Option<String> },
    /// The quote expired and the order is not there.
    Expired,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stall {
    /// The key stopped working: the user signs in again and the check resumes.
    SignedOut,
    /// Reading back kept failing with this.
    Unreachable(ApiError),
    /// The server answered neither the order nor a refusal to several accepts.
    NoDefiniteAnswer(ApiError),
}

/// The state of one accept conversation. Pure: the page feeds it answers and does what it says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AcceptCheck {
    failed_reads: u32,
    accepts_sent: u32,
    /// The last accept's definite refusal, if it was one.
    refusal: Option<Option<String>>,
    /// The last accept's indefinite failure, if it was one.
    last_unknown: Option<ApiError>,
}

impl AcceptCheck {
    pub fn new() -> AcceptCheck {
        AcceptCheck::default()
    }

    /// How many accepts this conversation sent.
    pub fn accepts_sent(&self) -> u32 {
        self.accepts_sent
    }

    /// The page is about to send an accept (`SendAccept`); `None` when it has sent enough.
    pub fn before_accept(&mut self) -> Option<AcceptStep> {
        if self.accepts_sent >= MAX_ACCEPTS {
            let error = self.last_unknown.clone().unwrap_or(ApiError::Network {
                detail: "no definite answer".into(),
            });
            return Some(AcceptStep::Stalled(Stall::NoDefiniteAnswer(error)));
        }
        self.accepts_sent += 1;
        None
    }

    /// What the accept answered.
    pub fn after_accept(&mut self, answer: Result<Order, ApiError>) -> AcceptStep {
        match answer {
            Ok(order) => AcceptStep::Placed(Box::new(order)),
            Err(ApiError::Unauthorized { .. }) => AcceptStep::Stalled(Stall::SignedOut),
            Err(error) if is_definite_refusal(&error) => {
                // Even a 409 is read back: "already accepted" may mean our own earlier try won.
                self.refusal = Some(error.server_message());
                self.last_unknown = None;
                AcceptStep::ReadBack { after_ms: 0 }
            }
            Err(error) => {
                self.refusal = None;
                self.last_unknown = Some(error);
                AcceptStep::ReadBack { after_ms: 0 }
            }
        }
    }

    /// What `GET /orders/{quoteId}` answered, at `now`, for a quote whose deadline on the
    /// browser's clock is `deadline`.
    pub fn after_read(
        &mut self,
        read: Result<Order, ApiError>,
        now: DateTime<Utc>,
        deadline: DateTime<Utc>,
    ) -> AcceptStep {
        match read {
            Ok(order) => AcceptStep::Placed(Box::new(order)),
            Err(ApiError::NotFound { .. }) => {
                self.failed_reads = 0;
                if let Some(message) = self.refusal.clone() {
                    return AcceptStep::NotPlaced(NotPlaced::Refused { message });
                }
                if now < deadline {
                    return AcceptStep::SendAccept;
                }
                let settled = deadline
                    .checked_add_signed(TimeDelta::seconds(GRACE_AFTER_DEADLINE_SECONDS))
                    .is_none_or(|settled| now >= settled);
                if settled {
                    AcceptStep::NotPlaced(NotPlaced::Expired)
                } else {
                    AcceptStep::ReadBack {
                        after_ms: LANDING_POLL_MS,
                    }
                }
            }
            Err(ApiError::Unauthorized { .. }) => AcceptStep::Stalled(Stall::SignedOut),
            Err(error) => {
                self.failed_reads += 1;
                if self.failed_reads >= MAX_FAILED_READS {
                    return AcceptStep::Stalled(Stall::Unreachable(error));
                }
                AcceptStep::ReadBack {
                    after_ms: read_backoff_ms(self.failed_reads, &error),
                }
            }
        }
    }

    /// The user pressed "Check again" after a stall: a fresh round of reads (and accepts).
    pub fn restart(&mut self) {
        self.failed_reads = 0;
        self.accepts_sent = 0;
    }
}

/// A refusal that says the accept did not (and will not) place the order. 401 is not one: the
/// key stopped working, which says nothing about the order.
fn is_definite_refusal(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Conflict { .. }
            | ApiError::NotFound { .. }
            | ApiError::Forbidden { .. }
            | ApiError::Validation { .. }
    )
}

/// The wait before the next read after `failed` failed reads; a 429's Retry-After wins when it
/// is longer.
fn read_backoff_ms(failed: u32, error: &ApiError) -> u32 {
    let index = usize::try_from(failed).unwrap_or(usize::MAX);
    let base = READ_BACKOFF_MS
        .get(index)
        .copied()
        .unwrap_or(READ_BACKOFF_MS[READ_BACKOFF_MS.len() - 1]);
    match error {
        ApiError::RateLimited {
            retry_after: Some(seconds),
            ..
        } => base.max(seconds.saturating_mul(1000)),
        _ => base,
    }
}

/// The order as placed by `pending`, when it is the one we asked for. An order whose id is not
/// the quote's is not ours to show as placed.
pub fn is_order_of(order: &Order, pending: &PendingAccept) -> bool {
    order.id == pending.quote.id
}
