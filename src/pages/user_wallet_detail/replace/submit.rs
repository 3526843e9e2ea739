//! What one confirmation of "Replace wallet" does, as the form's action: send the replace, or,
//! after a lost answer, read the user's wallets back (`GET /user-wallets?externalId=`, the API
//! has no single-wallet read). Replacing is not idempotent (sent twice, it would block the new
//! wallet too), so a lost answer is always read back in the same run before the form may offer
//! to replace again; if the read-back fails too, the next press only checks.

use leptos::prelude::*;
use lumo_api::models::{ReplaceUserWalletRequest, UserWallet};
use lumo_api::requests::{Page, UserWalletsQuery};
use lumo_api::rules::user_wallets::{current_wallet, replacement_after_lost_answer};
use lumo_api::ApiError;

use crate::client::Client;
use crate::i18n::{tf, Key};

/// The input of one press.
#[derive(Clone)]
pub(super) enum Press {
    /// Replace the wallet (the body passed the client-side rules).
    Replace(ReplaceUserWalletRequest),
    /// Nothing is sent: only look whether the lost replace happened.
    Check,
}

/// How a press ended; other failures are the action's `Err` (a refusal: nothing changed).
pub(super) enum Done {
    /// The new wallet: the answer, or found by the read-back.
    Replaced(UserWallet),
    /// The answer was lost, but the old address is still current: nothing changed.
    Unchanged,
    /// The answer was lost and the read-back failed too: the outcome is unknown.
    Unknown(ApiError),
    /// 404/405: this environment does not offer replacing.
    Unsupported,
}

/// The signals the action moves while it runs, written with `try_set`: the user may have left
/// before the answer.
#[derive(Clone, Copy)]
pub(super) struct Progress {
    /// The confirmation dialog: closed once the answer is known to be lost.
    pub open: RwSignal<bool>,
    /// Raised while the wallets are read back (the form says so).
    pub checking: RwSignal<bool>,
}

/// Run one press for the user `external_id` whose current address was `old_address`.
pub(super) async fn run(
    client: Client,
    press: Press,
    external_id: String,
    old_address: String,
    progress: Progress,
) -> Result<Done, ApiError> {
    let body = match press {
        Press::Check => return Ok(read_back(client, &external_id, &old_address, progress).await),
        Press::Replace(body) => body,
    };
    let request = lumo_api::requests::replace_user_wallet(&external_id, &body);
    match client.send(&request).await {
        Ok(wallet) => Ok(Done::Replaced(wallet)),
        Err(error) if error.may_hide_a_change() => {
            // It may have happened: read the wallet back before anything else.
            progress.open.try_set(false);
            Ok(read_back(client, &external_id, &old_address, progress).await)
        }
        Err(error) if error.is_unsupported_operation() => Ok(Done::Unsupported),
        Err(error) => Err(error),
    }
}

async fn read_back(
    client: Client,
    external_id: &str,
    old_address: &str,
    progress: Progress,
) -> Done {
    progress.checking.try_set(true);
    let query = UserWalletsQuery {
        page: Page::new(100, 0),
        external_id: Some(external_id.to_string()),
    };
    let result = client
        .send(&lumo_api::requests::list_user_wallets(&query))
        .await;
    progress.checking.try_set(false);
    let wallets = match result {
        Ok(wallets) => wallets,
        Err(error) => return Done::Unknown(error),
    };
    if current_wallet(&wallets).is_none() {
        // No wallet at all for this user: the read says nothing about the replace.
        return Done::Unknown(ApiError::NotFound {
            message: Some(tf(Key::UserWalletsNoWalletFound, &[("id", external_id)])),
        });
    }
    match replacement_after_lost_answer(&wallets, external_id, old_address) {
        Some(wallet) => Done::Replaced(wallet.clone()),
        None => Done::Unchanged,
    }
}
