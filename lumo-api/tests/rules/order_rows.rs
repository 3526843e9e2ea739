use chrono::{DateTime, FixedOffset, TimeZone, Timelike, Utc};
use lumo_api::locale::Locale;
use lumo_api::models::{Order, OrderStatus};
use lumo_api::rules::order_rows::{order_row, TimeText};
use lumo_api::time::parse_rfc3339;
use rust_decimal::Decimal;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn east(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).unwrap()
}

fn order() -> Order {
    Order {
        id: "3f2a9c1e-0000-4000-8000-000000000001".into(),
        status: OrderStatus::Success,
        amount_rub: Decimal::new(1_250_050, 2),
        amount_usdt: Decimal::new(130_254_321, 6),
        rate: Some(Decimal::new(959_500, 4)),
        merchant_name: "OOO Romashka".into(),
        external_order_id: Some("ORD-100123".into()),
        payment_until: None,
        created_at: at("2026-11-24T10:05:00Z"),
        updated_at: None,
    }
}

#[test]
fn a_row_with_an_external_id() {
    let row = order_row(Locale::En, order(), east(3));
    assert_eq!(row.id, "3f2a9c1e-0000-4000-8000-000000000001");
    assert_eq!(row.href, "/orders/3f2a9c1e-0000-4000-8000-000000000001");
    assert_eq!(row.reference, "ORD-100123");
    assert!(!row.reference_is_api_id);
    assert_eq!(row.merchant, "OOO Romashka");
    assert_eq!(row.amount_rub, "12\u{a0}500.50\u{a0}RUB");
    assert_eq!(row.amount_usdt, "130.254321\u{a0}USDT");
    assert_eq!(row.rate.as_deref(), Some("95.95"));
    assert_eq!(row.status, OrderStatus::Success);
    assert_eq!(
        row.created,
        TimeText {
            local: "2026-11-24 13:05".into(),
            iso: "2026-11-24T10:05:00Z".into(),
            utc: "2026-11-24 10:05:00 UTC".into(),
        }
    );
}

#[test]
fn without_an_external_id_the_start_of_the_api_id() {
    for external in [None, Some(String::new()), Some("  ".into())] {
        let row = order_row(
            Locale::En,
            Order {
                external_order_id: external,
                ..order()
            },
            east(0),
        );
        assert_eq!(row.reference, "3f2a9c1e…");
        assert!(row.reference_is_api_id);
    }
}

#[test]
fn no_rate_and_more_decimals_than_shown() {
    let row = order_row(
        Locale::En,
        Order {
            rate: None,
            amount_rub: Decimal::new(1_005, 3),
            amount_usdt: Decimal::new(12_345_678, 7),
            ..order()
        },
        east(0),
    );
    assert_eq!(row.rate, None);
    // RUB rounds half away from zero to 2 decimals; USDT to 6.
    assert_eq!(row.amount_rub, "1.01\u{a0}RUB");
    assert_eq!(row.amount_usdt, "1.234568\u{a0}USDT");
}

#[test]
fn the_id_is_percent_encoded_in_the_link_only() {
    let row = order_row(
        Locale::En,
        Order {
            id: "a/b?c#d".into(),
            ..order()
        },
        east(0),
    );
    assert_eq!(row.id, "a/b?c#d");
    assert_eq!(row.href, "/orders/a%2Fb%3Fc%23d");
}

#[test]
fn an_unknown_status_is_kept() {
    let row = order_row(
        Locale::En,
        Order {
            status: OrderStatus::Unknown("on_hold".into()),
            ..order()
        },
        east(0),
    );
    assert_eq!(row.status, OrderStatus::Unknown("on_hold".into()));
}

#[test]
fn local_time_follows_the_offset_given() {
    let value = at("2026-11-24T22:30:00Z");
    assert_eq!(
        TimeText::new(Locale::En, &value, east(3)).local,
        "2026-11-25 01:30"
    );
    assert_eq!(
        TimeText::new(Locale::En, &value, east(-10)).local,
        "2026-11-24 12:30"
    );
    let half = FixedOffset::west_opt(9 * 3600 + 1800).unwrap();
    assert_eq!(
        TimeText::new(Locale::En, &value, half).local,
        "2026-11-24 13:00"
    );
    // The same text chrono's own conversion gives.
    let chrono_text = value
        .with_timezone(&east(3))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    assert_eq!(
        TimeText::new(Locale::En, &value, east(3)).local,
        chrono_text
    );
}

#[test]
fn a_local_time_out_of_range_falls_back_to_utc() {
    // The API may send any year chrono holds; the local time of its last second is beyond it.
    let last = Utc.from_utc_datetime(&chrono::NaiveDateTime::MAX.with_nanosecond(0).unwrap());
    let text = TimeText::new(Locale::En, &last, east(3));
    assert_eq!(text.local, text.utc);
    assert!(text.utc.ends_with(" UTC"));
    let parsed = parse_rfc3339("+262142-12-31T23:00:00Z").unwrap();
    assert_eq!(
        TimeText::new(Locale::En, &parsed, east(14)).local,
        TimeText::new(Locale::En, &parsed, east(14)).utc
    );
}

#[test]
fn a_russian_row() {
    let row = order_row(Locale::Ru, order(), east(3));
    assert_eq!(row.amount_rub, "12\u{a0}500,50\u{a0}₽");
    assert_eq!(row.amount_usdt, "130,254321\u{a0}USDT");
    assert_eq!(row.rate.as_deref(), Some("95,95"));
    assert_eq!(
        row.created,
        TimeText {
            local: "24.11.2026, 13:05".into(),
            iso: "2026-11-24T10:05:00Z".into(),
            utc: "2026-11-24 10:05:00 UTC".into(),
        }
    );
    // What is not language: the same in both.
    let english = order_row(Locale::En, order(), east(3));
    assert_eq!(row.id, english.id);
    assert_eq!(row.href, english.href);
    assert_eq!(row.reference, english.reference);
    assert_eq!(row.merchant, english.merchant);
    assert_eq!(row.status, english.status);
}

#[test]
fn a_russian_row_rounds_and_groups_as_the_english_one() {
    let row = order_row(
        Locale::Ru,
        Order {
            rate: Some(Decimal::new(-1_234_567_891, 7)),
            amount_rub: Decimal::new(-123_456_789_005, 3),
            amount_usdt: Decimal::new(12_345_678, 7),
            ..order()
        },
        east(0),
    );
    assert_eq!(row.amount_rub, "-123\u{a0}456\u{a0}789,01\u{a0}₽");
    assert_eq!(row.amount_usdt, "1,234568\u{a0}USDT");
    assert_eq!(row.rate.as_deref(), Some("-123,456789"));
}

#[test]
fn a_russian_local_time_follows_the_offset_and_falls_back_to_utc() {
    let value = at("2026-11-24T22:30:00Z");
    assert_eq!(
        TimeText::new(Locale::Ru, &value, east(3)).local,
        "25.11.2026, 01:30"
    );
    assert_eq!(
        TimeText::new(Locale::Ru, &value, east(-10)).local,
        "24.11.2026, 12:30"
    );
    let last = Utc.from_utc_datetime(&chrono::NaiveDateTime::MAX.with_nanosecond(0).unwrap());
    let text = TimeText::new(Locale::Ru, &last, east(3));
    assert_eq!(text.local, text.utc);
}
