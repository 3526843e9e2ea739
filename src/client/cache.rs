//! The one response cache of the app, and the only place reads are shared: every GET a page
//! shows goes through [`read`] (from `resource.rs`), nothing reaches around it.
//!
//! - An answer less than 30 s old ([`store`]) is served without asking the API, unless the read
//!   is forced (Retry, Refresh, after a change, back online).
//! - Two reads of the same URL (same environment and key) at the same time share one request;
//!   it is aborted when the last read waiting for it goes away (unmounted or superseded).
//! - Any successful change and the end of a session clear everything ([`clear`]); an answer to a
//!   read that overlapped a change is not kept (it may hold the state from before it).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::task::spawn_local;
use lumo_api::ApiError;

use super::{Cancel, Client, Wire};

mod store;

pub use store::{is_fresh, Answer, CacheKey, ResponseCache};

thread_local! {
    static CACHE: RefCell<ResponseCache> = RefCell::default();
    static IN_FLIGHT: RefCell<HashMap<CacheKey, Rc<Flight>>> = RefCell::default();
}

/// How a read may be answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadMode {
    /// From the cache when fresh, else from a request (shared with any read of the same URL).
    Cached,
    /// From a new request (Retry, Refresh, after a change); still shared while in flight.
    Fresh,
    /// As `Fresh`, sent once without the client's quick retries: an automatic refresh, whose
    /// schedule's backoff is its retry.
    FreshOnce,
}

/// Forget every cached answer, and let requests in flight finish without being shared or kept.
pub fn clear() {
    CACHE.with_borrow_mut(ResponseCache::clear);
    IN_FLIGHT.with_borrow_mut(HashMap::clear);
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The fresh cached answer to `wire`, if it is a read and one is kept.
pub(super) fn fresh(wire: &Wire) -> Option<Rc<Answer>> {
    if !wire.is_read() {
        return None;
    }
    CACHE.with_borrow(|cache| cache.fresh(&wire.cache_key, now_ms()))
}

/// Answer `wire` as `mode` allows. Abandoning `read` ends the wait at once (the request goes on
/// while other reads wait for it, and is aborted when none does).
pub(super) async fn read(
    client: Client,
    mut wire: Wire,
    mode: ReadMode,
    read: &Abandon,
) -> Result<Rc<Answer>, ApiError> {
    if mode == ReadMode::Cached {
        if let Some(answer) = fresh(&wire) {
            return Ok(answer);
        }
    }
    if mode == ReadMode::FreshOnce {
        wire.retry_safe = false;
    }
    let reader = Reader::default();
    let flight = join(client, wire);
    let waiting = reader.wait(flight);
    let result = Abandonable {
        waiting,
        read: read.clone(),
    }
    .await;
    reader.leave();
    result
}

/// One request on its way, awaited by every read that asked for it.
struct Flight {
    outcome: RefCell<Option<Result<Rc<Answer>, ApiError>>>,
    wakers: RefCell<Vec<Waker>>,
    /// Reads still waiting for it: the request is aborted when the last one goes away.
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

    /// No longer offered to new reads under `key` (unless another flight took its place).
    fn unregister(self: &Rc<Self>, key: &CacheKey) {
        IN_FLIGHT.with_borrow_mut(|flights| {
            if flights.get(key).is_some_and(|f| Rc::ptr_eq(f, self)) {
                flights.remove(key);
            }
        });
    }
}

/// The flight for `wire`: the one already in the air for the same read (a forced read too: it
/// was sent after whatever made the cache stale), or a new one.
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

/// One read's hold on a flight, released when it gets its answer or is abandoned.
#[derive(Default)]
struct Reader {
    flight: RefCell<Option<(Rc<Flight>, CacheKey)>>,
}

impl Reader {
    fn wait(&self, (flight, key): (Rc<Flight>, CacheKey)) -> Waiting {
        flight.waiting.set(flight.waiting.get() + 1);
        *self.flight.borrow_mut() = Some((Rc::clone(&flight), key));
        Waiting(flight)
    }

    fn leave(&self) {
        if let Some((flight, key)) = self.flight.borrow_mut().take() {
            flight.release(&key);
        }
    }
}

impl Drop for Reader {
    // A read whose future is dropped (its resource went away) lets go of the flight too.
    fn drop(&mut self) {
        self.leave();
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

/// A read's "never mind": set when the view that asked is gone or asks for something else.
#[derive(Clone, Default)]
pub struct Abandon {
    inner: Rc<AbandonInner>,
}

#[derive(Default)]
struct AbandonInner {
    abandoned: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Abandon {
    pub fn abandon(&self) {
        self.inner.abandoned.set(true);
        if let Some(waker) = self.inner.waker.take() {
            waker.wake();
        }
    }

    pub fn is_abandoned(&self) -> bool {
        self.inner.abandoned.get()
    }
}

/// A wait that ends early, as cancelled, when its read is abandoned.
struct Abandonable {
    waiting: Waiting,
    read: Abandon,
}

impl Future for Abandonable {
    type Output = Result<Rc<Answer>, ApiError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.read.is_abandoned() {
            return Poll::Ready(Err(super::fetch::cancelled_error()));
        }
        *self.read.inner.waker.borrow_mut() = Some(cx.waker().clone());
        Pin::new(&mut self.waiting).poll(cx)
    }
}
