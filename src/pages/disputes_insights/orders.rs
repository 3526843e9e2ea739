//! What the page needs from the orders: the period's completed orders (the dispute rate's
//! denominator), counted by paging `GET /orders` newest first ([`OrdersScan`]), and the amounts
//! of the orders that full refunds refer to, from those pages or, for orders older than the
//! period, from `GET /orders/{id}` one by one.
//!
//! One `LocalResource` does both, for the page's key (period and clock) and the disputes list:
//! the count is published as soon as it is done (the rate shows at once), then the missing
//! amounts are read; a changed list reuses the count and only reads what it newly needs. A new
//! period aborts the running count. Results carry the key they were computed for, since a
//! resource keeps its previous value while a newer one loads.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::Poll;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use lumo_api::insights::{orders_to_look_up, refund_amounts, OrdersScan, Period, ScanStep};
use lumo_api::models::Order;
use lumo_api::requests::{get_order, list_orders};
use lumo_api::ApiError;
use rust_decimal::Decimal;
use send_wrapper::SendWrapper;

use crate::client::{use_client, Cancel, Client};
use crate::disputes_store::DisputesStore;

/// What the figures are computed for.
pub(super) type Key = (Period, DateTime<Utc>);

/// The period's orders, counted.
pub(super) struct Scanned {
    /// Completed orders (success, failed, disputed) of the period; `None` when the API gave the
    /// same page twice, so the count could not complete.
    pub completed: Option<usize>,
    /// Orders of the period read.
    pub scanned: usize,
    /// amountUsdt of every order read, by id.
    pub amounts: HashMap<String, Decimal>,
}

/// Orders read one by one: their amount, or `None` when the API did not find them.
type LookedUp = HashMap<String, Option<Decimal>>;

/// Where the orders part of the page stands, for the current key.
pub(super) enum ScanState {
    /// Pages are being read: orders of the period so far.
    Counting(usize),
    Done(Arc<Scanned>),
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub(super) struct Orders {
    key: Memo<Option<Key>>,
    /// The count of the key it was made for, once done.
    scanned: RwSignal<Option<(Key, Arc<Scanned>)>>,
    /// Orders of the period read so far by the running count.
    progress: RwSignal<usize>,
    /// The load's end: `Err` when the count or an order failed.
    load: LocalResource<Option<(Key, Result<(), ApiError>)>>,
    looked_up: StoredValue<LookedUp>,
    store: DisputesStore,
}

impl Orders {
    pub(super) fn load(key: Memo<Option<Key>>, store: DisputesStore) -> Orders {
        let client = use_client();
        let scanned = RwSignal::new(None::<(Key, Arc<Scanned>)>);
        let progress = RwSignal::new(0);
        let looked_up = StoredValue::new(LookedUp::new());
        // A resource runs a superseded load to its end before it starts the next one, and it
        // may not see a memo that changed meanwhile (read by someone else, it looks clean): so
        // the load is keyed on a plain signal, set here, and a new key aborts the running count.
        let load_key = RwSignal::new(None::<Key>);
        let running = StoredValue::new_local(None::<Cancels>);
        Effect::new(move |_| {
            let key = key.get();
            if load_key.get_untracked() != key {
                running.with_value(|load| load.as_ref().map(Cancels::cancel_all));
                progress.set(0);
                load_key.set(key);
            }
        });
        let load = LocalResource::new(move || {
            let key = load_key.get();
            // A changed list may need amounts the count did not see.
            store.with_latest(|_| ());
            let cancels = Cancels::default();
            running.set_value(Some(cancels.clone()));
            let on_drop = SendWrapper::new(cancels.clone());
            on_cleanup(move || on_drop.cancel_all());
            async move {
                let key = key?;
                let result =
                    load_orders(client, key, &cancels, progress, scanned, looked_up, store).await;
                Some((key, result))
            }
        });
        Orders {
            key,
            scanned,
            progress,
            load,
            looked_up,
            store,
        }
    }

    /// The count of the current key (tracked); `None` before the page knows its clock.
    pub(super) fn scan_state(&self) -> Option<ScanState> {
        let key = self.key.get()?;
        if let Some(scanned) = self.counted(key) {
            return Some(ScanState::Done(scanned));
        }
        if let Some(error) = self.error() {
            return Some(ScanState::Failed(error));
        }
        Some(ScanState::Counting(self.progress.get()))
    }

    /// The count of `key`, once done (tracked).
    fn counted(&self, key: Key) -> Option<Arc<Scanned>> {
        self.scanned.with(|s| {
            s.as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, scanned)| Arc::clone(scanned))
        })
    }

    /// The load of the current key failed (tracked): the count, or, once counted, an order.
    pub(super) fn error(&self) -> Option<ApiError> {
        let key = self.key.get()?;
        self.load
            .map(|result| match result {
                Some((k, Err(error))) if *k == key => Some(error.clone()),
                _ => None,
            })
            .flatten()
    }

    /// The order amounts the period's full refunds need, once all are known (tracked).
    pub(super) fn refund_amounts(&self) -> Option<HashMap<String, Decimal>> {
        let key = self.key.get()?;
        let (period, now) = key;
        let scanned = self.counted(key)?;
        // The load's end (tracked) says that the amounts read one by one have changed.
        self.load.track();
        self.looked_up.with_value(|looked_up| {
            self.store
                .with_latest(|list| refund_amounts(list?, &scanned.amounts, looked_up, period, now))
        })
    }

    /// Count and read again (Retry).
    pub(super) fn retry(&self) {
        self.load.refetch();
    }
}

/// The cancels of requests that run at the same time (a [`Cancel`] aborts one request at a
/// time): all fired when the load is superseded or the page goes away. A hundred pages keep a
/// hundred small handles (a finished request drops its AbortController).
#[derive(Clone, Default)]
struct Cancels(Rc<(Cell<bool>, RefCell<Vec<Cancel>>)>);

impl Cancels {
    fn one(&self) -> Cancel {
        let cancel = Cancel::new();
        if self.is_cancelled() {
            cancel.cancel();
        }
        self.0 .1.borrow_mut().push(cancel.clone());
        cancel
    }

    fn cancel_all(&self) {
        self.0 .0.set(true);
        for cancel in self.0 .1.borrow().iter() {
            cancel.cancel();
        }
    }

    fn is_cancelled(&self) -> bool {
        self.0 .0.get()
    }
}

async fn load_orders(
    client: Client,
    key: Key,
    cancels: &Cancels,
    progress: RwSignal<usize>,
    scanned: RwSignal<Option<(Key, Arc<Scanned>)>>,
    looked_up: StoredValue<LookedUp>,
    store: DisputesStore,
) -> Result<(), ApiError> {
    let counted = scanned.with_untracked(|s| {
        s.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| Arc::clone(s))
    });
    let counted = match counted {
        Some(counted) => counted,
        None => {
            let counted = Arc::new(count_orders(client, key, cancels, progress).await?);
            if cancels.is_cancelled() {
                return Ok(());
            }
            scanned.try_set(Some((key, Arc::clone(&counted))));
            counted
        }
    };
    let (period, now) = key;
    let missing: Vec<String> = store
        .latest_untracked()
        .map(|list| orders_to_look_up(&list, &counted.amounts, period, now))
        .unwrap_or_default()
        .into_iter()
        .filter(|id| looked_up.with_value(|known| !known.contains_key(id)))
        .collect();
    let cancel = cancels.one();
    for id in missing {
        let amount = match client
            .send_cancellable(&get_order(&id), Some(&cancel))
            .await
        {
            Ok(order) => Some(order.amount_usdt),
            Err(ApiError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        looked_up.update_value(|known| {
            known.insert(id, amount);
        });
    }
    Ok(())
}

/// One page asked for: on its way, or back and waiting for the pages before it.
enum Slot {
    Waiting(Pin<Box<dyn Future<Output = PageResult>>>, Cancel),
    Back(Option<PageResult>),
}

/// A page still on its way when its slot goes (the count ended or failed) is aborted.
impl Drop for Slot {
    fn drop(&mut self) {
        if let Slot::Waiting(_, cancel) = self {
            cancel.cancel();
        }
    }
}

type PageResult = Result<Vec<Order>, ApiError>;

async fn count_orders(
    client: Client,
    (period, now): Key,
    cancels: &Cancels,
    progress: RwSignal<usize>,
) -> Result<Scanned, ApiError> {
    let mut scan = OrdersScan::new(period, now);
    let mut repeated = false;
    // Up to `scan.window()` pages are asked for at once (the API answers one page while the
    // portal reads the previous one); they are counted in order.
    let mut in_flight: VecDeque<Slot> = VecDeque::new();
    loop {
        while in_flight.len() < scan.window() {
            let Some(query) = scan.query_ahead(in_flight.len()) else {
                break;
            };
            let request = list_orders(&query);
            let cancel = cancels.one();
            let abort = cancel.clone();
            let send = async move { client.send_cancellable(&request, Some(&cancel)).await };
            in_flight.push_back(Slot::Waiting(Box::pin(send), abort));
        }
        let page = poll_fn(|cx| {
            for slot in in_flight.iter_mut() {
                if let Slot::Waiting(request, _) = slot {
                    if let Poll::Ready(result) = request.as_mut().poll(cx) {
                        *slot = Slot::Back(Some(result));
                    }
                }
            }
            match in_flight.front_mut() {
                Some(Slot::Back(result)) => Poll::Ready(result.take()),
                Some(Slot::Waiting(..)) => Poll::Pending,
                None => Poll::Ready(None),
            }
        })
        .await;
        in_flight.pop_front();
        let Some(page) = page else {
            break;
        };
        let page = page?;
        if cancels.is_cancelled() {
            break;
        }
        match scan.add_page(&page) {
            ScanStep::More => {}
            step => {
                repeated = step == ScanStep::RepeatedPage;
                break;
            }
        }
        progress.try_set(scan.scanned());
    }
    // Pages asked for beyond the end are aborted as their slots go.
    drop(in_flight);
    Ok(Scanned {
        completed: (!repeated).then(|| scan.completed()),
        scanned: scan.scanned(),
        amounts: scan.into_amounts(),
    })
}
