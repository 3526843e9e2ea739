//! "Open dispute": a required reason (trimmed, at most 2000 characters, live counter), kept as a
//! draft in sessionStorage (per company) until it is sent. A 200 answer, or a dispute already in
//! the list, is the order's existing open dispute: the page says so instead of claiming a new one.
//!
//! Filing is not idempotent, and its answer can be lost after the server filed it (a dropped
//! connection, a timeout). Then the form reads `GET /disputes` afresh before anything else
//! ("Checking whether the dispute was filed…"): a dispute on this order created since the submit,
//! or an open one, is shown as filed, exactly as if the answer had come; otherwise the form says
//! plainly that nothing was filed and the text can be sent again. If the check itself fails, the
//! next press of the button checks again: it never sends blindly. The sending and the check are
//! one action (`submit`).

use leptos::prelude::*;
use lumo_api::rules::validation::{validate_reason, FieldErrors, REASON_MAX};
use lumo_api::ApiError;

use super::Filed;
use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::form::{Form, FormField};
use crate::components::loading::Spinner;
use crate::disputes_store::{clear_draft, save_draft, use_disputes_store};
use crate::i18n::{t, tf, tr, Key};
use crate::session::use_session;

mod submit;

use submit::{Done, InDoubt, Press};

const REASON_ID: &str = "dispute-reason";
const FIELDS: &[FormField] = &[FormField::new("reason", REASON_ID)];

#[component]
pub fn DisputeForm(
    order_id: String,
    /// The typed text (owned by the page so it survives re-renders; mirrored to sessionStorage).
    reason: RwSignal<String>,
    on_filed: Callback<Filed>,
) -> impl IntoView {
    let client = use_client();
    let store = use_disputes_store();
    let session = use_session();
    // Raised by the action while it reads the list back after a lost answer.
    let checking = RwSignal::new(false);
    // Set while a lost answer is unresolved: the button then checks instead of sending.
    let in_doubt = RwSignal::new(None::<InDoubt>);
    let order_id = StoredValue::new(order_id);

    let form = Form::new(FIELDS, move |press: &Press| {
        submit::run(client, press.clone(), checking)
    });
    // Runs only while the form is shown: if the user left, nothing is cleared or announced.
    form.on_success(move |done: &Done| match done {
        Done::Filed(filed) => {
            in_doubt.set(None);
            order_id.with_value(|id| clear_draft(session, id));
            reason.set(String::new());
            store.remember(filed.dispute.clone());
            store.refetch();
            on_filed.run(filed.clone());
        }
        Done::NotFiled => {
            in_doubt.set(None);
            form.set_failure(Some(t(Key::OrderDetailNotFiledLost).to_string()));
        }
        Done::Unknown { doubt, error } => {
            in_doubt.set(Some(doubt.clone()));
            form.set_failure(Some(tf(
                Key::OrderDetailUnknownLost,
                &[("error", &error.to_string())],
            )));
        }
        Done::Refused(error) => {
            form.set_failure(Some(describe(error)));
            if matches!(error, ApiError::Conflict { .. }) {
                // The order changed meanwhile (e.g. disputed elsewhere): show what is true now.
                store.refetch();
            }
        }
    });
    let field_error = form.field_error("reason");

    let count = move || reason.with(|text| text.trim().chars().count());
    let over = move || count() > REASON_MAX;

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        order_id.with_value(|id| save_draft(session, id, &text));
        reason.set(text);
        if field_error.get_untracked().is_some() {
            form.set_errors(reason_problems(&reason.get_untracked()));
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(doubt) = in_doubt.get_untracked() {
            form.submit(Press::Check(doubt), FieldErrors::new());
            return;
        }
        let text = reason.get_untracked();
        let press = Press::Send {
            order_id: order_id.get_value(),
            reason: text.trim().to_string(),
            known: store.latest_untracked().unwrap_or_default(),
        };
        form.submit(press, reason_problems(&text));
    };

    let pending = form.pending();
    let button_label = move || {
        if checking.get() {
            t(Key::OrderDetailChecking)
        } else if pending.get() {
            t(Key::OrderDetailFiling)
        } else if in_doubt.with(Option::is_some) {
            t(Key::OrderDetailCheckAgain)
        } else {
            t(Key::OrderDetailOpenDispute)
        }
    };

    let described_by = move || {
        if field_error.get().is_some() {
            format!("{REASON_ID}-hint {REASON_ID}-count {REASON_ID}-error")
        } else {
            format!("{REASON_ID}-hint {REASON_ID}-count")
        }
    };

    view! {
        <form class="card form dispute-form" on:submit=on_submit novalidate=true aria-labelledby="dispute-form-title">
            <h3 class="card__title" id="dispute-form-title">{tr(Key::OrderDetailOpenDispute)}</h3>
            <div class="field" class:field--invalid=move || field_error.get().is_some()>
                <label class="field__label" for=REASON_ID>{tr(Key::DisputesCardReason)}</label>
                <p class="field__hint" id=format!("{REASON_ID}-hint")>
                    {tr(Key::OrderDetailReasonHint)}
                </p>
                <textarea
                    id=REASON_ID
                    class="input dispute-form__reason"
                    rows="5"
                    required=true
                    aria-invalid=move || field_error.get().is_some().then_some("true")
                    aria-describedby=described_by
                    prop:value=move || reason.get()
                    on:input=on_input
                ></textarea>
                <div class="dispute-form__meta">
                    <span
                        id=format!("{REASON_ID}-count")
                        class="char-counter"
                        class:char-counter--over=over
                        data-testid="reason-counter"
                    >
                        {move || format!("{} / {REASON_MAX}", count())}
                    </span>
                </div>
                <div class="field__error-slot" aria-live="polite">
                    {move || field_error.get().map(|text| view! {
                        <p id=format!("{REASON_ID}-error") class="field__error">{text}</p>
                    })}
                </div>
            </div>
            <div aria-live="polite">
                {move || checking.get().then(|| view! {
                    <p class="alert alert-info" role="status" data-testid="dispute-checking">
                        {tr(Key::OrderDetailCheckingFiled)}
                    </p>
                })}
            </div>
            <FormError message=form.form_error()/>
            <div class="form-actions">
                // Not `SubmitButton`: the label says which of four things a press does or is doing.
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                    {move || pending.get().then(|| view! { <Spinner/> })}
                    {button_label}
                </button>
            </div>
        </form>
    }
}

/// The client-side rule for the reason, keyed for the form.
fn reason_problems(text: &str) -> FieldErrors {
    validate_reason(text)
        .map(|message| FieldErrors::from([(FIELDS[0].name.to_string(), message)]))
        .unwrap_or_default()
}

/// The message for a failed submit; the text stays in the box for another try.
fn describe(error: &ApiError) -> String {
    match error {
        ApiError::Conflict { .. } => tf(Key::OrderDetailRefused, &[("error", &error.to_string())]),
        _ => tf(Key::OrderDetailNotFiled, &[("error", &error.to_string())]),
    }
}
