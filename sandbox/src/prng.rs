//! A tiny deterministic pseudo-random generator (SplitMix64) and id helpers.
//!
//! The seed data must be identical on every start, so nothing here reads the OS entropy source.
//! Runtime ids (new quotes, disputes, keys) come from [`IdGen::runtime`], which mixes the start
//! time and a process-wide counter in, so ids stay unique across `/_sandbox/reset`.

use std::sync::atomic::{AtomicU64, Ordering};

/// SplitMix64: small, fast, good enough for believable demo data.
#[derive(Debug, Clone)]
pub struct Prng(u64);

impl Prng {
    pub fn new(seed: u64) -> Self {
        Prng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        out
    }

    /// A random (version 4 layout) UUID in canonical lowercase form.
    pub fn uuid(&mut self) -> String {
        let mut b: [u8; 16] = self.bytes();
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h = hex(&b);
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }

    /// `n` bytes as lowercase hex.
    pub fn hex(&mut self, n_bytes: usize) -> String {
        let mut s = String::with_capacity(n_bytes * 2);
        while s.len() < n_bytes * 2 {
            let b: [u8; 8] = self.bytes();
            s.push_str(&hex(&b));
        }
        s.truncate(n_bytes * 2);
        s
    }

    /// A fresh API key: `lb2b_` and 32 lowercase hex digits.
    pub fn api_key(&mut self) -> String {
        format!("lb2b_{}", self.hex(16))
    }
}

/// The SplitMix64 finaliser; also a decent 64-bit hash of an integer.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over a string, then mixed: a stable hash for deriving values from ids.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    s
}

/// True for a canonical UUID (8-4-4-4-12 hex digits, any case, any version).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    b.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}

static RUNTIME_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Source of ids generated while the sandbox runs (never reset, unique per process).
pub struct IdGen;

impl IdGen {
    pub fn runtime() -> Prng {
        let n = RUNTIME_COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        Prng::new(mix(nanos ^ mix(n.wrapping_add(0x5EED))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_well_formed() {
        let mut a = Prng::new(7);
        let mut b = Prng::new(7);
        assert_eq!(a.uuid(), b.uuid());
        let id = a.uuid();
        assert!(is_uuid(&id), "{id}");
        assert_eq!(&id[14..15], "4");
        let key = a.api_key();
        assert_eq!(key.len(), 37);
        assert!(key[5..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert!(!is_uuid("not-a-uuid"));
        assert!(!is_uuid("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4g"));
    }

    #[test]
    fn runtime_ids_differ() {
        assert_ne!(IdGen::runtime().uuid(), IdGen::runtime().uuid());
    }
}
