//! Create (or find) the wallet of one user. `POST /user-wallets` answers 201 whether it created
//! the wallet or returned the existing one, so the portal looks the externalId up first and says
//! plainly which it was (`lumo_api::rules::user_wallets::creation`; when the lookup fails,
//! `createdAt` is compared with the time of the request).

use leptos::prelude::*;
use lumo_api::models::UserWallet;
use lumo_api::rules::user_wallets::Creation;
use lumo_api::rules::validation::{validate_external_id, FieldErrors};

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::form::{Form, FormField, SubmitButton};
use crate::components::qr::{deposit_address_ok, BadAddressWarning};
use crate::components::user_wallet::{create_or_get, wallet_href};
use crate::components::{Field, Time};
use crate::i18n::{t, tr, Key};

/// The form's one input.
const FIELDS: &[FormField] = &[FormField::new("externalId", "create-external-id")];

#[component]
pub(crate) fn CreateWalletForm(on_created: Callback<()>) -> impl IntoView {
    let client = use_client();
    let external_id = RwSignal::new(String::new());

    let form = Form::new(FIELDS, move |id: &String| {
        let id = id.clone();
        async move { create_or_get(client, &id).await }
    });
    form.on_success(move |_| on_created.run(()));
    // The last answer's notice; a failure replaces it with the form's message.
    let value = form.action.value();
    let result = move || value.get().and_then(Result::ok);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = external_id.get_untracked();
        let problems = validate_external_id(&id)
            .map(|problem| FieldErrors::from([(FIELDS[0].name.to_string(), problem)]))
            .unwrap_or_default();
        form.submit(id, problems);
    };

    view! {
        <div class="card create-wallet">
            <div class="card__header">
                <div>
                    <h2 class="card__title">{tr(Key::UserWalletsCreateTitle)}</h2>
                    <p class="card__subtitle">{tr(Key::UserWalletsCreateSubtitle)}</p>
                </div>
            </div>
            <form class="form create-wallet__form" on:submit=submit novalidate>
                <div class="form-grid">
                    <Field id="create-external-id" label=tr(Key::UserWalletsCreateField) value=external_id
                        error=form.field_error("externalId") code=true required=true
                        hint=tr(Key::UserWalletsCreateHint) placeholder=tr(Key::UserWalletsCreatePlaceholder)/>
                </div>
                <div class="form-actions">
                    <SubmitButton form label=tr(Key::UserWalletsCreateButton) pending_label=tr(Key::UserWalletsCreateButton)/>
                </div>
                <FormError message=form.form_error()/>
            </form>
            <div aria-live="polite">
                {move || result().map(|(wallet, outcome)| view! { <CreatedNotice wallet outcome/> })}
            </div>
        </div>
    }
}

#[component]
fn CreatedNotice(wallet: UserWallet, outcome: Creation) -> impl IntoView {
    let href = wallet_href(&wallet.external_id);
    let id = wallet.external_id.clone();
    let (class, title) = match outcome {
        Creation::New => ("alert alert-success", Key::UserWalletsCreatedNew),
        Creation::Existing => ("alert alert-info", Key::UserWalletsCreatedExisting),
    };
    let title = move || crate::labels::with_id(t(title), &id);
    let outcome_attr = match outcome {
        Creation::New => "new",
        Creation::Existing => "existing",
    };
    view! {
        <div class=class role="status" data-testid="create-result" data-outcome=outcome_attr>
            <p class="alert__title">{title}</p>
            <p>
                {tr(Key::UserWalletsCreatedAddress)}" " <code class="mono" translate="no">{wallet.address.clone()}</code>
                " · "{tr(Key::UserWalletsCreatedAt)}" " <Time value=wallet.created_at/>
            </p>
            {(!deposit_address_ok(&wallet.address)).then(|| view! { <BadAddressWarning/> })}
            {wallet.is_blocked.then(|| view! {
                <p>{tr(Key::UserWalletsCreatedBlocked)}</p>
            })}
            <p><a href=href>{tr(Key::UserWalletsOpen)}</a></p>
        </div>
    }
}
