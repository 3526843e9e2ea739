//! What the user-wallet pages share: the wallet's link, its status badge, and creating (or
//! finding) a wallet for an externalId.

use chrono::Utc;
use leptos::prelude::*;
use lumo_api::models::{CreateUserWalletRequest, UserWallet};
use lumo_api::requests::{percent_encode, Page, UserWalletsQuery};
use lumo_api::rules::user_wallets::{creation, Creation};
use lumo_api::ApiError;

use crate::client::Client;

/// `/user-wallets/<externalId percent-encoded>`.
pub fn wallet_href(external_id: &str) -> String {
    format!("/user-wallets/{}", percent_encode(external_id))
}

/// "Active" or "Blocked" (with the reason on hover).
#[component]
pub fn WalletStatusBadge(
    blocked: bool,
    #[prop(default = None)] reason: Option<String>,
) -> impl IntoView {
    if blocked {
        view! { <span class="badge badge--danger" title=reason>"Blocked"</span> }.into_any()
    } else {
        view! { <span class="badge badge--success">"Active"</span> }.into_any()
    }
}

/// Look the externalId up, then create-or-return its wallet.
pub async fn create_or_get(
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
