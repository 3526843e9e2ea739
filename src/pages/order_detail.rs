//! /orders/:id: every field of the order, its timeline, its dispute (found in the shared
//! `GET /disputes` list, as the API has no per-order lookup), and the "Open dispute" form for a
//! completed order without an open dispute.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use lumo_api::models::DisputeStatus;
use lumo_api::models::{Dispute, Order, OrderStatus};
use lumo_api::rules::money::format_rate_in;
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
use crate::i18n::{locale, t, tf, tr, Key};
use crate::labels::{around, marked};
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
            <p class="back-link"><a href="/orders">{tr(Key::OrderDetailBack)}</a></p>
            <ApiView resource=order loading_label=t(Key::OrderDetailLoading).to_string() let:data>
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
    let shown_id = match order.external_order_id.as_deref() {
        Some(ext) if !ext.trim().is_empty() => ext.to_string(),
        _ => short_id(&order.id),
    };
    let title_data = shown_id.clone();
    let title = move || tf(Key::DisputesCardOrder, &[("id", &shown_id)]);
    let subtitle = order.merchant_name.clone();

    let timeline_order = order.clone();
    let timeline = move || {
        let steps = store.with_latest(|list| {
            let list: &[Dispute] = list.map(Vec::as_slice).unwrap_or(&[]);
            let dispute = dispute_for_order(&timeline_order.id, list);
            order_timeline(&timeline_order, dispute, Utc::now())
        });
        view! { <Timeline steps label=tr(Key::OrderDetailProgressLabel)/> }
    };

    view! {
        <PageHeader title title_data subtitle subtitle_is_data=true/>
        <div class="order-grid">
            <section class="card" aria-labelledby="order-details-title">
                <h2 class="card__title" id="order-details-title">{tr(Key::OrderDetailDetails)}</h2>
                <OrderDetails order=order.clone()/>
            </section>
            <section class="card" aria-labelledby="order-progress-title">
                <h2 class="card__title" id="order-progress-title">{tr(Key::OrderDetailProgress)}</h2>
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
            <dt>{tr(Key::OrderDetailStatus)}</dt>
            <dd data-testid="order-status"><OrderStatusBadge status=order.status.clone()/></dd>
            <dt>{tr(Key::OrderDetailYourId)}</dt>
            <dd>
                {match external {
                    Some(ext) => view! {
                        <span class="copy-row">
                            <code data-testid="order-external-id" translate="no">{ext.clone()}</code>
                            <CopyButton text=ext what=t(Key::OrderDetailCopyYourId).to_string()/>
                        </span>
                    }
                    .into_any(),
                    None => dash().into_any(),
                }}
            </dd>
            <dt>{tr(Key::OrderDetailLumoId)}</dt>
            <dd>
                <span class="copy-row">
                    <code class="break-all" translate="no">{id.clone()}</code>
                    <CopyButton text=id what=t(Key::OrderDetailLumoId).to_string()/>
                </span>
            </dd>
            <dt>{tr(Key::OrderDetailMerchant)}</dt>
            <dd translate="no">{order.merchant_name.clone()}</dd>
            <dt>{tr(Key::OrderDetailAmountRub)}</dt>
            <dd><Money amount=order.amount_rub currency="RUB"/></dd>
            <dt>{tr(Key::OrderDetailAmountUsdt)}</dt>
            <dd><Money amount=order.amount_usdt currency="USDT"/></dd>
            <dt>{tr(Key::OrderDetailRate)}</dt>
            <dd>
                {match order.rate {
                    Some(rate) => view! { <span class="money" translate="no">{move || format_rate_in(locale(), rate)}</span> }.into_any(),
                    None => dash().into_any(),
                }}
            </dd>
            <dt>{tr(Key::OrderDetailCreated)}</dt>
            <dd><Time value=order.created_at seconds=true/></dd>
            <dt>{tr(Key::OrderDetailPaymentDeadline)}</dt>
            <dd>
                {match order.payment_until {
                    Some(at) => view! { <Time value=at seconds=true/> }.into_any(),
                    None => dash().into_any(),
                }}
            </dd>
            <dt>{tr(Key::OrderDetailLastUpdated)}</dt>
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
                OrderStep::Created => t(Key::OrderDetailCreated).to_string(),
                OrderStep::PaymentDeadline => {
                    if matches!(step.state, StepState::Current | StepState::Upcoming) {
                        entry.at_prefix = Some(t(Key::OrderDetailDue));
                    }
                    if step.at.is_none() {
                        entry.detail = Some(t(Key::OrderDetailDeadlineUnset).to_string());
                    }
                    t(Key::OrderDetailPaymentDeadline).to_string()
                }
                OrderStep::Completed(Some(OrderStatus::Success)) => {
                    t(Key::OrderDetailCompletedSuccess).to_string()
                }
                OrderStep::Completed(Some(OrderStatus::Failed)) => {
                    t(Key::OrderDetailCompletedFailed).to_string()
                }
                OrderStep::Completed(_) => t(Key::OrderDetailCompleted).to_string(),
                OrderStep::Disputed => t(Key::LabelsOrderDisputed).to_string(),
                OrderStep::Unknown(raw) => {
                    entry.data = Some(raw.clone());
                    tf(Key::OrderDetailStatusUnknown, &[("raw", raw)])
                }
            };
            entry
        })
        .collect()
}

/// Why no dispute can be opened, in a sentence (in the language on screen).
fn why_not(eligibility: &DisputeEligibility) -> String {
    let when = t(Key::OrderDetailWhen);
    match eligibility {
        DisputeEligibility::NotCompleted(OrderStatus::Created) => {
            format!("{when} {}", t(Key::OrderDetailJustCreated))
        }
        DisputeEligibility::NotCompleted(OrderStatus::InProgress) => {
            format!("{when} {}", t(Key::OrderDetailInProgress))
        }
        DisputeEligibility::NotCompleted(_) => {
            format!("{when} {}", t(Key::OrderDetailNotCompleted))
        }
        DisputeEligibility::Eligible => t(Key::OrderDetailEligible).to_string(),
        DisputeEligibility::HasOpenDispute(_) => t(Key::OrderDetailHasOpen).to_string(),
        DisputeEligibility::AlreadyDisputed(Some(DisputeStatus::Resolved)) => {
            t(Key::OrderDetailDisputeResolved).to_string()
        }
        DisputeEligibility::AlreadyDisputed(Some(DisputeStatus::Rejected)) => {
            t(Key::OrderDetailDisputeRejected).to_string()
        }
        DisputeEligibility::AlreadyDisputed(_) => t(Key::OrderDetailAlreadyDisputed).to_string(),
        DisputeEligibility::UnknownStatus(raw) => {
            tf(Key::OrderDetailUnknownStatus, &[("raw", raw)])
        }
    }
}

/// The raw status inside [`why_not`]'s sentence, if any (marked as data).
fn why_not_data(eligibility: &DisputeEligibility) -> Option<String> {
    match eligibility {
        DisputeEligibility::UnknownStatus(raw) => Some(raw.clone()),
        _ => None,
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

    let (filed_before, filed_after) = around(Key::OrderDetailFiledBody, "disputes");
    let outcome_note = move || {
        filed.get().map(|Filed { dispute, outcome, unsent_reason }| match outcome {
            DisputeOutcome::Created => view! {
                <div class="alert alert-success" role="status" data-testid="dispute-outcome">
                    <p class="alert__title">{tr(Key::OrderDetailFiledTitle)}</p>
                    <p>
                        {filed_before}<a href="/disputes">{tr(Key::NavDisputes)}</a>{filed_after}
                    </p>
                </div>
            }
            .into_any(),
            DisputeOutcome::ExistingOpen => view! {
                <div class="alert alert-info" role="status" data-testid="dispute-outcome">
                    <p class="alert__title">
                        {move || tf(Key::OrderDetailExistingTitle, &[("time", &format::local_datetime(&dispute.created_at))])}
                    </p>
                    <p>{tr(Key::OrderDetailExistingBody)}</p>
                    {unsent_reason.map(|text| view! {
                        <p>{tr(Key::OrderDetailUnsent)}</p>
                        <blockquote class="unsent-reason" translate="no">{text}</blockquote>
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
            let label = t(Key::OrderDetailCheckingDispute).to_string();
            return view! { <Loading label/> }.into_any();
        }
        let load_problem = (!loaded).then(|| {
            let error = error.map(|e| e.to_string()).unwrap_or_default();
            let text = move || marked(tf(Key::OrderDetailListFailed, &[("error", &error)]), Some(&error));
            view! {
                <div class="alert alert-warning" role="status">
                    <p>{text}</p>
                    <button type="button" class="btn btn-secondary btn-sm" on:click=move |_| store.refetch()>
                        {tr(Key::OrderDetailTryAgain)}
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
                let created_at = open.created_at;
                (!said).then(|| {
                    let text: Box<dyn Fn() -> AnyView + Send + Sync> = Box::new(move || {
                        let time = format::local_datetime(&created_at);
                        tf(Key::OrderDetailOpenNote, &[("time", &time)]).into_any()
                    });
                    text
                })
            }
            (other, _) => {
                let other = other.clone();
                let text: Box<dyn Fn() -> AnyView + Send + Sync> =
                    Box::new(move || marked(why_not(&other), why_not_data(&other).as_deref()));
                Some(text)
            }
        };
        let note = note.map(|text| {
            view! {
                <p class="alert alert-info" data-testid="dispute-unavailable">{move || text()}</p>
            }
        });
        let card = dispute.map(|dispute| {
            let href = format!(
                "/disputes?order={}",
                lumo_api::requests::percent_encode(&dispute.order_id)
            );
            view! {
                <DisputeCard dispute now=now compact=true/>
                <p class="dispute-link"><a href=href>{tr(Key::OrderDetailSeeInDisputes)}</a></p>
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
            <h2 class="section__title" id="order-dispute-title">{tr(Key::DisputesCardDispute)}</h2>
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
