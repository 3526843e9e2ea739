//! CORS: the portal's origin (a CDN) is not the API's. Any origin by default, or only the
//! `--cors-origin` values. Requests may carry the key, idempotency and control-token headers;
//! Retry-After is readable by the page. The layer wraps everything, fault and 401 answers too.

use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub fn layer(origins: &[String]) -> CorsLayer {
    let allow_origin = if origins.is_empty() {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            HeaderName::from_static("x-api-key"),
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
            header::AUTHORIZATION,
            crate::control_token::HEADER,
        ])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}
