//! Coming back online counts as a Refresh: every resource's loader reads [`online_generation`]
//! (tracked), which the browser's `online` event bumps, so each shown resource reloads past the
//! response cache. The offline banner (`components/offline_banner.rs`) only shows the state; the
//! reload is the client's own rule.

use leptos::prelude::*;

thread_local! {
    // Reference-counted, not owned by whichever reactive owner first touched it (an arena
    // signal created inside a page's resource is disposed with that page). The `online` listener
    // is added with it, on the first read (the first resource's first load), and kept for the
    // life of the page.
    static GENERATION: ArcRwSignal<u32> = {
        let generation = ArcRwSignal::new(0_u32);
        let bump = generation.clone();
        let listener = window_event_listener(leptos::ev::online, move |_| {
            bump.try_update(|n| *n = n.wrapping_add(1));
        });
        // Dropping the handle keeps the listener (only `remove` takes it away).
        drop(listener);
        generation
    };
}

/// Read (tracked) by every resource's loader; bumped each time the browser comes back online.
pub(super) fn online_generation() -> u32 {
    GENERATION.with(|generation| generation.get())
}
