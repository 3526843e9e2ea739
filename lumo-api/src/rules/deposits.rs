//! Deposit history: one row shape for company and user deposits, the history's place in the URL
//! (`limit`/`offset`, as the API pages it), shortened transaction ids, and deposits per day for
//! the history chart.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::amounts::{add, Total};
use super::money::format_total;
use crate::models::{Currency, Deposit, DepositStatus, UserDeposit};
use crate::requests::queries::{DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT};
use crate::requests::Page;
use crate::time::date_text;

/// One deposit as the history table shows it, whether it reached the company wallet or a user's.
#[derive(Debug, Clone, PartialEq)]
pub struct DepositLine {
    pub id: String,
    pub tx_hash: String,
    pub amount: Decimal,
    pub currency: Currency,
    pub status: DepositStatus,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Where it came from (company deposits, when known).
    pub from_address: Option<String>,
    /// The address that received it (user deposits: one of the user's wallets, old ones included).
    pub to_address: Option<String>,
}

impl From<&Deposit> for DepositLine {
    fn from(d: &Deposit) -> Self {
        DepositLine {
            id: d.id.clone(),
            tx_hash: d.tx_hash.clone(),
            amount: d.amount,
            currency: d.currency.clone(),
            status: d.status.clone(),
            created_at: d.created_at,
            confirmed_at: d.confirmed_at,
            from_address: d.from_address.clone(),
            to_address: None,
        }
    }
}

impl From<&UserDeposit> for DepositLine {
    fn from(d: &UserDeposit) -> Self {
        DepositLine {
            id: d.id.clone(),
            tx_hash: d.tx_hash.clone(),
            amount: d.amount,
            currency: d.currency.clone(),
            status: d.status.clone(),
            created_at: d.created_at,
            confirmed_at: d.confirmed_at,
            from_address: None,
            to_address: Some(d.address.clone()),
        }
    }
}

/// `4f1e2d3c…c3d2e1f0`: the first and last `keep` characters with an ellipsis between, or the
/// whole text when it is not longer than `2 * keep + 1`.
pub fn shorten_middle(text: &str, keep: usize) -> String {
    let count = text.chars().count();
    if count <= 2 * keep + 1 {
        return text.to_string();
    }
    let head: String = text.chars().take(keep).collect();
    let tail: String = text.chars().skip(count - keep).collect();
    format!("{head}…{tail}")
}

/// A deposit history's page as it lives in the URL query: `?limit=50&offset=100`, the API's own
/// paging parameters. Parsing never fails: nonsense falls back to the default and is reported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetPaging {
    pub page: Page,
    /// Query parts that were not understood and so not applied.
    pub ignored: Vec<String>,
}

impl OffsetPaging {
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        let mut ignored = Vec::new();
        let find = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.trim().to_string())
                .filter(|value| !value.is_empty())
        };
        let mut limit = DEFAULT_LIMIT;
        if let Some(raw) = find("limit") {
            match raw.parse::<u32>() {
                Ok(n) if (MIN_LIMIT..=MAX_LIMIT).contains(&n) => limit = n,
                _ => ignored.push(format!("limit={raw}")),
            }
        }
        let mut offset = 0;
        if let Some(raw) = find("offset") {
            match raw.parse::<u32>() {
                Ok(n) => offset = n,
                _ => ignored.push(format!("offset={raw}")),
            }
        }
        OffsetPaging {
            page: Page::new(limit, offset),
            ignored,
        }
    }

    /// The query for `page` (defaults left out).
    pub fn query_for(page: Page) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if page.limit != DEFAULT_LIMIT {
            pairs.push(("limit", page.limit.to_string()));
        }
        if page.offset != 0 {
            pairs.push(("offset", page.offset.to_string()));
        }
        pairs
    }
}

/// What a page of a bare-array list tells about its neighbours: the API gives no total, and "a
/// page shorter than `limit` is the last".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    pub page: Page,
    /// Items on this page.
    pub count: usize,
}

impl PageInfo {
    pub fn has_previous(&self) -> bool {
        self.page.offset > 0
    }

    pub fn has_next(&self) -> bool {
        self.count >= self.page.limit as usize && self.count > 0
    }

    /// "Showing 21–40" (1-based, inclusive); "No items on this page" when empty.
    pub fn range_label(&self) -> String {
        if self.count == 0 {
            return "No items on this page".to_string();
        }
        let first = u64::from(self.page.offset) + 1;
        let last = u64::from(self.page.offset) + self.count as u64;
        format!("Showing {first}–{last}")
    }
}

/// Deposits received on one local day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayBin {
    pub date: NaiveDate,
    pub count: u32,
    /// Sum per currency code (`USDT`, `TRX`, or an unknown code as sent); out of range when the
    /// amounts add up beyond [`Decimal`] (the API may send amounts up to its maximum).
    pub totals: BTreeMap<String, Total>,
}

/// Deposits per day over the period the shown deposits span, empty days included.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DailySeries {
    /// Oldest day first.
    pub bins: Vec<DayBin>,
    /// Deposits older than the first bin, left out because the span exceeded [`MAX_CHART_DAYS`].
    pub left_out: usize,
}

/// The longest period the chart covers (the most recent days are kept).
pub const MAX_CHART_DAYS: i64 = 366;

/// Bin deposits per day. `day_of` gives the calendar day a time falls on for the reader (the
/// browser's local day; UTC in tests). Every status counts: the chart shows what arrived.
pub fn deposits_per_day<'a>(
    deposits: impl IntoIterator<Item = &'a DepositLine>,
    day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
) -> DailySeries {
    let days: Vec<(NaiveDate, &DepositLine)> = deposits
        .into_iter()
        .map(|d| (day_of(d.created_at), d))
        .collect();
    let (Some(first), Some(last)) = (
        days.iter().map(|(day, _)| *day).min(),
        days.iter().map(|(day, _)| *day).max(),
    ) else {
        return DailySeries::default();
    };
    // Checked: `last` may be the calendar's first day, where subtracting would panic.
    let first = last
        .checked_sub_signed(Duration::days(MAX_CHART_DAYS - 1))
        .map_or(first, |earliest| first.max(earliest));
    let mut bins: Vec<DayBin> = std::iter::successors(Some(first), |day| day.succ_opt())
        .take_while(|day| *day <= last)
        .map(|date| DayBin {
            date,
            count: 0,
            totals: BTreeMap::new(),
        })
        .collect();
    let mut left_out = 0;
    for (day, deposit) in days {
        let index = usize::try_from(day.signed_duration_since(first).num_days()).ok();
        let Some(bin) = index.and_then(|index| bins.get_mut(index)) else {
            left_out += 1;
            continue;
        };
        bin.count = bin.count.saturating_add(1);
        let total = bin
            .totals
            .entry(deposit.currency.as_wire().to_string())
            .or_insert(Ok(Decimal::ZERO));
        *total = add(*total, deposit.amount);
    }
    DailySeries { bins, left_out }
}

impl DailySeries {
    pub fn total_count(&self) -> u32 {
        self.bins
            .iter()
            .fold(0_u32, |sum, b| sum.saturating_add(b.count))
    }

    pub fn max_count(&self) -> u32 {
        self.bins.iter().map(|b| b.count).max().unwrap_or(0)
    }

    /// Sums per currency over the whole series (out of range when any day's is).
    pub fn totals(&self) -> BTreeMap<String, Total> {
        let mut totals: BTreeMap<String, Total> = BTreeMap::new();
        for bin in &self.bins {
            for (currency, day_total) in &bin.totals {
                let total = totals.entry(currency.clone()).or_insert(Ok(Decimal::ZERO));
                *total = day_total.and_then(|amount| add(*total, amount));
            }
        }
        totals
    }

    /// A one-sentence summary for screen readers (the chart's `aria-label`).
    pub fn summary(&self) -> String {
        let (Some(first), Some(last)) = (self.bins.first(), self.bins.last()) else {
            return "No deposits in the shown period.".to_string();
        };
        let total = self.total_count();
        let days = self.bins.len();
        let noun = if total == 1 { "deposit" } else { "deposits" };
        let day_noun = if days == 1 { "day" } else { "days" };
        let mut text = format!(
            "{total} {noun} over {days} {day_noun}, from {} to {}",
            date_text(first.date),
            date_text(last.date)
        );
        if let Some(busiest) = self
            .bins
            .iter()
            .filter(|b| b.count > 0)
            .max_by(|a, b| a.count.cmp(&b.count).then(b.date.cmp(&a.date)))
        {
            let busiest_noun = if busiest.count == 1 {
                "deposit"
            } else {
                "deposits"
            };
            text.push_str(&format!(
                "; the busiest day was {} with {} {busiest_noun}",
                date_text(busiest.date),
                busiest.count
            ));
        }
        let totals = self.totals();
        if !totals.is_empty() {
            let amounts: Vec<String> = totals
                .iter()
                .map(|(currency, total)| format_total(*total, currency))
                .collect();
            text.push_str(&format!("; in total {}", amounts.join(" and ")));
        }
        text.push('.');
        text
    }

    /// Bars for a chart `width` × `height` (SVG user units), one per day, oldest on the left;
    /// empty days get no bar. Heights are proportional to the day's count; a 1-unit gap separates
    /// bars when there is room.
    pub fn bars(&self, width: f64, height: f64) -> Vec<Bar> {
        let n = self.bins.len();
        let max = self.max_count();
        if n == 0 || max == 0 || width <= 0.0 || height <= 0.0 {
            return Vec::new();
        }
        let slot = width / n as f64;
        let gap = if slot >= 3.0 { 1.0 } else { 0.0 };
        self.bins
            .iter()
            .enumerate()
            .filter(|(_, bin)| bin.count > 0)
            .map(|(i, bin)| {
                let h = height * f64::from(bin.count) / f64::from(max);
                Bar {
                    x: i as f64 * slot + gap / 2.0,
                    y: height - h,
                    width: slot - gap,
                    height: h,
                    index: i,
                }
            })
            .collect()
    }
}

/// One bar of the deposits chart, in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Index of its day in [`DailySeries::bins`].
    pub index: usize,
}
