//! A small timeline: `ol.timeline > li.timeline__item(--done|--current|--rejected)`, vertical
//! (detail pages) or horizontal (dispute cards). Steps come from `lumo_api::rules::timeline`,
//! worded by the page.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use lumo_api::rules::timeline::StepState;

use crate::components::Time;
use crate::i18n::{t, Key};
use crate::labels::marked;

/// One step, already worded.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub label: String,
    pub state: StepState,
    pub at: Option<DateTime<Utc>>,
    /// Text before the time ("due"), if any.
    pub at_prefix: Option<&'static str>,
    /// A second line (e.g. "12.50 USDT refunded").
    pub detail: Option<String>,
    /// A value inside `label` shown as it came (an unknown status): marked `translate="no"`.
    pub data: Option<String>,
}

impl TimelineEntry {
    pub fn new(label: impl Into<String>, state: StepState, at: Option<DateTime<Utc>>) -> Self {
        TimelineEntry {
            label: label.into(),
            state,
            at,
            at_prefix: None,
            detail: None,
            data: None,
        }
    }
}

fn state_class(state: StepState) -> &'static str {
    match state {
        StepState::Done => "timeline__item timeline__item--done",
        StepState::Current => "timeline__item timeline__item--current",
        StepState::Upcoming => "timeline__item timeline__item--upcoming",
        StepState::Rejected => "timeline__item timeline__item--rejected",
    }
}

/// The state as `data-state` gives it (tests and styles read it; never translated).
fn state_wire(state: StepState) -> &'static str {
    match state {
        StepState::Done => "done",
        StepState::Current => "current",
        StepState::Upcoming => "not yet",
        StepState::Rejected => "ended",
    }
}

/// Spoken after the label, so the state is not only a colour.
fn state_text(state: StepState) -> &'static str {
    match state {
        StepState::Done => t(Key::DisputesTimelineDone),
        StepState::Current => t(Key::DisputesTimelineCurrent),
        StepState::Upcoming => t(Key::DisputesTimelineUpcoming),
        StepState::Rejected => t(Key::DisputesTimelineEnded),
    }
}

#[component]
pub fn Timeline(
    steps: Vec<TimelineEntry>,
    /// Lay the steps out in a row (cards) instead of a column.
    #[prop(optional)]
    horizontal: bool,
    /// Accessible name of the list ("Dispute progress"): text or `tr(Key::…)`.
    #[prop(into)]
    label: TextProp,
) -> impl IntoView {
    let class = if horizontal {
        "timeline timeline--horizontal"
    } else {
        "timeline"
    };
    view! {
        <ol class=class aria-label=label>
            {steps
                .into_iter()
                .map(|step| {
                    let current = (step.state == StepState::Current).then_some("step");
                    view! {
                        <li class=state_class(step.state) aria-current=current data-state=state_wire(step.state)>
                            <span class="timeline__dot" aria-hidden="true"></span>
                            <div class="timeline__body">
                                <div class="timeline__label">
                                    {marked(step.label, step.data.as_deref())}
                                    <span class="visually-hidden">{move || format!(" ({})", state_text(step.state))}</span>
                                </div>
                                {step.at.map(|at| view! {
                                    <div class="timeline__meta">
                                        {step.at_prefix.map(|prefix| format!("{prefix} "))}
                                        <Time value=at/>
                                    </div>
                                })}
                                {step.detail.map(|detail| view! { <div class="timeline__meta">{detail}</div> })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
