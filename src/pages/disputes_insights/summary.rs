//! The summary figures and the outcome table.

use std::sync::Arc;

use leptos::prelude::*;
use lumo_api::insights::{
    dispute_rate, format_count, format_duration, format_tenths, Insights, Outcome,
};
use lumo_api::rules::money::format_total;

use super::orders::{Orders, ScanState};
use super::Figures;
use crate::labels;

const DASH: &str = "—";

fn disputes(n: usize) -> String {
    match n {
        1 => "1 dispute".to_string(),
        n => format!("{} disputes", format_count(n)),
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
pub(super) fn Summary(figures: Signal<Arc<Figures>>, orders: Orders) -> impl IntoView {
    let insights = move |f: &Arc<Figures>| -> usize { f.insights.opened };
    let opened = Signal::derive(move || format_count(figures.with(insights)));
    let open_now = Signal::derive(move || format_count(figures.with(|f| f.insights.open_now)));
    let median = Signal::derive(move || {
        figures.with(|f| {
            f.insights
                .median_resolution_seconds
                .map(format_duration)
                .unwrap_or_else(|| DASH.to_string())
        })
    });
    let median_hint = move || {
        figures.with(|f| match f.insights.resolved_count {
            0 => "No dispute of this period has been decided yet.".to_string(),
            n => format!(
                "From opening to decision, over {} decided (resolved or rejected).",
                disputes(n)
            ),
        })
    };

    let rate = Signal::derive(move || match orders.scan_state() {
        Some(ScanState::Done(scanned)) => scanned
            .completed
            .and_then(|completed| dispute_rate(figures.with(insights), completed))
            .map(format_tenths)
            .unwrap_or_else(|| DASH.to_string()),
        _ => DASH.to_string(),
    });
    let rate_hint = move || {
        match orders.scan_state() {
        None | Some(ScanState::Counting(_)) => {
            let so_far = match orders.scan_state() {
                Some(ScanState::Counting(n)) => n,
                _ => 0,
            };
            view! {
                <span class="insights-progress" data-testid="rate-progress">
                    {format!("Counting orders… {} so far", format_count(so_far))}
                </span>
            }
            .into_any()
        }
        Some(ScanState::Done(scanned)) => match scanned.completed {
            Some(0) => "No completed order in this period, so there is no rate.".into_any(),
            Some(completed) => view! {
                <span data-testid="rate-basis">
                    {format!(
                        "{} opened / {} completed orders (success, failed or disputed; {} created in the period).",
                        format_count(figures.with(insights)),
                        format_count(completed),
                        format_count(scanned.scanned),
                    )}
                </span>
            }
            .into_any(),
            None => view! {
                <span class="insights-problem" data-testid="rate-unavailable">
                    "Can't be computed: the API returned the same page of orders twice (it seems to \
                     ignore the page offset), so the orders of the period can't be counted."
                </span>
            }
            .into_any(),
        },
        Some(ScanState::Failed(error)) => view! {
            <span class="insights-problem" data-testid="rate-unavailable">
                {format!("Can't be computed: the orders could not be read. {error}")}
            </span>
            " "
            <RetryButton orders/>
        }
        .into_any(),
    }
    };

    let refunded = Signal::derive(move || {
        figures.with(|f| {
            if f.refunds_known {
                format_total(f.insights.refunded, "USDT")
            } else {
                DASH.to_string()
            }
        })
    });
    let refunded_hint = move || {
        let problem = match orders.scan_state() {
            Some(ScanState::Failed(error)) => Some(format!(
                "Can't be summed: the orders could not be read. {error}"
            )),
            Some(ScanState::Done(_)) => orders.error().map(|error| {
                format!("Can't be summed: an order's amount could not be read. {error}")
            }),
            _ => None,
        };
        if let Some(problem) = problem {
            return view! {
                <span class="insights-problem">{problem}</span>
                " "
                <RetryButton orders/>
            }
            .into_any();
        }
        figures.with(|f| {
            if !f.refunds_known {
                return view! {
                    <span class="insights-progress">"Reading the refunded orders' amounts…"</span>
                }
                .into_any();
            }
            let i = &f.insights;
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

#[component]
fn RetryButton(orders: Orders) -> impl IntoView {
    view! {
        <button type="button" class="btn btn-secondary btn-sm" on:click=move |_| orders.retry()>
            "Retry"
        </button>
    }
}

fn row_count(insights: &Insights, outcome: Outcome) -> usize {
    insights
        .outcomes
        .iter()
        .find(|r| r.outcome == outcome)
        .map_or(0, |r| r.count)
}

#[component]
pub(super) fn OutcomeTable(figures: Signal<Arc<Figures>>) -> impl IntoView {
    move || {
        figures.with(|f| {
            let i = &f.insights;
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
                            <th scope="row">{labels::outcome(row.outcome)} {other}</th>
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
