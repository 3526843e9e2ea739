//! The steps of an order's and a dispute's life, for the small timelines the portal draws.
//!
//! Typed values only: the portal words them (labels, dates), so a locale can be added later.
//!
//! - Order: created -> payment deadline -> completed (success / failed) [-> disputed].
//! - Dispute: submitted -> in review -> resolved (with its resolution) or rejected.
//!
//! A status this client does not know becomes its own current step carrying the raw value.

use chrono::{DateTime, Utc};

use crate::models::{Dispute, DisputeResolution, DisputeStatus, Order, OrderStatus};

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// It happened.
    Done,
    /// It is where things are now (waiting on it, or the last known unusual state).
    Current,
    /// Not reached yet.
    Upcoming,
    /// It ended badly (a failed order, a rejected dispute).
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<K> {
    pub kind: K,
    pub state: StepState,
    /// When it happened (or, for a deadline, when it is due). `None` when the API does not say.
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderStep {
    Created,
    /// `paymentUntil`: the deadline for the payment to complete.
    PaymentDeadline,
    /// `Some(Success | Failed)` once known; `None` while not completed yet, or for a disputed
    /// order (completed earlier, outcome no longer visible).
    Completed(Option<OrderStatus>),
    /// A dispute was opened on the order.
    Disputed,
    /// A status this client does not know (raw value).
    Unknown(String),
}

/// The steps of `order` at `now`; `dispute` is the order's dispute when known (it decides
/// whether the disputed step is still current).
pub fn order_steps(
    order: &Order,
    dispute: Option<&Dispute>,
    now: DateTime<Utc>,
) -> Vec<Step<OrderStep>> {
    let mut steps = vec![Step {
        kind: OrderStep::Created,
        state: StepState::Done,
        at: Some(order.created_at),
    }];
    let deadline_state = match &order.status {
        OrderStatus::Created => StepState::Upcoming,
        OrderStatus::InProgress => StepState::Current,
        OrderStatus::Success | OrderStatus::Failed | OrderStatus::Disputed => StepState::Done,
        OrderStatus::Unknown(_) => match order.payment_until {
            Some(until) if until > now => StepState::Current,
            Some(_) => StepState::Done,
            None => StepState::Upcoming,
        },
    };
    steps.push(Step {
        kind: OrderStep::PaymentDeadline,
        state: deadline_state,
        at: order.payment_until,
    });
    match &order.status {
        OrderStatus::Created | OrderStatus::InProgress => steps.push(Step {
            kind: OrderStep::Completed(None),
            state: StepState::Upcoming,
            at: None,
        }),
        OrderStatus::Success => steps.push(Step {
            kind: OrderStep::Completed(Some(OrderStatus::Success)),
            state: StepState::Done,
            at: order.updated_at,
        }),
        OrderStatus::Failed => steps.push(Step {
            kind: OrderStep::Completed(Some(OrderStatus::Failed)),
            state: StepState::Rejected,
            at: order.updated_at,
        }),
        OrderStatus::Disputed => {
            steps.push(Step {
                kind: OrderStep::Completed(None),
                state: StepState::Done,
                at: None,
            });
            let (state, at) = match dispute {
                Some(d) if d.status.is_open() => (StepState::Current, Some(d.created_at)),
                Some(d) => (StepState::Done, Some(d.created_at)),
                None => (StepState::Current, order.updated_at),
            };
            steps.push(Step {
                kind: OrderStep::Disputed,
                state,
                at,
            });
        }
        OrderStatus::Unknown(raw) => steps.push(Step {
            kind: OrderStep::Unknown(raw.clone()),
            state: StepState::Current,
            at: order.updated_at,
        }),
    }
    steps
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisputeStep {
    Submitted,
    InReview,
    /// Resolved, with its resolution (`None` if the API did not send one).
    Resolved(Option<DisputeResolution>),
    Rejected,
    /// Not decided yet: "resolved or rejected" still to come.
    Decision,
    /// A status this client does not know (raw value).
    Unknown(String),
}

/// submitted (createdAt) -> in review -> resolved / rejected (resolvedAt).
pub fn dispute_steps(dispute: &Dispute) -> Vec<Step<DisputeStep>> {
    let submitted = Step {
        kind: DisputeStep::Submitted,
        state: StepState::Done,
        at: Some(dispute.created_at),
    };
    let review = |state, at| Step {
        kind: DisputeStep::InReview,
        state,
        at,
    };
    let pending_decision = Step {
        kind: DisputeStep::Decision,
        state: StepState::Upcoming,
        at: None,
    };
    match &dispute.status {
        DisputeStatus::Submitted => vec![
            Step {
                state: StepState::Current,
                ..submitted
            },
            review(StepState::Upcoming, None),
            pending_decision,
        ],
        // The API has no "moved to review at" field: updatedAt is the last change, which for a
        // dispute in review is that move.
        DisputeStatus::InReview => vec![
            submitted,
            review(StepState::Current, Some(dispute.updated_at)),
            pending_decision,
        ],
        DisputeStatus::Resolved => vec![
            submitted,
            review(StepState::Done, None),
            Step {
                kind: DisputeStep::Resolved(dispute.resolution.clone()),
                state: StepState::Done,
                at: dispute.resolved_at.or(Some(dispute.updated_at)),
            },
        ],
        DisputeStatus::Rejected => vec![
            submitted,
            review(StepState::Done, None),
            Step {
                kind: DisputeStep::Rejected,
                state: StepState::Rejected,
                at: dispute.resolved_at.or(Some(dispute.updated_at)),
            },
        ],
        DisputeStatus::Unknown(raw) => vec![
            submitted,
            Step {
                kind: DisputeStep::Unknown(raw.clone()),
                state: StepState::Current,
                at: Some(dispute.updated_at),
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn order(status: &str, payment_until: Option<&str>) -> Order {
        Order {
            id: "o1".into(),
            status: OrderStatus::from_wire(status),
            amount_rub: Decimal::new(500_000, 2),
            amount_usdt: Decimal::new(5_263, 2),
            rate: None,
            merchant_name: "OOO Romashka".into(),
            external_order_id: None,
            payment_until: payment_until.map(at),
            created_at: at("2026-11-24T10:00:00Z"),
            updated_at: Some(at("2026-11-24T10:03:00Z")),
        }
    }

    fn dispute(status: &str, resolution: Option<&str>, resolved_at: Option<&str>) -> Dispute {
        Dispute {
            id: "d1".into(),
            order_id: "o1".into(),
            status: DisputeStatus::from_wire(status),
            resolution: resolution.map(DisputeResolution::from_wire),
            reason: "r".into(),
            admin_comment: None,
            resolved_by: None,
            refund_amount: None,
            resolved_at: resolved_at.map(at),
            created_at: at("2026-11-24T11:00:00Z"),
            updated_at: at("2026-11-24T12:00:00Z"),
        }
    }

    fn states<K>(steps: &[Step<K>]) -> Vec<StepState> {
        steps.iter().map(|s| s.state).collect()
    }

    const NOW: &str = "2026-11-24T10:02:00Z";
    const UNTIL: &str = "2026-11-24T10:05:00Z";

    #[test]
    fn an_order_in_progress_waits_on_its_payment_deadline() {
        let steps = order_steps(&order("in_progress", Some(UNTIL)), None, at(NOW));
        use StepState::*;
        assert_eq!(states(&steps), vec![Done, Current, Upcoming]);
        assert_eq!(steps[1].at, Some(at(UNTIL)));
        assert_eq!(steps[2].kind, OrderStep::Completed(None));
    }

    #[test]
    fn a_created_order_has_its_deadline_ahead() {
        let steps = order_steps(&order("created", None), None, at(NOW));
        use StepState::*;
        assert_eq!(states(&steps), vec![Done, Upcoming, Upcoming]);
    }

    #[test]
    fn completed_orders_end_done_or_rejected_at_their_last_update() {
        use StepState::*;
        let ok = order_steps(&order("success", Some(UNTIL)), None, at(NOW));
        assert_eq!(states(&ok), vec![Done, Done, Done]);
        assert_eq!(ok[2].kind, OrderStep::Completed(Some(OrderStatus::Success)));
        assert_eq!(ok[2].at, Some(at("2026-11-24T10:03:00Z")));
        let failed = order_steps(&order("failed", Some(UNTIL)), None, at(NOW));
        assert_eq!(states(&failed), vec![Done, Done, Rejected]);
    }

    #[test]
    fn a_disputed_order_shows_its_dispute_open_or_decided() {
        use StepState::*;
        let o = order("disputed", Some(UNTIL));
        let open = dispute("in_review", None, None);
        let steps = order_steps(&o, Some(&open), at(NOW));
        assert_eq!(states(&steps), vec![Done, Done, Done, Current]);
        assert_eq!(steps[3].kind, OrderStep::Disputed);
        assert_eq!(steps[3].at, Some(open.created_at));
        let closed = dispute("resolved", Some("refund"), Some("2026-11-25T09:00:00Z"));
        let steps = order_steps(&o, Some(&closed), at(NOW));
        assert_eq!(steps[3].state, Done);
        let unknown_dispute = order_steps(&o, None, at(NOW));
        assert_eq!(unknown_dispute[3].state, Current);
    }

    #[test]
    fn an_unknown_order_status_is_a_current_step_with_its_raw_value() {
        let steps = order_steps(
            &order("refunded", Some(UNTIL)),
            None,
            at("2026-11-25T00:00:00Z"),
        );
        assert_eq!(steps[1].state, StepState::Done);
        assert_eq!(steps[2].kind, OrderStep::Unknown("refunded".into()));
        assert_eq!(steps[2].state, StepState::Current);
    }

    #[test]
    fn dispute_steps_follow_the_status() {
        use StepState::*;
        let submitted = dispute_steps(&dispute("submitted", None, None));
        assert_eq!(states(&submitted), vec![Current, Upcoming, Upcoming]);
        assert_eq!(submitted[2].kind, DisputeStep::Decision);

        let review = dispute_steps(&dispute("in_review", None, None));
        assert_eq!(states(&review), vec![Done, Current, Upcoming]);
        assert_eq!(review[1].at, Some(at("2026-11-24T12:00:00Z")));

        let resolved = dispute_steps(&dispute(
            "resolved",
            Some("partial_refund"),
            Some("2026-11-25T09:00:00Z"),
        ));
        assert_eq!(states(&resolved), vec![Done, Done, Done]);
        assert_eq!(
            resolved[2].kind,
            DisputeStep::Resolved(Some(DisputeResolution::PartialRefund))
        );
        assert_eq!(resolved[2].at, Some(at("2026-11-25T09:00:00Z")));

        let rejected = dispute_steps(&dispute("rejected", None, None));
        assert_eq!(states(&rejected), vec![Done, Done, Rejected]);
        // Without resolvedAt the last change stands in for it.
        assert_eq!(rejected[2].at, Some(at("2026-11-24T12:00:00Z")));
    }

    #[test]
    fn an_unknown_dispute_status_keeps_its_raw_value() {
        let steps = dispute_steps(&dispute("escalated", None, None));
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[1].kind, DisputeStep::Unknown("escalated".into()));
        assert_eq!(steps[1].state, StepState::Current);
    }
}
