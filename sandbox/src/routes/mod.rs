//! The API routes, one file per tag of the contract.

use axum::{
    routing::{get, post},
    Router,
};

use crate::state::AppState;

pub mod auth;
pub mod disputes;
pub mod orders;
pub mod rates;
pub mod user_wallets;
pub mod wallets;

/// Every operation of `lumo-b2b.openapi.yaml`, at the same paths.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/company/register", post(auth::register))
        .route("/auth/company/login", post(auth::login))
        .route(
            "/auth/company/profile",
            get(auth::get_profile).patch(auth::update_profile),
        )
        .route("/auth/company/regenerate-key", post(auth::regenerate_key))
        .route("/rates/current", get(rates::current))
        .route("/orders/prepare", post(orders::prepare))
        .route("/orders/accept/{id}", post(orders::accept))
        .route("/orders", get(orders::list))
        .route("/orders/{id}", get(orders::get_one))
        .route("/orders/{id}/disputes", post(disputes::create))
        .route("/disputes", get(disputes::list))
        .route("/wallets/balance", get(wallets::balance))
        .route("/wallets/deposits", get(wallets::deposits))
        .route(
            "/user-wallets",
            post(user_wallets::create).get(user_wallets::list),
        )
        .route("/user-wallets/blocked", get(user_wallets::blocked))
        .route(
            "/user-wallets/{externalId}/replace",
            post(user_wallets::replace),
        )
        .route(
            "/user-wallets/{externalId}/deposits",
            get(user_wallets::deposits),
        )
}

/// Newest first by `createdAt`; among equal times, the later inserted first.
pub fn newest_first<T>(
    items: &mut [(usize, T)],
    created: impl Fn(&T) -> chrono::DateTime<chrono::Utc>,
) {
    items.sort_by(|(ia, a), (ib, b)| created(b).cmp(&created(a)).then(ib.cmp(ia)));
}
