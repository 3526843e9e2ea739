//! One session in every tab: the pure rules. What a tab does when another tab says something
//! (a [`Notice`]), when the remembered session in localStorage changes, and when the API refuses
//! a key (401). No web APIs here, so it is tested natively; `session.rs` reads storage, listens
//! to the `storage` event and applies the [`Step`]s.
//!
//! Notices travel through localStorage under [`NOTICE_KEY`], written and removed again at once:
//! the `storage` event delivers the written value to every other tab of the origin, and nothing
//! stays behind, so a key carried by a notice (a tab-only session's new key) is never kept in
//! localStorage, whose persistence it would otherwise gain.

use serde::{Deserialize, Serialize};

use super::stored::{key_fingerprint, EndReason, Session};

/// localStorage key the notices pass through (never holds anything for longer than one write).
pub const NOTICE_KEY: &str = "lumo.session.event";

/// How long a tab waits for another tab's key change to finish ([`Notice::KeyChanging`]) before
/// it judges a 401 without it: more than a request may take (15 s by default), in case the
/// changing tab was closed and never said how it ended.
pub const REMOTE_KEY_CHANGE_WAIT_MS: f64 = 30_000.0;

/// What one tab tells the others. `scope` is [`Session::scope`] (API address and company id);
/// `key` and `from` are [`key_fingerprint`]s, never keys.
#[derive(Clone, PartialEq, Eq)]
pub enum Notice {
    /// "Sign out" was pressed: every tab signs out, whatever company it shows (like the drafts,
    /// which a sign-out forgets for every company).
    SignedOut,
    /// The API refused this key, and no newer key was stored: every tab holding it has ended.
    Expired { scope: String, key: u64 },
    /// A request that rotates the key (regenerate) was sent with the key `key`: until it ends, a
    /// 401 to that key may only mean the new key is on its way.
    KeyChanging { scope: String, key: u64 },
    /// The key change announced by [`Notice::KeyChanging`] ended without a new key (refused, or
    /// its answer lost): a 401 to the old key is judged now.
    KeyChangeOver { scope: String },
    /// A new key for `scope`: after a regeneration (`from`: the key it replaced) or a sign-in
    /// (`from`: none, the previous key is not known). Tabs on `from` (any key when none) take it.
    KeyChanged {
        scope: String,
        from: Option<u64>,
        api_key: String,
    },
}

/// Never prints the API key.
impl std::fmt::Debug for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::SignedOut => f.write_str("SignedOut"),
            Notice::Expired { scope, key } => write!(f, "Expired({scope}, {key:016x})"),
            Notice::KeyChanging { scope, key } => write!(f, "KeyChanging({scope}, {key:016x})"),
            Notice::KeyChangeOver { scope } => write!(f, "KeyChangeOver({scope})"),
            Notice::KeyChanged { scope, from, .. } => {
                write!(f, "KeyChanged({scope}, from {from:016x?}, <redacted>)")
            }
        }
    }
}

/// A notice as written: one flat JSON object, `kind` first, then the notice's fields, then `at`
/// and `nonce`, which make every write a change, so that two equal notices in a row each fire a
/// `storage` event: `{"kind":"expired","scope":"…","key":123,"at":1.0,"nonce":7}`.
///
/// Read and written through this flat shape rather than serde's internally tagged enum inside a
/// flattened envelope (the same JSON), whose generic buffering reader alone was 10 KB of wasm.
#[derive(Serialize, Deserialize)]
struct Wire {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<u64>,
    #[serde(default, rename = "apiKey", skip_serializing_if = "Option::is_none")]
    api_key: Option<String>,
    at: f64,
    nonce: u32,
}

impl Notice {
    pub fn to_json(&self, at_ms: f64, nonce: u32) -> String {
        let mut wire = Wire {
            kind: String::new(),
            scope: None,
            key: None,
            from: None,
            api_key: None,
            at: at_ms,
            nonce,
        };
        let kind = match self {
            Notice::SignedOut => "signed_out",
            Notice::Expired { scope, key } => {
                (wire.scope, wire.key) = (Some(scope.clone()), Some(*key));
                "expired"
            }
            Notice::KeyChanging { scope, key } => {
                (wire.scope, wire.key) = (Some(scope.clone()), Some(*key));
                "key_changing"
            }
            Notice::KeyChangeOver { scope } => {
                wire.scope = Some(scope.clone());
                "key_change_over"
            }
            Notice::KeyChanged {
                scope,
                from,
                api_key,
            } => {
                (wire.scope, wire.from) = (Some(scope.clone()), *from);
                wire.api_key = Some(api_key.clone());
                "key_changed"
            }
        };
        wire.kind = kind.to_string();
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// A notice read from a `storage` event; anything else (the removal right after, a newer
    /// version's kind, a notice missing a field, garbage) is none.
    pub fn from_json(text: &str) -> Option<Notice> {
        let wire: Wire = serde_json::from_str(text).ok()?;
        let notice = match wire.kind.as_str() {
            "signed_out" => Notice::SignedOut,
            "expired" => Notice::Expired {
                scope: wire.scope?,
                key: wire.key?,
            },
            "key_changing" => Notice::KeyChanging {
                scope: wire.scope?,
                key: wire.key?,
            },
            "key_change_over" => Notice::KeyChangeOver { scope: wire.scope? },
            "key_changed" => Notice::KeyChanged {
                scope: wire.scope?,
                from: wire.from,
                api_key: wire.api_key.filter(|key| !key.trim().is_empty())?,
            },
            _ => return None,
        };
        Some(notice)
    }
}

/// What a tab does with its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing changes.
    Keep,
    /// Continue with this session (same company; another key, name or storage area), and store
    /// it in its own area.
    Take(Session),
    /// The session ends here too.
    End(EndReason),
}

/// Another tab's notice, for a tab holding `current`.
pub fn on_notice(current: Option<&Session>, notice: &Notice) -> Step {
    let Some(current) = current else {
        return Step::Keep;
    };
    match notice {
        Notice::SignedOut => Step::End(EndReason::SignedOut),
        Notice::Expired { scope, key } => {
            if *scope == current.scope() && *key == current.fingerprint() {
                Step::End(EndReason::Expired)
            } else {
                Step::Keep
            }
        }
        Notice::KeyChanged {
            scope,
            from,
            api_key,
        } => {
            let ours = *scope == current.scope();
            let replaces_ours = from.is_none_or(|from| from == current.fingerprint());
            let new = key_fingerprint(api_key) != current.fingerprint();
            if ours && replaces_ours && new {
                Step::Take(Session {
                    api_key: api_key.trim().to_string(),
                    ..current.clone()
                })
            } else {
                Step::Keep
            }
        }
        Notice::KeyChanging { .. } | Notice::KeyChangeOver { .. } => Step::Keep,
    }
}

/// The remembered session in localStorage changed (another tab wrote or removed it), for a tab
/// holding `current`; `stored` is what localStorage holds now. Only a remembered session follows
/// localStorage: a tab-only one lives in its own sessionStorage.
///
/// - Same company: take it (a new key, a new company name).
/// - Gone, or another company's: this device no longer remembers this tab's session (someone
///   signed in again, with or without "keep me signed in"). The tab keeps its company for as long
///   as it is open, as a tab-only session. A sign-out or an expired key is not this case: their
///   notice comes first and has ended the session already.
pub fn on_remembered_change(current: Option<&Session>, stored: Option<&Session>) -> Step {
    let Some(current) = current.filter(|session| session.remember) else {
        return Step::Keep;
    };
    match stored {
        Some(stored) if stored.scope() == current.scope() => {
            let taken = Session {
                remember: true,
                ..stored.clone()
            };
            if taken == *current {
                Step::Keep
            } else {
                Step::Take(taken)
            }
        }
        _ => Step::Take(Session {
            remember: false,
            ..current.clone()
        }),
    }
}

/// What a 401 means, for a request sent for `scope` with the key whose fingerprint is `used`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody is signed in (any more): nothing to do.
    NotSignedIn,
    /// This tab is signed in as another company now: the refusal is not about its session.
    OtherCompany,
    /// This tab already holds another key of the company (rotated here or adopted meanwhile):
    /// the request may go again with it.
    Replaced(Session),
    /// A newer key of the company is stored (another tab changed it): continue with it, and the
    /// request may go again with it.
    Adopt(Session),
    /// The refused key is still this tab's and the stored one (or nothing is stored): the session
    /// ends.
    End,
}

/// The 401 rule. `stored` is what storage holds now, this tab's own area first: a 401 ends the
/// session only if no stored session of the same company has another key, so neither a stale
/// tab nor a request that was in flight while the key changed can drop a newer key.
pub fn after_refusal(
    current: Option<&Session>,
    scope: &str,
    used: u64,
    stored: &[Option<Session>],
) -> Refusal {
    let Some(current) = current else {
        return Refusal::NotSignedIn;
    };
    if current.scope() != scope {
        return Refusal::OtherCompany;
    }
    if current.fingerprint() != used {
        return Refusal::Replaced(current.clone());
    }
    let newer = stored
        .iter()
        .flatten()
        .find(|stored| stored.scope() == scope && stored.fingerprint() != used);
    match newer {
        Some(stored) => Refusal::Adopt(Session {
            api_key: stored.api_key.clone(),
            ..current.clone()
        }),
        None => Refusal::End,
    }
}

/// Key changes under way, here and in other tabs: while one is, a 401 to the current key waits
/// for it (its new key may be on its way) instead of ending the session.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct KeyChangeWatch {
    /// Key-rotating requests this tab has in flight.
    local: u32,
    /// Until when another tab's announced key change may still be under way, and for which
    /// company.
    remote: Option<(String, f64)>,
}

impl KeyChangeWatch {
    pub fn begin_local(&mut self) {
        self.local = self.local.saturating_add(1);
    }

    pub fn end_local(&mut self) {
        self.local = self.local.saturating_sub(1);
    }

    /// Follow another tab's notice, received at `now_ms`.
    pub fn note(&mut self, notice: &Notice, now_ms: f64) {
        match notice {
            Notice::KeyChanging { scope, .. } => {
                self.remote = Some((scope.clone(), now_ms + REMOTE_KEY_CHANGE_WAIT_MS));
            }
            Notice::SignedOut => self.remote = None,
            Notice::KeyChangeOver { scope }
            | Notice::KeyChanged { scope, .. }
            | Notice::Expired { scope, .. } => {
                if self
                    .remote
                    .as_ref()
                    .is_some_and(|(waiting, _)| waiting == scope)
                {
                    self.remote = None;
                }
            }
        }
    }

    /// Whether a key change of `scope` may be under way at `now_ms`.
    pub fn pending(&self, scope: &str, now_ms: f64) -> bool {
        self.local > 0
            || self
                .remote
                .as_ref()
                .is_some_and(|(waiting, until)| waiting == scope && now_ms < *until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Environment;

    const OLD: &str = "lb2b_0123456789abcdef0123456789abcdef";
    const NEW: &str = "lb2b_ffffffffffffffffffffffffffffffff";
    const NEWER: &str = "lb2b_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

    fn session(key: &str, company: &str, remember: bool) -> Session {
        Session {
            api_key: key.into(),
            environment: Environment {
                id: "sandbox".into(),
                name: "Sandbox".into(),
                api_base_url: "http://127.0.0.1:8787".into(),
            },
            company_id: company.into(),
            company_name: "Demo".into(),
            remember,
        }
    }

    fn scope() -> String {
        session(OLD, "c1", false).scope()
    }

    fn with_key(session: &Session, key: &str) -> Session {
        Session {
            api_key: key.into(),
            ..session.clone()
        }
    }

    fn changed(from: Option<&str>, key: &str) -> Notice {
        Notice::KeyChanged {
            scope: scope(),
            from: from.map(key_fingerprint),
            api_key: key.into(),
        }
    }

    #[test]
    fn notices_round_trip_and_anything_else_is_none() {
        let notices = [
            Notice::SignedOut,
            Notice::Expired {
                scope: scope(),
                key: key_fingerprint(OLD),
            },
            Notice::KeyChanging {
                scope: scope(),
                key: key_fingerprint(OLD),
            },
            Notice::KeyChangeOver { scope: scope() },
            changed(Some(OLD), NEW),
            changed(None, NEW),
        ];
        for notice in notices {
            let text = notice.to_json(1.0, 7);
            assert_eq!(Notice::from_json(&text), Some(notice.clone()), "{text}");
            assert_ne!(text, notice.to_json(1.0, 8), "every write differs");
        }
        assert_eq!(Notice::from_json(""), None);
        assert_eq!(Notice::from_json("garbage"), None);
        assert_eq!(
            Notice::from_json(r#"{"kind":"from_the_future","at":1,"nonce":1}"#),
            None
        );
        assert_eq!(
            Notice::from_json(&changed(None, "  ").to_json(1.0, 1)),
            None,
            "an empty key is never taken"
        );
    }

    #[test]
    fn the_wire_format_is_one_flat_object_that_other_versions_read() {
        let fingerprint = key_fingerprint(OLD);
        assert_eq!(
            Notice::Expired {
                scope: "s".into(),
                key: fingerprint,
            }
            .to_json(1.5, 7),
            format!(r#"{{"kind":"expired","scope":"s","key":{fingerprint},"at":1.5,"nonce":7}}"#)
        );
        assert_eq!(
            Notice::SignedOut.to_json(2.0, 1),
            r#"{"kind":"signed_out","at":2.0,"nonce":1}"#
        );
        // As the previous version wrote a sign-in's new key (`from` null) and a key change.
        assert_eq!(
            Notice::from_json(
                r#"{"kind":"key_changed","scope":"s","from":null,"apiKey":"k","at":1.0,"nonce":3}"#
            ),
            Some(Notice::KeyChanged {
                scope: "s".into(),
                from: None,
                api_key: "k".into(),
            })
        );
        assert_eq!(
            Notice::from_json(r#"{"kind":"key_change_over","scope":"s","at":1.0,"nonce":3}"#),
            Some(Notice::KeyChangeOver { scope: "s".into() })
        );
        assert_eq!(
            Notice::from_json(r#"{"kind":"expired","scope":"s","at":1.0,"nonce":3}"#),
            None,
            "a notice missing its key"
        );
    }

    #[test]
    fn only_a_key_changed_notice_carries_a_key_and_debug_never_shows_it() {
        for notice in [
            Notice::Expired {
                scope: scope(),
                key: key_fingerprint(OLD),
            },
            Notice::KeyChanging {
                scope: scope(),
                key: key_fingerprint(OLD),
            },
        ] {
            assert!(!notice.to_json(1.0, 1).contains("lb2b_"));
        }
        let notice = changed(Some(OLD), NEW);
        assert!(!format!("{notice:?}").contains("lb2b_"));
        assert!(!format!("{notice:?}").contains(&"f".repeat(32)));
    }

    #[test]
    fn a_sign_out_anywhere_ends_every_session() {
        let here = session(OLD, "c1", false);
        let other_company = session(NEW, "c2", true);
        for current in [&here, &other_company] {
            assert_eq!(
                on_notice(Some(current), &Notice::SignedOut),
                Step::End(EndReason::SignedOut)
            );
        }
        assert_eq!(on_notice(None, &Notice::SignedOut), Step::Keep);
    }

    #[test]
    fn an_expired_key_ends_only_the_sessions_holding_it() {
        let notice = Notice::Expired {
            scope: scope(),
            key: key_fingerprint(OLD),
        };
        assert_eq!(
            on_notice(Some(&session(OLD, "c1", true)), &notice),
            Step::End(EndReason::Expired)
        );
        assert_eq!(
            on_notice(Some(&session(NEW, "c1", true)), &notice),
            Step::Keep,
            "a newer key of the same company lives on"
        );
        assert_eq!(
            on_notice(Some(&session(OLD, "c2", true)), &notice),
            Step::Keep,
            "another company"
        );
    }

    #[test]
    fn a_new_key_is_taken_by_the_tabs_of_its_company_on_the_key_it_replaced() {
        let tab_only = session(OLD, "c1", false);
        let step = on_notice(Some(&tab_only), &changed(Some(OLD), NEW));
        assert_eq!(
            step,
            Step::Take(with_key(&tab_only, NEW)),
            "keeps its storage area"
        );
        let remembered = session(OLD, "c1", true);
        assert_eq!(
            on_notice(Some(&remembered), &changed(None, &format!(" {NEW} "))),
            Step::Take(with_key(&remembered, NEW)),
            "a sign-in's key replaces any key, trimmed"
        );
        // Already on it; another company; a notice about a key this tab no longer holds (an
        // older change arriving late must not bring back a replaced key).
        assert_eq!(
            on_notice(Some(&session(NEW, "c1", false)), &changed(Some(OLD), NEW)),
            Step::Keep
        );
        assert_eq!(
            on_notice(Some(&session(OLD, "c2", false)), &changed(Some(OLD), NEW)),
            Step::Keep
        );
        assert_eq!(
            on_notice(Some(&session(NEWER, "c1", false)), &changed(Some(OLD), NEW)),
            Step::Keep
        );
        assert_eq!(on_notice(None, &changed(None, NEW)), Step::Keep);
        assert_eq!(
            on_notice(
                Some(&tab_only),
                &Notice::KeyChanging {
                    scope: scope(),
                    key: key_fingerprint(OLD)
                }
            ),
            Step::Keep
        );
    }

    #[test]
    fn a_remembered_tab_follows_local_storage() {
        let current = session(OLD, "c1", true);
        // A new key, a new name: taken.
        let mut stored = session(NEW, "c1", true);
        stored.company_name = "Renamed".into();
        assert_eq!(
            on_remembered_change(Some(&current), Some(&stored)),
            Step::Take(stored.clone())
        );
        assert_eq!(
            on_remembered_change(Some(&current), Some(&current)),
            Step::Keep
        );
        // Gone, or another company remembered now: kept for this tab only.
        let tab_only = session(OLD, "c1", false);
        assert_eq!(
            on_remembered_change(Some(&current), None),
            Step::Take(tab_only.clone())
        );
        assert_eq!(
            on_remembered_change(Some(&current), Some(&session(NEW, "c2", true))),
            Step::Take(tab_only.clone())
        );
        // A tab-only session does not follow localStorage; nobody signed in does nothing.
        assert_eq!(on_remembered_change(Some(&tab_only), None), Step::Keep);
        assert_eq!(on_remembered_change(None, Some(&current)), Step::Keep);
    }

    #[test]
    fn a_401_ends_the_session_only_if_the_stored_key_is_the_refused_one() {
        let used = key_fingerprint(OLD);
        let current = session(OLD, "c1", false);
        // Nothing stored, or the refused key stored: ends.
        assert_eq!(
            after_refusal(Some(&current), &scope(), used, &[None, None]),
            Refusal::End
        );
        assert_eq!(
            after_refusal(
                Some(&current),
                &scope(),
                used,
                &[Some(current.clone()), Some(session(OLD, "c1", true))]
            ),
            Refusal::End
        );
        // Another tab stored a new key (this tab's area, or the remembered one): adopted, and this
        // tab keeps its storage area and company name.
        let mut newer = session(NEW, "c1", true);
        newer.company_name = "Other name".into();
        assert_eq!(
            after_refusal(
                Some(&current),
                &scope(),
                used,
                &[Some(current.clone()), Some(newer)]
            ),
            Refusal::Adopt(with_key(&current, NEW))
        );
        // Another company's stored session is no newer key of this one.
        assert_eq!(
            after_refusal(
                Some(&current),
                &scope(),
                used,
                &[None, Some(session(NEW, "c2", true))]
            ),
            Refusal::End
        );
    }

    #[test]
    fn a_401_to_a_key_this_tab_no_longer_holds_ends_nothing() {
        let used = key_fingerprint(OLD);
        // Rotated in this tab (or adopted) while the request was on its way: send again.
        let rotated = session(NEW, "c1", false);
        assert_eq!(
            after_refusal(Some(&rotated), &scope(), used, &[None, None]),
            Refusal::Replaced(rotated.clone())
        );
        assert_eq!(
            after_refusal(Some(&session(OLD, "c2", false)), &scope(), used, &[None]),
            Refusal::OtherCompany
        );
        assert_eq!(
            after_refusal(None, &scope(), used, &[None]),
            Refusal::NotSignedIn
        );
    }

    #[test]
    fn a_key_change_under_way_is_waited_for_until_it_ends() {
        let mut watch = KeyChangeWatch::default();
        assert!(!watch.pending(&scope(), 0.0));
        watch.begin_local();
        assert!(watch.pending(&scope(), 0.0));
        assert!(
            watch.pending("elsewhere|c9", 0.0),
            "this tab's own change holds every 401"
        );
        watch.end_local();
        watch.end_local();
        assert!(!watch.pending(&scope(), 0.0), "never below zero");

        let changing = Notice::KeyChanging {
            scope: scope(),
            key: key_fingerprint(OLD),
        };
        watch.note(&changing, 1_000.0);
        assert!(watch.pending(&scope(), 1_000.0));
        assert!(!watch.pending("elsewhere|c9", 1_000.0));
        assert!(
            !watch.pending(&scope(), 1_000.0 + REMOTE_KEY_CHANGE_WAIT_MS),
            "a tab that never says how it ended is waited for a bounded time"
        );
        for over in [
            changed(Some(OLD), NEW),
            Notice::KeyChangeOver { scope: scope() },
            Notice::Expired {
                scope: scope(),
                key: key_fingerprint(OLD),
            },
            Notice::SignedOut,
        ] {
            watch.note(&changing, 1_000.0);
            watch.note(
                &Notice::KeyChangeOver {
                    scope: "other|c2".into(),
                },
                1_001.0,
            );
            assert!(watch.pending(&scope(), 1_001.0), "another company's change");
            watch.note(&over, 1_002.0);
            assert!(!watch.pending(&scope(), 1_002.0), "{over:?}");
        }
    }
}
