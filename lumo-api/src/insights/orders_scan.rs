//! Counting the period's completed orders for the dispute rate: `GET /orders` is newest first,
//! so pages are read (100 at a time) until one holds an order older than the period, or a
//! short page ends the list.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::models::Order;
use crate::requests::queries::MAX_LIMIT;
use crate::requests::{OrdersQuery, Page};

use super::{is_completed, Period};

/// Orders asked for per page: the contract's maximum.
pub const SCAN_PAGE_SIZE: u32 = MAX_LIMIT;

/// Pages asked for at once, at most (see [`OrdersScan::window`]).
pub const MAX_IN_FLIGHT: usize = 4;

/// What a page tells the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanStep {
    /// Ask for the next page.
    More,
    /// The count is complete.
    Done,
    /// A full page brought nothing new: the API ignores `offset`. The count cannot complete.
    RepeatedPage,
}

#[derive(Debug, Clone)]
pub struct OrdersScan {
    period: Period,
    now: DateTime<Utc>,
    offset: u32,
    /// Full pages of the period read so far.
    pages: u32,
    scanned: usize,
    completed: usize,
    seen: HashSet<String>,
    amounts: HashMap<String, Decimal>,
    done: bool,
}

impl OrdersScan {
    pub fn new(period: Period, now: DateTime<Utc>) -> OrdersScan {
        OrdersScan {
            period,
            now,
            offset: 0,
            pages: 0,
            scanned: 0,
            completed: 0,
            seen: HashSet::new(),
            amounts: HashMap::new(),
            done: false,
        }
    }

    /// The next page to ask for; `None` once done.
    pub fn next_query(&self) -> Option<OrdersQuery> {
        self.query_ahead(0)
    }

    /// The query `ahead` pages after [`OrdersScan::next_query`]'s (0: that one), to ask for
    /// pages before the previous ones are back; `None` once done or past the last offset.
    /// Pages must still be given to [`OrdersScan::add_page`] in order.
    pub fn query_ahead(&self, ahead: usize) -> Option<OrdersQuery> {
        let ahead = u32::try_from(ahead).ok()?;
        let offset = self
            .offset
            .checked_add(ahead.checked_mul(SCAN_PAGE_SIZE)?)?;
        (!self.done).then_some(OrdersQuery {
            page: Page {
                limit: SCAN_PAGE_SIZE,
                offset,
            },
            status: None,
            external_order_id: None,
        })
    }

    /// How many pages to have in flight: one at first (a short period often fits in one page,
    /// and then nothing is asked for in vain), twice as many after each full page of the
    /// period, up to [`MAX_IN_FLIGHT`]; 0 once done. At most `window - 1` pages are asked for
    /// beyond the last one.
    pub fn window(&self) -> usize {
        if self.done {
            return 0;
        }
        1usize
            .checked_shl(self.pages.min(8))
            .unwrap_or(MAX_IN_FLIGHT)
            .min(MAX_IN_FLIGHT)
    }

    pub fn add_page(&mut self, page: &[Order]) -> ScanStep {
        if self.done {
            return ScanStep::Done;
        }
        let start = self.period.start(self.now);
        let mut new = 0usize;
        let mut reached_older = false;
        for order in page {
            // Every order seen gives its amount, for full refunds of orders older than the period.
            self.amounts.insert(order.id.clone(), order.amount_usdt);
            if order.created_at < start {
                reached_older = true;
                continue;
            }
            if !self.seen.insert(order.id.clone()) {
                continue;
            }
            new += 1;
            self.scanned += 1;
            if order.created_at <= self.now && is_completed(order) {
                self.completed += 1;
            }
        }
        let full = u32::try_from(page.len()).is_ok_and(|n| n >= SCAN_PAGE_SIZE);
        if reached_older || !full {
            self.done = true;
            return ScanStep::Done;
        }
        if new == 0 {
            self.done = true;
            return ScanStep::RepeatedPage;
        }
        self.offset = self.offset.saturating_add(SCAN_PAGE_SIZE);
        self.pages = self.pages.saturating_add(1);
        ScanStep::More
    }

    /// Orders of the period read so far.
    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// Completed orders (success, failed, disputed) of the period counted so far.
    pub fn completed(&self) -> usize {
        self.completed
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// amountUsdt of every order seen, by id.
    pub fn amounts(&self) -> &HashMap<String, Decimal> {
        &self.amounts
    }

    /// The amounts, without copying them, once the scan is over.
    pub fn into_amounts(self) -> HashMap<String, Decimal> {
        self.amounts
    }
}
