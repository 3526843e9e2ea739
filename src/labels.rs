//! The words for every enum the portal shows: order, dispute and deposit statuses, resolutions,
//! seen badges and dispute outcomes. lumo-api returns typed values; the portal words them here,
//! in one place (the one to translate). A value this portal does not know keeps its raw value.

use lumo_api::insights::Outcome;
use lumo_api::models::{DepositStatus, DisputeResolution, DisputeStatus, OrderStatus};
use lumo_api::seen::SeenBadge;

/// "Success", "In progress", … or "Unknown: <raw value>".
pub fn order_status(status: &OrderStatus) -> String {
    match status {
        OrderStatus::Created => "Created".into(),
        OrderStatus::InProgress => "In progress".into(),
        OrderStatus::Success => "Success".into(),
        OrderStatus::Failed => "Failed".into(),
        OrderStatus::Disputed => "Disputed".into(),
        OrderStatus::Unknown(raw) => format!("Unknown: {raw}"),
    }
}

pub fn dispute_status(status: &DisputeStatus) -> String {
    match status {
        DisputeStatus::Submitted => "Submitted".into(),
        DisputeStatus::InReview => "In review".into(),
        DisputeStatus::Resolved => "Resolved".into(),
        DisputeStatus::Rejected => "Rejected".into(),
        DisputeStatus::Unknown(raw) => format!("Unknown: {raw}"),
    }
}

pub fn resolution(resolution: &DisputeResolution) -> String {
    match resolution {
        DisputeResolution::Refund => "Refund".into(),
        DisputeResolution::PartialRefund => "Partial refund".into(),
        DisputeResolution::Confirm => "Order confirmed".into(),
        DisputeResolution::Unknown(raw) => format!("Unknown: {raw}"),
    }
}

/// A deposit status, for its badge: "Held (AML)", … or "Unknown: <raw value>".
pub fn deposit_status(status: &DepositStatus) -> String {
    match status {
        DepositStatus::Pending => "Pending".into(),
        DepositStatus::Confirmed => "Confirmed".into(),
        DepositStatus::AmlFailed => "Held (AML)".into(),
        DepositStatus::Unknown(raw) => format!("Unknown: {raw}"),
    }
}

/// What each deposit status means, for the badge's hover text.
pub fn deposit_status_explanation(status: &DepositStatus) -> &'static str {
    match status {
        DepositStatus::Pending => "Seen on chain, not yet confirmed.",
        DepositStatus::Confirmed => "Confirmed and credited.",
        DepositStatus::AmlFailed => "Held after AML screening: not credited until reviewed.",
        DepositStatus::Unknown(_) => "A status this portal does not know yet.",
    }
}

/// The badge on a dispute that changed since the last visit.
pub fn seen_badge(badge: SeenBadge) -> &'static str {
    match badge {
        SeenBadge::Updated => "Updated",
        SeenBadge::New => "New",
    }
}

/// How disputes ended, as the insights page groups them.
pub fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Refund => "Refund",
        Outcome::PartialRefund => "Partial refund",
        Outcome::Confirmed => "Order confirmed",
        Outcome::Rejected => "Rejected",
        Outcome::Open => "Open",
        Outcome::Other => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deposit_statuses_have_words() {
        assert_eq!(deposit_status(&DepositStatus::AmlFailed), "Held (AML)");
        assert_eq!(
            deposit_status(&DepositStatus::from_wire("reversed")),
            "Unknown: reversed"
        );
        assert!(deposit_status_explanation(&DepositStatus::AmlFailed).contains("AML"));
    }

    #[test]
    fn unknown_values_keep_their_raw_value() {
        assert_eq!(
            order_status(&OrderStatus::Unknown("paused".into())),
            "Unknown: paused"
        );
        assert_eq!(
            dispute_status(&DisputeStatus::Unknown("escalated".into())),
            "Unknown: escalated"
        );
        assert_eq!(
            resolution(&DisputeResolution::Unknown("voucher".into())),
            "Unknown: voucher"
        );
    }
}
