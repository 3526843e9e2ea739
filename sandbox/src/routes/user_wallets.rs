//! User wallets, keyed by the company's own `externalId`.

use axum::{extract::State, http::StatusCode, Json};
use lumo_api::models::{UserDeposit, UserWallet};

use crate::{
    auth::AuthCompany,
    errors::{ApiError, ApiResult},
    extract::{JsonBody, Page, PathParam, QueryPairs},
    prng::IdGen,
    routes::newest_first,
    seed::make_user_wallet,
    state::{AppState, Db},
    validate::{self, forbid_unknown, Field, Problems, Str},
};

pub const EXTERNAL_ID_MAX: usize = 255;
pub const REPLACE_REASON_MAX: usize = 500;
pub const DEFAULT_BLOCK_REASON: &str = "replaced";

/// The newest wallet of `external_id` in the company (blocked or not).
fn current_index(db: &Db, company_id: &str, external_id: &str) -> Option<usize> {
    db.user_wallets
        .iter()
        .enumerate()
        .filter(|(_, w)| w.company_id == company_id && w.external_id == external_id)
        .max_by(|(ia, a), (ib, b)| a.created_at.cmp(&b.created_at).then(ia.cmp(ib)))
        .map(|(i, _)| i)
}

fn check_external_id(external_id: &str) -> ApiResult<()> {
    if external_id.trim().is_empty() {
        return Err(ApiError::validation(vec![
            "externalId should not be empty".into()
        ]));
    }
    if external_id.chars().count() > EXTERNAL_ID_MAX {
        return Err(ApiError::validation(vec![format!(
            "externalId must be shorter than or equal to {EXTERNAL_ID_MAX} characters"
        )]));
    }
    Ok(())
}

/// Creates the user's wallet, or returns the existing one (201 either way).
pub async fn create(
    State(state): State<AppState>,
    auth: AuthCompany,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<UserWallet>)> {
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["externalId"], &mut p);
    let external = validate::string(
        map,
        "externalId",
        Str::required().min(1).max(EXTERNAL_ID_MAX),
        &mut p,
    );
    if let Field::Value(e) = &external {
        if e.trim().is_empty() {
            p.push("externalId should not be empty");
        }
    }
    p.into_result()?;
    let Field::Value(external_id) = external else {
        return Err(ApiError::validation(vec![
            "externalId should not be empty".into()
        ]));
    };
    let mut db = state.db();
    if let Some(i) = current_index(&db, &auth.id, &external_id) {
        return Ok((StatusCode::CREATED, Json(db.user_wallets[i].clone())));
    }
    let now = db.now();
    let wallet = make_user_wallet(&mut IdGen::runtime(), &auth.id, &external_id, now);
    db.user_wallets.push(wallet.clone());
    Ok((StatusCode::CREATED, Json(wallet)))
}

fn page_of(
    db: &Db,
    company_id: &str,
    page: Page,
    keep: impl Fn(&UserWallet) -> bool,
) -> Vec<UserWallet> {
    let mut found: Vec<(usize, &UserWallet)> = db
        .user_wallets
        .iter()
        .enumerate()
        .filter(|(_, w)| w.company_id == company_id && keep(w))
        .collect();
    newest_first(&mut found, |w| w.created_at);
    page.slice(found.into_iter().map(|(_, w)| w.clone()))
}

/// Every wallet of the company (blocked ones included), newest first; `externalId` filters.
pub async fn list(
    State(state): State<AppState>,
    auth: AuthCompany,
    query: QueryPairs,
) -> ApiResult<Json<Vec<UserWallet>>> {
    let mut p = Problems::default();
    let page = Page::read(&query, &mut p);
    let external = query.get("externalId");
    if external.is_some_and(|e| e.chars().count() > EXTERNAL_ID_MAX) {
        p.push(format!(
            "externalId must be shorter than or equal to {EXTERNAL_ID_MAX} characters"
        ));
    }
    p.into_result()?;
    let db = state.db();
    Ok(Json(page_of(&db, &auth.id, page, |w| {
        external.is_none_or(|e| w.external_id == e)
    })))
}

pub async fn blocked(
    State(state): State<AppState>,
    auth: AuthCompany,
    query: QueryPairs,
) -> ApiResult<Json<Vec<UserWallet>>> {
    let mut p = Problems::default();
    let page = Page::read(&query, &mut p);
    p.into_result()?;
    let db = state.db();
    Ok(Json(page_of(&db, &auth.id, page, |w| w.is_blocked)))
}

/// Blocks the user's current wallet (reason, or "replaced") and issues a new one (201).
pub async fn replace(
    State(state): State<AppState>,
    auth: AuthCompany,
    PathParam(external_id): PathParam,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<UserWallet>)> {
    check_external_id(&external_id)?;
    let map = validate::object(&body)?;
    let mut p = Problems::default();
    forbid_unknown(map, &["reason"], &mut p);
    let reason = validate::string(
        map,
        "reason",
        Str::optional().max(REPLACE_REASON_MAX),
        &mut p,
    );
    p.into_result()?;
    let reason = match reason {
        Field::Value(r) if !r.trim().is_empty() => r.trim().to_string(),
        _ => DEFAULT_BLOCK_REASON.to_string(),
    };
    let mut db = state.db();
    let i = current_index(&db, &auth.id, &external_id)
        .ok_or_else(|| ApiError::not_found("User wallet not found"))?;
    let old = &mut db.user_wallets[i];
    if !old.is_blocked {
        old.is_blocked = true;
        old.block_reason = Some(reason);
    }
    let now = db.now();
    let wallet = make_user_wallet(&mut IdGen::runtime(), &auth.id, &external_id, now);
    db.user_wallets.push(wallet.clone());
    Ok((StatusCode::CREATED, Json(wallet)))
}

/// Deposits to any of the user's wallets (old ones included), newest first.
pub async fn deposits(
    State(state): State<AppState>,
    auth: AuthCompany,
    PathParam(external_id): PathParam,
    query: QueryPairs,
) -> ApiResult<Json<Vec<UserDeposit>>> {
    check_external_id(&external_id)?;
    let mut p = Problems::default();
    let page = Page::read(&query, &mut p);
    p.into_result()?;
    let db = state.db();
    if current_index(&db, &auth.id, &external_id).is_none() {
        return Err(ApiError::not_found("User wallet not found"));
    }
    let mut found: Vec<(usize, &UserDeposit)> = db
        .user_deposits
        .iter()
        .enumerate()
        .filter(|(_, d)| d.company_id == auth.id && d.deposit.external_id == external_id)
        .map(|(i, d)| (i, &d.deposit))
        .collect();
    newest_first(&mut found, |d| d.created_at);
    Ok(Json(page.slice(found.into_iter().map(|(_, d)| d.clone()))))
}
