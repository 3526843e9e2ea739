//! Seeded orders and disputes.

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Dispute, DisputeResolution, DisputeStatus, Order, OrderStatus};
use rust_decimal::Decimal;

use super::{round2, SEED_ORDERS};
use crate::{
    demo::*,
    lifecycle::{SUPPORT, WALLET_SYNC},
    prng::Prng,
    rates,
    state::{Db, DisputeRec, OrderRec},
};

const REASONS: &[&str] = &[
    "The customer was charged but the merchant did not receive the payment.",
    "Paid twice for one purchase.",
    "The merchant says the amount received was lower than the QR amount.",
    "The payment failed but the USDT was not released.",
    "Customer reports the goods were never delivered; requesting a refund.",
    "Wrong amount charged: the QR was for 1,500 RUB, we were charged for 15,000 RUB.",
    "The order shows failed but the merchant confirms receipt.",
    "Duplicate order created by a retry in our integration.",
];

/// A believable RUB amount: mostly hundreds to tens of thousands.
fn rub_amount(rng: &mut Prng) -> Decimal {
    let kopecks = match rng.below(10) {
        0..=4 => rng.range(15_000, 500_000),
        5..=8 => rng.range(500_000, 5_000_000),
        _ => rng.range(5_000_000, 15_000_000),
    };
    // Round to whole rubles most of the time, like shop prices.
    let kopecks = if rng.chance(70) {
        kopecks / 100 * 100
    } else {
        kopecks
    };
    Decimal::new(kopecks, 2)
}

/// An order priced like a quote at `created_at`.
pub fn make_order(
    rng: &mut Prng,
    seq: usize,
    created_at: DateTime<Utc>,
    status: OrderStatus,
    with_external_id: bool,
) -> OrderRec {
    let amount_rub = rub_amount(rng);
    let (base, _) = rates::base_rate(created_at);
    let rate = rates::effective_rate(base, DEMO_QR_RATE_OFFSET_BPS);
    let amount_usdt = round2(amount_rub / rate);
    let payment_until = (status != OrderStatus::Created).then(|| created_at + Duration::minutes(5));
    let updated_at = match status {
        OrderStatus::Created | OrderStatus::InProgress => created_at,
        _ => created_at + Duration::seconds(rng.range(20, 290)),
    };
    let id = rng.uuid();
    OrderRec {
        company_id: DEMO_COMPANY_ID.into(),
        settles_successfully: crate::prng::hash_str(&id) % 10 < 8,
        order: Order {
            id,
            status,
            amount_rub,
            amount_usdt,
            rate: Some(rate),
            merchant_name: rng.pick(MERCHANTS).to_string(),
            external_order_id: with_external_id.then(|| format!("ORD-{}", 100_000 + seq)),
            payment_until,
            created_at,
            updated_at: Some(updated_at),
        },
    }
}

pub(super) fn seed_orders(db: &mut Db, rng: &mut Prng, now: DateTime<Utc>) {
    // Ages in seconds, oldest first; the newest few are fixed so the statuses make sense.
    let mut ages: Vec<i64> = (0..SEED_ORDERS - 5)
        .map(|_| rng.range(3_600, 90 * 86_400))
        .collect();
    ages.sort_unstable_by(|a, b| b.cmp(a));
    for (seq, age) in ages.iter().enumerate() {
        let status = if rng.chance(82) {
            OrderStatus::Success
        } else {
            OrderStatus::Failed
        };
        let with_ext = !rng.chance(6) || seq < 2;
        let with_ext = with_ext && seq != 3;
        let rec = make_order(rng, seq, now - Duration::seconds(*age), status, with_ext);
        db.orders.push(rec);
    }
    // Two orders stuck in `created` and three `in_progress` ones (they settle within minutes).
    let recent: [(i64, OrderStatus); 5] = [
        (40 * 60, OrderStatus::Created),
        (25 * 60, OrderStatus::Created),
        (180, OrderStatus::InProgress),
        (120, OrderStatus::InProgress),
        (60, OrderStatus::InProgress),
    ];
    for (i, (age, status)) in recent.into_iter().enumerate() {
        let seq = SEED_ORDERS - 5 + i;
        let mut rec = make_order(rng, seq, now - Duration::seconds(age), status, i != 1);
        // Keep the frozen total small so the demo QR stays affordable.
        if rec.order.amount_usdt > Decimal::from(400) {
            rec.order.amount_rub = Decimal::new(1_250_000, 2);
            rec.order.amount_usdt =
                round2(rec.order.amount_rub / rec.order.rate.unwrap_or(Decimal::ONE_HUNDRED));
        }
        db.orders.push(rec);
    }
}

/// (status, resolution, how many, dispute age range in seconds, resolvedBy).
type DisputeSpec = (DisputeStatus, Option<DisputeResolution>, usize, (i64, i64));

pub(super) fn seed_disputes(db: &mut Db, rng: &mut Prng, now: DateTime<Utc>) {
    let specs: [DisputeSpec; 6] = [
        (DisputeStatus::Submitted, None, 3, (5 * 60, 20 * 60)),
        (DisputeStatus::InReview, None, 3, (2 * 3600, 10 * 3600)),
        (
            DisputeStatus::Resolved,
            Some(DisputeResolution::Refund),
            4,
            (3 * 86_400, 80 * 86_400),
        ),
        (
            DisputeStatus::Resolved,
            Some(DisputeResolution::PartialRefund),
            4,
            (3 * 86_400, 80 * 86_400),
        ),
        (
            DisputeStatus::Resolved,
            Some(DisputeResolution::Confirm),
            5,
            (3 * 86_400, 80 * 86_400),
        ),
        (DisputeStatus::Rejected, None, 4, (3 * 86_400, 80 * 86_400)),
    ];
    let mut n = 0usize;
    for (status, resolution, count, (lo, hi)) in specs {
        for _ in 0..count {
            let created_at = now - Duration::seconds(rng.range(lo, hi));
            let Some(order_idx) = pick_disputable(db, rng, DEMO_COMPANY_ID, created_at) else {
                continue;
            };
            let by = if n.is_multiple_of(3) {
                WALLET_SYNC
            } else {
                SUPPORT
            };
            let d = make_dispute(
                db,
                rng,
                order_idx,
                created_at,
                status.clone(),
                resolution.clone(),
                by,
            );
            db.disputes.push(d);
            n += 1;
        }
    }
}

/// A completed, undisputed order of `company_id` created at least an hour before `before`.
pub fn pick_disputable(
    db: &Db,
    rng: &mut Prng,
    company_id: &str,
    before: DateTime<Utc>,
) -> Option<usize> {
    let candidates: Vec<usize> = db
        .orders
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            o.company_id == company_id
                && o.order.status.is_completed()
                && o.order.created_at + Duration::hours(1) <= before
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return None;
    }
    Some(candidates[rng.below(candidates.len() as u64) as usize])
}

/// A dispute on order `order_idx` (which becomes `disputed`), already in `status`.
pub fn make_dispute(
    db: &mut Db,
    rng: &mut Prng,
    order_idx: usize,
    created_at: DateTime<Utc>,
    status: DisputeStatus,
    resolution: Option<DisputeResolution>,
    by: &str,
) -> DisputeRec {
    let now = db.now();
    let order = &mut db.orders[order_idx];
    order.order.status = OrderStatus::Disputed;
    order.order.updated_at = Some(created_at);
    let amount = order.order.amount_usdt;
    let mut d = Dispute {
        id: rng.uuid(),
        order_id: order.order.id.clone(),
        status: status.clone(),
        resolution: None,
        reason: rng.pick(REASONS).to_string(),
        admin_comment: None,
        resolved_by: None,
        refund_amount: None,
        resolved_at: None,
        created_at,
        updated_at: created_at,
    };
    match status {
        DisputeStatus::InReview => {
            d.updated_at = created_at + Duration::minutes(rng.range(20, 59));
        }
        DisputeStatus::Resolved | DisputeStatus::Rejected => {
            let decided = (created_at + Duration::seconds(rng.range(3_600, 4 * 86_400)))
                .min(now - Duration::hours(1))
                .max(created_at + Duration::minutes(1));
            d.resolved_at = Some(decided);
            d.updated_at = decided;
            d.resolved_by = Some(by.to_string());
            d.admin_comment = match (&status, &resolution) {
                (DisputeStatus::Rejected, _) => {
                    Some("No discrepancy found: the merchant received the full amount.".into())
                }
                (_, Some(DisputeResolution::Refund)) => {
                    Some("The payment did not reach the merchant: refunded in full.".into())
                }
                (_, Some(DisputeResolution::PartialRefund)) => {
                    Some("One of the two payments was refunded.".into())
                }
                _ if rng.chance(50) => Some("Merchant confirmed receipt of the payment.".into()),
                _ => None,
            };
            if resolution == Some(DisputeResolution::PartialRefund) {
                let part = Decimal::new(rng.range(20, 70), 2);
                d.refund_amount = Some(round2(amount * part).max(Decimal::new(1, 2)));
            }
            d.resolution = resolution;
        }
        _ => {}
    }
    DisputeRec {
        company_id: db.orders[order_idx].company_id.clone(),
        dispute: d,
        from_seed: true,
    }
}
