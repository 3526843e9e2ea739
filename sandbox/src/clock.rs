//! The sandbox clock: real time plus an offset that `/_sandbox/clock/advance` moves forward.
//!
//! Everything time-dependent (quote expiry, order settlement, dispute progression, deposit
//! confirmation, the rate's drift) reads [`Clock::now`], so a test can jump ahead instead of
//! sleeping.

use chrono::{DateTime, Duration, SubsecRound, Utc};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    /// Milliseconds precision, like the JavaScript service's timestamps.
    pub fn now(&self) -> DateTime<Utc> {
        (Utc::now() + self.offset).trunc_subsecs(3)
    }

    /// Moves the clock forward (never backwards: negative values are ignored by the caller).
    pub fn advance(&mut self, by: Duration) {
        self.offset += by;
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
        c.advance(Duration::seconds(3600));
        assert!(c.now() - before >= Duration::seconds(3600));
        assert_eq!(c.offset_seconds(), 3600);
    }
}
