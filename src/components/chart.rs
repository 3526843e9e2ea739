//! Deposits per day as a small inline-SVG bar chart. Accessible: the SVG is an image with a
//! one-sentence summary as its name, and a visually hidden table lists the days with deposits.

use chrono::Local;
use leptos::prelude::*;
use lumo_api::fixed::fixed;
use lumo_api::rules::deposits::{deposits_per_day, DayBin, DepositLine};
use lumo_api::rules::money::format_total;
use lumo_api::time::date_text;

// The chart's size in SVG user units, also written as text: integers, so no float formatting.
const WIDTH: u32 = 600;
const HEIGHT: u32 = 100;

fn totals_text(bin: &DayBin) -> String {
    bin.totals
        .iter()
        .map(|(currency, total)| format_total(*total, currency))
        .collect::<Vec<_>>()
        .join(", ")
}

fn count_text(count: u32) -> String {
    if count == 1 {
        "1 deposit".to_string()
    } else {
        format!("{count} deposits")
    }
}

#[component]
pub fn DepositsChart(
    /// The deposits shown in the table below the chart.
    deposits: Vec<DepositLine>,
) -> impl IntoView {
    let series = deposits_per_day(&deposits, |t| t.with_timezone(&Local).date_naive());
    if series.bins.is_empty() {
        return ().into_any();
    }
    let summary = series.summary();
    let bars = series.bars(f64::from(WIDTH), f64::from(HEIGHT));
    let first = series
        .bins
        .first()
        .map(|b| date_text(b.date))
        .unwrap_or_default();
    let last = series
        .bins
        .last()
        .map(|b| date_text(b.date))
        .unwrap_or_default();
    let max = series.max_count();
    let left_out = series.left_out;
    let bar_views = bars
        .into_iter()
        .map(|bar| {
            let bin = &series.bins[bar.index];
            let title = format!(
                "{}: {} ({})",
                date_text(bin.date),
                count_text(bin.count),
                totals_text(bin)
            );
            view! {
                <rect class="chart__bar" x=fixed(bar.x, 2) y=fixed(bar.y, 2)
                    width=fixed(bar.width.max(0.5), 2) height=fixed(bar.height, 2)>
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    let rows = series
        .bins
        .iter()
        .filter(|bin| bin.count > 0)
        .map(|bin| {
            view! {
                <tr>
                    <th scope="row">{date_text(bin.date)}</th>
                    <td>{count_text(bin.count)}</td>
                    <td>{totals_text(bin)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="deposits-chart">
            <figcaption class="chart__caption">
                "Deposits per day"
                <span class="chart__scale">{format!("max {}", count_text(max))}</span>
            </figcaption>
            <svg class="chart__svg" role="img" aria-label=summary.clone()
                viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none">
                <line class="chart__axis" x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT></line>
                {bar_views}
            </svg>
            <div class="chart__range" aria-hidden="true">
                <span>{first}</span>
                <span>{last}</span>
            </div>
            {(left_out > 0).then(|| view! {
                <p class="chart__note muted">
                    {format!("{left_out} older deposits on this page fall outside the chart's period.")}
                </p>
            })}
            <table class="visually-hidden">
                <caption>{summary}</caption>
                <thead><tr><th scope="col">"Day"</th><th scope="col">"Deposits"</th><th scope="col">"Amounts"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
    .into_any()
}
