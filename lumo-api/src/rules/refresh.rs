//! One refresh policy for everything that polls (the live rate, open disputes): when to ask
//! again after a success, after a failure, and when the tab or the network comes back.
//!
//! - Delays run from the *start* of the previous attempt (a steady cadence, whatever an answer
//!   took), and never end sooner than [`MIN_GAP_MS`] after its answer.
//! - Success: the next attempt one interval later.
//! - Failure `n` (consecutive): exponential backoff from the interval, `interval × 2^(n-1)`
//!   (1×, 2×, 4×, …), capped at [`MAX_BACKOFF_MS`] (5 min). Only the growth above the interval is jittered (equal jitter, [`with_jitter`]), so a
//!   wait is never shorter than the interval, never longer than the uncapped target, and the wait
//!   after failure `n` is never shorter than the longest possible wait after failure `n - 1`
//!   (until the cap).
//! - A server's `Retry-After` ([`ApiError::RateLimited`], already in seconds: the client reads
//!   HTTP dates against the browser's clock), counted from the answer, is a floor for every
//!   attempt, woken or not, until a request succeeds.
//! - Hidden tab: the driver arms no timer. Visible again: at once if an attempt came due while
//!   hidden or the last one started at least one interval ago; otherwise the schedule goes on
//!   (quick tab switches do not send more). Back online: at once. Both: never before a pending
//!   Retry-After.
//!
//! Times are milliseconds on the caller's clock (`Date.now()` in the portal). Pure; no clock,
//! no randomness of its own: `random` is uniform in `0..1` (`Math.random()`).

use crate::rules::retry::with_jitter;
use crate::ApiError;

/// The longest the backoff grows to (a longer Retry-After is still honoured).
pub const MAX_BACKOFF_MS: u32 = 5 * 60 * 1000;

/// No poller asks more often than this, whatever interval it is given (an interval of 0 would
/// otherwise be a tight loop).
pub const MIN_INTERVAL_MS: u32 = 1000;

/// After an answer, at least this long before the next automatic attempt (an attempt slower
/// than its delay is not followed by another at once).
pub const MIN_GAP_MS: u32 = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefreshPolicy {
    /// The cadence while the API answers.
    pub interval_ms: u32,
    /// The backoff's cap (below the interval, the interval wins).
    pub max_backoff_ms: u32,
}

impl RefreshPolicy {
    /// Every `seconds` while it works, backing off up to [`MAX_BACKOFF_MS`] while it fails.
    pub const fn every_seconds(seconds: u32) -> RefreshPolicy {
        RefreshPolicy {
            interval_ms: seconds.saturating_mul(1000),
            max_backoff_ms: MAX_BACKOFF_MS,
        }
    }

    /// The interval actually used: at least [`MIN_INTERVAL_MS`].
    pub fn interval(&self) -> u32 {
        self.interval_ms.max(MIN_INTERVAL_MS)
    }

    /// The backoff before jitter after `failures` consecutive failures: the interval for 0 or 1,
    /// then doubling, capped at `max_backoff_ms` (never below the interval).
    pub fn backoff_target_ms(&self, failures: u32) -> u32 {
        let interval = self.interval();
        let cap = self.max_backoff_ms.max(interval);
        let doublings = failures.saturating_sub(1);
        // interval < 2^32 and doublings < 32, so the shift stays within u64.
        let target = if doublings >= 32 {
            u64::MAX
        } else {
            u64::from(interval) << doublings
        };
        u32::try_from(target.min(u64::from(cap))).unwrap_or(cap)
    }

    /// The jittered backoff: the interval plus the growth above it, jittered. Lies in
    /// `(interval + target) / 2 ..= target`.
    pub fn backoff_ms(&self, failures: u32, random: f64) -> u32 {
        let interval = self.interval();
        let target = self.backoff_target_ms(failures);
        let growth = target.saturating_sub(interval);
        interval.saturating_add(with_jitter(growth, random))
    }

    /// The delay before the next attempt: the interval after a success (`failures == 0`), the
    /// jittered backoff after a failure, and never less than the last error's Retry-After.
    pub fn delay_ms(&self, failures: u32, last_error: Option<&ApiError>, random: f64) -> u64 {
        let own = if failures == 0 {
            self.interval()
        } else {
            self.backoff_ms(failures, random)
        };
        let floor = last_error.and_then(retry_after_ms).unwrap_or(0);
        u64::from(own).max(floor)
    }
}

/// The wait a server asked for, in milliseconds (`u32::MAX` seconds fits: u64).
pub fn retry_after_ms(error: &ApiError) -> Option<u64> {
    match error {
        ApiError::RateLimited {
            retry_after: Some(seconds),
            ..
        } => Some(u64::from(*seconds) * 1000),
        _ => None,
    }
}

/// Why the driver looks at the schedule outside its timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// The tab became visible again.
    Visible,
    /// The browser came back online.
    Online,
}

/// Where one poller stands: consecutive failures, when the last attempt started, whether it is
/// still in flight, when the next one is due and the Retry-After floor. `next_at` is `None`
/// before the first attempt. While one is in flight nothing is [`due`](RefreshState::due), but
/// `next_at` already holds its successor's time if it succeeds (start to start), so a driver
/// can arm its timer at once and need not wait for the answer to keep the cadence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshState {
    failures: u32,
    started_at: Option<i64>,
    next_at: Option<i64>,
    in_flight: bool,
    /// Retry-After: nothing automatic before this.
    hold_until: Option<i64>,
    /// When `next_at` / `hold_until` were set: a clock set back later never makes a wait longer
    /// than it was planned.
    planned_at: i64,
}

fn add(at: i64, ms: u64) -> i64 {
    at.saturating_add(i64::try_from(ms).unwrap_or(i64::MAX))
}

/// `until - now`, at least 0 and at most what was planned at `planned_at`.
fn remaining(until: i64, now: i64, planned_at: i64) -> u64 {
    let left = until.saturating_sub(now).max(0);
    let planned = until.saturating_sub(planned_at).max(0);
    u64::try_from(left.min(planned)).unwrap_or(0)
}

impl RefreshState {
    /// Nothing scheduled: the first attempt is started by its owner ([`RefreshState::started`]).
    pub fn idle() -> RefreshState {
        RefreshState::default()
    }

    /// The first attempt due at once (the driver sends it when the tab is visible).
    pub fn due_at(now: i64) -> RefreshState {
        RefreshState {
            next_at: Some(now),
            planned_at: now,
            ..RefreshState::default()
        }
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// An attempt (automatic or asked for) starts now: nothing else is due until it settles;
    /// if it succeeds, the next one is one interval after this start.
    pub fn started(&mut self, policy: &RefreshPolicy, now: i64) {
        let hold = self.hold_ms(now);
        self.hold_until = self.hold_until.map(|_| add(now, hold));
        self.started_at = Some(now);
        self.in_flight = true;
        let next = add(now, u64::from(policy.interval())).max(add(now, hold));
        self.next_at = Some(next);
        self.planned_at = now;
    }

    /// An attempt is in flight.
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }

    /// Time for the next attempt: nothing in flight and its time has come.
    pub fn due(&self, now: i64) -> bool {
        !self.in_flight && self.wait_ms(now) == Some(0)
    }

    /// The attempt answered: back to the cadence (one interval after its start, at least
    /// [`MIN_GAP_MS`] after now); a Retry-After is over.
    pub fn succeeded(&mut self, policy: &RefreshPolicy, now: i64) {
        self.in_flight = false;
        self.failures = 0;
        self.hold_until = None;
        let delay = policy.delay_ms(0, None, 0.0);
        self.next_at = Some(self.after_start(delay, now));
        self.planned_at = now;
    }

    /// The attempt failed with `error`: back off (from its start, at least [`MIN_GAP_MS`] after
    /// now), and hold for its Retry-After (from now).
    pub fn failed(&mut self, policy: &RefreshPolicy, now: i64, error: &ApiError, random: f64) {
        self.in_flight = false;
        self.failures = self.failures.saturating_add(1);
        let pending = self.hold_until.filter(|_| self.hold_ms(now) > 0);
        let hold = retry_after_ms(error).map(|ms| add(now, ms));
        self.hold_until = pending.max(hold);
        let delay = policy.backoff_ms(self.failures, random);
        let next = self
            .after_start(u64::from(delay), now)
            .max(self.hold_until.unwrap_or(i64::MIN));
        self.next_at = Some(next);
        self.planned_at = now;
    }

    /// `delay` after the last start (a start in the future counts as now), and at least
    /// [`MIN_GAP_MS`] after `now`.
    fn after_start(&self, delay: u64, now: i64) -> i64 {
        let from = self.started_at.unwrap_or(now).min(now);
        add(from, delay).max(add(now, u64::from(MIN_GAP_MS)))
    }

    /// Milliseconds until the next attempt is due (0: now); `None` before the first attempt.
    /// While one is in flight: until its successor, should it succeed.
    pub fn wait_ms(&self, now: i64) -> Option<u64> {
        self.next_at
            .map(|next| remaining(next, now, self.planned_at))
    }

    /// Milliseconds a server's Retry-After still holds every request back (0: none).
    pub fn hold_ms(&self, now: i64) -> u64 {
        self.hold_until
            .map_or(0, |until| remaining(until, now, self.planned_at))
    }

    /// The tab became visible or the browser came back online: bring the next attempt forward
    /// (never later than it was, never before a pending Retry-After). Nothing changes while an
    /// attempt is in flight or before the first one.
    pub fn wake(&mut self, policy: &RefreshPolicy, now: i64, wake: Wake) {
        if self.in_flight {
            return;
        }
        let Some(wait) = self.wait_ms(now) else {
            return;
        };
        let next = add(now, wait);
        let wanted = match wake {
            Wake::Online => now,
            // At once if the last attempt is an interval old; else the schedule goes on.
            Wake::Visible => {
                let interval = u64::from(policy.interval());
                let stale = self
                    .started_at
                    .is_none_or(|started| add(started.min(now), interval) <= now);
                if stale {
                    now
                } else {
                    next
                }
            }
        };
        let at = wanted.min(next).max(add(now, self.hold_ms(now)));
        if at < next {
            // Keep the Retry-After's own remaining wait while re-planning from now.
            let hold = self.hold_ms(now);
            self.hold_until = self.hold_until.map(|_| add(now, hold));
            self.next_at = Some(at);
            self.planned_at = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: RefreshPolicy = RefreshPolicy::every_seconds(15);
    const DISPUTES: RefreshPolicy = RefreshPolicy::every_seconds(20);

    fn server() -> ApiError {
        ApiError::Server {
            status: 503,
            message: None,
        }
    }

    fn limited(seconds: Option<u32>) -> ApiError {
        ApiError::RateLimited {
            retry_after: seconds,
            message: None,
        }
    }

    #[test]
    fn success_keeps_the_interval() {
        assert_eq!(DISPUTES.delay_ms(0, None, 0.0), 20_000);
        assert_eq!(DISPUTES.delay_ms(0, None, 1.0), 20_000);
        assert_eq!(RATE.delay_ms(0, None, 0.5), 15_000);
    }

    #[test]
    fn failures_double_from_the_interval_up_to_five_minutes() {
        let targets: Vec<u32> = (0..8).map(|n| DISPUTES.backoff_target_ms(n)).collect();
        assert_eq!(
            targets,
            [20_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]
        );
        // With the top of the jitter the delay is the target; with the bottom, the interval
        // plus half the growth.
        assert_eq!(DISPUTES.delay_ms(1, Some(&server()), 1.0), 20_000);
        assert_eq!(DISPUTES.delay_ms(1, Some(&server()), 0.0), 20_000);
        assert_eq!(DISPUTES.delay_ms(2, Some(&server()), 1.0), 40_000);
        assert_eq!(DISPUTES.delay_ms(2, Some(&server()), 0.0), 30_000);
        assert_eq!(DISPUTES.delay_ms(3, Some(&server()), 0.0), 50_000);
        assert_eq!(DISPUTES.delay_ms(5, Some(&server()), 0.0), 160_000);
        assert_eq!(DISPUTES.delay_ms(5, Some(&server()), 1.0), 300_000);
        assert_eq!(RATE.delay_ms(6, Some(&server()), 0.0), 157_500);
        assert_eq!(RATE.delay_ms(40, Some(&server()), 1.0), 300_000);
    }

    #[test]
    fn jitter_never_goes_below_the_interval_or_above_the_target() {
        let randoms = [0.0, 1e-9, 0.25, 0.5, 0.999, 1.0, f64::NAN, -1.0, 9.0];
        for policy in [RATE, DISPUTES, RefreshPolicy::every_seconds(1)] {
            for failures in 0..40 {
                let target = u64::from(policy.backoff_target_ms(failures));
                for random in randoms {
                    let delay = policy.delay_ms(failures, Some(&server()), random);
                    assert!(delay >= u64::from(policy.interval()), "{failures} {random}");
                    assert!(delay <= target, "{failures} {random}: {delay} > {target}");
                    assert!(delay <= u64::from(MAX_BACKOFF_MS));
                    assert!(delay * 2 >= target + u64::from(policy.interval()));
                }
            }
        }
    }

    #[test]
    fn the_wait_never_shrinks_from_one_failure_to_the_next_before_the_cap() {
        for policy in [RATE, DISPUTES] {
            for failures in 2..10 {
                if policy.backoff_target_ms(failures) == MAX_BACKOFF_MS {
                    break;
                }
                let shortest_now = policy.delay_ms(failures, Some(&server()), 0.0);
                let longest_before = policy.delay_ms(failures - 1, Some(&server()), 1.0);
                assert!(shortest_now >= longest_before, "{failures}");
            }
        }
    }

    #[test]
    fn retry_after_is_a_floor_never_jittered_below() {
        for random in [0.0, 0.5, 1.0] {
            assert_eq!(
                DISPUTES.delay_ms(1, Some(&limited(Some(30))), random),
                30_000
            );
            assert_eq!(
                DISPUTES.delay_ms(1, Some(&limited(Some(3600))), random),
                3_600_000
            );
        }
        // A short Retry-After does not shorten the backoff.
        assert_eq!(DISPUTES.delay_ms(3, Some(&limited(Some(1))), 1.0), 80_000);
        assert_eq!(DISPUTES.delay_ms(1, Some(&limited(Some(0))), 1.0), 20_000);
        // No wait given: the backoff alone.
        assert_eq!(DISPUTES.delay_ms(2, Some(&limited(None)), 1.0), 40_000);
        // Even on a success count (an odd call) the floor holds.
        assert_eq!(DISPUTES.delay_ms(0, Some(&limited(Some(45))), 0.0), 45_000);
    }

    #[test]
    fn absurd_values_neither_panic_nor_overflow() {
        let huge = limited(Some(u32::MAX));
        assert_eq!(
            DISPUTES.delay_ms(u32::MAX, Some(&huge), f64::NAN),
            u64::from(u32::MAX) * 1000
        );
        assert_eq!(DISPUTES.backoff_target_ms(u32::MAX), MAX_BACKOFF_MS);
        let zero = RefreshPolicy {
            interval_ms: 0,
            max_backoff_ms: 0,
        };
        assert_eq!(zero.delay_ms(0, None, 0.0), u64::from(MIN_INTERVAL_MS));
        assert_eq!(
            zero.delay_ms(u32::MAX, None, 1.0),
            u64::from(MIN_INTERVAL_MS)
        );
        let wide = RefreshPolicy {
            interval_ms: u32::MAX,
            max_backoff_ms: u32::MAX,
        };
        assert_eq!(wide.delay_ms(0, None, 0.0), u64::from(u32::MAX));
        assert_eq!(wide.delay_ms(u32::MAX, None, 1.0), u64::from(u32::MAX));
        // A cap below the interval: the interval wins.
        let capped = RefreshPolicy {
            interval_ms: 600_000,
            max_backoff_ms: 1,
        };
        assert_eq!(capped.delay_ms(7, Some(&server()), 1.0), 600_000);
        assert_eq!(RefreshPolicy::every_seconds(u32::MAX).interval_ms, u32::MAX);

        let mut state = RefreshState::due_at(i64::MAX - 5);
        state.started(&DISPUTES, i64::MAX - 5);
        state.failed(&DISPUTES, i64::MAX - 1, &huge, 0.5);
        assert_eq!(state.wait_ms(i64::MAX - 1), Some(1));
        state.wake(&DISPUTES, i64::MAX, Wake::Online);
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, i64::MIN);
        state.succeeded(&DISPUTES, i64::MIN);
        assert_eq!(state.wait_ms(i64::MIN), Some(20_000));
        let mut state = RefreshState::idle();
        for _ in 0..100 {
            state.started(&DISPUTES, 0);
            state.failed(&DISPUTES, 0, &huge, 1.0);
        }
        assert_eq!(state.hold_ms(0), u64::from(u32::MAX) * 1000);
        assert_eq!(state.failures(), 100);
    }

    #[test]
    fn a_sequence_of_failures_then_a_success() {
        let mut state = RefreshState::due_at(0);
        assert_eq!(state.wait_ms(0), Some(0));
        let mut now = 0;
        let mut waits = vec![];
        for _ in 0..7 {
            state.started(&DISPUTES, now);
            assert!(state.in_flight());
            assert!(!state.due(now + 1_000_000), "nothing due while in flight");
            now += 100;
            state.failed(&DISPUTES, now, &server(), 1.0);
            let wait = state.wait_ms(now).unwrap_or(0);
            waits.push(wait);
            now += i64::try_from(wait).unwrap_or(0);
        }
        // From each start; the answers took 100 ms.
        assert_eq!(
            waits,
            [19_900, 39_900, 79_900, 159_900, 299_900, 299_900, 299_900]
        );
        assert_eq!(state.failures(), 7);
        state.started(&DISPUTES, now);
        state.succeeded(&DISPUTES, now + 250);
        assert_eq!(state.failures(), 0);
        // Start to start: 250 ms of the interval already spent in flight.
        assert_eq!(state.wait_ms(now + 250), Some(19_750));
    }

    #[test]
    fn a_slow_answer_is_not_followed_by_another_at_once() {
        let mut state = RefreshState::idle();
        state.started(&RATE, 0);
        state.succeeded(&RATE, 40_000);
        assert_eq!(state.wait_ms(40_000), Some(u64::from(MIN_GAP_MS)));
        // A failure that took its whole delay (a timeout): soon, not at once.
        let mut state = RefreshState::idle();
        state.started(&RATE, 0);
        state.failed(&RATE, 15_000, &ApiError::Timeout { seconds: 15 }, 1.0);
        assert_eq!(state.wait_ms(15_000), Some(u64::from(MIN_GAP_MS)));
        state.started(&RATE, 16_000);
        state.failed(&RATE, 31_000, &ApiError::Timeout { seconds: 15 }, 1.0);
        assert_eq!(state.wait_ms(31_000), Some(15_000));
    }

    #[test]
    fn nothing_is_due_before_retry_after() {
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, 1_000);
        state.failed(&DISPUTES, 1_050, &limited(Some(30)), 0.0);
        assert_eq!(state.hold_ms(1_050), 30_000);
        assert_eq!(state.wait_ms(1_050), Some(30_000));
        assert_eq!(state.wait_ms(31_049), Some(1));
        assert_eq!(state.wait_ms(31_050), Some(0));
        assert_eq!(state.hold_ms(31_050), 0);
        // The next failure without a Retry-After keeps the pending floor.
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, 0);
        state.failed(&DISPUTES, 0, &limited(Some(120)), 0.0);
        state.started(&DISPUTES, 10_000);
        state.failed(&DISPUTES, 10_000, &server(), 1.0);
        assert_eq!(state.hold_ms(10_000), 110_000);
        assert_eq!(state.wait_ms(10_000), Some(110_000));
        // A success ends it.
        state.started(&DISPUTES, 120_000);
        state.succeeded(&DISPUTES, 120_000);
        assert_eq!(state.hold_ms(120_000), 0);
    }

    #[test]
    fn waking_never_fires_before_retry_after() {
        for wake in [Wake::Visible, Wake::Online] {
            let mut state = RefreshState::idle();
            state.started(&DISPUTES, 0);
            state.failed(&DISPUTES, 0, &limited(Some(30)), 0.0);
            state.wake(&DISPUTES, 25_000, wake);
            assert_eq!(state.wait_ms(25_000), Some(5_000), "{wake:?}");
            state.wake(&DISPUTES, 40_000, wake);
            assert_eq!(state.wait_ms(40_000), Some(0), "{wake:?}");
        }
        // A Retry-After longer than the backoff, woken early: held to the Retry-After.
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, 0);
        state.failed(&DISPUTES, 0, &limited(Some(u32::MAX)), 0.0);
        state.wake(&DISPUTES, 60_000, Wake::Online);
        assert_eq!(
            state.wait_ms(60_000),
            Some(u64::from(u32::MAX) * 1000 - 60_000)
        );
    }

    #[test]
    fn back_online_refreshes_at_once_even_while_backing_off() {
        let mut state = RefreshState::idle();
        for _ in 0..4 {
            state.started(&DISPUTES, 0);
            state.failed(&DISPUTES, 0, &server(), 1.0);
        }
        assert_eq!(state.wait_ms(1_000), Some(159_000));
        state.wake(&DISPUTES, 1_000, Wake::Online);
        assert_eq!(state.wait_ms(1_000), Some(0));
    }

    #[test]
    fn visible_again_refreshes_at_once_once_an_interval_has_passed() {
        // Hidden past the due time: at once.
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, 0);
        state.succeeded(&RATE, 100);
        state.wake(&RATE, 60_000, Wake::Visible);
        assert_eq!(state.wait_ms(60_000), Some(0));
        // A quick switch: the schedule goes on.
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, 0);
        state.succeeded(&RATE, 100);
        state.wake(&RATE, 5_000, Wake::Visible);
        assert_eq!(state.wait_ms(5_000), Some(10_000));
        // Backing off, and the last attempt an interval old: one attempt now.
        let mut state = RefreshState::idle();
        for _ in 0..3 {
            state.started(&DISPUTES, 0);
            state.failed(&DISPUTES, 0, &server(), 1.0);
        }
        state.wake(&DISPUTES, 21_000, Wake::Visible);
        assert_eq!(state.wait_ms(21_000), Some(0));
        // Backing off, attempt just made: keeps backing off.
        let mut state = RefreshState::idle();
        state.started(&DISPUTES, 0);
        state.failed(&DISPUTES, 0, &server(), 1.0);
        state.started(&DISPUTES, 20_000);
        state.failed(&DISPUTES, 20_000, &server(), 1.0);
        state.wake(&DISPUTES, 25_000, Wake::Visible);
        assert_eq!(state.wait_ms(25_000), Some(35_000));
    }

    #[test]
    fn waking_changes_nothing_while_in_flight_or_before_the_first_attempt() {
        let mut state = RefreshState::idle();
        state.wake(&RATE, 1_000, Wake::Online);
        assert_eq!(state.wait_ms(1_000), None);
        state.started(&RATE, 1_000);
        state.wake(&RATE, 20_000, Wake::Visible);
        state.wake(&RATE, 20_000, Wake::Online);
        assert!(!state.due(20_000));
        // Its successor, if it succeeds: one interval after the start.
        assert_eq!(state.wait_ms(2_000), Some(14_000));
        state.succeeded(&RATE, 2_000);
        assert_eq!(state.wait_ms(2_000), Some(14_000));
        assert!(!state.due(15_999));
        assert!(state.due(16_000));
    }

    #[test]
    fn a_clock_set_back_never_stretches_a_wait() {
        let mut state = RefreshState::idle();
        state.started(&RATE, 10_000_000);
        state.succeeded(&RATE, 10_000_000);
        // The clock jumps back an hour: still at most the planned 15 s.
        assert_eq!(state.wait_ms(10_000_000 - 3_600_000), Some(15_000));
        let mut state = RefreshState::idle();
        state.started(&RATE, 10_000_000);
        state.failed(&RATE, 10_000_000, &limited(Some(30)), 0.0);
        assert_eq!(state.hold_ms(0), 30_000);
        // Forward: due at once.
        assert_eq!(state.wait_ms(i64::MAX), Some(0));
    }
}
