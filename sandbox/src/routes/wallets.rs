//! Company wallet: balances and deposit history.

use axum::{extract::State, Json};
use lumo_api::models::{CompanyWallet, Deposit};

use crate::{
    auth::AuthCompany,
    errors::{ApiError, ApiResult},
    extract::{Page, QueryPairs},
    routes::newest_first,
    state::AppState,
    validate::Problems,
};

/// `availableBalance` = `usdtBalance` - `frozenBalance` (USDT reserved by unsettled orders).
pub async fn balance(
    State(state): State<AppState>,
    auth: AuthCompany,
) -> ApiResult<Json<CompanyWallet>> {
    let db = state.db();
    let c = db.company(&auth.id).ok_or_else(ApiError::invalid_api_key)?;
    Ok(Json(CompanyWallet {
        address: c.wallet_address.clone(),
        usdt_balance: c.usdt_balance,
        trx_balance: c.trx_balance,
        frozen_balance: Some(c.frozen_balance),
        available_balance: Some(c.available_balance()),
    }))
}

pub async fn deposits(
    State(state): State<AppState>,
    auth: AuthCompany,
    query: QueryPairs,
) -> ApiResult<Json<Vec<Deposit>>> {
    let mut p = Problems::default();
    let page = Page::read(&query, &mut p);
    p.into_result()?;
    let db = state.db();
    let mut found: Vec<(usize, &Deposit)> = db
        .deposits
        .iter()
        .enumerate()
        .filter(|(_, d)| d.company_id == auth.id)
        .map(|(i, d)| (i, &d.deposit))
        .collect();
    newest_first(&mut found, |d| d.created_at);
    Ok(Json(page.slice(found.into_iter().map(|(_, d)| d.clone()))))
}
