//! What the user-wallet pages share: the wallet's link, its status badge, and creating (or
//! finding) a wallet for an externalId.

use chrono::Utc;
use leptos::prelude::*;
use lumo_api::models::{CreateUserWalletRequest, UserWallet};
use lumo_api::requests::{percent_encode, Page, UserWalletsQuery};
use lumo_api::rules::user_wallets::{creation, Creation};
use lumo_api::ApiError;

use crate::client::Client;
use crate::i18n::{t, tr, Key};

/// `/user-wallets/<externalId percent-encoded>`.
pub fn wallet_href(external_id: &str) -> String {
    format!("/user-wallets/{}", percent_encode(external_id))
}

/// Why a wallet is blocked, as `lumo_api::rules::user_wallets::block_reason_text` decides it,
/// worded here in the language on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockReason {
    /// Replaced by a new wallet of the same user.
    Replaced,
    /// Blocked without a reason.
    NotGiven,
    /// The reason someone gave (data, shown as it was written).
    Given(String),
}

impl BlockReason {
    /// The reason of a blocked wallet; `None` for an active one.
    pub fn of(wallet: &UserWallet) -> Option<BlockReason> {
        if !wallet.is_blocked {
            return None;
        }
        Some(match wallet.block_reason.as_deref().map(str::trim) {
            Some("replaced") => BlockReason::Replaced,
            Some(reason) if !reason.is_empty() => BlockReason::Given(reason.to_string()),
            _ => BlockReason::NotGiven,
        })
    }

    /// The words, in the language on screen (call it in a reactive scope).
    pub fn text(&self) -> String {
        match self {
            BlockReason::Replaced => t(Key::UserWalletsReasonReplaced).to_string(),
            BlockReason::NotGiven => t(Key::UserWalletsReasonNone).to_string(),
            BlockReason::Given(reason) => reason.clone(),
        }
    }

    /// `translate="no"` for a reason someone wrote.
    pub fn translate(&self) -> Option<&'static str> {
        matches!(self, BlockReason::Given(_)).then_some("no")
    }
}

/// A block reason as text: words in the language on screen, or the reason as written.
#[component]
pub fn BlockReasonText(reason: BlockReason) -> impl IntoView {
    let translate = reason.translate();
    view! { <span translate=translate>{move || reason.text()}</span> }
}

/// "Active" or "Blocked" (with the reason on hover).
#[component]
pub fn WalletStatusBadge(
    blocked: bool,
    #[prop(default = None)] reason: Option<BlockReason>,
) -> impl IntoView {
    if blocked {
        let title = move || reason.as_ref().map(BlockReason::text);
        // The hover text may be the API's own words (data): the badge's words are the portal's.
        view! {
            <span translate="no" title=title>
                <span class="badge badge--danger">{tr(Key::UserWalletsBlocked)}</span>
            </span>
        }
        .into_any()
    } else {
        view! { <span class="badge badge--success">{tr(Key::UserWalletsActive)}</span> }.into_any()
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
