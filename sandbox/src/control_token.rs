//! The optional shared secret of the control routes (`--control-token T` or
//! `LUMO_SANDBOX_CONTROL_TOKEN`).
//!
//! When set, every request whose path is `/_sandbox` or under `/_sandbox/` (known route or not)
//! must carry `X-Sandbox-Token: T`, else 401 with a NestJS body; nothing runs. The API routes
//! never look at it. CORS preflights are answered by the CORS layer outside this one and allow
//! the header. The comparison takes the same time wherever the values differ.

use axum::{
    extract::{Request, State},
    http::HeaderName,
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use crate::{errors::ApiError, state::AppState};

pub const HEADER: HeaderName = HeaderName::from_static("x-sandbox-token");
pub const ENV_VAR: &str = "LUMO_SANDBOX_CONTROL_TOKEN";
pub const MAX_LEN: usize = 256;

/// A usable token: 1 to [`MAX_LEN`] visible ASCII characters (what a header value can carry).
pub fn validate(token: &str) -> Result<(), String> {
    if token.is_empty() || token.len() > MAX_LEN || !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "the control token must be 1 to {MAX_LEN} visible ASCII characters (no spaces)"
        ));
    }
    Ok(())
}

fn is_control_path(path: &str) -> bool {
    path == "/_sandbox" || path.starts_with("/_sandbox/")
}

/// Equality in constant time for any lengths: both sides are hashed to 32 bytes, then the
/// digests are compared with an xor fold (no early exit).
pub fn same(given: &[u8], expected: &[u8]) -> bool {
    let (a, b) = (Sha256::digest(given), Sha256::digest(expected));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// The middleware around the whole application (inside CORS).
pub async fn require(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(expected) = state.config().control_token.as_deref() else {
        return next.run(req).await;
    };
    if !is_control_path(req.uri().path()) {
        return next.run(req).await;
    }
    match req.headers().get(&HEADER) {
        None => ApiError::unauthorized("X-Sandbox-Token header is required").into_response(),
        Some(given) if same(given.as_bytes(), expected.as_bytes()) => next.run(req).await,
        Some(_) => ApiError::unauthorized("Invalid X-Sandbox-Token").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_and_paths() {
        assert!(same(b"s3cret", b"s3cret"));
        assert!(!same(b"s3cret", b"s3creT"));
        assert!(!same(b"s3cret", b"s3cret-longer"));
        assert!(!same(b"", b"s3cret"));
        assert!(is_control_path("/_sandbox"));
        assert!(is_control_path("/_sandbox/reset"));
        assert!(is_control_path("/_sandbox/nope/deeper"));
        assert!(!is_control_path("/_sandboxes"));
        assert!(!is_control_path("/orders"));
    }

    #[test]
    fn validation() {
        assert!(validate("tok-123_ABC.~").is_ok());
        assert!(validate(&"a".repeat(MAX_LEN)).is_ok());
        for bad in ["", "a b", "tok\n", "t\u{e9}", &"a".repeat(MAX_LEN + 1)] {
            assert!(validate(bad).is_err(), "{bad:?}");
        }
    }
}
