use std::str::FromStr;

use lumo_api::models::Order;
use lumo_api::rules::money::*;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s)
        .or_else(|_| Decimal::from_scientific(s))
        .unwrap()
}

/// The display form with plain spaces, for readable expectations.
fn shown(amount: &str, currency: &str) -> String {
    format_amount(dec(amount), currency).replace(NBSP, " ")
}

#[test]
fn uses_no_break_spaces() {
    assert_eq!(
        format_amount(dec("12500.5"), "USDT"),
        "12\u{a0}500.50\u{a0}USDT"
    );
    assert!(!format_amount(dec("12500.5"), "USDT").contains(' '));
}

#[test]
fn rub_has_two_decimals() {
    assert_eq!(shown("5000", "RUB"), "5 000.00 RUB");
    assert_eq!(shown("5000.0", "RUB"), "5 000.00 RUB");
    assert_eq!(shown("0.1", "RUB"), "0.10 RUB");
    assert_eq!(shown("1.005", "RUB"), "1.01 RUB");
    assert_eq!(shown("1.004999", "RUB"), "1.00 RUB");
    assert_eq!(
        shown("2.125", "RUB"),
        "2.13 RUB",
        "half away from zero, not to even"
    );
    assert_eq!(shown("999.995", "RUB"), "1 000.00 RUB");
    assert_eq!(shown("0", "RUB"), "0.00 RUB");
    assert_eq!(
        shown("5000", "rub"),
        "5 000.00 rub",
        "matched in any case, shown as given"
    );
}

#[test]
fn usdt_has_two_to_six_decimals() {
    assert_eq!(shown("12500.5", "USDT"), "12 500.50 USDT");
    assert_eq!(shown("52.63", "USDT"), "52.63 USDT");
    assert_eq!(shown("52.630000", "USDT"), "52.63 USDT");
    assert_eq!(shown("0.123", "USDT"), "0.123 USDT");
    assert_eq!(shown("0.123456", "USDT"), "0.123456 USDT");
    assert_eq!(shown("0.1234565", "USDT"), "0.123457 USDT");
    assert_eq!(shown("0.1234564999", "USDT"), "0.123456 USDT");
}

#[test]
fn the_1e_minus_7_rule() {
    // Below the sixth decimal: rounded half away from zero, then at least 2 decimals.
    assert_eq!(shown("1e-7", "USDT"), "0.00 USDT");
    assert_eq!(shown("0.0000005", "USDT"), "0.000001 USDT");
    assert_eq!(shown("-0.0000005", "USDT"), "-0.000001 USDT");
    assert_eq!(shown("-1e-7", "USDT"), "0.00 USDT", "no negative zero");
    assert_eq!(shown("-0.001", "RUB"), "0.00 RUB", "no negative zero");
    // Decoded from the wire, exactly.
    let json = r#"{"id":"o","status":"success","amountRub":0.1,"amountUsdt":1e-7,"merchantName":"m","createdAt":"2026-11-24T10:00:00Z"}"#;
    let order: Order = serde_json::from_str(json).unwrap();
    assert_eq!(
        format_amount(order.amount_usdt, "USDT").replace(NBSP, " "),
        "0.00 USDT"
    );
    assert_eq!(format_plain(order.amount_usdt, 0, 28), "0.0000001");
}

#[test]
fn trx_has_two_to_six_decimals() {
    assert_eq!(shown("35.2", "TRX"), "35.20 TRX");
    assert_eq!(shown("0.000001", "TRX"), "0.000001 TRX");
    assert_eq!(shown("1000000", "TRX"), "1 000 000.00 TRX");
}

#[test]
fn other_currencies_keep_every_decimal() {
    assert_eq!(shown("1.23456789", "BTC"), "1.23456789 BTC");
    assert_eq!(shown("1", "EUR"), "1.00 EUR");
    assert_eq!(shown("1.5", ""), "1.50", "no code, no trailing space");
    assert_eq!(currency_decimals(" usdt "), (2, 6));
}

#[test]
fn negatives_keep_their_sign() {
    assert_eq!(shown("-12500.5", "USDT"), "-12 500.50 USDT");
    assert_eq!(shown("-1.005", "RUB"), "-1.01 RUB");
    assert_eq!(shown("-999", "RUB"), "-999.00 RUB");
    assert_eq!(shown("-1000", "RUB"), "-1 000.00 RUB");
}

#[test]
fn grouping_by_three() {
    assert_eq!(shown("1", "RUB"), "1.00 RUB");
    assert_eq!(shown("12", "RUB"), "12.00 RUB");
    assert_eq!(shown("123", "RUB"), "123.00 RUB");
    assert_eq!(shown("1234", "RUB"), "1 234.00 RUB");
    assert_eq!(shown("123456", "RUB"), "123 456.00 RUB");
    assert_eq!(shown("1234567.891", "RUB"), "1 234 567.89 RUB");
}

#[test]
fn huge_and_extreme_values_do_not_panic() {
    assert_eq!(
        shown(&Decimal::MAX.to_string(), "USDT"),
        "79 228 162 514 264 337 593 543 950 335.00 USDT"
    );
    assert_eq!(
        shown(&Decimal::MIN.to_string(), "RUB"),
        "-79 228 162 514 264 337 593 543 950 335.00 RUB"
    );
    let tiny = Decimal::new(1, 28);
    assert_eq!(format_plain(tiny, 2, 28), "0.0000000000000000000000000001");
    assert_eq!(format_plain(tiny, 2, 100), "0.0000000000000000000000000001");
    let max_scale = Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 28);
    assert_eq!(
        format_amount(max_scale, "RUB").replace(NBSP, " "),
        "7.92 RUB"
    );
    assert_eq!(
        format_amount(max_scale, "X").replace(NBSP, " "),
        "7.9228162514264337593543950335 X"
    );
    let _ = format_rate(Decimal::MAX);
    let _ = format_plain(Decimal::MIN, 28, 28);
}

#[test]
fn plain_format_for_csv() {
    assert_eq!(format_plain(dec("12500.5"), 2, 2), "12500.50");
    assert_eq!(format_plain(dec("-12500.5"), 2, 6), "-12500.50");
    assert_eq!(format_plain(dec("52.630000"), 0, 6), "52.63");
    assert_eq!(format_plain(dec("52"), 0, 6), "52");
    assert_eq!(format_plain(dec("0.1234567"), 2, 6), "0.123457");
    assert_eq!(
        format_plain(dec("1.5"), 4, 2),
        "1.50",
        "min above max is lowered"
    );
}

#[test]
fn rates() {
    assert_eq!(
        format_rate(dec("95.95")).replace(NBSP, " "),
        "95.95 RUB/USDT"
    );
    assert_eq!(
        format_rate(dec("95.0")).replace(NBSP, " "),
        "95.00 RUB/USDT"
    );
    assert_eq!(
        format_rate(dec("95.123456789")).replace(NBSP, " "),
        "95.123457 RUB/USDT"
    );
}

#[test]
fn sums_are_exact() {
    let total: Decimal = ["0.1", "0.2"].iter().map(|s| dec(s)).sum();
    assert_eq!(format_plain(total, 0, 28), "0.3");
    let total: Decimal = std::iter::repeat_n(dec("0.01"), 1000).sum();
    assert_eq!(shown(&total.to_string(), "USDT"), "10.00 USDT");
}

#[test]
fn usdt_for_rub_rounds_to_cents() {
    assert_eq!(
        usdt_for_rub(dec("5000.00"), dec("95.0")),
        Some(dec("52.63"))
    );
    assert_eq!(
        usdt_for_rub(dec("5000.00"), dec("95.95")),
        Some(dec("52.11"))
    );
    assert_eq!(usdt_for_rub(dec("0.01"), dec("95")), Some(dec("0.00")));
    assert_eq!(usdt_for_rub(dec("1"), dec("0")), None);
    assert_eq!(usdt_for_rub(dec("1"), dec("-95")), None);
    assert_eq!(
        usdt_for_rub(Decimal::MAX, dec("0.0001")),
        None,
        "overflow is None"
    );
}

#[test]
fn the_largest_and_smallest_amounts_are_written_in_full() {
    let max = "79 228 162 514 264 337 593 543 950 335";
    let shown_max = format_amount(Decimal::MAX, "USDT").replace(NBSP, " ");
    assert_eq!(shown_max, format!("{max}.00 USDT"));
    let shown_min = format_amount(Decimal::MIN, "RUB").replace(NBSP, " ");
    assert_eq!(shown_min, format!("-{max}.00 RUB"));
    assert_eq!(
        format_plain(Decimal::MIN, 0, 28),
        "-79228162514264337593543950335"
    );
    assert_eq!(
        format_rate(Decimal::MAX).replace(NBSP, " "),
        format!("{max}.00 RUB/USDT")
    );
    // 28 decimals, rounded to what each currency shows.
    let tiny = Decimal::from_i128_with_scale((1 << 96) - 1, 28);
    assert_eq!(shown(&tiny.to_string(), "USDT"), "7.922816 USDT");
    assert_eq!(shown(&tiny.to_string(), "RUB"), "7.92 RUB");
    assert_eq!(
        shown(&tiny.to_string(), "XYZ"),
        "7.9228162514264337593543950335 XYZ"
    );
    assert_eq!(shown("-0.000000001", "USDT"), "0.00 USDT");
}

#[test]
fn a_total_out_of_range_is_said_not_shown() {
    use lumo_api::rules::amounts::{checked_sum, OutOfRange};
    assert_eq!(
        format_total(Err(OutOfRange), "USDT"),
        "USDT: too large to show"
    );
    assert_eq!(format_total(Err(OutOfRange), " "), "too large to show");
    let total = checked_sum([Decimal::MAX, Decimal::MAX]);
    assert_eq!(format_total(total, "TRX"), "TRX: too large to show");
    let total = checked_sum([dec("0.1"), dec("0.2")]);
    assert_eq!(
        format_total(total, "USDT"),
        format_amount(dec("0.3"), "USDT")
    );
}

#[test]
fn russian_amounts_use_a_decimal_comma_and_the_rouble_sign() {
    use lumo_api::locale::Locale;
    use lumo_api::rules::amounts::OutOfRange;
    use lumo_api::rules::money::{format_amount_in, format_rate_in, format_total_in};
    let ru = |text: &str, currency: &str| format_amount_in(Locale::Ru, dec(text), currency);
    assert_eq!(ru("5000", "RUB"), "5\u{a0}000,00\u{a0}₽");
    assert_eq!(ru("12.5", "USDT"), "12,50\u{a0}USDT");
    assert_eq!(
        ru("-1234567.123456", "USDT"),
        "-1\u{a0}234\u{a0}567,123456\u{a0}USDT"
    );
    assert_eq!(ru("0.1", ""), "0,10");
    assert_eq!(
        format_rate_in(Locale::Ru, dec("95.95")),
        "95,95\u{a0}₽/USDT"
    );
    assert_eq!(
        format_total_in(Locale::Ru, Ok(dec("1")), "RUB"),
        Ok("1,00\u{a0}₽".to_string())
    );
    assert_eq!(
        format_total_in(Locale::Ru, Err(OutOfRange), "RUB"),
        Err(OutOfRange)
    );
    assert_eq!(
        format_amount_in(Locale::En, dec("5000"), "RUB"),
        "5\u{a0}000.00\u{a0}RUB"
    );
}
