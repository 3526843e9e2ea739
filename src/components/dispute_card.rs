//! One dispute as a card: status, resolution, age while open, a timeline (submitted -> in review
//! -> resolved / rejected), the reason (always as text), who resolved it and the admin comment.
//! Used by the disputes page (which may add an "Updated" or "New" badge: what changed since the
//! last visit, `lumo_api::seen`) and by the order page.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use lumo_api::models::{Dispute, DisputeResolution};
use lumo_api::requests::percent_encode;
use lumo_api::rules::orders::short_id;
use lumo_api::rules::timeline::{dispute_steps, DisputeStep};
use lumo_api::seen::SeenBadge;

use crate::components::status_badge::{DisputeStatusBadge, ResolutionBadge};
use crate::components::timeline::{Timeline, TimelineEntry};
use crate::components::{Money, Time};
use crate::i18n::{t, tf, tn, tr, Key};
use crate::labels::{self, around, marked, resolution as resolution_label};

/// The dispute's steps, worded (in the language on screen: call it in a reactive scope).
pub fn dispute_timeline(dispute: &Dispute) -> Vec<TimelineEntry> {
    dispute_steps(dispute)
        .into_iter()
        .map(|step| {
            let mut entry = TimelineEntry::new(String::new(), step.state, step.at);
            entry.label = match &step.kind {
                DisputeStep::Submitted => t(Key::LabelsDisputeSubmitted).to_string(),
                DisputeStep::InReview => {
                    if step.at.is_some() {
                        entry.at_prefix = Some(t(Key::DisputesCardSince));
                    }
                    t(Key::LabelsDisputeInReview).to_string()
                }
                DisputeStep::Decision => t(Key::DisputesStepDecision).to_string(),
                DisputeStep::Resolved(Some(resolution)) => {
                    if let DisputeResolution::Unknown(raw) = resolution {
                        entry.data = Some(raw.clone());
                    }
                    tf(
                        Key::DisputesStepResolvedAs,
                        &[("resolution", &resolution_label(resolution))],
                    )
                }
                DisputeStep::Resolved(None) => t(Key::LabelsDisputeResolved).to_string(),
                DisputeStep::Rejected => t(Key::LabelsDisputeRejected).to_string(),
                DisputeStep::Unknown(raw) => {
                    entry.data = Some(raw.clone());
                    tf(Key::DisputesStepUnknown, &[("raw", raw)])
                }
            };
            entry
        })
        .collect()
}

/// "support@lumo", or words for the automatic sync.
fn resolver_text(by: &str) -> String {
    if by == "wallet-sync" {
        tf(Key::DisputesCardWalletSync, &[("name", by)])
    } else {
        by.to_string()
    }
}

/// How long an open dispute has been open: "open 3 days", "open just now".
fn open_age(created_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let age = now.signed_duration_since(created_at);
    let (count, key) = if age >= Duration::days(1) {
        (age.num_days(), Key::DisputesCardOpenDays)
    } else if age >= Duration::hours(1) {
        (age.num_hours(), Key::DisputesCardOpenHours)
    } else if age >= Duration::minutes(1) {
        (age.num_minutes(), Key::DisputesCardOpenMinutes)
    } else {
        return t(Key::DisputesCardOpenJustNow).to_string();
    };
    tn(key, u64::try_from(count).unwrap_or(0), &[])
}

#[component]
pub fn DisputeCard(
    dispute: Dispute,
    /// "now" for the age of an open dispute.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// Link to the order (the disputes page); the order page leaves it out.
    #[prop(optional)]
    order_link: bool,
    /// Tighter layout (inside the order page).
    #[prop(optional)]
    compact: bool,
    /// "Updated" or "New" since the last visit (the disputes page).
    #[prop(optional, into)]
    seen: MaybeProp<SeenBadge>,
) -> impl IntoView {
    let is_open = dispute.status.is_open();
    let created_at = dispute.created_at;
    let status_class = format!(
        "card dispute-card dispute-card--{}{}",
        dispute
            .status
            .as_wire()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        if compact {
            " dispute-card--compact"
        } else {
            ""
        }
    );
    let order_href = format!("/orders/{}", percent_encode(&dispute.order_id));
    let order_short = short_id(&dispute.order_id);
    let order_text = {
        let short = order_short.clone();
        move || marked(tf(Key::DisputesCardOrder, &[("id", &short)]), Some(&short))
    };
    let title_id = format!("dispute-{}", dispute.id);
    let labelled_by = title_id.clone();
    let timeline_dispute = dispute.clone();
    let timeline = move || {
        let steps = dispute_timeline(&timeline_dispute);
        view! { <Timeline steps horizontal=true label=tr(Key::DisputesCardProgress)/> }
    };

    let resolution = dispute.resolution.clone();
    let refund = dispute.refund_amount;
    let resolution_row = resolution.clone().map(|resolution| {
        let raw = match &resolution {
            DisputeResolution::Unknown(raw) => Some(raw.clone()),
            _ => None,
        };
        let amount = match (&resolution, refund) {
            (DisputeResolution::PartialRefund, Some(amount)) => {
                let (before, after) = around(Key::DisputesCardRefunded, "amount");
                Some(view! {
                    " · "{before}<Money amount currency="USDT"/>{after}
                })
            }
            _ => None,
        };
        view! {
            <dt>{tr(Key::DisputesResolution)}</dt>
            <dd data-testid="dispute-resolution">{move || labels::marked(resolution_label(&resolution), raw.as_deref())}{amount}</dd>
        }
    });
    // A refund amount without a partial_refund resolution is still shown: it is money.
    let stray_refund = match (&resolution, refund) {
        (Some(DisputeResolution::PartialRefund), _) | (_, None) => None,
        (_, Some(amount)) => Some(view! {
            <dt>{tr(Key::DisputesCardRefundAmount)}</dt>
            <dd><Money amount currency="USDT"/></dd>
        }),
    };
    let resolved_by = dispute
        .resolved_by
        .clone()
        .filter(|s| !s.trim().is_empty())
        .map(|by| {
            view! {
                <dt>{tr(Key::DisputesCardResolvedBy)}</dt>
                <dd>{move || marked(resolver_text(&by), Some(&by))}</dd>
            }
        });
    let comment = dispute
        .admin_comment
        .clone()
        .filter(|s| !s.trim().is_empty())
        .map(|text| {
            view! {
                <dt>{tr(Key::DisputesCardAdminComment)}</dt>
                <dd class="dispute-card__comment" data-testid="dispute-comment" translate="no">{text}</dd>
            }
        });

    let (filed_before, filed_after) = around(Key::DisputesCardFiled, "time");
    view! {
        <article
            class=status_class
            data-testid="dispute-card"
            data-dispute-id=dispute.id.clone()
            data-order-id=dispute.order_id.clone()
            data-status=dispute.status.as_wire().to_string()
            aria-labelledby=labelled_by
        >
            <header class="dispute-card__header">
                <div class="dispute-card__badges">
                    <DisputeStatusBadge status=dispute.status.clone()/>
                    {resolution.map(|resolution| view! { <ResolutionBadge resolution/> })}
                    {is_open.then(|| view! {
                        <span class="dispute-card__age" data-testid="dispute-age">
                            {move || open_age(created_at, now.get())}
                        </span>
                    })}
                    {move || seen.get().map(|badge| view! {
                        <span
                            class=format!("seen-badge seen-badge--{}", badge.as_str())
                            data-testid="seen-badge"
                            data-seen=badge.as_str()
                        >
                            {move || labels::seen_badge(badge)}
                        </span>
                    })}
                </div>
                <h3 class="dispute-card__title" id=title_id>
                    {if order_link {
                        view! { <a href=order_href class="mono">{order_text}</a> }.into_any()
                    } else {
                        view! { <span>{tr(Key::DisputesCardDispute)}</span> }.into_any()
                    }}
                    <span class="dispute-card__filed">
                        {filed_before}<Time value=created_at/>{filed_after}
                    </span>
                </h3>
            </header>
            {timeline}
            <dl class="details dispute-card__details">
                <dt>{tr(Key::DisputesCardReason)}</dt>
                <dd class="dispute-card__reason" data-testid="dispute-reason" translate="no">{dispute.reason.clone()}</dd>
                {resolution_row}
                {stray_refund}
                {resolved_by}
                {comment}
                <dt>{tr(Key::DisputesCardId)}</dt>
                <dd><code class="dispute-card__id" translate="no">{dispute.id.clone()}</code></dd>
            </dl>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dispute(status: &str, resolution: Option<&str>) -> Dispute {
        serde_json::from_value(serde_json::json!({
            "id": "d1", "orderId": "o1", "status": status, "resolution": resolution,
            "reason": "r", "refundAmount": 12.5, "resolvedAt": "2026-11-25T09:00:00Z",
            "createdAt": "2026-11-24T10:00:00Z", "updatedAt": "2026-11-25T09:00:00Z"
        }))
        .unwrap()
    }

    fn labels(d: &Dispute) -> Vec<String> {
        dispute_timeline(d).into_iter().map(|e| e.label).collect()
    }

    #[test]
    fn dispute_steps_are_worded_with_resolution_and_raw_values() {
        assert_eq!(
            labels(&dispute("submitted", None)),
            ["Submitted", "In review", "Resolved or rejected"]
        );
        assert_eq!(
            labels(&dispute("resolved", Some("partial_refund"))),
            ["Submitted", "In review", "Resolved: Partial refund"]
        );
        assert_eq!(
            labels(&dispute("resolved", Some("goodwill"))),
            ["Submitted", "In review", "Resolved: Unknown: goodwill"]
        );
        assert_eq!(
            labels(&dispute("escalated", None)),
            ["Submitted", "Unknown status: escalated"]
        );
        let review = dispute_timeline(&dispute("in_review", None));
        assert_eq!(review[1].at_prefix, Some("since"));
    }

    #[test]
    fn the_automatic_resolver_is_named() {
        assert_eq!(
            resolver_text("wallet-sync"),
            "Automatic wallet sync (wallet-sync)"
        );
        assert_eq!(resolver_text("support@lumo"), "support@lumo");
    }
}
