//! A prepared quote: what it prices, whether the balance covers it, a live countdown, and the
//! idempotent accept.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use lumo_api::models::{PrepareOrderRequest, Quote};
use lumo_api::requests::percent_encode;
use lumo_api::rules::money::{format_amount, format_rate};
use lumo_api::rules::quotes::idempotency::{uuid_v4_from_bytes, AcceptKey};
use lumo_api::rules::quotes::AcceptBlock;
use lumo_api::ApiError;

use crate::client::use_client;
use crate::components::countdown::use_seconds_left;
use crate::components::loading::Spinner;
use crate::components::{Countdown, Time};

#[derive(Debug, Clone, PartialEq)]
pub(super) struct PreparedQuote {
    pub quote: Quote,
    /// The deadline on the browser's clock (`client_deadline`).
    pub deadline: DateTime<Utc>,
    /// What was sent, for "Get a new quote".
    pub request: PrepareOrderRequest,
}

/// 16 random bytes from `crypto.getRandomValues`, as a UUID v4.
fn random_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto (very old browser): Math.random is enough to tell two quotes apart.
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4_from_bytes(bytes)
}

#[component]
pub(super) fn QuotePanel(
    prepared: PreparedQuote,
    re_prepare: Callback<()>,
    #[prop(into)] preparing: Signal<bool>,
    /// Called once the order exists (before navigating to it).
    on_ordered: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let navigate = use_navigate();
    let quote = prepared.quote.clone();
    let deadline = prepared.deadline;
    let seconds = use_seconds_left(Signal::derive(move || Some(deadline)));
    let seconds = Signal::derive(move || seconds.get().unwrap_or(0));
    let accepting = RwSignal::new(false);
    // The server refused this quote (409 expired / accepted / balance): show why, block accept.
    let refused = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let keys = StoredValue::new(AcceptKey::default());

    let sufficient = quote.is_balance_sufficient;
    let block = move || {
        if seconds.get() <= 0 {
            Some(AcceptBlock::Expired)
        } else if !sufficient {
            Some(AcceptBlock::InsufficientBalance)
        } else {
            None
        }
    };
    let quote_id = quote.id.clone();
    let accept = move |_| {
        if accepting.get_untracked() || block().is_some() || refused.with_untracked(Option::is_some)
        {
            return;
        }
        accepting.set(true);
        error.set(None);
        let id = quote_id.clone();
        let key = keys
            .try_update_value(|keys| keys.for_quote(&id, random_key))
            .unwrap_or_else(random_key);
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = client
                .send(&lumo_api::requests::accept_order(&id, &key))
                .await;
            match answer {
                Ok(order) => {
                    on_ordered.run(());
                    navigate(
                        &format!("/orders/{}", percent_encode(&order.id)),
                        Default::default(),
                    );
                }
                Err(ApiError::Conflict { message }) => {
                    accepting.try_set(false);
                    refused.try_set(Some(message.unwrap_or_else(|| {
                        "The server refused this quote (it may have expired or been accepted already).".into()
                    })));
                }
                Err(other) => {
                    // Same key on the next try: the server returns the order if the first got through.
                    accepting.try_set(false);
                    error.try_set(Some(other.to_string()));
                }
            }
        });
    };
    let new_quote = move |_| re_prepare.run(());

    let rub = format_amount(quote.amount_rub, "RUB");
    let usdt = format_amount(quote.amount_usdt, "USDT");
    let intro = format!(
        "Quote ready: {usdt} for {rub} to {}. It expires in 30 seconds.{}",
        quote.merchant_name,
        if sufficient {
            ""
        } else {
            " The company balance does not cover it."
        }
    );
    let disabled = move || {
        accepting.get() || block().is_some() || refused.with(Option::is_some) || preparing.get()
    };

    view! {
        <section class="card quote" aria-labelledby="quote-title" data-testid="quote" data-quote-id=quote.id.clone()>
            <div class="card__header">
                <div>
                    <h2 id="quote-title" class="card__title">"Quote"</h2>
                    <p class="card__subtitle">"Valid for 30 seconds. Nothing is reserved until you accept."</p>
                </div>
            </div>
            <dl class="details quote__details">
                <dt>"Merchant"</dt>
                <dd data-testid="quote-merchant">{quote.merchant_name.clone()}</dd>
                <dt>"Amount"</dt>
                <dd class="money" data-testid="quote-rub">{rub.clone()}</dd>
                <dt>"You pay"</dt>
                <dd class="money quote__usdt" data-testid="quote-usdt">{usdt.clone()}</dd>
                <dt>"Rate"</dt>
                <dd class="money" data-testid="quote-rate">{format_rate(quote.rate)}</dd>
                <dt>"Balance"</dt>
                <dd data-testid="quote-balance">
                    {if sufficient {
                        view! { <span class="badge badge--success">"Sufficient"</span> " The company balance covers this amount." }.into_any()
                    } else {
                        view! { <span class="badge badge--danger">"Not sufficient"</span> " The company balance does not cover this amount." }.into_any()
                    }}
                </dd>
                <dt>"Expires"</dt>
                <dd><Time value=quote.expires_at seconds=true/></dd>
            </dl>
            <Countdown seconds intro/>
            <div aria-live="assertive">
                {move || refused.get().map(|message| view! {
                    <div class="alert alert-error" role="alert" data-testid="accept-refused">
                        <p class="alert__title">"The server did not accept this quote"</p>
                        <p>{message}</p>
                        <p>"Get a new quote to see the current price."</p>
                    </div>
                })}
                {move || error.get().map(|message| view! {
                    <div class="alert alert-error" role="alert" data-testid="accept-error">
                        <p class="alert__title">"The order could not be placed"</p>
                        <p>{message}</p>
                        <p>"Trying again is safe: it cannot create a second order."</p>
                    </div>
                })}
            </div>
            {move || refused.with(Option::is_none).then(block).flatten().map(|block| view! {
                <p class="alert alert-warning" role="status" data-testid="accept-blocked"
                    data-reason=match block { AcceptBlock::Expired => "expired", AcceptBlock::InsufficientBalance => "balance" }>
                    {block.reason()}
                </p>
            })}
            <div class="form-actions">
                <button type="button" class="btn btn-primary" data-testid="accept-quote"
                    disabled=disabled on:click=accept aria-describedby="quote-title">
                    {move || accepting.get().then(|| view! { <Spinner/> })}
                    {format!("Accept and pay {usdt}")}
                </button>
                <button type="button" class="btn btn-secondary" on:click=new_quote disabled=move || preparing.get() || accepting.get()>
                    {move || preparing.get().then(|| view! { <Spinner/> })}
                    "Get a new quote"
                </button>
            </div>
        </section>
    }
}
