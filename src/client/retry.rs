//! When to retry a request automatically, and how long to wait first. Pure; tested natively.

use lumo_api::rules::retry::with_jitter;
use lumo_api::ApiError;

/// At most this many automatic retries after the first attempt.
pub const MAX_RETRIES: u32 = 2;
/// Wait before retry 1, 2, … when the server gave no Retry-After (before jitter: each wait is
/// between half of this and all of it, so clients that failed together come back apart).
pub const BACKOFF_MS: [u32; 2] = [300, 900];
/// A Retry-After longer than this is not waited out automatically: the error is shown instead,
/// with the wait, and the user decides.
pub const RETRY_AFTER_CAP_MS: u32 = 10_000;

/// The wait before retry number `retry` (0 for the first retry), or `None` to stop and report.
/// `random` is uniform in `0..1` (`Math.random()`): it spreads the backoff, never a server's
/// Retry-After, which is a floor.
///
/// Only for requests that are safe to repeat (the caller checks `is_retry_safe`). Retried: no
/// answer at all (network), 5xx, and 429. Not retried: timeouts (the user already waited the
/// whole timeout once) and every other answer.
pub fn delay_before_retry(retry: u32, error: &ApiError, random: f64) -> Option<u32> {
    if retry >= MAX_RETRIES {
        return None;
    }
    let base = BACKOFF_MS
        .get(retry as usize)
        .copied()
        .unwrap_or(BACKOFF_MS[BACKOFF_MS.len() - 1]);
    let backoff = with_jitter(base, random);
    match error {
        ApiError::Network { .. } | ApiError::Server { .. } => Some(backoff),
        ApiError::RateLimited { retry_after, .. } => match retry_after {
            Some(seconds) => {
                let wait = seconds.saturating_mul(1000);
                (wait <= RETRY_AFTER_CAP_MS).then_some(wait.max(backoff))
            }
            None => Some(backoff),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limited(retry_after: Option<u32>) -> ApiError {
        ApiError::RateLimited {
            retry_after,
            message: None,
        }
    }

    #[test]
    fn backs_off_on_transient_failures() {
        let network = ApiError::Network { detail: "x".into() };
        assert_eq!(delay_before_retry(0, &network, 1.0), Some(300));
        assert_eq!(delay_before_retry(1, &network, 1.0), Some(900));
        assert_eq!(delay_before_retry(2, &network, 1.0), None);
        let server = ApiError::Server {
            status: 502,
            message: None,
        };
        assert_eq!(delay_before_retry(0, &server, 1.0), Some(300));
    }

    #[test]
    fn the_backoff_is_spread_between_half_and_all_of_it() {
        let network = ApiError::Network { detail: "x".into() };
        assert_eq!(delay_before_retry(0, &network, 0.0), Some(150));
        assert_eq!(delay_before_retry(0, &network, 0.5), Some(225));
        assert_eq!(delay_before_retry(1, &network, 0.0), Some(450));
        for random in [0.0, 0.1, 0.37, 0.99, 1.0, f64::NAN, -3.0, 7.0] {
            let wait = delay_before_retry(1, &network, random).unwrap_or(0);
            assert!((450..=900).contains(&wait), "{random}: {wait}");
        }
    }

    #[test]
    fn retry_after_is_a_floor_that_jitter_never_shortens() {
        assert_eq!(delay_before_retry(0, &limited(Some(2)), 0.0), Some(2000));
        assert_eq!(delay_before_retry(1, &limited(Some(1)), 0.0), Some(1000));
    }

    #[test]
    fn honours_retry_after_up_to_the_cap() {
        assert_eq!(delay_before_retry(0, &limited(Some(2)), 1.0), Some(2000));
        assert_eq!(delay_before_retry(0, &limited(Some(0)), 1.0), Some(300));
        assert_eq!(delay_before_retry(0, &limited(None), 1.0), Some(300));
        assert_eq!(delay_before_retry(0, &limited(Some(11)), 1.0), None);
        assert_eq!(delay_before_retry(0, &limited(Some(u32::MAX)), 1.0), None);
    }

    #[test]
    fn never_retries_answers_that_will_not_change() {
        for error in [
            ApiError::Unauthorized { message: None },
            ApiError::NotFound { message: None },
            ApiError::Conflict { message: None },
            ApiError::Timeout { seconds: 15 },
            ApiError::Validation {
                messages: vec![],
                by_field: Default::default(),
            },
        ] {
            assert_eq!(delay_before_retry(0, &error, 0.5), None, "{error:?}");
        }
    }
}
