//! Long lists show their top first: the first rows render with the page, all the others in one
//! step right after that first paint. A 1,000-row page then paints its first screen as fast as a
//! 20-row page, and lays the whole table out only twice (a table's layout is redone in full each
//! time rows are added, so more, smaller steps cost more than they give once rows are cheap).

use leptos::prelude::*;

/// Rows rendered before the first paint: more than a tall screen holds.
pub const FIRST_ROWS: usize = 25;

/// `false` until the frame showing the first rows has been painted, then `true`.
pub fn use_after_first_paint() -> ReadSignal<bool> {
    let (painted, set_painted) = signal(false);
    // A frame callback runs before that frame is painted; a timeout queued from it runs after.
    request_animation_frame(move || {
        set_timeout(
            move || {
                // The list was replaced or left meanwhile: its signal is gone, nothing to do.
                let _ = set_painted.try_set(true);
            },
            std::time::Duration::ZERO,
        );
    });
    painted
}
