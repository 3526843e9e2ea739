//! What every list page shares: its view (filters, page, page size) lives in the URL query and is
//! read and written through `lumo_api::listing`; these are the browser-side ends of that.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use lumo_api::listing::{query_string, PAGE_SIZES};

use crate::i18n::{t, Key};
use crate::nav::path_with_query;

/// The query map as the pairs `lumo_api::listing` reads.
pub(crate) fn query_pairs(map: &ParamsMap) -> Vec<(String, String)> {
    map.into_iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

/// The current URL's view, parsed by `parse` again whenever the query changes.
pub(crate) fn use_url_view<T>(
    parse: impl Fn(&[(String, String)]) -> T + Send + Sync + 'static,
) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let query = use_query_map();
    Memo::new(move |_| query.with(|map| parse(&query_pairs(map))))
}

/// `path?query`, or `path` alone when the view is all defaults.
pub(crate) fn list_url(path: &str, query: &[(&'static str, String)]) -> String {
    path_with_query(path, &query_string(query))
}

/// The page sizes to offer: the usual ones, plus the current one when a link asked for another.
pub(crate) fn page_size_options(current: u32) -> impl IntoView {
    let mut sizes: Vec<u32> = PAGE_SIZES.to_vec();
    if !sizes.contains(&current) {
        sizes.push(current);
        sizes.sort_unstable();
    }
    sizes
        .into_iter()
        .map(|size| view! { <option value=size.to_string() selected=size == current>{size}</option> })
        .collect_view()
}

/// Says which parts of the link were not understood (and so not applied), if any.
#[component]
pub fn IgnoredQueryNotice(#[prop(into)] ignored: Signal<Vec<String>>) -> impl IntoView {
    move || {
        ignored.with(|ignored| {
            (!ignored.is_empty()).then(|| {
                // The parts are the link's own text: kept out of translation.
                let parts = ignored.join(", ");
                let text = match t(Key::OrdersIgnoredQuery).split_once("{parts}") {
                    Some((before, after)) => view! {
                        {before}<span translate="no">{parts}</span>{after}
                    }
                    .into_any(),
                    None => t(Key::OrdersIgnoredQuery).into_any(),
                };
                view! { <p class="alert alert-warning" role="status">{text}</p> }
            })
        })
    }
}
