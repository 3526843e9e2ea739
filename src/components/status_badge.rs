//! Status badges for orders and disputes (words from `crate::labels`). A value this portal does
//! not know is shown as "Unknown: <raw value>" in a neutral badge.

use leptos::prelude::*;
use lumo_api::models::{DisputeResolution, DisputeStatus, OrderStatus};

use crate::labels;

fn order_status_tone(status: &OrderStatus) -> &'static str {
    match status {
        OrderStatus::Success => "success",
        OrderStatus::Failed => "danger",
        OrderStatus::InProgress => "info",
        OrderStatus::Disputed => "warning",
        OrderStatus::Created | OrderStatus::Unknown(_) => "neutral",
    }
}

fn dispute_status_tone(status: &DisputeStatus) -> &'static str {
    match status {
        DisputeStatus::Submitted => "accent",
        DisputeStatus::InReview => "info",
        DisputeStatus::Resolved => "success",
        DisputeStatus::Rejected => "danger",
        DisputeStatus::Unknown(_) => "neutral",
    }
}

fn resolution_tone(resolution: &DisputeResolution) -> &'static str {
    match resolution {
        DisputeResolution::Refund | DisputeResolution::PartialRefund => "success",
        DisputeResolution::Confirm => "neutral",
        DisputeResolution::Unknown(_) => "neutral",
    }
}

#[component]
fn Badge(tone: &'static str, label: String, wire: String) -> impl IntoView {
    view! {
        <span class=format!("badge badge--{tone}") data-status=wire>{label}</span>
    }
}

#[component]
pub fn OrderStatusBadge(status: OrderStatus) -> impl IntoView {
    view! {
        <Badge tone=order_status_tone(&status) label=labels::order_status(&status) wire=status.as_wire().to_string()/>
    }
}

#[component]
pub fn DisputeStatusBadge(status: DisputeStatus) -> impl IntoView {
    view! {
        <Badge tone=dispute_status_tone(&status) label=labels::dispute_status(&status) wire=status.as_wire().to_string()/>
    }
}

#[component]
pub fn ResolutionBadge(resolution: DisputeResolution) -> impl IntoView {
    view! {
        <Badge tone=resolution_tone(&resolution) label=labels::resolution(&resolution) wire=resolution.as_wire().to_string()/>
    }
}
