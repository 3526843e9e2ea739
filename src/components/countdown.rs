//! A live countdown to a quote's deadline: the time left as text and a bar, "hurry" and
//! "expired" said in words and an icon (not colour alone), and a polite live region that speaks
//! only at the points `lumo_api::rules::quotes::countdown::announcement` chooses.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_use_interval_fn::use_interval_fn;
use lumo_api::fixed::fixed;
use lumo_api::rules::quotes::countdown::{
    announcement_between, client_seconds_left, urgency, Announcement, Urgency, QUOTE_TTL_SECONDS,
};
use lumo_api::rules::quotes::countdown_label;

use crate::i18n::{t, Key};

/// How often the clock is read: often enough that the shown second changes on time.
const TICK_MS: u64 = 250;

/// Whole seconds left before `deadline` (browser clock), updated four times a second while the
/// calling view lives.
pub fn use_seconds_left(deadline: Signal<Option<DateTime<Utc>>>) -> Memo<Option<i64>> {
    let now = RwSignal::new(Utc::now());
    // Stops with the calling view (leptos-use clears the interval on cleanup).
    let _ = use_interval_fn(
        move || {
            now.try_set(Utc::now());
        },
        TICK_MS,
    );
    Memo::new(move |_| deadline.get().map(|d| client_seconds_left(d, now.get())))
}

#[component]
pub fn Countdown(
    /// Seconds left (from [`use_seconds_left`]).
    #[prop(into)]
    seconds: Signal<i64>,
    /// Said once when the countdown starts ("Quote ready: …"): text or a closure that follows
    /// the language.
    #[prop(into)]
    intro: TextProp,
    /// The part of the intro that is data (the merchant's name), marked `translate="no"`.
    #[prop(optional, into)]
    intro_data: Option<String>,
) -> impl IntoView {
    // The last announcement; the intro until the first one.
    let spoken = RwSignal::new(None::<Announcement>);
    // Announce only when a chosen point is crossed.
    Effect::new(move |previous: Option<i64>| {
        let current = seconds.get();
        if let Some(previous) = previous {
            if let Some(text) = announcement_between(previous, current) {
                spoken.set(Some(text));
            }
        }
        current
    });
    let state = move || urgency(seconds.get());
    let class = move || match state() {
        Urgency::Calm => "countdown",
        Urgency::Hurry => "countdown countdown--hurry",
        Urgency::Expired => "countdown countdown--expired",
    };
    let icon = move || match state() {
        Urgency::Calm => "⏱",
        Urgency::Hurry => "⚠",
        Urgency::Expired => "⛔",
    };
    let note = move || match state() {
        Urgency::Calm => String::new(),
        Urgency::Hurry => format!(" · {}", t(Key::NewOrderCountdownHurry)),
        Urgency::Expired => format!(" · {}", t(Key::NewOrderCountdownExpired)),
    };
    let fraction = move || {
        let left = seconds.get().clamp(0, QUOTE_TTL_SECONDS);
        fixed(left as f64 / QUOTE_TTL_SECONDS as f64, 3)
    };
    view! {
        <div class=class data-testid="countdown">
            <p class="countdown__text">
                <span class="countdown__icon" aria-hidden="true">{icon}</span>
                <span class="countdown__label">{move || crate::rule_words::countdown(countdown_label(seconds.get()))}</span>
                <span class="countdown__note">{note}</span>
            </p>
            <svg class="countdown__bar" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
                <rect class="countdown__track" width="1" height="1"></rect>
                <rect class="countdown__fill" width=fraction height="1"></rect>
            </svg>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="countdown-announcement">
                {move || match spoken.get() {
                    Some(said) => crate::rule_words::announcement(said).into_any(),
                    None => crate::labels::marked(intro.get().to_string(), intro_data.as_deref()),
                }}
            </p>
        </div>
    }
}
