//! Wire models of the Lumo B2B API, one type per schema of `lumo-b2b.openapi.yaml`.
//!
//! Amounts are [`Decimal`] parsed from the JSON number text (never through `f64`); enums carry an
//! `Unknown(String)` arm so a value added by a newer server still decodes. Date-times are read by
//! [`crate::time`] (chrono's own parser is large in the wasm) and written by chrono.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod enums;
mod patch;

pub use enums::{Currency, DepositStatus, DisputeResolution, DisputeStatus, OrderStatus};

/// Error body as NestJS sends it; every field is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<ErrorMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `message` is a string, or an array of strings for validation errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ErrorMessage {
    One(String),
    Many(Vec<String>),
}

impl ErrorMessage {
    pub fn lines(&self) -> Vec<String> {
        match self {
            ErrorMessage::One(line) => vec![line.clone()],
            ErrorMessage::Many(lines) => lines.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterRequest {
    pub name: String,
    pub email: String,
    pub password: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_telegram: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyInfo {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthResponse {
    pub company: CompanyInfo,
    pub api_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyResponse {
    pub api_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    pub id: String,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default)]
    pub contact_telegram: Option<String>,
    pub is_active: bool,
    #[serde(default)]
    pub webhook_url: Option<String>,
    #[serde(default)]
    pub deposit_forward_address: Option<String>,
}

/// Partial profile update: `None` leaves a field as it is, `Some(None)` clears it (sent as
/// `null`), `Some(Some(v))` sets it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateProfileRequest {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "patch")]
    pub contact_email: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "patch")]
    pub contact_telegram: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "patch")]
    pub webhook_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "patch")]
    pub deposit_forward_address: Option<Option<String>>,
}

impl UpdateProfileRequest {
    pub fn is_empty(&self) -> bool {
        self.contact_email.is_none()
            && self.contact_telegram.is_none()
            && self.webhook_url.is_none()
            && self.deposit_forward_address.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rate: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub effective_rate: Decimal,
    pub qr_rate_offset_bps: i64,
    #[serde(
        default,
        serialize_with = "crate::time::serialize_option",
        deserialize_with = "crate::time::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrepareOrderRequest {
    pub qr_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_order_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub id: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount_rub: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount_usdt: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rate: Decimal,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub expires_at: DateTime<Utc>,
    pub is_balance_sufficient: bool,
    pub merchant_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub status: OrderStatus,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount_rub: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount_usdt: Decimal,
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    pub rate: Option<Decimal>,
    pub merchant_name: String,
    #[serde(default)]
    pub external_order_id: Option<String>,
    #[serde(
        default,
        serialize_with = "crate::time::serialize_option",
        deserialize_with = "crate::time::deserialize_option"
    )]
    pub payment_until: Option<DateTime<Utc>>,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub created_at: DateTime<Utc>,
    #[serde(
        default,
        serialize_with = "crate::time::serialize_option",
        deserialize_with = "crate::time::deserialize_option"
    )]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDisputeRequest {
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dispute {
    pub id: String,
    pub order_id: String,
    pub status: DisputeStatus,
    #[serde(default)]
    pub resolution: Option<DisputeResolution>,
    pub reason: String,
    #[serde(default)]
    pub admin_comment: Option<String>,
    #[serde(default)]
    pub resolved_by: Option<String>,
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    pub refund_amount: Option<Decimal>,
    #[serde(
        default,
        serialize_with = "crate::time::serialize_option",
        deserialize_with = "crate::time::deserialize_option"
    )]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub created_at: DateTime<Utc>,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyWallet {
    pub address: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub usdt_balance: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub trx_balance: Decimal,
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    pub frozen_balance: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::arbitrary_precision_option")]
    pub available_balance: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deposit {
    pub id: String,
    pub tx_hash: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub currency: Currency,
    pub status: DepositStatus,
    #[serde(default)]
    pub from_address: Option<String>,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub created_at: DateTime<Utc>,
    #[serde(
        default,
        serialize_with = "crate::time::serialize_option",
        deserialize_with = "crate::time::deserialize_option"
    )]
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUserWalletRequest {
    pub external_id: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplaceUserWalletRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserWallet {
    pub id: String,
    pub company_id: String,
    pub external_id: String,
    pub address: String,
    pub is_blocked: bool,
    #[serde(default)]
    pub block_reason: Option<String>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub last_usdt_balance: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub last_trx_balance: Decimal,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserDeposit {
    pub id: String,
    pub wallet_id: String,
    pub external_id: String,
    pub address: String,
    pub tx_hash: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub currency: Currency,
    pub status: DepositStatus,
    #[serde(
        serialize_with = "crate::time::serialize",
        deserialize_with = "crate::time::deserialize"
    )]
    pub created_at: DateTime<Utc>,
    #[serde(
        default,
        serialize_with = "crate::time::serialize_option",
        deserialize_with = "crate::time::deserialize_option"
    )]
    pub confirmed_at: Option<DateTime<Utc>>,
}
