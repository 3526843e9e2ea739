//! The signed-in session as stored in the browser, and the pure rules around it. No web APIs
//! here, so it is tested natively.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::Environment;

/// Key under which the session is stored in sessionStorage or localStorage.
pub const STORAGE_KEY: &str = "lumo.session";

/// Why the last session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The user pressed "Sign out" (in this tab or another).
    SignedOut,
    /// The API answered 401 to the key this session holds: it was rotated or revoked elsewhere.
    Expired,
}

/// FNV-1a of the (trimmed) API key: tells keys apart without keeping or printing one. Used by the
/// response cache and by the cross-tab rules ([`super::sync`]); never stored, never shown.
pub fn key_fingerprint(api_key: &str) -> u64 {
    api_key
        .trim()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

/// Everything the portal needs to call the API for one company.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub api_key: String,
    pub environment: Environment,
    pub company_id: String,
    pub company_name: String,
    /// Kept in localStorage (survives the browser) rather than sessionStorage (this tab only).
    pub remember: bool,
}

/// Never prints the API key.
impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("api_key", &"<redacted>")
            .field("environment", &self.environment)
            .field("company_id", &self.company_id)
            .field("company_name", &self.company_name)
            .field("remember", &self.remember)
            .finish()
    }
}

/// Which Web Storage area holds the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageArea {
    /// sessionStorage: gone when the tab closes.
    Session,
    /// localStorage: "keep me signed in on this device".
    Local,
}

impl Session {
    pub fn storage_area(&self) -> StorageArea {
        if self.remember {
            StorageArea::Local
        } else {
            StorageArea::Session
        }
    }

    /// [`key_fingerprint`] of this session's key.
    pub fn fingerprint(&self) -> u64 {
        key_fingerprint(&self.api_key)
    }

    pub fn to_json(&self) -> String {
        // Plain strings and a bool: serialising cannot fail; an empty string stores nothing.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What every per-company browser state (drafts, pending changes, "last seen" marks) is keyed
    /// by: the environment's API address and the company id. The address rather than the
    /// environment id, because every custom URL shares the id "custom". Safe in a storage key:
    /// `|` never occurs in a URL host and the parts are not secret (no key).
    pub fn scope(&self) -> String {
        format!(
            "{}|{}",
            self.environment.api_base_url.trim_end_matches('/'),
            self.company_id
        )
    }

    /// Read a stored session; anything unreadable or incomplete counts as signed out.
    pub fn from_json(text: &str) -> Option<Session> {
        let session: Session = serde_json::from_str(text).ok()?;
        let complete = !session.api_key.trim().is_empty()
            && !session.environment.api_base_url.trim().is_empty();
        complete.then_some(session)
    }
}

/// The session to restore at start: this tab's own (sessionStorage) first, then the remembered
/// one (localStorage).
pub fn restore(session_storage: Option<&str>, local_storage: Option<&str>) -> Option<Session> {
    session_storage
        .and_then(Session::from_json)
        .or_else(|| local_storage.and_then(Session::from_json))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(remember: bool) -> Session {
        Session {
            api_key: "lb2b_0123456789abcdef0123456789abcdef".into(),
            environment: Environment {
                id: "sandbox".into(),
                name: "Sandbox".into(),
                api_base_url: "http://127.0.0.1:8787".into(),
            },
            company_id: "c1".into(),
            company_name: "Demo".into(),
            remember,
        }
    }

    #[test]
    fn round_trips_through_json() {
        let session = sample(true);
        assert_eq!(Session::from_json(&session.to_json()), Some(session));
    }

    #[test]
    fn remember_chooses_local_storage() {
        assert_eq!(sample(true).storage_area(), StorageArea::Local);
        assert_eq!(sample(false).storage_area(), StorageArea::Session);
    }

    #[test]
    fn debug_output_hides_the_key() {
        let text = format!("{:?}", sample(false));
        assert!(!text.contains("lb2b_"));
        assert!(text.contains("redacted"));
    }

    #[test]
    fn scope_tells_companies_and_environments_apart_and_holds_no_key() {
        let a = sample(false);
        let mut other_company = sample(false);
        other_company.company_id = "c2".into();
        let mut other_env = sample(false);
        other_env.environment.api_base_url = "https://api.lumo.example".into();
        let mut new_key = sample(true);
        new_key.api_key = "lb2b_ffffffffffffffffffffffffffffffff".into();
        assert_ne!(a.scope(), other_company.scope());
        assert_ne!(a.scope(), other_env.scope());
        assert_eq!(
            a.scope(),
            new_key.scope(),
            "a rotated key is the same company"
        );
        assert!(!a.scope().contains("lb2b_"));
    }

    #[test]
    fn fingerprints_tell_keys_apart_and_ignore_surrounding_space() {
        let key = "lb2b_0123456789abcdef0123456789abcdef";
        assert_eq!(key_fingerprint(key), key_fingerprint(&format!(" {key}\n")));
        assert_ne!(
            key_fingerprint(key),
            key_fingerprint("lb2b_0123456789abcdef0123456789abcdee")
        );
        assert_eq!(sample(true).fingerprint(), key_fingerprint(key));
        // The FNV-1a offset basis and prime: the value is stable across builds and versions.
        assert_eq!(key_fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(key_fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn broken_or_empty_storage_is_signed_out() {
        assert_eq!(Session::from_json("not json"), None);
        let mut empty_key = sample(false);
        empty_key.api_key = " ".into();
        assert_eq!(Session::from_json(&empty_key.to_json()), None);
        assert_eq!(restore(None, None), None);
    }

    #[test]
    fn tab_session_wins_over_remembered_one() {
        let tab = sample(false);
        let mut remembered = sample(true);
        remembered.company_name = "Other".into();
        let restored = restore(Some(&tab.to_json()), Some(&remembered.to_json()));
        assert_eq!(restored, Some(tab));
        let restored = restore(Some("garbage"), Some(&remembered.to_json()));
        assert_eq!(restored, Some(remembered));
    }
}
