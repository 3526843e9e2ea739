//! Fault injection for the API routes (never the control routes).
//!
//! `POST /_sandbox/faults {"method"?:"GET","path":"/orders","fault":F,"times"?:n}` where F is
//! - `status:N` (any 4xx/5xx, with a NestJS body) or `status:429:retry-after=S` (adds Retry-After),
//! - `latency:MS` (wait, then serve normally),
//! - `malformed` (200 with a truncated JSON body),
//! - `wrong-shape` (200 with `{"unexpected":true}`),
//! - `drop` (the connection is closed without a response),
//! - `drop-after` (the request is handled and its effect kept, e.g. an order really is created;
//!   then the connection is closed without sending the answer),
//! - `delay-after:MS` (the request is handled and its effect kept; the answer is sent MS ms
//!   later, so a client with a shorter timeout gives up although the work was done),
//! - `redirect:LOCATION` (307 with `Location: LOCATION`, everything after the first
//!   `redirect:`, visible ASCII; the handler does not run).
//!
//! Fault responses pass through the CORS layer like any other answer (it wraps this
//! middleware), so a cross-origin page can read them.
//!
//! `path` matches the request path exactly, or as a prefix when it ends with `*`. The first
//! matching fault applies; each application decrements `times` (default: unlimited).
//!
//! The rules themselves (parsing, matching, counting) are data in [`crate::fault_rule`]; this
//! module is the middleware that applies them.

use std::time::Duration;

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub use crate::fault_rule::{take, Fault, FaultKind, FaultView, MAX_DELAY_MS, MAX_LOCATION_LEN};
use crate::{conn::KillSwitch, errors::ApiError, state::AppState};

/// The middleware in front of the API routes.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let fault = {
        let mut faults = state.faults();
        if faults.is_empty() {
            None
        } else {
            take(&mut faults, req.method().as_str(), req.uri().path())
        }
    };
    let Some(kind) = fault else {
        return next.run(req).await;
    };
    match kind {
        FaultKind::Latency { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(req).await
        }
        FaultKind::DelayAfter { ms } => {
            let resp = next.run(req).await;
            tokio::time::sleep(Duration::from_millis(ms)).await;
            resp
        }
        FaultKind::Status { code, retry_after } => status_response(code, retry_after),
        FaultKind::Malformed => {
            json_text(r#"{"id":"3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b","status":"in_pro"#)
        }
        FaultKind::WrongShape => json_text(r#"{"unexpected":true}"#),
        FaultKind::Redirect { location } => redirect(&location),
        FaultKind::Drop => {
            let switch = kill_switch(&req);
            drop_connection(switch)
        }
        FaultKind::DropAfter => {
            let switch = kill_switch(&req);
            // The handler's work (and its lock on the state) is done before the cut.
            let _handled = next.run(req).await;
            drop_connection(switch)
        }
    }
}

fn status_response(code: u16, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let message = if code == 429 {
        "Too many requests".to_string()
    } else {
        format!("Injected fault: {}", crate::errors::reason_phrase(status))
    };
    let mut err = ApiError::new(status, message);
    err.retry_after = retry_after;
    err.into_response()
}

/// 307 to `location`, empty body. The parser only admits visible ASCII, a valid header value.
fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut resp = StatusCode::TEMPORARY_REDIRECT.into_response();
            resp.headers_mut().insert(header::LOCATION, value);
            resp
        }
        Err(_) => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Injected redirect has an invalid location",
        )
        .into_response(),
    }
}

fn kill_switch(req: &Request) -> Option<KillSwitch> {
    req.extensions()
        .get::<ConnectInfo<KillSwitch>>()
        .map(|ConnectInfo(switch)| switch.clone())
}

/// Closes the connection without an answer.
fn drop_connection(switch: Option<KillSwitch>) -> Response {
    match switch {
        Some(switch) => switch.kill(),
        // Served without the killable listener (in-process `oneshot`): unwind the
        // connection task instead, without running the panic hook.
        None => std::panic::resume_unwind(Box::new("sandbox drop fault")),
    }
    // Never written: the connection fails on the first write.
    StatusCode::NO_CONTENT.into_response()
}

fn json_text(body: &'static str) -> Response {
    let mut resp = (StatusCode::OK, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind() {
        assert_eq!(
            FaultKind::parse("status:503").unwrap(),
            FaultKind::Status {
                code: 503,
                retry_after: None
            }
        );
        assert_eq!(
            FaultKind::parse("status:429:retry-after=2").unwrap(),
            FaultKind::Status {
                code: 429,
                retry_after: Some(2)
            }
        );
        assert_eq!(
            FaultKind::parse("latency:2000").unwrap(),
            FaultKind::Latency { ms: 2000 }
        );
        assert_eq!(FaultKind::parse("malformed").unwrap(), FaultKind::Malformed);
        assert_eq!(
            FaultKind::parse("wrong-shape").unwrap(),
            FaultKind::WrongShape
        );
        assert_eq!(FaultKind::parse("drop").unwrap(), FaultKind::Drop);
        assert_eq!(
            FaultKind::parse("drop-after").unwrap(),
            FaultKind::DropAfter
        );
        assert_eq!(
            FaultKind::parse("delay-after:120000").unwrap(),
            FaultKind::DelayAfter { ms: 120_000 }
        );
        assert_eq!(
            FaultKind::parse(" redirect:http://127.0.0.1:9/x?a=b:c").unwrap(),
            FaultKind::Redirect {
                location: "http://127.0.0.1:9/x?a=b:c".into()
            }
        );
        assert_eq!(
            FaultKind::parse("redirect:redirect:/x").unwrap(),
            FaultKind::Redirect {
                location: "redirect:/x".into()
            }
        );
        let long = format!("redirect:/{}", "a".repeat(MAX_LOCATION_LEN));
        for bad in [
            "delay-after",
            "delay-after:x",
            "delay-after:-1",
            "delay-after:120001",
            "latency:120001",
            "drop-after:5",
            "redirect:",
            "redirect",
            "redirect:/a b",
            "redirect:/a ",
            "redirect:/a\r\nSet-Cookie:x=1",
            "redirect:/a\n",
            "redirect:/\u{e9}",
            "redirect:/a\tb",
            long.as_str(),
            "status:200",
            "status:abc",
            "latency:x",
            "nope",
            "status:429:ra=2",
            "",
        ] {
            assert!(FaultKind::parse(bad).is_err(), "{bad}");
        }
        let listed = FaultKind::parse("explode").unwrap_err();
        for kind in ["drop-after", "delay-after:<ms>", "redirect:<location>"] {
            assert!(listed.contains(kind), "{listed}");
        }
        for spec in [
            "status:503",
            "status:429:retry-after=2",
            "latency:5",
            "drop",
            "drop-after",
            "delay-after:250",
            "redirect:http://127.0.0.1:9/x",
            "malformed",
            "wrong-shape",
        ] {
            assert_eq!(FaultKind::parse(spec).unwrap().spec(), spec);
        }
    }

    #[test]
    fn matching_and_counting() {
        let mut faults = vec![
            Fault {
                method: Some("GET".into()),
                path: "/orders".into(),
                kind: FaultKind::Drop,
                remaining: Some(2),
            },
            Fault {
                method: None,
                path: "/user-wallets*".into(),
                kind: FaultKind::Malformed,
                remaining: None,
            },
        ];
        assert_eq!(take(&mut faults, "POST", "/orders"), None);
        assert_eq!(take(&mut faults, "GET", "/orders/x"), None);
        assert_eq!(take(&mut faults, "GET", "/orders"), Some(FaultKind::Drop));
        assert_eq!(take(&mut faults, "GET", "/orders"), Some(FaultKind::Drop));
        assert_eq!(take(&mut faults, "GET", "/orders"), None);
        assert_eq!(
            take(&mut faults, "PATCH", "/user-wallets/a/replace"),
            Some(FaultKind::Malformed)
        );
        assert_eq!(faults.len(), 1);
    }
}
