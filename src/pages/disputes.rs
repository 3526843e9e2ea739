//! /disputes: the company's dispute history, newest first as the API returns it (filters only
//! hide cards, they never reorder). A summary strip counts each status and doubles as the
//! status filter; a resolution filter and an order-id search complete it. All of it lives in the
//! URL (`lumo_api::listing::DisputesView`). While disputes are open the list refreshes itself
//! every 20 s (paused when the tab is hidden), with an "Updated hh:mm:ss" cue and a Refresh button.
//!
//! Also: "Export CSV" of the listed disputes ([`export`]), the badges "Updated" and "New" for
//! what changed since the last visit ([`seen`]), and a link to the insights page.

use std::time::Duration;

use chrono::{Local, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lumo_api::listing::DisputesView;
use lumo_api::models::{Dispute, DisputeResolution, DisputeStatus};
use lumo_api::rules::orders::DisputeCounts;
use lumo_api::time::time_text;

use crate::components::loading::Spinner;
use crate::components::url_list::{list_url, use_url_view};
use crate::components::IgnoredQueryNotice;
use crate::components::{DisputeCard, ErrorPanel, Loading, PageHeader};
use crate::disputes_store::{use_disputes_store, AUTO_REFRESH_SECONDS};
use crate::i18n::{locale, t, tf, tn, tr, Key};
use crate::labels::{
    around, dispute_status as dispute_status_label, marked, resolution as resolution_label,
};

mod export;
mod seen;

use export::DisputesExport;
use seen::{follow_seen, SeenState};

/// Cards rendered at first; "Show more" adds as many again.
const CHUNK: usize = 50;

fn disputes_url(view: &DisputesView) -> String {
    list_url("/disputes", &view.to_query())
}

#[component]
pub fn DisputesPage() -> impl IntoView {
    let state = use_url_view(DisputesView::from_query);
    let navigate = use_navigate();
    let go = Callback::new(move |(next, replace): (DisputesView, bool)| {
        navigate(
            &disputes_url(&next),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        )
    });

    let store = use_disputes_store();
    let seen = follow_seen();
    let already_loaded = store.latest_untracked().is_some();
    store.ensure();
    if already_loaded && store.is_stale() {
        // Shown from the shared copy at once, refreshed underneath; a copy younger than the
        // client cache's 30 s is shown as it is (the auto refresh and the Refresh button remain).
        store.refetch();
    }
    let counts =
        Memo::new(move |_| store.with_latest(|list| list.map(|l| DisputeCounts::count(l))));
    let has_open = Signal::derive(move || counts.get().is_some_and(|c| c.open() > 0));
    let hidden = store.auto_refresh(has_open);

    // "open 3 days" stays right on a page left open.
    let now = RwSignal::new(Utc::now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(Utc::now()), Duration::from_secs(30))
    {
        on_cleanup(move || handle.clear());
    }
    Effect::new(move |_| {
        if store.updated_at().is_some() {
            now.set(Utc::now());
        }
    });

    // Never disabled (a focused button that disables itself drops keyboard focus): a click
    // while a load is in flight starts a fresh one, so what shows is never older than the click.
    let refresh = move |_| store.refetch();
    let updated = move || {
        store.updated_at().map(|at| {
            tf(
                Key::DisputesUpdatedAt,
                &[("time", &time_text(at.with_timezone(&Local).time()))],
            )
        })
    };
    let auto_note = move || {
        if !has_open.get() {
            t(Key::DisputesAutoOff).to_string()
        } else if hidden.get() {
            t(Key::DisputesAutoPaused).to_string()
        } else {
            tf(
                Key::DisputesAutoEvery,
                &[("seconds", &AUTO_REFRESH_SECONDS.to_string())],
            )
        }
    };

    view! {
        <div class="disputes-page">
            <PageHeader title=tr(Key::NavDisputes) subtitle=tr(Key::DisputesSubtitle)>
                <div class="refresh-status">
                    <span class="refresh-status__time" data-testid="disputes-updated" aria-live="polite">{updated}</span>
                    <span class="refresh-status__note muted">{auto_note}</span>
                </div>
                <button
                    type="button"
                    class="btn btn-secondary"
                    on:click=refresh
                    aria-busy=move || store.loading().to_string()
                >
                    {move || store.loading().then(|| view! { <Spinner/> })}
                    {tr(Key::DisputesRefresh)}
                </button>
                <DisputesExport state/>
                <a class="btn btn-ghost" href="/disputes/insights">{tr(Key::NavInsights)}</a>
            </PageHeader>
            <div class="api-view" aria-busy=move || store.loading().to_string()>
                <div
                    class="refresh-bar"
                    class:refresh-bar--active=move || store.loading() && store.with_latest(|l| l.is_some())
                    aria-hidden="true"
                ></div>
                {move || {
                    let loaded = store.with_latest(|l| l.is_some());
                    match (loaded, store.error()) {
                        (false, Some(error)) => {
                            let retry = Callback::new(move |()| store.refetch());
                            let title = t(Key::DisputesLoadFailed).to_string();
                            view! { <ErrorPanel error retry title/> }.into_any()
                        }
                        (false, None) => {
                            let label = t(Key::DisputesLoading).to_string();
                            view! { <Loading label/> }.into_any()
                        }
                        (true, _) => view! { <DisputesBody state go now=now.into() seen/> }.into_any(),
                    }
                }}
            </div>
        </div>
    }
}

#[component]
fn DisputesBody(
    state: Memo<DisputesView>,
    go: Callback<(DisputesView, bool)>,
    now: Signal<chrono::DateTime<Utc>>,
    seen: SeenState,
) -> impl IntoView {
    let store = use_disputes_store();
    let counts = Memo::new(move |_| {
        store.with_latest(|list| list.map(|l| DisputeCounts::count(l)).unwrap_or_default())
    });
    let stale_error = move || {
        store.error().map(|error| {
            let at = store
                .updated_at()
                .map(|at| time_text(at.with_timezone(&Local).time()))
                .unwrap_or_default();
            let error = error.to_string();
            let text = tf(Key::DisputesStale, &[("error", &error), ("time", &at)]);
            view! {
                <p class="alert alert-warning" role="status">
                    {marked(text, Some(&error))}
                </p>
            }
        })
    };
    let ignored = Signal::derive(move || state.with(|s| s.ignored.clone()));

    view! {
        {stale_error}
        <IgnoredQueryNotice ignored/>
        <SummaryStrip state go counts/>
        <DisputeFilters state go/>
        <DisputeList state go now seen/>
    }
}

#[component]
fn SummaryStrip(
    state: Memo<DisputesView>,
    go: Callback<(DisputesView, bool)>,
    counts: Memo<DisputeCounts>,
) -> impl IntoView {
    let chip = move |status: Option<DisputeStatus>| {
        let this = status.clone();
        let pressed = move || state.with(|s| s.status == this);
        let count_status = status.clone();
        let count = move || {
            let c = counts.get();
            match &count_status {
                None => c.total(),
                Some(DisputeStatus::Submitted) => c.submitted,
                Some(DisputeStatus::InReview) => c.in_review,
                Some(DisputeStatus::Resolved) => c.resolved,
                Some(DisputeStatus::Rejected) => c.rejected,
                Some(DisputeStatus::Unknown(_)) => c.unknown,
            }
        };
        let label_status = status.clone();
        let label = move || match &label_status {
            None => t(Key::DisputesAll).to_string(),
            Some(s) => dispute_status_label(s),
        };
        let tone = match &status {
            None => "all",
            Some(DisputeStatus::Submitted) => "submitted",
            Some(DisputeStatus::InReview) => "in-review",
            Some(DisputeStatus::Resolved) => "resolved",
            Some(DisputeStatus::Rejected) => "rejected",
            Some(DisputeStatus::Unknown(_)) => "unknown",
        };
        let click_status = status.clone();
        let on_click = move |_| {
            let mut next = state.get_untracked();
            // Pressing the active status again shows all.
            next.status = if next.status == click_status {
                None
            } else {
                click_status.clone()
            };
            next.ignored.clear();
            go.run((next, false));
        };
        let wire = status
            .as_ref()
            .map(|s| s.as_wire().to_string())
            .unwrap_or_else(|| "all".into());
        view! {
            <button
                type="button"
                class=format!("summary-chip summary-chip--{tone}")
                aria-pressed=move || pressed().to_string()
                data-status=wire
                on:click=on_click
            >
                <span class="summary-chip__count">{count}</span>
                <span class="summary-chip__label">{label}</span>
            </button>
        }
    };
    let unknown = move || {
        let n = counts.get().unknown;
        (n > 0).then(|| view! {
            <span class="summary-strip__unknown muted">{tn(Key::DisputesUnknownCount, n as u64, &[])}</span>
        })
    };
    view! {
        <div class="summary-strip" role="group" aria-label=tr(Key::DisputesByStatus)>
            {chip(None)}
            {chip(Some(DisputeStatus::Submitted))}
            {chip(Some(DisputeStatus::InReview))}
            {chip(Some(DisputeStatus::Resolved))}
            {chip(Some(DisputeStatus::Rejected))}
            {unknown}
        </div>
    }
}

#[component]
fn DisputeFilters(state: Memo<DisputesView>, go: Callback<(DisputesView, bool)>) -> impl IntoView {
    let search = RwSignal::new(String::new());
    Effect::new(move |_| {
        let from_url = state.with(|s| s.order.clone().unwrap_or_default());
        if search.get_untracked().trim() != from_url {
            search.set(from_url);
        }
    });
    let on_resolution = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        let mut next = state.get_untracked();
        next.resolution = (!raw.is_empty()).then(|| DisputeResolution::from_wire(&raw));
        next.ignored.clear();
        go.run((next, false));
    };
    // Typing filters at once; the URL follows without piling up history entries.
    let on_search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        search.set(text.clone());
        let mut next = state.get_untracked();
        let trimmed = text.trim();
        next.order = (!trimmed.is_empty()).then(|| trimmed.to_string());
        next.ignored.clear();
        go.run((next, true));
    };
    let filtered =
        move || state.with(|s| s.status.is_some() || s.resolution.is_some() || s.order.is_some());
    let clear = move |_| {
        search.set(String::new());
        go.run((DisputesView::default(), false));
    };
    view! {
        <form class="toolbar dispute-filters" role="search" aria-label=tr(Key::DisputesFilter) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label class="field__label" for="disputes-resolution">{tr(Key::DisputesResolution)}</label>
                <select
                    id="disputes-resolution"
                    class="input"
                    on:change=on_resolution
                    prop:value=move || state.with(|s| s.resolution.as_ref().map(|r| r.as_wire().to_string()).unwrap_or_default())
                >
                    <option value="" selected=move || state.with(|s| s.resolution.is_none())>{tr(Key::DisputesAnyResolution)}</option>
                    {DisputeResolution::KNOWN
                        .iter()
                        .map(|resolution| {
                            let this = resolution.clone();
                            let label = resolution.clone();
                            view! {
                                <option
                                    value=resolution.as_wire().to_string()
                                    selected=move || state.with(|s| s.resolution.as_ref() == Some(&this))
                                >
                                    {move || resolution_label(&label)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field dispute-filters__search">
                <label class="field__label" for="disputes-order">{tr(Key::DisputesOrderId)}</label>
                <input
                    id="disputes-order"
                    class="input input--code"
                    type="search"
                    placeholder=tr(Key::DisputesOrderIdPlaceholder)
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=on_search
                />
            </div>
            <Show when=filtered>
                <button type="button" class="btn btn-ghost" on:click=clear>{tr(Key::DisputesClearFilters)}</button>
            </Show>
        </form>
    }
}

#[component]
fn DisputeList(
    state: Memo<DisputesView>,
    go: Callback<(DisputesView, bool)>,
    now: Signal<chrono::DateTime<Utc>>,
    seen: SeenState,
) -> impl IntoView {
    let store = use_disputes_store();
    let shown = RwSignal::new(CHUNK);
    // A new filter starts from the top of the list again.
    Effect::new(move |_| {
        state.track();
        shown.set(CHUNK);
    });
    let visible = Memo::new(move |_| {
        let view = state.get();
        store.with_latest(|list| {
            let list: &[Dispute] = list.map(Vec::as_slice).unwrap_or(&[]);
            let matching: Vec<Dispute> = view.apply(list).into_iter().cloned().collect();
            (matching, list.len())
        })
    });

    let sizes = Memo::new(move |_| visible.with(|(matching, total)| (matching.len(), *total)));
    let mode = Memo::new(move |_| match sizes.get() {
        (_, 0) => 0u8,
        (0, _) => 1,
        _ => 2,
    });
    let summary = move || {
        let (count, total) = sizes.get();
        if count == total {
            tn(Key::DisputesSummaryAll, total as u64, &[])
        } else {
            let count = locale().count_text(count as u64);
            tn(Key::DisputesSummarySome, total as u64, &[("count", &count)])
        }
    };
    let more = move || sizes.get().0.saturating_sub(shown.get());
    let seen_summary = move || {
        let n = seen.count();
        (n > 0).then(|| {
            let text = tn(Key::DisputesSeenSummary, n as u64, &[]);
            view! { <p class="seen-summary" data-testid="seen-summary">{text}</p> }
        })
    };

    let (empty_before, empty_after) = around(Key::DisputesEmptyBody, "orders");
    move || {
        match mode.get() {
        0 => view! {
            <div class="card empty-state" data-testid="disputes-empty">
                <p class="empty-state__title">{tr(Key::DisputesEmptyTitle)}</p>
                <p class="muted">
                    {empty_before}<a href="/orders">{tr(Key::NavOrders)}</a>{empty_after}
                </p>
            </div>
        }
        .into_any(),
        1 => {
            let clear = move |_| go.run((DisputesView::default(), false));
            view! {
                <div class="card empty-state" data-testid="disputes-empty">
                    <p class="empty-state__title">{tr(Key::DisputesNoMatch)}</p>
                    <button type="button" class="btn btn-secondary" on:click=clear>{tr(Key::DisputesClearFilters)}</button>
                </div>
            }
            .into_any()
        }
        _ => view! {
            <p class="list-summary muted" aria-live="polite" data-testid="disputes-summary">{summary}</p>
            {seen_summary}
            <div class="dispute-list">
                <For
                    each=move || {
                        let limit = shown.get();
                        visible.with(|(matching, _)| matching.iter().take(limit).cloned().collect::<Vec<_>>())
                    }
                    key=|d| (d.id.clone(), d.updated_at, d.status.clone())
                    let:dispute
                >
                    {
                        let badge = seen.badge(dispute.id.clone());
                        view! { <DisputeCard dispute now order_link=true seen=badge/> }
                    }
                </For>
            </div>
            <Show when=move || { more() > 0 }>
                <button type="button" class="btn btn-secondary btn-block show-more" on:click=move |_| shown.update(|n| *n += CHUNK)>
                    {move || tn(Key::DisputesShowMore, more().min(CHUNK) as u64, &[])}
                </button>
            </Show>
        }
        .into_any(),
    }
    }
}
