//! /orders/new: paste an NSPK QR payment link, check it on the client, prepare a quote, then
//! accept it before it expires. The accept carries one Idempotency-Key per quote, so a double
//! click or a retry never places two orders; success opens the new order's page.

use chrono::Utc;
use leptos::prelude::*;
use lumo_api::models::PrepareOrderRequest;
use lumo_api::rules::nspk::parse_nspk_link;
use lumo_api::rules::quotes::countdown::{client_deadline, QUOTE_TTL_SECONDS};
use lumo_api::rules::validation::{
    validate_prepare_order, FieldErrors, EXTERNAL_ID_MAX, QR_CODE_MAX,
};

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::form::{draft_value, Form, FormField, SubmitButton};
use crate::components::{Field, PageHeader};
use crate::drafts::use_drafts;
use crate::error_words::error_words;
use crate::i18n::{locale, t, tf, tr, Key};
use crate::session::use_session;

mod accept;
mod quote;

use accept::AcceptStatus;
use quote::{PreparedQuote, QuotePanel};

const DRAFT_QR: &str = "new-order.qrCode";
const DRAFT_EXTERNAL: &str = "new-order.externalOrderId";

/// The link shape the QR hint shows: a URL, kept out of translation.
const QR_LINK_EXAMPLE: &str = "https://qr.nspk.ru/…";

const FIELDS: &[FormField] = &[
    FormField::new("qrCode", "new-order-qr"),
    FormField::new("externalOrderId", "new-order-external-id"),
];

#[component]
pub fn NewOrderPage() -> impl IntoView {
    let client = use_client();
    let drafts = use_drafts();
    let qr = draft_value(drafts, DRAFT_QR, String::new());
    let external = draft_value(drafts, DRAFT_EXTERNAL, String::new());

    // An accept of this company whose outcome was never learnt (a reload, or a sign-in after a
    // 401, in the uncertain window): its quote comes back and the check resumes.
    let scope = use_session().get_untracked().map(|s| s.scope());
    let resumed = scope.as_deref().and_then(accept::load);
    let prepared = RwSignal::new(resumed.clone().map(PreparedQuote::from));
    let resumed = StoredValue::new(resumed);
    let accept_status = RwSignal::new(AcceptStatus::Idle);
    let outcome_unknown = move || accept_status.with(AcceptStatus::outcome_unknown);

    // Prepare (or re-prepare) a quote. The deadline is taken on the browser's clock around the
    // call, so it is computed here, as the answer arrives.
    let form = Form::new(FIELDS, move |body: &PrepareOrderRequest| {
        let body = body.clone();
        async move {
            let sent_at = Utc::now();
            let answer = client.send(&lumo_api::requests::prepare_order(&body)).await;
            let received_at = Utc::now();
            let quote = answer?;
            let deadline =
                client_deadline(quote.expires_at, sent_at, received_at, QUOTE_TTL_SECONDS);
            Ok(PreparedQuote {
                quote,
                deadline,
                request: body,
            })
        }
    });
    form.on_success(move |quote: &PreparedQuote| prepared.set(Some(quote.clone())));
    let preparing = form.pending();
    // Every failure reads "No quote: …", a 400 included (its lines also land on the fields), so
    // the message is worded from the action's last answer rather than the kit's generic one; it
    // stays until the next quote is asked for, as a submit stopped by the client rules keeps it.
    let answer = form.action.value();
    let no_quote = Signal::derive(move || {
        if preparing.get() {
            return None;
        }
        answer.with(|answer| match answer {
            Some(Err(error)) => Some(tf(
                Key::NewOrderNoQuote,
                &[("error", &error_words(error).text())],
            )),
            _ => None,
        })
    });
    // The QR message goes as soon as the link is edited (it is about the old text); the kit
    // keeps field messages until the next submit and has no per-field clear, so typing hides it
    // here until the kit sets messages again.
    let qr_message = form.field_error("qrCode");
    let qr_edited = RwSignal::new(false);
    Effect::new(move |_| {
        qr_message.track();
        qr_edited.set(false);
    });
    let qr_error = Signal::derive(move || {
        if qr_edited.get() {
            None
        } else {
            qr_message.get()
        }
    });

    // Never a fresh start while an accept's outcome is unknown: it could pay twice.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if accept_status.with_untracked(AcceptStatus::outcome_unknown) {
            return;
        }
        let text = qr.get_untracked().trim().to_string();
        let reference = external.get_untracked().trim().to_string();
        let body = PrepareOrderRequest {
            qr_code: text,
            external_order_id: (!reference.is_empty()).then_some(reference),
        };
        let problems = validate_prepare_order(&body);
        if form.submit(body, problems) {
            prepared.set(None);
        }
    };
    // What the link says, once it parses: shown before asking the server. Problems are shown on
    // submit only: a message appearing on blur would move the button away from a click.
    let preview = move || {
        qr.with(|text| parse_nspk_link(text).ok()).map(|payment| {
            view! {
                <p class="field__hint qr-preview" data-testid="qr-preview">
                    {move || {
                        tf(
                            Key::NewOrderPreview,
                            &[
                                (
                                    "amount",
                                    &lumo_api::rules::money::format_amount_in(
                                        locale(),
                                        payment.amount_rub,
                                        "RUB",
                                    ),
                                ),
                                ("bank", &payment.bank),
                            ],
                        )
                    }}
                </p>
            }
        })
    };
    let re_prepare = Callback::new(move |()| {
        if accept_status.with_untracked(AcceptStatus::outcome_unknown) {
            return;
        }
        if let Some(current) = prepared.get_untracked() {
            form.submit(current.request, FieldErrors::new());
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
            <PageHeader title=tr(Key::NewOrderTitle) subtitle=tr(Key::NewOrderSubtitle)/>
            <div class="card">
                <form class="form" on:submit=submit novalidate>
                    <div class="field" class:field--invalid=move || qr_error.with(Option::is_some)>
                        <label class="field__label" for="new-order-qr">{tr(Key::NewOrderQrLabel)}</label>
                        <textarea id="new-order-qr" class="input input--code" rows="3" required translate="no"
                            maxlength=QR_CODE_MAX.to_string() spellcheck="false" autocapitalize="off"
                            placeholder="https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B"
                            aria-invalid=qr_invalid aria-describedby=qr_described
                            prop:value=move || qr.get()
                            on:input=move |ev| { qr.set(event_target_value(&ev)); qr_edited.set(true); }></textarea>
                        <p id="new-order-qr-hint" class="field__hint">
                            {move || with_link_kept(t(Key::NewOrderQrHint), QR_LINK_EXAMPLE)}
                        </p>
                        {preview}
                        <div class="field__error-slot" aria-live="polite">
                            {move || qr_error.get().map(|text| view! {
                                <p id="new-order-qr-error" class="field__error" data-testid="qr-error">{text}</p>
                            })}
                        </div>
                    </div>
                    <Field id="new-order-external-id" label=tr(Key::NewOrderExternalLabel) value=external optional=true code=true
                        error=form.field_error("externalOrderId")
                        hint=move || tf(Key::NewOrderExternalHint, &[("max", &EXTERNAL_ID_MAX.to_string())])
                        placeholder=tr(Key::NewOrderExternalPlaceholder)/>
                    <div class="form-actions">
                        <SubmitButton form label=tr(Key::NewOrderGetQuote) pending_label=tr(Key::NewOrderGetQuote)
                            disabled=Signal::derive(outcome_unknown)/>
                    </div>
                    <FormError message=no_quote/>
                </form>
            </div>
            {move || prepared.get().map(|prepared| {
                let resume = resumed
                    .with_value(|r| r.clone())
                    .filter(|pending| pending.quote.id == prepared.quote.id);
                view! {
                    <QuotePanel prepared re_prepare preparing
                        status=accept_status resume
                        on_ordered=Callback::new(move |()| drafts.clear_prefix("new-order."))/>
                }
            })}
        </div>
    }
}

/// `text` with `link` (when it holds it) in an element translators and the word checks leave
/// alone.
fn with_link_kept(text: &'static str, link: &'static str) -> impl IntoView {
    match text.split_once(link) {
        Some((before, after)) => view! {
            {before}<span translate="no">{link}</span>{after}
        }
        .into_any(),
        None => text.into_any(),
    }
}
