//! Orders: prepare (quote), accept (idempotent), list, get.

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    Json,
};
use chrono::Duration;
use lumo_api::{
    models::{Order, OrderStatus, Quote},
    rules::{
        money::usdt_for_rub,
        nspk::{parse_nspk_link, NspkError, NspkKind},
    },
};
use rust_decimal::Decimal;

use crate::{
    auth::AuthCompany,
    demo::merchant_for_bank,
    errors::{ApiError, ApiResult},
    extract::{JsonBody, Page, PathParam, QueryPairs},
    prng::{hash_str, is_uuid, IdGen},
    rates,
    routes::newest_first,
    state::{AppState, IdempotentAccept, OrderRec, QuoteRec},
    validate::{self, forbid_unknown, Field, Problems, Str},
};

pub const QUOTE_TTL_SECONDS: i64 = 30;
pub const PAYMENT_WINDOW_MINUTES: i64 = 5;

pub async fn prepare(
    State(state): State<AppState>,
    auth: AuthCompany,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Quote>)> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["qrCode", "externalOrderId"], &mut p);
    let qr = validate::string(map, "qrCode", Str::required().min(1).max(2048), &mut p);
    let external = validate::string(map, "externalOrderId", Str::optional().max(255), &mut p);
    p.into_result()?;
    let Field::Value(qr) = qr else {
        return Err(ApiError::validation(vec![
            "qrCode should not be empty".into()
        ]));
    };
    let payment = parse_nspk_link(&qr).map_err(|e| ApiError::bad_request(nspk_message(&e)))?;
    if payment.kind == NspkKind::Static {
        return Err(ApiError::bad_request(nspk_message(
            &NspkError::StaticQrHasNoAmount,
        )));
    }

    let mut db = state.db();
    let now = db.now();
    let company = db.company(&auth.id).ok_or_else(ApiError::invalid_api_key)?;
    let (base, _) = rates::base_rate(now);
    let rate = rates::effective_rate(base, company.qr_rate_offset_bps);
    let amount_usdt = usdt_for_rub(payment.amount_rub, rate)
        .filter(|a| *a > Decimal::ZERO)
        .ok_or_else(|| ApiError::bad_request("The amount is too small to be priced in USDT"))?;
    let quote = Quote {
        id: IdGen::runtime().uuid(),
        amount_rub: payment.amount_rub,
        amount_usdt,
        rate,
        expires_at: now + Duration::seconds(QUOTE_TTL_SECONDS),
        is_balance_sufficient: company.available_balance() >= amount_usdt,
        merchant_name: merchant_for_bank(&payment.bank).to_string(),
    };
    db.quotes.insert(
        quote.id.clone(),
        QuoteRec {
            company_id: auth.id,
            quote: quote.clone(),
            external_order_id: match external {
                Field::Value(v) => Some(v),
                _ => None,
            },
            created_at: now,
            accepted: false,
        },
    );
    Ok((StatusCode::CREATED, Json(quote)))
}

/// The server's wording of a payment link problem (a string `message`, not a field list).
fn nspk_message(e: &NspkError) -> String {
    match e {
        NspkError::StaticQrHasNoAmount => {
            "Static QR code (type=01) has no amount and cannot be priced".to_string()
        }
        NspkError::MissingAmount => "QR code has no amount (sum)".to_string(),
        NspkError::BadAmount => {
            "QR code amount (sum) must be a positive number of kopecks".to_string()
        }
        NspkError::MissingCurrency => "QR code has no currency (cur)".to_string(),
        NspkError::NotRub(cur) => format!("Only RUB payments are supported (cur={cur})"),
        other => format!(
            "qrCode is not a valid NSPK payment link: {}",
            nspk_detail(other)
        ),
    }
}

/// The server's own English for the remaining problems (lumo-api returns typed values and leaves
/// the wording to whoever shows them).
fn nspk_detail(e: &NspkError) -> String {
    match e {
        NspkError::Empty => "Paste the payment link from the QR code.".to_string(),
        NspkError::NotNspkLink => "This is not a Faster Payments (NSPK) payment link: it must start with https://qr.nspk.ru/.".to_string(),
        NspkError::BadId => "The payment link's code is not valid: it must be 32 capital letters or digits after qr.nspk.ru/.".to_string(),
        NspkError::DuplicateParameter(name) => format!("The payment link names the parameter \"{name}\" twice."),
        NspkError::MissingType => "The payment link does not say its type (type=01 or type=02).".to_string(),
        NspkError::UnsupportedType(raw) => format!("The payment link has type \"{raw}\", which cannot be paid here (only types 01 and 02)."),
        NspkError::StaticQrHasNoAmount => "This is a static QR code without an amount: ask the merchant for a QR code of this payment.".to_string(),
        NspkError::MissingBank => "The payment link does not name the merchant's bank.".to_string(),
        NspkError::BadBank => "The payment link's bank id is not 12 digits.".to_string(),
        NspkError::MissingAmount => "The payment link has no amount.".to_string(),
        NspkError::BadAmount => "The payment link's amount is not a positive number of kopecks.".to_string(),
        NspkError::MissingCurrency => "The payment link does not say its currency (cur=RUB).".to_string(),
        NspkError::NotRub(raw) => format!("The payment is in \"{raw}\"; only payments in RUB can be paid here."),
        NspkError::MissingCrc => "The payment link has no check code (crc).".to_string(),
        NspkError::BadCrc => "The payment link's check code (crc) is not 4 hexadecimal digits.".to_string(),
    }
}

pub async fn accept(
    State(state): State<AppState>,
    auth: AuthCompany,
    PathParam(id): PathParam,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<Order>)> {
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            let v = v
                .to_str()
                .map_err(|_| ApiError::validation(vec!["Idempotency-Key must be a string".into()]))?
                .trim();
            if v.chars().count() > 255 {
                return Err(ApiError::validation(vec![
                    "Idempotency-Key must be shorter than or equal to 255 characters".into(),
                ]));
            }
            (!v.is_empty()).then(|| v.to_string())
        }
    };
    let id = id.to_ascii_lowercase();

    let mut db = state.db();
    let now = db.now();
    if let Some(key) = &key {
        if let Some(stored) = db.idempotency.get(&(auth.id.clone(), key.clone())) {
            if stored.quote_id == id {
                return Ok((StatusCode::CREATED, Json(stored.response.clone())));
            }
            return Err(ApiError::conflict(
                "Idempotency-Key has already been used for another quote",
            ));
        }
    }
    let quote = db
        .quotes
        .get(&id)
        .filter(|q| q.company_id == auth.id)
        .ok_or_else(|| ApiError::not_found("Quote not found"))?
        .clone();
    if quote.accepted {
        return Err(ApiError::conflict("Quote has already been accepted"));
    }
    if now >= quote.quote.expires_at {
        return Err(ApiError::conflict("Quote has expired"));
    }
    let company = db
        .company_mut(&auth.id)
        .ok_or_else(ApiError::invalid_api_key)?;
    let amount = quote.quote.amount_usdt;
    if company.available_balance() < amount {
        return Err(ApiError::conflict(format!(
            "Insufficient balance: available {} USDT, required {} USDT",
            company.available_balance(),
            amount
        )));
    }
    company.frozen_balance += amount;
    let order = Order {
        id: quote.quote.id.clone(),
        status: OrderStatus::InProgress,
        amount_rub: quote.quote.amount_rub,
        amount_usdt: amount,
        rate: Some(quote.quote.rate),
        merchant_name: quote.quote.merchant_name.clone(),
        external_order_id: quote.external_order_id.clone(),
        payment_until: Some(now + Duration::minutes(PAYMENT_WINDOW_MINUTES)),
        created_at: now,
        updated_at: Some(now),
    };
    db.orders.push(OrderRec {
        company_id: auth.id.clone(),
        settles_successfully: hash_str(&order.id) % 10 < 8,
        order: order.clone(),
    });
    if let Some(q) = db.quotes.get_mut(&id) {
        q.accepted = true;
    }
    if let Some(key) = key {
        db.idempotency.insert(
            (auth.id, key),
            IdempotentAccept {
                quote_id: id,
                response: order.clone(),
            },
        );
    }
    Ok((StatusCode::CREATED, Json(order)))
}

pub async fn list(
    State(state): State<AppState>,
    auth: AuthCompany,
    query: QueryPairs,
) -> ApiResult<Json<Vec<Order>>> {
    let mut p = Problems::default();
    let page = Page::read_up_to(&query, state.config().max_page_size, &mut p);
    let status = query.get("status").map(OrderStatus::from_wire);
    if status.as_ref().is_some_and(|s| !s.is_known()) {
        let known: Vec<&str> = OrderStatus::KNOWN.iter().map(|s| s.as_wire()).collect();
        p.push(format!(
            "status must be one of the following values: {}",
            known.join(", ")
        ));
    }
    let external = query.get("externalOrderId");
    if external.is_some_and(|e| e.chars().count() > 255) {
        p.push("externalOrderId must be shorter than or equal to 255 characters");
    }
    p.into_result()?;

    let db = state.db();
    let mut found: Vec<(usize, &Order)> = db
        .orders
        .iter()
        .enumerate()
        .filter(|(_, o)| o.company_id == auth.id)
        .filter(|(_, o)| status.as_ref().is_none_or(|s| o.order.status == *s))
        .filter(|(_, o)| external.is_none_or(|e| o.order.external_order_id.as_deref() == Some(e)))
        .map(|(i, o)| (i, &o.order))
        .collect();
    newest_first(&mut found, |o| o.created_at);
    Ok(Json(
        page.slice(found.into_iter().map(|(_, o)| o))
            .into_iter()
            .cloned()
            .collect(),
    ))
}

pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthCompany,
    PathParam(id): PathParam,
) -> ApiResult<Json<Order>> {
    if !is_uuid(&id) {
        return Err(ApiError::validation(vec!["id must be a UUID".into()]));
    }
    let db = state.db();
    let order = db
        .order(&auth.id, &id)
        .ok_or_else(|| ApiError::not_found("Order not found"))?;
    Ok(Json(order.order.clone()))
}
