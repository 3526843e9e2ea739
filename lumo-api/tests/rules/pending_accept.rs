//! The accept conversation of `rules::quotes::pending`: a lost answer never leads to a second
//! order, and only a definite answer leads on.

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Order, OrderStatus, PrepareOrderRequest, Quote};
use lumo_api::rules::quotes::pending::*;
use lumo_api::ApiError;
use rust_decimal::Decimal;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn deadline() -> DateTime<Utc> {
    at("2026-11-24T10:00:30Z")
}

fn pending() -> PendingAccept {
    PendingAccept {
        quote: Quote {
            id: "8c1f0a52-4c1e-4d9a-9a53-0d1b5f7e2a10".into(),
            amount_rub: Decimal::new(500000, 2),
            amount_usdt: Decimal::new(5263, 2),
            rate: Decimal::new(950, 1),
            expires_at: deadline(),
            is_balance_sufficient: true,
            merchant_name: "OOO \"Romashka\" <script>".into(),
        },
        deadline: deadline(),
        request: PrepareOrderRequest {
            qr_code: "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&sum=500000"
                .into(),
            external_order_id: Some("ORD-1".into()),
        },
        idempotency_key: "0b7d3c1e-1f2a-4b3c-8d4e-5f6a7b8c9d0e".into(),
    }
}

fn order(id: &str) -> Order {
    Order {
        id: id.into(),
        status: OrderStatus::InProgress,
        amount_rub: Decimal::new(500000, 2),
        amount_usdt: Decimal::new(5263, 2),
        rate: None,
        merchant_name: "OOO Romashka".into(),
        external_order_id: None,
        payment_until: None,
        created_at: at("2026-11-24T10:00:05Z"),
        updated_at: None,
    }
}

fn timeout() -> ApiError {
    ApiError::Timeout { seconds: 15 }
}

fn not_found() -> ApiError {
    ApiError::NotFound { message: None }
}

fn before_deadline() -> DateTime<Utc> {
    deadline() - Duration::seconds(10)
}

#[test]
fn a_stored_pending_accept_round_trips_and_garbage_is_ignored() {
    let p = pending();
    assert_eq!(PendingAccept::from_json(&p.to_json()), Some(p.clone()));
    assert_eq!(PendingAccept::from_json("{"), None);
    assert_eq!(PendingAccept::from_json(""), None);
    let mut no_key = p;
    no_key.idempotency_key = " ".into();
    assert_eq!(PendingAccept::from_json(&no_key.to_json()), None);
}

#[test]
fn an_answered_accept_is_placed() {
    let mut check = AcceptCheck::new();
    assert_eq!(check.before_accept(), None);
    let step = check.after_accept(Ok(order("q")));
    assert_eq!(step, AcceptStep::Placed(Box::new(order("q"))));
}

#[test]
fn a_lost_answer_is_read_back_before_anything_is_sent_again() {
    for lost in [
        timeout(),
        ApiError::Network {
            detail: "dropped".into(),
        },
        ApiError::Server {
            status: 502,
            message: None,
        },
    ] {
        let mut check = AcceptCheck::new();
        check.before_accept();
        assert_eq!(
            check.after_accept(Err(lost)),
            AcceptStep::ReadBack { after_ms: 0 }
        );
        // The server did place it: the read-back shows the order, nothing is sent again.
        let step = check.after_read(Ok(order("q")), before_deadline(), deadline());
        assert_eq!(step, AcceptStep::Placed(Box::new(order("q"))));
        assert_eq!(check.accepts_sent(), 1);
    }
}

#[test]
fn not_there_yet_while_the_quote_is_valid_sends_accept_again() {
    let mut check = AcceptCheck::new();
    check.before_accept();
    check.after_accept(Err(timeout()));
    let step = check.after_read(Err(not_found()), before_deadline(), deadline());
    assert_eq!(step, AcceptStep::SendAccept);
}

#[test]
fn absence_after_the_deadline_counts_only_after_the_grace_period() {
    let mut check = AcceptCheck::new();
    check.before_accept();
    check.after_accept(Err(timeout()));
    let just_after = deadline() + Duration::seconds(1);
    assert_eq!(
        check.after_read(Err(not_found()), just_after, deadline()),
        AcceptStep::ReadBack { after_ms: 2_000 }
    );
    let settled = deadline() + Duration::seconds(GRACE_AFTER_DEADLINE_SECONDS);
    assert_eq!(
        check.after_read(Err(not_found()), settled, deadline()),
        AcceptStep::NotPlaced(NotPlaced::Expired)
    );
}

#[test]
fn a_refusal_is_read_back_and_stands_only_if_the_order_is_absent() {
    let refused = || ApiError::Conflict {
        message: Some("Quote has expired".into()),
    };
    let mut check = AcceptCheck::new();
    check.before_accept();
    assert_eq!(
        check.after_accept(Err(refused())),
        AcceptStep::ReadBack { after_ms: 0 }
    );
    assert_eq!(
        check.after_read(Err(not_found()), before_deadline(), deadline()),
        AcceptStep::NotPlaced(NotPlaced::Refused {
            message: Some("Quote has expired".into())
        })
    );

    // "Already accepted" after our own first try got through: the order is there, so it's ours.
    let mut check = AcceptCheck::new();
    check.before_accept();
    check.after_accept(Err(timeout()));
    check.after_read(Err(not_found()), before_deadline(), deadline());
    check.before_accept();
    check.after_accept(Err(refused()));
    let step = check.after_read(Ok(order("q")), before_deadline(), deadline());
    assert_eq!(step, AcceptStep::Placed(Box::new(order("q"))));
}

#[test]
fn failing_reads_back_off_then_stall_without_offering_a_new_quote() {
    let mut check = AcceptCheck::new();
    check.before_accept();
    check.after_accept(Err(timeout()));
    let mut waits = vec![];
    let mut last = None;
    for _ in 0..MAX_FAILED_READS {
        let step = check.after_read(Err(timeout()), deadline() + Duration::hours(1), deadline());
        match step {
            AcceptStep::ReadBack { after_ms } => waits.push(after_ms),
            other => {
                last = Some(other);
                break;
            }
        }
    }
    assert_eq!(waits, vec![1_000, 2_000, 4_000, 8_000, 10_000]);
    assert!(matches!(
        last,
        Some(AcceptStep::Stalled(Stall::Unreachable(
            ApiError::Timeout { .. }
        )))
    ));
    // "Check again" starts a new round of reads.
    check.restart();
    assert_eq!(
        check.after_read(Err(timeout()), deadline(), deadline()),
        AcceptStep::ReadBack { after_ms: 1_000 }
    );
}

#[test]
fn a_rate_limited_read_waits_at_least_retry_after() {
    let mut check = AcceptCheck::new();
    let limited = ApiError::RateLimited {
        retry_after: Some(7),
        message: None,
    };
    assert_eq!(
        check.after_read(Err(limited), deadline(), deadline()),
        AcceptStep::ReadBack { after_ms: 7_000 }
    );
    let absurd = ApiError::RateLimited {
        retry_after: Some(u32::MAX),
        message: None,
    };
    assert_eq!(
        check.after_read(Err(absurd), deadline(), deadline()),
        AcceptStep::ReadBack { after_ms: u32::MAX }
    );
}

#[test]
fn a_401_pauses_the_check_for_a_new_sign_in() {
    let mut check = AcceptCheck::new();
    check.before_accept();
    let unauthorized = || ApiError::Unauthorized { message: None };
    assert_eq!(
        check.after_accept(Err(unauthorized())),
        AcceptStep::Stalled(Stall::SignedOut)
    );
    assert_eq!(
        check.after_read(Err(unauthorized()), deadline(), deadline()),
        AcceptStep::Stalled(Stall::SignedOut)
    );
}

#[test]
fn accepts_are_capped_even_with_one_key() {
    let mut check = AcceptCheck::new();
    for _ in 0..MAX_ACCEPTS {
        assert_eq!(check.before_accept(), None);
        check.after_accept(Err(ApiError::Server {
            status: 500,
            message: None,
        }));
        assert_eq!(
            check.after_read(Err(not_found()), before_deadline(), deadline()),
            AcceptStep::SendAccept
        );
    }
    assert!(matches!(
        check.before_accept(),
        Some(AcceptStep::Stalled(Stall::NoDefiniteAnswer(
            ApiError::Server { status: 500, .. }
        )))
    ));
}

#[test]
fn only_the_quotes_own_order_counts_as_placed() {
    let p = pending();
    assert!(is_order_of(&order(&p.quote.id), &p));
    assert!(!is_order_of(&order("someone-else"), &p));
}

#[test]
fn a_deadline_at_the_end_of_time_cannot_panic() {
    let mut check = AcceptCheck::new();
    let end = DateTime::<Utc>::MAX_UTC;
    assert_eq!(
        check.after_read(Err(not_found()), end, end),
        AcceptStep::NotPlaced(NotPlaced::Expired)
    );
}
