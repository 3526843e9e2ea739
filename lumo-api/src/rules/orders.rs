//! Orders and their disputes: how an order is named in short, may this order be disputed, which
//! dispute belongs to it, how old is it, how many disputes are in each state, was a dispute just
//! created or returned, and what a filing whose answer was lost did.
//!
//! Eligibility follows the contract: only `success` and `failed` orders can be disputed. An order
//! in `disputed` stays there after its dispute is resolved or rejected, so it can never be
//! disputed again (the sandbox refuses it with 409): such an order is [`DisputeEligibility::AlreadyDisputed`].

use chrono::{DateTime, Duration, Utc};

use crate::models::{Dispute, DisputeStatus, Order, OrderStatus};

/// "ORD-100123", or the start of the id when the order has no external id: its first 8
/// characters, with "…" when there were more.
pub fn short_id(id: &str) -> String {
    let head: String = id.chars().take(8).collect();
    if head.len() < id.len() {
        format!("{head}…")
    } else {
        head
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisputeEligibility {
    Eligible,
    /// An open (`submitted` or `in_review`) dispute exists: its id. Opening another would return it.
    HasOpenDispute(String),
    /// `created` or `in_progress`: can be disputed once completed.
    NotCompleted(OrderStatus),
    /// The order is `disputed` and none of its disputes is open. The status of its latest dispute
    /// when the list has one (`resolved` or `rejected`).
    AlreadyDisputed(Option<DisputeStatus>),
    /// A status this client does not know (the raw value): not offered.
    UnknownStatus(String),
}

impl DisputeEligibility {
    pub fn is_eligible(&self) -> bool {
        matches!(self, DisputeEligibility::Eligible)
    }

    /// Why, in a sentence for the person looking at the order.
    pub fn reason(&self) -> String {
        match self {
            DisputeEligibility::Eligible => "This order is completed and can be disputed.".into(),
            DisputeEligibility::HasOpenDispute(_) => {
                "This order already has an open dispute: follow it instead of opening another.".into()
            }
            DisputeEligibility::NotCompleted(OrderStatus::Created) => {
                "This order has just been created: it can be disputed once completed.".into()
            }
            DisputeEligibility::NotCompleted(OrderStatus::InProgress) => {
                "This order is in progress: it can be disputed once completed.".into()
            }
            DisputeEligibility::NotCompleted(_) => {
                "This order is not completed: it can be disputed once completed.".into()
            }
            DisputeEligibility::AlreadyDisputed(Some(DisputeStatus::Resolved)) => {
                "This order's dispute has been resolved; a resolved dispute cannot be reopened.".into()
            }
            DisputeEligibility::AlreadyDisputed(Some(DisputeStatus::Rejected)) => {
                "This order's dispute has been rejected; the order cannot be disputed again.".into()
            }
            DisputeEligibility::AlreadyDisputed(_) => {
                "This order has already been disputed and cannot be disputed again.".into()
            }
            DisputeEligibility::UnknownStatus(raw) => format!(
                "This order has a status this portal does not know (\"{raw}\"), so it cannot be disputed here."
            ),
        }
    }
}

/// May `order` be disputed, given the company's disputes (any order; others' are ignored)?
pub fn dispute_eligibility(order: &Order, disputes: &[Dispute]) -> DisputeEligibility {
    let latest = dispute_for_order(&order.id, disputes);
    if let Some(open) = latest.filter(|d| d.status.is_open()) {
        return DisputeEligibility::HasOpenDispute(open.id.clone());
    }
    match &order.status {
        OrderStatus::Success | OrderStatus::Failed => DisputeEligibility::Eligible,
        OrderStatus::Created | OrderStatus::InProgress => {
            DisputeEligibility::NotCompleted(order.status.clone())
        }
        OrderStatus::Disputed => {
            DisputeEligibility::AlreadyDisputed(latest.map(|d| d.status.clone()))
        }
        OrderStatus::Unknown(raw) => DisputeEligibility::UnknownStatus(raw.clone()),
    }
}

/// The dispute of this order to show: an open one first, otherwise the newest (by `createdAt`;
/// on a tie the one earlier in the list, which the API sorts newest first).
pub fn dispute_for_order<'a>(order_id: &str, disputes: &'a [Dispute]) -> Option<&'a Dispute> {
    let mut best: Option<&Dispute> = None;
    for dispute in disputes.iter().filter(|d| d.order_id == order_id) {
        let better = match best {
            None => true,
            Some(current) => {
                (dispute.status.is_open(), dispute.created_at)
                    > (current.status.is_open(), current.created_at)
            }
        };
        if better {
            best = Some(dispute);
        }
    }
    best
}

/// How long something has been open: "open just now", "open 12 minutes", "open 5 hours",
/// "open 3 days" (whole units, rounded down; a time in the future counts as just now).
pub fn open_age(created_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let age = now.signed_duration_since(created_at);
    let (count, one, many) = if age >= Duration::days(1) {
        (age.num_days(), "day", "days")
    } else if age >= Duration::hours(1) {
        (age.num_hours(), "hour", "hours")
    } else if age >= Duration::minutes(1) {
        (age.num_minutes(), "minute", "minutes")
    } else {
        return "open just now".to_string();
    };
    let unit = if count == 1 { one } else { many };
    format!("open {count} {unit}")
}

/// Disputes per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisputeCounts {
    pub submitted: usize,
    pub in_review: usize,
    pub resolved: usize,
    pub rejected: usize,
    /// Statuses this client does not know.
    pub unknown: usize,
}

impl DisputeCounts {
    pub fn count(disputes: &[Dispute]) -> Self {
        let mut counts = DisputeCounts::default();
        for dispute in disputes {
            let slot = match dispute.status {
                DisputeStatus::Submitted => &mut counts.submitted,
                DisputeStatus::InReview => &mut counts.in_review,
                DisputeStatus::Resolved => &mut counts.resolved,
                DisputeStatus::Rejected => &mut counts.rejected,
                DisputeStatus::Unknown(_) => &mut counts.unknown,
            };
            *slot += 1;
        }
        counts
    }

    /// `submitted` + `in_review`.
    pub fn open(&self) -> usize {
        self.submitted + self.in_review
    }

    pub fn total(&self) -> usize {
        self.submitted + self.in_review + self.resolved + self.rejected + self.unknown
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeOutcome {
    /// A new dispute was filed.
    Created,
    /// The order already had an open dispute, and that one came back.
    ExistingOpen,
}

/// What `POST /orders/{id}/disputes` did. 201 (new) versus 200 (existing) is unconfirmed, so the
/// dispute is also recognised as existing when its id was already known before the request.
pub fn dispute_outcome(
    status: u16,
    returned: &Dispute,
    known_before: &[Dispute],
) -> DisputeOutcome {
    if status == 200 || known_before.iter().any(|d| d.id == returned.id) {
        DisputeOutcome::ExistingOpen
    } else {
        DisputeOutcome::Created
    }
}

/// Clock difference between the browser and the server that [`dispute_outcome_at`] tolerates.
pub const CLOCK_SKEW_TOLERANCE_SECONDS: i64 = 120;

/// As [`dispute_outcome`], also treating a dispute created well before the request was sent
/// (`requested_at`, the client's clock, less [`CLOCK_SKEW_TOLERANCE_SECONDS`]) as existing.
pub fn dispute_outcome_at(
    status: u16,
    returned: &Dispute,
    known_before: &[Dispute],
    requested_at: DateTime<Utc>,
) -> DisputeOutcome {
    let outcome = dispute_outcome(status, returned, known_before);
    let cutoff = requested_at.checked_sub_signed(Duration::seconds(CLOCK_SKEW_TOLERANCE_SECONDS));
    if outcome == DisputeOutcome::Created
        && cutoff.is_some_and(|cutoff| returned.created_at < cutoff)
    {
        DisputeOutcome::ExistingOpen
    } else {
        outcome
    }
}

/// What a dispute that came back (or was found after a lost answer) means for this submit: ours
/// (`Created`) when it was not known before, was created since the submit (less the clock skew
/// tolerated elsewhere) and holds the text sent, whatever status the answer had (the browser may
/// have resent a submit whose first answer was lost, and the server then returns the dispute the
/// first attempt filed, as "existing"); otherwise what the answer's status says (`status`, or
/// "existing" after a lost answer). The text is unsent when an existing dispute holds another.
pub fn classify_filed(
    status: Option<u16>,
    dispute: &Dispute,
    known_before: &[Dispute],
    requested_at: DateTime<Utc>,
    sent_reason: &str,
) -> (DisputeOutcome, Option<String>) {
    let cutoff = requested_at
        .checked_sub_signed(Duration::seconds(CLOCK_SKEW_TOLERANCE_SECONDS))
        .unwrap_or(requested_at);
    let same_text = dispute.reason.trim() == sent_reason;
    let fresh = !known_before.iter().any(|d| d.id == dispute.id) && dispute.created_at >= cutoff;
    let outcome = if fresh && same_text {
        DisputeOutcome::Created
    } else {
        match status {
            Some(status) => dispute_outcome_at(status, dispute, known_before, requested_at),
            None => DisputeOutcome::ExistingOpen,
        }
    };
    let unsent =
        (outcome == DisputeOutcome::ExistingOpen && !same_text).then(|| sent_reason.to_string());
    (outcome, unsent)
}

/// After a lost answer: the dispute on `order_id` in the freshly read `list` that the submit
/// (sent at `requested_at`, browser clock) may have filed, with what to say about it
/// ([`classify_filed`]). A dispute created since the submit or any open one counts; none means
/// nothing was filed.
pub fn filed_after_lost_answer(
    order_id: &str,
    list: &[Dispute],
    known_before: &[Dispute],
    requested_at: DateTime<Utc>,
    sent_reason: &str,
) -> Option<(Dispute, DisputeOutcome, Option<String>)> {
    let cutoff = requested_at
        .checked_sub_signed(Duration::seconds(CLOCK_SKEW_TOLERANCE_SECONDS))
        .unwrap_or(requested_at);
    let candidates: Vec<Dispute> = list
        .iter()
        .filter(|d| d.order_id == order_id && (d.status.is_open() || d.created_at >= cutoff))
        .cloned()
        .collect();
    let found = dispute_for_order(order_id, &candidates)?.clone();
    let (outcome, unsent) = classify_filed(None, &found, known_before, requested_at, sent_reason);
    Some((found, outcome, unsent))
}
