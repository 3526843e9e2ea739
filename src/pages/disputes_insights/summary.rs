//! The summary figures and the outcome table.

use leptos::prelude::*;
use lumo_api::insights::{
    dispute_rate, format_count, format_duration, format_tenths, Insights, Outcome,
};
use lumo_api::rules::money::format_total;
use lumo_api::ApiError;

use super::orders::{Orders, ScanState};

const DASH: &str = "—";

fn disputes(n: usize) -> String {
    match n {
        1 => "1 dispute".to_string(),
        n => format!("{} disputes", format_count(n)),
    }
}

fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Refund => "Refund",
        Outcome::PartialRefund => "Partial refund",
        Outcome::Confirmed => "Order confirmed",
        Outcome::Rejected => "Rejected",
        Outcome::Open => "Open",
        Outcome::Other => "Other",
    }
}

fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Refund => "refund",
        Outcome::PartialRefund => "partial-refund",
        Outcome::Confirmed => "confirmed",
        Outcome::Rejected => "rejected",
        Outcome::Open => "open",
        Outcome::Other => "other",
    }
}

/// One figure: a label, the value, and a line saying what it is made of.
#[component]
fn Stat(
    label: &'static str,
    testid: &'static str,
    #[prop(into)] value: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="card stat insights-stat" data-testid=testid>
            <dt class="stat__label">{label}</dt>
            <dd class="stat__value" data-testid="stat-value">{value}</dd>
            <dd class="stat__hint">{children()}</dd>
        </div>
    }
}

#[component]
pub(super) fn Summary(insights: Memo<Insights>, orders: Orders) -> impl IntoView {
    let opened = Signal::derive(move || format_count(insights.with(|i| i.opened)));
    let open_now = Signal::derive(move || format_count(insights.with(|i| i.open_now)));
    let median = Signal::derive(move || {
        insights.with(|i| {
            i.median_resolution_seconds
                .map(format_duration)
                .unwrap_or_else(|| DASH.to_string())
        })
    });
    let median_hint = move || {
        insights.with(|i| match i.resolved_count {
            0 => "No dispute of this period has been decided yet.".to_string(),
            n => format!(
                "From opening to decision, over {} decided (resolved or rejected).",
                disputes(n)
            ),
        })
    };

    let scan = Memo::new(move |_| orders.scan_state().map(RateView::from));
    let rate = Signal::derive(move || {
        let opened = insights.with(|i| i.opened);
        match scan.get() {
            Some(RateView::Done(Some(completed), _)) => dispute_rate(opened, completed)
                .map(format_tenths)
                .unwrap_or_else(|| DASH.to_string()),
            _ => DASH.to_string(),
        }
    });
    let rate_hint = move || {
        let opened = insights.with(|i| i.opened);
        match scan.get() {
            None | Some(RateView::Counting(_)) => {
                let so_far = match scan.get() {
                    Some(RateView::Counting(n)) => n,
                    _ => 0,
                };
                view! {
                    <span class="insights-progress" data-testid="rate-progress">
                        {format!("Counting orders… {} so far", format_count(so_far))}
                    </span>
                }
                .into_any()
            }
            Some(RateView::Done(Some(0), _)) => {
                "No completed order in this period, so there is no rate.".into_any()
            }
            Some(RateView::Done(Some(completed), created)) => view! {
                <span data-testid="rate-basis">
                    {format!(
                        "{} opened / {} completed orders (success, failed or disputed; {} created in the period).",
                        format_count(opened),
                        format_count(completed),
                        format_count(created),
                    )}
                </span>
            }
            .into_any(),
            Some(RateView::Done(None, _)) => view! {
                <span class="insights-problem" data-testid="rate-unavailable">
                    "Can't be computed: the API returned the same page of orders twice (it seems to \
                     ignore the page offset), so the orders of the period can't be counted."
                </span>
            }
            .into_any(),
            Some(RateView::Failed(error)) => {
                let retry = move |_| orders.retry_scan();
                view! {
                    <span class="insights-problem" data-testid="rate-unavailable">
                        {format!("Can't be computed: the orders could not be read. {error}")}
                    </span>
                    " "
                    <button type="button" class="btn btn-secondary btn-sm" on:click=retry>"Retry"</button>
                }
                .into_any()
            }
        }
    };

    let amounts_known = Memo::new(move |_| orders.refund_amounts().is_some());
    let refunded = Signal::derive(move || {
        if amounts_known.get() {
            insights.with(|i| format_total(i.refunded, "USDT"))
        } else {
            DASH.to_string()
        }
    });
    let refunded_hint = move || {
        if let Some(RateView::Failed(error)) = scan.get() {
            return view! {
                <span class="insights-problem">
                    {format!("Can't be summed: the orders could not be read. {error}")}
                </span>
            }
            .into_any();
        }
        if let Some(error) = orders.lookup_error() {
            let retry = move |_| orders.retry_lookups();
            return view! {
                <span class="insights-problem">
                    {format!("Can't be summed: an order's amount could not be read. {error}")}
                </span>
                " "
                <button type="button" class="btn btn-secondary btn-sm" on:click=retry>"Retry"</button>
            }
            .into_any();
        }
        if !amounts_known.get() {
            return view! { <span class="insights-progress">"Reading the refunded orders' amounts…"</span> }
                .into_any();
        }
        insights.with(|i| {
            let count = row_count(i, Outcome::Refund) + row_count(i, Outcome::PartialRefund);
            let mut lines = vec![format!(
                "{} refunded: full refunds at the order's amount, partial ones at the amount refunded.",
                disputes(count)
            )];
            if i.refunds_without_amount > 0 {
                lines.push(format!(
                    "{} left out: amount unknown (order not found, or no refund amount given).",
                    disputes(i.refunds_without_amount)
                ));
            }
            if i.refunds_above_order > 0 {
                lines.push(format!(
                    "{} refunded more than the order's amount (counted as the API gives them).",
                    disputes(i.refunds_above_order)
                ));
            }
            lines.join(" ").into_any()
        })
    };

    view! {
        <section aria-labelledby="insights-summary-heading">
            <h2 id="insights-summary-heading" class="visually-hidden">"Summary"</h2>
            <dl class="card-grid insights-stats">
                <Stat label="Disputes opened" testid="stat-opened" value=opened>
                    "Opened in the period."
                </Stat>
                <Stat label="Open now" testid="stat-open" value=open_now>
                    "Of those, still submitted or in review."
                </Stat>
                <Stat label="Dispute rate" testid="stat-rate" value=rate>
                    <span aria-live="polite">{rate_hint}</span>
                </Stat>
                <Stat label="Median time to resolution" testid="stat-median" value=median>
                    {median_hint}
                </Stat>
                <Stat label="Refunded" testid="stat-refunded" value=refunded>
                    <span aria-live="polite">{refunded_hint}</span>
                </Stat>
            </dl>
        </section>
    }
}

fn row_count(insights: &Insights, outcome: Outcome) -> usize {
    insights
        .outcomes
        .iter()
        .find(|r| r.outcome == outcome)
        .map_or(0, |r| r.count)
}

/// The scan's state as the rate shows it (comparable, so the memo notifies only on change).
#[derive(Clone, PartialEq)]
enum RateView {
    Counting(usize),
    /// Completed orders (`None` when the API repeated a page), and all orders of the period.
    Done(Option<usize>, usize),
    Failed(ApiError),
}

impl From<ScanState> for RateView {
    fn from(state: ScanState) -> RateView {
        match state {
            ScanState::Counting(n) => RateView::Counting(n),
            ScanState::Done(scanned) => RateView::Done(scanned.completed, scanned.scanned),
            ScanState::Failed(error) => RateView::Failed(error),
        }
    }
}

#[component]
pub(super) fn OutcomeTable(insights: Memo<Insights>) -> impl IntoView {
    move || {
        insights.with(|i| {
            let rows = i
                .outcomes
                .iter()
                .map(|row| {
                    let share = row
                        .share_tenths
                        .map(format_tenths)
                        .unwrap_or_else(|| DASH.to_string());
                    let other =
                        (row.outcome == Outcome::Other && !i.other_values.is_empty()).then(|| {
                            view! {
                                <span class="insights-other muted" data-testid="other-values">
                                    {i.other_values.join(", ")}
                                </span>
                            }
                        });
                    view! {
                        <tr data-outcome=outcome_id(row.outcome)>
                            <th scope="row">{outcome_label(row.outcome)} {other}</th>
                            <td class="num">{format_count(row.count)}</td>
                            <td class="num">{share}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="table insights-outcomes" data-testid="outcome-table">
                    <caption>"Outcomes of the disputes opened in the period"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Outcome"</th>
                            <th scope="col" class="num">"Disputes"</th>
                            <th scope="col" class="num">"Share"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    }
}
