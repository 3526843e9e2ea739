use chrono::{DateTime, Duration, Utc};
use lumo_api::models::Quote;
use lumo_api::rules::quotes::*;
use rust_decimal::Decimal;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn quote(sufficient: bool) -> Quote {
    Quote {
        id: "q".into(),
        amount_rub: Decimal::new(500000, 2),
        amount_usdt: Decimal::new(5263, 2),
        rate: Decimal::new(950, 1),
        expires_at: at("2026-11-24T10:00:30Z"),
        is_balance_sufficient: sufficient,
        merchant_name: "OOO Romashka".into(),
    }
}

#[test]
fn seconds_left_rounds_down_and_stops_at_zero() {
    let expires = at("2026-11-24T10:00:30Z");
    let before = |ms: i64| seconds_left(expires, expires - Duration::milliseconds(ms));
    assert_eq!(before(30_000), 30);
    assert_eq!(before(27_999), 27);
    assert_eq!(before(1_000), 1);
    assert_eq!(before(999), 0);
    assert_eq!(before(0), 0);
    assert_eq!(before(-5_000), 0);
    assert!(seconds_left(DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC) > 0);
}

#[test]
fn expired_from_the_instant_it_is_reached() {
    let q = quote(true);
    assert!(!is_expired(&q, q.expires_at - Duration::milliseconds(1)));
    assert!(is_expired(&q, q.expires_at));
    assert!(is_expired(&q, q.expires_at + Duration::seconds(1)));
}

#[test]
fn can_accept_checks_expiry_then_balance() {
    let fresh = at("2026-11-24T10:00:10Z");
    assert_eq!(can_accept(&quote(true), fresh), Ok(()));
    assert_eq!(
        can_accept(&quote(false), fresh),
        Err(AcceptBlock::InsufficientBalance)
    );
    let late = at("2026-11-24T10:00:30Z");
    assert_eq!(can_accept(&quote(true), late), Err(AcceptBlock::Expired));
    assert_eq!(can_accept(&quote(false), late), Err(AcceptBlock::Expired));
    assert!(AcceptBlock::Expired.to_string().contains("expired"));
    assert!(AcceptBlock::InsufficientBalance
        .reason()
        .contains("balance"));
}

#[test]
fn countdown_labels() {
    assert_eq!(countdown_label(30), "Expires in 0:30");
    assert_eq!(countdown_label(27), "Expires in 0:27");
    assert_eq!(countdown_label(9), "Expires in 0:09");
    assert_eq!(countdown_label(1), "Expires in 0:01");
    assert_eq!(countdown_label(60), "Expires in 1:00");
    assert_eq!(countdown_label(125), "Expires in 2:05");
    assert_eq!(countdown_label(0), "Expired");
    assert_eq!(countdown_label(-3), "Expired");
    assert_eq!(countdown_label(i64::MIN), "Expired");
    let _ = countdown_label(i64::MAX);
}
