//! CSV export of orders: RFC 4180 quoting, exact amounts, ISO 8601 UTC times, and cells that a
//! spreadsheet would run as a formula neutralised.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::models::{Order, OrderStatus};
use crate::requests::queries::MAX_LIMIT;
use crate::requests::{OrdersQuery, Page};
use crate::time::{date_text, rfc3339_utc};

pub const ORDERS_HEADER: &[&str] = &[
    "id",
    "createdAt",
    "status",
    "merchantName",
    "externalOrderId",
    "amountRub",
    "amountUsdt",
    "rate",
    "paymentUntil",
    "updatedAt",
];

/// The whole file, header first, one line per order in the given order, CRLF line ends.
pub fn orders_csv(orders: &[Order]) -> String {
    let mut out = String::with_capacity(64 + orders.len() * 160);
    push_row(&mut out, ORDERS_HEADER.iter().map(|h| h.to_string()));
    for order in orders {
        push_row(&mut out, order_cells(order).into_iter());
    }
    out
}

/// Page size an export asks for: the contract's maximum.
pub const EXPORT_PAGE_SIZE: u32 = MAX_LIMIT;

/// The download's name: `lumo-orders-2026-11-28.csv` (the date the file was made).
pub fn export_file_name(date: NaiveDate) -> String {
    format!("lumo-orders-{}.csv", date_text(date))
}

/// Every order of a filtered list, fetched page after page (`limit` = [`EXPORT_PAGE_SIZE`])
/// until a page comes back shorter than that. Orders are kept in the order the API sent them;
/// one seen twice (a new order pushed the list down between two pages) is kept once.
#[derive(Debug, Clone)]
pub struct OrdersExport {
    status: Option<OrderStatus>,
    external_order_id: Option<String>,
    next_offset: u32,
    done: bool,
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
            orders: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// The next page to fetch, or `None` once the last one arrived.
    pub fn next_query(&self) -> Option<OrdersQuery> {
        (!self.done).then(|| OrdersQuery {
            page: Page::new(EXPORT_PAGE_SIZE, self.next_offset),
            status: self.status.clone(),
            external_order_id: self.external_order_id.clone(),
        })
    }

    /// Take the answer to [`OrdersExport::next_query`].
    pub fn add_page(&mut self, page: Vec<Order>) {
        if page.len() < EXPORT_PAGE_SIZE as usize {
            self.done = true;
        }
        self.next_offset = self.next_offset.saturating_add(EXPORT_PAGE_SIZE);
        for order in page {
            if self.seen.insert(order.id.clone()) {
                self.orders.push(order);
            }
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
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
}

fn order_cells(order: &Order) -> Vec<String> {
    vec![
        order.id.clone(),
        iso(&order.created_at),
        order.status.as_wire().to_string(),
        order.merchant_name.clone(),
        order.external_order_id.clone().unwrap_or_default(),
        exact(order.amount_rub),
        exact(order.amount_usdt),
        order.rate.map(exact).unwrap_or_default(),
        order.payment_until.as_ref().map(iso).unwrap_or_default(),
        order.updated_at.as_ref().map(iso).unwrap_or_default(),
    ]
}

/// The amount as the server sent it, without grouping or currency: `12447.87`, `5000.0`.
fn exact(amount: Decimal) -> String {
    amount.to_string()
}

fn iso(time: &DateTime<Utc>) -> String {
    rfc3339_utc(time, true)
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&escape_cell(&cell));
    }
    out.push_str("\r\n");
}

/// Quote when needed, and prefix a `'` to text a spreadsheet would evaluate (`=`, `+`, `-`, `@`,
/// tab, CR) unless it is a plain number such as a negative amount.
pub fn escape_cell(cell: &str) -> String {
    let risky =
        cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<Decimal>().is_err();
    let cell = if risky {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::OrderStatus;
    use std::str::FromStr;

    fn order(external: Option<&str>, merchant: &str) -> Order {
        Order {
            id: "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b".into(),
            status: OrderStatus::Unknown("refunded".into()),
            amount_rub: Decimal::from_str("5000.00").unwrap(),
            amount_usdt: Decimal::from_str("52.630001").unwrap(),
            rate: None,
            merchant_name: merchant.into(),
            external_order_id: external.map(str::to_string),
            payment_until: None,
            created_at: DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            updated_at: None,
        }
    }

    #[test]
    fn header_then_one_line_per_order_with_exact_amounts_and_iso_times() {
        let csv = orders_csv(&[order(Some("ORD-1"), "OOO Romashka")]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], ORDERS_HEADER.join(","));
        assert_eq!(
            lines[1],
            "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b,2026-11-24T10:00:00Z,refunded,OOO Romashka,ORD-1,5000.00,52.630001,,,"
        );
        assert_eq!(lines[2], "");
    }

    #[test]
    fn iso_times_keep_fractions_and_amounts_keep_every_digit() {
        let mut o = order(Some("ORD-2"), "Teremok");
        o.status = OrderStatus::Success;
        o.amount_rub = Decimal::from_str("1234567.89").unwrap();
        o.amount_usdt = Decimal::from_str("0.000001").unwrap();
        o.rate = Some(Decimal::from_str("95.950000").unwrap());
        o.payment_until = Some(
            DateTime::parse_from_rfc3339("2026-11-24T13:05:00.250+03:00")
                .unwrap()
                .with_timezone(&Utc),
        );
        let csv = orders_csv(&[o]);
        let line = csv.split("\r\n").nth(1).unwrap();
        assert_eq!(
            line,
            "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b,2026-11-24T10:00:00Z,success,Teremok,ORD-2,1234567.89,0.000001,95.950000,2026-11-24T10:05:00.250Z,"
        );
    }

    #[test]
    fn export_file_name_has_the_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(export_file_name(date), "lumo-orders-2026-11-28.csv");
    }

    fn numbered(n: usize) -> Order {
        let mut o = order(Some("x"), "m");
        o.id = format!("id-{n}");
        o
    }

    #[test]
    fn export_walks_pages_of_100_until_a_short_page() {
        let mut export = OrdersExport::new(Some(OrderStatus::Failed), Some("  ".into()));
        let first = export.next_query().unwrap();
        assert_eq!((first.page.limit, first.page.offset), (100, 0));
        assert_eq!(first.status, Some(OrderStatus::Failed));
        assert_eq!(first.external_order_id, None);
        export.add_page((0..100).map(numbered).collect());
        assert!(!export.is_done());
        let second = export.next_query().unwrap();
        assert_eq!(second.page.offset, 100);
        // A new order arrived meanwhile: the list shifted by one, so id-99 comes again.
        export.add_page((99..130).map(numbered).collect());
        assert!(export.is_done());
        assert!(export.next_query().is_none());
        assert_eq!(export.fetched(), 130);
        let csv = export.to_csv();
        assert_eq!(csv.matches("\r\n").count(), 131);
        assert!(csv.starts_with("id,createdAt,"));
    }

    #[test]
    fn export_of_an_exact_multiple_ends_on_an_empty_page() {
        let mut export = OrdersExport::new(None, None);
        export.add_page((0..100).map(numbered).collect());
        assert!(!export.is_done());
        export.add_page(Vec::new());
        assert!(export.is_done());
        assert_eq!(export.fetched(), 100);
        let empty = OrdersExport::new(None, None);
        assert_eq!(empty.to_csv(), format!("{}\r\n", ORDERS_HEADER.join(",")));
    }

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let csv = orders_csv(&[order(None, "Shop \"A\", Ltd\nline")]);
        assert!(csv.contains("\"Shop \"\"A\"\", Ltd\nline\""));
    }

    #[test]
    fn neutralises_formulas_but_not_negative_numbers() {
        assert_eq!(
            escape_cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(escape_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape_cell("-12.50"), "-12.50");
        assert_eq!(escape_cell("+7 999"), "'+7 999");
    }
}
