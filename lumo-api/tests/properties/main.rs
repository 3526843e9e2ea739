//! Property tests (proptest, 10,000 cases each): nothing the API can send and no instant chrono
//! can hold makes the library panic, and where an answer can be recomputed independently it is.
//!
//! - [`amounts`]: any Decimal through every money formatter and amount rule.
//! - [`sums`]: any list of amounts through every summing function.
//! - [`decoding`]: random text, random bytes and every truncation of valid bodies, for every
//!   response type.
//! - [`dates`]: any instant through every date rule and text function.

mod amounts;
mod dates;
mod decoding;
mod sums;
mod support;
