//! What the page needs from the orders: the period's completed orders (the dispute rate's
//! denominator), counted by paging `GET /orders` newest first ([`OrdersScan`]), and the amounts
//! of the orders that full refunds refer to, from those pages or, for orders older than the
//! period, from `GET /orders/{id}` one by one.
//!
//! Both are `LocalResource`s keyed on the period and the page's clock: a new period supersedes
//! (and aborts) the load of the previous one. Results carry the key they were computed for, since
//! a resource keeps its previous value while a newer one loads.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use lumo_api::insights::{orders_to_look_up, refund_amounts, OrdersScan, Period, ScanStep};
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

type ScanResult = Option<(Key, Result<Rc<Scanned>, ApiError>)>;
type LookupResult = Option<(Key, Result<(), ApiError>)>;

/// Where the orders part of the page stands, for one key.
pub(super) enum ScanState {
    /// Pages are being read: orders of the period so far.
    Counting(usize),
    Done(Rc<Scanned>),
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub(super) struct Orders {
    key: Memo<Option<Key>>,
    scan: LocalResource<ScanResult>,
    lookups: LocalResource<LookupResult>,
    /// Orders of the period read so far by the scan of this key.
    progress: RwSignal<(Option<Key>, usize)>,
    /// Orders read one by one: their amount, or `None` when the API did not find them.
    looked_up: RwSignal<HashMap<String, Option<Decimal>>>,
    store: DisputesStore,
}

impl Orders {
    pub(super) fn load(key: Memo<Option<Key>>, store: DisputesStore) -> Orders {
        let client = use_client();
        let progress = RwSignal::new((None, 0));
        let looked_up = RwSignal::new(HashMap::new());
        let scan = LocalResource::new(move || {
            let key = key.get();
            let cancel = cancellable();
            async move {
                let key = key?;
                Some((key, count_orders(client, key, &cancel, progress).await))
            }
        });
        let lookups = LocalResource::new(move || {
            let key = key.get();
            // Tracked: a finished scan or a changed list may leave orders to read.
            let missing = key.and_then(|(period, now)| {
                let scanned = scan.map(|result| match result {
                    Some((k, Ok(scanned))) if Some(*k) == key => Some(Rc::clone(scanned)),
                    _ => None,
                });
                let scanned = scanned.flatten()?;
                store.with_latest(|list| {
                    let list = list?;
                    let ids = orders_to_look_up(list, &scanned.amounts, period, now);
                    Some(looked_up.with_untracked(|known| {
                        ids.into_iter()
                            .filter(|id| !known.contains_key(id))
                            .collect::<Vec<_>>()
                    }))
                })
            });
            let cancel = cancellable();
            async move {
                let key = key?;
                let missing = missing?;
                Some((key, read_orders(client, missing, &cancel, looked_up).await))
            }
        });
        Orders {
            key,
            scan,
            lookups,
            progress,
            looked_up,
            store,
        }
    }

    /// The scan of the current key (tracked); `None` before the page knows its clock.
    pub(super) fn scan_state(&self) -> Option<ScanState> {
        let key = self.key.get()?;
        let finished = self.scan.map(|result| match result {
            Some((k, Ok(scanned))) if *k == key => Some(ScanState::Done(Rc::clone(scanned))),
            Some((k, Err(error))) if *k == key => Some(ScanState::Failed(error.clone())),
            _ => None,
        });
        Some(finished.flatten().unwrap_or_else(|| {
            let (k, n) = self.progress.get();
            ScanState::Counting(if k == Some(key) { n } else { 0 })
        }))
    }

    /// The order amounts the period's full refunds need, once all are known (tracked).
    pub(super) fn refund_amounts(&self) -> Option<HashMap<String, Decimal>> {
        let (period, now) = self.key.get()?;
        let ScanState::Done(scanned) = self.scan_state()? else {
            return None;
        };
        self.looked_up.with(|looked_up| {
            self.store
                .with_latest(|list| refund_amounts(list?, &scanned.amounts, looked_up, period, now))
        })
    }

    /// Reading an order one by one failed (tracked).
    pub(super) fn lookup_error(&self) -> Option<ApiError> {
        let key = self.key.get()?;
        self.lookups
            .map(|result| match result {
                Some((k, Err(error))) if *k == key => Some(error.clone()),
                _ => None,
            })
            .flatten()
    }

    /// Count the orders again (Retry).
    pub(super) fn retry_scan(&self) {
        self.scan.refetch();
    }

    pub(super) fn retry_lookups(&self) {
        self.lookups.refetch();
    }
}

/// A [`Cancel`] fired when the running load is superseded or the page goes away.
fn cancellable() -> Cancel {
    let cancel = Cancel::new();
    let on_drop = SendWrapper::new(cancel.clone());
    on_cleanup(move || on_drop.cancel());
    cancel
}

async fn count_orders(
    client: Client,
    key: Key,
    cancel: &Cancel,
    progress: RwSignal<(Option<Key>, usize)>,
) -> Result<Rc<Scanned>, ApiError> {
    let (period, now) = key;
    let mut scan = OrdersScan::new(period, now);
    let mut repeated = false;
    progress.try_set((Some(key), 0));
    while let Some(query) = scan.next_query() {
        let page = client
            .send_cancellable(&list_orders(&query), Some(cancel))
            .await?;
        if cancel.is_cancelled() {
            break;
        }
        repeated = scan.add_page(&page) == ScanStep::RepeatedPage;
        progress.try_set((Some(key), scan.scanned()));
    }
    Ok(Rc::new(Scanned {
        completed: (!repeated).then(|| scan.completed()),
        scanned: scan.scanned(),
        amounts: scan.into_amounts(),
    }))
}

async fn read_orders(
    client: Client,
    ids: Vec<String>,
    cancel: &Cancel,
    looked_up: RwSignal<HashMap<String, Option<Decimal>>>,
) -> Result<(), ApiError> {
    for id in ids {
        let amount = match client.send_cancellable(&get_order(&id), Some(cancel)).await {
            Ok(order) => Some(order.amount_usdt),
            Err(ApiError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        if cancel.is_cancelled() {
            break;
        }
        looked_up.try_update(|known| known.insert(id, amount));
    }
    Ok(())
}
