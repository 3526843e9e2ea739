//! /orders/new: paste an NSPK QR payment link, check it on the client, prepare a quote, then
//! accept it before it expires. The accept carries one Idempotency-Key per quote, so a double
//! click or a retry never places two orders; success opens the new order's page.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::models::PrepareOrderRequest;
use lumo_api::rules::nspk::parse_nspk_link;
use lumo_api::rules::quotes::countdown::{client_deadline, QUOTE_TTL_SECONDS};
use lumo_api::rules::validation::{validate_prepare_order, EXTERNAL_ID_MAX, QR_CODE_MAX};

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::components::{Field, PageHeader};
use crate::drafts::use_drafts;
use crate::session::use_session;

mod accept;
mod quote;

use accept::AcceptStatus;
use quote::{PreparedQuote, QuotePanel};

const DRAFT_QR: &str = "new-order.qrCode";
const DRAFT_EXTERNAL: &str = "new-order.externalOrderId";

#[component]
pub fn NewOrderPage() -> impl IntoView {
    let client = use_client();
    let drafts = use_drafts();
    let qr = RwSignal::new(drafts.get(DRAFT_QR).unwrap_or_default());
    let external = RwSignal::new(drafts.get(DRAFT_EXTERNAL).unwrap_or_default());
    Effect::new(move |_| drafts.set(DRAFT_QR, qr.get()));
    Effect::new(move |_| drafts.set(DRAFT_EXTERNAL, external.get()));

    let qr_error = RwSignal::new(None::<String>);
    let external_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let preparing = RwSignal::new(false);
    // An accept of this company whose outcome was never learnt (a reload, or a sign-in after a
    // 401, in the uncertain window): its quote comes back and the check resumes.
    let scope = use_session().get_untracked().map(|s| s.scope());
    let resumed = scope.as_deref().and_then(accept::load);
    let prepared = RwSignal::new(resumed.clone().map(PreparedQuote::from));
    let resumed = StoredValue::new(resumed);
    let accept_status = RwSignal::new(AcceptStatus::Idle);
    let outcome_unknown = move || accept_status.with(AcceptStatus::outcome_unknown);

    // Prepare (or re-prepare) a quote for `body`.
    let prepare = move |body: PrepareOrderRequest| {
        // Never a fresh start while an accept's outcome is unknown: it could pay twice.
        if preparing.get_untracked() || accept_status.with_untracked(AcceptStatus::outcome_unknown)
        {
            return;
        }
        preparing.set(true);
        form_error.set(None);
        spawn_local(async move {
            let sent_at = Utc::now();
            let answer = client.send(&lumo_api::requests::prepare_order(&body)).await;
            let received_at = Utc::now();
            preparing.try_set(false);
            match answer {
                Ok(quote) => {
                    let deadline =
                        client_deadline(quote.expires_at, sent_at, received_at, QUOTE_TTL_SECONDS);
                    prepared.try_set(Some(PreparedQuote {
                        quote,
                        deadline,
                        request: body,
                    }));
                }
                Err(error) => {
                    let on_qr = error.field_messages("qrCode");
                    let on_external = error.field_messages("externalOrderId");
                    if !on_qr.is_empty() {
                        qr_error.try_set(Some(on_qr.join(" ")));
                    }
                    if !on_external.is_empty() {
                        external_error.try_set(Some(on_external.join(" ")));
                    }
                    form_error.try_set(Some(format!("No quote: {error}")));
                }
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if outcome_unknown() {
            return;
        }
        let text = qr.get_untracked().trim().to_string();
        let reference = external.get_untracked().trim().to_string();
        let body = PrepareOrderRequest {
            qr_code: text,
            external_order_id: (!reference.is_empty()).then_some(reference),
        };
        let problems = validate_prepare_order(&body);
        qr_error.set(problems.get("qrCode").cloned());
        external_error.set(problems.get("externalOrderId").cloned());
        if problems.contains_key("qrCode") {
            focus_id("new-order-qr");
            return;
        }
        if !problems.is_empty() {
            focus_id("new-order-external-id");
            return;
        }
        prepared.set(None);
        prepare(body);
    };
    // What the link says, once it parses: shown before asking the server. Problems are shown on
    // submit only: a message appearing on blur would move the button away from a click.
    let preview = move || {
        qr.with(|text| parse_nspk_link(text).ok()).map(|payment| {
            view! {
                <p class="field__hint qr-preview" data-testid="qr-preview">
                    {format!(
                        "Payment link read: {} to bank {}.",
                        lumo_api::rules::money::format_amount(payment.amount_rub, "RUB"),
                        payment.bank
                    )}
                </p>
            }
        })
    };
    let re_prepare = Callback::new(move |()| {
        if let Some(current) = prepared.get_untracked() {
            prepare(current.request);
        }
    });
    let qr_invalid = move || qr_error.with(Option::is_some).then_some("true");
    let qr_described = move || {
        if qr_error.with(Option::is_some) {
            "new-order-qr-hint new-order-qr-error"
        } else {
            "new-order-qr-hint"
        }
    };

    view! {
        <div class="new-order-page">
            <PageHeader title="New order" subtitle="Price a payment from an NSPK (Faster Payments) QR code, then accept the quote before it expires."/>
            <div class="card">
                <form class="form" on:submit=submit novalidate>
                    <div class="field" class:field--invalid=move || qr_error.with(Option::is_some)>
                        <label class="field__label" for="new-order-qr">"Payment link from the QR code"</label>
                        <textarea id="new-order-qr" class="input input--code" rows="3" required
                            maxlength=QR_CODE_MAX.to_string() spellcheck="false" autocapitalize="off"
                            placeholder="https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B"
                            aria-invalid=qr_invalid aria-describedby=qr_described
                            prop:value=move || qr.get()
                            on:input=move |ev| { qr.set(event_target_value(&ev)); qr_error.set(None); }></textarea>
                        <p id="new-order-qr-hint" class="field__hint">
                            "Scan the merchant's QR code and paste the link it holds (https://qr.nspk.ru/…). It must carry an amount in RUB."
                        </p>
                        {preview}
                        <div class="field__error-slot" aria-live="polite">
                            {move || qr_error.get().map(|text| view! {
                                <p id="new-order-qr-error" class="field__error" data-testid="qr-error">{text}</p>
                            })}
                        </div>
                    </div>
                    <Field id="new-order-external-id" label="Your order id" value=external optional=true code=true
                        error=Signal::derive(move || external_error.get())
                        hint=format!("Your own reference, echoed on the order (up to {EXTERNAL_ID_MAX} characters).")
                        placeholder="ORD-2026-000123"/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || preparing.get() || outcome_unknown()>
                            {move || preparing.get().then(|| view! { <Spinner/> })}
                            "Get a quote"
                        </button>
                    </div>
                    <FormError message=Signal::derive(move || form_error.get())/>
                </form>
            </div>
            {move || prepared.get().map(|prepared| {
                let resume = resumed
                    .with_value(|r| r.clone())
                    .filter(|pending| pending.quote.id == prepared.quote.id);
                view! {
                    <QuotePanel prepared re_prepare preparing=Signal::derive(move || preparing.get())
                        status=accept_status resume
                        on_ordered=Callback::new(move |()| drafts.clear_prefix("new-order."))/>
                }
            })}
        </div>
    }
}
