//! NestJS-style error responses: `{"statusCode":400,"message":[...],"error":"Bad Request"}`.
//!
//! `message` is an array of strings for validation problems and a plain string otherwise.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use lumo_api::models::{ErrorBody, ErrorMessage};

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: Message,
    /// Seconds for a Retry-After header (429 and 503 faults).
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: Message::One(message.into()),
            retry_after: None,
        }
    }

    /// 400 with one message per problem.
    pub fn validation(messages: Vec<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: Message::Many(messages),
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn invalid_api_key() -> Self {
        Self::unauthorized("Invalid API key")
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            status_code: Some(self.status.as_u16()),
            message: Some(match &self.message {
                Message::One(s) => ErrorMessage::One(s.clone()),
                Message::Many(v) => ErrorMessage::Many(v.clone()),
            }),
            error: Some(reason_phrase(self.status).to_string()),
        }
    }
}

/// The HTTP reason phrase NestJS puts in `error`.
pub fn reason_phrase(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body()).unwrap_or_else(|_| b"{}".to_vec());
        let mut resp = (self.status, body).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
