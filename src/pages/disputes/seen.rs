//! "Updated since your last visit" on /disputes (rules: `lumo_api::seen`; storage and the nav
//! count: `crate::seen_marks`).
//!
//! A visit is this page shown with a list. The first list it shows is compared with the marks
//! stored at the last visit; every later list while the page stays open (the auto refresh, the
//! Refresh button, a dispute filed elsewhere) is compared with the list shown before it. The
//! badges found stay for the whole view; the stored marks move to each list shown, so the next
//! visit badges only what changed after it. The nav's count follows the view and is cleared
//! when the page goes.

use leptos::prelude::*;
use lumo_api::seen::{SeenBadge, SeenView};

use crate::disputes_store::use_disputes_store;
use crate::seen_marks::{self, use_seen_marks};
use crate::session::use_session;

/// The badges of this view (tracked).
#[derive(Clone, Copy)]
pub struct SeenState {
    view: RwSignal<SeenView>,
}

impl SeenState {
    pub fn badge(&self, id: String) -> Signal<Option<SeenBadge>> {
        let view = self.view;
        Signal::derive(move || view.with(|v| v.badge(&id)))
    }

    pub fn count(&self) -> usize {
        self.view.with(SeenView::count)
    }
}

/// Start following what this page shows. Call once, in the page.
pub fn follow_seen() -> SeenState {
    let store = use_disputes_store();
    let session = use_session();
    let nav = use_seen_marks();
    let view = RwSignal::new(SeenView::default());
    // The scope the view's marks were loaded for: a view never carries one company's marks
    // into another's.
    let view_scope = StoredValue::new(None::<String>);

    Effect::new(move |_| {
        let Some(scope) = session.get().map(|s| s.scope()) else {
            return;
        };
        store.with_latest(|list| {
            let Some(list) = list else {
                return;
            };
            if view_scope.with_value(|of| of.as_deref() != Some(scope.as_str())) {
                view_scope.set_value(Some(scope.clone()));
                view.set(SeenView::new(seen_marks::load(&scope)));
            }
            let mut changed = false;
            view.update(|v| changed = v.show(list));
            view.with_untracked(|v| {
                if changed {
                    if let Some(marks) = v.marks() {
                        seen_marks::save(&scope, marks);
                    }
                }
                if let Some(nav) = nav {
                    nav.set(&scope, v.count());
                }
            });
        });
    });
    on_cleanup(move || {
        if let Some(nav) = nav {
            nav.clear();
        }
    });
    SeenState { view }
}
