//! TRON addresses: base58check (Bitcoin alphabet) of 25 bytes, the version byte 0x41, a 20-byte
//! account id and a 4-byte checksum (the first bytes of SHA-256 applied twice to the first 21).
//! Written as 34 characters starting with `T`.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// The version byte of TRON mainnet addresses.
pub const VERSION: u8 = 0x41;
/// Characters in a written TRON address.
pub const ADDRESS_LEN: usize = 34;

/// Whether `s` is a TRON address with a valid checksum (exactly, no surrounding spaces).
pub fn is_valid_tron_address(s: &str) -> bool {
    tron_address_problem(s).is_none()
}

/// Why a text is not a valid TRON address (the portal words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TronProblem {
    /// Empty or only spaces.
    Missing,
    /// Spaces before or after the address.
    SurroundingSpaces,
    /// Not [`ADDRESS_LEN`] characters (`expected` is that length).
    WrongLength { expected: usize },
    /// Does not start with `T`.
    NotStartingWithT,
    /// A character outside base58 (0, O, I, l, spaces, symbols).
    BadCharacter,
    /// Decodes, but not to a mainnet address (wrong version byte).
    WrongVersion,
    /// The checksum does not match: probably a mistyped character.
    ChecksumMismatch,
}

/// Why `s` is not a valid TRON address; `None` when valid.
pub fn tron_address_problem(s: &str) -> Option<TronProblem> {
    if s.trim().is_empty() {
        return Some(TronProblem::Missing);
    }
    if s.trim() != s {
        return Some(TronProblem::SurroundingSpaces);
    }
    if s.chars().count() != ADDRESS_LEN {
        return Some(TronProblem::WrongLength {
            expected: ADDRESS_LEN,
        });
    }
    if !s.starts_with('T') {
        return Some(TronProblem::NotStartingWithT);
    }
    let Some(bytes) = base58_decode(s) else {
        return Some(TronProblem::BadCharacter);
    };
    if bytes.len() != 25 || bytes[0] != VERSION {
        return Some(TronProblem::WrongVersion);
    }
    if checksum(&bytes[..21]) != bytes[21..] {
        return Some(TronProblem::ChecksumMismatch);
    }
    None
}

/// The 20-byte account id of a valid TRON address.
pub fn decode_tron_address(s: &str) -> Option<[u8; 20]> {
    if !is_valid_tron_address(s) {
        return None;
    }
    let bytes = base58_decode(s)?;
    bytes.get(1..21)?.try_into().ok()
}

/// The written form of the mainnet address with this 20-byte account id.
pub fn encode_tron_address(payload20: &[u8; 20]) -> String {
    let mut bytes = Vec::with_capacity(25);
    bytes.push(VERSION);
    bytes.extend_from_slice(payload20);
    let check = checksum(&bytes);
    bytes.extend_from_slice(&check);
    base58_encode(&bytes)
}

fn checksum(data: &[u8]) -> [u8; 4] {
    let twice = Sha256::digest(Sha256::digest(data));
    [twice[0], twice[1], twice[2], twice[3]]
}

fn digit_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

/// Base58 to bytes; `None` on a character outside the alphabet.
fn base58_decode(s: &str) -> Option<Vec<u8>> {
    // Little-endian base-256 digits of the number.
    let mut number: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = digit_of(c)?;
        for byte in number.iter_mut() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            number.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let leading_zeros = s.bytes().take_while(|&c| c == ALPHABET[0]).count();
    let mut out = vec![0u8; leading_zeros];
    out.extend(number.iter().rev());
    Some(out)
}

/// Base58 (Bitcoin alphabet) of `bytes`; each leading zero byte is written as `1`.
pub fn base58_encode(bytes: &[u8]) -> String {
    // Little-endian base-58 digits of the number.
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        let mut carry = u32::from(byte);
        for digit in digits.iter_mut() {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let leading_zeros = bytes.iter().take_while(|&&b| b == 0).count();
    let mut out = String::with_capacity(leading_zeros + digits.len());
    out.extend(std::iter::repeat_n('1', leading_zeros));
    out.extend(digits.iter().rev().map(|&d| ALPHABET[d as usize] as char));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_round_trips_with_leading_zeros() {
        let bytes = [0u8, 0, 1, 2, 255, 0, 7];
        let text = base58_encode(&bytes);
        assert!(text.starts_with("11"));
        assert_eq!(base58_decode(&text).unwrap(), bytes);
        assert_eq!(base58_encode(&[]), "");
        assert_eq!(base58_decode("").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn known_base58_vector() {
        // "Hello World!" in Bitcoin base58.
        assert_eq!(base58_encode(b"Hello World!"), "2NEpo7TZRRrLZSi2U");
        assert_eq!(base58_decode("2NEpo7TZRRrLZSi2U").unwrap(), b"Hello World!");
    }
}
