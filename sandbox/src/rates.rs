//! The USDT/RUB rate: a deterministic function of the clock.
//!
//! The base rate changes every [`REFRESH_SECONDS`] (as the real source refreshes about every
//! 15 s): a slow wave around 95.00 plus a small per-step wobble, rounded to 2 decimals. The
//! same instant always gives the same rate, so tests can predict it.

use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::prng::mix;

pub const REFRESH_SECONDS: i64 = 15;
/// The centre of the drift, in kopecks per USDT.
const CENTRE_KOPECKS: i64 = 9500;

/// The base rate at `now` and when it was last refreshed.
pub fn base_rate(now: DateTime<Utc>) -> (Decimal, DateTime<Utc>) {
    let step = now.timestamp().div_euclid(REFRESH_SECONDS);
    let t = step as f64;
    let wave = 120.0 * (t / 40.0).sin() + 35.0 * (t / 7.3).sin();
    let wobble = (mix(step as u64) % 11) as i64 - 5;
    let kopecks = CENTRE_KOPECKS + wave.round() as i64 + wobble;
    let updated_at = Utc
        .timestamp_opt(step * REFRESH_SECONDS, 0)
        .single()
        .unwrap_or(now);
    (Decimal::new(kopecks, 2), updated_at)
}

/// `rate * (1 + bps / 10000)` rounded to 2 decimals (half away from zero).
pub fn effective_rate(rate: Decimal, offset_bps: i64) -> Decimal {
    let factor = Decimal::ONE + Decimal::new(offset_bps, 4);
    (rate * factor).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn effective_rate_applies_bps() {
        let r = Decimal::from_str("95.00").unwrap();
        assert_eq!(effective_rate(r, 100).to_string(), "95.95");
        assert_eq!(effective_rate(r, 0).to_string(), "95.00");
    }

    #[test]
    fn base_rate_is_stable_within_a_step_and_near_95() {
        let t = Utc.timestamp_opt(1_800_000_000, 0).single().unwrap();
        let (a, at) = base_rate(t);
        let (b, bt) = base_rate(t + chrono::Duration::seconds(14));
        assert_eq!((a, at), (b, bt));
        assert!(a > Decimal::from(93) && a < Decimal::from(97), "{a}");
        assert_eq!(a.scale(), 2);
        let mut changed = false;
        for i in 1..20 {
            let (c, _) = base_rate(t + chrono::Duration::seconds(15 * i));
            assert!((c - a).abs() < Decimal::from(3));
            changed |= c != a;
        }
        assert!(changed);
    }
}
