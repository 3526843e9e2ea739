//! One dispute as a card: status, resolution, age while open, a timeline (submitted -> in review
//! -> resolved / rejected), the reason (always as text), who resolved it and the admin comment.
//! Used by the disputes page (which may add an "Updated" or "New" badge: what changed since the
//! last visit, `lumo_api::seen`) and by the order page.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use lumo_api::models::{Dispute, DisputeResolution};
use lumo_api::requests::percent_encode;
use lumo_api::rules::orders::{open_age, short_id};
use lumo_api::rules::timeline::{dispute_steps, DisputeStep};
use lumo_api::seen::SeenBadge;

use crate::components::status_badge::{DisputeStatusBadge, ResolutionBadge};
use crate::components::timeline::{Timeline, TimelineEntry};
use crate::components::{Money, Time};
use crate::labels::{self, resolution as resolution_label};

/// The dispute's steps, worded.
pub fn dispute_timeline(dispute: &Dispute) -> Vec<TimelineEntry> {
    dispute_steps(dispute)
        .into_iter()
        .map(|step| {
            let mut entry = TimelineEntry::new(String::new(), step.state, step.at);
            entry.label = match &step.kind {
                DisputeStep::Submitted => "Submitted".to_string(),
                DisputeStep::InReview => {
                    if step.at.is_some() {
                        entry.at_prefix = Some("since");
                    }
                    "In review".to_string()
                }
                DisputeStep::Decision => "Resolved or rejected".to_string(),
                DisputeStep::Resolved(Some(resolution)) => {
                    format!("Resolved: {}", resolution_label(resolution))
                }
                DisputeStep::Resolved(None) => "Resolved".to_string(),
                DisputeStep::Rejected => "Rejected".to_string(),
                DisputeStep::Unknown(raw) => format!("Unknown status: {raw}"),
            };
            entry
        })
        .collect()
}

/// "support@lumo", or words for the automatic sync.
fn resolver_text(by: &str) -> String {
    if by == "wallet-sync" {
        "Automatic wallet sync (wallet-sync)".to_string()
    } else {
        by.to_string()
    }
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
    let order_text = format!("Order {}", short_id(&dispute.order_id));
    let title_id = format!("dispute-{}", dispute.id);
    let labelled_by = title_id.clone();
    let steps = dispute_timeline(&dispute);

    let resolution = dispute.resolution.clone();
    let refund = dispute.refund_amount;
    let resolution_row = resolution.clone().map(|resolution| {
        let amount = match (&resolution, refund) {
            (DisputeResolution::PartialRefund, Some(amount)) => Some(view! {
                " · "<Money amount currency="USDT"/>" refunded"
            }),
            _ => None,
        };
        view! {
            <dt>"Resolution"</dt>
            <dd data-testid="dispute-resolution">{resolution_label(&resolution)}{amount}</dd>
        }
    });
    // A refund amount without a partial_refund resolution is still shown: it is money.
    let stray_refund = match (&resolution, refund) {
        (Some(DisputeResolution::PartialRefund), _) | (_, None) => None,
        (_, Some(amount)) => Some(view! {
            <dt>"Refund amount"</dt>
            <dd><Money amount currency="USDT"/></dd>
        }),
    };
    let resolved_by = dispute
        .resolved_by
        .clone()
        .filter(|s| !s.trim().is_empty())
        .map(|by| {
            view! {
                <dt>"Resolved by"</dt>
                <dd>{resolver_text(&by)}</dd>
            }
        });
    let comment = dispute
        .admin_comment
        .clone()
        .filter(|s| !s.trim().is_empty())
        .map(|text| {
            view! {
                <dt>"Admin comment"</dt>
                <dd class="dispute-card__comment" data-testid="dispute-comment">{text}</dd>
            }
        });

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
                            {labels::seen_badge(badge)}
                        </span>
                    })}
                </div>
                <h3 class="dispute-card__title" id=title_id>
                    {if order_link {
                        view! { <a href=order_href class="mono">{order_text}</a> }.into_any()
                    } else {
                        view! { <span>"Dispute"</span> }.into_any()
                    }}
                    <span class="dispute-card__filed">
                        "Filed "<Time value=created_at/>
                    </span>
                </h3>
            </header>
            <Timeline steps horizontal=true label="Dispute progress"/>
            <dl class="details dispute-card__details">
                <dt>"Reason"</dt>
                <dd class="dispute-card__reason" data-testid="dispute-reason">{dispute.reason.clone()}</dd>
                {resolution_row}
                {stray_refund}
                {resolved_by}
                {comment}
                <dt>"Dispute id"</dt>
                <dd><code class="dispute-card__id">{dispute.id.clone()}</code></dd>
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
