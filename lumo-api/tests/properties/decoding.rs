//! (c) Decoding: whatever the status and body, every response type decodes into a value or an
//! ApiError, and the error can be shown, without a panic.

use chrono::{DateTime, Utc};
use lumo_api::errors::{
    decode_with_retry_after, decode_with_retry_after_at, error_from_response,
    error_from_response_at, parse_retry_after, retry_after_seconds,
};
use lumo_api::models::*;
use lumo_api::{decode, ApiError};
use proptest::prelude::*;
use serde::de::DeserializeOwned;

use crate::support::{any_instant, config, examples, ORDER};

/// Everything the portal does with an error: show it, classify it.
fn use_error(error: &ApiError) {
    let _ = (
        error.to_string(),
        error.title(),
        error.status(),
        error.server_message(),
        error.is_transient(),
        error.is_unsupported_operation(),
        error.field_messages("email"),
    );
}

fn one<T: DeserializeOwned>(
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    now: DateTime<Utc>,
) {
    for result in [
        decode::<T>(status, body),
        decode_with_retry_after::<T>(status, body, retry_after),
        decode_with_retry_after_at::<T>(status, body, retry_after, now),
    ] {
        if let Err(error) = result {
            use_error(&error);
            if !(200..300).contains(&status) {
                assert_eq!(error.status(), Some(status));
            }
        }
    }
}

/// `body` with `status` into every type the API answers with.
fn decode_everything(status: u16, body: &str, retry_after: Option<&str>, now: DateTime<Utc>) {
    one::<Order>(status, body, retry_after, now);
    one::<Vec<Order>>(status, body, retry_after, now);
    one::<Quote>(status, body, retry_after, now);
    one::<Dispute>(status, body, retry_after, now);
    one::<Vec<Dispute>>(status, body, retry_after, now);
    one::<CompanyProfile>(status, body, retry_after, now);
    one::<AuthResponse>(status, body, retry_after, now);
    one::<ApiKeyResponse>(status, body, retry_after, now);
    one::<CompanyWallet>(status, body, retry_after, now);
    one::<Vec<Deposit>>(status, body, retry_after, now);
    one::<Vec<UserWallet>>(status, body, retry_after, now);
    one::<UserWallet>(status, body, retry_after, now);
    one::<Vec<UserDeposit>>(status, body, retry_after, now);
    one::<Rate>(status, body, retry_after, now);
    one::<ErrorBody>(status, body, retry_after, now);
    one::<Option<Order>>(status, body, retry_after, now);
    one::<()>(status, body, retry_after, now);
    use_error(&error_from_response(status, body, retry_after));
    use_error(&error_from_response_at(status, body, retry_after, now));
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        prop::sample::select(vec![
            200_u16, 201, 204, 400, 401, 403, 404, 405, 409, 429, 500, 503
        ]),
        any::<u16>(),
    ]
}

fn retry_after() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        any::<String>(),
        "[0-9 ]{0,30}",
        "(Mon|Sun|Sunday|Xyz), [0-9]{1,3}[ -](Jan|Oct|Foo)[ -][0-9]{2,5} [0-9]{2}:[0-9]{2}:[0-9]{2} (GMT|UTC)",
    ])
}

/// Text made of JSON's own characters, so the parser gets past the first byte.
fn json_like() -> impl Strategy<Value = String> {
    "[\\[\\]{}\":,0-9eE.+\\- a-zA-Z_\\\\\u{feff}]{0,200}"
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_text_never_panics(
        status in status(),
        body in prop_oneof![any::<String>(), json_like()],
        retry_after in retry_after(),
        now in any_instant(),
    ) {
        decode_everything(status, &body, retry_after.as_deref(), now);
    }

    #[test]
    fn random_bytes_never_panic(
        status in status(),
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        now in any_instant(),
    ) {
        let body = String::from_utf8_lossy(&bytes);
        decode_everything(status, &body, Some(&body), now);
    }

    #[test]
    fn every_truncation_of_a_valid_body_never_panics(
        status in status(),
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        now in any_instant(),
    ) {
        let bodies = examples();
        let body = which.get(&bodies).as_bytes();
        // Any byte length, also inside a multi-byte character (read as lossy UTF-8).
        let prefix = String::from_utf8_lossy(&body[..cut.index(body.len() + 1)]);
        decode_everything(status, &prefix, None, now);
    }

    #[test]
    fn any_number_where_an_amount_goes_never_panics(
        number in prop_oneof![
            "-?[0-9]{1,45}(\\.[0-9]{1,45})?([eE][+-]?[0-9]{1,5})?",
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
            Just("null".to_string()),
            Just("79228162514264337593543950336".to_string()),
            Just("-79228162514264337593543950336".to_string()),
            Just("1e400".to_string()),
            Just("0.00000000000000000000000000001".to_string()),
        ],
        date in prop_oneof![any::<String>(), "[+-]?[0-9]{4,7}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?(Z|[+-][0-9]{2}:?[0-9]{2}| ?UTC)"],
    ) {
        let date = serde_json::to_string(&date).unwrap_or_default();
        let body = ORDER
            .replace("5000.00", &number)
            .replace("\"2026-11-24T10:00:00.250Z\"", &date);
        decode_everything(200, &body, None, DateTime::<Utc>::UNIX_EPOCH);
        if let Ok(order) = decode::<Order>(200, &body) {
            // What decoded is exactly what was sent (no float on the way).
            if let Ok(sent) = number.parse::<rust_decimal::Decimal>() {
                prop_assert_eq!(order.amount_rub, sent);
            }
        }
    }

    #[test]
    fn retry_after_never_panics(value in any::<String>(), now in any_instant()) {
        let seconds = parse_retry_after(&value);
        let with_dates = retry_after_seconds(&value, now);
        // Seconds are read the same with or without a clock.
        if seconds.is_some() {
            prop_assert_eq!(with_dates, seconds);
        }
    }
}

#[test]
fn every_prefix_of_every_example_decodes_or_fails_cleanly() {
    // Exhaustive, besides the sampled property: every byte length of every example.
    let now = DateTime::<Utc>::UNIX_EPOCH;
    for body in examples() {
        for len in 0..=body.len() {
            let prefix = String::from_utf8_lossy(&body.as_bytes()[..len]);
            one::<Order>(200, &prefix, None, now);
            one::<Vec<Order>>(200, &prefix, None, now);
            one::<Dispute>(200, &prefix, None, now);
            one::<Vec<Deposit>>(200, &prefix, None, now);
            one::<CompanyWallet>(200, &prefix, None, now);
            one::<Rate>(200, &prefix, None, now);
            use_error(&error_from_response(400, &prefix, None));
        }
    }
}

#[test]
fn the_examples_are_valid() {
    // The truncation property is only as good as its starting bodies.
    let bodies = examples();
    assert!(decode::<Order>(200, &bodies[0]).is_ok());
    assert!(decode::<Quote>(200, &bodies[1]).is_ok());
    assert!(decode::<Dispute>(200, &bodies[2]).is_ok());
    assert!(decode::<CompanyProfile>(200, &bodies[3]).is_ok());
    assert!(decode::<AuthResponse>(200, &bodies[4]).is_ok());
    assert!(decode::<ApiKeyResponse>(200, &bodies[5]).is_ok());
    assert!(decode::<CompanyWallet>(200, &bodies[6]).is_ok());
    assert!(decode::<Vec<Deposit>>(200, &bodies[7]).is_ok());
    assert!(decode::<Vec<UserWallet>>(200, &bodies[8]).is_ok());
    assert!(decode::<Vec<UserDeposit>>(200, &bodies[9]).is_ok());
    assert!(decode::<Rate>(200, &bodies[10]).is_ok());
    assert!(decode::<ErrorBody>(200, &bodies[11]).is_ok());
    assert_eq!(
        decode::<Vec<Order>>(200, &bodies[12]).map(|o| o.len()),
        Ok(2)
    );
    assert_eq!(
        decode::<Vec<Dispute>>(200, &bodies[13]).map(|d| d.len()),
        Ok(1)
    );
    assert_eq!(bodies.len(), 14);
}
