//! The text of one row of the orders table, computed once per order before it is drawn, so the
//! row itself is plain elements holding ready strings (a 1,000-row page is drawn in one go).
//!
//! The words (the status label) and the CSS are the portal's; everything computed from the
//! order is here: its link, its reference, the times and the amounts.

use chrono::{DateTime, FixedOffset, Utc};

use crate::locale::Locale;
use crate::models::{Order, OrderStatus};
use crate::requests::percent_encode;
use crate::rules::money::{format_amount_in, format_plain};
use crate::rules::orders::short_id;
use crate::time::{rfc3339_utc, utc_text};

/// Everything an orders-table row shows of one order, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRowText {
    /// The API id (`data-order-id`).
    pub id: String,
    /// `/orders/{id}`, the id percent-encoded.
    pub href: String,
    /// The order's own reference (external id), or the start of the API id when it has none.
    pub reference: String,
    /// `reference` is the start of the API id (the order has no external id of its own).
    pub reference_is_api_id: bool,
    pub merchant: String,
    pub created: TimeText,
    /// `12 500.00 RUB`; `12 500,00 ₽` in Russian (no-break spaces).
    pub amount_rub: String,
    /// `130.25 USDT`; `130,25 USDT` in Russian (no-break spaces).
    pub amount_usdt: String,
    /// `95.95` (`95,95` in Russian): 2 to 6 decimals, no grouping; `None` when the order has no
    /// rate.
    pub rate: Option<String>,
    pub status: OrderStatus,
}

/// A timestamp as a `<time>` element shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeText {
    /// The reader's local time: `2026-11-24 13:05`; `24.11.2026, 13:05` in Russian.
    pub local: String,
    /// For `datetime`: `2026-11-24T10:05:00Z`.
    pub iso: String,
    /// For the hover title: `2026-11-24 10:05:00 UTC`.
    pub utc: String,
}

impl TimeText {
    /// `value` for a reader at `offset` (their zone at that instant), to the minute, as `locale`
    /// writes it (the machine-readable `iso` and `utc` are the same in every language).
    pub fn new(locale: Locale, value: &DateTime<Utc>, offset: FixedOffset) -> Self {
        TimeText {
            local: locale.local_date_time_text(value, offset, false),
            iso: rfc3339_utc(value, false),
            utc: utc_text(value),
        }
    }
}

/// The row of `order` for a reader whose zone was `created_offset` when the order was created.
/// Money, the rate and the local time are written as `locale` writes them.
/// Takes the order by value: its strings move into the row instead of being copied.
pub fn order_row(locale: Locale, order: Order, created_offset: FixedOffset) -> OrderRowText {
    let (reference, reference_is_api_id) = match order.external_order_id {
        Some(external) if !external.trim().is_empty() => (external, false),
        _ => (short_id(&order.id), true),
    };
    OrderRowText {
        href: format!("/orders/{}", percent_encode(&order.id)),
        id: order.id,
        reference,
        reference_is_api_id,
        merchant: order.merchant_name,
        created: TimeText::new(locale, &order.created_at, created_offset),
        amount_rub: format_amount_in(locale, order.amount_rub, "RUB"),
        amount_usdt: format_amount_in(locale, order.amount_usdt, "USDT"),
        rate: order.rate.map(|rate| plain_rate(locale, rate)),
        status: order.status,
    }
}

/// A rate's digits with `locale`'s decimal separator (no grouping, as the table always showed).
fn plain_rate(locale: Locale, rate: rust_decimal::Decimal) -> String {
    let text = format_plain(rate, 2, 6);
    match locale.decimal_separator() {
        '.' => text,
        separator => text.replace('.', &separator.to_string()),
    }
}
