//! Deposits per day as a small inline-SVG bar chart. Accessible: the SVG is an image with a
//! one-sentence summary as its name, and a visually hidden table lists the days with deposits.

use chrono::Local;
use leptos::prelude::*;
use lumo_api::fixed::fixed;
use lumo_api::rules::deposits::{deposits_per_day, DailySeries, DayBin, DepositLine};

use crate::i18n::{locale, t, tf, tn, Key};

// The chart's size in SVG user units, also written as text: integers, so no float formatting.
const WIDTH: u32 = 600;
const HEIGHT: u32 = 100;

fn date_text(date: chrono::NaiveDate) -> String {
    locale().date_text(date)
}

fn totals_text(bin: &DayBin) -> String {
    bin.totals
        .iter()
        .map(|(currency, total)| crate::rule_words::total(*total, currency))
        .collect::<Vec<_>>()
        .join(", ")
}

fn count_text(count: u32) -> String {
    tn(Key::InsightsDepositsCount, u64::from(count), &[])
}

/// A one-sentence summary for screen readers (the chart's `aria-label`), in the language on
/// screen: "5 deposits over 3 days, from … to …; the busiest day was … with 3 deposits; in total …."
fn summary(series: &DailySeries) -> String {
    let (Some(first), Some(last)) = (series.bins.first(), series.bins.last()) else {
        return t(Key::InsightsDepositsSummaryEmpty).to_string();
    };
    let total = series.total_count();
    let deposits = tn(Key::InsightsDepositsCount, total as u64, &[]);
    let days = tn(Key::InsightsDepositsDays, series.bins.len() as u64, &[]);
    let mut text = tf(
        Key::InsightsDepositsSummary,
        &[
            ("deposits", &deposits),
            ("days", &days),
            ("first", &date_text(first.date)),
            ("last", &date_text(last.date)),
        ],
    );
    if let Some(busiest) = series
        .bins
        .iter()
        .filter(|b| b.count > 0)
        .max_by(|a, b| a.count.cmp(&b.count).then(b.date.cmp(&a.date)))
    {
        text.push_str(&tf(
            Key::InsightsDepositsSummaryBusiest,
            &[
                ("date", &date_text(busiest.date)),
                ("deposits", &count_text(busiest.count)),
            ],
        ));
    }
    let totals = series.totals();
    if !totals.is_empty() {
        let amounts: Vec<String> = totals
            .iter()
            .map(|(currency, total)| crate::rule_words::total(*total, currency))
            .collect();
        let and = format!(" {} ", t(Key::InsightsAnd));
        text.push_str(&tf(
            Key::InsightsDepositsSummaryTotal,
            &[("amounts", &amounts.join(&and))],
        ));
    }
    text.push('.');
    text
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
    // Worded again when the language changes (nothing in it keeps state).
    (move || chart_view(&series)).into_any()
}

fn chart_view(series: &DailySeries) -> impl IntoView {
    let summary = summary(series);
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
                    <td translate="no">{totals_text(bin)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="deposits-chart">
            <figcaption class="chart__caption">
                {t(Key::InsightsDepositsTitle)}
                <span class="chart__scale">{tf(Key::InsightsDepositsMax, &[("count", &count_text(max))])}</span>
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
                    {tn(Key::InsightsDepositsLeftOut, left_out as u64, &[])}
                </p>
            })}
            <div class="visually-hidden"><table>
                <caption>{summary}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::InsightsDepositsDay)}</th>
                    <th scope="col">{t(Key::InsightsDepositsDeposits)}</th>
                    <th scope="col">{t(Key::InsightsDepositsAmounts)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        </figure>
    }
}
