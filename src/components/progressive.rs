//! Long lists show their top first: the first rows render with the page, the rest follow after
//! each paint, twice as many each time. A 100-row page (or a 1,000-row one, where an API allows it) then paints
//! its first screen as fast as a 20-row page, instead of after every row is built and laid out.

use leptos::prelude::*;

/// Rows rendered before the first paint: more than a tall screen holds.
pub const FIRST_ROWS: usize = 25;

/// How many of `total` rows to render now; grows to `total` over the next frames.
pub fn use_progressive_count(total: usize) -> ReadSignal<usize> {
    let (shown, set_shown) = signal(total.min(FIRST_ROWS));
    if total > FIRST_ROWS {
        after_next_paint(set_shown, total);
    }
    shown
}

fn after_next_paint(set_shown: WriteSignal<usize>, total: usize) {
    // A frame callback runs before that frame is painted; a timeout queued from it runs after.
    request_animation_frame(move || {
        set_timeout(
            move || {
                // The list was replaced or left meanwhile: its signal is gone, stop.
                // Doubling: few steps (each one lays the whole table out again), while the
                // first ones, which the reader waits for, stay small.
                let Some(()) = set_shown.try_update(|n| *n = n.saturating_mul(2).min(total)) else {
                    return;
                };
                if set_shown.try_update_untracked(|n| *n < total) == Some(true) {
                    after_next_paint(set_shown, total);
                }
            },
            std::time::Duration::ZERO,
        );
    });
}
