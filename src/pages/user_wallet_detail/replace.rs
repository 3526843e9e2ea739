//! Replace a user's wallet (unconfirmed operation `POST /user-wallets/{externalId}/replace`):
//! the old wallet is blocked (deposits to it are still credited but flagged for review) and a new
//! address is issued. A confirmation says so before anything happens; 404/405 means this
//! environment does not offer it.
//!
//! Replacing is not idempotent: sent twice, it would block the new wallet too. Its answer can be
//! lost after the server replaced the wallet (a dropped connection, a timeout), so after such a
//! failure the user's wallets are read back first (`GET /user-wallets?externalId=`, the API has
//! no single-wallet read): a current address other than the old one means the replace happened,
//! shown exactly as if the answer had come; the old address still current means nothing changed,
//! and the user may try again. If that read fails too, the only action offered is to check again.
//! The replace and its read-back are one action (`submit`).

use leptos::prelude::*;
use lumo_api::models::{ReplaceUserWalletRequest, UserWallet};
use lumo_api::rules::validation::{
    validate_replace_user_wallet, FieldErrors, FORM_FIELD, REPLACE_REASON_MAX,
};

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::form::Form;
use crate::components::loading::Spinner;
use crate::components::ConfirmDialog;
use crate::error_words::error_words;
use crate::i18n::{t, tf, tr, Key};

mod submit;

use submit::{Done, Press, Progress};

#[component]
pub(crate) fn ReplaceWallet(
    external_id: String,
    /// The current address, named in the confirmation.
    old_address: String,
    /// Called with the new wallet.
    on_replaced: Callback<(UserWallet, String)>,
) -> impl IntoView {
    let client = use_client();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    // After a lost answer, shown beside the button (the dialog is closed by then).
    let checking = RwSignal::new(false);
    let in_doubt = RwSignal::new(false);
    let outcome_note = RwSignal::new(None::<Key>);
    // After a lost answer whose check failed too: that failure, worded when shown.
    let outcome_error = RwSignal::new(None::<lumo_api::ApiError>);
    let old = StoredValue::new(old_address.clone());

    // No input field takes messages: the reason's problem and any refusal are said in the dialog.
    let progress = Progress { open, checking };
    let form = Form::new(&[], move |press: &Press| {
        submit::run(
            client,
            press.clone(),
            external_id.clone(),
            old.get_value(),
            progress,
        )
    });
    // Runs only while the form is shown: if the user left, the page's callback is not called.
    form.on_success(move |done: &Done| match done {
        Done::Replaced(wallet) => {
            in_doubt.set(false);
            open.set(false);
            reason.set(String::new());
            on_replaced.run((wallet.clone(), old.get_value()));
        }
        Done::Unchanged => {
            in_doubt.set(false);
            outcome_note.set(Some(Key::UserWalletsReplaceUnchanged));
        }
        Done::Unknown(e) => {
            in_doubt.set(true);
            outcome_error.set(Some(e.clone()));
        }
        Done::Unsupported => {
            form.set_failure(Some(t(Key::UserWalletsReplaceUnsupported).to_string()))
        }
    });
    let pending = form.pending();

    let confirm = Callback::new(move |()| {
        if checking.get_untracked() || in_doubt.get_untracked() {
            return;
        }
        let text = reason.get_untracked().trim().to_string();
        let body = ReplaceUserWalletRequest {
            reason: (!text.is_empty()).then_some(text),
        };
        let problems: FieldErrors = validate_replace_user_wallet(&body)
            .into_values()
            .take(1)
            .map(|problem| (FORM_FIELD.to_string(), problem))
            .collect();
        if form.submit(Press::Replace(body), problems) {
            outcome_note.set(None);
            outcome_error.set(None);
        }
    });
    let check_again = move |_| {
        if form.submit(Press::Check, FieldErrors::new()) {
            outcome_note.set(None);
            outcome_error.set(None);
        }
    };
    let count = move || reason.with(|r| r.chars().count());
    let blocked = move || checking.get() || in_doubt.get();

    view! {
        <button type="button" class="btn btn-danger" disabled=blocked
            on:click=move |_| { form.clear(); outcome_note.set(None); open.set(true); }>
            {tr(Key::UserWalletsReplaceButton)}
        </button>
        <div aria-live="polite" class="replace-outcome">
            {move || checking.get().then(|| view! {
                <p class="alert alert-info" role="status" data-testid="replace-checking">
                    <Spinner/>" "{tr(Key::UserWalletsReplaceChecking)}
                </p>
            })}
            {move || outcome_note.get().map(|key| view! {
                <p class="alert alert-info" role="status" data-testid="replace-note">{tr(key)}</p>
            })}
        </div>
        <FormError message=Signal::derive(move || {
            outcome_error
                .get()
                .map(|error| {
                    tf(Key::UserWalletsReplaceUnknown, &[("error", &error_words(&error).text())])
                })
        })/>
        <Show when=move || in_doubt.get() && !pending.get()>
            <button type="button" class="btn btn-secondary" on:click=check_again>{tr(Key::UserWalletsCheckAgain)}</button>
        </Show>
        <ConfirmDialog open title=tr(Key::UserWalletsReplaceConfirmTitle) confirm_label=tr(Key::UserWalletsReplaceConfirm) danger=true
            on_confirm=confirm pending>
            <p>{tr(Key::UserWalletsReplaceWhat)}</p>
            <ul class="replace-consequences">
                <li>
                    {tr(Key::UserWalletsReplaceCurrentBefore)}" "
                    <code class="mono" translate="no">{old_address}</code>
                    " "{tr(Key::UserWalletsReplaceCurrentAfter)}
                </li>
                <li>{tr(Key::UserWalletsReplaceCredited)}</li>
                <li>{tr(Key::UserWalletsReplaceNew)}</li>
            </ul>
            <div class="field">
                <label class="field__label" for="replace-reason">
                    {tr(Key::UserWalletsReplaceReason)} <span class="field__optional">" "{tr(Key::FieldOptional)}</span>
                </label>
                <textarea id="replace-reason" class="input" rows="3" maxlength=REPLACE_REASON_MAX.to_string()
                    aria-describedby="replace-reason-hint"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                <p id="replace-reason-hint" class="field__hint">
                    {move || {
                        tf(
                            Key::UserWalletsReplaceReasonHint,
                            &[("count", &count().to_string()), ("max", &REPLACE_REASON_MAX.to_string())],
                        )
                    }}
                </p>
            </div>
            <FormError message=form.form_error()/>
        </ConfirmDialog>
    }
}
