//! Unsaved form input, kept per company and environment ([`Session::scope`]).
//!
//! - In memory ([`Drafts`]: profile fields, new-order input), across navigation, so a form
//!   interrupted by an expired key (sign-in, then back) comes back as the user left it.
//! - In sessionStorage (the dispute reasons, `disputes_store`), under [`storage_key`], so they
//!   also survive a reload.
//!
//! A draft is only ever shown to the company and environment it was typed for: signing in as
//! another company (or the same company id on another API address) finds none of it, while
//! signing in again as the same company after a 401 finds all of it. An explicit sign-out
//! forgets every draft of every scope, in memory and in storage.
//!
//! [`Session::scope`]: crate::session::Session::scope

use std::collections::HashMap;

use leptos::prelude::*;
use lumo_api::requests::percent_encode;

use crate::session::{use_session, EndReason, SessionCtx};

/// Every draft kept in Web Storage starts with this.
pub const STORAGE_PREFIX: &str = "lumo.draft.";

/// Drafts stored before they were scoped (one key per order, any company): never read, still
/// removed on sign-out.
const LEGACY_STORAGE_PREFIXES: &[&str] = &["lumo.disputeDraft."];

/// The Web Storage key of the draft `name` of `scope`. Both parts are percent-encoded (which
/// leaves no `/` in either), so two different (scope, name) pairs never share a key.
pub fn storage_key(scope: &str, name: &str) -> String {
    format!(
        "{STORAGE_PREFIX}{}/{}",
        percent_encode(scope),
        percent_encode(name)
    )
}

/// Whether a Web Storage key holds a draft (of any scope, current or legacy format).
pub fn is_draft_storage_key(key: &str) -> bool {
    key.starts_with(STORAGE_PREFIX)
        || LEGACY_STORAGE_PREFIXES
            .iter()
            .any(|prefix| key.starts_with(prefix))
}

/// The in-memory drafts of every scope. Pure, so it is tested natively.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DraftBook {
    by_scope: HashMap<String, HashMap<String, String>>,
}

impl DraftBook {
    pub fn get(&self, scope: &str, key: &str) -> Option<&String> {
        self.by_scope.get(scope)?.get(key)
    }

    pub fn set(&mut self, scope: &str, key: &str, value: String) {
        self.by_scope
            .entry(scope.to_string())
            .or_default()
            .insert(key.to_string(), value);
    }

    pub fn remove(&mut self, scope: &str, key: &str) {
        if let Some(values) = self.by_scope.get_mut(scope) {
            values.remove(key);
            if values.is_empty() {
                self.by_scope.remove(scope);
            }
        }
    }

    /// Forget the drafts of `scope` whose key starts with `prefix`; other scopes keep theirs.
    pub fn clear_prefix(&mut self, scope: &str, prefix: &str) {
        if let Some(values) = self.by_scope.get_mut(scope) {
            values.retain(|key, _| !key.starts_with(prefix));
            if values.is_empty() {
                self.by_scope.remove(scope);
            }
        }
    }

    pub fn clear(&mut self) {
        self.by_scope.clear();
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.by_scope.is_empty()
    }
}

/// The drafts of the signed-in company, provided once at the root. Every method works on the
/// current session's scope; without a session, `get` finds nothing and the others do nothing.
#[derive(Clone, Copy)]
pub struct Drafts {
    session: SessionCtx,
    book: StoredValue<DraftBook>,
}

impl Drafts {
    /// Call once, after [`SessionCtx::provide`].
    pub fn provide() -> Drafts {
        let session = use_session();
        let drafts = Drafts {
            session,
            book: StoredValue::new(DraftBook::default()),
        };
        provide_context(drafts);
        // However the sign-out was asked for, it forgets every draft (the shell also clears them
        // at once, before the session ends). An expired key keeps them.
        Effect::new(move |_| {
            if session.ended() == Some(EndReason::SignedOut) {
                drafts.clear_all();
            }
        });
        drafts
    }

    fn scope(&self) -> Option<String> {
        self.session.get_untracked().map(|session| session.scope())
    }

    pub fn get(&self, key: &str) -> Option<String> {
        let scope = self.scope()?;
        self.book
            .try_with_value(|book| book.get(&scope, key).cloned())
            .flatten()
    }

    pub fn set(&self, key: &str, value: String) {
        let Some(scope) = self.scope() else {
            return;
        };
        self.book
            .try_update_value(|book| book.set(&scope, key, value));
    }

    pub fn remove(&self, key: &str) {
        let Some(scope) = self.scope() else {
            return;
        };
        self.book.try_update_value(|book| book.remove(&scope, key));
    }

    /// Forget every draft of this company whose key starts with `prefix` (after a save).
    pub fn clear_prefix(&self, prefix: &str) {
        let Some(scope) = self.scope() else {
            return;
        };
        self.book
            .try_update_value(|book| book.clear_prefix(&scope, prefix));
    }

    /// Forget every draft of every company: memory and Web Storage (explicit sign-out).
    pub fn clear_all(&self) {
        self.book.try_update_value(DraftBook::clear);
        clear_stored_drafts();
    }
}

pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}

// ---- Web Storage ----
// Raw on purpose: leptos-use's use_storage binds one signal to one key under an owner (written
// from an effect, with its own storage-event listener). These are plain calls with a key made per
// call (scope + name) by disputes_store, and the sign-out sweep enumerates keys, which it cannot.

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The stored draft `name` of the signed-in company (an empty text counts as none).
pub fn load_stored(session: SessionCtx, name: &str) -> Option<String> {
    let scope = session.get_untracked()?.scope();
    session_storage()?
        .get_item(&storage_key(&scope, name))
        .ok()
        .flatten()
        .filter(|text| !text.is_empty())
}

/// Keep `text` as the draft `name` of the signed-in company; an empty text removes it.
pub fn save_stored(session: SessionCtx, name: &str, text: &str) {
    let Some(scope) = session.get_untracked().map(|s| s.scope()) else {
        return;
    };
    let Some(storage) = session_storage() else {
        return;
    };
    let key = storage_key(&scope, name);
    let _ = if text.is_empty() {
        storage.remove_item(&key)
    } else {
        storage.set_item(&key, text)
    };
}

pub fn remove_stored(session: SessionCtx, name: &str) {
    let Some(scope) = session.get_untracked().map(|s| s.scope()) else {
        return;
    };
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(&storage_key(&scope, name));
    }
}

/// Remove every stored draft, of every scope, from both storage areas (drafts are only written
/// to sessionStorage; localStorage is swept too in case an older version wrote there).
pub fn clear_stored_drafts() {
    let window = web_sys::window();
    let areas = [
        window
            .as_ref()
            .and_then(|w| w.session_storage().ok().flatten()),
        window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten()),
    ];
    for storage in areas.into_iter().flatten() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| is_draft_storage_key(key))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "http://127.0.0.1:8787|company-a";
    const B: &str = "http://127.0.0.1:8787|company-b";
    const A_ELSEWHERE: &str = "https://api.lumo.example|company-a";

    #[test]
    fn a_draft_is_seen_only_by_its_own_scope() {
        let mut book = DraftBook::default();
        book.set(A, "profile.webhookUrl", "https://a.example/hook".into());
        assert_eq!(
            book.get(A, "profile.webhookUrl").map(String::as_str),
            Some("https://a.example/hook")
        );
        assert_eq!(book.get(B, "profile.webhookUrl"), None);
        assert_eq!(book.get(A_ELSEWHERE, "profile.webhookUrl"), None);
    }

    #[test]
    fn clearing_a_prefix_leaves_other_scopes_and_keys_alone() {
        let mut book = DraftBook::default();
        book.set(A, "profile.webhookUrl", "a".into());
        book.set(A, "new-order.qrCode", "qr".into());
        book.set(B, "profile.webhookUrl", "b".into());
        book.clear_prefix(A, "profile.");
        assert_eq!(book.get(A, "profile.webhookUrl"), None);
        assert_eq!(
            book.get(A, "new-order.qrCode").map(String::as_str),
            Some("qr")
        );
        assert_eq!(
            book.get(B, "profile.webhookUrl").map(String::as_str),
            Some("b")
        );
        book.remove(A, "new-order.qrCode");
        book.remove(B, "profile.webhookUrl");
        assert!(book.is_empty(), "empty scopes are dropped");
    }

    #[test]
    fn clear_forgets_every_scope() {
        let mut book = DraftBook::default();
        book.set(A, "k", "1".into());
        book.set(B, "k", "2".into());
        book.clear();
        assert!(book.is_empty());
    }

    #[test]
    fn storage_keys_differ_per_scope_and_name_and_are_recognised() {
        let a = storage_key(A, "dispute.o1");
        assert_ne!(a, storage_key(B, "dispute.o1"));
        assert_ne!(a, storage_key(A_ELSEWHERE, "dispute.o1"));
        assert_ne!(a, storage_key(A, "dispute.o2"));
        assert!(a.starts_with(STORAGE_PREFIX));
        assert!(is_draft_storage_key(&a));
        assert!(is_draft_storage_key("lumo.disputeDraft.o1"), "legacy key");
        assert!(!is_draft_storage_key("lumo.session"));
        assert!(!is_draft_storage_key("lumo.theme"));
    }

    #[test]
    fn storage_keys_cannot_be_forged_by_moving_the_separator() {
        // A scope ending like a name, or a name starting like a scope, gives another key.
        assert_ne!(storage_key("x/y", "z"), storage_key("x", "y/z"));
        assert_ne!(storage_key("x|y", "z"), storage_key("x", "y|z"));
        assert_ne!(storage_key("x%2Fy", "z"), storage_key("x/y", "z"));
        let key = storage_key(A, "dispute.o1");
        assert_eq!(key.matches('/').count(), 1, "{key}");
    }
}
