//! Replace a user's wallet (unconfirmed operation `POST /user-wallets/{externalId}/replace`):
//! the old wallet is blocked (deposits to it are still credited but flagged for review) and a new
//! address is issued. A confirmation says so before anything happens; 404/405 means this
//! environment does not offer it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::models::{ReplaceUserWalletRequest, UserWallet};
use lumo_api::rules::validation::{validate_replace_user_wallet, REPLACE_REASON_MAX};

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::ConfirmDialog;

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
    let id = StoredValue::new(external_id);
    let old = StoredValue::new(old_address.clone());

    let confirm = Callback::new(move |()| {
        if pending.get_untracked() {
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

    view! {
        <button type="button" class="btn btn-danger" on:click=move |_| { error.set(None); open.set(true); }>
            "Replace wallet…"
        </button>
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
