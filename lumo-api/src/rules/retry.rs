//! Spreading retries out: when many tabs or clients fail at the same moment (a deploy, a rate
//! limit), retrying after the same fixed backoff makes them all come back at once again.

/// "Equal jitter": half of `base_ms` for sure, the other half scaled by `random` (uniform in
/// `0..1`, e.g. `Math.random()`). The result lies in `base_ms / 2 ..= base_ms`, so a retry
/// never comes much sooner than the backoff asked for, yet clients that failed together spread
/// over half the interval. `random` outside `0..=1` is clamped and NaN counts as 0, so a broken
/// random source can only make the wait shorter than `base_ms`, never longer or a panic.
///
/// Jitter only the client's own backoff: a server's `Retry-After` is a floor, not a base.
pub fn with_jitter(base_ms: u32, random: f64) -> u32 {
    let floor = base_ms / 2;
    let spread = base_ms - floor;
    let random = if random.is_nan() {
        0.0
    } else {
        random.clamp(0.0, 1.0)
    };
    // `as` from f64 truncates and saturates; the product is within 0..=spread anyway.
    let extra = (f64::from(spread) * random) as u32;
    floor.saturating_add(extra.min(spread))
}

#[cfg(test)]
mod tests {
    use super::with_jitter;

    #[test]
    fn stays_between_half_and_the_whole_base() {
        assert_eq!(with_jitter(1000, 0.0), 500);
        assert_eq!(with_jitter(1000, 0.5), 750);
        assert_eq!(with_jitter(1000, 0.999_999), 999);
        assert_eq!(with_jitter(1000, 1.0), 1000);
        assert_eq!(with_jitter(301, 0.0), 150);
        assert_eq!(with_jitter(301, 1.0), 301);
        assert_eq!(with_jitter(0, 0.7), 0);
        assert_eq!(with_jitter(1, 0.7), 0);
        assert_eq!(with_jitter(u32::MAX, 1.0), u32::MAX);
        assert_eq!(with_jitter(u32::MAX, 0.0), u32::MAX / 2);
    }

    #[test]
    fn a_broken_random_source_is_clamped() {
        assert_eq!(with_jitter(900, f64::NAN), 450);
        assert_eq!(with_jitter(900, -3.0), 450);
        assert_eq!(with_jitter(900, 7.0), 900);
        assert_eq!(with_jitter(900, f64::INFINITY), 900);
        assert_eq!(with_jitter(900, f64::NEG_INFINITY), 450);
    }

    #[test]
    fn grows_with_the_random_value() {
        let mut previous = 0;
        for step in 0..=100 {
            let wait = with_jitter(900, f64::from(step) / 100.0);
            assert!(wait >= previous, "{step}: {wait} < {previous}");
            assert!((450..=900).contains(&wait));
            previous = wait;
        }
    }
}
