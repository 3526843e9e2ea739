//! CSV export of orders and of disputes ([`disputes`]): every cell quoted and formula-safe
//! ([`cell`]), exact amounts, ISO 8601 UTC times, and the paged fetch that gathers the order
//! rows ([`export`]).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::models::Order;
use crate::time::{date_text, rfc3339_utc};

mod cell;
mod disputes;
mod export;

pub use cell::{csv_row, csv_row_in, escape_cell, CsvDialect, FORMULA_STARTS};
pub use disputes::{
    disputes_csv, disputes_csv_in, disputes_file_name, disputes_file_name_in, DISPUTES_HEADER,
};
pub use export::{comma_thousands, ExportStop, OrdersExport, EXPORT_PAGE_SIZE, MAX_EXPORT_ROWS};

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
    orders_csv_in(CsvDialect::Standard, orders)
}

/// [`orders_csv`] in `dialect`.
pub fn orders_csv_in(dialect: CsvDialect, orders: &[Order]) -> String {
    let mut out = String::with_capacity(64 + orders.len() * 180);
    out.push_str(&csv_row_in(dialect, ORDERS_HEADER));
    for order in orders {
        out.push_str(&csv_row_in(dialect, order_cells(dialect, order)));
    }
    out
}

/// The download's name: `lumo-orders-2026-11-28.csv` (the date the file was made), or
/// `lumo-orders-2026-11-28-excel.csv` for [`CsvDialect::ExcelSemicolon`].
pub fn export_file_name(date: NaiveDate) -> String {
    format!("lumo-orders-{}.csv", date_text(date))
}

/// [`export_file_name`] for `dialect`.
pub fn export_file_name_in(dialect: CsvDialect, date: NaiveDate) -> String {
    file_name("orders", dialect, date)
}

fn file_name(what: &str, dialect: CsvDialect, date: NaiveDate) -> String {
    let suffix = match dialect {
        CsvDialect::Standard => "",
        CsvDialect::ExcelSemicolon => "-excel",
    };
    format!("lumo-{what}-{}{suffix}.csv", date_text(date))
}

fn order_cells(dialect: CsvDialect, order: &Order) -> [String; 10] {
    let exact = |amount: Decimal| dialect.amount(exact(amount));
    [
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

#[cfg(test)]
mod tests {
    use super::cell::test_support::{guarded, read, HOSTILE};
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

    /// `"a","b"` from `["a", "b"]`: what a line looks like when no cell needs escaping.
    fn quoted(cells: &[&str]) -> String {
        cells
            .iter()
            .map(|cell| format!("\"{cell}\""))
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    fn the_excel_file_splits_on_semicolons_with_decimal_commas_and_iso_times() {
        let orders = [order(Some("ORD-1;=1+1"), "OOO Romashka, Moscow")];
        let csv = orders_csv_in(CsvDialect::ExcelSemicolon, &orders);
        let rows = read(&csv, ';');
        assert_eq!(rows[0], ORDERS_HEADER);
        assert_eq!(rows[1].len(), ORDERS_HEADER.len());
        assert_eq!(rows[1][1], "2026-11-24T10:00:00Z");
        assert_eq!(rows[1][3], "OOO Romashka, Moscow");
        assert_eq!(rows[1][4], "ORD-1;'=1+1");
        assert_eq!(rows[1][5], "5000,00");
        assert_eq!(rows[1][6], "52,630001");
        // The standard file is unchanged: `,` and dot decimals.
        assert_eq!(read(&orders_csv(&orders), ',')[1][5], "5000.00");
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(
            export_file_name_in(CsvDialect::ExcelSemicolon, date),
            "lumo-orders-2026-11-28-excel.csv"
        );
        assert_eq!(
            export_file_name_in(CsvDialect::Standard, date),
            export_file_name(date)
        );
    }

    #[test]
    fn header_then_one_line_per_order_with_exact_amounts_and_iso_times() {
        let csv = orders_csv(&[order(Some("ORD-1"), "OOO Romashka")]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], quoted(ORDERS_HEADER));
        assert_eq!(
            lines[1],
            quoted(&[
                "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
                "2026-11-24T10:00:00Z",
                "refunded",
                "OOO Romashka",
                "ORD-1",
                "5000.00",
                "52.630001",
                "",
                "",
                ""
            ])
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
            quoted(&[
                "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
                "2026-11-24T10:00:00Z",
                "success",
                "Teremok",
                "ORD-2",
                "1234567.89",
                "0.000001",
                "95.950000",
                "2026-11-24T10:05:00.250Z",
                ""
            ])
        );
    }

    #[test]
    fn extreme_amounts_are_written_in_full() {
        let mut o = order(None, "m");
        o.amount_rub = Decimal::MAX;
        o.amount_usdt = Decimal::MIN;
        let rows = read(&orders_csv(&[o]), ',');
        assert_eq!(rows[1][5], "79228162514264337593543950335");
        // A negative amount starts with `-`: guarded like any other such cell.
        assert_eq!(rows[1][6], "'-79228162514264337593543950335");
    }

    #[test]
    fn export_file_name_has_the_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(export_file_name(date), "lumo-orders-2026-11-28.csv");
    }

    #[test]
    fn hostile_text_in_any_column_stays_one_inert_cell_for_comma_and_semicolon_readers() {
        let orders: Vec<Order> = HOSTILE
            .iter()
            .map(|hostile| {
                let mut o = order(Some(hostile), hostile);
                o.id = hostile.to_string();
                o
            })
            .collect();
        let csv = orders_csv(&orders);
        let by_comma = read(&csv, ',');
        assert_eq!(by_comma.len(), 1 + orders.len());
        for (row, hostile) in by_comma[1..].iter().zip(HOSTILE) {
            assert_eq!(row.len(), ORDERS_HEADER.len(), "{hostile:?}: {row:?}");
            let guarded = guarded(hostile);
            assert_eq!((&row[0], &row[3], &row[4]), (&guarded, &guarded, &guarded));
        }
        // A reader splitting this `,` file on `;` gets the columns wrong, but no formula.
        let by_semicolon = read(&csv, ';');
        for (reader, rows) in [(',', &by_comma), (';', &by_semicolon)] {
            for row in rows.iter() {
                for cell in row {
                    assert!(!cell.starts_with(FORMULA_STARTS), "{reader:?}: {cell:?}");
                }
            }
        }
    }

    fn numbered(n: usize) -> Order {
        let mut o = order(Some("x"), "m");
        o.id = format!("id-{n}");
        o
    }

    fn page(range: std::ops::Range<usize>) -> Vec<Order> {
        range.map(numbered).collect()
    }

    #[test]
    fn export_walks_pages_of_100_until_a_short_page() {
        let mut export = OrdersExport::new(Some(OrderStatus::Failed), Some("  ".into()));
        let first = export.next_query().unwrap();
        assert_eq!((first.page.limit, first.page.offset), (100, 0));
        assert_eq!(first.status, Some(OrderStatus::Failed));
        assert_eq!(first.external_order_id, None);
        assert_eq!(export.add_page(page(0..100)), Ok(()));
        assert!(!export.is_done());
        let second = export.next_query().unwrap();
        assert_eq!(second.page.offset, 100);
        // A new order arrived meanwhile: the list shifted by one, so id-99 comes again.
        assert_eq!(export.add_page(page(99..130)), Ok(()));
        assert!(export.is_done());
        assert_eq!(export.stop(), None);
        assert!(export.next_query().is_none());
        assert_eq!(export.fetched(), 130);
        let csv = export.to_csv();
        assert_eq!(csv.matches("\r\n").count(), 131);
        assert!(csv.starts_with("\"id\",\"createdAt\","));
    }

    #[test]
    fn export_of_an_exact_multiple_ends_on_an_empty_page() {
        let mut export = OrdersExport::new(None, None);
        assert_eq!(export.add_page(page(0..100)), Ok(()));
        assert!(!export.is_done());
        assert_eq!(export.add_page(Vec::new()), Ok(()));
        assert!(export.is_done());
        assert_eq!(export.fetched(), 100);
        let empty = OrdersExport::new(None, None);
        assert_eq!(empty.to_csv(), format!("{}\r\n", quoted(ORDERS_HEADER)));
    }

    #[test]
    fn an_api_that_ignores_offset_stops_the_export_instead_of_looping() {
        let mut export = OrdersExport::new(None, None);
        assert_eq!(export.add_page(page(0..100)), Ok(()));
        let stop = export.add_page(page(0..100));
        assert_eq!(stop, Err(ExportStop::RepeatedPage { rows: 100 }));
        assert!(export.is_done());
        assert!(export.next_query().is_none());
        assert_eq!(export.stop(), Some(ExportStop::RepeatedPage { rows: 100 }));
        assert!(!ExportStop::RepeatedPage { rows: 100 }.keeps_rows());
        // Asking again after the stop changes nothing.
        assert_eq!(
            export.add_page(page(100..200)),
            Err(ExportStop::RepeatedPage { rows: 100 })
        );
        assert_eq!(export.fetched(), 100);
    }

    #[test]
    fn a_repeat_is_a_full_page_of_nothing_new_not_mere_overlap() {
        // Reordered, but the same ids: still nothing new.
        let mut export = OrdersExport::new(None, None);
        export.add_page(page(0..100)).unwrap();
        let mut reversed = page(0..100);
        reversed.reverse();
        assert_eq!(
            export.add_page(reversed),
            Err(ExportStop::RepeatedPage { rows: 100 })
        );
        // 99 known and one new order: the list moved, the export goes on.
        let mut export = OrdersExport::new(None, None);
        export.add_page(page(0..100)).unwrap();
        assert_eq!(export.add_page(page(1..101)), Ok(()));
        assert!(!export.is_done());
        // A short page of known orders is the end of a list that moved, not a repeat.
        assert_eq!(export.add_page(page(150..160)), Ok(()));
        let mut export = OrdersExport::new(None, None);
        export.add_page(page(0..100)).unwrap();
        assert_eq!(export.add_page(page(95..100)), Ok(()));
        assert!(export.is_done());
        assert_eq!((export.fetched(), export.stop()), (100, None));
    }

    #[test]
    fn an_export_stops_at_the_row_limit() {
        let mut export = OrdersExport::new(None, None);
        let pages = MAX_EXPORT_ROWS / EXPORT_PAGE_SIZE as usize;
        for n in 0..pages - 1 {
            let start = n * 100;
            assert_eq!(
                export.add_page(page(start..start + 100)),
                Ok(()),
                "page {n}"
            );
        }
        let last = (pages - 1) * 100;
        assert_eq!(
            export.add_page(page(last..last + 100)),
            Err(ExportStop::RowLimit {
                rows: MAX_EXPORT_ROWS
            })
        );
        assert!(export.next_query().is_none());
        assert_eq!(export.fetched(), MAX_EXPORT_ROWS);
        let stop = export.stop().unwrap();
        assert!(stop.keeps_rows());
        assert_eq!(stop.rows(), 100_000);
        assert_eq!(export::comma_thousands(stop.rows()), "100,000");
    }

    /// An export holding `MAX_EXPORT_ROWS - 50` orders after full pages (one overlapping the
    /// previous by 50), with `id-0`… taken; the next new id is returned.
    fn fifty_short_of_the_limit() -> (OrdersExport, usize) {
        let mut export = OrdersExport::new(None, None);
        export.add_page(page(0..100)).unwrap();
        export.add_page(page(50..150)).unwrap();
        let mut next = 150;
        while export.fetched() < MAX_EXPORT_ROWS - 50 {
            export.add_page(page(next..next + 100)).unwrap();
            next += 100;
        }
        assert_eq!(export.fetched(), MAX_EXPORT_ROWS - 50);
        (export, next)
    }

    #[test]
    fn new_orders_past_the_limit_are_left_out_and_said() {
        let (mut export, next) = fifty_short_of_the_limit();
        // A short last page with 60 new orders: 10 would not fit.
        assert_eq!(
            export.add_page(page(next..next + 60)),
            Err(ExportStop::RowLimit {
                rows: MAX_EXPORT_ROWS
            })
        );
        assert_eq!(export.fetched(), MAX_EXPORT_ROWS);
        assert_eq!(
            export.orders().last().map(|o| o.id.clone()),
            Some(format!("id-{}", next + 49))
        );
        // Exactly the 50 that fit, on a short (last) page: complete, no stop.
        let (mut export, next) = fifty_short_of_the_limit();
        assert_eq!(export.add_page(page(next..next + 50)), Ok(()));
        assert_eq!((export.fetched(), export.stop()), (MAX_EXPORT_ROWS, None));
        assert!(export.is_done());
    }
}
