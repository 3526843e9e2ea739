//! `GET /rates/current`.

use axum::{extract::State, Json};
use lumo_api::models::Rate;

use crate::{
    auth::AuthCompany,
    errors::{ApiError, ApiResult},
    rates,
    state::AppState,
};

/// `rate` is the base rate; `effectiveRate` applies the company's `qrRateOffsetBps` and is what
/// the next quote's `rate` will be.
pub async fn current(State(state): State<AppState>, auth: AuthCompany) -> ApiResult<Json<Rate>> {
    let db = state.db();
    let company = db.company(&auth.id).ok_or_else(ApiError::invalid_api_key)?;
    let (rate, updated_at) = rates::base_rate(db.now());
    Ok(Json(Rate {
        rate,
        effective_rate: rates::effective_rate(rate, company.qr_rate_offset_bps),
        qr_rate_offset_bps: company.qr_rate_offset_bps,
        updated_at: Some(updated_at),
    }))
}
