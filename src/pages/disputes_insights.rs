//! /disputes/insights: the company's disputes at a glance over the last 30, 90 (default) or 365
//! days (`?days=`, the URL being the only state): how many were opened and are still open, the
//! dispute rate against the period's completed orders, the median time to a decision, the USDT
//! refunded, the outcomes, and three charts (opened and refunded per week, time to resolution).
//!
//! The disputes come from the shared store (`GET /disputes`) and every dispute figure shows as
//! soon as they are there; the rate and the refunds then fill in from the orders (`orders.rs`).
//! All figures are `lumo_api::insights`, read against one clock: the newest date the API has
//! shown or the browser's time when the page opened, whichever is later.

mod charts;
mod orders;
mod summary;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lumo_api::insights::{clock_from, compute, Insights, Period, PERIODS};
use lumo_api::time::rfc3339_utc;

use crate::components::url_list::{list_url, use_url_view};
use crate::components::{ErrorPanel, IgnoredQueryNotice, Loading, PageHeader};
use crate::disputes_store::use_disputes_store;
use crate::i18n::{locale, t, tf, tn, tr, Key};
use crate::labels::{around, marked};

use charts::Charts;
use orders::{Orders, ScanState};
use summary::{OutcomeTable, Summary};

const PATH: &str = "/disputes/insights";

/// The period of the URL, and what of it was not understood.
fn read_period(pairs: &[(String, String)]) -> (Period, Vec<String>) {
    let raw = pairs
        .iter()
        .find(|(key, _)| key == "days")
        .map(|(_, value)| value.as_str());
    let (period, ignored) = Period::from_query(raw);
    let ignored = match (ignored, raw) {
        (true, Some(raw)) => vec![format!("days={raw}")],
        _ => Vec::new(),
    };
    (period, ignored)
}

fn insights_url(period: Period) -> String {
    if period == Period::default() {
        PATH.to_string()
    } else {
        list_url(PATH, &[("days", period.days().to_string())])
    }
}

/// "2026-11-24 10:05 UTC" or "24.11.2026, 10:05 UTC" (call it in a reactive scope).
fn utc_text(at: DateTime<Utc>) -> String {
    let time = locale().date_time_text(at.naive_utc(), false);
    tf(Key::InsightsUtc, &[("time", &time)])
}

/// What the page shows: the insights, and whether their refunds are complete (every full
/// refund's order amount known; until then "Refunded" waits).
#[derive(Clone, PartialEq)]
struct Figures {
    insights: Insights,
    refunds_known: bool,
}

#[component]
pub fn DisputesInsightsPage() -> impl IntoView {
    let url = use_url_view(read_period);
    let period = move || url.with(|(period, _)| *period);
    let ignored = Signal::derive(move || url.with(|(_, ignored)| ignored.clone()));
    let navigate = use_navigate();
    let on_period = move |ev| {
        let chosen = event_target_value(&ev)
            .parse()
            .ok()
            .and_then(Period::new)
            .unwrap_or_default();
        navigate(
            &insights_url(chosen),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };

    let store = use_disputes_store();
    let already_loaded = store.latest_untracked().is_some();
    store.ensure();
    if already_loaded && store.is_stale() {
        store.refetch();
    }
    // The clock: the newest date the API has shown, or the browser's time when the page opened
    // (taken once, so a refresh that brings the same list keeps the figures and the count).
    let opened_at = Utc::now();
    let key = Memo::new(move |_| {
        store.with_latest(|list| list.map(|list| (period(), clock_from(list, opened_at))))
    });
    let orders = Orders::load(key, store);
    let figures = Memo::new(move |_| {
        let (period, now) = key.get()?;
        let amounts = orders.refund_amounts();
        let refunds_known = amounts.is_some();
        let amounts = amounts.unwrap_or_default();
        store.with_latest(|list| {
            list.map(|list| {
                Arc::new(Figures {
                    insights: compute(list, &amounts, period, now),
                    refunds_known,
                })
            })
        })
    });
    // Everything is in: the bench and the tests wait for this.
    let complete = move || {
        let final_state = match orders.scan_state() {
            None | Some(ScanState::Counting(_)) => false,
            Some(ScanState::Failed(_)) => true,
            Some(ScanState::Done(_)) => {
                orders.error().is_some()
                    || figures.with(|f| f.as_ref().is_some_and(|f| f.refunds_known))
            }
        };
        final_state.to_string()
    };

    let options = PERIODS
        .iter()
        .map(|&days| {
            let selected = move || period().days() == days;
            let text = move || tn(Key::InsightsLastDays, u64::from(days), &[]);
            view! { <option value=days.to_string() selected=selected>{text}</option> }
        })
        .collect_view();
    let (range_before, range_after) = around(Key::InsightsRange, "to");
    let range = move || {
        key.get().map(|(period, now)| {
            view! {
                <p class="insights-range muted" data-testid="insights-range">
                    {move || lumo_api::catalog::fill(range_before(), &[("from", &utc_text(period.start(now)))])}
                    <time datetime=rfc3339_utc(&now, true) data-testid="insights-now">{move || utc_text(now)}</time>
                    {range_after}
                </p>
            }
        })
    };

    let loaded = Memo::new(move |_| store.with_latest(|list| list.is_some()));
    let body = move || match (loaded.get(), store.error()) {
        (false, Some(error)) => {
            let retry = Callback::new(move |()| store.refetch());
            let title = t(Key::DisputesLoadFailed).to_string();
            view! { <ErrorPanel error retry title/> }.into_any()
        }
        (false, None) => {
            let label = t(Key::DisputesLoading).to_string();
            view! { <Loading label/> }.into_any()
        }
        (true, error) => {
            let stale = error.map(|error| {
                let error = error.to_string();
                let text =
                    move || marked(tf(Key::InsightsStale, &[("error", &error)]), Some(&error));
                view! {
                    <p class="alert alert-warning" role="status">
                        {text}
                    </p>
                }
            });
            let shown = Signal::derive(move || figures.get().unwrap_or_else(no_figures));
            view! {
                {stale}
                <Summary figures=shown orders/>
                <section class="card card--flush insights-outcomes-card">
                    <OutcomeTable figures=shown/>
                </section>
                <Charts figures=shown/>
            }
            .into_any()
        }
    };

    view! {
        <div
            class="insights-page"
            data-testid="insights-page"
            data-period=move || period().days().to_string()
            data-complete=complete
        >
            <PageHeader
                title=tr(Key::InsightsTitle)
                subtitle=tr(Key::InsightsSubtitle)
            >
                <a href="/disputes" class="btn btn-secondary">{tr(Key::InsightsAllDisputes)}</a>
            </PageHeader>
            <div class="toolbar insights-toolbar">
                <div class="field">
                    <label class="field__label" for="insights-period">{tr(Key::InsightsPeriod)}</label>
                    <select
                        id="insights-period"
                        class="input"
                        on:change=on_period
                        prop:value=move || period().days().to_string()
                    >
                        {options}
                    </select>
                </div>
                {range}
            </div>
            <IgnoredQueryNotice ignored/>
            <div class="api-view" aria-busy=move || store.loading().to_string()>
                {body}
            </div>
        </div>
    }
}

/// Only before the first list (never shown: the figures render once it is there).
fn no_figures() -> Arc<Figures> {
    Arc::new(Figures {
        insights: compute(
            &[],
            &Default::default(),
            Period::default(),
            DateTime::<Utc>::MIN_UTC,
        ),
        refunds_known: false,
    })
}
