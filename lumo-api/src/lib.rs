//! Typed access to the Lumo B2B API without any web dependency.
//!
//! - [`models`]: serde types for every schema of the contract (camelCase on the wire).
//! - [`requests`]: one function per operation, returning an [`requests::ApiRequest`] that any
//!   HTTP transport can execute and decode.
//! - [`errors`]: [`errors::ApiError`] and [`errors::decode`], turning any status and body into a
//!   typed value without ever panicking.
//! - [`rules`]: the domain rules the portal relies on.
//! - [`qr`]: QR code matrices drawn as SVG paths (deposit addresses).
//! - [`time`]: dates and times as text, written and read without chrono's format machinery.
//! - [`fixed`]: fixed-decimal numbers without float formatting.
//! - [`locale`]: English and Russian: plurals, numbers, money and dates per language.
//! - [`catalog`]: the portal's word catalogs, read and checked (std only; also used by its build).

pub mod catalog;
pub mod csv;
pub mod errors;
pub mod fixed;
pub mod insights;
pub mod listing;
pub mod locale;
pub mod models;
pub mod qr;
pub mod requests;
pub mod rules;
pub mod seen;
pub mod time;

pub use errors::{decode, ApiError};
pub use requests::ApiRequest;
