//! One shared copy of `GET /disputes` for the signed-in company.
//!
//! The API has no per-order dispute lookup, so the order page finds an order's dispute in the
//! full history, the same list the disputes page shows. [`DisputesStore::provide`] runs once in
//! the shell; the list is loaded the first time a page asks for it ([`DisputesStore::ensure`])
//! and then shared: filing a dispute refetches it, the disputes page refreshes it while disputes
//! are open ([`DisputesStore::auto_refresh`], driven by `crate::refresh` like the rate ticker:
//! every 20 s, backing off while the API fails, paused while the tab is hidden). Every load,
//! asked for or automatic, reports to one schedule, so a server's Retry-After holds all of
//! them: [`DisputesStore::refetch`] during one waits for it to end.
//!
//! Also here: the unsent dispute reason of each order, kept in sessionStorage per company and
//! environment (`drafts::storage_key`) so it survives a failed submit, a reload and a 401 (cleared
//! when it is sent, and for every company on sign-out).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use lumo_api::models::Dispute;
use lumo_api::rules::refresh::RefreshPolicy;
use lumo_api::ApiError;

use crate::client::{polled_resource, ApiResource};
use crate::drafts;
use crate::refresh::{self, Schedule, Timer};
use crate::session::SessionCtx;

/// How often open disputes are refreshed while their page is visible (and the API answers).
pub const AUTO_REFRESH_SECONDS: u32 = 20;

#[derive(Clone, Copy)]
pub struct DisputesStore {
    owner: StoredValue<Option<WeakOwner>>,
    /// The read of `GET /disputes`, through the client's cache like every other read; made the
    /// first time a page asks ([`DisputesStore::ensure`]), under the shell, so pages share it.
    resource: StoredValue<Option<ApiResource<Vec<Dispute>>>>,
    /// Set once `resource` exists, so tracked readers see it appear.
    created: RwSignal<bool>,
    /// The last list that arrived (kept when a later refresh fails).
    latest: RwSignal<Option<Vec<Dispute>>>,
    /// The last refresh failed with this (cleared by the next success).
    error: RwSignal<Option<ApiError>>,
    /// When `latest` arrived (browser clock).
    updated_at: RwSignal<Option<DateTime<Utc>>>,
    /// When the next automatic load is due; every load reports to it.
    schedule: Schedule,
    /// A refetch asked for during a Retry-After, waiting for it to end.
    deferred: StoredValue<Timer>,
}

impl DisputesStore {
    /// Call once, in the signed-in shell: the store lives as long as the session's layout.
    pub fn provide() -> DisputesStore {
        let owner = Owner::current().map(|o| o.downgrade());
        let store = DisputesStore {
            owner: StoredValue::new(owner),
            resource: StoredValue::new(None),
            created: RwSignal::new(false),
            latest: RwSignal::new(None),
            error: RwSignal::new(None),
            updated_at: RwSignal::new(None),
            schedule: Schedule::idle(RefreshPolicy::every_seconds(AUTO_REFRESH_SECONDS)),
            deferred: StoredValue::new(Timer::default()),
        };
        // Drafts stay for an expired key (the user signs in again and finds them) and go with an
        // explicit sign-out: `Drafts` clears them, memory and storage, for every company.
        provide_context(store);
        store
    }

    /// Load the list if nothing has asked for it yet (pages call this when they mount).
    pub fn ensure(&self) {
        if self.resource.with_value(Option::is_some) {
            return;
        }
        let store = *self;
        let create = move || {
            store.schedule.started();
            let resource = polled_resource(lumo_api::requests::list_disputes);
            // Every answer reports to the schedule; a failed refresh keeps the last list.
            Effect::new(move |_| match resource.get() {
                Some(Ok(list)) => {
                    store.latest.set(Some(list));
                    store.error.set(None);
                    store.updated_at.set(Some(Utc::now()));
                    store.schedule.succeeded();
                }
                Some(Err(error)) => {
                    store.schedule.failed(&error);
                    store.error.set(Some(error));
                }
                None => {}
            });
            resource
        };
        let owner = self.owner.get_value().and_then(|weak| weak.upgrade());
        let resource = match owner {
            Some(owner) => owner.with(create),
            None => create(),
        };
        self.resource.set_value(Some(resource));
        self.created.set(true);
    }

    /// Load again (after filing a dispute, or from a Refresh button); a load in flight is
    /// replaced by the new one. While a server's Retry-After holds (a 429), the load waits for
    /// it to end (one waiting load, however often this is called), unless one starts by then.
    pub fn refetch(&self) {
        let store = *self;
        let hold = self.schedule.hold_ms();
        if hold == 0 {
            self.deferred.try_update_value(Timer::disarm);
            self.refetch_now(false);
            return;
        }
        let started = self.loading_started();
        Timer::arm(self.deferred, hold, move || {
            // An automatic load that began after the click already brings a newer list.
            if store.loading_started() == started {
                store.refetch();
            }
        });
    }

    /// `automatic`: sent once, the schedule's backoff being its retry; else with the client's
    /// quick retries.
    fn refetch_now(&self, automatic: bool) {
        match self.resource.try_get_value().flatten() {
            Some(resource) => {
                self.schedule.started();
                if automatic {
                    resource.refetch_once();
                } else {
                    resource.refetch();
                }
            }
            None => self.ensure(),
        }
    }

    /// How many loads have started (compared around a deferred refetch).
    fn loading_started(&self) -> u32 {
        self.schedule.loads_started()
    }

    /// The last list that arrived, tracked. `None` until the first answer.
    pub fn latest(&self) -> Option<Vec<Dispute>> {
        self.latest.get()
    }

    /// Read the last list without cloning it.
    pub fn with_latest<R>(&self, f: impl FnOnce(Option<&Vec<Dispute>>) -> R) -> R {
        self.latest.with(|list| f(list.as_ref()))
    }

    pub fn latest_untracked(&self) -> Option<Vec<Dispute>> {
        self.latest.try_get_untracked().flatten()
    }

    /// The last load failed (tracked); cleared by the next success.
    pub fn error(&self) -> Option<ApiError> {
        self.error.get()
    }

    pub fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.updated_at.get()
    }

    /// No list yet, or the last one arrived longer ago than the client cache keeps answers
    /// fresh (30 s): what decides whether a page opened again asks the API again.
    pub fn is_stale(&self) -> bool {
        self.updated_at
            .try_get_untracked()
            .flatten()
            .is_none_or(|at| {
                !crate::client::is_fresh(
                    at.timestamp_millis() as f64,
                    Utc::now().timestamp_millis() as f64,
                )
            })
    }

    /// A load is in flight (tracked).
    pub fn loading(&self) -> bool {
        self.created.get()
            && self
                .resource
                .try_get_value()
                .flatten()
                .is_some_and(|resource| resource.loading())
    }

    /// Put a dispute the API just returned into the list at once (newest first), before the
    /// refetch confirms it, so pages show it without waiting.
    pub fn remember(&self, dispute: Dispute) {
        self.latest.try_update(|list| {
            if let Some(list) = list {
                match list.iter_mut().find(|d| d.id == dispute.id) {
                    Some(known) => *known = dispute,
                    None => list.insert(0, dispute),
                }
            }
        });
    }

    /// Refresh while `active` is true, the tab is visible and the browser online: every
    /// [`AUTO_REFRESH_SECONDS`], backing off while the API fails, never before a Retry-After; at
    /// once when the tab becomes visible again after that long, or the browser comes back
    /// online (`crate::refresh`). Stops when the calling view goes away. Returns whether the
    /// tab is hidden (tracked), for the UI.
    pub fn auto_refresh(&self, active: Signal<bool>) -> Signal<bool> {
        let store = *self;
        refresh::poll(self.schedule, active, move || {
            if untrack(|| store.loading()) {
                return;
            }
            store.refetch_now(true);
        })
    }
}

pub fn use_disputes_store() -> DisputesStore {
    expect_context::<DisputesStore>()
}

// ---- Reason drafts (sessionStorage, one per company and order) ----

/// The draft's name within the company's scope (`drafts::storage_key`).
fn draft_name(order_id: &str) -> String {
    format!("dispute.{order_id}")
}

/// The unsent reason the signed-in company typed for this order, if any. Another company (or
/// the same company id on another environment) never sees it.
pub fn load_draft(session: SessionCtx, order_id: &str) -> Option<String> {
    drafts::load_stored(session, &draft_name(order_id))
}

/// Keep the reason as typed (an empty text removes the draft).
pub fn save_draft(session: SessionCtx, order_id: &str, text: &str) {
    drafts::save_stored(session, &draft_name(order_id), text);
}

pub fn clear_draft(session: SessionCtx, order_id: &str) {
    drafts::remove_stored(session, &draft_name(order_id));
}
