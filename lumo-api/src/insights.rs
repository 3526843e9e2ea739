//! Dispute insights: what the whole of a company's disputes looks like over a period.
//!
//! Everything is for disputes OPENED (createdAt) in the period, read against one `now` (the
//! API's clock as the dates show it, see [`clock_from`]). Pure and exact: counts are integers,
//! shares and rates are tenths of a percent rounded half up, money sums go through
//! [`crate::rules::amounts`] and can say "too large to show", never panic.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;

use crate::models::{Dispute, DisputeResolution, DisputeStatus, Order, OrderStatus};
use crate::rules::amounts::{add, Total};

pub mod chart;
mod orders_scan;
mod period;

pub use orders_scan::{OrdersScan, ScanStep, MAX_IN_FLIGHT, SCAN_PAGE_SIZE};
pub use period::{Period, PERIODS};

/// How a dispute ended, or that it has not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Refund,
    PartialRefund,
    Confirmed,
    Rejected,
    /// Submitted or in review.
    Open,
    /// A status or resolution the portal does not know (listed raw).
    Other,
}

/// The rows of the outcome table, in the order shown ("Other" only when there is one).
pub const OUTCOMES: [Outcome; 5] = [
    Outcome::Refund,
    Outcome::PartialRefund,
    Outcome::Confirmed,
    Outcome::Rejected,
    Outcome::Open,
];

/// A dispute's outcome, and for [`Outcome::Other`] the raw value that put it there.
pub fn outcome_of(dispute: &Dispute) -> (Outcome, Option<String>) {
    match (&dispute.status, &dispute.resolution) {
        (DisputeStatus::Submitted | DisputeStatus::InReview, _) => (Outcome::Open, None),
        (DisputeStatus::Rejected, _) => (Outcome::Rejected, None),
        (DisputeStatus::Resolved, Some(DisputeResolution::Refund)) => (Outcome::Refund, None),
        (DisputeStatus::Resolved, Some(DisputeResolution::PartialRefund)) => {
            (Outcome::PartialRefund, None)
        }
        (DisputeStatus::Resolved, Some(DisputeResolution::Confirm)) => (Outcome::Confirmed, None),
        (DisputeStatus::Resolved, Some(DisputeResolution::Unknown(raw))) => {
            (Outcome::Other, Some(format!("resolution {raw}")))
        }
        (DisputeStatus::Resolved, None) => {
            (Outcome::Other, Some("resolved without a resolution".into()))
        }
        (DisputeStatus::Unknown(raw), _) => (Outcome::Other, Some(format!("status {raw}"))),
    }
}

/// One row of the outcome table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    pub outcome: Outcome,
    pub count: usize,
    /// Share of the disputes opened, in tenths of a percent; `None` when none were opened.
    pub share_tenths: Option<u64>,
}

/// Time to resolution, bucketed as the chart shows it.
pub const RESOLUTION_BUCKETS: [&str; 4] = ["Under 1 day", "1-3 days", "3-7 days", "Over 7 days"];

const DAY_SECONDS: i64 = 86_400;

/// The bucket of a time to resolution: under 1 day, 1 to under 3, 3 to 7, over 7 days.
pub fn resolution_bucket(seconds: i64) -> usize {
    match seconds {
        s if s < DAY_SECONDS => 0,
        s if s < 3 * DAY_SECONDS => 1,
        s if s <= 7 * DAY_SECONDS => 2,
        _ => 3,
    }
}

/// One week of the period (weeks start on Monday, UTC).
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub start: NaiveDate,
    pub opened: usize,
    /// USDT refunded by the disputes of the period that were resolved this week.
    pub refunded: Total,
}

/// Everything on the insights page but the dispute rate (which needs the period's orders).
#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    pub period: Period,
    pub now: DateTime<Utc>,
    pub opened: usize,
    pub open_now: usize,
    /// Median createdAt -> resolvedAt of the resolved and rejected disputes, in seconds.
    pub median_resolution_seconds: Option<i64>,
    /// How many disputes the median is over.
    pub resolved_count: usize,
    /// Full refunds count their order's amountUsdt, partial refunds their refundAmount.
    pub refunded: Total,
    /// Refunds left out of [`Insights::refunded`] because their amount is unknown (a full
    /// refund whose order was not found, a partial refund without refundAmount).
    pub refunds_without_amount: usize,
    /// Refunds larger than their order's amount (counted as the API gives them).
    pub refunds_above_order: usize,
    pub outcomes: Vec<OutcomeRow>,
    /// The raw values counted as "Other", sorted, each once.
    pub other_values: Vec<String>,
    pub weeks: Vec<Week>,
    pub resolution_buckets: [usize; 4],
}

/// The clock to read the period against: the newest date the API has shown (any dispute's or
/// order's createdAt/updatedAt), or the browser's if that is later or nothing was seen. A
/// sandbox whose clock runs ahead of the browser then still puts its newest dispute in the
/// period.
pub fn clock_from(disputes: &[Dispute], browser_now: DateTime<Utc>) -> DateTime<Utc> {
    disputes
        .iter()
        .flat_map(|d| [Some(d.created_at), Some(d.updated_at), d.resolved_at])
        .flatten()
        .fold(browser_now, DateTime::max)
}

/// Compute the insights of `period` at `now`. `orders_by_id` holds what is known of the
/// disputes' orders (for full refunds); orders not in it count as "amount unknown".
pub fn compute(
    disputes: &[Dispute],
    orders_by_id: &HashMap<String, Decimal>,
    period: Period,
    now: DateTime<Utc>,
) -> Insights {
    let in_period: Vec<&Dispute> = disputes
        .iter()
        .filter(|d| period.contains(d.created_at, now))
        .collect();
    let opened = in_period.len();

    let mut counts: HashMap<Outcome, usize> = HashMap::new();
    let mut other_values = BTreeSet::new();
    let mut durations = Vec::new();
    let mut resolution_buckets = [0usize; 4];
    let mut refunded: Total = Ok(Decimal::ZERO);
    let mut refunds_without_amount = 0;
    let mut refunds_above_order = 0;
    let mut weeks = period.weeks(now);

    for dispute in &in_period {
        let (outcome, raw) = outcome_of(dispute);
        *counts.entry(outcome).or_default() += 1;
        if let Some(raw) = raw {
            other_values.insert(raw);
        }
        if let Some(week) = week_index(&weeks, dispute.created_at) {
            weeks[week].opened += 1;
        }
        let finished = matches!(
            dispute.status,
            DisputeStatus::Resolved | DisputeStatus::Rejected
        );
        if let (true, Some(resolved_at)) = (finished, dispute.resolved_at) {
            let seconds = resolved_at
                .signed_duration_since(dispute.created_at)
                .num_seconds()
                .max(0);
            durations.push(seconds);
            resolution_buckets[resolution_bucket(seconds)] += 1;
        }
        let order_amount = orders_by_id.get(&dispute.order_id).copied();
        let refund = match outcome {
            Outcome::Refund => order_amount,
            Outcome::PartialRefund => dispute.refund_amount,
            _ => continue,
        };
        let Some(amount) = refund else {
            refunds_without_amount += 1;
            continue;
        };
        if order_amount.is_some_and(|order| amount > order) {
            refunds_above_order += 1;
        }
        refunded = add(refunded, amount);
        let when = dispute.resolved_at.unwrap_or(dispute.created_at);
        let week = week_index(&weeks, when).or_else(|| weeks.len().checked_sub(1));
        if let Some(week) = week {
            weeks[week].refunded = add(weeks[week].refunded, amount);
        }
    }

    let mut outcomes: Vec<OutcomeRow> = OUTCOMES
        .iter()
        .map(|&outcome| row(outcome, counts.get(&outcome).copied().unwrap_or(0), opened))
        .collect();
    if let Some(&other) = counts.get(&Outcome::Other) {
        outcomes.push(row(Outcome::Other, other, opened));
    }

    Insights {
        period,
        now,
        opened,
        open_now: counts.get(&Outcome::Open).copied().unwrap_or(0),
        resolved_count: durations.len(),
        median_resolution_seconds: median(&mut durations),
        refunded,
        refunds_without_amount,
        refunds_above_order,
        outcomes,
        other_values: other_values.into_iter().collect(),
        weeks,
        resolution_buckets,
    }
}

fn row(outcome: Outcome, count: usize, total: usize) -> OutcomeRow {
    OutcomeRow {
        outcome,
        count,
        share_tenths: tenths_of_percent(count, total),
    }
}

/// `part / whole` in tenths of a percent, rounded half up; `None` when `whole` is 0.
pub fn tenths_of_percent(part: usize, whole: usize) -> Option<u64> {
    let part = u128::try_from(part).ok()?;
    let whole = u128::try_from(whole).ok().filter(|w| *w > 0)?;
    let tenths = (part * 2000 + whole) / (2 * whole);
    u64::try_from(tenths).ok()
}

/// Tenths of a percent as text with one decimal: 123 -> "12.3 %".
pub fn format_tenths(tenths: u64) -> String {
    format!("{}.{} %", tenths / 10, tenths % 10)
}

/// The dispute rate: disputes opened / orders created in the period that completed (success,
/// failed or disputed), in tenths of a percent; `None` without such orders.
pub fn dispute_rate(opened: usize, completed_orders: usize) -> Option<u64> {
    tenths_of_percent(opened, completed_orders)
}

/// Whether an order counts in the rate's denominator.
pub fn is_completed(order: &Order) -> bool {
    matches!(
        order.status,
        OrderStatus::Success | OrderStatus::Failed | OrderStatus::Disputed
    )
}

/// The median of `values` (sorted here); the mean of the two middle ones for an even count,
/// rounded down.
pub fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        return values.get(n / 2).copied();
    }
    let (a, b) = (values.get(n / 2 - 1)?, values.get(n / 2)?);
    let mean = (i128::from(*a) + i128::from(*b)).div_euclid(2);
    i64::try_from(mean).ok()
}

/// A duration for people: "2 d 5 h", "5 h 12 min", "12 min", "under 1 min".
pub fn format_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let days = seconds / DAY_SECONDS;
    let hours = (seconds % DAY_SECONDS) / 3600;
    let minutes = (seconds % 3600) / 60;
    match (days, hours, minutes) {
        (0, 0, 0) => "under 1 min".into(),
        (0, 0, m) => format!("{m} min"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// The Monday of the week holding `at` (UTC).
pub fn week_start(at: DateTime<Utc>) -> NaiveDate {
    let date = at.date_naive();
    let back = i64::from(date.weekday().num_days_from_monday());
    date.checked_sub_signed(TimeDelta::days(back))
        .unwrap_or(date)
}

fn week_index(weeks: &[Week], at: DateTime<Utc>) -> Option<usize> {
    let start = week_start(at);
    weeks.iter().position(|week| week.start == start)
}

/// Orders whose amount a full refund of the period needs but `known` lacks (an order older
/// than the period's own orders): the page reads them one by one.
pub fn orders_to_look_up(
    disputes: &[Dispute],
    known: &HashMap<String, Decimal>,
    period: Period,
    now: DateTime<Utc>,
) -> Vec<String> {
    // Sorted and deduplicated in place: a BTreeSet's `collect` brings a second sort into the
    // wasm.
    let mut ids: Vec<&str> = disputes
        .iter()
        .filter(|d| period.contains(d.created_at, now))
        .filter(|d| outcome_of(d).0 == Outcome::Refund && !known.contains_key(&d.order_id))
        .map(|d| d.order_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(str::to_string).collect()
}

/// The order amounts [`compute`] needs for the full refunds of the period, once every one is
/// known: from the orders the scan read (`scanned`), else from the orders looked up one by one
/// (`looked_up`; `None` for an order the API did not find, whose refund then counts as "amount
/// unknown"). `None` while some order is neither scanned nor looked up.
pub fn refund_amounts(
    disputes: &[Dispute],
    scanned: &HashMap<String, Decimal>,
    looked_up: &HashMap<String, Option<Decimal>>,
    period: Period,
    now: DateTime<Utc>,
) -> Option<HashMap<String, Decimal>> {
    let mut amounts = HashMap::new();
    for id in orders_to_look_up(disputes, scanned, period, now) {
        if let Some(amount) = looked_up.get(&id)? {
            amounts.insert(id, *amount);
        }
    }
    for dispute in disputes {
        if let Some(amount) = scanned.get(&dispute.order_id) {
            amounts.insert(dispute.order_id.clone(), *amount);
        }
    }
    Some(amounts)
}

/// A count for people, digits grouped by three with no-break spaces: 10240 -> "10 240".
pub fn format_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(crate::rules::money::NBSP);
        }
        out.push(c);
    }
    out
}
