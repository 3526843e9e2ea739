//! The data-loading helper pages use: a `LocalResource` over one API request, keyed on
//! whatever signals the key function reads, with a `loading` flag that stays true while a newer
//! answer is on its way (the previous data stays visible meanwhile).

use leptos::prelude::*;
use lumo_api::{ApiError, ApiRequest};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

use super::{use_client, Cancel};

/// Result of one API read, for `<ApiView>`.
pub struct ApiResource<T: 'static> {
    pub data: LocalResource<Result<T, ApiError>>,
    loading: RwSignal<bool>,
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

    /// Load again (after a mutation, or from a Retry button).
    pub fn refetch(&self) {
        self.data.refetch();
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
    let loading = RwSignal::new(true);
    let data = LocalResource::new(move || {
        // Runs synchronously inside the resource's reactive scope: signals read by `key` are
        // tracked, and `on_cleanup` fires when the next load starts or the view goes away.
        let api_request = request(key());
        let cancel = Cancel::new();
        let on_drop = SendWrapper::new(cancel.clone());
        on_cleanup(move || on_drop.cancel());
        loading.try_set(true);
        async move {
            let result = client.send_cancellable(&api_request, Some(&cancel)).await;
            if !cancel.is_cancelled() {
                loading.try_set(false);
            }
            result
        }
    });
    ApiResource { data, loading }
}
