//! A prepared quote: what it prices, whether the balance covers it, a live countdown, and the
//! accept, which ends only on a definite answer (`accept.rs`).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::models::{PrepareOrderRequest, Quote};
use lumo_api::requests::{path_segment_is_safe, percent_encode};
use lumo_api::rules::money::{format_amount, format_rate};
use lumo_api::rules::quotes::idempotency::{uuid_v4_from_bytes, AcceptKey};
use lumo_api::rules::quotes::pending::{AcceptCheck, AcceptStep, PendingAccept};
use lumo_api::rules::quotes::AcceptBlock;

use super::accept::{AcceptRun, AcceptStart, AcceptStatus, Accepting};
use crate::client::use_client;
use crate::components::countdown::use_seconds_left;
use crate::components::loading::Spinner;
use crate::components::{Countdown, Time};
use crate::session::use_session;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct PreparedQuote {
    pub quote: Quote,
    /// The deadline on the browser's clock (`client_deadline`).
    pub deadline: DateTime<Utc>,
    /// What was sent, for "Get a new quote".
    pub request: PrepareOrderRequest,
}

impl From<PendingAccept> for PreparedQuote {
    fn from(pending: PendingAccept) -> Self {
        PreparedQuote {
            quote: pending.quote,
            deadline: pending.deadline,
            request: pending.request,
        }
    }
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
    /// Where the accept stands; owned by the page, which blocks a fresh start while the outcome
    /// is unknown.
    status: RwSignal<AcceptStatus>,
    /// A stored accept of this quote whose outcome was not known (after a reload): resume it.
    resume: Option<PendingAccept>,
    /// Called once the order exists (before navigating to it).
    on_ordered: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let navigate = use_navigate();
    let quote = prepared.quote.clone();
    let deadline = prepared.deadline;
    let seconds = use_seconds_left(Signal::derive(move || Some(deadline)));
    let seconds = Signal::derive(move || seconds.get().unwrap_or(0));
    let keys = StoredValue::new(AcceptKey::default());
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    let accepting = Accepting::new(AcceptRun {
        client,
        status,
        check: StoredValue::new(AcceptCheck::new()),
        alive,
        on_placed: Callback::new(move |order: lumo_api::models::Order| {
            on_ordered.run(());
            navigate(
                &format!("/orders/{}", percent_encode(&order.id)),
                Default::default(),
            );
        }),
    });
    let scope = move || session.get_untracked().map(|s| s.scope());
    if let (Some(pending), Some(scope)) = (resume.clone(), scope()) {
        keys.update_value(|keys| {
            keys.for_quote(&pending.quote.id, || pending.idempotency_key.clone());
        });
        // Resumed on mount: the outcome of an accept made before the reload is found out first.
        accepting.start(AcceptStart {
            scope,
            pending,
            first: AcceptStep::ReadBack { after_ms: 0 },
        });
    } else {
        status.set(AcceptStatus::Idle);
    }

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
    let pending_of = {
        let prepared = prepared.clone();
        move |key: String| PendingAccept {
            quote: prepared.quote.clone(),
            deadline: prepared.deadline,
            request: prepared.request.clone(),
            idempotency_key: key,
        }
    };
    let quote_id = quote.id.clone();
    let accept = move |_| {
        if status.get_untracked() != AcceptStatus::Idle || block().is_some() {
            return;
        }
        let Some(scope) = scope() else {
            return;
        };
        if !path_segment_is_safe(&quote_id) {
            // `.`/`..` would be resolved away by the browser and the accept sent elsewhere.
            status.set(AcceptStatus::NotPlaced {
                message: "The server gave this quote an id that cannot be sent back safely, so it was not accepted.".into(),
            });
            return;
        }
        let key = keys
            .try_update_value(|keys| keys.for_quote(&quote_id, random_key))
            .unwrap_or_else(random_key);
        accepting.start(AcceptStart {
            scope,
            pending: pending_of(key),
            first: AcceptStep::SendAccept,
        });
    };
    let check_again = {
        let prepared = prepared.clone();
        move |_| {
            let (Some(scope), Some(pending)) =
                (scope(), scope().and_then(|s| super::accept::load(&s)))
            else {
                return;
            };
            if pending.quote.id != prepared.quote.id {
                return;
            }
            accepting.check_again(AcceptStart {
                scope,
                pending,
                first: AcceptStep::ReadBack { after_ms: 0 },
            });
        }
    };
    let new_quote = move |_| re_prepare.run(());
    let refused = move || match status.get() {
        AcceptStatus::NotPlaced { message } => Some(message),
        _ => None,
    };
    let unknown = move || status.with(AcceptStatus::outcome_unknown);

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
    let disabled =
        move || status.with(|s| *s != AcceptStatus::Idle) || block().is_some() || preparing.get();

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
                {move || refused().map(|message| view! {
                    <div class="alert alert-error" role="alert" data-testid="accept-refused">
                        <p class="alert__title">"The server did not accept this quote"</p>
                        <p>{message}</p>
                        <p>"No order was placed. Get a new quote to see the current price."</p>
                    </div>
                })}
                {move || (status.get() == AcceptStatus::Checking).then(|| view! {
                    <div class="alert alert-warning" role="status" data-testid="accept-checking">
                        <p class="alert__title"><Spinner/>" Checking whether the order was placed..."</p>
                        <p>"The answer to your accept was lost on the way. The portal is asking the server whether the order exists; it will not place a second one."</p>
                    </div>
                })}
                {move || match status.get() {
                    AcceptStatus::Stalled { summary, detail } => Some(view! {
                        <div class="alert alert-error" role="alert" data-testid="accept-unknown">
                            <p class="alert__title">"We don't know yet whether the order was placed"</p>
                            <p>{summary}</p>
                            <p>{detail}</p>
                            <p>"Don't pay this merchant again until you know: check again, or look for the order under Orders."</p>
                            <button type="button" class="btn btn-secondary" data-testid="accept-check-again"
                                on:click=check_again.clone()>"Check again"</button>
                        </div>
                    }),
                    _ => None,
                }}
            </div>
            {move || (status.get() == AcceptStatus::Idle).then(block).flatten().map(|block| view! {
                <p class="alert alert-warning" role="status" data-testid="accept-blocked"
                    data-reason=match block { AcceptBlock::Expired => "expired", AcceptBlock::InsufficientBalance => "balance" }>
                    {block.reason()}
                </p>
            })}
            <div class="form-actions">
                <button type="button" class="btn btn-primary" data-testid="accept-quote"
                    disabled=disabled on:click=accept aria-describedby="quote-title">
                    {move || (status.get() == AcceptStatus::Placing).then(|| view! { <Spinner/> })}
                    {format!("Accept and pay {usdt}")}
                </button>
                {move || (!unknown()).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=new_quote disabled=move || preparing.get()>
                        {move || preparing.get().then(|| view! { <Spinner/> })}
                        "Get a new quote"
                    </button>
                })}
            </div>
        </section>
    }
}
