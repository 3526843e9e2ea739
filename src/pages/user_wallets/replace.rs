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

use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::models::{ReplaceUserWalletRequest, UserWallet};
use lumo_api::requests::{Page, UserWalletsQuery};
use lumo_api::rules::user_wallets::{current_wallet, replacement_after_lost_answer};
use lumo_api::rules::validation::{validate_replace_user_wallet, REPLACE_REASON_MAX};

use crate::client::{use_client, Client};
use crate::components::error_panel::FormError;
use crate::components::loading::Spinner;
use crate::components::ConfirmDialog;

/// What the read-back found.
enum Readback {
    Replaced(UserWallet),
    Unchanged,
}

async fn read_back(
    client: Client,
    external_id: &str,
    old_address: &str,
) -> Result<Readback, lumo_api::ApiError> {
    let query = UserWalletsQuery {
        page: Page::new(100, 0),
        external_id: Some(external_id.to_string()),
    };
    let wallets = client
        .send(&lumo_api::requests::list_user_wallets(&query))
        .await?;
    if current_wallet(&wallets).is_none() {
        // No wallet at all for this user: the read says nothing about the replace.
        return Err(lumo_api::ApiError::NotFound {
            message: Some(format!(
                "No wallet found for \u{201c}{external_id}\u{201d}."
            )),
        });
    }
    Ok(
        match replacement_after_lost_answer(&wallets, external_id, old_address) {
            Some(wallet) => Readback::Replaced(wallet.clone()),
            None => Readback::Unchanged,
        },
    )
}

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
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // After a lost answer, shown beside the button (the dialog is closed by then).
    let checking = RwSignal::new(false);
    let in_doubt = RwSignal::new(false);
    let outcome_note = RwSignal::new(None::<String>);
    let outcome_error = RwSignal::new(None::<String>);
    let id = StoredValue::new(external_id);
    let old = StoredValue::new(old_address.clone());

    let check = move || {
        checking.set(true);
        outcome_note.set(None);
        outcome_error.set(None);
        let external_id = id.get_value();
        let old_address = old.get_value();
        spawn_local(async move {
            let found = read_back(client, &external_id, &old_address).await;
            checking.try_set(false);
            match found {
                Ok(Readback::Replaced(wallet)) => {
                    in_doubt.try_set(false);
                    reason.try_set(String::new());
                    // The component (and the page's callback) may be gone: the user left.
                    if pending.try_get_untracked().is_some() {
                        on_replaced.run((wallet, old_address));
                    }
                }
                Ok(Readback::Unchanged) => {
                    in_doubt.try_set(false);
                    outcome_note.try_set(Some(
                        "The wallet was not replaced: the answer was lost, but the user's current \
                         address is still the old one. Nothing changed: you can try again."
                            .to_string(),
                    ));
                }
                Err(e) => {
                    in_doubt.try_set(true);
                    outcome_error.try_set(Some(format!(
                        "The answer to \u{201c}Replace wallet\u{201d} was lost, and checking \
                         whether the wallet was replaced failed too. {e} Press \u{201c}Check \
                         again\u{201d} before replacing again."
                    )));
                }
            }
        });
    };

    let confirm = Callback::new(move |()| {
        if pending.get_untracked() || checking.get_untracked() || in_doubt.get_untracked() {
            return;
        }
        let text = reason.get_untracked().trim().to_string();
        let body = ReplaceUserWalletRequest {
            reason: (!text.is_empty()).then_some(text),
        };
        if let Some(problem) = validate_replace_user_wallet(&body).into_values().next() {
            error.set(Some(problem));
            return;
        }
        error.set(None);
        outcome_note.set(None);
        outcome_error.set(None);
        pending.set(true);
        let external_id = id.get_value();
        spawn_local(async move {
            let answer = client
                .send(&lumo_api::requests::replace_user_wallet(
                    &external_id,
                    &body,
                ))
                .await;
            pending.try_set(false);
            match answer {
                Ok(wallet) => {
                    open.try_set(false);
                    reason.try_set(String::new());
                    on_replaced.run((wallet, old.get_value()));
                }
                Err(e) if e.may_hide_a_change() => {
                    // It may have happened: read the wallet back before anything else.
                    open.try_set(false);
                    if in_doubt.try_set(true).is_none() {
                        check();
                    }
                }
                Err(e) if e.is_unsupported_operation() => {
                    error.try_set(Some(
                        "Replacing a wallet is not available on this environment. Nothing was changed.".into(),
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e.to_string()));
                }
            }
        });
    });
    let count = move || reason.with(|r| r.chars().count());
    let blocked = move || checking.get() || in_doubt.get();

    view! {
        <button type="button" class="btn btn-danger" disabled=blocked
            on:click=move |_| { error.set(None); outcome_note.set(None); open.set(true); }>
            "Replace wallet…"
        </button>
        <div aria-live="polite" class="replace-outcome">
            {move || checking.get().then(|| view! {
                <p class="alert alert-info" role="status" data-testid="replace-checking">
                    <Spinner/>" Checking whether the wallet was replaced…"
                </p>
            })}
            {move || outcome_note.get().map(|text| view! {
                <p class="alert alert-info" role="status" data-testid="replace-note">{text}</p>
            })}
        </div>
        <FormError message=Signal::derive(move || outcome_error.get())/>
        <Show when=move || in_doubt.get() && !checking.get()>
            <button type="button" class="btn btn-secondary" on:click=move |_| check()>"Check again"</button>
        </Show>
        <ConfirmDialog open title="Replace this wallet?" confirm_label="Replace wallet" danger=true
            on_confirm=confirm pending=Signal::derive(move || pending.get())>
            <p>"What happens:"</p>
            <ul class="replace-consequences">
                <li>
                    "The current address "
                    <code class="mono">{old_address}</code>
                    " is blocked."
                </li>
                <li>"Deposits still sent to it are credited, but flagged for review."</li>
                <li>"A new address is issued for this user; give the user the new one."</li>
            </ul>
            <div class="field">
                <label class="field__label" for="replace-reason">
                    "Reason" <span class="field__optional">" (optional)"</span>
                </label>
                <textarea id="replace-reason" class="input" rows="3" maxlength=REPLACE_REASON_MAX.to_string()
                    aria-describedby="replace-reason-hint"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                <p id="replace-reason-hint" class="field__hint">
                    {move || format!("Kept as the old wallet's block reason. {} of {REPLACE_REASON_MAX} characters.", count())}
                </p>
            </div>
            <FormError message=Signal::derive(move || error.get())/>
        </ConfirmDialog>
    }
}
