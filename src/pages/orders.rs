//! /orders: the company's orders, filtered and paged exactly as the API allows (status, exact
//! external order id, limit, offset). The whole view lives in the URL query
//! (`lumo_api::listing::OrdersView`), so reload, back/forward and a pasted link reproduce it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::listing::{has_next_page, OrdersView};
use lumo_api::models::{Order, OrderStatus};
use lumo_api::requests::percent_encode;
use lumo_api::rules::money::format_plain;
use lumo_api::rules::orders::short_id;

use crate::client::api_resource;
use crate::components::pagination::Pagination;
use crate::components::progressive::use_progressive_count;
use crate::components::status_badge::OrderStatusBadge;
use crate::components::url_list::{list_url, page_size_options, use_url_view};
use crate::components::{ApiView, IgnoredQueryNotice, Money, PageHeader, Time};
use crate::config::use_config;
use crate::labels::order_status as order_status_label;

mod export;

use export::CsvExport;

pub(crate) fn orders_url(view: &OrdersView) -> String {
    list_url("/orders", &view.to_query())
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let max_limit = use_config().page_size_limit();
    let state = use_url_view(move |pairs| OrdersView::from_query_within(pairs, max_limit));
    let orders = api_resource(
        move || state.get().api_query(),
        |q| lumo_api::requests::list_orders(&q),
    );
    let navigate = use_navigate();
    let go =
        Callback::new(move |next: OrdersView| navigate(&orders_url(&next), Default::default()));

    view! {
        <div class="orders-page">
            <PageHeader title="Orders" subtitle="Every order of your company, newest first.">
                <CsvExport state=state.into()/>
                <a class="btn btn-primary" href="/orders/new">"New order"</a>
            </PageHeader>
            <OrdersFilters state go/>
            <IgnoredQueryNotice ignored=Signal::derive(move || state.with(|s| s.ignored.clone()))/>
            <ApiView resource=orders loading_label="Loading orders…" let:list>
                <OrdersResults list state go/>
            </ApiView>
        </div>
    }
}

#[component]
fn OrdersFilters(state: Memo<OrdersView>, go: Callback<OrdersView>) -> impl IntoView {
    // The text box follows the URL (back/forward, pasted links) and is applied on submit.
    let external = RwSignal::new(String::new());
    Effect::new(move |_| {
        external.set(state.with(|s| s.external_order_id.clone().unwrap_or_default()));
    });

    let on_status = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        let status = (!raw.is_empty()).then(|| OrderStatus::from_wire(&raw));
        // The order id box is applied too, typed or not yet submitted.
        let typed = external.get_untracked().trim().to_string();
        go.run(state.get_untracked().with_filters(status, Some(typed)));
    };
    let on_limit = move |ev: leptos::ev::Event| {
        if let Ok(limit) = event_target_value(&ev).parse::<u32>() {
            go.run(state.get_untracked().with_limit(limit));
        }
    };
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = state.get_untracked();
        let text = external.get_untracked().trim().to_string();
        go.run(current.with_filters(current.status.clone(), Some(text)));
    };
    let clear = move |_| {
        external.set(String::new());
        let current = state.get_untracked();
        go.run(current.with_filters(None, None));
    };
    let filtered = move || state.with(|s| s.status.is_some() || s.external_order_id.is_some());
    let limits = move || page_size_options(state.with(|s| s.paging.limit));

    view! {
        <form class="toolbar orders-filters" role="search" aria-label="Filter orders" on:submit=on_search>
            <div class="field">
                <label class="field__label" for="orders-status">"Status"</label>
                <select
                    id="orders-status"
                    class="input"
                    on:change=on_status
                    prop:value=move || state.with(|s| s.status.as_ref().map(|st| st.as_wire().to_string()).unwrap_or_default())
                >
                    <option value="" selected=move || state.with(|s| s.status.is_none())>"All statuses"</option>
                    {OrderStatus::KNOWN
                        .iter()
                        .map(|status| {
                            let wire = status.as_wire().to_string();
                            let this = status.clone();
                            view! {
                                <option
                                    value=wire
                                    selected=move || state.with(|s| s.status.as_ref() == Some(&this))
                                >
                                    {order_status_label(status)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field orders-filters__search">
                <label class="field__label" for="orders-external-id">"Your order id (exact)"</label>
                <input
                    id="orders-external-id"
                    class="input input--code"
                    type="search"
                    placeholder="ORD-100123"
                    maxlength="255"
                    autocomplete="off"
                    prop:value=move || external.get()
                    on:input=move |ev| external.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="btn btn-secondary">"Search"</button>
            <div class="field">
                <label class="field__label" for="orders-limit">"Per page"</label>
                <select
                    id="orders-limit"
                    class="input"
                    on:change=on_limit
                    prop:value=move || state.with(|s| s.paging.limit.to_string())
                >
                    {limits}
                </select>
            </div>
            <Show when=filtered>
                <button type="button" class="btn btn-ghost" on:click=clear>"Clear filters"</button>
            </Show>
        </form>
        <p class="filters-note muted">
            "The API filters by status and by your exact order id only. It has no date-range or merchant filter, \
             so none is offered here (filtering one page would silently hide orders on the others): \
             export CSV to slice the full list."
        </p>
    }
}

#[component]
fn OrdersResults(
    list: Vec<Order>,
    state: Memo<OrdersView>,
    go: Callback<OrdersView>,
) -> impl IntoView {
    let view_now = state.get_untracked();
    let page = view_now.paging.page;
    let limit = view_now.paging.limit;
    let rows = list.len();
    let has_next = has_next_page(rows, limit);
    let filtered = view_now.status.is_some() || view_now.external_order_id.is_some();

    if list.is_empty() {
        let (title, text) = if page > 1 {
            (
                format!("No orders on page {page}"),
                "The list ends before this page.".to_string(),
            )
        } else if filtered {
            (
                "No orders match these filters".to_string(),
                "Try another status, or check the order id: it must match exactly.".to_string(),
            )
        } else {
            (
                "No orders yet".to_string(),
                "Orders placed from a QR code appear here.".to_string(),
            )
        };
        let first_page = move |_| go.run(state.get_untracked().with_page(1));
        let clear = move |_| go.run(state.get_untracked().with_filters(None, None));
        return view! {
            <div class="card empty-state" data-testid="orders-empty">
                <p class="empty-state__title">{title}</p>
                <p class="muted">{text}</p>
                {(page > 1).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=first_page>"Go to the first page"</button>
                })}
                {(page <= 1 && filtered).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=clear>"Clear filters"</button>
                })}
            </div>
        }
        .into_any();
    }

    let on_page = Callback::new(move |n: u32| go.run(state.get_untracked().with_page(n)));
    let shown = use_progressive_count(rows);
    let list = StoredValue::new(list);
    view! {
        <div class="table-wrap">
            <table class="table orders-table">
                <caption class="visually-hidden">{format!("Orders, page {page}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Order"</th>
                        <th scope="col">"Merchant"</th>
                        <th scope="col" class="num">"Amount RUB"</th>
                        <th scope="col" class="num">"Amount USDT"</th>
                        <th scope="col" class="num">"Rate"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..shown.get() key=|index| *index let:index>
                        {list.with_value(|list| list.get(index).cloned()).map(|order| view! { <OrderRow order/> })}
                    </For>
                </tbody>
            </table>
        </div>
        <Pagination
            page=Signal::derive(move || page)
            has_next=Signal::derive(move || has_next)
            rows=Signal::derive(move || rows)
            noun="orders"
            on_page
        />
    }
    .into_any()
}

#[component]
fn OrderRow(order: Order) -> impl IntoView {
    let href = format!("/orders/{}", percent_encode(&order.id));
    let navigate = use_navigate();
    let row_href = href.clone();
    // The whole row opens the order; the link in it is the keyboard (and middle-click) path.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if clicked_a_control(&ev) || has_text_selection() {
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.button() == 1 {
            if let Some(window) = web_sys::window() {
                let _ = window.open_with_url_and_target(&row_href, "_blank");
            }
            return;
        }
        navigate(&row_href, Default::default());
    };
    let (link_text, link_class) = match &order.external_order_id {
        Some(id) if !id.trim().is_empty() => (id.clone(), "row-link mono"),
        _ => (short_id(&order.id), "row-link mono muted-link"),
    };
    let link_label = format!("Open order {link_text}");
    view! {
        <tr class="row-clickable" data-order-id=order.id.clone() data-status=order.status.as_wire().to_string() on:click=on_click>
            <td class="nowrap"><Time value=order.created_at/></td>
            <td class="nowrap">
                <a class=link_class href=href aria-label=link_label>{link_text}</a>
            </td>
            <td><span class="truncate" title=order.merchant_name.clone()>{order.merchant_name.clone()}</span></td>
            <td class="num"><Money amount=order.amount_rub currency="RUB"/></td>
            <td class="num"><Money amount=order.amount_usdt currency="USDT"/></td>
            <td class="num">
                {match order.rate {
                    Some(rate) => view! { <span class="money">{format_plain(rate, 2, 6)}</span> }.into_any(),
                    None => view! { <span class="muted">"—"</span> }.into_any(),
                }}
            </td>
            <td><OrderStatusBadge status=order.status.clone()/></td>
        </tr>
    }
}

/// The click landed on a link or button inside the row: let it do its own thing.
fn clicked_a_control(ev: &leptos::ev::MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| {
            element
                .closest("a, button, input, select, textarea")
                .ok()
                .flatten()
        })
        .is_some()
}

fn has_text_selection() -> bool {
    use wasm_bindgen::{JsCast, JsValue};
    // `window.getSelection().isCollapsed`, read through JS (no extra web-sys feature needed).
    let Some(window) = web_sys::window() else {
        return false;
    };
    js_sys::Reflect::get(&window, &JsValue::from_str("getSelection"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .and_then(|selection| {
            js_sys::Reflect::get(&selection, &JsValue::from_str("isCollapsed")).ok()
        })
        .and_then(|collapsed| collapsed.as_bool())
        .is_some_and(|collapsed| !collapsed)
}
