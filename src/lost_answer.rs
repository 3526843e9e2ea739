//! A change sent to the API whose answer never arrived may still have been made: the server did
//! it, and then the connection dropped, the portal stopped waiting, a gateway gave up, or the
//! answer came back unreadable. Forms of non-idempotent changes (open a dispute, replace a user
//! wallet, regenerate the key) therefore never offer "send again" after such a failure: they
//! first read back what the server now has, and say what it shows.

use lumo_api::ApiError;

/// Whether the server may have made the change although this error came back instead of its
/// answer. A refusal (4xx) or a plain server error (500, 503) means it was not made.
pub fn answer_may_be_lost(error: &ApiError) -> bool {
    match error {
        ApiError::Network { .. } | ApiError::Timeout { .. } => true,
        // A gateway between the portal and the API gave up waiting, or lost the upstream.
        ApiError::Server { status, .. } => matches!(status, 502 | 504),
        // The answer said "done" but its body could not be read.
        ApiError::Decode { status, .. } => (200..300).contains(status),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lumo_api::errors::DecodeKind;

    #[test]
    fn lost_or_unreadable_answers_may_hide_a_change() {
        assert!(answer_may_be_lost(&ApiError::Network {
            detail: "connection reset".into()
        }));
        assert!(answer_may_be_lost(&ApiError::Timeout { seconds: 15 }));
        assert!(answer_may_be_lost(&ApiError::Server {
            status: 504,
            message: None
        }));
        assert!(answer_may_be_lost(&ApiError::Decode {
            status: 201,
            kind: DecodeKind::Malformed,
            detail: String::new()
        }));
    }

    #[test]
    fn refusals_and_plain_server_errors_made_no_change() {
        for error in [
            ApiError::Server {
                status: 500,
                message: None,
            },
            ApiError::Server {
                status: 503,
                message: None,
            },
            ApiError::Conflict { message: None },
            ApiError::Unauthorized { message: None },
            ApiError::Validation {
                messages: vec![],
                by_field: Default::default(),
            },
        ] {
            assert!(!answer_may_be_lost(&error), "{error:?}");
        }
    }
}
