//! Generation of TRON addresses and transaction ids from a seed string, so the seed data is the
//! same on every start.
//!
//! The encoding itself (base58check, version byte 0x41, double SHA-256 checksum) is
//! `lumo_api::rules::tron`'s, the same code the portal validates addresses with.

pub use lumo_api::rules::tron::base58_encode;
use lumo_api::rules::tron::encode_tron_address;
use sha2::{Digest, Sha256};

/// A valid TRON address derived from `seed` (same seed, same address): the account id is the
/// first 20 bytes of SHA-256 of `seed`.
pub fn address_from_seed(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut account = [0u8; 20];
    account.copy_from_slice(&digest[..20]);
    encode_tron_address(&account)
}

/// A 64-hex-digit transaction id derived from `seed`.
pub fn tx_hash_from_seed(seed: &str) -> String {
    crate::prng::hex(&Sha256::digest(seed.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_known_vectors() {
        assert_eq!(base58_encode(b""), "");
        assert_eq!(base58_encode(&[0, 0, 1]), "112");
        assert_eq!(base58_encode(b"hello world"), "StV1DL6CwTryKyV");
    }

    #[test]
    fn addresses_look_like_tron() {
        for i in 0..50 {
            let a = address_from_seed(&format!("seed-{i}"));
            assert_eq!(a.len(), 34, "{a}");
            assert!(a.starts_with('T'), "{a}");
            assert!(lumo_api::rules::tron::is_valid_tron_address(&a), "{a}");
        }
        assert_eq!(address_from_seed("x"), address_from_seed("x"));
        assert_ne!(address_from_seed("x"), address_from_seed("y"));
    }
}
