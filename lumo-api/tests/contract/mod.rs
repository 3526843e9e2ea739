//! Contract tests beyond the schema examples, and their shared helpers.

mod error_examples;
mod operations;
mod rules;
pub mod support;
