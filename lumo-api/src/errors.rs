//! Typed API errors and the one place that turns a status and a body into a value.
//!
//! Nothing here panics: any status, any body (empty, HTML from a proxy, truncated JSON, JSON of
//! the wrong shape) becomes either the decoded value or a specific [`ApiError`].

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

mod retry_after;

pub use retry_after::{parse_retry_after, retry_after_seconds};

/// Why a body could not be turned into the expected value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeKind {
    /// The body was empty where JSON was expected.
    Empty,
    /// The body was not JSON at all (an HTML page from a proxy, plain text).
    NotJson,
    /// The body started as JSON but was cut off or broken.
    Malformed,
    /// Valid JSON, but not of the expected shape.
    WrongShape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// 400: what is wrong, one line per problem, and the same lines grouped by the field they name.
    Validation {
        messages: Vec<String>,
        by_field: BTreeMap<String, Vec<String>>,
    },
    /// 401: the key is missing, unknown or was rotated; or wrong e-mail/password on login.
    Unauthorized { message: Option<String> },
    /// 403: inactive company or an address not on the allowlist.
    Forbidden { message: Option<String> },
    /// 404: no such resource in this company, or an operation this deployment lacks.
    NotFound { message: Option<String> },
    /// 405: the deployment does not offer this operation.
    MethodNotAllowed { message: Option<String> },
    /// 409: the request conflicts with the current state.
    Conflict { message: Option<String> },
    /// 429: rate limited; retry after this many seconds when the server said (see
    /// [`retry_after_seconds`]; `u32::MAX` for an absurdly long wait).
    RateLimited {
        retry_after: Option<u32>,
        message: Option<String>,
    },
    /// Any other 4xx.
    Client {
        status: u16,
        message: Option<String>,
    },
    /// 5xx.
    Server {
        status: u16,
        message: Option<String>,
    },
    /// The request never got an answer (connection refused or dropped, CORS, offline).
    Network { detail: String },
    /// No answer within the time allowed.
    Timeout { seconds: u32 },
    /// An answer came but could not be read.
    Decode {
        status: u16,
        kind: DecodeKind,
        detail: String,
    },
}

impl ApiError {
    /// The server's own words, when it gave any.
    pub fn server_message(&self) -> Option<String> {
        match self {
            ApiError::Validation { messages, .. } => Some(messages.join("; ")),
            ApiError::Unauthorized { message }
            | ApiError::Forbidden { message }
            | ApiError::NotFound { message }
            | ApiError::MethodNotAllowed { message }
            | ApiError::Conflict { message }
            | ApiError::RateLimited { message, .. }
            | ApiError::Client { message, .. }
            | ApiError::Server { message, .. } => message.clone(),
            ApiError::Network { .. } | ApiError::Timeout { .. } | ApiError::Decode { .. } => None,
        }
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Validation { .. } => Some(400),
            ApiError::Unauthorized { .. } => Some(401),
            ApiError::Forbidden { .. } => Some(403),
            ApiError::NotFound { .. } => Some(404),
            ApiError::MethodNotAllowed { .. } => Some(405),
            ApiError::Conflict { .. } => Some(409),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Client { status, .. }
            | ApiError::Server { status, .. }
            | ApiError::Decode { status, .. } => Some(*status),
            ApiError::Network { .. } | ApiError::Timeout { .. } => None,
        }
    }

    /// For a change that is not idempotent: the server may have made it although this came back
    /// instead of its answer (the connection dropped, the portal stopped waiting, a gateway gave
    /// up on the upstream, or a "done" answer could not be read). The caller reads back what the
    /// server now has before it offers to send again. A refusal (4xx) or a server's own error
    /// (500, 503) says the change was not made.
    pub fn may_hide_a_change(&self) -> bool {
        match self {
            ApiError::Network { .. } | ApiError::Timeout { .. } => true,
            ApiError::Server { status, .. } => matches!(status, 502 | 504),
            ApiError::Decode { status, .. } => (200..300).contains(status),
            _ => false,
        }
    }

    /// A GET may be retried automatically after these: the request may not have reached the
    /// server, or the server said to try again.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Server { .. }
                | ApiError::Network { .. }
                | ApiError::Timeout { .. }
                | ApiError::RateLimited { .. }
        )
    }

    /// The deployment does not have this operation at all (unconfirmed parts of the contract).
    pub fn is_unsupported_operation(&self) -> bool {
        matches!(
            self,
            ApiError::NotFound { .. } | ApiError::MethodNotAllowed { .. }
        )
    }

    /// Messages for one field of a validation error (empty for other errors).
    pub fn field_messages(&self, field: &str) -> Vec<String> {
        match self {
            ApiError::Validation { by_field, .. } => {
                by_field.get(field).cloned().unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// A short title for the kind of failure.
    pub fn title(&self) -> &'static str {
        match self {
            ApiError::Validation { .. } => "Some values were not accepted",
            ApiError::Unauthorized { .. } => "Not signed in",
            ApiError::Forbidden { .. } => "Access refused",
            ApiError::NotFound { .. } => "Not found",
            ApiError::MethodNotAllowed { .. } => "Not available here",
            ApiError::Conflict { .. } => "Not possible right now",
            ApiError::RateLimited { .. } => "Too many requests",
            ApiError::Client { .. } => "Request refused",
            ApiError::Server { .. } => "The server had a problem",
            ApiError::Network { .. } => "No connection to the server",
            ApiError::Timeout { .. } => "The server took too long",
            ApiError::Decode { .. } => "Unreadable answer from the server",
        }
    }
}

/// After a key regeneration whose answer was lost ([`ApiError::may_hide_a_change`]): what a
/// read sent with the old key says about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OldKeyCheck {
    /// The old key still works: the key was not regenerated.
    StillWorks,
    /// The old key is refused: it was regenerated, the new key is lost.
    Refused,
    /// Neither: the check failed for another reason.
    Unknown,
}

/// Read the answer of the check with the old key.
pub fn old_key_check<T>(result: &Result<T, ApiError>) -> OldKeyCheck {
    match result {
        Ok(_) => OldKeyCheck::StillWorks,
        Err(ApiError::Unauthorized { .. }) => OldKeyCheck::Refused,
        Err(_) => OldKeyCheck::Unknown,
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = |f: &mut fmt::Formatter<'_>, message: &Option<String>| match message {
            Some(text) if !text.trim().is_empty() => write!(f, " The server said: {text}"),
            _ => Ok(()),
        };
        match self {
            ApiError::Validation { messages, .. } => {
                write!(
                    f,
                    "The server did not accept the request: {}",
                    messages.join("; ")
                )
            }
            ApiError::Unauthorized { message } => {
                f.write_str("The API key is not valid (it may have been rotated elsewhere).")?;
                said(f, message)
            }
            ApiError::Forbidden { message } => {
                f.write_str(
                    "Access refused: the company may be inactive or this address not allowed.",
                )?;
                said(f, message)
            }
            ApiError::NotFound { message } => {
                f.write_str("Not found: it does not exist or belongs to another company.")?;
                said(f, message)
            }
            ApiError::MethodNotAllowed { message } => {
                f.write_str("This environment does not offer this operation.")?;
                said(f, message)
            }
            ApiError::Conflict { message } => {
                f.write_str("The request conflicts with the current state.")?;
                said(f, message)
            }
            ApiError::RateLimited {
                retry_after,
                message,
            } => {
                match retry_after {
                    // A saturated or absurd wait (days, `u32::MAX`) is no number to show.
                    Some(seconds) if *seconds > LONGEST_WAIT_SHOWN_SECONDS => {
                        f.write_str("Too many requests: try again later.")?
                    }
                    Some(seconds) => write!(f, "Too many requests: try again in {seconds} s.")?,
                    None => f.write_str("Too many requests: try again in a moment.")?,
                }
                said(f, message)
            }
            ApiError::Client { status, message } => {
                write!(f, "The server refused the request (HTTP {status}).")?;
                said(f, message)
            }
            ApiError::Server { status, message } => {
                write!(
                    f,
                    "The server had a problem (HTTP {status}). Try again shortly."
                )?;
                said(f, message)
            }
            ApiError::Network { detail } => {
                write!(
                    f,
                    "Could not reach the server: {detail}. Check the connection and retry."
                )
            }
            ApiError::Timeout { seconds } => {
                write!(f, "The server did not answer within {seconds} s.")
            }
            ApiError::Decode { status, kind, .. } => {
                let what = match kind {
                    DecodeKind::Empty => "an empty answer",
                    DecodeKind::NotJson => "an answer that is not JSON (perhaps a proxy page)",
                    DecodeKind::Malformed => "broken or truncated JSON",
                    DecodeKind::WrongShape => "JSON of an unexpected shape",
                };
                write!(f, "The server sent {what} (HTTP {status}).")
            }
        }
    }
}

/// Beyond a day, [`ApiError::RateLimited`]'s text says "later" rather than a number of seconds.
pub const LONGEST_WAIT_SHOWN_SECONDS: u32 = 24 * 60 * 60;

impl std::error::Error for ApiError {}

/// Decode a response: a 2xx body into `T`, anything else into its [`ApiError`].
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    decode_with_retry_after(status, body, None)
}

/// As [`decode`], with the `Retry-After` header's value for 429 answers, read as delta-seconds
/// only (no clock here: see [`decode_with_retry_after_at`] for HTTP-dates).
pub fn decode_with_retry_after<T: DeserializeOwned>(
    status: u16,
    body: &str,
    retry_after: Option<&str>,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        decode_success(status, body)
    } else {
        Err(error_from_response(status, body, retry_after))
    }
}

/// As [`decode_with_retry_after`], reading `Retry-After` as seconds or an HTTP-date relative to
/// `now` (the browser's clock when the answer arrived).
pub fn decode_with_retry_after_at<T: DeserializeOwned>(
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    now: DateTime<Utc>,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        decode_success(status, body)
    } else {
        Err(error_from_response_at(status, body, retry_after, now))
    }
}

fn decode_success<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    let trimmed = without_bom(body).trim();
    // A 204 (or any empty 2xx) decodes into `()` or an `Option`; other targets report Empty.
    let text = if trimmed.is_empty() { "null" } else { trimmed };
    match serde_json::from_str::<T>(text) {
        Ok(value) => Ok(value),
        Err(err) => Err(ApiError::Decode {
            status,
            kind: classify(trimmed, &err),
            detail: err.to_string(),
        }),
    }
}

fn classify(trimmed: &str, err: &serde_json::Error) -> DecodeKind {
    use serde_json::error::Category;
    if trimmed.is_empty() {
        return DecodeKind::Empty;
    }
    // A type mismatch can be reported before the parser reaches the damage (a truncated object
    // where a list was expected): only well-formed JSON is of the "wrong shape".
    let syntax = match err.classify() {
        Category::Data => match serde_json::from_str::<serde::de::IgnoredAny>(trimmed) {
            Ok(_) => return DecodeKind::WrongShape,
            Err(syntax) => syntax.classify(),
        },
        other => other,
    };
    match syntax {
        Category::Data => DecodeKind::WrongShape,
        Category::Eof => DecodeKind::Malformed,
        Category::Syntax | Category::Io => {
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                DecodeKind::Malformed
            } else {
                DecodeKind::NotJson
            }
        }
    }
}

/// Build the error for a non-2xx answer, reading the server's message where the body has one.
/// `Retry-After` is read as delta-seconds only ([`parse_retry_after`]); a caller with a clock
/// should use [`error_from_response_at`], which also reads HTTP-dates.
pub fn error_from_response(status: u16, body: &str, retry_after: Option<&str>) -> ApiError {
    error_with_wait(status, body, retry_after.and_then(parse_retry_after))
}

/// As [`error_from_response`], reading `Retry-After` as delta-seconds or an HTTP-date relative
/// to `now` ([`retry_after_seconds`]).
pub fn error_from_response_at(
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    now: DateTime<Utc>,
) -> ApiError {
    error_with_wait(
        status,
        body,
        retry_after.and_then(|value| retry_after_seconds(value, now)),
    )
}

/// The error for a non-2xx answer, with the wait `Retry-After` asked for already read.
fn error_with_wait(status: u16, body: &str, retry_after: Option<u32>) -> ApiError {
    let lines: Vec<String> = message_lines(body)
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .collect();
    let message = if lines.is_empty() {
        None
    } else {
        Some(lines.join("; "))
    };
    match status {
        400 => {
            let messages = if lines.is_empty() {
                vec!["The request was not valid.".to_string()]
            } else {
                lines
            };
            let by_field = group_by_field(&messages);
            ApiError::Validation { messages, by_field }
        }
        401 => ApiError::Unauthorized { message },
        403 => ApiError::Forbidden { message },
        404 => ApiError::NotFound { message },
        405 => ApiError::MethodNotAllowed { message },
        409 => ApiError::Conflict { message },
        429 => ApiError::RateLimited {
            retry_after,
            message,
        },
        500..=599 => ApiError::Server { status, message },
        _ => ApiError::Client { status, message },
    }
}

/// The `message` of an error body: a string, or the strings of an array. Read from a loose JSON
/// value rather than [`crate::models::ErrorBody`], so an odd `statusCode` (a string, a float, out
/// of range) or extra fields never hide the server's words. A bare JSON string counts as the
/// message too.
fn message_lines(body: &str) -> Vec<String> {
    use serde_json::Value;
    let Ok(value) = serde_json::from_str::<Value>(without_bom(body).trim()) else {
        return Vec::new();
    };
    let message = match &value {
        Value::Object(fields) => fields.get("message"),
        Value::String(_) => Some(&value),
        _ => None,
    };
    match message {
        Some(Value::String(line)) => vec![line.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A UTF-8 byte order mark some proxies prepend is not part of the JSON.
fn without_bom(body: &str) -> &str {
    body.strip_prefix('\u{feff}').unwrap_or(body)
}

/// NestJS validation lines start with the property name ("contactEmail must be an email");
/// nested ones with a dotted path. Lines that name no known-looking field go under "".
fn group_by_field(messages: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut grouped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in messages {
        grouped
            .entry(field_of(line).unwrap_or_default())
            .or_default()
            .push(line.clone());
    }
    grouped
}

fn field_of(line: &str) -> Option<String> {
    if let Some(rest) = line.strip_prefix("property ") {
        // "property foo should not exist"
        return rest.split_whitespace().next().map(str::to_string);
    }
    let first = line.split_whitespace().next()?;
    let looks_like_field = first.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && first.chars().any(|c| c.is_ascii_uppercase())
        || KNOWN_SINGLE_WORD_FIELDS.contains(&first);
    looks_like_field.then(|| first.to_string())
}

/// Fields of the contract whose names are one lowercase word, so the camelCase test misses them.
const KNOWN_SINGLE_WORD_FIELDS: &[&str] = &[
    "email", "password", "name", "reason", "limit", "offset", "status", "id", "amount",
];
