//! CSV export of orders: RFC 4180 quoting, exact amounts, ISO 8601 UTC times, and cells that a
//! spreadsheet would run as a formula neutralised.

use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;

use crate::models::Order;

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
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
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
