//! A banner while the browser is offline. Coming back online also reloads every shown resource
//! (past the response cache): that is the client's rule (`client/resource/online.rs`), which
//! listens to the same `online` event; this component only shows the state.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

// leptos-use (0.19, 0.20) has no online-state function; `window_event_listener` is leptos's own.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let offline =
        RwSignal::new(web_sys::window().is_some_and(|window| !window.navigator().on_line()));
    let on_offline = window_event_listener(leptos::ev::offline, move |_| {
        offline.try_set(true);
    });
    let on_online = window_event_listener(leptos::ev::online, move |_| {
        offline.try_set(false);
    });
    on_cleanup(move || {
        on_offline.remove();
        on_online.remove();
    });
    view! {
        <div class="offline-slot" role="status" aria-live="polite">
            <Show when=move || offline.get()>
                <p class="alert alert-warning offline-banner" data-testid="offline-banner">
                    {tr(Key::CommonOffline)}
                </p>
            </Show>
        </div>
    }
}
