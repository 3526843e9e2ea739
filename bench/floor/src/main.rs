//! The floor app of `make bench` (see Cargo.toml): one route, `/orders`, that reads the session
//! the benchmark stores for the portal (localStorage `lumo.session`: API key and API base URL),
//! fetches `GET {api}/orders?limit=N&offset=0` (N from the page's `limit` query, default 20) and
//! renders one plain `<tr data-order-id>` per order in `table.orders-table`, with the columns of
//! the portal's orders table as plain text. No retries, caching, formatting or styling: the
//! least a Leptos CSR app can do for the same figures.

use std::fmt;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Session {
    api_key: String,
    environment: Environment,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Environment {
    api_base_url: String,
}

/// The fields the portal's orders table shows.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Order {
    id: String,
    status: String,
    amount_rub: Text,
    amount_usdt: Text,
    #[serde(default)]
    rate: Option<Text>,
    merchant_name: String,
    #[serde(default)]
    external_order_id: Option<String>,
    created_at: String,
}

/// A JSON string or number, as its text (serde_json's arbitrary_precision keeps a number's
/// digits), so amounts are never floats.
#[derive(Clone)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            // arbitrary_precision hands a number over as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                serde_json::Number::deserialize(MapAccessDeserializer::new(map))
                    .map(|n| Text(n.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

async fn fetch_orders(limit: u32) -> Result<Vec<Order>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let stored = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("lumo.session").ok().flatten())
        .ok_or("no stored session")?;
    let session: Session = serde_json::from_str(&stored).map_err(|e| e.to_string())?;
    let headers = web_sys::Headers::new().map_err(|_| "headers")?;
    headers
        .append("X-API-Key", &session.api_key)
        .map_err(|_| "header")?;
    let init = web_sys::RequestInit::new();
    init.set_headers(&headers);
    let url = format!(
        "{}/orders?limit={limit}&offset=0",
        session.environment.api_base_url.trim_end_matches('/')
    );
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| "network error")?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "body")?)
        .await
        .map_err(|_| "body")?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

fn row(order: Order) -> impl IntoView {
    let reference = match order.external_order_id {
        Some(id) if !id.trim().is_empty() => id,
        _ => order.id.chars().take(8).collect(),
    };
    view! {
        <tr data-order-id=order.id>
            <td>{order.created_at}</td>
            <td>{reference}</td>
            <td>{order.merchant_name}</td>
            <td>{order.amount_rub.0}</td>
            <td>{order.amount_usdt.0}</td>
            <td>{order.rate.map_or_else(|| "—".to_owned(), |r| r.0)}</td>
            <td>{order.status}</td>
        </tr>
    }
}

#[component]
fn Orders() -> impl IntoView {
    let limit = use_query_map()
        .with_untracked(|q| q.get("limit").and_then(|l| l.parse().ok()))
        .unwrap_or(20);
    let orders = LocalResource::new(move || fetch_orders(limit));
    view! {
        <table class="orders-table">
            <thead>
                <tr>
                    <th>"Created"</th>
                    <th>"Order"</th>
                    <th>"Merchant"</th>
                    <th>"Amount RUB"</th>
                    <th>"Amount USDT"</th>
                    <th>"Rate"</th>
                    <th>"Status"</th>
                </tr>
            </thead>
            <tbody>
                {move || orders.get().map(|answer| match answer {
                    Ok(list) => list.into_iter().map(row).collect_view().into_any(),
                    Err(error) => view! { <tr><td colspan="7">{error}</td></tr> }.into_any(),
                })}
            </tbody>
        </table>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "Not found.">
                <Route path=path!("/orders") view=Orders/>
            </Routes>
        </Router>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
