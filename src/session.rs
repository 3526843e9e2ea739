//! The signed-in session: API key, environment and company, held in a signal provided as
//! context, persisted in sessionStorage or localStorage, and kept in step across the tabs of the
//! browser.
//!
//! Ending a session (sign-out or an expired key) only changes state here; the shell watches
//! [`SessionCtx::ended`] and navigates to the sign-in page, so pages never handle it themselves.
//!
//! # One session in every tab
//!
//! The stored session is the truth. A session lives in one area: localStorage when "keep me
//! signed in" was chosen (the remembered session, one per browser), else this tab's
//! sessionStorage (a tab-only session; a duplicated tab or one opened from it starts with a copy).
//! Tabs keep in step through the `storage` event, which fires in the *other* tabs of the origin,
//! and only for localStorage. So:
//!
//! - A remembered tab follows localStorage `lumo.session` itself: a new key or company name
//!   stored there is taken at once; if it is removed or replaced by another company's session
//!   (someone signed in again, remembered or not), the tab keeps its company as a tab-only
//!   session (the device no longer remembers it; nothing that works is thrown away).
//! - Everything else goes through notices ([`sync::Notice`]) under localStorage
//!   `lumo.session.event`, written and removed again at once: the event carries the written value
//!   to the other tabs and nothing stays behind. A notice names the company by
//!   [`Session::scope`] and keys by [`key_fingerprint`]; only a new key's notice carries the key
//!   itself, which a tab-only session needs to take it, and which a remembered session has in
//!   localStorage anyway. The key is thus never kept in localStorage for a tab-only session.
//!   - *signed out*: every tab signs out, whatever company it shows (a sign-out also forgets
//!     every company's drafts); sent before the stored copies are removed, so a remembered tab
//!     ends instead of keeping its session for itself.
//!   - *expired*: every tab still on the refused key ends too.
//!   - *key changed* (regenerated here, or issued by a sign-in): tabs of the same company on the
//!     replaced key (any key, after a sign-in) take the new one and store it in their own area.
//!   - *key changing* / *key change over*: a regeneration is on its way, or ended without a new
//!     key.
//!
//! A 401 to a request sent with key K ([`SessionCtx::refused`], [`sync::after_refusal`]) ends the
//! session only if this tab still holds K *and* no stored session of the company (this tab's
//! area, then the other) has another key: a stale tab adopts the key another tab stored instead
//! of removing it, and a request that was in flight while the key changed (here or elsewhere) is
//! sent again with the new key rather than signing anyone out. While a regeneration is under way
//! (here, or announced by another tab), such a 401 waits for it to end first: the server may
//! already have rotated the key while the answer with the new one is still on its way.
//!
//! A tab that misses a notice (none is expected to) is no worse off than before: its next 401
//! ends its session, unless a newer key is stored.

use leptos::ev;
use leptos::prelude::*;

mod stored;
mod sync;

pub use stored::{key_fingerprint, restore, EndReason, Session, StorageArea, STORAGE_KEY};
use sync::{
    after_refusal, on_notice, on_remembered_change, KeyChangeWatch, Notice, Refusal, Step,
    NOTICE_KEY,
};

/// How long a 401 waits, at most, for key changes under way before it is judged anyway.
const MAX_WAIT_FOR_KEY_CHANGE_MS: f64 = 60_000.0;
/// How often a waiting 401 looks again.
const WAIT_STEP_MS: u32 = 100;

#[derive(Clone, Copy)]
pub struct SessionCtx {
    current: RwSignal<Option<Session>>,
    ended: RwSignal<Option<EndReason>>,
    key_changes: StoredValue<KeyChangeWatch>,
}

impl SessionCtx {
    /// Restore the stored session (if any), follow the other tabs and provide the context. Call
    /// once, at the root.
    pub fn provide() -> SessionCtx {
        let restored = restore(
            read(StorageArea::Session).as_deref(),
            read(StorageArea::Local).as_deref(),
        );
        let ctx = SessionCtx {
            current: RwSignal::new(restored),
            ended: RwSignal::new(None),
            key_changes: StoredValue::new(KeyChangeWatch::default()),
        };
        provide_context(ctx);
        let listener =
            window_event_listener(ev::storage, move |event| ctx.on_storage_event(&event));
        on_cleanup(move || listener.remove());
        ctx
    }

    /// The session, tracked.
    pub fn get(&self) -> Option<Session> {
        self.current.get()
    }

    /// The session, untracked; `None` also when the context is gone.
    pub fn get_untracked(&self) -> Option<Session> {
        self.current.try_get_untracked().flatten()
    }

    pub fn is_signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// Why the previous session ended, tracked; cleared on sign-in.
    pub fn ended(&self) -> Option<EndReason> {
        self.ended.get()
    }

    /// Store and start a session. Clears the other storage area so only one copy exists, and
    /// hands the key to the other tabs of the same company (a password sign-in issues a new one).
    pub fn sign_in(&self, session: Session) {
        remove(other_area(session.storage_area()));
        write(session.storage_area(), &session.to_json());
        announce(&Notice::KeyChanged {
            scope: session.scope(),
            from: None,
            api_key: session.api_key.clone(),
        });
        self.ended.try_set(None);
        self.current.try_set(Some(session));
    }

    /// Forget the session everywhere: in every tab, and both storage areas.
    pub fn sign_out(&self) {
        announce(&Notice::SignedOut);
        clear_storage();
        self.end_here(EndReason::SignedOut);
    }

    /// The API refused `key_used` (401), outside [`Client`](crate::client::Client) (which calls
    /// [`SessionCtx::refused`]): the session ends unless this tab or the storage holds a newer
    /// key of the company by now.
    pub fn expire(&self, key_used: &str) {
        let Some(scope) = self.get_untracked().map(|session| session.scope()) else {
            return;
        };
        let used = key_fingerprint(key_used);
        self.apply_refusal(self.refusal(&scope, used), used);
    }

    /// The API refused a request for `scope` sent with `key_used` (401). Waits for key changes
    /// under way, then applies the 401 rule (module doc). Gives the key the request may be sent
    /// again with: the company's key in this tab now, when it is no longer the refused one.
    pub(crate) async fn refused(&self, scope: &str, key_used: &str) -> Option<String> {
        let used = key_fingerprint(key_used);
        let started = now_ms();
        loop {
            let refusal = self.refusal(scope, used);
            let may_still_change = refusal == Refusal::End
                && self.key_change_pending(scope)
                && now_ms() - started < MAX_WAIT_FOR_KEY_CHANGE_MS;
            if !may_still_change {
                return self.apply_refusal(refusal, used);
            }
            crate::refresh::sleep(WAIT_STEP_MS).await;
        }
    }

    /// A request that rotates the key is being sent from this tab.
    pub(crate) fn key_change_started(&self) {
        self.key_changes
            .try_update_value(KeyChangeWatch::begin_local);
        if let Some(session) = self.get_untracked() {
            announce(&Notice::KeyChanging {
                scope: session.scope(),
                key: session.fingerprint(),
            });
        }
    }

    /// That request ended. With an answer, the new key follows ([`SessionCtx::replace_key`]);
    /// without one, the other tabs stop waiting for it.
    pub(crate) fn key_change_finished(&self, answered: bool) {
        self.key_changes.try_update_value(KeyChangeWatch::end_local);
        if let (false, Some(session)) = (answered, self.get_untracked()) {
            announce(&Notice::KeyChangeOver {
                scope: session.scope(),
            });
        }
    }

    /// The key was rotated from this tab (regenerate): keep the session, switch the key, here,
    /// in storage (a copy of the company's session in the other area too) and in the other tabs.
    pub fn replace_key(&self, api_key: String) {
        let Some(current) = self.get_untracked() else {
            return;
        };
        let from = current.fingerprint();
        let scope = current.scope();
        let session = Session {
            api_key: api_key.clone(),
            ..current
        };
        write(session.storage_area(), &session.to_json());
        let other = other_area(session.storage_area());
        let other_copy = read(other)
            .as_deref()
            .and_then(Session::from_json)
            .filter(|copy| copy.scope() == scope && copy.fingerprint() == from);
        if let Some(copy) = other_copy {
            let copy = Session {
                api_key: api_key.clone(),
                ..copy
            };
            write(other, &copy.to_json());
        }
        announce(&Notice::KeyChanged {
            scope,
            from: Some(from),
            api_key,
        });
        self.current.try_set(Some(session));
    }

    /// Keep the company name shown in the top bar in step with the profile.
    pub fn set_company_name(&self, name: &str) {
        let Some(mut session) = self.get_untracked() else {
            return;
        };
        if session.company_name != name {
            session.company_name = name.to_string();
            write(session.storage_area(), &session.to_json());
            self.current.try_set(Some(session));
        }
    }

    fn end_here(&self, reason: EndReason) {
        self.ended.try_set(Some(reason));
        self.current.try_set(None);
    }

    /// Continue with `session`, stored in its own area.
    fn take(&self, session: Session) {
        if self.get_untracked().as_ref() == Some(&session) {
            return;
        }
        let text = session.to_json();
        if read(session.storage_area()).as_deref() != Some(text.as_str()) {
            write(session.storage_area(), &text);
        }
        self.current.try_set(Some(session));
    }

    /// The key with fingerprint `key` is dead: forget every stored copy of it and end here.
    fn end_expired(&self, scope: &str, key: u64) {
        for which in [StorageArea::Session, StorageArea::Local] {
            let holds_it = read(which)
                .as_deref()
                .and_then(Session::from_json)
                .is_some_and(|stored| stored.scope() == scope && stored.fingerprint() == key);
            if holds_it {
                remove(which);
            }
        }
        self.end_here(EndReason::Expired);
    }

    fn refusal(&self, scope: &str, used: u64) -> Refusal {
        let current = self.get_untracked();
        let home = current
            .as_ref()
            .map_or(StorageArea::Session, Session::storage_area);
        let stored = [home, other_area(home)]
            .map(|which| read(which).as_deref().and_then(Session::from_json));
        after_refusal(current.as_ref(), scope, used, &stored)
    }

    fn apply_refusal(&self, refusal: Refusal, used: u64) -> Option<String> {
        match refusal {
            Refusal::NotSignedIn | Refusal::OtherCompany => None,
            Refusal::Replaced(session) => Some(session.api_key),
            Refusal::Adopt(session) => {
                let api_key = session.api_key.clone();
                self.take(session);
                Some(api_key)
            }
            Refusal::End => {
                if let Some(scope) = self.get_untracked().map(|session| session.scope()) {
                    announce(&Notice::Expired {
                        scope: scope.clone(),
                        key: used,
                    });
                    self.end_expired(&scope, used);
                }
                None
            }
        }
    }

    fn key_change_pending(&self, scope: &str) -> bool {
        let now = now_ms();
        self.key_changes
            .try_with_value(|watch| watch.pending(scope, now))
            .unwrap_or(false)
    }

    /// Another tab changed localStorage.
    fn on_storage_event(&self, event: &web_sys::StorageEvent) {
        let Some(local) = area(StorageArea::Local) else {
            return;
        };
        let in_local_storage = event
            .storage_area()
            .is_some_and(|changed| js_sys::Object::is(changed.as_ref(), local.as_ref()));
        if !in_local_storage {
            return;
        }
        match event.key() {
            Some(key) if key == NOTICE_KEY => {
                // The write carries the notice; its removal right after carries nothing.
                let Some(notice) = event.new_value().as_deref().and_then(Notice::from_json) else {
                    return;
                };
                let now = now_ms();
                self.key_changes
                    .try_update_value(|watch| watch.note(&notice, now));
                self.apply(on_notice(self.get_untracked().as_ref(), &notice));
            }
            // The remembered session, or everything (`localStorage.clear()`): read what is there
            // now rather than the event's value, which a later change may already have replaced.
            Some(key) if key != STORAGE_KEY => {}
            _ => {
                let stored = read(StorageArea::Local)
                    .as_deref()
                    .and_then(Session::from_json);
                self.apply(on_remembered_change(
                    self.get_untracked().as_ref(),
                    stored.as_ref(),
                ));
            }
        }
    }

    /// What another tab did, applied here (never announced again).
    fn apply(&self, step: Step) {
        match step {
            Step::Keep => {}
            Step::Take(session) => self.take(session),
            Step::End(EndReason::SignedOut) => {
                clear_storage();
                self.end_here(EndReason::SignedOut);
            }
            Step::End(EndReason::Expired) => {
                if let Some(session) = self.get_untracked() {
                    self.end_expired(&session.scope(), session.fingerprint());
                }
            }
        }
    }
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn other_area(which: StorageArea) -> StorageArea {
    match which {
        StorageArea::Session => StorageArea::Local,
        StorageArea::Local => StorageArea::Session,
    }
}

fn area(which: StorageArea) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    let storage = match which {
        StorageArea::Session => window.session_storage(),
        StorageArea::Local => window.local_storage(),
    };
    // Storage can be refused (privacy modes, sandboxed frames): the session then lives in memory.
    storage.ok().flatten()
}

fn read(which: StorageArea) -> Option<String> {
    area(which)?.get_item(STORAGE_KEY).ok().flatten()
}

fn write(which: StorageArea, value: &str) {
    if let Some(storage) = area(which) {
        let _ = storage.set_item(STORAGE_KEY, value);
    }
}

fn remove(which: StorageArea) {
    if let Some(storage) = area(which) {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

fn clear_storage() {
    remove(StorageArea::Session);
    remove(StorageArea::Local);
}

/// Tell the other tabs: written and removed again at once (module doc).
fn announce(notice: &Notice) {
    let Some(storage) = area(StorageArea::Local) else {
        return;
    };
    let nonce = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    let _ = storage.set_item(NOTICE_KEY, &notice.to_json(now_ms(), nonce));
    let _ = storage.remove_item(NOTICE_KEY);
}
