//! The page's three charts, as points for the shared [`BarChart`].

use std::sync::Arc;

use leptos::prelude::*;
use lumo_api::insights::{format_count, Insights, RESOLUTION_BUCKETS};
use lumo_api::rules::money::format_total;
use lumo_api::time::date_text;
use rust_decimal::Decimal;

use super::Figures;
use crate::components::bar_chart::{BarChart, ChartPoint};

fn opened_points(insights: &Insights) -> Vec<ChartPoint> {
    insights
        .weeks
        .iter()
        .map(|week| {
            let label = date_text(week.start);
            let what = if week.opened == 1 {
                "dispute opened"
            } else {
                "disputes opened"
            };
            ChartPoint {
                name: format!("Week of {label}: {} {what}", format_count(week.opened)),
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
            let label = date_text(week.start);
            let text = format_total(week.refunded, "USDT");
            ChartPoint {
                name: format!("Week of {label}: {text} refunded"),
                value: week.refunded.ok(),
                text,
                label,
            }
        })
        .collect()
}

fn resolution_points(insights: &Insights) -> Vec<ChartPoint> {
    RESOLUTION_BUCKETS
        .iter()
        .zip(insights.resolution_buckets)
        .map(|(label, count)| {
            let what = if count == 1 { "dispute" } else { "disputes" };
            ChartPoint {
                name: format!("{label}: {} {what}", format_count(count)),
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
            <BarChart title="Disputes opened per week" points label_header="Week starting (UTC)"
                value_header="Disputes opened" testid="chart-opened"/>
        }
    };
    let refunded = move || {
        if !figures.with(|f| f.refunds_known) {
            return view! {
                <figure class="bar-chart" data-testid="chart-refunded">
                    <figcaption class="bar-chart__caption">
                        <span class="bar-chart__title">"Refunded per week (USDT)"</span>
                    </figcaption>
                    <p class="bar-chart__pending muted">"Waiting for the refunded orders' amounts…"</p>
                </figure>
            }
            .into_any();
        }
        let points = figures.with(|f| refunded_points(&f.insights));
        view! {
            <BarChart title="Refunded per week (USDT)" points label_header="Week starting (UTC)"
                value_header="Refunded" testid="chart-refunded" tone="refund"/>
        }
        .into_any()
    };
    let resolution = move || {
        let points = figures.with(|f| resolution_points(&f.insights));
        view! {
            <BarChart title="Time to resolution" points label_header="Time to resolution"
                value_header="Disputes" testid="chart-resolution" tone="time" every_label=true/>
        }
    };
    view! {
        <section class="insights-charts" aria-labelledby="insights-charts-heading">
            <h2 id="insights-charts-heading">"Charts"</h2>
            <div class="insights-charts__grid">
                <div class="card">{opened}</div>
                <div class="card">{refunded}</div>
                <div class="card">{resolution}</div>
            </div>
        </section>
    }
}
