//! A titled inline-SVG bar chart that every reader can use: each bar's value is its SVG
//! `<title>` (hover) and its accessible name; bars take keyboard focus (Tab), which shows the
//! same text in a tooltip over the chart; and the numbers are a table behind "Show data".
//! Geometry comes from `lumo_api::insights::chart` in whole SVG units (no float formatting).

use leptos::prelude::*;
use lumo_api::insights::chart::{bars, chart_width, percent_css, Layout};
use rust_decimal::Decimal;

use crate::i18n::{t, text, tf, tr, Key};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// Its label on the axis and in the table ("2026-11-02", "Under 1 day").
    pub label: String,
    /// What decides its height; `None` when the value is unknown (drawn as a stub).
    pub value: Option<Decimal>,
    /// Its value as the table writes it ("5", "1 234.50 USDT").
    pub text: String,
    /// The sentence a hover, the tooltip and a screen reader give ("Week of 2026-11-02: 5
    /// disputes opened").
    pub name: String,
}

/// Many narrow bars (weeks) or a few wide ones with a label under each (buckets).
const NARROW: Layout = Layout {
    slot: 20,
    gap: 4,
    height: 100,
    stub: 1,
};
const WIDE: Layout = Layout {
    slot: 100,
    gap: 36,
    height: 100,
    stub: 1,
};

#[component]
pub fn BarChart(
    /// The chart's title (its `<figcaption>` and the name of its group of bars): text or
    /// `tr(Key::…)`.
    #[prop(into)]
    title: TextProp,
    /// Worded by the caller in the language on screen (build them in a reactive scope).
    points: Vec<ChartPoint>,
    /// Header of the table's first column ("Week starting").
    #[prop(into)]
    label_header: TextProp,
    /// Header of the table's value column ("Disputes opened").
    #[prop(into)]
    value_header: TextProp,
    /// `data-testid` of the figure; also the prefix of its element ids.
    testid: &'static str,
    /// A label under every bar (few bars) instead of the first and last only.
    #[prop(optional)]
    every_label: bool,
    /// Colour variant: a `bar-chart--{tone}` class.
    #[prop(optional)]
    tone: &'static str,
) -> impl IntoView {
    let layout = if every_label { WIDE } else { NARROW };
    let values: Vec<Option<Decimal>> = points.iter().map(|p| p.value).collect();
    let geometry = bars(&values, layout);
    let width = chart_width(points.len(), layout);
    let height = layout.height;
    let slot = layout.slot;
    let title_id = format!("{testid}-title");
    let highest_text = points
        .iter()
        .filter(|p| p.value.is_some_and(|v| v > Decimal::ZERO))
        .max_by_key(|p| p.value)
        .map(|p| p.text.clone());
    let highest = move || match &highest_text {
        Some(text) => tf(Key::InsightsChartHighest, &[("value", text)]),
        None => t(Key::InsightsChartAllZero).to_string(),
    };
    // The bar under the pointer or the keyboard focus: its tooltip shows.
    let active = RwSignal::new(None::<usize>);

    let bar_views = geometry
        .iter()
        .zip(&points)
        .enumerate()
        .map(|(i, (bar, point))| {
            let show = move || active.set(Some(i));
            let hide = move || active.update(|a| *a = a.filter(|j| *j != i));
            // The whole column takes the pointer and the focus (a zero bar is a thin stub);
            // the bar itself is drawn over it.
            view! {
                <rect
                    class="bar-chart__slot"
                    class:bar-chart__slot--active=move || active.get() == Some(i)
                    x=bar.slot_x.to_string()
                    y="0"
                    width=slot.to_string()
                    height=height.to_string()
                    tabindex="0"
                    role="img"
                    aria-label=point.name.clone()
                    on:focus=move |_| show()
                    on:blur=move |_| hide()
                    on:mouseenter=move |_| show()
                    on:mouseleave=move |_| hide()
                >
                    <title>{point.name.clone()}</title>
                </rect>
                <rect
                    class="bar-chart__bar"
                    class:bar-chart__bar--stub=bar.stub
                    x=bar.x.to_string()
                    y=bar.y.to_string()
                    width=bar.width.to_string()
                    height=bar.height.to_string()
                ></rect>
            }
        })
        .collect_view();

    let tooltip_text: Vec<(u32, String)> = geometry
        .iter()
        .zip(&points)
        .map(|(bar, point)| (bar.center_hundredths, point.name.clone()))
        .collect();
    // The focus or pointer already announces the bar's name: the tooltip is for the eyes only.
    let tooltip = move || {
        active.get().and_then(|i| tooltip_text.get(i).cloned()).map(|(center, text)| {
            // Near an edge the tooltip opens inwards instead of centring on the bar.
            let align = match center {
                0..=2000 => "bar-chart__tooltip bar-chart__tooltip--start",
                8000.. => "bar-chart__tooltip bar-chart__tooltip--end",
                _ => "bar-chart__tooltip",
            };
            view! { <div class=align aria-hidden="true" style:left=percent_css(center)>{text}</div> }
        })
    };

    let labels = if every_label {
        points
            .iter()
            .map(|p| view! { <span>{p.label.clone()}</span> })
            .collect_view()
            .into_any()
    } else {
        let first = points.first().map(|p| p.label.clone()).unwrap_or_default();
        let last = points.last().map(|p| p.label.clone()).unwrap_or_default();
        view! { <span>{first}</span><span>{last}</span> }.into_any()
    };
    let label_class = if every_label {
        "bar-chart__labels bar-chart__labels--every"
    } else {
        "bar-chart__labels"
    };
    let columns = format!("repeat({}, 1fr)", points.len().max(1));

    let rows = points
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.label.clone()}</th>
                    <td class="num">{p.text.clone()}</td>
                </tr>
            }
        })
        .collect_view();

    let class = if tone.is_empty() {
        "bar-chart".to_string()
    } else {
        format!("bar-chart bar-chart--{tone}")
    };
    let caption = title.clone();
    view! {
        <figure class=class data-testid=testid>
            <figcaption class="bar-chart__caption">
                <span class="bar-chart__title" id=title_id.clone()>{text(caption)}</span>
                <span class="bar-chart__scale">{highest}</span>
            </figcaption>
            <div class="bar-chart__plot">
                <svg
                    class="bar-chart__svg"
                    viewBox=format!("0 0 {width} {height}")
                    preserveAspectRatio="none"
                    role="group"
                    aria-labelledby=title_id
                >
                    <line class="bar-chart__axis" x1="0" y1=height.to_string() x2=width.to_string() y2=height.to_string()></line>
                    <g>{bar_views}</g>
                </svg>
                {tooltip}
            </div>
            <div class=label_class style:grid-template-columns=columns aria-hidden="true">{labels}</div>
            <details class="bar-chart__data">
                <summary>{tr(Key::InsightsChartShowData)}</summary>
                <table class="table table--compact">
                    <caption class="visually-hidden">{text(title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{text(label_header)}</th>
                            <th scope="col" class="num">{text(value_header)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
