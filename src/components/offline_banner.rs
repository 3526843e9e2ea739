//! A banner while the browser is offline, and a refetch of every shown resource when it comes
//! back: each `api_resource` reads [`online_generation`], which the `online` event bumps (a forced
//! reload, bypassing the response cache).

use leptos::prelude::*;

thread_local! {
    // Reference-counted, not owned by whichever reactive owner first touched it (an arena
    // signal created inside a page's resource is disposed with that page).
    static GENERATION: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Read (tracked) by every resource's loader; bumped each time the browser comes back online.
pub fn online_generation() -> u32 {
    GENERATION.with(|generation| generation.get())
}

fn bump_generation() {
    GENERATION.with(|generation| {
        generation.try_update(|n| *n = n.wrapping_add(1));
    });
}

#[component]
pub fn OfflineBanner() -> impl IntoView {
    let offline =
        RwSignal::new(web_sys::window().is_some_and(|window| !window.navigator().on_line()));
    let on_offline = window_event_listener(leptos::ev::offline, move |_| {
        offline.try_set(true);
    });
    let on_online = window_event_listener(leptos::ev::online, move |_| {
        offline.try_set(false);
        bump_generation();
    });
    on_cleanup(move || {
        on_offline.remove();
        on_online.remove();
    });
    view! {
        <div class="offline-slot" role="status" aria-live="polite">
            <Show when=move || offline.get()>
                <p class="alert alert-warning offline-banner" data-testid="offline-banner">
                    "You are offline. The portal will refresh the data when the connection is back."
                </p>
            </Show>
        </div>
    }
}
