//! The page's three charts, as points for the shared [`BarChart`].

use std::sync::Arc;

use leptos::prelude::*;
use lumo_api::insights::{format_count, Insights};
use rust_decimal::Decimal;

use super::Figures;
use crate::components::bar_chart::{BarChart, ChartPoint};
use crate::i18n::{locale, t, tf, tn, tr, Key};

/// The time-to-resolution buckets, in the order of `Insights::resolution_buckets`
/// (`lumo_api::insights::RESOLUTION_BUCKETS`).
const BUCKETS: [Key; 4] = [
    Key::InsightsBucketUnderDay,
    Key::InsightsBucketOneToThree,
    Key::InsightsBucketThreeToSeven,
    Key::InsightsBucketOverSeven,
];

fn opened_points(insights: &Insights) -> Vec<ChartPoint> {
    insights
        .weeks
        .iter()
        .map(|week| {
            let label = locale().date_text(week.start);
            ChartPoint {
                name: tn(
                    Key::InsightsWeekOpened,
                    week.opened as u64,
                    &[("week", &label)],
                ),
                value: Some(Decimal::from(week.opened)),
                text: format_count(week.opened),
                label,
            }
        })
        .collect()
}

fn refunded_points(insights: &Insights) -> Vec<ChartPoint> {
    insights
        .weeks
        .iter()
        .map(|week| {
            let label = locale().date_text(week.start);
            let text = crate::rule_words::total(week.refunded, "USDT");
            ChartPoint {
                name: tf(
                    Key::InsightsWeekRefunded,
                    &[("week", &label), ("amount", &text)],
                ),
                value: week.refunded.ok(),
                text,
                label,
            }
        })
        .collect()
}

fn resolution_points(insights: &Insights) -> Vec<ChartPoint> {
    BUCKETS
        .iter()
        .zip(insights.resolution_buckets)
        .map(|(key, count)| {
            let label = t(*key);
            ChartPoint {
                name: tn(Key::InsightsBucketCount, count as u64, &[("label", label)]),
                value: Some(Decimal::from(count)),
                text: format_count(count),
                label: label.to_string(),
            }
        })
        .collect()
}

#[component]
pub(super) fn Charts(figures: Signal<Arc<Figures>>) -> impl IntoView {
    let opened = move || {
        let points = figures.with(|f| opened_points(&f.insights));
        view! {
            <BarChart title=tr(Key::InsightsChartOpened) points label_header=tr(Key::InsightsChartWeekStart)
                value_header=tr(Key::InsightsStatOpened) testid="chart-opened"/>
        }
    };
    let refunded = move || {
        if !figures.with(|f| f.refunds_known) {
            return view! {
                <figure class="bar-chart" data-testid="chart-refunded">
                    <figcaption class="bar-chart__caption">
                        <span class="bar-chart__title">{tr(Key::InsightsChartRefunded)}</span>
                    </figcaption>
                    <p class="bar-chart__pending muted">{tr(Key::InsightsChartWaiting)}</p>
                </figure>
            }
            .into_any();
        }
        let points = figures.with(|f| refunded_points(&f.insights));
        view! {
            <BarChart title=tr(Key::InsightsChartRefunded) points label_header=tr(Key::InsightsChartWeekStart)
                value_header=tr(Key::InsightsStatRefunded) testid="chart-refunded" tone="refund"/>
        }
        .into_any()
    };
    let resolution = move || {
        let points = figures.with(|f| resolution_points(&f.insights));
        view! {
            <BarChart title=tr(Key::InsightsChartResolution) points label_header=tr(Key::InsightsChartResolution)
                value_header=tr(Key::InsightsDisputes) testid="chart-resolution" tone="time" every_label=true/>
        }
    };
    view! {
        <section class="insights-charts" aria-labelledby="insights-charts-heading">
            <h2 id="insights-charts-heading">{tr(Key::InsightsCharts)}</h2>
            <div class="insights-charts__grid">
                <div class="card">{opened}</div>
                <div class="card">{refunded}</div>
                <div class="card">{resolution}</div>
            </div>
        </section>
    }
}
