//! How a failed request is shown: a title, the specific message (`crate::error_words`, which
//! keeps the server's own words, marked as data), and a Retry button. A 429 counts down its wait
//! first. Every text follows the language.

use std::time::Duration;

use leptos::prelude::*;
use lumo_api::ApiError;

use crate::error_words::{error_title, error_words, Words};
use crate::i18n::{t, tf, Key};

#[component]
pub fn ErrorPanel(
    error: ApiError,
    /// What "Retry" does; without it there is no button.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
    /// A more specific title than the error kind's own (text or `tr(Key::…)`).
    #[prop(optional, into)]
    title: Option<TextProp>,
) -> impl IntoView {
    let kind_title = error_title(&error);
    let title = move || match &title {
        Some(text) => text.get().to_string(),
        None => t(kind_title).to_string(),
    };
    let message = error_words(&error).view();
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
                    0 => t(Key::CommonRetry).to_string(),
                    left => tf(Key::CommonRetryIn, &[("seconds", &left.to_string())]),
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

/// What a [`FormError`] shows: [`Words`] (which follow the language and keep data marked), or a
/// string worded elsewhere.
#[derive(Clone, Copy)]
pub struct FormMessage(Signal<Option<Words>>);

impl From<Signal<Option<Words>>> for FormMessage {
    fn from(words: Signal<Option<Words>>) -> Self {
        FormMessage(words)
    }
}

impl From<RwSignal<Option<Words>>> for FormMessage {
    fn from(words: RwSignal<Option<Words>>) -> Self {
        FormMessage(words.into())
    }
}

impl From<Signal<Option<String>>> for FormMessage {
    fn from(text: Signal<Option<String>>) -> Self {
        FormMessage(Signal::derive(move || text.get().map(Words::raw)))
    }
}

impl From<RwSignal<Option<String>>> for FormMessage {
    fn from(text: RwSignal<Option<String>>) -> Self {
        FormMessage(Signal::derive(move || text.get().map(Words::raw)))
    }
}

impl From<ReadSignal<Option<String>>> for FormMessage {
    fn from(text: ReadSignal<Option<String>>) -> Self {
        FormMessage(Signal::derive(move || text.get().map(Words::raw)))
    }
}

impl From<Memo<Option<String>>> for FormMessage {
    fn from(text: Memo<Option<String>>) -> Self {
        FormMessage(Signal::derive(move || text.get().map(Words::raw)))
    }
}

/// A one-line error for forms (the request failed; the form stays as typed).
#[component]
pub fn FormError(#[prop(into)] message: FormMessage) -> impl IntoView {
    let message = message.0;
    view! {
        <div class="form-error-slot" aria-live="assertive">
            {move || {
                message
                    .get()
                    .map(|words| view! { <p class="alert alert-error" role="alert">{words.view()}</p> })
            }}
        </div>
    }
}
