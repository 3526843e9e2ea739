//! How a failed request is shown: a title, the specific message (from `ApiError`'s Display,
//! which keeps the server's own words), and a Retry button. A 429 counts down its wait first.

use std::time::Duration;

use leptos::prelude::*;
use lumo_api::ApiError;

#[component]
pub fn ErrorPanel(
    error: ApiError,
    /// What "Retry" does; without it there is no button.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
    /// A more specific title than the error kind's own.
    #[prop(optional, into)]
    title: Option<String>,
) -> impl IntoView {
    let title = title.unwrap_or_else(|| error.title().to_string());
    let message = error.to_string();
    let wait = RwSignal::new(match &error {
        ApiError::RateLimited {
            retry_after: Some(seconds),
            ..
        } => *seconds,
        _ => 0,
    });
    if wait.get_untracked() > 0 {
        if let Ok(handle) = set_interval_with_handle(
            move || {
                wait.try_update(|left| *left = left.saturating_sub(1));
            },
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    let retry_button = retry.map(|retry| {
        view! {
            <button
                type="button"
                class="btn btn-secondary"
                disabled=move || { wait.get() > 0 }
                on:click=move |_| retry.run(())
            >
                {move || match wait.get() {
                    0 => "Retry".to_string(),
                    left => format!("Retry in {left} s"),
                }}
            </button>
        }
    });
    view! {
        <div class="error-panel" role="alert">
            <div class="error-panel__icon" aria-hidden="true">"!"</div>
            <div class="error-panel__body">
                <p class="error-panel__title">{title}</p>
                <p class="error-panel__message">{message}</p>
                {retry_button}
            </div>
        </div>
    }
}

/// A one-line error for forms (the request failed; the form stays as typed).
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="form-error-slot" aria-live="assertive">
            {move || {
                message
                    .get()
                    .map(|text| view! { <p class="alert alert-error" role="alert">{text}</p> })
            }}
        </div>
    }
}
