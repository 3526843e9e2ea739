//! Disputes: open one on a completed order (or get the open one back), list the history.

use axum::{extract::State, http::StatusCode, Json};
use lumo_api::models::{Dispute, DisputeStatus, OrderStatus};

use crate::{
    auth::AuthCompany,
    errors::{ApiError, ApiResult},
    extract::{JsonBody, PathParam},
    prng::{is_uuid, IdGen},
    routes::newest_first,
    state::{AppState, DisputeRec},
    validate::{self, forbid_unknown, Field, Problems, Str},
};

pub const REASON_MAX: usize = 2000;

/// 201 with a new dispute; 200 with the order's open dispute when it has one (checked before
/// the order's status, which is `disputed` by then); 409 unless the order is success/failed.
pub async fn create(
    State(state): State<AppState>,
    auth: AuthCompany,
    PathParam(order_id): PathParam,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Dispute>)> {
    let mut p = Problems::default();
    if !is_uuid(&order_id) {
        p.push("id must be a UUID");
    }
    let map = validate::object(&body)?;
    forbid_unknown(map, &["reason"], &mut p);
    let reason = validate::string(
        map,
        "reason",
        Str::required().min(1).max(REASON_MAX).trimmed(),
        &mut p,
    );
    p.into_result()?;
    let Field::Value(reason) = reason else {
        return Err(ApiError::validation(vec![
            "reason should not be empty".into()
        ]));
    };

    let mut db = state.db();
    let now = db.now();
    let order_id = db
        .order(&auth.id, &order_id)
        .ok_or_else(|| ApiError::not_found("Order not found"))?
        .order
        .id
        .clone();
    if let Some(open) = db.disputes.iter().rev().find(|d| {
        d.company_id == auth.id && d.dispute.order_id == order_id && d.dispute.status.is_open()
    }) {
        return Ok((StatusCode::OK, Json(open.dispute.clone())));
    }
    let order = db
        .order_mut(&auth.id, &order_id)
        .ok_or_else(|| ApiError::not_found("Order not found"))?;
    if !order.order.status.is_completed() {
        return Err(ApiError::conflict(
            "Dispute allowed only for completed orders",
        ));
    }
    order.order.status = OrderStatus::Disputed;
    order.order.updated_at = Some(now);
    let dispute = Dispute {
        id: IdGen::runtime().uuid(),
        order_id,
        status: DisputeStatus::Submitted,
        resolution: None,
        reason: reason.trim().to_string(),
        admin_comment: None,
        resolved_by: None,
        refund_amount: None,
        resolved_at: None,
        created_at: now,
        updated_at: now,
    };
    db.disputes.push(DisputeRec {
        company_id: auth.id,
        dispute: dispute.clone(),
        from_seed: false,
    });
    Ok((StatusCode::CREATED, Json(dispute)))
}

pub async fn list(
    State(state): State<AppState>,
    auth: AuthCompany,
) -> ApiResult<Json<Vec<Dispute>>> {
    let db = state.db();
    let mut found: Vec<(usize, &Dispute)> = db
        .disputes
        .iter()
        .enumerate()
        .filter(|(_, d)| d.company_id == auth.id)
        .map(|(i, d)| (i, &d.dispute))
        .collect();
    newest_first(&mut found, |d| d.created_at);
    Ok(Json(found.into_iter().map(|(_, d)| d.clone()).collect()))
}
