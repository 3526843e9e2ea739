//! Create (or find) the wallet of one user. `POST /user-wallets` answers 201 whether it created
//! the wallet or returned the existing one, so the portal looks the externalId up first and says
//! plainly which it was (`lumo_api::rules::user_wallets::creation`; when the lookup fails,
//! `createdAt` is compared with the time of the request).

use chrono::Utc;
use leptos::prelude::*;
use lumo_api::models::{CreateUserWalletRequest, UserWallet};
use lumo_api::requests::{Page, UserWalletsQuery};
use lumo_api::rules::user_wallets::{creation, Creation};
use lumo_api::rules::validation::{validate_external_id, FieldErrors};
use lumo_api::ApiError;

use super::wallet_href;
use crate::client::use_client;
use crate::client::Client;
use crate::components::error_panel::FormError;
use crate::components::qr::{deposit_address_ok, BadAddressWarning};
use crate::components::{Field, Time};
use crate::forms::{Form, FormField, SubmitButton};

/// Look the externalId up, then create-or-return its wallet.
pub(crate) async fn create_or_get(
    client: Client,
    external_id: &str,
) -> Result<(UserWallet, Creation), ApiError> {
    let requested_at = Utc::now();
    let lookup = UserWalletsQuery {
        page: Page::new(1, 0),
        external_id: Some(external_id.to_string()),
    };
    let known_before = match client
        .send(&lumo_api::requests::list_user_wallets(&lookup))
        .await
    {
        Ok(found) => Some(found.iter().any(|w| w.external_id == external_id)),
        Err(ApiError::Unauthorized { message }) => return Err(ApiError::Unauthorized { message }),
        Err(_) => None,
    };
    let body = CreateUserWalletRequest {
        external_id: external_id.to_string(),
    };
    // `POST /user-wallets` is idempotent per externalId (it creates the wallet or returns the
    // existing one), so after a lost answer (timeout, dropped connection) sending it again is
    // safe: it can never make a second wallet. The form therefore just offers to try again.
    let wallet = client
        .send(&lumo_api::requests::create_user_wallet(&body))
        .await?;
    let outcome = creation(&wallet, known_before, requested_at);
    Ok((wallet, outcome))
}

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
