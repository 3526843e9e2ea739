//! User wallets: which of a user's wallets is the current one, whether `POST /user-wallets`
//! (201 whether it created the wallet or returned the existing one) made a new wallet, and
//! whether a replace whose answer was lost happened.

use chrono::{DateTime, Duration, Utc};

use crate::models::UserWallet;

/// What `POST /user-wallets` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Creation {
    /// A wallet was created for this externalId by this request.
    New,
    /// The externalId already had a wallet; that one was returned.
    Existing,
}

/// Clock difference between the browser and the server tolerated when comparing `createdAt`
/// with the time of the request.
pub const CREATED_SKEW_TOLERANCE_SECONDS: i64 = 120;

/// Decide [`Creation`] for the wallet `returned` by `POST /user-wallets`.
///
/// `known_before` is what a lookup (`GET /user-wallets?externalId=…`) just before the request
/// found: `Some(true)` when the externalId had a wallet, `Some(false)` when it had none, `None`
/// when the lookup failed. A lookup answer decides; without one, a wallet created well before the
/// request (`requested_at` on the browser's clock, less [`CREATED_SKEW_TOLERANCE_SECONDS`]) is
/// existing, and any other is new.
pub fn creation(
    returned: &UserWallet,
    known_before: Option<bool>,
    requested_at: DateTime<Utc>,
) -> Creation {
    match known_before {
        Some(true) => Creation::Existing,
        Some(false) => Creation::New,
        None => {
            let cutoff =
                requested_at.checked_sub_signed(Duration::seconds(CREATED_SKEW_TOLERANCE_SECONDS));
            if cutoff.is_some_and(|cutoff| returned.created_at < cutoff) {
                Creation::Existing
            } else {
                Creation::New
            }
        }
    }
}

/// The user's current wallet among `wallets` of one externalId: the newest (a replacement is
/// always newer than the wallet it replaced), blocked or not.
pub fn current_wallet(wallets: &[UserWallet]) -> Option<&UserWallet> {
    wallets
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.created_at.cmp(&b.created_at).then(ib.cmp(ia)))
        .map(|(_, wallet)| wallet)
}

/// The user's earlier wallets (every one but [`current_wallet`]), newest first.
pub fn previous_wallets(wallets: &[UserWallet]) -> Vec<&UserWallet> {
    let current = current_wallet(wallets).map(|w| w.id.as_str());
    let mut rest: Vec<&UserWallet> = wallets
        .iter()
        .filter(|w| Some(w.id.as_str()) != current)
        .collect();
    rest.sort_by_key(|w| std::cmp::Reverse(w.created_at));
    rest
}

/// The block reason as shown: the server's words, or a plain default when it gave none.
pub fn block_reason_text(wallet: &UserWallet) -> Option<String> {
    if !wallet.is_blocked {
        return None;
    }
    Some(match wallet.block_reason.as_deref().map(str::trim) {
        Some("replaced") => "Replaced by a new wallet".to_string(),
        Some(reason) if !reason.is_empty() => reason.to_string(),
        _ => "No reason given".to_string(),
    })
}

/// After a lost answer to a replace: the wallet that replaced `old_address`, if the user's current
/// wallet in the freshly read `wallets` has another address; `None` when the old one is still
/// current (or the user has no wallet in the list).
pub fn replacement_after_lost_answer<'a>(
    wallets: &'a [UserWallet],
    external_id: &str,
    old_address: &str,
) -> Option<&'a UserWallet> {
    let own: Vec<UserWallet> = wallets
        .iter()
        .filter(|w| w.external_id == external_id)
        .cloned()
        .collect();
    let current_id = current_wallet(&own)?.id.clone();
    wallets
        .iter()
        .find(|w| w.id == current_id)
        .filter(|w| w.address != old_address)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn wallet(id: &str, external: &str, address: &str, blocked: bool, created: &str) -> UserWallet {
        UserWallet {
            id: id.into(),
            company_id: "c1".into(),
            external_id: external.into(),
            address: address.into(),
            is_blocked: blocked,
            block_reason: blocked.then(|| "replaced".to_string()),
            last_usdt_balance: Decimal::ZERO,
            last_trx_balance: Decimal::ZERO,
            created_at: DateTime::parse_from_rfc3339(created)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
        }
    }

    #[test]
    fn a_new_current_address_means_the_replace_happened() {
        let list = [
            wallet("w1", "u1", "TOLD", true, "2026-11-01T10:00:00Z"),
            wallet("w2", "u1", "TNEW", false, "2026-11-28T10:00:00Z"),
        ];
        let found = replacement_after_lost_answer(&list, "u1", "TOLD");
        assert_eq!(found.map(|w| w.id.as_str()), Some("w2"));
    }

    #[test]
    fn the_old_address_still_current_means_nothing_changed() {
        let list = [
            wallet("w0", "u1", "TOLDER", true, "2026-10-01T10:00:00Z"),
            wallet("w1", "u1", "TOLD", false, "2026-11-01T10:00:00Z"),
            // Another user's newer wallet is no replacement of this one.
            wallet("w9", "u2", "TOTHER", false, "2026-11-28T10:00:00Z"),
        ];
        assert!(replacement_after_lost_answer(&list, "u1", "TOLD").is_none());
        assert!(replacement_after_lost_answer(&[], "u1", "TOLD").is_none());
    }
}
