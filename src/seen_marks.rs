//! "Updated since your last visit" glue: the disputes page's marks in localStorage, and the
//! count the sidebar's Disputes entry shows ([`SeenMarks`], [`nav_label`], [`nav_count`]). The rules (the diff,
//! the marks' format, garbage in storage) are `lumo_api::seen`, tested natively.
//!
//! Where the marks live: localStorage `lumo.disputes-seen|<Session::scope()>`. They are
//! per-company browser state: keyed by scope (API address and company id), so no other company,
//! nor the same company id on another API address, ever reads or overwrites them. Unlike the
//! drafts they deliberately survive sign-out (and a closed browser): they are how "since your
//! last visit" works across sessions, and they hold only dispute ids, statuses and resolutions
//! (no reason, amount, comment or key), which any session of that company may see anyway.

use leptos::prelude::*;
use lumo_api::seen::{storage_key, DisputeMarks};

use crate::i18n::{t, tn, Key};

use crate::session::{use_session, SessionCtx};

/// The count of the last "since your last visit" diff the disputes page computed, for the nav.
/// Provided once by the signed-in layout; the disputes page sets it while it is shown and clears
/// it when it goes (its changes have then been seen).
#[derive(Clone, Copy)]
pub struct SeenMarks {
    session: SessionCtx,
    /// The scope the count belongs to, and the count.
    last: RwSignal<Option<(String, usize)>>,
}

impl SeenMarks {
    /// Call once, in the signed-in layout (next to the disputes store).
    pub fn provide() -> SeenMarks {
        let marks = SeenMarks {
            session: use_session(),
            last: RwSignal::new(None),
        };
        provide_context(marks);
        marks
    }

    /// Updated and new disputes of the signed-in company (tracked); 0 for any other company.
    pub fn count(&self) -> Signal<usize> {
        let marks = *self;
        Signal::derive(move || {
            let scope = marks.session.get().map(|s| s.scope());
            marks.last.with(|last| match (last, scope) {
                (Some((of, count)), Some(scope)) if *of == scope => *count,
                _ => 0,
            })
        })
    }

    /// The disputes page's latest diff for `scope`.
    pub fn set(&self, scope: &str, count: usize) {
        let differs = self
            .last
            .try_with_untracked(|last| {
                last.as_ref()
                    .is_none_or(|(of, n)| of != scope || *n != count)
            })
            .unwrap_or(false);
        if differs {
            self.last.try_set(Some((scope.to_string(), count)));
        }
    }

    pub fn clear(&self) {
        if self
            .last
            .try_with_untracked(Option::is_some)
            .unwrap_or(false)
        {
            self.last.try_set(None);
        }
    }
}

pub fn use_seen_marks() -> Option<SeenMarks> {
    use_context::<SeenMarks>()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The marks stored for `scope`; `None` when there are none, storage is unavailable, or the text
/// is not readable marks (that visit is then a new baseline).
pub fn load(scope: &str) -> Option<DisputeMarks> {
    let text = local_storage()?.get_item(&storage_key(scope)).ok()??;
    DisputeMarks::from_json(&text)
}

/// Keep `marks` as what was last shown to `scope`. A full or disabled storage keeps the old
/// marks; the page works the same, only the next visit badges against older marks.
pub fn save(scope: &str, marks: &DisputeMarks) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&storage_key(scope), &marks.to_json());
    }
}

/// The count of the nav entry `href` (only "/disputes" has one), tracked; 0 without a
/// [`SeenMarks`] context.
fn count_for(href: &str) -> Signal<usize> {
    match (href, use_seen_marks()) {
        ("/disputes", Some(marks)) => marks.count(),
        _ => Signal::stored(0),
    }
}

/// The sidebar link's name while it shows a count ("Disputes, 2 updated"), for its
/// `aria-label`; `None` (no attribute: the name comes from the text) while there is none.
pub fn nav_label(href: &str, label: Key) -> impl Fn() -> Option<String> + Send + Sync {
    let count = count_for(href);
    move || {
        let n = count.get();
        (n > 0).then(|| tn(Key::NavUpdatedCount, n as u64, &[("label", t(label))]))
    }
}

/// The sidebar's count pill for the entry `href`, inside its link (the link's name says it in
/// words, [`nav_label`]). Nothing while the count is 0.
pub fn nav_count(href: &str) -> impl IntoView {
    let count = count_for(href);
    move || {
        let n = count.get();
        (n > 0).then(|| {
            view! { <span class="nav-count" aria-hidden="true" data-testid="nav-disputes-count">{n}</span> }
        })
    }
}
