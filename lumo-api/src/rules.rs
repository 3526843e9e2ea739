//! Domain rules the portal relies on. Pure functions, tested natively.

pub mod amounts;
pub mod deposits;
pub mod money;
pub mod nspk;
pub mod order_rows;
pub mod orders;
pub mod quotes;
pub mod rates;
pub mod refresh;
pub mod retry;
pub mod timeline;
pub mod tron;
pub mod user_wallets;
pub mod validation;
