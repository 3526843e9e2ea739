//! The domain rules of `lumo_api::rules`, one module per rule file.

mod money;
mod nspk;
mod order_rows;
mod orders;
mod pending_accept;
mod quotes;
mod tron;
mod validation;
