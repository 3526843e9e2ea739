//! The fault rules as data: what `POST /_sandbox/faults` stores and `GET /_sandbox/faults`
//! lists, how a rule is parsed from and written back to its spec, which request it matches and
//! how its count goes down. No HTTP here; the middleware that applies a rule is
//! [`crate::faults`], and the list lives in the application state ([`crate::state`]).

use serde::Serialize;

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
