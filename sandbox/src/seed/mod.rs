//! The deterministic demo seed: a believable company history relative to "now".
//!
//! Same structure on every start (fixed PRNG seed); times are relative to the clock at seeding.
//! - 240 orders over the last 90 days in every status (a few without externalOrderId), the
//!   newest three `in_progress` (they settle a few minutes after the start);
//! - 23 disputes in every status and resolution (both resolvedBy values);
//! - 24 company deposits (confirmed, aml_failed, and two pending that confirm within 2 minutes);
//! - 36 user wallets (6 blocked, 3 of them replaced by a newer wallet) and their deposits;
//! - an inactive second company (403 on every call).

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{DisputeResolution, DisputeStatus, OrderStatus};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::{
    clock::Clock,
    demo::*,
    lifecycle::{SUPPORT, WALLET_SYNC},
    prng::Prng,
    state::{Company, Db},
    tron,
};

mod orders;
mod wallets;

pub use orders::{make_dispute, make_order, pick_disputable};
pub use wallets::{make_user_deposit, make_user_wallet};

const SEED: u64 = 0x1u64 << 40 | 0x0B2B;
pub const SEED_ORDERS: usize = 240;
pub const SEED_USER_WALLETS: usize = 36;

/// A fresh database holding the seed, anchored at `clock.now()`.
pub fn seeded_db(clock: Clock) -> Db {
    let now = clock.now();
    let mut rng = Prng::new(SEED);
    let mut db = Db {
        clock,
        ..Db::default()
    };
    db.companies.push(demo_company(now));
    db.companies.push(inactive_company(now));
    orders::seed_orders(&mut db, &mut rng, now);
    orders::seed_disputes(&mut db, &mut rng, now);
    wallets::seed_deposits(&mut db, &mut rng, now);
    wallets::seed_user_wallets(&mut db, &mut rng, now);
    let frozen: Decimal = db
        .orders
        .iter()
        .filter(|o| o.company_id == DEMO_COMPANY_ID && o.order.status == OrderStatus::InProgress)
        .map(|o| o.order.amount_usdt)
        .sum();
    if let Some(c) = db.company_mut(DEMO_COMPANY_ID) {
        c.frozen_balance = frozen;
    }
    db
}

fn demo_company(now: DateTime<Utc>) -> Company {
    Company {
        id: DEMO_COMPANY_ID.into(),
        name: DEMO_COMPANY_NAME.into(),
        email: DEMO_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
        api_key: DEMO_API_KEY.into(),
        is_active: true,
        contact_email: Some("support@demo.example".into()),
        contact_telegram: Some("@demo_support".into()),
        webhook_url: Some("https://demo.example/hooks/lumo".into()),
        deposit_forward_address: Some(tron::address_from_seed("demo-forward")),
        qr_rate_offset_bps: DEMO_QR_RATE_OFFSET_BPS,
        wallet_address: tron::address_from_seed("demo-company-wallet"),
        usdt_balance: Decimal::new(1_250_050, 2),
        trx_balance: Decimal::new(3_520, 2),
        frozen_balance: Decimal::ZERO,
        created_at: now - Duration::days(120),
    }
}

fn inactive_company(now: DateTime<Utc>) -> Company {
    Company {
        id: INACTIVE_COMPANY_ID.into(),
        name: "Dormant Trading LLC".into(),
        email: INACTIVE_EMAIL.into(),
        password: INACTIVE_PASSWORD.into(),
        api_key: INACTIVE_API_KEY.into(),
        is_active: false,
        contact_email: None,
        contact_telegram: None,
        webhook_url: None,
        deposit_forward_address: None,
        qr_rate_offset_bps: 150,
        wallet_address: tron::address_from_seed("inactive-company-wallet"),
        usdt_balance: Decimal::ZERO,
        trx_balance: Decimal::ZERO,
        frozen_balance: Decimal::ZERO,
        created_at: now - Duration::days(400),
    }
}

pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `POST /_sandbox/seed`: `orders` more completed orders over the last 90 days and `disputes`
/// more (final) disputes, for scale tests. Lists stay newest first (they sort by createdAt).
pub fn seed_more(db: &mut Db, orders: usize, disputes: usize) {
    db.extra_seed_rounds = db.extra_seed_rounds.wrapping_add(1);
    let mut rng = Prng::new(SEED ^ crate::prng::mix(db.extra_seed_rounds));
    let now = db.now();
    // Wrapping: a label that differs per round; overflowing it (after ~1.8e13 rounds on
    // 64-bit) must not panic.
    let base_seq = db
        .orders
        .len()
        .wrapping_add(1_000_000usize.wrapping_mul(db.extra_seed_rounds as usize));
    for i in 0..orders {
        let age = rng.range(3_600, 90 * 86_400);
        let status = if rng.chance(85) {
            OrderStatus::Success
        } else {
            OrderStatus::Failed
        };
        let with_ext = !rng.chance(5);
        let rec = make_order(
            &mut rng,
            base_seq.wrapping_add(i),
            now - Duration::seconds(age),
            status,
            with_ext,
        );
        db.orders.push(rec);
    }
    // Completed, undisputed orders, in random order; new ones are made when they run out.
    let mut candidates: Vec<usize> = db
        .orders
        .iter()
        .enumerate()
        .filter(|(_, o)| o.company_id == DEMO_COMPANY_ID && o.order.status.is_completed())
        .map(|(i, _)| i)
        .collect();
    for n in 0..disputes {
        let idx = if candidates.is_empty() {
            let order_at = now - Duration::seconds(rng.range(2 * 86_400, 85 * 86_400));
            let rec = make_order(
                &mut rng,
                base_seq.wrapping_add(orders).wrapping_add(n),
                order_at,
                OrderStatus::Success,
                true,
            );
            db.orders.push(rec);
            db.orders.len() - 1
        } else {
            let k = rng.below(candidates.len() as u64) as usize;
            candidates.swap_remove(k)
        };
        let order_at = db.orders[idx].order.created_at;
        let created_at = (order_at + Duration::seconds(rng.range(3_600, 3 * 86_400)))
            .min(now - Duration::minutes(1))
            .max(order_at + Duration::seconds(1));
        let (status, resolution) = match n % 4 {
            0 => (DisputeStatus::Resolved, Some(DisputeResolution::Confirm)),
            1 => (DisputeStatus::Resolved, Some(DisputeResolution::Refund)),
            2 => (
                DisputeStatus::Resolved,
                Some(DisputeResolution::PartialRefund),
            ),
            _ => (DisputeStatus::Rejected, None),
        };
        let by = if n % 2 == 0 { SUPPORT } else { WALLET_SYNC };
        let d = make_dispute(db, &mut rng, idx, created_at, status, resolution, by);
        db.disputes.push(d);
    }
}
