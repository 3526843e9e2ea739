//! Seeded company deposits, user wallets and user deposits.

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Currency, Deposit, DepositStatus, UserDeposit, UserWallet};
use rust_decimal::Decimal;

use crate::{
    demo::*,
    prng::Prng,
    state::{Db, DepositRec, UserDepositRec},
    tron,
};

use super::SEED_USER_WALLETS;

pub(super) fn seed_deposits(db: &mut Db, rng: &mut Prng, now: DateTime<Utc>) {
    let mut ages: Vec<i64> = (0..22).map(|_| rng.range(3_600, 90 * 86_400)).collect();
    ages.sort_unstable_by(|a, b| b.cmp(a));
    for (i, age) in ages.into_iter().enumerate() {
        let status = if i % 9 == 4 {
            DepositStatus::AmlFailed
        } else {
            DepositStatus::Confirmed
        };
        let currency = if i % 6 == 5 {
            Currency::Trx
        } else {
            Currency::Usdt
        };
        db.deposits.push(make_deposit(
            rng,
            now - Duration::seconds(age),
            currency,
            status,
        ));
    }
    for age in [50, 20] {
        db.deposits.push(make_deposit(
            rng,
            now - Duration::seconds(age),
            Currency::Usdt,
            DepositStatus::Pending,
        ));
    }
}

fn make_deposit(
    rng: &mut Prng,
    created_at: DateTime<Utc>,
    currency: Currency,
    status: DepositStatus,
) -> DepositRec {
    let amount = match currency {
        Currency::Trx => Decimal::new(rng.range(10, 500) * 100, 2),
        _ => Decimal::new(rng.range(100, 20_000) * 100, 2),
    };
    let id = rng.uuid();
    DepositRec {
        company_id: DEMO_COMPANY_ID.into(),
        deposit: Deposit {
            tx_hash: tron::tx_hash_from_seed(&id),
            from_address: (!rng.chance(15)).then(|| tron::address_from_seed(&format!("from-{id}"))),
            id,
            amount,
            currency,
            confirmed_at: (status == DepositStatus::Confirmed)
                .then(|| created_at + Duration::seconds(rng.range(30, 180))),
            status,
            created_at,
        },
    }
}

pub(super) fn seed_user_wallets(db: &mut Db, rng: &mut Prng, now: DateTime<Utc>) {
    let mut ages: Vec<i64> = (0..SEED_USER_WALLETS)
        .map(|_| rng.range(2 * 86_400, 90 * 86_400))
        .collect();
    ages.sort_unstable_by(|a, b| b.cmp(a));
    for (i, age) in ages.into_iter().enumerate() {
        let external_id = format!("user-{}", 1001 + i);
        let created_at = now - Duration::seconds(age);
        let mut wallet = make_user_wallet(rng, DEMO_COMPANY_ID, &external_id, created_at);
        match i {
            // Blocked and replaced by a newer wallet.
            3 | 11 | 20 => {
                wallet.is_blocked = true;
                wallet.block_reason = Some(
                    if i == 3 {
                        "Address shared publicly by mistake"
                    } else {
                        "replaced"
                    }
                    .into(),
                );
                db.user_wallets.push(wallet);
                let later = created_at + Duration::seconds(rng.range(3_600, age.max(7_200) / 2));
                db.user_wallets
                    .push(make_user_wallet(rng, DEMO_COMPANY_ID, &external_id, later));
                continue;
            }
            // Blocked without a replacement.
            7 => {
                wallet.is_blocked = true;
                wallet.block_reason = Some("AML investigation".into());
            }
            15 => {
                wallet.is_blocked = true;
                wallet.block_reason = Some("User account closed".into());
            }
            26 => {
                wallet.is_blocked = true;
                wallet.block_reason = Some("Suspicious activity reported by the user".into());
            }
            _ => {}
        }
        db.user_wallets.push(wallet);
    }
    // Deposits: about two per wallet, mostly confirmed.
    let wallets: Vec<UserWallet> = db.user_wallets.clone();
    for w in &wallets {
        for _ in 0..rng.range(0, 4) {
            let age_limit = (now - w.created_at).num_seconds().max(120);
            let created_at = now - Duration::seconds(rng.range(60, age_limit));
            let status = match rng.below(20) {
                0 => DepositStatus::AmlFailed,
                1 if created_at > now - Duration::hours(2) => DepositStatus::Pending,
                _ => DepositStatus::Confirmed,
            };
            let currency = if rng.chance(15) {
                Currency::Trx
            } else {
                Currency::Usdt
            };
            let d = make_user_deposit(rng, w, created_at, currency, status);
            db.user_deposits.push(d);
        }
    }
    // One pending user deposit seen just now (confirms two minutes after it was seen).
    if let Some(w) = wallets.iter().find(|w| !w.is_blocked) {
        let d = make_user_deposit(
            rng,
            w,
            now - Duration::seconds(30),
            Currency::Usdt,
            DepositStatus::Pending,
        );
        db.user_deposits.push(d);
    }
    // Last observed balances: what the confirmed deposits brought.
    for d in db.user_deposits.clone() {
        if d.deposit.status == DepositStatus::Confirmed {
            crate::lifecycle::credit_user_wallet(
                db,
                &d.deposit.wallet_id,
                &d.deposit.currency,
                d.deposit.amount,
            );
        }
    }
}

pub fn make_user_wallet(
    rng: &mut Prng,
    company_id: &str,
    external_id: &str,
    created_at: DateTime<Utc>,
) -> UserWallet {
    let id = rng.uuid();
    UserWallet {
        address: tron::address_from_seed(&format!("user-wallet-{id}")),
        id,
        company_id: company_id.into(),
        external_id: external_id.into(),
        is_blocked: false,
        block_reason: None,
        last_usdt_balance: Decimal::new(0, 2),
        last_trx_balance: Decimal::new(0, 2),
        created_at,
    }
}

pub fn make_user_deposit(
    rng: &mut Prng,
    wallet: &UserWallet,
    created_at: DateTime<Utc>,
    currency: Currency,
    status: DepositStatus,
) -> UserDepositRec {
    let amount = match currency {
        Currency::Trx => Decimal::new(rng.range(5, 200) * 100, 2),
        _ => Decimal::new(rng.range(1_000, 100_000), 2),
    };
    let id = rng.uuid();
    UserDepositRec {
        company_id: wallet.company_id.clone(),
        deposit: UserDeposit {
            tx_hash: tron::tx_hash_from_seed(&id),
            id,
            wallet_id: wallet.id.clone(),
            external_id: wallet.external_id.clone(),
            address: wallet.address.clone(),
            amount,
            currency,
            confirmed_at: (status == DepositStatus::Confirmed)
                .then(|| created_at + Duration::seconds(rng.range(30, 180))),
            status,
            created_at,
        },
    }
}
