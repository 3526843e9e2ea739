//! The sandbox clock: real time plus an offset that `/_sandbox/clock/advance` moves forward.
//!
//! Everything time-dependent (quote expiry, order settlement, dispute progression, deposit
//! confirmation, the rate's drift) reads [`Clock::now`], so a test can jump ahead instead of
//! sleeping.
//!
//! The offset never exceeds [`MAX_OFFSET_SECONDS`] (100 years): far from chrono's limits, so
//! `now` and every date derived from it (payment windows, the seed's 400-day-old dates) stay
//! representable and four-digit-year RFC 3339.

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};

/// The largest total offset: 100 years of 366 days.
pub const MAX_OFFSET_SECONDS: i64 = 100 * 366 * 86_400;

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset: TimeDelta,
}

impl Clock {
    /// Milliseconds precision, like the JavaScript service's timestamps.
    pub fn now(&self) -> DateTime<Utc> {
        // The offset is bounded by `advance`, so the fallback is never taken.
        Utc::now()
            .checked_add_signed(self.offset)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
            .trunc_subsecs(3)
    }

    /// Moves the clock forward by `seconds` (>= 0), or explains why not, leaving it unchanged:
    /// a negative amount, or a total offset beyond [`MAX_OFFSET_SECONDS`].
    pub fn advance_seconds(&mut self, seconds: i64) -> Result<(), String> {
        if seconds < 0 {
            return Err("seconds must not be less than 0".into());
        }
        let too_far = || {
            format!(
                "the clock cannot be advanced that far: the offset would exceed {MAX_OFFSET_SECONDS} seconds (100 years); it is {} seconds now (POST /_sandbox/reset sets it back to 0)",
                self.offset_seconds()
            )
        };
        let by = TimeDelta::try_seconds(seconds).ok_or_else(too_far)?;
        let offset = self.offset.checked_add(&by).ok_or_else(too_far)?;
        if offset.num_seconds() > MAX_OFFSET_SECONDS
            || Utc::now().checked_add_signed(offset).is_none()
        {
            return Err(too_far());
        }
        self.offset = offset;
        Ok(())
    }

    pub fn offset_seconds(&self) -> i64 {
        self.offset.num_seconds()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_now() {
        let mut c = Clock::default();
        let before = c.now();
        c.advance_seconds(3600).unwrap();
        assert!(c.now() - before >= TimeDelta::seconds(3600));
        assert_eq!(c.offset_seconds(), 3600);
    }

    #[test]
    fn advance_is_bounded_and_never_panics() {
        let mut c = Clock::default();
        for bad in [-1, i64::MIN, i64::MAX, MAX_OFFSET_SECONDS + 1] {
            assert!(c.advance_seconds(bad).is_err(), "{bad}");
            assert_eq!(c.offset_seconds(), 0, "unchanged after {bad}");
        }
        c.advance_seconds(MAX_OFFSET_SECONDS).unwrap();
        let err = c.advance_seconds(1).unwrap_err();
        assert!(err.contains("cannot be advanced"), "{err}");
        assert_eq!(c.offset_seconds(), MAX_OFFSET_SECONDS);
        c.advance_seconds(0).unwrap();
        assert!(c.now() > Utc::now());
    }
}
