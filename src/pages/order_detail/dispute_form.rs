//! "Open dispute": a required reason (trimmed, at most 2000 characters, live counter), kept as a
//! draft in sessionStorage until it is sent. A 200 answer, or a dispute already in the list, is
//! the order's existing open dispute: the page says so instead of claiming a new one.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::models::CreateDisputeRequest;
use lumo_api::rules::orders::{dispute_outcome_at, DisputeOutcome};
use lumo_api::rules::validation::{validate_reason, REASON_MAX};
use lumo_api::ApiError;

use super::Filed;
use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::disputes_store::{clear_draft, save_draft, use_disputes_store};

const REASON_ID: &str = "dispute-reason";

#[component]
pub fn DisputeForm(
    order_id: String,
    /// The typed text (owned by the page so it survives re-renders; mirrored to sessionStorage).
    reason: RwSignal<String>,
    on_filed: Callback<Filed>,
) -> impl IntoView {
    let client = use_client();
    let store = use_disputes_store();
    let pending = RwSignal::new(false);
    let field_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let order_id = StoredValue::new(order_id);

    let count = move || reason.with(|text| text.trim().chars().count());
    let over = move || count() > REASON_MAX;

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        order_id.with_value(|id| save_draft(id, &text));
        reason.set(text);
        if field_error.get_untracked().is_some() {
            field_error.set(validate_reason(&reason.get_untracked()));
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let text = reason.get_untracked();
        if let Some(message) = validate_reason(&text) {
            field_error.set(Some(message));
            focus_id(REASON_ID);
            return;
        }
        field_error.set(None);
        form_error.set(None);
        pending.set(true);
        let id = order_id.get_value();
        let known = store.latest_untracked().unwrap_or_default();
        let body = CreateDisputeRequest {
            reason: text.trim().to_string(),
        };
        let requested_at = Utc::now();
        spawn_local(async move {
            let request = lumo_api::requests::create_dispute(&id, &body);
            let result = client.send_with_status(&request, None).await;
            pending.try_set(false);
            match result {
                Ok((status, dispute)) => {
                    let outcome = dispute_outcome_at(status, &dispute, &known, requested_at);
                    clear_draft(&id);
                    let unsent_reason = (outcome == DisputeOutcome::ExistingOpen
                        && dispute.reason.trim() != body.reason)
                        .then(|| body.reason.clone());
                    reason.try_set(String::new());
                    store.remember(dispute.clone());
                    store.refetch();
                    on_filed.run(Filed {
                        dispute,
                        outcome,
                        unsent_reason,
                    });
                }
                Err(error) => {
                    let for_field = error.field_messages("reason");
                    if !for_field.is_empty() {
                        field_error.try_set(Some(for_field.join(" ")));
                        focus_id(REASON_ID);
                    } else {
                        form_error.try_set(Some(describe(&error)));
                    }
                    if matches!(error, ApiError::Conflict { .. }) {
                        // The order changed meanwhile (e.g. disputed elsewhere): show what is true now.
                        store.refetch();
                    }
                }
            }
        });
    };

    let described_by = move || {
        if field_error.get().is_some() {
            format!("{REASON_ID}-hint {REASON_ID}-count {REASON_ID}-error")
        } else {
            format!("{REASON_ID}-hint {REASON_ID}-count")
        }
    };

    view! {
        <form class="card form dispute-form" on:submit=submit novalidate=true aria-labelledby="dispute-form-title">
            <h3 class="card__title" id="dispute-form-title">"Open dispute"</h3>
            <div class="field" class:field--invalid=move || field_error.get().is_some()>
                <label class="field__label" for=REASON_ID>"Reason"</label>
                <p class="field__hint" id=format!("{REASON_ID}-hint")>
                    "What went wrong with this order? Lumo support reads this; it is kept as you type until you send it."
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
            <FormError message=form_error/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                    {move || pending.get().then(|| view! { <Spinner/> })}
                    {move || if pending.get() { "Filing dispute…" } else { "Open dispute" }}
                </button>
            </div>
        </form>
    }
}

/// The message for a failed submit; the text stays in the box for another try.
fn describe(error: &ApiError) -> String {
    match error {
        ApiError::Conflict { .. } => format!(
            "The dispute was refused. {error} The order may have changed: reload it to see its current state."
        ),
        _ => format!("The dispute was not filed. {error} Your text is kept: try again."),
    }
}
