//! Loading indicator that appears only after 150 ms, so fast answers do not flicker.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{t, Key};

/// Delay before the spinner appears.
pub const SPINNER_DELAY_MS: u64 = 150;

/// False until [`SPINNER_DELAY_MS`] after the calling view is created, then true; the timer
/// stops with the view.
pub fn use_after_spinner_delay() -> RwSignal<bool> {
    let visible = RwSignal::new(false);
    if let Ok(handle) = set_timeout_with_handle(
        move || {
            visible.try_set(true);
        },
        Duration::from_millis(SPINNER_DELAY_MS),
    ) {
        on_cleanup(move || handle.clear());
    }
    visible
}

#[component]
pub fn Loading(
    /// Text or `tr(Key::…)`; "Loading…" when absent or empty.
    #[prop(optional, into)]
    label: Option<TextProp>,
) -> impl IntoView {
    let label = move || {
        label
            .as_ref()
            .map(|text| text.get().to_string())
            .filter(|text| !text.trim().is_empty())
            .unwrap_or_else(|| t(Key::Loading).to_string())
    };
    let visible = use_after_spinner_delay();
    view! {
        <div class="loading" role="status" aria-live="polite">
            {move || {
                let label = label.clone();
                visible
                    .get()
                    .then(move || {
                        view! {
                            <span class="spinner" aria-hidden="true"></span>
                            <span class="loading__label">{label}</span>
                        }
                    })
            }}
        </div>
    }
}

/// A small inline spinner for buttons and pending states (no delay).
#[component]
pub fn Spinner() -> impl IntoView {
    view! { <span class="spinner spinner--small" aria-hidden="true"></span> }
}
