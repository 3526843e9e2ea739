//! The one place that performs HTTP against the API.
//!
//! - [`Client::send`]: run a `lumo_api` request with the session's environment and key, retrying
//!   safe requests on transient failures, and ending the session on a 401.
//! - [`send_to`]: the same for an explicit target (sign-in checks a key before it is stored).
//! - [`api_resource`]: a `LocalResource` for pages, aborted when superseded or unmounted.

use lumo_api::{ApiError, ApiRequest};
use serde::de::DeserializeOwned;

use leptos::prelude::*;

use crate::session::SessionCtx;

mod fetch;
mod resource;
mod retry;

pub use fetch::{fetch_raw, sleep, Cancel, RawRequest};
pub use resource::{api_resource, ApiResource};

/// Where a request goes and with which key. Never printed (no Debug).
pub struct Target {
    pub base_url: String,
    pub api_key: Option<String>,
}

/// A copyable handle to the session-aware transport, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Client {
    session: SessionCtx,
    timeout_ms: u32,
}

impl Client {
    pub fn provide(session: SessionCtx, timeout_ms: u32) -> Client {
        let client = Client {
            session,
            timeout_ms,
        };
        provide_context(client);
        client
    }

    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// Run `request` for the signed-in company.
    pub async fn send<T: DeserializeOwned>(&self, request: &ApiRequest<T>) -> Result<T, ApiError> {
        self.send_cancellable(request, None).await
    }

    /// As [`Client::send`], abandoned (in flight and between retries) when `cancel` fires.
    pub async fn send_cancellable<T: DeserializeOwned>(
        &self,
        request: &ApiRequest<T>,
        cancel: Option<&Cancel>,
    ) -> Result<T, ApiError> {
        self.send_with_status(request, cancel)
            .await
            .map(|(_, value)| value)
    }

    /// As [`Client::send_cancellable`], also giving the HTTP status of the answer (to tell a
    /// created resource, 201, from an existing one returned, 200).
    pub async fn send_with_status<T: DeserializeOwned>(
        &self,
        request: &ApiRequest<T>,
        cancel: Option<&Cancel>,
    ) -> Result<(u16, T), ApiError> {
        let Some(session) = self.session.get_untracked() else {
            return Err(ApiError::Unauthorized { message: None });
        };
        let target = Target {
            base_url: session.environment.api_base_url.clone(),
            api_key: Some(session.api_key.clone()),
        };
        let result = execute(request, &target, self.timeout_ms, cancel).await;
        if request.authenticated && matches!(result, Err(ApiError::Unauthorized { .. })) {
            // The key was rotated or revoked elsewhere: the shell sends the user to sign in.
            self.session.expire(&session.api_key);
        }
        result
    }
}

pub fn use_client() -> Client {
    expect_context::<Client>()
}

/// Run `request` against an explicit target, outside any session (sign-in, registration).
pub async fn send_to<T: DeserializeOwned>(
    request: &ApiRequest<T>,
    target: &Target,
    timeout_ms: u32,
) -> Result<T, ApiError> {
    execute(request, target, timeout_ms, None)
        .await
        .map(|(_, value)| value)
}

async fn execute<T: DeserializeOwned>(
    request: &ApiRequest<T>,
    target: &Target,
    timeout_ms: u32,
    cancel: Option<&Cancel>,
) -> Result<(u16, T), ApiError> {
    let url = request.url(&target.base_url);
    let mut headers = request.headers();
    if request.authenticated {
        if let Some(key) = &target.api_key {
            headers.push(("X-API-Key", key.trim().to_string()));
        }
    }
    let raw = RawRequest {
        method: request.method.as_str(),
        url: &url,
        headers: &headers,
        body: request.body.as_deref(),
    };
    let mut retry = 0;
    loop {
        let outcome = fetch_raw(&raw, timeout_ms, cancel)
            .await
            .and_then(|answer| {
                request
                    .decode(answer.status, &answer.body, answer.retry_after.as_deref())
                    .map(|value| (answer.status, value))
            });
        let error = match outcome {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let cancelled = cancel.is_some_and(Cancel::is_cancelled);
        if cancelled || !request.is_retry_safe() {
            return Err(error);
        }
        let Some(wait_ms) = retry::delay_before_retry(retry, &error) else {
            return Err(error);
        };
        sleep(wait_ms).await;
        if cancel.is_some_and(Cancel::is_cancelled) {
            return Err(fetch::cancelled_error());
        }
        retry += 1;
    }
}
