//! The signed-in session: API key, environment and company, held in a signal provided as
//! context, persisted in sessionStorage or localStorage.
//!
//! Ending a session (sign-out or an expired key) only changes state here; the shell watches
//! [`SessionCtx::ended`] and navigates to the sign-in page, so pages never handle it themselves.

use leptos::prelude::*;

mod stored;

pub use stored::{restore, Session, StorageArea, STORAGE_KEY};

/// Why the last session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The user pressed "Sign out".
    SignedOut,
    /// The API answered 401: the key was rotated or revoked elsewhere.
    Expired,
}

#[derive(Clone, Copy)]
pub struct SessionCtx {
    current: RwSignal<Option<Session>>,
    ended: RwSignal<Option<EndReason>>,
}

impl SessionCtx {
    /// Restore the stored session (if any) and provide the context. Call once, at the root.
    pub fn provide() -> SessionCtx {
        let restored = restore(
            read(StorageArea::Session).as_deref(),
            read(StorageArea::Local).as_deref(),
        );
        let ctx = SessionCtx {
            current: RwSignal::new(restored),
            ended: RwSignal::new(None),
        };
        provide_context(ctx);
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

    /// Store and start a session. Clears the other storage area so only one copy exists.
    pub fn sign_in(&self, session: Session) {
        clear_storage();
        write(session.storage_area(), &session.to_json());
        self.ended.try_set(None);
        self.current.try_set(Some(session));
    }

    /// Forget the session everywhere.
    pub fn sign_out(&self) {
        self.end(EndReason::SignedOut);
    }

    /// The key stopped working (401). Only if `key_used` is still the current key: a request
    /// sent with a key that was since rotated by this very tab must not end the new session.
    pub fn expire(&self, key_used: &str) {
        let still_current = self
            .get_untracked()
            .is_some_and(|session| session.api_key == key_used);
        if still_current {
            self.end(EndReason::Expired);
        }
    }

    /// The key was rotated from this tab (regenerate): keep the session, switch the key.
    pub fn replace_key(&self, api_key: String) {
        let Some(mut session) = self.get_untracked() else {
            return;
        };
        session.api_key = api_key;
        write(session.storage_area(), &session.to_json());
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

    fn end(&self, reason: EndReason) {
        clear_storage();
        self.ended.try_set(Some(reason));
        self.current.try_set(None);
    }
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
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

fn clear_storage() {
    for which in [StorageArea::Session, StorageArea::Local] {
        if let Some(storage) = area(which) {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}
