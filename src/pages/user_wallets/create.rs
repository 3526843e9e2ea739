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
                    <h2 class="card__title">"Get a user's wallet"</h2>
                    <p class="card__subtitle">"Creates the wallet for this user id, or returns the one it already has."</p>
                </div>
            </div>
            <form class="form create-wallet__form" on:submit=submit novalidate>
                <div class="form-grid">
                    <Field id="create-external-id" label="User id (externalId)" value=external_id
                        error=form.field_error("externalId") code=true required=true
                        hint="Your own id of the user, up to 255 characters." placeholder="user-42"/>
                </div>
                <div class="form-actions">
                    <SubmitButton form label="Create or get wallet" pending_label="Create or get wallet"/>
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
        Creation::New => ("alert alert-success", format!("New wallet created for \u{201c}{id}\u{201d}.")),
        Creation::Existing => (
            "alert alert-info",
            format!("\u{201c}{id}\u{201d} already had a wallet: it was returned unchanged, nothing new was created."),
        ),
    };
    let outcome_attr = match outcome {
        Creation::New => "new",
        Creation::Existing => "existing",
    };
    view! {
        <div class=class role="status" data-testid="create-result" data-outcome=outcome_attr>
            <p class="alert__title">{title}</p>
            <p>
                "Address: " <code class="mono">{wallet.address.clone()}</code>
                " · created " <Time value=wallet.created_at/>
            </p>
            {(!deposit_address_ok(&wallet.address)).then(|| view! { <BadAddressWarning/> })}
            {wallet.is_blocked.then(|| view! {
                <p>"This wallet is blocked. Open it and replace it to issue a new address."</p>
            })}
            <p><a href=href>"Open this wallet"</a></p>
        </div>
    }
}
