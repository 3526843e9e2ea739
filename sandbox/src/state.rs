//! The in-memory database of the sandbox and the shared application state.
//!
//! One `std::sync::Mutex` guards everything; handlers lock it, never across an `.await`.
//! Records are the `lumo_api` wire models plus the owning company, so what is stored is exactly
//! what is served.
//!
//! This module is the data only and imports none of the code that acts on it: the `seed`
//! module fills a [`Db`], `lifecycle` moves it on with the clock, the `faults` middleware applies
//! the stored [`Fault`] rules (plain data), and `world` wires state, seed and lifecycle together
//! ([`AppState::new`], [`AppState::db`], [`AppState::reset`]).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

use chrono::{DateTime, Utc};
use lumo_api::models::{
    CompanyInfo, CompanyProfile, Deposit, Dispute, Order, Quote, UserDeposit, UserWallet,
};
use rust_decimal::Decimal;

use crate::{clock::Clock, fault_rule::Fault};

#[derive(Debug, Clone)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub email: String,
    pub password: String,
    pub api_key: String,
    pub is_active: bool,
    pub contact_email: Option<String>,
    pub contact_telegram: Option<String>,
    pub webhook_url: Option<String>,
    pub deposit_forward_address: Option<String>,
    pub qr_rate_offset_bps: i64,
    pub wallet_address: String,
    pub usdt_balance: Decimal,
    pub trx_balance: Decimal,
    pub frozen_balance: Decimal,
    pub created_at: DateTime<Utc>,
}

impl Company {
    pub fn available_balance(&self) -> Decimal {
        self.usdt_balance - self.frozen_balance
    }

    pub fn info(&self) -> CompanyInfo {
        CompanyInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
        }
    }

    pub fn profile(&self) -> CompanyProfile {
        CompanyProfile {
            id: self.id.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            contact_email: self.contact_email.clone(),
            contact_telegram: self.contact_telegram.clone(),
            is_active: self.is_active,
            webhook_url: self.webhook_url.clone(),
            deposit_forward_address: self.deposit_forward_address.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct OrderRec {
    pub company_id: String,
    pub order: Order,
    /// Whether the payment succeeds when `paymentUntil` passes (decided at creation).
    pub settles_successfully: bool,
}

#[derive(Debug, Clone)]
pub struct QuoteRec {
    pub company_id: String,
    pub quote: Quote,
    pub external_order_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub accepted: bool,
}

#[derive(Debug, Clone)]
pub struct DisputeRec {
    pub company_id: String,
    pub dispute: Dispute,
    /// Created by the seed: moves on by itself with the clock (API-created ones only once they
    /// are old enough, see the lifecycle's `AUTO_DISPUTE_MIN_AGE_HOURS`).
    pub from_seed: bool,
}

#[derive(Debug, Clone)]
pub struct DepositRec {
    pub company_id: String,
    pub deposit: Deposit,
}

#[derive(Debug, Clone)]
pub struct UserDepositRec {
    pub company_id: String,
    pub deposit: UserDeposit,
}

/// A stored accept response for one (company, Idempotency-Key).
#[derive(Debug, Clone)]
pub struct IdempotentAccept {
    pub quote_id: String,
    pub response: Order,
}

/// Everything the sandbox knows. Vectors are in insertion order; lists sort by `createdAt`.
#[derive(Debug, Default)]
pub struct Db {
    pub clock: Clock,
    pub companies: Vec<Company>,
    pub orders: Vec<OrderRec>,
    pub quotes: HashMap<String, QuoteRec>,
    pub disputes: Vec<DisputeRec>,
    pub deposits: Vec<DepositRec>,
    pub user_wallets: Vec<UserWallet>,
    pub user_deposits: Vec<UserDepositRec>,
    pub idempotency: HashMap<(String, String), IdempotentAccept>,
    /// Counter for the extra seed (`POST /_sandbox/seed`), so repeated calls add new data.
    pub extra_seed_rounds: u64,
}

impl Db {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn company(&self, id: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.id == id)
    }

    pub fn company_mut(&mut self, id: &str) -> Option<&mut Company> {
        self.companies.iter_mut().find(|c| c.id == id)
    }

    pub fn company_by_key(&self, key: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.api_key == key)
    }

    pub fn company_by_email(&self, email: &str) -> Option<&Company> {
        self.companies
            .iter()
            .find(|c| c.email.eq_ignore_ascii_case(email))
    }

    pub fn order(&self, company_id: &str, id: &str) -> Option<&OrderRec> {
        self.orders
            .iter()
            .find(|o| o.order.id.eq_ignore_ascii_case(id) && o.company_id == company_id)
    }

    pub fn order_mut(&mut self, company_id: &str, id: &str) -> Option<&mut OrderRec> {
        self.orders
            .iter_mut()
            .find(|o| o.order.id.eq_ignore_ascii_case(id) && o.company_id == company_id)
    }
}

/// Options that shape the served application.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Whether the `/_sandbox/*` control routes exist.
    pub control: bool,
    /// Allowed CORS origins; empty means any origin.
    pub cors_origins: Vec<String>,
    /// Largest `limit` GET /orders takes: the contract's 100 unless `--max-page-size` says more.
    pub max_page_size: i64,
    /// When set, the `/_sandbox/*` routes require `X-Sandbox-Token` with this value.
    pub control_token: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            control: true,
            cors_origins: Vec::new(),
            max_page_size: crate::extract::Page::MAX_LIMIT,
            control_token: None,
        }
    }
}

pub struct Shared {
    db: Mutex<Db>,
    faults: Mutex<Vec<Fault>>,
    pub config: AppConfig,
}

/// The state every handler receives.
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

/// `new`, `db` and `reset`, which need the seed and the lifecycle, are in the `world` module.
impl AppState {
    /// A sandbox holding `db` and no faults.
    pub fn with_db(db: Db, config: AppConfig) -> Self {
        AppState(Arc::new(Shared {
            db: Mutex::new(db),
            faults: Mutex::new(Vec::new()),
            config,
        }))
    }

    /// The database without running the lifecycle first.
    pub fn raw_db(&self) -> MutexGuard<'_, Db> {
        // A panic while holding the lock cannot leave the data worse than a half-applied
        // request; keep serving.
        self.0
            .db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn faults(&self) -> MutexGuard<'_, Vec<Fault>> {
        self.0
            .faults
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn config(&self) -> &AppConfig {
        &self.0.config
    }
}
