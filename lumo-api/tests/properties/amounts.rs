//! (a) Any amount the API can send, through every money formatter and every rule that takes an
//! amount: no panic, and the text says exactly the rounded value.

use chrono::DateTime;
use lumo_api::csv::{escape_cell, orders_csv};
use lumo_api::fixed::fixed;
use lumo_api::models::{Currency, DepositStatus, Order, OrderStatus};
use lumo_api::rules::deposits::{deposits_per_day, DepositLine};
use lumo_api::rules::money::{
    currency_decimals, format_amount, format_plain, format_rate, format_total, usdt_for_rub, NBSP,
};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::support::{any_decimal, config, micros, small_decimal};

fn rounded(amount: Decimal, max_dp: u32) -> Decimal {
    amount.round_dp_with_strategy(max_dp.min(28), RoundingStrategy::MidpointAwayFromZero)
}

/// The number in a formatted amount, read back by a reader that knows nothing of the writer:
/// digits grouped by three with NBSP, an optional `-`, a `.` and decimals.
fn read_back(text: &str, grouped: bool) -> Decimal {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if grouped {
        let groups: Vec<&str> = integer.split(NBSP).collect();
        assert!((1..=3).contains(&groups[0].len()), "{text:?}");
        assert!(groups[1..].iter().all(|g| g.len() == 3), "{text:?}");
    } else {
        assert!(!integer.contains(NBSP), "{text:?}");
    }
    let digits: String = integer.chars().filter(|c| *c != NBSP).collect();
    assert!(
        digits.bytes().all(|b| b.is_ascii_digit()) && !digits.is_empty(),
        "{text:?}"
    );
    assert!(fraction.bytes().all(|b| b.is_ascii_digit()), "{text:?}");
    let plain = if fraction.is_empty() {
        format!("{sign}{digits}")
    } else {
        format!("{sign}{digits}.{fraction}")
    };
    plain.parse().unwrap_or_else(|e| panic!("{plain:?}: {e}"))
}

const CURRENCIES: &[&str] = &["RUB", "USDT", "TRX", " usdt ", "BTC", ""];

fn line(amount: Decimal, currency: Currency) -> DepositLine {
    DepositLine {
        id: "d".into(),
        tx_hash: "ab".into(),
        amount,
        currency,
        status: DepositStatus::Confirmed,
        created_at: DateTime::UNIX_EPOCH,
        confirmed_at: None,
        from_address: None,
        to_address: None,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_formatter_takes_any_amount(amount in any_decimal()) {
        for currency in CURRENCIES {
            let text = format_amount(amount, currency);
            let (min_dp, max_dp) = currency_decimals(currency);
            let code = currency.trim();
            let number = if code.is_empty() {
                text.as_str()
            } else {
                text.strip_suffix(code)
                    .and_then(|t| t.strip_suffix(NBSP))
                    .unwrap_or_else(|| panic!("{text:?}"))
            };
            prop_assert_eq!(read_back(number, true), rounded(amount, max_dp));
            let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
            prop_assert!(decimals >= min_dp as usize && decimals <= max_dp as usize, "{}", text);
            // Zero is never "-0.00".
            if rounded(amount, max_dp).is_zero() {
                prop_assert!(!number.starts_with('-'), "{}", text);
            }
            prop_assert_eq!(format_total(Ok(amount), currency), text);
        }
        let rate = format_rate(amount);
        let rate_number = rate.strip_suffix("\u{a0}RUB/USDT").unwrap_or_else(|| panic!("{rate:?}"));
        prop_assert_eq!(read_back(rate_number, true), rounded(amount, 6));
    }

    #[test]
    fn plain_digits_for_any_amount_and_any_decimals(
        amount in any_decimal(),
        min_dp in 0_u32..40,
        max_dp in prop_oneof![0_u32..=30, Just(u32::MAX)],
    ) {
        let text = format_plain(amount, min_dp, max_dp);
        prop_assert_eq!(read_back(&text, false), rounded(amount, max_dp));
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
        prop_assert!(decimals >= min_dp.min(max_dp).min(28) as usize, "{}", text);
        prop_assert!(decimals <= max_dp.min(28) as usize, "{}", text);
        // The widest setting loses nothing.
        prop_assert_eq!(read_back(&format_plain(amount, 0, 28), false), amount);
    }

    #[test]
    fn pricing_takes_any_pair_of_amounts(rub in any_decimal(), rate in any_decimal()) {
        match usdt_for_rub(rub, rate) {
            Some(usdt) => {
                prop_assert!(rate > Decimal::ZERO);
                prop_assert!(usdt.scale() <= 2);
            }
            None => prop_assert!(rate <= Decimal::ZERO || rub.checked_div(rate).is_none()),
        }
    }

    #[test]
    fn pricing_small_amounts_matches_integer_arithmetic(
        rub in small_decimal(),
        rate in small_decimal(),
    ) {
        let (r, q) = (micros(rub), micros(rate));
        let usdt = usdt_for_rub(rub, rate);
        if q <= 0 {
            prop_assert_eq!(usdt, None);
        } else {
            // Cents = 100 r / q rounded half away from zero, in i128 (|100 r| <= 10^20).
            let n = 100 * r;
            let cents = (2 * n + n.signum() * q) / (2 * q);
            prop_assert_eq!(usdt, Some(Decimal::from_i128_with_scale(cents, 2)));
        }
    }

    #[test]
    fn chart_coordinates_take_any_float(value in any::<f64>(), places in 0_u32..20) {
        // Bar coordinates come from counts, not amounts, but are written by `fixed`: any f64,
        // NaN and infinities included, gives digits, an optional sign and `places` decimals.
        let text = fixed(value, places);
        let unsigned = text.strip_prefix('-').unwrap_or(&text);
        let decimals = unsigned.split_once('.').map_or(0, |(_, f)| f.len());
        prop_assert_eq!(decimals, places.min(9) as usize);
        prop_assert!(unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.'), "{}", text);
    }

    #[test]
    fn csv_and_deposit_rules_take_any_amount(amount in any_decimal(), other in any_decimal()) {
        let order = Order {
            id: "o".into(),
            status: OrderStatus::Success,
            amount_rub: amount,
            amount_usdt: other,
            rate: Some(amount),
            merchant_name: "m".into(),
            external_order_id: None,
            payment_until: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: None,
        };
        let csv = orders_csv(&[order]);
        prop_assert!(csv.contains(&escape_cell(&amount.to_string())));
        let lines = [line(amount, Currency::Usdt), line(other, Currency::Usdt), line(amount, Currency::Unknown("X".into()))];
        let series = deposits_per_day(&lines, |t| t.date_naive());
        let _ = (series.summary(), series.totals(), series.bars(600.0, 100.0));
        for bin in &series.bins {
            for (currency, total) in &bin.totals {
                let _ = format_total(*total, currency);
            }
        }
    }
}
