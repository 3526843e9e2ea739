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

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lumo_api::insights::{clock_from, compute, Insights, Period, PERIODS};
use lumo_api::time::{date_time_text, rfc3339_utc};

use crate::components::url_list::{list_url, use_url_view};
use crate::components::{ErrorPanel, IgnoredQueryNotice, Loading, PageHeader};
use crate::disputes_store::use_disputes_store;

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

fn utc_text(at: DateTime<Utc>) -> String {
    format!("{} UTC", date_time_text(at.naive_utc(), false))
}

#[component]
pub fn DisputesInsightsPage() -> impl IntoView {
    let url = use_url_view(read_period);
    let period = Memo::new(move |_| url.with(|(period, _)| *period));
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
    // The browser's part of the clock is taken once: a refresh that brings the same list keeps
    // the figures (and the orders count) as they are.
    let opened_at = Utc::now();
    let now = Memo::new(move |_| store.with_latest(|list| list.map(|l| clock_from(l, opened_at))));
    let key = Memo::new(move |_| now.get().map(|now| (period.get(), now)));
    let orders = Orders::load(key, store);
    let refund_amounts = Memo::new(move |_| orders.refund_amounts());
    let insights = Memo::new(move |_| {
        let (period, now) = key.get()?;
        let amounts = refund_amounts.get().unwrap_or_default();
        store.with_latest(|list| list.map(|list| compute(list, &amounts, period, now)))
    });
    let refunds_known = Signal::derive(move || refund_amounts.with(Option::is_some));
    // Everything is in: the bench and the tests wait for this.
    let complete = move || {
        let rate_final = !matches!(orders.scan_state(), None | Some(ScanState::Counting(_)));
        let refunds_final = refunds_known.get()
            || orders.lookup_error().is_some()
            || matches!(orders.scan_state(), Some(ScanState::Failed(_)));
        (insights.with(Option::is_some) && rate_final && refunds_final).to_string()
    };

    let options = PERIODS
        .iter()
        .map(|&days| {
            let selected = move || period.with(|p| p.days() == days);
            view! { <option value=days.to_string() selected=selected>{format!("Last {days} days")}</option> }
        })
        .collect_view();
    let range = move || {
        key.get().map(|(period, now)| {
            view! {
                <p class="insights-range muted" data-testid="insights-range">
                    {format!("Disputes opened from {} to ", utc_text(period.start(now)))}
                    <time datetime=rfc3339_utc(&now, true) data-testid="insights-now">{utc_text(now)}</time>
                    "."
                </p>
            }
        })
    };

    let body = move || {
        let loaded = store.with_latest(|list| list.is_some());
        match (loaded, store.error()) {
            (false, Some(error)) => {
                let retry = Callback::new(move |()| store.refetch());
                view! { <ErrorPanel error retry title="Disputes could not be loaded"/> }.into_any()
            }
            (false, None) => view! { <Loading label="Loading disputes…"/> }.into_any(),
            (true, error) => {
                let stale = error.map(|error| {
                    view! {
                        <p class="alert alert-warning" role="status">
                            {format!("The disputes could not be refreshed. {error} Showing the last list loaded.")}
                        </p>
                    }
                });
                view! { {stale} <Figures insights orders refunds_known/> }.into_any()
            }
        }
    };

    view! {
        <div
            class="insights-page"
            data-testid="insights-page"
            data-period=move || period.with(|p| p.days().to_string())
            data-complete=complete
        >
            <PageHeader
                title="Dispute insights"
                subtitle="Your disputes at a glance: how many, how they ended, how long they took and what was refunded."
            >
                <a href="/disputes" class="btn btn-secondary">"All disputes"</a>
            </PageHeader>
            <div class="toolbar insights-toolbar">
                <div class="field">
                    <label class="field__label" for="insights-period">"Period"</label>
                    <select
                        id="insights-period"
                        class="input"
                        on:change=on_period
                        prop:value=move || period.with(|p| p.days().to_string())
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

/// Everything below the toolbar, once the disputes are there.
#[component]
fn Figures(
    insights: Memo<Option<Insights>>,
    orders: Orders,
    refunds_known: Signal<bool>,
) -> impl IntoView {
    let loaded = Memo::new(move |_| insights.with(Option::is_some));
    move || {
        loaded.get().then(|| {
            let current = Memo::new(move |previous: Option<&Insights>| {
                insights
                    .get()
                    .or_else(|| previous.cloned())
                    .unwrap_or_else(empty_insights)
            });
            view! {
                <Summary insights=current orders/>
                <section class="card card--flush insights-outcomes-card">
                    <OutcomeTable insights=current/>
                </section>
                <Charts insights=current refunds_known/>
            }
        })
    }
}

/// Never shown: `Figures` renders only with insights; a memo needs a value to start from.
fn empty_insights() -> Insights {
    compute(
        &[],
        &Default::default(),
        Period::default(),
        DateTime::<Utc>::MIN_UTC,
    )
}
