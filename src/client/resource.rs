//! The data-loading helper pages use: one API read, keyed on whatever signals the key function
//! reads, with a `loading` flag that stays true while a newer answer is on its way (the previous
//! data stays visible meanwhile).
//!
//! Reads go through a small response cache ([`super::cache`], 30 s): a resource whose request was
//! answered less than 30 s ago shows that answer at once (no spinner) and does not ask again; an
//! explicit [`ApiResource::refetch`] (Retry, Refresh, after a mutation) always asks the API. Two
//! resources asking the same URL at the same time share one request.
//!
//! Only the typed ends (building the request, decoding the answer) are generic; the reactive
//! machinery below exists once in the binary, whatever the number of pages and answer types.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::{ApiError, ApiRequest};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

use super::cache::{Answer, CacheKey, ResponseCache};
use super::{decode, use_client, Cancel, Client, Wire};

mod online;

use online::online_generation;

/// Result of one API read, for `<ApiView>`.
pub struct ApiResource<T: 'static> {
    /// The latest answer: `None` until the first one arrives. A page may set it to an updated
    /// value the API returned (the cache is cleared by that mutation anyway).
    pub data: RwSignal<Option<Result<T, ApiError>>, LocalStorage>,
    loading: RwSignal<bool>,
    /// Bumped by [`ApiResource::refetch`]: a load that bypasses the cache.
    reloads: RwSignal<u32>,
}

impl<T: 'static> Clone for ApiResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for ApiResource<T> {}

impl<T: Clone + 'static> ApiResource<T> {
    /// The latest answer (tracked): `None` until the first one arrives.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.data.get()
    }
}

impl<T: 'static> ApiResource<T> {
    /// Load again from the API, never from the cache (after a mutation, or from a Retry or
    /// Refresh button).
    pub fn refetch(&self) {
        self.reloads.try_update(|n| *n = n.wrapping_add(1));
    }

    /// A request is in flight (tracked). With data already shown, that data is the previous one.
    pub fn loading(&self) -> bool {
        self.loading.get()
    }
}

/// Load `request(key())` and reload whenever a signal read by `key` changes. A superseded or
/// unmounted load is aborted, so a late answer never overwrites a newer view.
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
    key: impl Fn() -> K + 'static,
    request: impl Fn(K) -> ApiRequest<T> + 'static,
) -> ApiResource<T>
where
    K: 'static,
    T: DeserializeOwned + 'static,
{
    let client = use_client();
    let data = RwSignal::new_local(None);
    let loading = RwSignal::new(true);
    let reloads = RwSignal::new(0);
    start(Rc::new(Loader {
        client,
        prepare: Box::new(move || client.wire(&request(key()))),
        deliver: Box::new(move |answer| {
            data.try_set(Some(answer.and_then(|answer| decode::<T>(&answer))));
        }),
        loading,
        reloads,
    }));
    ApiResource {
        data,
        loading,
        reloads,
    }
}

/// Forget every cached answer, and let requests in flight finish without being shared or kept.
pub fn clear_cache() {
    CACHE.with_borrow_mut(ResponseCache::clear);
    IN_FLIGHT.with_borrow_mut(HashMap::clear);
}

thread_local! {
    static CACHE: RefCell<ResponseCache> = RefCell::default();
    static IN_FLIGHT: RefCell<HashMap<CacheKey, Rc<Flight>>> = RefCell::default();
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn cached(wire: &Wire) -> Option<Rc<Answer>> {
    if !wire.is_read() {
        return None;
    }
    CACHE.with_borrow(|cache| cache.fresh(&wire.cache_key, now_ms()))
}

/// The untyped part of a resource.
struct Loader {
    client: Client,
    /// The request for the current key (reads the key's signals).
    prepare: Box<dyn Fn() -> Result<Wire, ApiError>>,
    /// Decode an answer into the resource's data.
    deliver: Box<dyn Fn(Result<Rc<Answer>, ApiError>)>,
    loading: RwSignal<bool>,
    reloads: RwSignal<u32>,
}

fn start(loader: Rc<Loader>) {
    // A cached answer is shown right away, before the first render: no spinner, no request.
    let mut shown_from_cache = untrack(|| (loader.prepare)()).ok().and_then(|wire| {
        let answer = cached(&wire)?;
        (loader.deliver)(Ok(answer));
        loader.loading.set(false);
        Some(wire.cache_key)
    });
    Effect::new(move |previous_reloads: Option<u32>| {
        // Coming back online counts as a Refresh (resource/online.rs).
        let reloads = loader.reloads.get().wrapping_add(online_generation());
        let wire = (loader.prepare)();
        let forced = previous_reloads.is_some_and(|previous| previous != reloads);
        let already_shown = shown_from_cache.take();
        let wire = match wire {
            Ok(wire) => wire,
            Err(error) => {
                (loader.deliver)(Err(error));
                loader.loading.try_set(false);
                return reloads;
            }
        };
        if !forced {
            if already_shown.as_ref() == Some(&wire.cache_key) {
                return reloads;
            }
            if let Some(answer) = cached(&wire) {
                (loader.deliver)(Ok(answer));
                loader.loading.try_set(false);
                return reloads;
            }
        }
        loader.loading.try_set(true);
        let load = Load::default();
        let on_drop = SendWrapper::new(load.clone());
        on_cleanup(move || on_drop.cancel());
        let loader = Rc::clone(&loader);
        spawn_local(async move {
            let result = load.wait(join(loader.client, wire)).await;
            if !load.cancelled.get() {
                (loader.deliver)(result);
                loader.loading.try_set(false);
            }
        });
        reloads
    });
}

/// One request on its way, awaited by every load that asked for it.
struct Flight {
    outcome: RefCell<Option<Result<Rc<Answer>, ApiError>>>,
    wakers: RefCell<Vec<Waker>>,
    /// Loads still waiting for it: the request is aborted when the last one goes away.
    waiting: Cell<usize>,
    cancel: Cancel,
}

impl Flight {
    fn release(self: &Rc<Self>, key: &CacheKey) {
        let waiting = self.waiting.get().saturating_sub(1);
        self.waiting.set(waiting);
        if waiting == 0 && self.outcome.borrow().is_none() {
            self.unregister(key);
            self.cancel.cancel();
        }
    }

    /// No longer offered to new loads under `key` (unless another flight took its place).
    fn unregister(self: &Rc<Self>, key: &CacheKey) {
        IN_FLIGHT.with_borrow_mut(|flights| {
            if flights.get(key).is_some_and(|f| Rc::ptr_eq(f, self)) {
                flights.remove(key);
            }
        });
    }
}

/// The flight for `wire`: the one already in the air for the same read, or a new one.
fn join(client: Client, wire: Wire) -> (Rc<Flight>, CacheKey) {
    let key = wire.cache_key.clone();
    if wire.is_read() {
        if let Some(flight) = IN_FLIGHT.with_borrow(|flights| flights.get(&key).cloned()) {
            return (flight, key);
        }
    }
    let flight = Rc::new(Flight {
        outcome: RefCell::new(None),
        wakers: RefCell::new(Vec::new()),
        waiting: Cell::new(0),
        cancel: Cancel::new(),
    });
    if wire.is_read() {
        IN_FLIGHT.with_borrow_mut(|flights| flights.insert(key.clone(), Rc::clone(&flight)));
    }
    let generation = CACHE.with_borrow(ResponseCache::generation);
    let running = Rc::clone(&flight);
    spawn_local(async move {
        let result = client
            .send_wire(&wire, Some(&running.cancel))
            .await
            .map(Rc::new);
        if wire.is_read() {
            running.unregister(&wire.cache_key);
            if let Ok(answer) = &result {
                CACHE.with_borrow_mut(|cache| {
                    cache.store(wire.cache_key, Rc::clone(answer), generation, now_ms())
                });
            }
        }
        *running.outcome.borrow_mut() = Some(result);
        for waker in running.wakers.take() {
            waker.wake();
        }
    });
    (flight, key)
}

/// The shared request a load waits on, with the cache key it was registered under.
type JoinedFlight = Option<(Rc<Flight>, CacheKey)>;

/// One load of one resource; cancelled when superseded or unmounted.
#[derive(Clone, Default)]
struct Load {
    cancelled: Rc<Cell<bool>>,
    flight: Rc<RefCell<JoinedFlight>>,
}

impl Load {
    fn cancel(&self) {
        self.cancelled.set(true);
        if let Some((flight, key)) = self.flight.borrow_mut().take() {
            flight.release(&key);
        }
    }

    fn wait(&self, (flight, key): (Rc<Flight>, CacheKey)) -> Waiting {
        flight.waiting.set(flight.waiting.get() + 1);
        *self.flight.borrow_mut() = Some((Rc::clone(&flight), key));
        Waiting(flight)
    }
}

struct Waiting(Rc<Flight>);

impl Future for Waiting {
    type Output = Result<Rc<Answer>, ApiError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &*self.0.outcome.borrow() {
            Some(outcome) => Poll::Ready(outcome.clone()),
            None => {
                self.0.wakers.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
