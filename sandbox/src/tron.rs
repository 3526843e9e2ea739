//! Generation of TRON addresses (base58check, version byte 0x41, double SHA-256 checksum).
//!
//! Addresses are derived from a seed string, so the seed data is the same on every start.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 (Bitcoin alphabet) encoding.
pub fn base58_encode(input: &[u8]) -> String {
    let zeros = input.iter().take_while(|b| **b == 0).count();
    // Little-endian base-58 digits.
    let mut digits: Vec<u8> = Vec::with_capacity(input.len() * 138 / 100 + 1);
    for &byte in &input[zeros..] {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(zeros + digits.len());
    out.extend(std::iter::repeat_n('1', zeros));
    out.extend(digits.iter().rev().map(|d| ALPHABET[*d as usize] as char));
    out
}

/// The 4-byte double-SHA-256 checksum of `payload`.
pub fn checksum(payload: &[u8]) -> [u8; 4] {
    let first = Sha256::digest(payload);
    let second = Sha256::digest(first);
    [second[0], second[1], second[2], second[3]]
}

/// A valid TRON address derived from `seed` (same seed, same address).
pub fn address_from_seed(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut raw = [0u8; 25];
    raw[0] = 0x41;
    raw[1..21].copy_from_slice(&digest[..20]);
    let sum = checksum(&raw[..21]);
    raw[21..].copy_from_slice(&sum);
    base58_encode(&raw)
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
