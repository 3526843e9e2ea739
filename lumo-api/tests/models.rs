//! Decoding beyond the contract's examples: values a newer server may send, exact amounts, and
//! the partial-update encoding of the profile.

use std::str::FromStr;

use lumo_api::errors::DecodeKind;
use lumo_api::models::*;
use lumo_api::{decode, ApiError};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn order_json(status: &str, amount_usdt: &str) -> String {
    format!(
        r#"{{"id":"o-1","status":"{status}","amountRub":5000.00,"amountUsdt":{amount_usdt},
            "merchantName":"OOO Romashka","createdAt":"2026-11-24T10:00:00Z"}}"#
    )
}

#[test]
fn an_unknown_order_status_decodes_and_encodes_verbatim() {
    let order: Order = serde_json::from_str(&order_json("refunded", "52.63")).unwrap();
    assert_eq!(order.status, OrderStatus::Unknown("refunded".into()));
    assert!(!order.status.is_known());
    assert!(!order.status.is_completed());
    assert_eq!(order.status.to_string(), "refunded");
    let encoded = serde_json::to_value(&order).unwrap();
    assert_eq!(encoded["status"], "refunded");
}

#[test]
fn unknown_values_of_every_enum_survive_a_round_trip() {
    fn check<T>(raw: &str)
    where
        T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
    {
        let quoted = format!("\"{raw}\"");
        let value: T = serde_json::from_str(&quoted).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), quoted, "{value:?}");
    }
    check::<OrderStatus>("refunded");
    check::<DisputeStatus>("escalated");
    check::<DisputeResolution>("voucher");
    check::<DepositStatus>("reversed");
    check::<Currency>("USDC");
    check::<OrderStatus>("In_Progress"); // case matters: not in_progress
    assert_eq!(
        OrderStatus::from_wire("In_Progress"),
        OrderStatus::Unknown("In_Progress".into())
    );
    assert_eq!(
        OrderStatus::from_wire("in_progress"),
        OrderStatus::InProgress
    );
}

#[test]
fn a_dispute_with_unknown_status_and_resolution_decodes() {
    let json = r#"{"id":"d","orderId":"o","status":"escalated","resolution":"voucher",
        "reason":"x","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z",
        "somethingNew":{"nested":[1,2]}}"#;
    let dispute: Dispute = serde_json::from_str(json).unwrap();
    assert_eq!(dispute.status, DisputeStatus::Unknown("escalated".into()));
    assert!(!dispute.status.is_open());
    assert_eq!(
        dispute.resolution,
        Some(DisputeResolution::Unknown("voucher".into()))
    );
}

#[test]
fn amounts_decode_exactly() {
    let a: Order = serde_json::from_str(&order_json("success", "0.1")).unwrap();
    let b: Order = serde_json::from_str(&order_json("success", "0.2")).unwrap();
    assert_eq!(a.amount_usdt + b.amount_usdt, dec("0.3"));
    assert_eq!((a.amount_usdt + b.amount_usdt).to_string(), "0.3");

    let wallet: CompanyWallet = serde_json::from_str(
        r#"{"address":"T","usdtBalance":12500.5,"trxBalance":35.2,"frozenBalance":52.63,"availableBalance":12447.87}"#,
    )
    .unwrap();
    assert_eq!(wallet.available_balance.unwrap().to_string(), "12447.87");
    assert_eq!(
        wallet.usdt_balance - wallet.frozen_balance.unwrap(),
        wallet.available_balance.unwrap()
    );
    let text = serde_json::to_string(&wallet).unwrap();
    assert!(text.contains(r#""availableBalance":12447.87"#), "{text}");
    assert!(text.contains(r#""usdtBalance":12500.5"#), "{text}");
}

#[test]
fn scale_and_tiny_amounts_are_kept() {
    let order: Order = serde_json::from_str(&order_json("success", "1e-7")).unwrap();
    assert_eq!(order.amount_usdt, dec("0.0000001"));
    assert_eq!(order.amount_rub.to_string(), "5000.00");
    let order: Order = serde_json::from_str(&order_json("success", "52.630000")).unwrap();
    assert_eq!(order.amount_usdt.to_string(), "52.630000");
    let order: Order = serde_json::from_str(&order_json("success", "-3")).unwrap();
    assert_eq!(order.amount_usdt, dec("-3"));
}

#[test]
fn an_amount_beyond_decimal_range_is_a_decode_error_not_a_panic() {
    let result: Result<Order, ApiError> = decode(200, &order_json("success", "1e40"));
    assert!(
        matches!(
            result,
            Err(ApiError::Decode {
                kind: DecodeKind::WrongShape,
                ..
            })
        ),
        "{result:?}"
    );
    let result: Result<Order, ApiError> = decode(200, &order_json("success", "\"52.63\""));
    // A string amount is tolerated by the decimal decoder.
    assert_eq!(result.unwrap().amount_usdt, dec("52.63"));
}

#[test]
fn optional_fields_may_be_absent_null_or_present() {
    let order: Order = serde_json::from_str(&order_json("created", "1")).unwrap();
    assert_eq!(order.rate, None);
    assert_eq!(order.payment_until, None);
    let with_null =
        order_json("created", "1").replace("\"merchantName\"", "\"rate\":null,\"merchantName\"");
    let order: Order = serde_json::from_str(&with_null).unwrap();
    assert_eq!(order.rate, None);
    let with_rate =
        order_json("created", "1").replace("\"merchantName\"", "\"rate\":95.95,\"merchantName\"");
    let order: Order = serde_json::from_str(&with_rate).unwrap();
    assert_eq!(order.rate, Some(dec("95.95")));
}

#[test]
fn a_profile_update_sends_only_what_changed_and_null_to_clear() {
    let update = UpdateProfileRequest {
        contact_email: Some(None),
        webhook_url: Some(Some("https://x.example/h".into())),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&update).unwrap(),
        r#"{"contactEmail":null,"webhookUrl":"https://x.example/h"}"#
    );
    let back: UpdateProfileRequest = serde_json::from_str(r#"{"contactEmail":null}"#).unwrap();
    assert_eq!(back.contact_email, Some(None));
    assert_eq!(back.webhook_url, None);
    assert!(UpdateProfileRequest::default().is_empty());
    assert_eq!(
        serde_json::to_string(&UpdateProfileRequest::default()).unwrap(),
        "{}"
    );
    assert!(serde_json::from_str::<UpdateProfileRequest>(r#"{"name":"x"}"#).is_err());
}

#[test]
fn error_message_lines() {
    assert_eq!(ErrorMessage::One("a".into()).lines(), vec!["a"]);
    assert_eq!(
        ErrorMessage::Many(vec!["a".into(), "b".into()]).lines(),
        vec!["a", "b"]
    );
    let body: ErrorBody = serde_json::from_str(r#"{"message":["x"]}"#).unwrap();
    assert_eq!(body.message, Some(ErrorMessage::Many(vec!["x".into()])));
    assert_eq!(body.status_code, None);
}
