//! /orders: the company's orders, filtered and paged exactly as the API allows (status, exact
//! external order id, limit, offset). The whole view lives in the URL query
//! (`lumo_api::listing::OrdersView`), so reload, back/forward and a pasted link reproduce it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lumo_api::listing::{has_next_page, OrdersView};
use lumo_api::models::{Order, OrderStatus};
use lumo_api::rules::order_rows::OrderRowText;

use crate::client::api_resource;
use crate::components::pagination::Pagination;
use crate::components::progressive::{use_after_first_paint, FIRST_ROWS};
use crate::components::status_badge::order_status_badge;
use crate::components::url_list::{list_url, page_size_options, use_url_view};
use crate::components::{ApiView, IgnoredQueryNotice, PageHeader};
use crate::config::use_config;
use crate::format;
use crate::i18n::{locale, tf, tr, Key, Locale};
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
            <PageHeader title=tr(Key::OrdersTitle) subtitle=tr(Key::OrdersSubtitle)>
                <CsvExport state=state.into()/>
                <a class="btn btn-primary" href="/orders/new">{tr(Key::NavNewOrder)}</a>
            </PageHeader>
            <OrdersFilters state go/>
            <IgnoredQueryNotice ignored=Signal::derive(move || state.with(|s| s.ignored.clone()))/>
            <ApiView resource=orders loading_label=tr(Key::OrdersLoading) let:list>
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
        <form class="toolbar orders-filters" role="search" aria-label=tr(Key::OrdersFilterLabel) on:submit=on_search>
            <div class="field">
                <label class="field__label" for="orders-status">{tr(Key::OrdersStatus)}</label>
                <select
                    id="orders-status"
                    class="input"
                    on:change=on_status
                    prop:value=move || state.with(|s| s.status.as_ref().map(|st| st.as_wire().to_string()).unwrap_or_default())
                >
                    <option value="" selected=move || state.with(|s| s.status.is_none())>{tr(Key::OrdersAllStatuses)}</option>
                    {OrderStatus::KNOWN
                        .iter()
                        .map(|status| {
                            let wire = status.as_wire().to_string();
                            let this = status.clone();
                            let label = status.clone();
                            view! {
                                <option
                                    value=wire
                                    selected=move || state.with(|s| s.status.as_ref() == Some(&this))
                                >
                                    {move || order_status_label(&label)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field orders-filters__search">
                <label class="field__label" for="orders-external-id">{tr(Key::OrdersExternalIdLabel)}</label>
                <input
                    id="orders-external-id"
                    class="input input--code"
                    type="search"
                    translate="no"
                    placeholder="ORD-100123"
                    maxlength="255"
                    autocomplete="off"
                    prop:value=move || external.get()
                    on:input=move |ev| external.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="btn btn-secondary">{tr(Key::OrdersSearch)}</button>
            <div class="field">
                <label class="field__label" for="orders-limit">{tr(Key::OrdersPerPage)}</label>
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
                <button type="button" class="btn btn-ghost" on:click=clear>{tr(Key::OrdersClearFilters)}</button>
            </Show>
        </form>
        <p class="filters-note muted">
            {tr(Key::OrdersFiltersNote)}
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
            (Key::OrdersEmptyPageTitle, Key::OrdersEmptyPageText)
        } else if filtered {
            (Key::OrdersEmptyFilteredTitle, Key::OrdersEmptyFilteredText)
        } else {
            (Key::OrdersEmptyTitle, Key::OrdersEmptyText)
        };
        let title = move || tf(title, &[("page", &page.to_string())]);
        let first_page = move |_| go.run(state.get_untracked().with_page(1));
        let clear = move |_| go.run(state.get_untracked().with_filters(None, None));
        return view! {
            <div class="card empty-state" data-testid="orders-empty">
                <p class="empty-state__title">{title}</p>
                <p class="muted">{tr(text)}</p>
                {(page > 1).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=first_page>{tr(Key::OrdersFirstPage)}</button>
                })}
                {(page <= 1 && filtered).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=clear>{tr(Key::OrdersClearFilters)}</button>
                })}
            </div>
        }
        .into_any();
    }

    let on_page = Callback::new(move |n: u32| go.run(state.get_untracked().with_page(n)));
    let navigate = use_navigate();
    let on_click = move |ev: leptos::ev::MouseEvent| open_clicked_row(&ev, &navigate);
    // The first screen is drawn with the page, the rest in one step after it is painted; each
    // row's text is computed only when its step comes, and again in a newly chosen language.
    let split = list.len().min(FIRST_ROWS);
    let list = StoredValue::new(list);
    let first_painted = use_after_first_paint();
    let first_rows = move || {
        let locale = locale();
        list.try_with_value(|list| list[..split].to_vec())
            .map(|first| order_rows(locale, first))
    };
    let rest_rows = move || {
        let locale = locale();
        first_painted
            .get()
            .then(|| list.try_with_value(|list| list[split..].to_vec()))
            .flatten()
            .map(|rest| order_rows(locale, rest))
    };
    view! {
        <div class="table-wrap">
            <table class="table orders-table">
                <caption class="visually-hidden">
                    {move || tf(Key::OrdersCaption, &[("page", &page.to_string())])}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::OrdersColCreated)}</th>
                        <th scope="col">{tr(Key::OrdersColOrder)}</th>
                        <th scope="col">{tr(Key::OrdersColMerchant)}</th>
                        <th scope="col" class="num">{tr(Key::OrdersColAmountRub)}</th>
                        <th scope="col" class="num">{tr(Key::OrdersColAmountUsdt)}</th>
                        <th scope="col" class="num">{tr(Key::OrdersColRate)}</th>
                        <th scope="col">{tr(Key::OrdersColStatus)}</th>
                    </tr>
                </thead>
                // One click handler for all rows (rows hold no closure, no listener of their own).
                <tbody on:click=on_click>
                    {first_rows}
                    {rest_rows}
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

fn order_rows(locale: Locale, orders: Vec<Order>) -> Vec<impl IntoView> {
    orders
        .into_iter()
        .map(|order| {
            let offset = format::local_offset(&order.created_at);
            order_row(lumo_api::rules::order_rows::order_row(
                locale, order, offset,
            ))
        })
        .collect()
}

/// One row: plain elements holding the row's ready text, nothing reactive (a switch of language
/// draws the rows again). The whole row opens
/// the order (see [`open_clicked_row`]); the link in it is the keyboard (and middle-click) path.
fn order_row(row: OrderRowText) -> impl IntoView {
    let link_class = if row.reference_is_api_id {
        "row-link mono muted-link"
    } else {
        "row-link mono"
    };
    let link_label = tf(Key::OrdersOpenOrder, &[("reference", &row.reference)]);
    let (rate_class, rate) = match row.rate {
        Some(rate) => ("money", rate),
        None => ("muted", "—".to_string()),
    };
    let status = row.status.as_wire().to_string();
    let merchant_title = row.merchant.clone();
    view! {
        <tr class="row-clickable" data-order-id=row.id data-status=status>
            <td class="nowrap">
                <time datetime=row.created.iso title=row.created.utc>{row.created.local}</time>
            </td>
            <td class="nowrap">
                <a class=link_class href=row.href aria-label=link_label translate="no">{row.reference}</a>
            </td>
            <td><span class="truncate" title=merchant_title translate="no">{row.merchant}</span></td>
            <td class="num"><span class="money" translate="no">{row.amount_rub}</span></td>
            <td class="num"><span class="money" translate="no">{row.amount_usdt}</span></td>
            <td class="num"><span class=rate_class>{rate}</span></td>
            <td>{order_status_badge(&row.status)}</td>
        </tr>
    }
}

/// A click in the table body: open the order of the row it landed in, as the row's own link
/// would (a new tab with ctrl/meta or the middle button), unless it landed on a control inside
/// the row, which does its own thing, or ended a text selection.
fn open_clicked_row(ev: &leptos::ev::MouseEvent, navigate: &impl Fn(&str, NavigateOptions)) {
    if clicked_a_control(ev) || has_text_selection() {
        return;
    }
    let Some(href) = clicked_row_href(ev) else {
        return;
    };
    if ev.ctrl_key() || ev.meta_key() || ev.button() == 1 {
        if let Some(window) = web_sys::window() {
            let _ = window.open_with_url_and_target(&href, "_blank");
        }
        return;
    }
    navigate(&href, Default::default());
}

/// The href of the link in the order row the click landed in.
fn clicked_row_href(ev: &leptos::ev::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let row = target.closest("tr[data-order-id]").ok()??;
    row.query_selector("a[href]").ok()??.get_attribute("href")
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
