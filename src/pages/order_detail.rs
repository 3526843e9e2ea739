//! /orders/:id: every field of the order, its timeline, its dispute (found in the shared
//! `GET /disputes` list, as the API has no per-order lookup), and the "Open dispute" form for a
//! completed order without an open dispute.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use lumo_api::models::{Dispute, Order, OrderStatus};
use lumo_api::rules::money::format_rate;
use lumo_api::rules::orders::{
    dispute_eligibility, dispute_for_order, short_id, DisputeEligibility, DisputeOutcome,
};
use lumo_api::rules::timeline::{order_steps, OrderStep, StepState};

use crate::client::{api_resource, ApiResource};
use crate::components::status_badge::OrderStatusBadge;
use crate::components::timeline::{Timeline, TimelineEntry};
use crate::components::{ApiView, CopyButton, DisputeCard, Loading, Money, PageHeader, Time};
use crate::disputes_store::{load_draft, use_disputes_store};
use crate::format;
use crate::session::use_session;

mod dispute_form;

use dispute_form::DisputeForm;

/// What the last "Open dispute" did, kept above the order's view (which re-renders when the
/// order reloads).
#[derive(Clone, PartialEq)]
pub(crate) struct Filed {
    pub dispute: Dispute,
    pub outcome: DisputeOutcome,
    /// The text typed, when it was not sent because a dispute was already open.
    pub unsent_reason: Option<String>,
}

#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let order = api_resource(move || id.get(), |id| lumo_api::requests::get_order(&id));
    let store = use_disputes_store();
    store.ensure();
    let session = use_session();

    // Per-order state that must outlive a reload of the order: the typed reason (restored from
    // sessionStorage, this company's only) and what the last submit did.
    let reason = RwSignal::new(String::new());
    let filed = RwSignal::new(None::<Filed>);
    Effect::new(move |_| {
        let id = id.get();
        reason.set(load_draft(session, &id).unwrap_or_default());
        filed.set(None);
    });

    view! {
        <div class="order-page">
            <p class="back-link"><a href="/orders">"← All orders"</a></p>
            <ApiView resource=order loading_label="Loading the order…" let:data>
                <OrderView order=data resource=order reason filed/>
            </ApiView>
        </div>
    }
}

#[component]
fn OrderView(
    order: Order,
    resource: ApiResource<Order>,
    reason: RwSignal<String>,
    filed: RwSignal<Option<Filed>>,
) -> impl IntoView {
    let store = use_disputes_store();
    let title = match order.external_order_id.as_deref() {
        Some(ext) if !ext.trim().is_empty() => format!("Order {ext}"),
        _ => format!("Order {}", short_id(&order.id)),
    };
    let subtitle = order.merchant_name.clone();

    let timeline_order = order.clone();
    let timeline = move || {
        let steps = store.with_latest(|list| {
            let list: &[Dispute] = list.map(Vec::as_slice).unwrap_or(&[]);
            let dispute = dispute_for_order(&timeline_order.id, list);
            order_timeline(&timeline_order, dispute, Utc::now())
        });
        view! { <Timeline steps label="Order progress"/> }
    };

    view! {
        <PageHeader title subtitle/>
        <div class="order-grid">
            <section class="card" aria-labelledby="order-details-title">
                <h2 class="card__title" id="order-details-title">"Details"</h2>
                <OrderDetails order=order.clone()/>
            </section>
            <section class="card" aria-labelledby="order-progress-title">
                <h2 class="card__title" id="order-progress-title">"Progress"</h2>
                {timeline}
            </section>
        </div>
        <DisputeSection order resource reason filed/>
    }
}

#[component]
fn OrderDetails(order: Order) -> impl IntoView {
    let id = order.id.clone();
    let external = order
        .external_order_id
        .clone()
        .filter(|s| !s.trim().is_empty());
    let dash = || view! { <span class="muted">"—"</span> };
    view! {
        <dl class="details order-details">
            <dt>"Status"</dt>
            <dd data-testid="order-status"><OrderStatusBadge status=order.status.clone()/></dd>
            <dt>"Your order id"</dt>
            <dd>
                {match external {
                    Some(ext) => view! {
                        <span class="copy-row">
                            <code data-testid="order-external-id">{ext.clone()}</code>
                            <CopyButton text=ext what="your order id"/>
                        </span>
                    }
                    .into_any(),
                    None => dash().into_any(),
                }}
            </dd>
            <dt>"Lumo order id"</dt>
            <dd>
                <span class="copy-row">
                    <code class="break-all">{id.clone()}</code>
                    <CopyButton text=id what="Lumo order id"/>
                </span>
            </dd>
            <dt>"Merchant"</dt>
            <dd>{order.merchant_name.clone()}</dd>
            <dt>"Amount (RUB)"</dt>
            <dd><Money amount=order.amount_rub currency="RUB"/></dd>
            <dt>"Amount (USDT)"</dt>
            <dd><Money amount=order.amount_usdt currency="USDT"/></dd>
            <dt>"Rate"</dt>
            <dd>
                {match order.rate {
                    Some(rate) => view! { <span class="money">{format_rate(rate)}</span> }.into_any(),
                    None => dash().into_any(),
                }}
            </dd>
            <dt>"Created"</dt>
            <dd><Time value=order.created_at seconds=true/></dd>
            <dt>"Payment deadline"</dt>
            <dd>
                {match order.payment_until {
                    Some(at) => view! { <Time value=at seconds=true/> }.into_any(),
                    None => dash().into_any(),
                }}
            </dd>
            <dt>"Last updated"</dt>
            <dd>
                {match order.updated_at {
                    Some(at) => view! { <Time value=at seconds=true/> }.into_any(),
                    None => dash().into_any(),
                }}
            </dd>
        </dl>
    }
}

/// The order's steps, worded.
fn order_timeline(
    order: &Order,
    dispute: Option<&Dispute>,
    now: DateTime<Utc>,
) -> Vec<TimelineEntry> {
    order_steps(order, dispute, now)
        .into_iter()
        .map(|step| {
            let mut entry = TimelineEntry::new(String::new(), step.state, step.at);
            entry.label = match &step.kind {
                OrderStep::Created => "Created".to_string(),
                OrderStep::PaymentDeadline => {
                    if matches!(step.state, StepState::Current | StepState::Upcoming) {
                        entry.at_prefix = Some("due");
                    }
                    if step.at.is_none() {
                        entry.detail = Some("Set when the order is accepted".to_string());
                    }
                    "Payment deadline".to_string()
                }
                OrderStep::Completed(Some(OrderStatus::Success)) => {
                    "Completed: success".to_string()
                }
                OrderStep::Completed(Some(OrderStatus::Failed)) => "Completed: failed".to_string(),
                OrderStep::Completed(_) => "Completed (success or failed)".to_string(),
                OrderStep::Disputed => "Disputed".to_string(),
                OrderStep::Unknown(raw) => format!("Status “{raw}” (unknown to this portal)"),
            };
            entry
        })
        .collect()
}

/// Why no dispute can be opened, in a sentence.
fn why_not(eligibility: &DisputeEligibility) -> String {
    const WHEN: &str = "Disputes can be opened once the order is completed (success or failed).";
    match eligibility {
        DisputeEligibility::NotCompleted(OrderStatus::Created) => {
            format!("{WHEN} This order has just been created.")
        }
        DisputeEligibility::NotCompleted(OrderStatus::InProgress) => {
            format!("{WHEN} This order is in progress.")
        }
        DisputeEligibility::NotCompleted(_) => format!("{WHEN} This order is not completed yet."),
        other => other.reason(),
    }
}

#[component]
fn DisputeSection(
    order: Order,
    resource: ApiResource<Order>,
    reason: RwSignal<String>,
    filed: RwSignal<Option<Filed>>,
) -> impl IntoView {
    let store = use_disputes_store();
    let order_id = order.id.clone();
    let now = RwSignal::new(Utc::now());
    Effect::new(move |_| {
        if store.updated_at().is_some() {
            now.set(Utc::now());
        }
    });
    // While this order's dispute is open, keep it fresh like the disputes page does.
    let open_id = order_id.clone();
    let has_open = Signal::derive(move || {
        store.with_latest(|list| {
            list.and_then(|l| dispute_for_order(&open_id, l))
                .is_some_and(|d| d.status.is_open())
        })
    });
    store.auto_refresh(has_open);

    let outcome_note = move || {
        filed.get().map(|Filed { dispute, outcome, unsent_reason }| match outcome {
            DisputeOutcome::Created => view! {
                <div class="alert alert-success" role="status" data-testid="dispute-outcome">
                    <p class="alert__title">"Dispute filed"</p>
                    <p>
                        "Lumo support will review it. Follow it here or in "
                        <a href="/disputes">"Disputes"</a>"."
                    </p>
                </div>
            }
            .into_any(),
            DisputeOutcome::ExistingOpen => view! {
                <div class="alert alert-info" role="status" data-testid="dispute-outcome">
                    <p class="alert__title">
                        "This order already has an open dispute, filed on "
                        {format::local_datetime(&dispute.created_at)}"."
                    </p>
                    <p>"No new dispute was opened: this is the one being reviewed."</p>
                    {unsent_reason.map(|text| view! {
                        <p>"The text you typed was not sent. If it adds something, give it to Lumo support:"</p>
                        <blockquote class="unsent-reason">{text}</blockquote>
                    })}
                </div>
            }
            .into_any(),
        })
    };

    // Recomputed on every list change, but the view below only re-renders when the answer
    // changes (a refresh that changes nothing keeps the form and its focus).
    let order_for_state = order.clone();
    let derived = Memo::new(move |_| {
        let loaded = store.with_latest(|l| l.is_some());
        let error = store.error();
        // The list as known, plus what the last submit returned (before the refetch has it).
        let mut disputes = store.latest().unwrap_or_default();
        if let Some(Filed { dispute, .. }) = filed.get() {
            if !disputes.iter().any(|d| d.id == dispute.id) {
                disputes.insert(0, dispute);
            }
        }
        let dispute = dispute_for_order(&order_for_state.id, &disputes).cloned();
        let eligibility = dispute_eligibility(&order_for_state, &disputes);
        (loaded, error, dispute, eligibility)
    });

    let body = move || {
        let (loaded, error, dispute, eligibility) = derived.get();
        if !loaded && error.is_none() {
            return view! { <Loading label="Checking for a dispute…"/> }.into_any();
        }
        let load_problem = (!loaded).then(|| {
            let text = format!(
                "The dispute list could not be loaded, so this page cannot tell whether this order already has a dispute. {}",
                error.map(|e| e.to_string()).unwrap_or_default()
            );
            view! {
                <div class="alert alert-warning" role="status">
                    <p>{text}</p>
                    <button type="button" class="btn btn-secondary btn-sm" on:click=move |_| store.refetch()>
                        "Try again"
                    </button>
                </div>
            }
        });
        let note = match (&eligibility, &dispute) {
            (DisputeEligibility::Eligible, _) => None,
            (DisputeEligibility::HasOpenDispute(_), Some(open)) => {
                // Said once: after a submit the outcome note above already speaks of it.
                let said =
                    filed.with_untracked(|f| f.as_ref().is_some_and(|f| f.dispute.id == open.id));
                (!said).then(|| {
                    format!(
                        "This order already has an open dispute, filed on {}. Follow it below.",
                        format::local_datetime(&open.created_at)
                    )
                })
            }
            (other, _) => Some(why_not(other)),
        };
        let note = note.map(|text| {
            view! {
                <p class="alert alert-info" data-testid="dispute-unavailable">{text}</p>
            }
        });
        let card = dispute.map(|dispute| {
            let href = format!(
                "/disputes?order={}",
                lumo_api::requests::percent_encode(&dispute.order_id)
            );
            view! {
                <DisputeCard dispute now=now compact=true/>
                <p class="dispute-link"><a href=href>"See it in Disputes →"</a></p>
            }
        });
        let form = eligibility.is_eligible().then(|| {
            let on_filed = Callback::new(move |result: Filed| {
                filed.set(Some(result));
                resource.refetch();
            });
            view! { <DisputeForm order_id=order.id.clone() reason on_filed/> }
        });
        view! {
            {load_problem}
            {note}
            {card}
            {form}
        }
        .into_any()
    };

    view! {
        <section class="section order-dispute" aria-labelledby="order-dispute-title">
            <h2 class="section__title" id="order-dispute-title">"Dispute"</h2>
            {outcome_note}
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn order(status: &str) -> Order {
        Order {
            id: "o1".into(),
            status: OrderStatus::from_wire(status),
            amount_rub: Decimal::new(500_000, 2),
            amount_usdt: Decimal::new(5_263, 2),
            rate: None,
            merchant_name: "OOO Romashka".into(),
            external_order_id: None,
            payment_until: None,
            created_at: DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            updated_at: None,
        }
    }

    #[test]
    fn pending_orders_say_why_they_cannot_be_disputed() {
        let why = |status| why_not(&dispute_eligibility(&order(status), &[]));
        assert_eq!(
            why("in_progress"),
            "Disputes can be opened once the order is completed (success or failed). This order is in progress."
        );
        assert_eq!(
            why("created"),
            "Disputes can be opened once the order is completed (success or failed). This order has just been created."
        );
        assert!(why("refunded").contains("\"refunded\""));
    }

    #[test]
    fn order_timeline_words_each_step() {
        let now = Utc::now();
        let labels: Vec<String> = order_timeline(&order("failed"), None, now)
            .into_iter()
            .map(|e| e.label)
            .collect();
        assert_eq!(labels, ["Created", "Payment deadline", "Completed: failed"]);
        let unknown = order_timeline(&order("refunded"), None, now);
        assert_eq!(
            unknown.last().map(|e| e.label.as_str()),
            Some("Status “refunded” (unknown to this portal)")
        );
    }
}
