//! Company Auth: register, login (rotates the key), profile, regenerate-key (rotates the key).

use axum::{extract::State, http::StatusCode, Json};
use lumo_api::models::{ApiKeyResponse, AuthResponse, CompanyProfile, UpdateProfileRequest};
use rust_decimal::Decimal;

use crate::{
    auth::AuthCompany,
    errors::{ApiError, ApiResult},
    extract::JsonBody,
    prng::IdGen,
    state::{AppState, Company},
    tron,
    validate::{self, forbid_unknown, Field, Problems, Str},
};

const QR_RATE_OFFSET_BPS_DEFAULT: i64 = 100;

pub async fn register(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<AuthResponse>)> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(
        map,
        &[
            "name",
            "email",
            "password",
            "contactEmail",
            "contactTelegram",
        ],
        &mut p,
    );
    let name = validate::string(
        map,
        "name",
        Str::required().min(2).max(120).trimmed(),
        &mut p,
    );
    let email = validate::string(map, "email", Str::required().max(254).email(), &mut p);
    let password = validate::string(map, "password", Str::required().min(8).max(256), &mut p);
    let contact_email = validate::string(
        map,
        "contactEmail",
        Str::nullable().max(254).email(),
        &mut p,
    );
    let contact_telegram =
        validate::string(map, "contactTelegram", Str::nullable().max(64), &mut p);
    p.into_result()?;
    let (Field::Value(name), Field::Value(email), Field::Value(password)) = (name, email, password)
    else {
        return Err(ApiError::validation(vec![
            "name, email and password are required".into(),
        ]));
    };
    let optional = |f: Field| match f {
        Field::Value(v) => Some(v),
        _ => None,
    };

    let mut db = state.db();
    if db.company_by_email(&email).is_some() {
        return Err(ApiError::conflict("Email is already registered"));
    }
    let now = db.now();
    let mut ids = IdGen::runtime();
    let id = ids.uuid();
    let company = Company {
        wallet_address: tron::address_from_seed(&format!("company-wallet-{id}")),
        id,
        name: name.trim().to_string(),
        email,
        password,
        api_key: ids.api_key(),
        is_active: true,
        contact_email: optional(contact_email),
        contact_telegram: optional(contact_telegram),
        webhook_url: None,
        deposit_forward_address: None,
        qr_rate_offset_bps: QR_RATE_OFFSET_BPS_DEFAULT,
        usdt_balance: Decimal::new(0, 2),
        trx_balance: Decimal::new(0, 2),
        frozen_balance: Decimal::new(0, 2),
        created_at: now,
    };
    let response = AuthResponse {
        company: company.info(),
        api_key: company.api_key.clone(),
    };
    db.companies.push(company);
    Ok((StatusCode::CREATED, Json(response)))
}

pub async fn login(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<AuthResponse>> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["email", "password"], &mut p);
    let email = validate::string(map, "email", Str::required().max(254).email(), &mut p);
    let password = validate::string(map, "password", Str::required().min(1).max(256), &mut p);
    p.into_result()?;
    let (Field::Value(email), Field::Value(password)) = (email, password) else {
        return Err(ApiError::validation(vec![
            "email and password are required".into(),
        ]));
    };
    let mut db = state.db();
    let Some(company) = db
        .companies
        .iter_mut()
        .find(|c| c.email.eq_ignore_ascii_case(&email) && c.password == password)
    else {
        return Err(ApiError::unauthorized("Invalid email or password"));
    };
    if !company.is_active {
        return Err(ApiError::forbidden("Company is inactive"));
    }
    company.api_key = IdGen::runtime().api_key();
    Ok(Json(AuthResponse {
        company: company.info(),
        api_key: company.api_key.clone(),
    }))
}

pub async fn get_profile(
    State(state): State<AppState>,
    auth: AuthCompany,
) -> ApiResult<Json<CompanyProfile>> {
    let db = state.db();
    let company = db.company(&auth.id).ok_or_else(ApiError::invalid_api_key)?;
    Ok(Json(company.profile()))
}

const PROFILE_FIELDS: [&str; 4] = [
    "contactEmail",
    "contactTelegram",
    "webhookUrl",
    "depositForwardAddress",
];

pub async fn update_profile(
    State(state): State<AppState>,
    auth: AuthCompany,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<CompanyProfile>> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &PROFILE_FIELDS, &mut p);
    if map.is_empty() {
        p.push(
            "At least one of contactEmail, contactTelegram, webhookUrl, depositForwardAddress must be provided",
        );
    }
    validate::string(
        map,
        "contactEmail",
        Str::nullable().max(254).email(),
        &mut p,
    );
    if let Field::Value(t) = validate::string(map, "contactTelegram", Str::nullable(), &mut p) {
        if !validate::telegram_ok(&t) {
            p.push("contactTelegram must match ^@?[A-Za-z0-9_]{5,32}$ regular expression");
        }
    }
    if let Field::Value(url) =
        validate::string(map, "webhookUrl", Str::nullable().max(2048), &mut p)
    {
        if !validate::webhook_url_ok(&url) {
            let https = url
                .get(..7)
                .filter(|s| s.eq_ignore_ascii_case("http://"))
                .map(|_| format!("https://{}", &url[7..]));
            if https.is_some_and(|u| validate::webhook_url_ok(&u)) {
                p.push(
                    "webhookUrl must use https (http is allowed only for localhost and 127.0.0.1)",
                );
            } else {
                p.push("webhookUrl must be a URL address");
            }
        }
    }
    if let Field::Value(a) = validate::string(map, "depositForwardAddress", Str::nullable(), &mut p)
    {
        if !validate::tron_ok(&a) {
            p.push("depositForwardAddress must be a valid TRON address (base58check, 34 characters starting with T, valid checksum)");
        }
    }
    p.into_result()?;
    let update: UpdateProfileRequest = serde_json::from_value(body.clone())
        .map_err(|e| ApiError::validation(vec![e.to_string()]))?;

    let mut db = state.db();
    let company = db
        .company_mut(&auth.id)
        .ok_or_else(ApiError::invalid_api_key)?;
    if let Some(v) = update.contact_email {
        company.contact_email = v;
    }
    if let Some(v) = update.contact_telegram {
        company.contact_telegram = v;
    }
    if let Some(v) = update.webhook_url {
        company.webhook_url = v;
    }
    if let Some(v) = update.deposit_forward_address {
        company.deposit_forward_address = v;
    }
    Ok(Json(company.profile()))
}

pub async fn regenerate_key(
    State(state): State<AppState>,
    auth: AuthCompany,
) -> ApiResult<Json<ApiKeyResponse>> {
    let mut db = state.db();
    let company = db
        .company_mut(&auth.id)
        .ok_or_else(ApiError::invalid_api_key)?;
    company.api_key = IdGen::runtime().api_key();
    Ok(Json(ApiKeyResponse {
        api_key: company.api_key.clone(),
    }))
}
