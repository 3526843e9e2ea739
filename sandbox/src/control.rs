//! Control routes under `/_sandbox/` for tests and demos (no API key; absent with
//! `--no-control`; never subject to faults; behind `X-Sandbox-Token` with `--control-token`,
//! see [`crate::control_token`]).
//!
//! | route | body | answer |
//! | --- | --- | --- |
//! | `POST /_sandbox/reset` | - | 204; seed data, demo key, clock offset 0, no faults |
//! | `GET /_sandbox/state` | - | 200 counts (never a key) |
//! | `GET /_sandbox/clock` | - | 200 `{now, offsetSeconds}` |
//! | `POST /_sandbox/clock/advance` | `{"seconds":N}` | 200 `{now, offsetSeconds}`; 400 past 100 years |
//! | `POST /_sandbox/disputes/{id}/resolve` | `{"resolution","refundAmount"?,"adminComment"?}` | 200 Dispute |
//! | `POST /_sandbox/disputes/{id}/reject` | `{"adminComment"?}` | 200 Dispute |
//! | `POST /_sandbox/deposits` | `{"amount","currency","externalId"?,"status"?,"companyId"?}` | 201 Deposit or UserDeposit |
//! | `POST /_sandbox/seed` | `{"orders"?,"disputes"?}` | 200 counts |
//! | `POST /_sandbox/rotate-key` | - | 204; the demo company's key changes (not returned) |
//! | `POST /_sandbox/company` | `{"isActive":bool}` | 204; (de)activates the demo company |
//! | `POST /_sandbox/faults` | `{"method"?,"path","fault","times"?}` | 201 the fault |
//! | `GET /_sandbox/faults` | - | 200 the active faults |
//! | `DELETE /_sandbox/faults` | - | 204 |

use std::str::FromStr;

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use lumo_api::models::{Currency, Deposit, DepositStatus, DisputeResolution};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::{
    demo::DEMO_COMPANY_ID,
    errors::{ApiError, ApiResult},
    extract::{JsonBody, PathParam},
    faults::{Fault, FaultKind, FaultView},
    lifecycle::{self, SUPPORT},
    prng::IdGen,
    seed::{self, make_user_deposit},
    state::{AppState, Db, DepositRec},
    tron,
    validate::{self, forbid_unknown, Field, Problems, Str},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/state", get(state_counts))
        .route("/_sandbox/clock", get(clock))
        .route("/_sandbox/clock/advance", post(advance))
        .route("/_sandbox/disputes/{id}/resolve", post(resolve))
        .route("/_sandbox/disputes/{id}/reject", post(reject))
        .route("/_sandbox/deposits", post(deposit))
        .route("/_sandbox/seed", post(seed_more))
        .route("/_sandbox/rotate-key", post(rotate_key))
        .route("/_sandbox/company", post(company))
        .route(
            "/_sandbox/faults",
            post(add_fault).get(list_faults).delete(clear_faults),
        )
}

async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

fn counts(db: &Db) -> Value {
    json!({
        "companies": db.companies.len(),
        "orders": db.orders.len(),
        "quotes": db.quotes.len(),
        "disputes": db.disputes.len(),
        "deposits": db.deposits.len(),
        "userWallets": db.user_wallets.len(),
        "userDeposits": db.user_deposits.len(),
        "now": db.now(),
        "clockOffsetSeconds": db.clock.offset_seconds(),
    })
}

async fn state_counts(State(state): State<AppState>) -> Json<Value> {
    let db = state.db();
    let mut v = counts(&db);
    v["faults"] = json!(state.faults().len());
    Json(v)
}

fn clock_view(db: &Db) -> Value {
    json!({ "now": db.now(), "offsetSeconds": db.clock.offset_seconds() })
}

async fn clock(State(state): State<AppState>) -> Json<Value> {
    Json(clock_view(&state.db()))
}

/// Ten years per call: enough for any test; the total offset is bounded by the clock
/// ([`crate::clock::MAX_OFFSET_SECONDS`]).
const MAX_ADVANCE_SECONDS: i64 = 10 * 366 * 86_400;

fn int_field(
    map: &Map<String, Value>,
    name: &str,
    min: i64,
    max: i64,
    p: &mut Problems,
) -> Option<i64> {
    match map.get(name) {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_i64() {
            Some(n) if n < min => {
                p.push(format!("{name} must not be less than {min}"));
                None
            }
            Some(n) if n > max => {
                p.push(format!("{name} must not be greater than {max}"));
                None
            }
            Some(n) => Some(n),
            // Beyond i64 (up to u64::MAX): an integer, just too large.
            None if v.is_u64() => {
                p.push(format!("{name} must not be greater than {max}"));
                None
            }
            None => {
                p.push(format!("{name} must be an integer number"));
                None
            }
        },
    }
}

fn decimal_field(map: &Map<String, Value>, name: &str, p: &mut Problems) -> Option<Decimal> {
    match map.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match Decimal::from_str(&n.to_string())
            .or_else(|_| Decimal::from_scientific(&n.to_string()))
        {
            Ok(d) if d > Decimal::ZERO => Some(d),
            _ => {
                p.push(format!("{name} must be a positive number"));
                None
            }
        },
        Some(_) => {
            p.push(format!("{name} must be a number"));
            None
        }
    }
}

async fn advance(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["seconds"], &mut p);
    let seconds = int_field(map, "seconds", 0, MAX_ADVANCE_SECONDS, &mut p);
    if !map.contains_key("seconds") {
        p.push("seconds must be an integer number");
    }
    p.into_result()?;
    let mut db = state.raw_db();
    db.clock
        .advance_seconds(seconds.unwrap_or(0))
        .map_err(ApiError::bad_request)?;
    let now = db.now();
    lifecycle::tick(&mut db, now);
    Ok(Json(clock_view(&db)))
}

fn dispute_index(db: &Db, id: &str) -> ApiResult<usize> {
    db.disputes
        .iter()
        .position(|d| d.dispute.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| ApiError::not_found("Dispute not found"))
}

fn ensure_open(db: &Db, i: usize) -> ApiResult<()> {
    if db.disputes[i].dispute.status.is_open() {
        Ok(())
    } else {
        Err(ApiError::conflict(format!(
            "Dispute is already {}",
            db.disputes[i].dispute.status
        )))
    }
}

fn comment(map: &Map<String, Value>, p: &mut Problems) -> Option<String> {
    match validate::string(map, "adminComment", Str::nullable().max(2000), p) {
        Field::Value(c) => Some(c),
        _ => None,
    }
}

async fn resolve(
    State(state): State<AppState>,
    PathParam(id): PathParam,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<lumo_api::models::Dispute>> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["resolution", "refundAmount", "adminComment"], &mut p);
    let resolution = match validate::string(map, "resolution", Str::required(), &mut p) {
        Field::Value(r) => match DisputeResolution::from_wire(&r) {
            DisputeResolution::Unknown(_) => {
                p.push("resolution must be one of the following values: refund, partial_refund, confirm");
                None
            }
            known => Some(known),
        },
        _ => None,
    };
    let refund = decimal_field(map, "refundAmount", &mut p);
    let admin_comment = comment(map, &mut p);
    match (&resolution, refund) {
        (Some(DisputeResolution::PartialRefund), None)
            if !p.0.iter().any(|m| m.starts_with("refundAmount")) =>
        {
            p.push("refundAmount is required for partial_refund");
        }
        (Some(DisputeResolution::Refund | DisputeResolution::Confirm), Some(_)) => {
            p.push("refundAmount is allowed only for partial_refund");
        }
        _ => {}
    }
    p.into_result()?;
    let Some(resolution) = resolution else {
        return Err(ApiError::validation(vec![
            "resolution should not be empty".into()
        ]));
    };
    let mut db = state.db();
    let i = dispute_index(&db, &id)?;
    ensure_open(&db, i)?;
    if let Some(amount) = refund {
        let d = &db.disputes[i];
        let order_amount = db
            .order(&d.company_id, &d.dispute.order_id)
            .map(|o| o.order.amount_usdt);
        if order_amount.is_some_and(|max| amount > max) {
            return Err(ApiError::validation(vec![
                "refundAmount must not be greater than the order's amountUsdt".into(),
            ]));
        }
    }
    let now = db.now();
    lifecycle::resolve(&mut db, i, resolution, refund, admin_comment, SUPPORT, now);
    Ok(Json(db.disputes[i].dispute.clone()))
}

async fn reject(
    State(state): State<AppState>,
    PathParam(id): PathParam,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<lumo_api::models::Dispute>> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["adminComment"], &mut p);
    let admin_comment = comment(map, &mut p);
    p.into_result()?;
    let mut db = state.db();
    let i = dispute_index(&db, &id)?;
    ensure_open(&db, i)?;
    let now = db.now();
    lifecycle::reject(&mut db, i, admin_comment, SUPPORT, now);
    Ok(Json(db.disputes[i].dispute.clone()))
}

/// Injects a deposit to the company wallet, or with `externalId` to that user's current wallet.
/// `status` defaults to `confirmed` (credited at once); `pending` confirms two minutes later.
async fn deposit(State(state): State<AppState>, JsonBody(body): JsonBody) -> ApiResult<Response> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(
        map,
        &["amount", "currency", "externalId", "status", "companyId"],
        &mut p,
    );
    let amount = decimal_field(map, "amount", &mut p);
    if !map.contains_key("amount") {
        p.push("amount must be a positive number");
    }
    if amount.is_some_and(|a| a > Decimal::from(MAX_DEPOSIT)) {
        p.push(format!("amount must not be greater than {MAX_DEPOSIT}"));
    }
    let currency = match validate::string(map, "currency", Str::required(), &mut p) {
        Field::Value(c) => match Currency::from_wire(&c) {
            Currency::Unknown(_) => {
                p.push("currency must be one of the following values: USDT, TRX");
                None
            }
            known => Some(known),
        },
        _ => None,
    };
    let status = match validate::string(map, "status", Str::optional(), &mut p) {
        Field::Value(s) => {
            match DepositStatus::from_wire(&s) {
                DepositStatus::Unknown(_) => {
                    p.push("status must be one of the following values: pending, confirmed, aml_failed");
                    None
                }
                known => Some(known),
            }
        }
        _ => Some(DepositStatus::Confirmed),
    };
    let external_id =
        match validate::string(map, "externalId", Str::optional().min(1).max(255), &mut p) {
            Field::Value(e) => Some(e),
            _ => None,
        };
    let company_id = match validate::string(map, "companyId", Str::optional(), &mut p) {
        Field::Value(c) => c,
        _ => DEMO_COMPANY_ID.to_string(),
    };
    p.into_result()?;
    let (Some(amount), Some(currency), Some(status)) = (amount, currency, status) else {
        return Err(ApiError::validation(vec![
            "amount and currency are required".into(),
        ]));
    };

    let mut db = state.db();
    let now = db.now();
    let Some(company) = db.company(&company_id) else {
        return Err(ApiError::not_found("Company not found"));
    };
    if external_id.is_none() {
        let balance = match currency {
            Currency::Trx => company.trx_balance,
            _ => company.usdt_balance,
        };
        fits(balance, amount)?;
    }
    let mut rng = IdGen::runtime();
    let confirmed = status == DepositStatus::Confirmed;
    if let Some(external_id) = external_id {
        let wallet = db
            .user_wallets
            .iter()
            .filter(|w| w.company_id == company_id && w.external_id == external_id)
            .max_by_key(|w| w.created_at)
            .cloned()
            .ok_or_else(|| ApiError::not_found("User wallet not found"))?;
        let balance = match currency {
            Currency::Trx => wallet.last_trx_balance,
            _ => wallet.last_usdt_balance,
        };
        fits(balance, amount)?;
        let mut rec = make_user_deposit(&mut rng, &wallet, now, currency.clone(), status);
        rec.deposit.amount = amount;
        if confirmed {
            rec.deposit.confirmed_at = Some(now);
            lifecycle::credit_user_wallet(&mut db, &wallet.id, &currency, amount);
        }
        let out = rec.deposit.clone();
        db.user_deposits.push(rec);
        return Ok((StatusCode::CREATED, Json(out)).into_response());
    }
    let id = rng.uuid();
    let deposit = Deposit {
        tx_hash: tron::tx_hash_from_seed(&format!("deposit-{id}")),
        from_address: Some(tron::address_from_seed(&format!("from-{id}"))),
        id,
        amount,
        currency: currency.clone(),
        status,
        created_at: now,
        confirmed_at: confirmed.then_some(now),
    };
    if confirmed {
        if let Some(c) = db.company_mut(&company_id) {
            lifecycle::credit_company(c, &currency, amount);
        }
    }
    db.deposits.push(DepositRec {
        company_id,
        deposit: deposit.clone(),
    });
    Ok((StatusCode::CREATED, Json(deposit)).into_response())
}

/// A deposit must leave the balance representable (the decimal type tops out near 7.9e28).
fn fits(balance: Decimal, amount: Decimal) -> ApiResult<()> {
    match balance.checked_add(amount) {
        Some(_) => Ok(()),
        None => Err(ApiError::bad_request(
            "amount would overflow the balance (POST /_sandbox/reset restores the seed)",
        )),
    }
}

const MAX_EXTRA_SEED: i64 = 100_000;
/// Keeps balances far from the decimal type's limits.
const MAX_DEPOSIT: i64 = 1_000_000_000_000;

async fn seed_more(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Value>> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["orders", "disputes"], &mut p);
    let orders = int_field(map, "orders", 0, MAX_EXTRA_SEED, &mut p).unwrap_or(0);
    let disputes = int_field(map, "disputes", 0, MAX_EXTRA_SEED, &mut p).unwrap_or(0);
    p.into_result()?;
    let mut db = state.db();
    seed::seed_more(&mut db, orders as usize, disputes as usize);
    Ok(Json(counts(&db)))
}

async fn rotate_key(State(state): State<AppState>) -> StatusCode {
    let mut db = state.db();
    if let Some(c) = db.company_mut(DEMO_COMPANY_ID) {
        c.api_key = IdGen::runtime().api_key();
    }
    StatusCode::NO_CONTENT
}

async fn company(State(state): State<AppState>, JsonBody(body): JsonBody) -> ApiResult<StatusCode> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["isActive"], &mut p);
    let active = map.get("isActive").and_then(Value::as_bool);
    if active.is_none() {
        p.push("isActive must be a boolean value");
    }
    p.into_result()?;
    let mut db = state.db();
    if let (Some(c), Some(active)) = (db.company_mut(DEMO_COMPANY_ID), active) {
        c.is_active = active;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn add_fault(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<FaultView>)> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["method", "path", "fault", "times"], &mut p);
    let method = match validate::string(map, "method", Str::optional().min(1).max(16), &mut p) {
        Field::Value(m) => Some(m.to_ascii_uppercase()),
        _ => None,
    };
    let path = validate::string(map, "path", Str::required().min(1).max(2048), &mut p);
    if let Field::Value(path) = &path {
        if !path.starts_with('/') {
            p.push("path must start with /");
        } else if path.starts_with("/_sandbox") {
            p.push("path must not be a /_sandbox route (faults apply to the API only)");
        }
    }
    let kind = match validate::string(map, "fault", Str::required(), &mut p) {
        Field::Value(f) => match FaultKind::parse(&f) {
            Ok(k) => Some(k),
            Err(e) => {
                p.push(e);
                None
            }
        },
        _ => None,
    };
    let times = int_field(map, "times", 1, i64::from(u32::MAX), &mut p);
    p.into_result()?;
    let (Field::Value(path), Some(kind)) = (path, kind) else {
        return Err(ApiError::validation(vec![
            "path and fault are required".into()
        ]));
    };
    let fault = Fault {
        method,
        path,
        kind,
        remaining: times.map(|n| n as u64),
    };
    let view = fault.view();
    state.faults().push(fault);
    Ok((StatusCode::CREATED, Json(view)))
}

async fn list_faults(State(state): State<AppState>) -> Json<Vec<FaultView>> {
    Json(state.faults().iter().map(Fault::view).collect())
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.faults().clear();
    StatusCode::NO_CONTENT
}
