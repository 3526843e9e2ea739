//! Dispute insights over fixed data: every figure of the page, and the edge cases.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use lumo_api::insights::*;
use lumo_api::models::{Dispute, DisputeResolution, DisputeStatus, Order, OrderStatus};
use rust_decimal::Decimal;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A Thursday.
fn now() -> DateTime<Utc> {
    at("2026-12-03T12:00:00Z")
}

fn usdt(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn dispute(
    id: &str,
    order: &str,
    days_ago: i64,
    status: &str,
    resolution: Option<&str>,
) -> Dispute {
    let created = now() - Duration::days(days_ago);
    let finished = matches!(status, "resolved" | "rejected");
    Dispute {
        id: id.into(),
        order_id: order.into(),
        status: DisputeStatus::from_wire(status),
        resolution: resolution.map(DisputeResolution::from_wire),
        reason: "r".into(),
        admin_comment: None,
        resolved_by: None,
        refund_amount: None,
        resolved_at: finished.then(|| created + Duration::hours(30)),
        created_at: created,
        updated_at: created,
    }
}

fn amounts(pairs: &[(&str, i64)]) -> HashMap<String, Decimal> {
    pairs
        .iter()
        .map(|(id, cents)| (id.to_string(), usdt(*cents)))
        .collect()
}

fn period(days: u32) -> Period {
    Period::new(days).unwrap()
}

fn row(insights: &Insights, outcome: Outcome) -> (usize, Option<u64>) {
    insights
        .outcomes
        .iter()
        .find(|r| r.outcome == outcome)
        .map(|r| (r.count, r.share_tenths))
        .unwrap_or((0, None))
}

#[test]
fn the_period_comes_from_the_url_with_90_days_by_default() {
    assert_eq!(Period::from_query(None), (period(90), false));
    assert_eq!(Period::from_query(Some("30")), (period(30), false));
    assert_eq!(Period::from_query(Some(" 365 ")), (period(365), false));
    assert_eq!(Period::from_query(Some("7")), (period(90), true));
    assert_eq!(Period::from_query(Some("-1")), (period(90), true));
    assert_eq!(
        Period::from_query(Some("99999999999999999999")),
        (period(90), true)
    );
    assert_eq!(Period::new(31), None);
}

#[test]
fn an_empty_period_has_zeroes_and_no_shares() {
    let disputes = vec![dispute("old", "o1", 400, "resolved", Some("refund"))];
    let insights = compute(&disputes, &HashMap::new(), period(365), now());
    assert_eq!(insights.opened, 0);
    assert_eq!(insights.open_now, 0);
    assert_eq!(insights.median_resolution_seconds, None);
    assert_eq!(insights.refunded, Ok(Decimal::ZERO));
    assert!(insights
        .outcomes
        .iter()
        .all(|r| r.count == 0 && r.share_tenths.is_none()));
    assert_eq!(
        insights.outcomes.len(),
        5,
        "no Other row without other values"
    );
    assert!(insights
        .weeks
        .iter()
        .all(|w| w.opened == 0 && w.refunded == Ok(Decimal::ZERO)));
    assert_eq!(insights.resolution_buckets, [0, 0, 0, 0]);
}

#[test]
fn every_figure_over_a_mixed_period() {
    let mut partial = dispute("d2", "o2", 10, "resolved", Some("partial_refund"));
    partial.refund_amount = Some(usdt(1_050));
    let mut quick = dispute("d4", "o4", 20, "rejected", None);
    quick.resolved_at = Some(quick.created_at + Duration::hours(2));
    let mut slow = dispute("d3", "o3", 40, "resolved", Some("confirm"));
    slow.resolved_at = Some(slow.created_at + Duration::days(9));
    let disputes = vec![
        dispute("d1", "o1", 5, "resolved", Some("refund")),
        partial,
        slow,
        quick,
        dispute("d5", "o5", 1, "submitted", None),
        dispute("d6", "o6", 2, "in_review", None),
        dispute("d7", "o7", 100, "resolved", Some("refund")), // outside 90 days
    ];
    let orders = amounts(&[("o1", 10_000), ("o2", 5_000), ("o7", 99_999)]);
    let insights = compute(&disputes, &orders, period(90), now());
    assert_eq!(insights.opened, 6);
    assert_eq!(insights.open_now, 2);
    assert_eq!(row(&insights, Outcome::Refund), (1, Some(167)));
    assert_eq!(row(&insights, Outcome::PartialRefund), (1, Some(167)));
    assert_eq!(row(&insights, Outcome::Confirmed), (1, Some(167)));
    assert_eq!(row(&insights, Outcome::Rejected), (1, Some(167)));
    assert_eq!(row(&insights, Outcome::Open), (2, Some(333)));
    // Full refund: the order's 100.00; partial: its refundAmount 10.50.
    assert_eq!(insights.refunded, Ok(usdt(11_050)));
    assert_eq!(insights.refunds_without_amount, 0);
    // Resolutions: 2 h, 30 h, 30 h, 9 d -> median of 30 h and 30 h.
    assert_eq!(insights.resolved_count, 4);
    assert_eq!(insights.median_resolution_seconds, Some(30 * 3600));
    assert_eq!(insights.resolution_buckets, [1, 2, 0, 1]);
    assert_eq!(insights.weeks.iter().map(|w| w.opened).sum::<usize>(), 6);
    let total_weekly = insights
        .weeks
        .iter()
        .try_fold(Decimal::ZERO, |sum, w| w.refunded.map(|r| sum + r));
    assert_eq!(total_weekly, Ok(usdt(11_050)));
}

#[test]
fn all_open_has_no_median_and_a_full_open_share() {
    let disputes: Vec<Dispute> = (0..3)
        .map(|i| dispute(&format!("d{i}"), "o", i, "submitted", None))
        .collect();
    let insights = compute(&disputes, &HashMap::new(), period(30), now());
    assert_eq!(insights.open_now, 3);
    assert_eq!(row(&insights, Outcome::Open), (3, Some(1000)));
    assert_eq!(insights.median_resolution_seconds, None);
    assert_eq!(format_tenths(1000), "100.0 %");
}

#[test]
fn unknown_statuses_and_resolutions_go_to_other_with_their_raw_values() {
    let disputes = vec![
        dispute("d1", "o1", 1, "escalated", None),
        dispute("d2", "o2", 2, "resolved", Some("chargeback")),
        dispute("d3", "o3", 3, "resolved", None),
        dispute("d4", "o4", 4, "escalated", None),
    ];
    let insights = compute(&disputes, &HashMap::new(), period(30), now());
    assert_eq!(row(&insights, Outcome::Other), (4, Some(1000)));
    assert_eq!(
        insights.outcomes.last().map(|r| r.outcome),
        Some(Outcome::Other)
    );
    assert_eq!(
        insights.other_values,
        vec![
            "resolution chargeback",
            "resolved without a resolution",
            "status escalated"
        ]
    );
}

#[test]
fn a_refund_whose_order_is_not_found_is_counted_apart() {
    let disputes = vec![dispute("d1", "gone", 3, "resolved", Some("refund"))];
    let insights = compute(&disputes, &HashMap::new(), period(30), now());
    assert_eq!(insights.refunded, Ok(Decimal::ZERO));
    assert_eq!(insights.refunds_without_amount, 1);
    assert_eq!(
        orders_to_look_up(&disputes, &HashMap::new(), period(30), now()),
        vec!["gone".to_string()]
    );
    assert!(orders_to_look_up(&disputes, &amounts(&[("gone", 1)]), period(30), now()).is_empty());
}

#[test]
fn a_refund_larger_than_its_order_counts_as_given_and_is_flagged() {
    let mut big = dispute("d1", "o1", 3, "resolved", Some("partial_refund"));
    big.refund_amount = Some(usdt(50_000));
    let insights = compute(&[big], &amounts(&[("o1", 1_000)]), period(30), now());
    assert_eq!(insights.refunded, Ok(usdt(50_000)));
    assert_eq!(insights.refunds_above_order, 1);
}

#[test]
fn refunds_beyond_any_decimal_say_so_instead_of_panicking() {
    let disputes: Vec<Dispute> = (0..2)
        .map(|i| {
            let mut d = dispute(&format!("d{i}"), "o", 1, "resolved", Some("partial_refund"));
            d.refund_amount = Some(Decimal::MAX);
            d
        })
        .collect();
    let insights = compute(&disputes, &HashMap::new(), period(30), now());
    assert!(insights.refunded.is_err());
}

#[test]
fn weeks_start_on_monday_cover_the_period_and_keep_empty_weeks() {
    let weeks = period(30).weeks(now());
    assert_eq!(
        weeks.first().map(|w| w.start),
        NaiveDate::from_ymd_opt(2026, 11, 2)
    );
    assert_eq!(
        weeks.last().map(|w| w.start),
        NaiveDate::from_ymd_opt(2026, 11, 30)
    );
    assert_eq!(weeks.len(), 5);
    assert!(weeks
        .windows(2)
        .all(|w| w[1].start - w[0].start == Duration::days(7)));
    assert_eq!(period(365).weeks(now()).len(), 53);
    let disputes = vec![dispute("d1", "o", 0, "submitted", None)];
    let insights = compute(&disputes, &HashMap::new(), period(30), now());
    let opened: Vec<usize> = insights.weeks.iter().map(|w| w.opened).collect();
    assert_eq!(opened, vec![0, 0, 0, 0, 1]);
    // The calendar's ends do not panic.
    assert!(!period(365).weeks(DateTime::<Utc>::MAX_UTC).is_empty());
    assert!(!period(365).weeks(DateTime::<Utc>::MIN_UTC).is_empty());
}

#[test]
fn buckets_medians_shares_and_durations() {
    assert_eq!(resolution_bucket(0), 0);
    assert_eq!(resolution_bucket(86_399), 0);
    assert_eq!(resolution_bucket(86_400), 1);
    assert_eq!(resolution_bucket(3 * 86_400), 2);
    assert_eq!(resolution_bucket(7 * 86_400), 2);
    assert_eq!(resolution_bucket(7 * 86_400 + 1), 3);
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [5, 1, 3]), Some(3));
    assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
    assert_eq!(median(&mut [i64::MAX, i64::MAX]), Some(i64::MAX));
    assert_eq!(tenths_of_percent(1, 3), Some(333));
    assert_eq!(tenths_of_percent(2, 3), Some(667));
    assert_eq!(tenths_of_percent(1, 0), None);
    // Beyond u64 there is no share to show (no wrap, no panic).
    assert_eq!(tenths_of_percent(usize::MAX, 1), None);
    assert_eq!(dispute_rate(3, 200), Some(15));
    assert_eq!(format_tenths(15), "1.5 %");
    assert_eq!(format_duration(0), "under 1 min");
    assert_eq!(format_duration(12 * 60), "12 min");
    assert_eq!(format_duration(5 * 3600 + 12 * 60), "5 h 12 min");
    assert_eq!(format_duration(2 * 86_400 + 5 * 3600 + 59), "2 d 5 h");
    assert_eq!(format_duration(-5), "under 1 min");
}

fn order(id: &str, days_ago: i64, status: &str) -> Order {
    Order {
        id: id.into(),
        status: OrderStatus::from_wire(status),
        amount_rub: usdt(100_000),
        amount_usdt: usdt(1_000),
        rate: None,
        merchant_name: "m".into(),
        external_order_id: None,
        payment_until: None,
        created_at: now() - Duration::days(days_ago),
        updated_at: None,
    }
}

#[test]
fn the_orders_scan_counts_completed_orders_until_one_is_older_than_the_period() {
    let mut scan = OrdersScan::new(period(30), now());
    let first = scan.next_query().unwrap();
    assert_eq!((first.page.limit, first.page.offset), (100, 0));
    let page1: Vec<Order> = (0..100)
        .map(|i| {
            let status = ["success", "failed", "disputed", "created", "in_progress"][i % 5];
            order(&format!("a{i}"), 0, status)
        })
        .collect();
    assert_eq!(scan.add_page(&page1), ScanStep::More);
    assert_eq!(scan.next_query().unwrap().page.offset, 100);
    let mut page2: Vec<Order> = (0..99)
        .map(|i| order(&format!("b{i}"), 29, "success"))
        .collect();
    page2.push(order("old", 31, "success"));
    assert_eq!(scan.add_page(&page2), ScanStep::Done);
    assert!(scan.is_done());
    assert_eq!(scan.next_query().map(|q| q.page.offset), None);
    assert_eq!(scan.scanned(), 199);
    assert_eq!(scan.completed(), 60 + 99);
    assert!(
        scan.amounts().contains_key("old"),
        "older orders still give their amounts"
    );
}

#[test]
fn the_orders_scan_stops_on_a_short_page_and_on_a_repeated_one() {
    let mut scan = OrdersScan::new(period(90), now());
    assert_eq!(scan.add_page(&[order("x", 1, "success")]), ScanStep::Done);
    assert_eq!(scan.completed(), 1);

    let mut scan = OrdersScan::new(period(90), now());
    let page: Vec<Order> = (0..100)
        .map(|i| order(&format!("p{i}"), 1, "success"))
        .collect();
    assert_eq!(scan.add_page(&page), ScanStep::More);
    assert_eq!(scan.add_page(&page), ScanStep::RepeatedPage);
    assert!(scan.is_done());
    assert_eq!(scan.completed(), 100);
}

#[test]
fn the_clock_is_the_newest_date_the_api_has_shown() {
    let mut ahead = dispute("d", "o", 0, "submitted", None);
    ahead.updated_at = now() + Duration::hours(3);
    assert_eq!(clock_from(&[ahead], now()), now() + Duration::hours(3));
    assert_eq!(clock_from(&[], now()), now());
}
