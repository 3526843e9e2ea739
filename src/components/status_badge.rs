//! Status badges for orders and disputes, and the words for each status and resolution.
//! A value this portal does not know is shown as "Unknown: <raw value>" in a neutral badge.

use leptos::prelude::*;
use lumo_api::models::{DisputeResolution, DisputeStatus, OrderStatus};

/// "Success", "In progress", … or the raw value of an unknown status.
pub fn order_status_label(status: &OrderStatus) -> String {
    match status {
        OrderStatus::Created => "Created".into(),
        OrderStatus::InProgress => "In progress".into(),
        OrderStatus::Success => "Success".into(),
        OrderStatus::Failed => "Failed".into(),
        OrderStatus::Disputed => "Disputed".into(),
        OrderStatus::Unknown(raw) => format!("Unknown: {raw}"),
    }
}

fn order_status_tone(status: &OrderStatus) -> &'static str {
    match status {
        OrderStatus::Success => "success",
        OrderStatus::Failed => "danger",
        OrderStatus::InProgress => "info",
        OrderStatus::Disputed => "warning",
        OrderStatus::Created | OrderStatus::Unknown(_) => "neutral",
    }
}

pub fn dispute_status_label(status: &DisputeStatus) -> String {
    match status {
        DisputeStatus::Submitted => "Submitted".into(),
        DisputeStatus::InReview => "In review".into(),
        DisputeStatus::Resolved => "Resolved".into(),
        DisputeStatus::Rejected => "Rejected".into(),
        DisputeStatus::Unknown(raw) => format!("Unknown: {raw}"),
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

pub fn resolution_label(resolution: &DisputeResolution) -> String {
    match resolution {
        DisputeResolution::Refund => "Refund".into(),
        DisputeResolution::PartialRefund => "Partial refund".into(),
        DisputeResolution::Confirm => "Order confirmed".into(),
        DisputeResolution::Unknown(raw) => format!("Unknown: {raw}"),
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
        <Badge tone=order_status_tone(&status) label=order_status_label(&status) wire=status.as_wire().to_string()/>
    }
}

#[component]
pub fn DisputeStatusBadge(status: DisputeStatus) -> impl IntoView {
    view! {
        <Badge tone=dispute_status_tone(&status) label=dispute_status_label(&status) wire=status.as_wire().to_string()/>
    }
}

#[component]
pub fn ResolutionBadge(resolution: DisputeResolution) -> impl IntoView {
    view! {
        <Badge tone=resolution_tone(&resolution) label=resolution_label(&resolution) wire=resolution.as_wire().to_string()/>
    }
}
