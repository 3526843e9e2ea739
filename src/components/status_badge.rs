//! Status badges for orders and disputes (words from `crate::labels`). A value this portal does
//! not know is shown as "Unknown: <raw value>" in a neutral badge, the raw value marked as data.

use leptos::prelude::*;
use lumo_api::models::{DisputeResolution, DisputeStatus, OrderStatus};

use crate::labels;

fn order_status_class(status: &OrderStatus) -> &'static str {
    match status {
        OrderStatus::Success => "badge badge--success",
        OrderStatus::Failed => "badge badge--danger",
        OrderStatus::InProgress => "badge badge--info",
        OrderStatus::Disputed => "badge badge--warning",
        OrderStatus::Created | OrderStatus::Unknown(_) => "badge badge--neutral",
    }
}

fn dispute_status_class(status: &DisputeStatus) -> &'static str {
    match status {
        DisputeStatus::Submitted => "badge badge--accent",
        DisputeStatus::InReview => "badge badge--info",
        DisputeStatus::Resolved => "badge badge--success",
        DisputeStatus::Rejected => "badge badge--danger",
        DisputeStatus::Unknown(_) => "badge badge--neutral",
    }
}

fn resolution_class(resolution: &DisputeResolution) -> &'static str {
    match resolution {
        DisputeResolution::Refund | DisputeResolution::PartialRefund => "badge badge--success",
        DisputeResolution::Confirm => "badge badge--neutral",
        DisputeResolution::Unknown(_) => "badge badge--neutral",
    }
}

/// The one badge markup. A plain function, not a component: the orders table draws one per row.
/// `label` words the value in the language on screen; `raw` is an unknown value, kept as data.
fn badge(
    class: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    raw: Option<String>,
    wire: String,
) -> impl IntoView {
    view! { <span class=class data-status=wire>{move || labels::marked(label(), raw.as_deref())}</span> }
}

/// An order status badge, for a row of a long table (no component around it).
pub fn order_status_badge(status: &OrderStatus) -> impl IntoView {
    let raw = match status {
        OrderStatus::Unknown(raw) => Some(raw.clone()),
        _ => None,
    };
    let wire = status.as_wire().to_string();
    let class = order_status_class(status);
    let status = status.clone();
    badge(class, move || labels::order_status(&status), raw, wire)
}

#[component]
pub fn OrderStatusBadge(status: OrderStatus) -> impl IntoView {
    order_status_badge(&status)
}

#[component]
pub fn DisputeStatusBadge(status: DisputeStatus) -> impl IntoView {
    let raw = match &status {
        DisputeStatus::Unknown(raw) => Some(raw.clone()),
        _ => None,
    };
    let wire = status.as_wire().to_string();
    badge(
        dispute_status_class(&status),
        move || labels::dispute_status(&status),
        raw,
        wire,
    )
}

#[component]
pub fn ResolutionBadge(resolution: DisputeResolution) -> impl IntoView {
    let raw = match &resolution {
        DisputeResolution::Unknown(raw) => Some(raw.clone()),
        _ => None,
    };
    let wire = resolution.as_wire().to_string();
    badge(
        resolution_class(&resolution),
        move || labels::resolution(&resolution),
        raw,
        wire,
    )
}
