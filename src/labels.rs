//! The words for every enum the portal shows: order, dispute and deposit statuses, resolutions,
//! seen badges and dispute outcomes. lumo-api returns typed values; the portal words them here,
//! in one place (the one to translate). A value this portal does not know keeps its raw value.

use leptos::prelude::*;
use lumo_api::insights::Outcome;
use lumo_api::models::{DepositStatus, DisputeResolution, DisputeStatus, OrderStatus};
use lumo_api::seen::SeenBadge;

use crate::i18n::{t, tf, Key};

/// "Unknown: <raw value>" ("Неизвестно: …").
fn unknown(raw: &str) -> String {
    tf(Key::LabelsUnknown, &[("raw", raw)])
}

/// "Success", "In progress", … or "Unknown: <raw value>".
pub fn order_status(status: &OrderStatus) -> String {
    match status {
        OrderStatus::Created => t(Key::LabelsOrderCreated).into(),
        OrderStatus::InProgress => t(Key::LabelsOrderInProgress).into(),
        OrderStatus::Success => t(Key::LabelsOrderSuccess).into(),
        OrderStatus::Failed => t(Key::LabelsOrderFailed).into(),
        OrderStatus::Disputed => t(Key::LabelsOrderDisputed).into(),
        OrderStatus::Unknown(raw) => unknown(raw),
    }
}

pub fn dispute_status(status: &DisputeStatus) -> String {
    match status {
        DisputeStatus::Submitted => t(Key::LabelsDisputeSubmitted).into(),
        DisputeStatus::InReview => t(Key::LabelsDisputeInReview).into(),
        DisputeStatus::Resolved => t(Key::LabelsDisputeResolved).into(),
        DisputeStatus::Rejected => t(Key::LabelsDisputeRejected).into(),
        DisputeStatus::Unknown(raw) => unknown(raw),
    }
}

pub fn resolution(resolution: &DisputeResolution) -> String {
    match resolution {
        DisputeResolution::Refund => t(Key::LabelsRefund).into(),
        DisputeResolution::PartialRefund => t(Key::LabelsPartialRefund).into(),
        DisputeResolution::Confirm => t(Key::LabelsOrderConfirmed).into(),
        DisputeResolution::Unknown(raw) => unknown(raw),
    }
}

/// A deposit status, for its badge: "Held (AML)", … or "Unknown: <raw value>".
pub fn deposit_status(status: &DepositStatus) -> String {
    match status {
        DepositStatus::Pending => t(Key::LabelsDepositPending).into(),
        DepositStatus::Confirmed => t(Key::LabelsDepositConfirmed).into(),
        DepositStatus::AmlFailed => t(Key::LabelsDepositAmlFailed).into(),
        DepositStatus::Unknown(raw) => unknown(raw),
    }
}

/// What each deposit status means, for the badge's hover text.
pub fn deposit_status_explanation(status: &DepositStatus) -> &'static str {
    match status {
        DepositStatus::Pending => t(Key::LabelsDepositPendingExplanation),
        DepositStatus::Confirmed => t(Key::LabelsDepositConfirmedExplanation),
        DepositStatus::AmlFailed => t(Key::LabelsDepositAmlFailedExplanation),
        DepositStatus::Unknown(_) => t(Key::LabelsDepositUnknownExplanation),
    }
}

/// The badge on a dispute that changed since the last visit.
pub fn seen_badge(badge: SeenBadge) -> &'static str {
    match badge {
        SeenBadge::Updated => t(Key::LabelsSeenUpdated),
        SeenBadge::New => t(Key::LabelsSeenNew),
    }
}

/// How disputes ended, as the insights page groups them.
pub fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Refund => t(Key::LabelsRefund),
        Outcome::PartialRefund => t(Key::LabelsPartialRefund),
        Outcome::Confirmed => t(Key::LabelsOrderConfirmed),
        Outcome::Rejected => t(Key::LabelsDisputeRejected),
        Outcome::Open => t(Key::LabelsOutcomeOpen),
        Outcome::Other => t(Key::LabelsOutcomeOther),
    }
}

/// `text` with its last occurrence of `data` (a raw value, an id, a server message: not
/// interface words) in a `translate="no"` span, so translators and the language checks leave it
/// alone. Without `data` (or when it is not in `text`), the text as it is.
pub fn marked(text: String, data: Option<&str>) -> AnyView {
    match data
        .filter(|d| !d.is_empty())
        .and_then(|d| text.rfind(d).map(|at| (at, d.len())))
    {
        Some((at, len)) => {
            let before = text[..at].to_string();
            let data = text[at..at + len].to_string();
            let after = text[at + len..].to_string();
            view! { {before}<span translate="no">{data}</span>{after} }.into_any()
        }
        None => text.into_any(),
    }
}

/// `text` with its `{id}` placeholder filled by `id` (a user's id: data) in an element kept out of
/// translation.
pub fn with_id(text: &'static str, id: &str) -> AnyView {
    match text.split_once("{id}") {
        Some((before, after)) => view! {
            {before}<span translate="no">{id.to_string()}</span>{after}
        }
        .into_any(),
        None => text.into_any(),
    }
}

/// The text of `key` before and after its `{name}` placeholder, each following the language:
/// for a sentence with a link or a component in it ("Filed {time}").
pub fn around(
    key: Key,
    name: &'static str,
) -> (
    impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    impl Fn() -> &'static str + Copy + Send + Sync + 'static,
) {
    let split = move || {
        let text = t(key);
        let mark = format!("{{{name}}}");
        match text.find(&mark) {
            Some(at) => (&text[..at], &text[at + mark.len()..]),
            None => (text, ""),
        }
    };
    (move || split().0, move || split().1)
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
