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

use std::time::Duration;

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::{conn::KillSwitch, errors::ApiError, state::AppState};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    Status { code: u16, retry_after: Option<u64> },
    Latency { ms: u64 },
    Malformed,
    WrongShape,
    Drop,
    DropAfter,
    DelayAfter { ms: u64 },
    Redirect { location: String },
}

/// The longest `latency:` / `delay-after:` wait.
pub const MAX_DELAY_MS: u64 = 120_000;
/// The longest `redirect:` location.
pub const MAX_LOCATION_LEN: usize = 2048;

fn delay_ms(kind: &str, ms: &str, bad: impl Fn() -> String) -> Result<u64, String> {
    let ms: u64 = ms.parse().map_err(|_| bad())?;
    if ms > MAX_DELAY_MS {
        return Err(format!("{kind} must not be greater than {MAX_DELAY_MS} ms"));
    }
    Ok(ms)
}

fn redirect_location(location: &str) -> Result<String, String> {
    if location.is_empty()
        || location.len() > MAX_LOCATION_LEN
        || !location.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(format!(
            "redirect location must be 1 to {MAX_LOCATION_LEN} visible ASCII characters (no spaces, CR or LF)"
        ));
    }
    Ok(location.to_string())
}

impl FaultKind {
    pub fn parse(spec: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "fault must be one of status:<400-599>[:retry-after=<seconds>], latency:<ms>, malformed, wrong-shape, drop, drop-after, delay-after:<ms>, redirect:<location> (got \"{spec}\")"
            )
        };
        // The location is taken as is (not trimmed): a trailing CR/LF is an error, not dropped.
        if let Some(location) = spec.trim_start().strip_prefix("redirect:") {
            return Ok(FaultKind::Redirect {
                location: redirect_location(location)?,
            });
        }
        let parts: Vec<&str> = spec.trim().split(':').collect();
        match parts.as_slice() {
            ["malformed"] => Ok(FaultKind::Malformed),
            ["wrong-shape"] => Ok(FaultKind::WrongShape),
            ["drop"] => Ok(FaultKind::Drop),
            ["drop-after"] => Ok(FaultKind::DropAfter),
            ["latency", ms] => Ok(FaultKind::Latency {
                ms: delay_ms("latency", ms, bad)?,
            }),
            ["delay-after", ms] => Ok(FaultKind::DelayAfter {
                ms: delay_ms("delay-after", ms, bad)?,
            }),
            ["status", code, rest @ ..] => {
                let code: u16 = code.parse().map_err(|_| bad())?;
                if !(400..=599).contains(&code) {
                    return Err(bad());
                }
                let retry_after = match rest {
                    [] => None,
                    [ra] => Some(
                        ra.strip_prefix("retry-after=")
                            .and_then(|s| s.parse::<u64>().ok())
                            .ok_or_else(bad)?,
                    ),
                    _ => return Err(bad()),
                };
                Ok(FaultKind::Status { code, retry_after })
            }
            _ => Err(bad()),
        }
    }

    pub fn spec(&self) -> String {
        match self {
            FaultKind::Status {
                code,
                retry_after: None,
            } => format!("status:{code}"),
            FaultKind::Status {
                code,
                retry_after: Some(s),
            } => {
                format!("status:{code}:retry-after={s}")
            }
            FaultKind::Latency { ms } => format!("latency:{ms}"),
            FaultKind::Malformed => "malformed".into(),
            FaultKind::WrongShape => "wrong-shape".into(),
            FaultKind::Drop => "drop".into(),
            FaultKind::DropAfter => "drop-after".into(),
            FaultKind::DelayAfter { ms } => format!("delay-after:{ms}"),
            FaultKind::Redirect { location } => format!("redirect:{location}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Fault {
    /// Upper-case HTTP method, or any method.
    pub method: Option<String>,
    pub path: String,
    pub kind: FaultKind,
    /// Applications left; `None` is unlimited.
    pub remaining: Option<u64>,
}

/// How a fault is listed by `GET /_sandbox/faults`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultView {
    pub method: Option<String>,
    pub path: String,
    pub fault: String,
    pub times: Option<u64>,
}

impl Fault {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        method_ok && path_ok
    }

    pub fn view(&self) -> FaultView {
        FaultView {
            method: self.method.clone(),
            path: self.path.clone(),
            fault: self.kind.spec(),
            times: self.remaining,
        }
    }
}

/// The first fault matching the request, consumed once.
pub fn take(faults: &mut Vec<Fault>, method: &str, path: &str) -> Option<FaultKind> {
    let i = faults.iter().position(|f| f.matches(method, path))?;
    let kind = faults[i].kind.clone();
    if let Some(n) = faults[i].remaining.as_mut() {
        *n = n.saturating_sub(1);
        if *n == 0 {
            faults.remove(i);
        }
    }
    Some(kind)
}

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
