//! "Open dispute": a required reason (trimmed, at most 2000 characters, live counter), kept as a
//! draft in sessionStorage (per company) until it is sent. A 200 answer, or a dispute already in
//! the list, is the order's existing open dispute: the page says so instead of claiming a new one.
//!
//! Filing is not idempotent, and its answer can be lost after the server filed it (a dropped
//! connection, a timeout). Then the form reads `GET /disputes` afresh before anything else
//! ("Checking whether the dispute was filed…"): a dispute on this order created since the submit,
//! or an open one, is shown as filed, exactly as if the answer had come; otherwise the form says
//! plainly that nothing was filed and the text can be sent again. If the check itself fails, the
//! next press of the button checks again: it never sends blindly.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::models::{CreateDisputeRequest, Dispute};
use lumo_api::rules::orders::{classify_filed, filed_after_lost_answer, DisputeOutcome};
use lumo_api::rules::validation::{validate_reason, REASON_MAX};
use lumo_api::ApiError;

use super::Filed;
use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::disputes_store::{clear_draft, save_draft, use_disputes_store};
use crate::session::use_session;

const REASON_ID: &str = "dispute-reason";

/// A submit whose answer was lost: what is needed to recognise its dispute in the list.
#[derive(Clone)]
struct InDoubt {
    requested_at: DateTime<Utc>,
    /// The list as known before the submit.
    known: Vec<Dispute>,
    /// The reason as sent (trimmed).
    reason: String,
}

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
    let pending = RwSignal::new(false);
    let checking = RwSignal::new(false);
    // Set while a lost answer is unresolved: the button then checks instead of sending.
    let in_doubt = RwSignal::new(None::<InDoubt>);
    let field_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let order_id = StoredValue::new(order_id);

    let count = move || reason.with(|text| text.trim().chars().count());
    let over = move || count() > REASON_MAX;

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        order_id.with_value(|id| save_draft(session, id, &text));
        reason.set(text);
        if field_error.get_untracked().is_some() {
            field_error.set(validate_reason(&reason.get_untracked()));
        }
    };

    // The dispute exists (the answer, or found after a lost one): one path for both.
    let show_filed = move |id: &str, dispute: Dispute, outcome: DisputeOutcome, unsent_reason| {
        // The form (and the callback, owned by the same view) may be gone: the user left.
        if pending.try_get_untracked().is_none() {
            return;
        }
        clear_draft(session, id);
        reason.try_set(String::new());
        store.remember(dispute.clone());
        store.refetch();
        on_filed.run(Filed {
            dispute,
            outcome,
            unsent_reason,
        });
    };

    // Read the dispute list afresh (not the 30 s cache) and decide what the lost submit did.
    let check = move |doubt: InDoubt| {
        checking.set(true);
        form_error.set(None);
        let id = order_id.get_value();
        spawn_local(async move {
            let result = client.send(&lumo_api::requests::list_disputes()).await;
            checking.try_set(false);
            match result {
                Ok(list) => {
                    in_doubt.try_set(None);
                    match filed_after_lost_answer(
                        &id,
                        &list,
                        &doubt.known,
                        doubt.requested_at,
                        &doubt.reason,
                    ) {
                        Some((dispute, outcome, unsent)) => {
                            show_filed(&id, dispute, outcome, unsent);
                        }
                        None => {
                            form_error.try_set(Some(
                                "The dispute was not filed: its answer was lost, and Lumo's dispute \
                                 list has no dispute for this order. Your text is kept: send it again."
                                    .to_string(),
                            ));
                        }
                    }
                }
                Err(error) => {
                    form_error.try_set(Some(format!(
                        "The answer to your submit was lost, and checking whether the dispute was \
                         filed failed too. {error} Press \u{201c}Check again\u{201d} before sending \
                         it again: nothing is sent until the check succeeds."
                    )));
                }
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || checking.get_untracked() {
            return;
        }
        if let Some(doubt) = in_doubt.get_untracked() {
            check(doubt);
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
                    let (outcome, unsent_reason) =
                        classify_filed(Some(status), &dispute, &known, requested_at, &body.reason);
                    show_filed(&id, dispute, outcome, unsent_reason);
                }
                Err(error) if error.may_hide_a_change() => {
                    // The server may have filed it: look before offering to send again.
                    let doubt = InDoubt {
                        requested_at,
                        known,
                        reason: body.reason.clone(),
                    };
                    if in_doubt.try_set(Some(doubt.clone())).is_none() {
                        check(doubt);
                    }
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

    let busy = move || pending.get() || checking.get();
    let button_label = move || {
        if pending.get() {
            "Filing dispute…"
        } else if checking.get() {
            "Checking…"
        } else if in_doubt.with(Option::is_some) {
            "Check again"
        } else {
            "Open dispute"
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
            <div aria-live="polite">
                {move || checking.get().then(|| view! {
                    <p class="alert alert-info" role="status" data-testid="dispute-checking">
                        "Checking whether the dispute was filed…"
                    </p>
                })}
            </div>
            <FormError message=form_error/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=busy>
                    {move || busy().then(|| view! { <Spinner/> })}
                    {button_label}
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
