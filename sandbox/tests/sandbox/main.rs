//! Integration tests of lumo-sandbox over real HTTP (in-process server on port 0, reqwest).
//! Every API response is checked against the contract (see `contract.rs`).

mod common;
mod contract;

mod auth;
mod control;
mod control_token;
mod cors_static;
mod disputes;
mod faults;
mod orders;
mod seed_data;
mod user_wallets;
mod wallets;
