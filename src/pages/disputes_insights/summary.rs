//! The summary figures and the outcome table.

use std::sync::Arc;

use leptos::prelude::*;
use lumo_api::insights::{dispute_rate, format_count, Insights, Outcome};

use super::orders::{Orders, ScanState};
use super::Figures;
use crate::i18n::{locale, t, tf, tn, tr, Key};
use crate::labels::{self, marked};

const DASH: &str = "—";

/// Tenths of a percent with one decimal, in the language on screen: "12.3 %", "12,3 %".
pub(super) fn format_tenths(tenths: u64) -> String {
    format!(
        "{}{}{} %",
        tenths / 10,
        locale().decimal_separator(),
        tenths % 10
    )
}

/// A duration for people: "2 d 5 h", "5 h 12 min", "12 min", "under 1 min" (or in Russian).
fn format_duration(seconds: i64) -> String {
    const DAY: i64 = 24 * 3600;
    let seconds = seconds.max(0);
    let days = (seconds / DAY).to_string();
    let hours = ((seconds % DAY) / 3600).to_string();
    let minutes = ((seconds % 3600) / 60).to_string();
    match (days.as_str(), hours.as_str(), minutes.as_str()) {
        ("0", "0", "0") => t(Key::InsightsDurationUnderMinute).to_string(),
        ("0", "0", m) => tf(Key::InsightsDurationMinutes, &[("m", m)]),
        ("0", h, m) => tf(Key::InsightsDurationHours, &[("h", h), ("m", m)]),
        (d, h, _) => tf(Key::InsightsDurationDays, &[("d", d), ("h", h)]),
    }
}

/// A text with a server or API message in it, the message marked as data.
fn with_error(key: Key, error: &impl std::fmt::Display) -> AnyView {
    let error = error.to_string();
    marked(tf(key, &[("error", &error)]), Some(&error))
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
    #[prop(into)] label: TextProp,
    testid: &'static str,
    #[prop(into)] value: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="card stat insights-stat" data-testid=testid>
            <dt class="stat__label">{move || label.get()}</dt>
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
            0 => t(Key::InsightsMedianNone).to_string(),
            n => tn(Key::InsightsMedianHint, n as u64, &[]),
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
    let rate_hint = move || match orders.scan_state() {
        None | Some(ScanState::Counting(_)) => {
            let so_far = match orders.scan_state() {
                Some(ScanState::Counting(n)) => n,
                _ => 0,
            };
            view! {
                <span class="insights-progress" data-testid="rate-progress">
                    {tf(Key::InsightsCounting, &[("n", &format_count(so_far))])}
                </span>
            }
            .into_any()
        }
        Some(ScanState::Done(scanned)) => match scanned.completed {
            Some(0) => t(Key::InsightsNoCompleted).into_any(),
            Some(completed) => view! {
                <span data-testid="rate-basis">
                    {tf(
                        Key::InsightsRateBasis,
                        &[
                            ("opened", &format_count(figures.with(insights))),
                            ("completed", &format_count(completed)),
                            ("scanned", &format_count(scanned.scanned)),
                        ],
                    )}
                </span>
            }
            .into_any(),
            None => view! {
                <span class="insights-problem" data-testid="rate-unavailable">
                    {t(Key::InsightsRateRepeated)}
                </span>
            }
            .into_any(),
        },
        Some(ScanState::Failed(error)) => view! {
            <span class="insights-problem" data-testid="rate-unavailable">
                {with_error(Key::InsightsRateFailed, &error)}
            </span>
            " "
            <RetryButton orders/>
        }
        .into_any(),
    };

    let refunded = Signal::derive(move || {
        figures.with(|f| {
            if f.refunds_known {
                crate::rule_words::total(f.insights.refunded, "USDT")
            } else {
                DASH.to_string()
            }
        })
    });
    let refunded_hint = move || {
        let problem = match orders.scan_state() {
            Some(ScanState::Failed(error)) => Some(with_error(Key::InsightsRefundFailed, &error)),
            Some(ScanState::Done(_)) => orders
                .error()
                .map(|error| with_error(Key::InsightsRefundAmountFailed, &error)),
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
                    <span class="insights-progress">{t(Key::InsightsReadingAmounts)}</span>
                }
                .into_any();
            }
            let i = &f.insights;
            let count = row_count(i, Outcome::Refund) + row_count(i, Outcome::PartialRefund);
            let mut lines = vec![tn(Key::InsightsRefundedLine, count as u64, &[])];
            if i.refunds_without_amount > 0 {
                lines.push(tn(
                    Key::InsightsLeftOut,
                    i.refunds_without_amount as u64,
                    &[],
                ));
            }
            if i.refunds_above_order > 0 {
                lines.push(tn(
                    Key::InsightsAboveOrder,
                    i.refunds_above_order as u64,
                    &[],
                ));
            }
            lines.join(" ").into_any()
        })
    };

    view! {
        <section aria-labelledby="insights-summary-heading">
            <h2 id="insights-summary-heading" class="visually-hidden">{tr(Key::InsightsSummary)}</h2>
            <dl class="card-grid insights-stats">
                <Stat label=tr(Key::InsightsStatOpened) testid="stat-opened" value=opened>
                    {tr(Key::InsightsStatOpenedHint)}
                </Stat>
                <Stat label=tr(Key::InsightsStatOpen) testid="stat-open" value=open_now>
                    {tr(Key::InsightsStatOpenHint)}
                </Stat>
                <Stat label=tr(Key::InsightsStatRate) testid="stat-rate" value=rate>
                    <span aria-live="polite">{rate_hint}</span>
                </Stat>
                <Stat label=tr(Key::InsightsStatMedian) testid="stat-median" value=median>
                    {median_hint}
                </Stat>
                <Stat label=tr(Key::InsightsStatRefunded) testid="stat-refunded" value=refunded>
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
            {tr(Key::InsightsRetry)}
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
                                <span class="insights-other muted" data-testid="other-values" translate="no">
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
                    <caption>{t(Key::InsightsOutcomesCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::InsightsOutcome)}</th>
                            <th scope="col" class="num">{t(Key::InsightsDisputes)}</th>
                            <th scope="col" class="num">{t(Key::InsightsShare)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    }
}
