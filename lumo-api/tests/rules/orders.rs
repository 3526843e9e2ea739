use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Dispute, DisputeStatus, Order, OrderStatus};
use lumo_api::rules::orders::*;
use rust_decimal::Decimal;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn order(id: &str, status: OrderStatus) -> Order {
    Order {
        id: id.into(),
        status,
        amount_rub: Decimal::new(500000, 2),
        amount_usdt: Decimal::new(5263, 2),
        rate: None,
        merchant_name: "OOO Romashka".into(),
        external_order_id: None,
        payment_until: None,
        created_at: at("2026-11-24T10:00:00Z"),
        updated_at: None,
    }
}

fn dispute(id: &str, order_id: &str, status: DisputeStatus, created: &str) -> Dispute {
    Dispute {
        id: id.into(),
        order_id: order_id.into(),
        status,
        resolution: None,
        reason: "r".into(),
        admin_comment: None,
        resolved_by: None,
        refund_amount: None,
        resolved_at: None,
        created_at: at(created),
        updated_at: at(created),
    }
}

#[test]
fn completed_orders_without_an_open_dispute_are_eligible() {
    for status in [OrderStatus::Success, OrderStatus::Failed] {
        let result = dispute_eligibility(&order("o", status), &[]);
        assert_eq!(result, DisputeEligibility::Eligible);
        assert!(result.is_eligible());
    }
    // Another order's open dispute does not matter.
    let other = [dispute(
        "d",
        "other",
        DisputeStatus::Submitted,
        "2026-11-24T11:00:00Z",
    )];
    assert!(dispute_eligibility(&order("o", OrderStatus::Success), &other).is_eligible());
    // A final dispute on an order the server put back to success does not block (the server's rule
    // is the order status).
    let rejected = [dispute(
        "d",
        "o",
        DisputeStatus::Rejected,
        "2026-11-24T11:00:00Z",
    )];
    assert!(dispute_eligibility(&order("o", OrderStatus::Success), &rejected).is_eligible());
}

#[test]
fn an_open_dispute_blocks_whatever_the_order_status() {
    let disputes = [
        dispute("old", "o", DisputeStatus::Rejected, "2026-11-24T11:00:00Z"),
        dispute("open", "o", DisputeStatus::InReview, "2026-11-24T10:30:00Z"),
    ];
    for status in [
        OrderStatus::Disputed,
        OrderStatus::Success,
        OrderStatus::Unknown("x".into()),
    ] {
        let result = dispute_eligibility(&order("o", status), &disputes);
        assert_eq!(result, DisputeEligibility::HasOpenDispute("open".into()));
        assert!(result.reason().contains("open dispute"));
    }
}

#[test]
fn orders_not_completed_wait() {
    let created = dispute_eligibility(&order("o", OrderStatus::Created), &[]);
    assert_eq!(
        created,
        DisputeEligibility::NotCompleted(OrderStatus::Created)
    );
    assert!(created.reason().contains("once completed"));
    let in_progress = dispute_eligibility(&order("o", OrderStatus::InProgress), &[]);
    assert!(in_progress.reason().contains("in progress"));
    assert!(in_progress.reason().contains("once completed"));
}

#[test]
fn a_disputed_order_with_a_final_dispute_is_not_eligible() {
    let resolved = [dispute(
        "d",
        "o",
        DisputeStatus::Resolved,
        "2026-11-24T11:00:00Z",
    )];
    let result = dispute_eligibility(&order("o", OrderStatus::Disputed), &resolved);
    assert_eq!(
        result,
        DisputeEligibility::AlreadyDisputed(Some(DisputeStatus::Resolved))
    );
    assert!(result.reason().contains("resolved"));
    let rejected = [dispute(
        "d",
        "o",
        DisputeStatus::Rejected,
        "2026-11-24T11:00:00Z",
    )];
    let result = dispute_eligibility(&order("o", OrderStatus::Disputed), &rejected);
    assert!(result.reason().contains("rejected"));
    let result = dispute_eligibility(&order("o", OrderStatus::Disputed), &[]);
    assert_eq!(result, DisputeEligibility::AlreadyDisputed(None));
    assert!(!result.reason().is_empty());
}

#[test]
fn an_unknown_status_is_not_offered() {
    let result = dispute_eligibility(&order("o", OrderStatus::Unknown("refunded".into())), &[]);
    assert_eq!(result, DisputeEligibility::UnknownStatus("refunded".into()));
    assert!(result.reason().contains("refunded"));
}

#[test]
fn the_dispute_of_an_order_is_the_open_one_then_the_newest() {
    let disputes = [
        dispute(
            "newest-final",
            "o",
            DisputeStatus::Resolved,
            "2026-11-26T10:00:00Z",
        ),
        dispute(
            "other",
            "p",
            DisputeStatus::Submitted,
            "2026-11-27T10:00:00Z",
        ),
        dispute(
            "open",
            "o",
            DisputeStatus::Submitted,
            "2026-11-24T10:00:00Z",
        ),
        dispute(
            "older-final",
            "o",
            DisputeStatus::Rejected,
            "2026-11-20T10:00:00Z",
        ),
    ];
    assert_eq!(dispute_for_order("o", &disputes).unwrap().id, "open");
    assert_eq!(
        dispute_for_order("o", &disputes[..2]).unwrap().id,
        "newest-final"
    );
    assert_eq!(
        dispute_for_order("o", &[disputes[3].clone(), disputes[0].clone()])
            .unwrap()
            .id,
        "newest-final"
    );
    assert!(dispute_for_order("none", &disputes).is_none());
    // A tie keeps the first in the list (the API's newest-first order).
    let tie = [
        dispute(
            "first",
            "o",
            DisputeStatus::Resolved,
            "2026-11-26T10:00:00Z",
        ),
        dispute(
            "second",
            "o",
            DisputeStatus::Resolved,
            "2026-11-26T10:00:00Z",
        ),
    ];
    assert_eq!(dispute_for_order("o", &tie).unwrap().id, "first");
}

#[test]
fn open_age_in_words() {
    let now = at("2026-11-27T12:00:00Z");
    let age = |d: Duration| open_age(now - d, now);
    assert_eq!(age(Duration::seconds(0)), "open just now");
    assert_eq!(age(Duration::seconds(59)), "open just now");
    assert_eq!(
        age(Duration::seconds(-3600)),
        "open just now",
        "a future time"
    );
    assert_eq!(age(Duration::minutes(1)), "open 1 minute");
    assert_eq!(age(Duration::minutes(12)), "open 12 minutes");
    assert_eq!(
        age(Duration::minutes(59) + Duration::seconds(59)),
        "open 59 minutes"
    );
    assert_eq!(age(Duration::hours(1)), "open 1 hour");
    assert_eq!(age(Duration::hours(5)), "open 5 hours");
    assert_eq!(age(Duration::hours(23)), "open 23 hours");
    assert_eq!(age(Duration::days(1)), "open 1 day");
    assert_eq!(age(Duration::days(3) + Duration::hours(23)), "open 3 days");
    assert_eq!(age(Duration::days(400)), "open 400 days");
}

#[test]
fn counts_per_status() {
    let disputes = [
        dispute("a", "o", DisputeStatus::Submitted, "2026-11-24T10:00:00Z"),
        dispute("b", "o", DisputeStatus::InReview, "2026-11-24T10:00:00Z"),
        dispute("c", "o", DisputeStatus::InReview, "2026-11-24T10:00:00Z"),
        dispute("d", "o", DisputeStatus::Resolved, "2026-11-24T10:00:00Z"),
        dispute("e", "o", DisputeStatus::Rejected, "2026-11-24T10:00:00Z"),
        dispute(
            "f",
            "o",
            DisputeStatus::Unknown("escalated".into()),
            "2026-11-24T10:00:00Z",
        ),
    ];
    let counts = DisputeCounts::count(&disputes);
    assert_eq!(
        counts,
        DisputeCounts {
            submitted: 1,
            in_review: 2,
            resolved: 1,
            rejected: 1,
            unknown: 1
        }
    );
    assert_eq!(counts.open(), 3);
    assert_eq!(counts.total(), 6);
    assert_eq!(DisputeCounts::count(&[]), DisputeCounts::default());
}

#[test]
fn created_or_existing_dispute() {
    let returned = dispute("d-1", "o", DisputeStatus::Submitted, "2026-11-27T12:00:00Z");
    let other = dispute("d-0", "o", DisputeStatus::Rejected, "2026-11-20T12:00:00Z");
    assert_eq!(
        dispute_outcome(201, &returned, &[]),
        DisputeOutcome::Created
    );
    assert_eq!(
        dispute_outcome(201, &returned, std::slice::from_ref(&other)),
        DisputeOutcome::Created
    );
    assert_eq!(
        dispute_outcome(200, &returned, &[]),
        DisputeOutcome::ExistingOpen
    );
    assert_eq!(
        dispute_outcome(201, &returned, &[other, returned.clone()]),
        DisputeOutcome::ExistingOpen,
        "201 but the id was already known"
    );
}

#[test]
fn created_long_before_the_request_means_existing() {
    let requested = at("2026-11-27T12:00:00Z");
    let old = dispute("d", "o", DisputeStatus::InReview, "2026-11-27T11:00:00Z");
    assert_eq!(
        dispute_outcome_at(201, &old, &[], requested),
        DisputeOutcome::ExistingOpen
    );
    // Within the clock-skew tolerance: a server clock a minute behind still reads as new.
    let skewed = dispute("d", "o", DisputeStatus::Submitted, "2026-11-27T11:59:00Z");
    assert_eq!(
        dispute_outcome_at(201, &skewed, &[], requested),
        DisputeOutcome::Created
    );
    let new = dispute("d", "o", DisputeStatus::Submitted, "2026-11-27T12:00:01Z");
    assert_eq!(
        dispute_outcome_at(201, &new, &[], requested),
        DisputeOutcome::Created
    );
    assert_eq!(
        dispute_outcome_at(200, &new, &[], requested),
        DisputeOutcome::ExistingOpen
    );
    assert_eq!(
        dispute_outcome_at(201, &new, &[], DateTime::<Utc>::MIN_UTC),
        DisputeOutcome::Created,
        "no overflow at the edge of time"
    );
}

#[test]
fn short_ids_keep_eight_characters() {
    assert_eq!(
        short_id("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "0f8fad5b…"
    );
    assert_eq!(short_id("12345678"), "12345678");
    assert_eq!(short_id("ORD-1"), "ORD-1");
    assert_eq!(short_id(""), "");
    // Characters, not bytes.
    assert_eq!(short_id("ЗаказНомер1"), "ЗаказНом…");
    assert_eq!(short_id("Заказ"), "Заказ");
}

fn with_reason(mut dispute: Dispute, reason: &str) -> Dispute {
    dispute.reason = reason.into();
    dispute
}

#[test]
fn a_fresh_dispute_with_the_text_sent_is_ours_whatever_the_status() {
    let requested = at("2026-11-24T10:00:00Z");
    let fresh = with_reason(
        dispute("d1", "o", DisputeStatus::Submitted, "2026-11-24T10:00:01Z"),
        "Paid twice",
    );
    for status in [Some(201), Some(200), None] {
        assert_eq!(
            classify_filed(status, &fresh, &[], requested, "Paid twice"),
            (DisputeOutcome::Created, None),
            "{status:?}"
        );
    }
    // The server's text is compared trimmed; a browser clock ahead by a minute is tolerated.
    let skewed = with_reason(
        dispute("d1", "o", DisputeStatus::Submitted, "2026-11-24T09:59:00Z"),
        "  Paid twice\n",
    );
    assert_eq!(
        classify_filed(Some(200), &skewed, &[], requested, "Paid twice"),
        (DisputeOutcome::Created, None)
    );
    // Fresh with another text: the answer's status decides, and a 201 means it was filed.
    let other_text = with_reason(fresh.clone(), "Another text");
    assert_eq!(
        classify_filed(Some(201), &other_text, &[], requested, "Paid twice"),
        (DisputeOutcome::Created, None)
    );
}

#[test]
fn an_existing_dispute_keeps_the_text_that_was_not_sent() {
    let requested = at("2026-11-24T10:00:00Z");
    let old = with_reason(
        dispute("d0", "o", DisputeStatus::InReview, "2026-11-20T10:00:00Z"),
        "Earlier text",
    );
    assert_eq!(
        classify_filed(Some(200), &old, &[], requested, "Paid twice"),
        (DisputeOutcome::ExistingOpen, Some("Paid twice".to_string()))
    );
    assert_eq!(
        classify_filed(None, &old, &[], requested, "Paid twice"),
        (DisputeOutcome::ExistingOpen, Some("Paid twice".to_string()))
    );
    // Known before the submit, even just created and with the same text: existing, nothing unsent.
    let known = with_reason(
        dispute("d1", "o", DisputeStatus::Submitted, "2026-11-24T10:00:01Z"),
        "Paid twice",
    );
    assert_eq!(
        classify_filed(
            Some(201),
            &known,
            std::slice::from_ref(&known),
            requested,
            "Paid twice"
        ),
        (DisputeOutcome::ExistingOpen, None)
    );
}

#[test]
fn after_a_lost_answer_a_new_or_open_dispute_of_the_order_counts() {
    let requested = at("2026-11-24T10:00:00Z");
    let sent = "Paid twice";
    assert!(filed_after_lost_answer("o", &[], &[], requested, sent).is_none());
    // Final disputes from before the submit, and other orders' disputes, say nothing was filed.
    let list = [
        dispute("d0", "o", DisputeStatus::Rejected, "2026-11-01T10:00:00Z"),
        with_reason(
            dispute(
                "d9",
                "other",
                DisputeStatus::Submitted,
                "2026-11-24T10:00:01Z",
            ),
            sent,
        ),
    ];
    assert!(filed_after_lost_answer("o", &list, &[], requested, sent).is_none());
    // Filed by the lost submit.
    let ours = with_reason(
        dispute("d1", "o", DisputeStatus::Submitted, "2026-11-24T10:00:02Z"),
        sent,
    );
    let list = [ours.clone(), list[0].clone(), list[1].clone()];
    let (found, outcome, unsent) =
        filed_after_lost_answer("o", &list, &[], requested, sent).unwrap();
    assert_eq!(
        (found.id.as_str(), outcome, unsent),
        ("d1", DisputeOutcome::Created, None)
    );
    // Even if it was decided at once: created since the submit counts.
    let decided = Dispute {
        status: DisputeStatus::Rejected,
        ..ours.clone()
    };
    let (found, outcome, _) =
        filed_after_lost_answer("o", &[decided], &[], requested, sent).unwrap();
    assert_eq!(
        (found.id.as_str(), outcome),
        ("d1", DisputeOutcome::Created)
    );
    // An open dispute from before: the order's existing one, the text unsent.
    let open = with_reason(
        dispute("d0", "o", DisputeStatus::InReview, "2026-11-01T10:00:00Z"),
        "Earlier text",
    );
    let known = [open.clone()];
    let (found, outcome, unsent) =
        filed_after_lost_answer("o", &known, &known, requested, sent).unwrap();
    assert_eq!(
        (found.id.as_str(), outcome, unsent.as_deref()),
        ("d0", DisputeOutcome::ExistingOpen, Some(sent))
    );
}
