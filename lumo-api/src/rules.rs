//! Domain rules the portal relies on. Pure functions, tested natively.

pub mod money;
pub mod nspk;
pub mod orders;
pub mod quotes;
pub mod tron;
pub mod validation;
