//! The response store behind the cache: successful GET answers, kept for [`FRESH_MS`] so a page
//! visited again shortly renders at once instead of asking again.
//!
//! Keyed by environment, a fingerprint of the API key (never the key) and the full URL. Any
//! successful mutation and the end of a session clear everything: simple, and never stale after
//! this tab changed something. Pure (the clock is passed in); tested natively.

use std::collections::HashMap;
use std::rc::Rc;

use crate::session::key_fingerprint;

/// How long an answer is reused without asking the API again.
pub const FRESH_MS: f64 = 30_000.0;
/// At most this many answers are kept (the oldest go first); pages hold a handful.
pub const MAX_ENTRIES: usize = 64;

/// What a cached answer is looked up by. Holds a fingerprint of the API key, never the key.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    base_url: String,
    key_fingerprint: u64,
    url: String,
}

impl CacheKey {
    pub fn new(base_url: &str, api_key: Option<&str>, url: &str) -> CacheKey {
        CacheKey {
            base_url: base_url.trim_end_matches('/').to_string(),
            key_fingerprint: api_key.map_or(0, key_fingerprint),
            url: url.to_string(),
        }
    }
}

/// A successful answer as received: status and body text, decoded by each reader.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

struct Entry {
    stored_at_ms: f64,
    answer: Rc<Answer>,
}

#[derive(Default)]
pub struct ResponseCache {
    entries: HashMap<CacheKey, Entry>,
    generation: u64,
}

impl ResponseCache {
    /// The answer stored under `key` less than [`FRESH_MS`] before `now_ms`.
    pub fn fresh(&self, key: &CacheKey, now_ms: f64) -> Option<Rc<Answer>> {
        let entry = self.entries.get(key)?;
        is_fresh(entry.stored_at_ms, now_ms).then(|| Rc::clone(&entry.answer))
    }

    /// Keep `answer`, unless the cache was cleared since the request started (`generation` is
    /// [`ResponseCache::generation`] taken when it was sent): a read that overlapped a mutation
    /// may hold the state from before it.
    pub fn store(&mut self, key: CacheKey, answer: Rc<Answer>, generation: u64, now_ms: f64) {
        if generation != self.generation {
            return;
        }
        self.entries
            .retain(|_, entry| is_fresh(entry.stored_at_ms, now_ms));
        if self.entries.len() >= MAX_ENTRIES {
            let oldest = self
                .entries
                .iter()
                .min_by(|a, b| a.1.stored_at_ms.total_cmp(&b.1.stored_at_ms))
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                self.entries.remove(&oldest);
            }
        }
        self.entries.insert(
            key,
            Entry {
                stored_at_ms: now_ms,
                answer,
            },
        );
    }

    /// Forget everything (a mutation succeeded, or the session ended).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.generation += 1;
    }

    /// Changes on every [`ResponseCache::clear`].
    pub fn generation(&self) -> u64 {
        self.generation
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Fresh: stored less than [`FRESH_MS`] ago. A clock that went backwards counts as stale.
pub fn is_fresh(stored_at_ms: f64, now_ms: f64) -> bool {
    let age = now_ms - stored_at_ms;
    (0.0..FRESH_MS).contains(&age)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "lb2b_0123456789abcdef0123456789abcdef";

    fn answer(body: &str) -> Rc<Answer> {
        Rc::new(Answer {
            status: 200,
            body: body.to_string(),
        })
    }

    fn key(url: &str) -> CacheKey {
        CacheKey::new("http://api", Some(KEY), url)
    }

    #[test]
    fn freshness_is_thirty_seconds() {
        assert!(is_fresh(1_000.0, 1_000.0));
        assert!(is_fresh(1_000.0, 30_999.0));
        assert!(!is_fresh(1_000.0, 31_000.0));
        assert!(!is_fresh(1_000.0, 999.0), "a clock that went back is stale");
    }

    #[test]
    fn keys_tell_environments_keys_and_urls_apart() {
        let base = CacheKey::new("http://api/", Some(KEY), "http://api/orders");
        assert!(base == CacheKey::new("http://api", Some(KEY), "http://api/orders"));
        assert!(
            base == CacheKey::new(
                "http://api",
                Some(&format!(" {KEY}\n")),
                "http://api/orders"
            )
        );
        assert!(base != CacheKey::new("http://other", Some(KEY), "http://api/orders"));
        assert!(base != CacheKey::new("http://api", Some("lb2b_other"), "http://api/orders"));
        assert!(base != CacheKey::new("http://api", None, "http://api/orders"));
        assert!(base != CacheKey::new("http://api", Some(KEY), "http://api/orders?page=2"));
    }

    #[test]
    fn the_key_is_fingerprinted_never_kept() {
        let key = CacheKey::new("http://api", Some(KEY), "http://api/orders");
        assert_eq!(key.key_fingerprint, key_fingerprint(KEY));
        assert!(!key.base_url.contains(KEY) && !key.url.contains(KEY));
    }

    #[test]
    fn serves_fresh_answers_only() {
        let mut cache = ResponseCache::default();
        let generation = cache.generation();
        cache.store(key("/orders"), answer("[1]"), generation, 0.0);
        assert_eq!(cache.fresh(&key("/orders"), 29_999.0).unwrap().body, "[1]");
        assert!(cache.fresh(&key("/orders"), 30_000.0).is_none());
        assert!(cache.fresh(&key("/disputes"), 1.0).is_none());
    }

    #[test]
    fn clearing_forgets_and_refuses_answers_sent_before() {
        let mut cache = ResponseCache::default();
        let before = cache.generation();
        cache.store(key("/orders"), answer("[1]"), before, 0.0);
        cache.clear();
        assert!(cache.fresh(&key("/orders"), 1.0).is_none());
        cache.store(key("/orders"), answer("[stale]"), before, 2.0);
        assert!(cache.fresh(&key("/orders"), 3.0).is_none());
        cache.store(key("/orders"), answer("[2]"), cache.generation(), 4.0);
        assert_eq!(cache.fresh(&key("/orders"), 5.0).unwrap().body, "[2]");
    }

    #[test]
    fn stays_small() {
        let mut cache = ResponseCache::default();
        let generation = cache.generation();
        for i in 0..(MAX_ENTRIES + 10) {
            cache.store(
                key(&format!("/orders?page={i}")),
                answer("[]"),
                generation,
                i as f64,
            );
        }
        assert_eq!(cache.len(), MAX_ENTRIES);
        assert!(
            cache.fresh(&key("/orders?page=0"), 100.0).is_none(),
            "oldest went first"
        );
        let last = format!("/orders?page={}", MAX_ENTRIES + 9);
        assert!(cache.fresh(&key(&last), 100.0).is_some());
        // Stale entries are dropped when something new is stored.
        cache.store(key("/new"), answer("[]"), generation, 100_000.0);
        assert_eq!(cache.len(), 1);
    }
}
