//! A prepared quote: what it prices, whether the balance covers it, a live countdown, and the
//! accept, which ends only on a definite answer (`accept.rs`).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::models::{PrepareOrderRequest, Quote};
use lumo_api::requests::{path_segment_is_safe, percent_encode};
use lumo_api::rules::money::{format_amount_in, format_rate_in};
use lumo_api::rules::quotes::idempotency::{uuid_v4_from_bytes, AcceptKey};
use lumo_api::rules::quotes::pending::{AcceptCheck, AcceptStep, PendingAccept};
use lumo_api::rules::quotes::AcceptBlock;

use super::accept::{
    refusal_message, stall_detail, AcceptRun, AcceptStart, AcceptStatus, Accepting, Refusal,
};
use crate::client::use_client;
use crate::components::countdown::use_seconds_left;
use crate::components::loading::Spinner;
use crate::components::{Countdown, Time};
use crate::i18n::{locale, tf, tr, Key};
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
            status.set(AcceptStatus::NotPlaced(Refusal::UnsafeId));
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
        AcceptStatus::NotPlaced(refusal) => Some(refusal_message(&refusal)),
        _ => None,
    };
    let unknown = move || status.with(AcceptStatus::outcome_unknown);

    let (amount_rub, amount_usdt, rate) = (quote.amount_rub, quote.amount_usdt, quote.rate);
    let rub = move || format_amount_in(locale(), amount_rub, "RUB");
    let usdt = move || format_amount_in(locale(), amount_usdt, "USDT");
    let merchant = quote.merchant_name.clone();
    let intro_data = merchant.clone();
    let intro = move || {
        let key = if sufficient {
            Key::NewOrderIntro
        } else {
            Key::NewOrderIntroInsufficient
        };
        tf(
            key,
            &[("usdt", &usdt()), ("rub", &rub()), ("merchant", &merchant)],
        )
    };
    let disabled =
        move || status.with(|s| *s != AcceptStatus::Idle) || block().is_some() || preparing.get();

    view! {
        <section class="card quote" aria-labelledby="quote-title" data-testid="quote" data-quote-id=quote.id.clone()>
            <div class="card__header">
                <div>
                    <h2 id="quote-title" class="card__title">{tr(Key::NewOrderQuoteTitle)}</h2>
                    <p class="card__subtitle">{tr(Key::NewOrderQuoteSubtitle)}</p>
                </div>
            </div>
            <dl class="details quote__details">
                <dt>{tr(Key::NewOrderMerchant)}</dt>
                <dd data-testid="quote-merchant" translate="no">{quote.merchant_name.clone()}</dd>
                <dt>{tr(Key::NewOrderAmount)}</dt>
                <dd class="money" data-testid="quote-rub" translate="no">{rub}</dd>
                <dt>{tr(Key::NewOrderYouPay)}</dt>
                <dd class="money quote__usdt" data-testid="quote-usdt" translate="no">{usdt}</dd>
                <dt>{tr(Key::NewOrderRate)}</dt>
                <dd class="money" data-testid="quote-rate" translate="no">{move || format_rate_in(locale(), rate)}</dd>
                <dt>{tr(Key::NewOrderBalance)}</dt>
                <dd data-testid="quote-balance">
                    {if sufficient {
                        view! { <span class="badge badge--success">{tr(Key::NewOrderSufficient)}</span> " " {tr(Key::NewOrderSufficientText)} }.into_any()
                    } else {
                        view! { <span class="badge badge--danger">{tr(Key::NewOrderNotSufficient)}</span> " " {tr(Key::NewOrderNotSufficientText)} }.into_any()
                    }}
                </dd>
                <dt>{tr(Key::NewOrderExpires)}</dt>
                <dd><Time value=quote.expires_at seconds=true/></dd>
            </dl>
            <Countdown seconds intro intro_data/>
            <div aria-live="assertive">
                {move || refused().map(|(message, from_server)| view! {
                    <div class="alert alert-error" role="alert" data-testid="accept-refused">
                        <p class="alert__title">{tr(Key::NewOrderRefusedTitle)}</p>
                        <p translate=from_server.then_some("no")>{message}</p>
                        <p>{tr(Key::NewOrderRefusedText)}</p>
                    </div>
                })}
                {move || (status.get() == AcceptStatus::Checking).then(|| view! {
                    <div class="alert alert-warning" role="status" data-testid="accept-checking">
                        <p class="alert__title"><Spinner/>" "{tr(Key::NewOrderCheckingTitle)}</p>
                        <p>{tr(Key::NewOrderCheckingText)}</p>
                    </div>
                })}
                {move || match status.get() {
                    AcceptStatus::Stalled(stall) => Some(view! {
                        <div class="alert alert-error" role="alert" data-testid="accept-unknown">
                            <p class="alert__title">{tr(Key::NewOrderUnknownTitle)}</p>
                            <p>{crate::rule_words::stall_summary(&stall)}</p>
                            <p>{stall_detail(&stall)}</p>
                            <p>{tr(Key::NewOrderUnknownText)}</p>
                            <button type="button" class="btn btn-secondary" data-testid="accept-check-again"
                                on:click=check_again.clone()>{tr(Key::NewOrderCheckAgain)}</button>
                        </div>
                    }),
                    _ => None,
                }}
            </div>
            {move || (status.get() == AcceptStatus::Idle).then(block).flatten().map(|block| view! {
                <p class="alert alert-warning" role="status" data-testid="accept-blocked"
                    data-reason=match block { AcceptBlock::Expired => "expired", AcceptBlock::InsufficientBalance => "balance" }>
                    {move || crate::rule_words::accept_block(block)}
                </p>
            })}
            <div class="form-actions">
                <button type="button" class="btn btn-primary" data-testid="accept-quote"
                    disabled=disabled on:click=accept aria-describedby="quote-title">
                    {move || (status.get() == AcceptStatus::Placing).then(|| view! { <Spinner/> })}
                    {move || tf(Key::NewOrderAccept, &[("usdt", &usdt())])}
                </button>
                {move || (!unknown()).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=new_quote disabled=move || preparing.get()>
                        {move || preparing.get().then(|| view! { <Spinner/> })}
                        {tr(Key::NewOrderNewQuote)}
                    </button>
                })}
            </div>
        </section>
    }
}
