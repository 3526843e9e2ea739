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
}

#[test]
fn countdown_labels() {
    let left = |minutes, seconds| CountdownLabel::ExpiresIn { minutes, seconds };
    assert_eq!(countdown_label(30), left(0, 30));
    assert_eq!(countdown_label(27), left(0, 27));
    assert_eq!(countdown_label(9), left(0, 9));
    assert_eq!(countdown_label(1), left(0, 1));
    assert_eq!(countdown_label(60), left(1, 0));
    assert_eq!(countdown_label(125), left(2, 5));
    assert_eq!(countdown_label(0), CountdownLabel::Expired);
    assert_eq!(countdown_label(-3), CountdownLabel::Expired);
    assert_eq!(countdown_label(i64::MIN), CountdownLabel::Expired);
    let _ = countdown_label(i64::MAX);
}
