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

mod chart_geometry {
    use lumo_api::insights::chart::{bars, chart_width, hundredths, percent_css, Layout};
    use rust_decimal::Decimal;

    const LAYOUT: Layout = Layout {
        slot: 20,
        gap: 4,
        height: 100,
        stub: 1,
    };

    fn some(values: &[i64]) -> Vec<Option<Decimal>> {
        values.iter().map(|v| Some(Decimal::from(*v))).collect()
    }

    #[test]
    fn the_largest_value_fills_the_height_and_the_others_their_exact_share() {
        let out = bars(&some(&[10, 5, 0, 3]), LAYOUT);
        assert_eq!(chart_width(4, LAYOUT), 80);
        let heights: Vec<u32> = out.iter().map(|b| b.height).collect();
        assert_eq!(heights, vec![100, 50, 1, 30]);
        assert!(out.iter().all(|b| b.y + b.height == 100 && b.width == 16));
        let xs: Vec<u32> = out.iter().map(|b| b.x).collect();
        assert_eq!(xs, vec![2, 22, 42, 62]);
        let slots: Vec<u32> = out.iter().map(|b| b.slot_x).collect();
        assert_eq!(slots, vec![0, 20, 40, 60]);
        assert_eq!(
            out.iter().map(|b| b.stub).collect::<Vec<_>>(),
            vec![false, false, true, false]
        );
        // Centres: 10, 30, 50, 70 of 80 units.
        let centers: Vec<u32> = out.iter().map(|b| b.center_hundredths).collect();
        assert_eq!(centers, vec![1250, 3750, 6250, 8750]);
    }

    #[test]
    fn shares_round_half_up_and_tiny_values_stay_visible() {
        // 1/8 of 100 = 12.5 -> 13; 1/1000 of 100 = 0.1 -> at least a stub plus one.
        let out = bars(&some(&[8, 1]), LAYOUT);
        assert_eq!(out[1].height, 13);
        let out = bars(&some(&[1000, 1]), LAYOUT);
        assert_eq!((out[1].height, out[1].stub), (2, false));
    }

    #[test]
    fn money_values_scale_exactly_and_unknown_or_negative_values_are_stubs() {
        let values = vec![
            Some(Decimal::new(12_345, 2)),
            Some(Decimal::new(-500, 2)),
            None,
            Some(Decimal::new(6_173, 2)),
        ];
        let out = bars(&values, LAYOUT);
        let heights: Vec<(u32, bool)> = out.iter().map(|b| (b.height, b.stub)).collect();
        assert_eq!(
            heights,
            vec![(100, false), (1, true), (1, true), (50, false)]
        );
    }

    #[test]
    fn extreme_values_neither_overflow_nor_panic() {
        let out = bars(&[Some(Decimal::MAX), Some(Decimal::ONE)], LAYOUT);
        assert_eq!(out[0].height, 100);
        assert_eq!(out[1].height, 2);
        assert!(bars(&[], LAYOUT).is_empty());
        assert_eq!(bars(&some(&[0, 0]), LAYOUT)[0].height, 1);
        let odd = Layout {
            slot: 1,
            gap: 5,
            height: 0,
            stub: 3,
        };
        let out = bars(&some(&[4]), odd);
        assert_eq!((out[0].width, out[0].height, out[0].y), (1, 0, 0));
        assert_eq!(chart_width(usize::MAX, LAYOUT), u32::MAX);
    }

    #[test]
    fn percentages_for_css_are_written_with_integers() {
        assert_eq!(hundredths(1, 3), 3333);
        assert_eq!(hundredths(2, 3), 6667);
        assert_eq!(hundredths(5, 0), 0);
        assert_eq!(hundredths(9, 4), 10_000);
        assert_eq!(hundredths(u64::MAX, u64::MAX), 10_000);
        assert_eq!(percent_css(1250), "12.50%");
        assert_eq!(percent_css(7), "0.07%");
        assert_eq!(percent_css(10_000), "100.00%");
    }
}

#[test]
fn refund_amounts_wait_for_every_full_refund_and_take_scanned_or_looked_up_amounts() {
    let mut partial = dispute("d3", "o3", 4, "resolved", Some("partial_refund"));
    partial.refund_amount = Some(usdt(250));
    let disputes = vec![
        dispute("d1", "scanned", 2, "resolved", Some("refund")),
        dispute("d2", "older", 3, "resolved", Some("refund")),
        partial,
        dispute("d4", "gone", 5, "resolved", Some("refund")),
        dispute("d5", "ancient", 200, "resolved", Some("refund")), // outside 30 days
    ];
    let scanned = amounts(&[("scanned", 1_000)]);
    let mut looked_up = HashMap::new();
    assert_eq!(
        refund_amounts(&disputes, &scanned, &looked_up, period(30), now()),
        None,
        "two full refunds have no amount yet"
    );
    looked_up.insert("older".to_string(), Some(usdt(2_000)));
    assert_eq!(
        refund_amounts(&disputes, &scanned, &looked_up, period(30), now()),
        None
    );
    looked_up.insert("gone".to_string(), None);
    let known = refund_amounts(&disputes, &scanned, &looked_up, period(30), now()).unwrap();
    assert_eq!(known, amounts(&[("scanned", 1_000), ("older", 2_000)]));
    let insights = compute(&disputes, &known, period(30), now());
    assert_eq!(insights.refunded, Ok(usdt(3_250)));
    assert_eq!(insights.refunds_without_amount, 1);
}

#[test]
fn counts_are_grouped_by_three_with_no_break_spaces() {
    assert_eq!(format_count(0), "0");
    assert_eq!(format_count(999), "999");
    assert_eq!(format_count(1_000), "1\u{a0}000");
    assert_eq!(format_count(10_240), "10\u{a0}240");
    assert_eq!(format_count(1_234_567), "1\u{a0}234\u{a0}567");
}

#[test]
fn the_orders_scan_asks_for_more_pages_at_once_as_full_pages_of_the_period_come_back() {
    let mut scan = OrdersScan::new(period(90), now());
    assert_eq!(
        scan.window(),
        1,
        "one page first: a short period may be all of it"
    );
    let offsets = |scan: &OrdersScan, n: usize| -> Vec<Option<u32>> {
        (0..n)
            .map(|i| scan.query_ahead(i).map(|q| q.page.offset))
            .collect()
    };
    assert_eq!(offsets(&scan, 2), vec![Some(0), Some(100)]);
    let full = |tag: &str| -> Vec<Order> {
        (0..100)
            .map(|i| order(&format!("{tag}{i}"), 1, "success"))
            .collect()
    };
    let mut windows = Vec::new();
    for tag in ["a", "b", "c", "d"] {
        assert_eq!(scan.add_page(&full(tag)), ScanStep::More);
        windows.push(scan.window());
    }
    assert_eq!(windows, vec![2, 4, MAX_IN_FLIGHT, MAX_IN_FLIGHT]);
    assert_eq!(MAX_IN_FLIGHT, 4);
    // Ahead of the next page (offset 400): 500, 600.
    assert_eq!(offsets(&scan, 3), vec![Some(400), Some(500), Some(600)]);
    assert_eq!(scan.add_page(&[]), ScanStep::Done);
    assert_eq!(scan.window(), 0);
    assert_eq!(scan.query_ahead(1), None);
    // Far past the last offset there is no query, and no overflow.
    let scan = OrdersScan::new(period(30), now());
    assert_eq!(scan.query_ahead(usize::MAX), None);
    assert_eq!(scan.query_ahead(50_000_000), None);
}

#[test]
fn orders_to_look_up_are_sorted_and_listed_once() {
    let disputes = vec![
        dispute("d1", "b", 1, "resolved", Some("refund")),
        dispute("d2", "a", 2, "resolved", Some("refund")),
        dispute("d3", "b", 3, "resolved", Some("refund")),
        dispute("d4", "c", 4, "resolved", Some("confirm")),
    ];
    assert_eq!(
        orders_to_look_up(&disputes, &HashMap::new(), period(30), now()),
        vec!["a".to_string(), "b".to_string()]
    );
}
