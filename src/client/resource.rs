//! The data-loading helper pages use: one API read as a Leptos [`LocalResource`], keyed on
//! whatever signals the key function reads (URL state, ids) and on the session's environment and
//! key (the request is built for them, and the cache keys on them), with a `loading` flag that
//! stays true while a newer answer is on its way (the previous data stays visible meanwhile).
//!
//! Reads go through the response cache ([`super::cache`], 30 s, shared requests in flight):
//! a resource whose request was answered less than 30 s ago shows that answer without asking
//! again; [`ApiResource::refetch`] (Retry, Refresh, after a change) always asks the API, and so
//! does coming back online.
//!
//! A `LocalResource` runs one future at a time: a new key waits for the running future to end.
//! So a superseded read is abandoned at once (an effect on the same key), its future ends with
//! "superseded", which [`ApiResource`] never shows, and the new read starts; a request nobody
//! waits for any more is aborted by the cache.
//!
//! Only the typed ends (building the request, decoding the answer, downcasting for a page) are
//! generic; the resource and its memo hold type-erased values, so they exist once in the binary.

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use leptos::prelude::*;
use lumo_api::{ApiError, ApiRequest};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

use super::cache::{self, Abandon, CacheKey, ReadMode};
use super::{decode, use_client, Client, Wire};

/// A decoded answer, its type erased (see the module comment).
type Value = Arc<dyn Any + Send + Sync>;
type Outcome = Result<Value, ApiError>;

/// Result of one API read, for `<ApiView>`.
pub struct ApiResource<T: 'static> {
    /// The latest answer of a read that was not superseded (`None`: still loading).
    shown: Memo<Option<Outcome>>,
    /// Every read's end: `Some(None)` for a superseded one.
    raw: LocalResource<Option<Outcome>>,
    loading: RwSignal<bool>,
    /// How the next read may be answered (a refetch forces it past the cache).
    next_mode: StoredValue<ReadMode>,
    /// The read in progress, abandoned when superseded.
    current: Current,
    _type: PhantomData<fn() -> T>,
}

impl<T: 'static> Clone for ApiResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for ApiResource<T> {}

impl<T: Clone + Send + Sync + 'static> ApiResource<T> {
    /// The latest answer (tracked): `None` until the first one arrives.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.shown.with(|outcome| outcome.as_ref().map(typed::<T>))
    }

    /// Show `value` as the answer: a page that changed something shows what the API returned
    /// (the change cleared the cache anyway).
    pub fn set(&self, value: T) {
        let value: Value = Arc::new(value);
        self.raw.set(Some(Some(Ok(value))));
    }
}

impl<T: 'static> ApiResource<T> {
    /// Load again from the API, never from the cache (after a change, or from a Retry or
    /// Refresh button). A read in progress is replaced.
    pub fn refetch(&self) {
        self.refetch_as(ReadMode::Fresh);
    }

    /// As [`ApiResource::refetch`], sent once without quick retries: an automatic refresh,
    /// whose schedule's backoff is its retry.
    pub fn refetch_once(&self) {
        self.refetch_as(ReadMode::FreshOnce);
    }

    fn refetch_as(&self, mode: ReadMode) {
        self.next_mode.try_set_value(mode);
        abandon(self.current);
        self.raw.refetch();
    }

    /// A request is in flight (tracked). With data already shown, that data is the previous one.
    pub fn loading(&self) -> bool {
        self.loading.get()
    }

    /// An answer (or error) is shown (tracked).
    pub fn has_answer(&self) -> bool {
        self.shown.with(Option::is_some)
    }
}

fn typed<T: Clone + 'static>(outcome: &Outcome) -> Result<T, ApiError> {
    match outcome {
        Ok(value) => value
            .downcast_ref::<T>()
            .cloned()
            .ok_or_else(|| ApiError::Decode {
                status: 200,
                kind: lumo_api::errors::DecodeKind::WrongShape,
                detail: "the answer was kept as another type".to_string(),
            }),
        Err(error) => Err(error.clone()),
    }
}

/// The read in progress and the URL it asks.
type Current = StoredValue<Option<SendWrapper<(Abandon, Option<CacheKey>)>>>;

fn abandon(current: Current) {
    abandon_unless(current, None);
}

/// Abandon the read in progress unless it asks for `url`.
fn abandon_unless(current: Current, url: Option<&CacheKey>) {
    current.with_value(|read| {
        if let Some(read) = read {
            let (read, asked) = &**read;
            if url.is_none() || asked.as_ref() != url {
                read.abandon();
            }
        }
    });
}

/// Load `request(key())` and reload whenever a signal read by `key` changes. A superseded or
/// unmounted load is abandoned, so a late answer never overwrites a newer view.
///
/// ```ignore
/// let query = use_query_map();
/// let orders = api_resource(
///     move || OrdersQuery::from_params(&query.get()),
///     |q| lumo_api::requests::list_orders(&q),
/// );
/// view! { <ApiView resource=orders let:orders> <OrdersTable orders/> </ApiView> }
/// ```
pub fn api_resource<K, T>(
    key: impl Fn() -> K + Send + Sync + 'static,
    request: impl Fn(K) -> ApiRequest<T> + Send + Sync + 'static,
) -> ApiResource<T>
where
    K: 'static,
    T: DeserializeOwned + Send + Sync + 'static,
{
    resource_with(key, request, Online::Reload)
}

/// As [`api_resource`], for a read whose refreshes a schedule drives (`crate::refresh`: the open
/// disputes, the rate): coming back online is the schedule's to act on, which waits out a
/// server's Retry-After, so the resource does not reload by itself then.
pub fn polled_resource<T>(
    request: impl Fn() -> ApiRequest<T> + Send + Sync + 'static,
) -> ApiResource<T>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    resource_with(|| (), move |()| request(), Online::LeaveToSchedule)
}

/// What coming back online does to a resource.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Online {
    /// Load again past the cache (a Refresh).
    Reload,
    /// Nothing: a refresh schedule decides.
    LeaveToSchedule,
}

fn resource_with<K, T>(
    key: impl Fn() -> K + Send + Sync + 'static,
    request: impl Fn(K) -> ApiRequest<T> + Send + Sync + 'static,
    online: Online,
) -> ApiResource<T>
where
    K: 'static,
    T: DeserializeOwned + Send + Sync + 'static,
{
    let client = use_client();
    let key = Arc::new(key);
    let prepare: Prepare = {
        let key = Arc::clone(&key);
        Arc::new(move || client.wire(&request(key())))
    };
    let decode = |answer: &cache::Answer| decode::<T>(answer).map(|value| Arc::new(value) as Value);
    let resource = untyped(client, Arc::clone(&prepare), decode, online);
    // The key changed while a read for another URL runs: abandon it, so the resource starts
    // the new one at once. (The resource may already have started the new read: same URL, kept.)
    let current = resource.current;
    Effect::new(move |first: Option<()>| {
        let wire = prepare();
        if first.is_some() {
            let url = wire.ok().map(|wire| wire.cache_key);
            abandon_unless(current, url.as_ref());
        }
    });
    ApiResource {
        shown: resource.shown,
        raw: resource.raw,
        loading: resource.loading,
        next_mode: resource.next_mode,
        current: resource.current,
        _type: PhantomData,
    }
}

/// The untyped part of [`ApiResource`].
struct Untyped {
    shown: Memo<Option<Outcome>>,
    raw: LocalResource<Option<Outcome>>,
    loading: RwSignal<bool>,
    next_mode: StoredValue<ReadMode>,
    current: Current,
}

type Prepare = Arc<dyn Fn() -> Result<Wire, ApiError> + Send + Sync>;

fn untyped(
    client: Client,
    prepare: Prepare,
    decode: fn(&cache::Answer) -> Outcome,
    online: Online,
) -> Untyped {
    let loading = RwSignal::new(false);
    let next_mode = StoredValue::new(ReadMode::Cached);
    let current: Current = StoredValue::new(None);
    let online_seen = StoredValue::new(None::<u32>);
    let raw = LocalResource::new(move || {
        // Coming back online counts as a Refresh (unless a schedule drives this read).
        let back_online = online == Online::Reload && {
            let generation = client.online_generation();
            let seen = online_seen.try_get_value().flatten();
            online_seen.try_set_value(Some(generation));
            seen.is_some_and(|seen| seen != generation)
        };
        let mut mode = next_mode.try_get_value().unwrap_or(ReadMode::Cached);
        next_mode.try_set_value(ReadMode::Cached);
        if back_online && mode == ReadMode::Cached {
            mode = ReadMode::Fresh;
        }
        let wire = prepare();
        let from_cache = mode == ReadMode::Cached
            && wire.as_ref().is_ok_and(|wire| cache::fresh(wire).is_some());
        loading.try_set(wire.is_ok() && !from_cache);
        let read = Abandon::default();
        let url = wire.as_ref().ok().map(|wire| wire.cache_key.clone());
        current.try_set_value(Some(SendWrapper::new((read.clone(), url))));
        let on_unmount = SendWrapper::new(read.clone());
        on_cleanup(move || on_unmount.abandon());
        async move {
            let wire = match wire {
                Ok(wire) => wire,
                Err(error) => return Some(Err(error)),
            };
            let answer = cache::read(client, wire, mode, &read).await;
            if read.is_abandoned() {
                return None;
            }
            loading.try_set(false);
            Some(answer.and_then(|answer| decode(&answer)))
        }
    });
    let shown = Memo::new_owning(move |previous: Option<Option<Outcome>>| match raw.get() {
        Some(Some(outcome)) => (Some(outcome), true),
        _ => (previous.flatten(), false),
    });
    Untyped {
        shown,
        raw,
        loading,
        next_mode,
        current,
    }
}
