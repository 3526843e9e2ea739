//! Time moves the data on. Applied lazily before every request ([`crate::state::AppState::db`]):
//!
//! - an `in_progress` order settles when `paymentUntil` passes: `success` (the frozen amount is
//!   spent) for most, `failed` (the amount is released) for some, decided when it was created;
//! - a dispute moves `submitted` -> `in_review` one hour after creation and is resolved or
//!   rejected by the wallet sync 24 hours after creation. Only disputes of the seed do this by
//!   themselves, and API-created ones once they are [`AUTO_DISPUTE_MIN_AGE_HOURS`] old, so a test
//!   that opens a dispute decides its fate through the control routes;
//! - a `pending` deposit is confirmed (and credited) two minutes after it was seen;
//! - quotes are forgotten a day after they expired.

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Currency, DepositStatus, DisputeResolution, DisputeStatus, OrderStatus};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::{
    prng::hash_str,
    state::{Company, Db},
};

pub const IN_REVIEW_AFTER_HOURS: i64 = 1;
pub const AUTO_RESOLVE_AFTER_HOURS: i64 = 24;
pub const AUTO_DISPUTE_MIN_AGE_HOURS: i64 = 48;
pub const DEPOSIT_CONFIRM_SECONDS: i64 = 120;
pub const WALLET_SYNC: &str = "wallet-sync";
pub const SUPPORT: &str = "support@lumo";

pub fn tick(db: &mut Db, now: DateTime<Utc>) {
    settle_orders(db, now);
    progress_disputes(db, now);
    confirm_deposits(db, now);
    db.quotes
        .retain(|_, q| q.quote.expires_at + Duration::days(1) > now);
}

fn settle_orders(db: &mut Db, now: DateTime<Utc>) {
    for i in 0..db.orders.len() {
        let rec = &db.orders[i];
        let due = rec.order.status == OrderStatus::InProgress
            && rec.order.payment_until.is_some_and(|until| until <= now);
        if !due {
            continue;
        }
        let company_id = rec.company_id.clone();
        let amount = rec.order.amount_usdt;
        let success = rec.settles_successfully;
        let at = rec.order.payment_until.unwrap_or(now);
        let rec = &mut db.orders[i];
        rec.order.status = if success {
            OrderStatus::Success
        } else {
            OrderStatus::Failed
        };
        rec.order.updated_at = Some(at);
        if let Some(company) = db.company_mut(&company_id) {
            company.frozen_balance = (company.frozen_balance - amount).max(Decimal::ZERO);
            if success {
                company.usdt_balance -= amount;
            }
        }
    }
}

fn progress_disputes(db: &mut Db, now: DateTime<Utc>) {
    for i in 0..db.disputes.len() {
        let rec = &db.disputes[i];
        if !rec.dispute.status.is_open() {
            continue;
        }
        let created = rec.dispute.created_at;
        let eligible =
            rec.from_seed || now - created >= Duration::hours(AUTO_DISPUTE_MIN_AGE_HOURS);
        if !eligible {
            continue;
        }
        let review_at = created + Duration::hours(IN_REVIEW_AFTER_HOURS);
        let final_at = created + Duration::hours(AUTO_RESOLVE_AFTER_HOURS);
        if rec.dispute.status == DisputeStatus::Submitted && now >= review_at {
            let d = &mut db.disputes[i].dispute;
            d.status = DisputeStatus::InReview;
            d.updated_at = review_at;
        }
        if db.disputes[i].dispute.status == DisputeStatus::InReview && now >= final_at {
            let id = db.disputes[i].dispute.id.clone();
            match hash_str(&id) % 10 {
                0..=3 => finish(
                    db,
                    i,
                    Outcome::Resolve(DisputeResolution::Confirm, None),
                    final_at,
                ),
                4 | 5 => finish(
                    db,
                    i,
                    Outcome::Resolve(DisputeResolution::Refund, None),
                    final_at,
                ),
                6 | 7 => {
                    let half = half_of_order(db, i);
                    finish(
                        db,
                        i,
                        Outcome::Resolve(DisputeResolution::PartialRefund, half),
                        final_at,
                    )
                }
                _ => finish(db, i, Outcome::Reject, final_at),
            }
        }
    }
}

fn half_of_order(db: &Db, i: usize) -> Option<Decimal> {
    let d = &db.disputes[i];
    db.order(&d.company_id, &d.dispute.order_id).map(|o| {
        (o.order.amount_usdt / Decimal::TWO)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    })
}

enum Outcome {
    Resolve(DisputeResolution, Option<Decimal>),
    Reject,
}

fn finish(db: &mut Db, i: usize, outcome: Outcome, at: DateTime<Utc>) {
    match outcome {
        Outcome::Resolve(resolution, refund) => {
            let comment = match resolution {
                DisputeResolution::Confirm => "The payment reached the merchant: order confirmed.",
                DisputeResolution::Refund => {
                    "The payment did not reach the merchant: refunded in full."
                }
                _ => "Part of the amount was refunded after reconciliation.",
            };
            resolve(
                db,
                i,
                resolution,
                refund,
                Some(comment.to_string()),
                WALLET_SYNC,
                at,
            );
        }
        Outcome::Reject => reject(
            db,
            i,
            Some("No discrepancy found in the wallet backend.".to_string()),
            WALLET_SYNC,
            at,
        ),
    }
}

/// Resolves dispute `i`; a refund (full: the order's amountUsdt; partial: `refund_amount`) is
/// credited to the company's USDT balance.
pub fn resolve(
    db: &mut Db,
    i: usize,
    resolution: DisputeResolution,
    refund_amount: Option<Decimal>,
    admin_comment: Option<String>,
    by: &str,
    at: DateTime<Utc>,
) {
    let rec = &db.disputes[i];
    let company_id = rec.company_id.clone();
    let order_amount = db
        .order(&company_id, &rec.dispute.order_id)
        .map(|o| o.order.amount_usdt);
    let credit = match resolution {
        DisputeResolution::Refund => order_amount,
        DisputeResolution::PartialRefund => refund_amount,
        _ => None,
    };
    let d = &mut db.disputes[i].dispute;
    d.status = DisputeStatus::Resolved;
    d.refund_amount = match resolution {
        DisputeResolution::PartialRefund => refund_amount,
        _ => None,
    };
    d.resolution = Some(resolution);
    d.admin_comment = admin_comment;
    d.resolved_by = Some(by.to_string());
    d.resolved_at = Some(at);
    d.updated_at = at;
    if let (Some(amount), Some(company)) = (credit, db.company_mut(&company_id)) {
        company.usdt_balance += amount;
    }
}

/// Rejects dispute `i` (no resolution; `resolvedAt` records when the decision was made).
pub fn reject(db: &mut Db, i: usize, admin_comment: Option<String>, by: &str, at: DateTime<Utc>) {
    let d = &mut db.disputes[i].dispute;
    d.status = DisputeStatus::Rejected;
    d.resolution = None;
    d.refund_amount = None;
    d.admin_comment = admin_comment;
    d.resolved_by = Some(by.to_string());
    d.resolved_at = Some(at);
    d.updated_at = at;
}

fn confirm_deposits(db: &mut Db, now: DateTime<Utc>) {
    let wait = Duration::seconds(DEPOSIT_CONFIRM_SECONDS);
    for i in 0..db.deposits.len() {
        let d = &db.deposits[i].deposit;
        if d.status != DepositStatus::Pending || d.created_at + wait > now {
            continue;
        }
        let at = d.created_at + wait;
        let (amount, currency) = (d.amount, d.currency.clone());
        let company_id = db.deposits[i].company_id.clone();
        let d = &mut db.deposits[i].deposit;
        d.status = DepositStatus::Confirmed;
        d.confirmed_at = Some(at);
        if let Some(company) = db.company_mut(&company_id) {
            credit_company(company, &currency, amount);
        }
    }
    for i in 0..db.user_deposits.len() {
        let d = &db.user_deposits[i].deposit;
        if d.status != DepositStatus::Pending || d.created_at + wait > now {
            continue;
        }
        let at = d.created_at + wait;
        let (amount, currency, wallet_id) = (d.amount, d.currency.clone(), d.wallet_id.clone());
        let d = &mut db.user_deposits[i].deposit;
        d.status = DepositStatus::Confirmed;
        d.confirmed_at = Some(at);
        credit_user_wallet(db, &wallet_id, &currency, amount);
    }
}

pub fn credit_company(company: &mut Company, currency: &Currency, amount: Decimal) {
    match currency {
        // Saturating: `POST /_sandbox/deposits` refuses amounts that would overflow, and a
        // pending one credited later must not panic either.
        Currency::Trx => company.trx_balance = company.trx_balance.saturating_add(amount),
        _ => company.usdt_balance = company.usdt_balance.saturating_add(amount),
    }
}

pub fn credit_user_wallet(db: &mut Db, wallet_id: &str, currency: &Currency, amount: Decimal) {
    if let Some(w) = db.user_wallets.iter_mut().find(|w| w.id == wallet_id) {
        match currency {
            Currency::Trx => w.last_trx_balance = w.last_trx_balance.saturating_add(amount),
            _ => w.last_usdt_balance = w.last_usdt_balance.saturating_add(amount),
        }
    }
}
