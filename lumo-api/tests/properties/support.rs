//! Strategies and example bodies shared by the properties.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;

/// Cases per property.
pub const CASES: u32 = 10_000;

/// [`CASES`] cases; a failure prints its shrunk input instead of writing a regression file into
/// the source tree.
pub fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(CASES)
    }
}

/// The largest mantissa a Decimal holds: 2^96 - 1.
pub const MAX_MANTISSA: i128 = (1 << 96) - 1;

/// Any Decimal: the extremes, and arbitrary mantissas (every magnitude) at every scale 0..=28.
pub fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => prop::sample::select(vec![
            Decimal::MAX,
            Decimal::MIN,
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::from_i128_with_scale(MAX_MANTISSA, 28),
            Decimal::from_i128_with_scale(-MAX_MANTISSA, 1),
            Decimal::new(5, 1),
            Decimal::new(-5, 3),
            Decimal::new(995, 3),
        ]),
        4 => (-MAX_MANTISSA..=MAX_MANTISSA, 0_u32..=28)
            .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale)),
        // Mantissas of every length, not mostly 29-digit ones.
        4 => (0_u32..=96, any::<bool>(), any::<u128>(), 0_u32..=28).prop_map(
            |(bits, negative, raw, scale)| {
                let mantissa = (raw & ((1_u128 << bits) - 1)) as i128;
                let mantissa = if negative { -mantissa } else { mantissa };
                Decimal::from_i128_with_scale(mantissa, scale)
            }
        ),
    ]
}

/// Amounts that add up exactly in i128 at scale 6: up to 10^12 with 0 to 6 decimals.
pub fn small_decimal() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000_i64..=1_000_000_000_000, 0_u32..=6)
        .prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

/// `amount` as an integer count of 10^-6 (exact for [`small_decimal`]).
pub fn micros(amount: Decimal) -> i128 {
    let scale = amount.scale();
    amount.mantissa() * 10_i128.pow(6 - scale)
}

/// Any instant chrono can hold, the two ends included, with arbitrary nanoseconds.
pub fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    );
    prop_oneof![
        1 => prop::sample::select(vec![DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::UNIX_EPOCH]),
        4 => (min..=max, 0_u32..1_000_000_000).prop_map(|(seconds, nanos)| {
            DateTime::from_timestamp(seconds, nanos).unwrap_or(DateTime::<Utc>::MAX_UTC)
        }),
        // Near one another, as real times are: exercises the "seconds apart" branches.
        4 => (1_700_000_000_i64..1_900_000_000, 0_u32..1_000_000_000).prop_map(|(s, n)| {
            DateTime::from_timestamp(s, n).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
        }),
    ]
}

/// One valid answer body per response type, as the sandbox sends them.
pub const ORDER: &str = r#"{"id":"3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b","status":"in_progress","amountRub":5000.00,"amountUsdt":52.63,"rate":95.0,"merchantName":"OOO Romashka","externalOrderId":"ORD-1","paymentUntil":"2026-11-24T10:05:00Z","createdAt":"2026-11-24T10:00:00.250Z","updatedAt":"2026-11-24T10:00:01+03:00"}"#;
pub const QUOTE: &str = r#"{"id":"q-1","amountRub":5000.00,"amountUsdt":52.63,"rate":95.0,"expiresAt":"2026-11-24T10:00:30Z","isBalanceSufficient":true,"merchantName":"OOO Romashka"}"#;
pub const DISPUTE: &str = r#"{"id":"d-1","orderId":"o-1","status":"resolved","resolution":"partial_refund","reason":"Paid twice","adminComment":"ok","resolvedBy":"admin","refundAmount":10.5,"resolvedAt":"2026-11-25T09:00:00Z","createdAt":"2026-11-24T11:00:00Z","updatedAt":"2026-11-25T09:00:00Z"}"#;
pub const PROFILE: &str = r#"{"id":"c-1","name":"Acme","email":"demo@lumo.test","contactEmail":null,"contactTelegram":"@acme_pay","isActive":true,"webhookUrl":"https://acme.example/hook","depositForwardAddress":null}"#;
pub const AUTH: &str = r#"{"company":{"id":"c-1","name":"Acme","email":"demo@lumo.test"},"apiKey":"lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f1"}"#;
pub const KEY: &str = r#"{"apiKey":"lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f1"}"#;
pub const WALLET: &str = r#"{"address":"TJRabPrwbZy45sbavfcjinPJC18kjpRTv8","usdtBalance":1250.5,"trxBalance":35.25,"frozenBalance":52.63,"availableBalance":1197.87}"#;
pub const DEPOSITS: &str = r#"[{"id":"dep-1","txHash":"abababababababababababababababababababababababababababababababab","amount":100.000001,"currency":"USDT","status":"aml_failed","fromAddress":"TJRabPrwbZy45sbavfcjinPJC18kjpRTv8","createdAt":"2026-11-24T10:00:00Z","confirmedAt":null}]"#;
pub const USER_WALLETS: &str = r#"[{"id":"w-1","companyId":"c-1","externalId":"user-42","address":"TJRabPrwbZy45sbavfcjinPJC18kjpRTv8","isBlocked":true,"blockReason":"replaced","lastUsdtBalance":0,"lastTrxBalance":1e-6,"createdAt":"2026-11-24T10:00:00Z"}]"#;
pub const USER_DEPOSITS: &str = r#"[{"id":"ud-1","walletId":"w-1","externalId":"user-42","address":"TJRabPrwbZy45sbavfcjinPJC18kjpRTv8","txHash":"ab","amount":12,"currency":"TRX","status":"confirmed","createdAt":"2026-11-24T10:00:00Z","confirmedAt":"2026-11-24T10:01:00Z"}]"#;
pub const RATE: &str = r#"{"rate":95.95,"effectiveRate":96.43,"qrRateOffsetBps":50,"updatedAt":"2026-11-24T10:00:00Z"}"#;
pub const ERROR: &str = r#"{"statusCode":400,"message":["contactEmail must be an email","reason should not be empty"],"error":"Bad Request"}"#;

/// Every example body, with the lists of orders and disputes the API also answers.
pub fn examples() -> Vec<String> {
    let mut bodies: Vec<String> = [
        ORDER,
        QUOTE,
        DISPUTE,
        PROFILE,
        AUTH,
        KEY,
        WALLET,
        DEPOSITS,
        USER_WALLETS,
        USER_DEPOSITS,
        RATE,
        ERROR,
    ]
    .iter()
    .map(|body| body.to_string())
    .collect();
    bodies.push(format!("[{ORDER},{ORDER}]"));
    bodies.push(format!("[{DISPUTE}]"));
    bodies
}
