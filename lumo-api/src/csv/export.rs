//! Fetching every order of a filtered list for the CSV export, page after page, with two
//! guards against an export that never ends: an API that ignores `offset` (it would return the
//! first page forever) and a list too long for one file.

use std::collections::HashSet;

use crate::models::{Order, OrderStatus};
use crate::requests::queries::MAX_LIMIT;
use crate::requests::{OrdersQuery, Page};

use super::orders_csv;

/// Page size an export asks for: the contract's maximum.
pub const EXPORT_PAGE_SIZE: u32 = MAX_LIMIT;

/// The most rows one export fetches: far beyond what a spreadsheet is pleasant with, and a
/// bound on the browser's memory (every row is held until the file is made).
pub const MAX_EXPORT_ROWS: usize = 100_000;

/// Why an export stopped before the list's last page (the portal words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStop {
    /// A full page brought no order that was not already fetched: the API answers every offset
    /// with the same page. `rows` were fetched before that.
    RepeatedPage { rows: usize },
    /// [`MAX_EXPORT_ROWS`] orders were fetched and more may follow.
    RowLimit { rows: usize },
}

impl ExportStop {
    /// Whether the rows fetched are worth saving: the first [`MAX_EXPORT_ROWS`] of the list are
    /// exactly that, but after a repeated page the API's paging cannot be trusted, so a file
    /// would look complete without being so.
    pub fn keeps_rows(&self) -> bool {
        matches!(self, ExportStop::RowLimit { .. })
    }

    pub fn rows(&self) -> usize {
        match self {
            ExportStop::RepeatedPage { rows } | ExportStop::RowLimit { rows } => *rows,
        }
    }
}

/// `100,000`: a row count as the English message writes it (comma-grouped).
pub fn comma_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Every order of a filtered list, fetched page after page (`limit` = [`EXPORT_PAGE_SIZE`])
/// until a page comes back shorter than that, or an [`ExportStop`]. Orders are kept in the
/// order the API sent them; one seen twice (a new order pushed the list down between two
/// pages) is kept once.
#[derive(Debug, Clone)]
pub struct OrdersExport {
    status: Option<OrderStatus>,
    external_order_id: Option<String>,
    next_offset: u32,
    done: bool,
    stop: Option<ExportStop>,
    orders: Vec<Order>,
    seen: HashSet<String>,
}

impl OrdersExport {
    /// An export of the orders the filters select (the view's page and page size do not matter).
    pub fn new(status: Option<OrderStatus>, external_order_id: Option<String>) -> Self {
        OrdersExport {
            status,
            external_order_id: external_order_id.filter(|id| !id.trim().is_empty()),
            next_offset: 0,
            done: false,
            stop: None,
            orders: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// The next page to fetch, or `None` once the last one arrived or the export stopped.
    pub fn next_query(&self) -> Option<OrdersQuery> {
        (!self.done).then(|| OrdersQuery {
            page: Page::new(EXPORT_PAGE_SIZE, self.next_offset),
            status: self.status.clone(),
            external_order_id: self.external_order_id.clone(),
        })
    }

    /// Take the answer to [`OrdersExport::next_query`]. `Err` when the export stops early; it is
    /// then done ([`OrdersExport::next_query`] is `None`) and [`OrdersExport::stop`] says why.
    ///
    /// A repeated page is a full page that adds no new order. Overlap alone is normal (new
    /// orders shift the list), and a short page of known orders is a normal end (the last
    /// orders, pushed down); a full page of nothing new is what an API ignoring `offset` sends.
    pub fn add_page(&mut self, page: Vec<Order>) -> Result<(), ExportStop> {
        if self.done {
            return self.stop.map_or(Ok(()), Err);
        }
        let full = page.len() >= EXPORT_PAGE_SIZE as usize;
        self.next_offset = self.next_offset.saturating_add(EXPORT_PAGE_SIZE);
        let before = self.orders.len();
        let mut over_limit = false;
        for order in page {
            if self.seen.contains(&order.id) {
                continue;
            }
            if self.orders.len() >= MAX_EXPORT_ROWS {
                over_limit = true;
                break;
            }
            self.seen.insert(order.id.clone());
            self.orders.push(order);
        }
        let stop = if over_limit || (full && self.orders.len() >= MAX_EXPORT_ROWS) {
            // New orders were left out, or the list may go on past the limit.
            Some(ExportStop::RowLimit {
                rows: self.orders.len(),
            })
        } else if full && self.orders.len() == before {
            Some(ExportStop::RepeatedPage { rows: before })
        } else {
            None
        };
        if stop.is_some() || !full {
            self.finish(stop)
        } else {
            Ok(())
        }
    }

    fn finish(&mut self, stop: Option<ExportStop>) -> Result<(), ExportStop> {
        self.done = true;
        self.stop = stop;
        stop.map_or(Ok(()), Err)
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Why the export stopped before the list's end, if it did.
    pub fn stop(&self) -> Option<ExportStop> {
        self.stop
    }

    /// Orders fetched so far.
    pub fn fetched(&self) -> usize {
        self.orders.len()
    }

    pub fn orders(&self) -> &[Order] {
        &self.orders
    }

    /// The file (see [`orders_csv`]).
    pub fn to_csv(&self) -> String {
        orders_csv(&self.orders)
    }

    /// The file in `dialect` (see [`super::orders_csv_in`]).
    pub fn to_csv_in(&self, dialect: super::CsvDialect) -> String {
        super::orders_csv_in(dialect, &self.orders)
    }
}
