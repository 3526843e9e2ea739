//! The one place that performs HTTP against the API.
//!
//! - [`Client::send`]: run a `lumo_api` request with the session's environment and key, retrying
//!   safe requests on transient failures; a 401 ends the session only if the refused key is still
//!   the company's (stored) key, else a safe request goes again with the new one.
//! - [`send_to`]: the same for an explicit target (sign-in checks a key before it is stored).
//! - [`api_resource`]: reactive loading for pages, aborted when superseded or unmounted, served
//!   from a 30-second response cache and sharing requests already in flight (`resource.rs`).
//!
//! Only the last step, decoding the answer into its type, is generic: the transport works on a
//! [`Wire`] request, so it exists once in the binary rather than once per answer type.

use std::future::Future;
use std::pin::Pin;

use lumo_api::errors::error_from_response_at;
use lumo_api::requests::{regenerate_api_key, Method};
use lumo_api::{ApiError, ApiRequest};
use serde::de::DeserializeOwned;

use leptos::prelude::*;

use crate::session::SessionCtx;

mod cache;
mod fetch;
mod resource;
mod retry;

use cache::CacheKey;
pub use cache::{is_fresh, Answer};
pub use fetch::{fetch_raw, Cancel, RawRequest};
pub use resource::{api_resource, polled_resource, ApiResource};

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
    /// Bumped each time the browser comes back online: every shown read loads again.
    online: RwSignal<u32>,
}

impl Client {
    pub fn provide(session: SessionCtx, timeout_ms: u32) -> Client {
        let online = RwSignal::new(0_u32);
        let client = Client {
            session,
            timeout_ms,
            online,
        };
        provide_context(client);
        // Dropping the handle keeps the listener for the life of the page (the client's).
        drop(window_event_listener(leptos::ev::online, move |_| {
            online.try_update(|n| *n = n.wrapping_add(1));
        }));
        // Signing out (or a key that stopped working) forgets every cached answer.
        Effect::new(move |_| {
            if !session.is_signed_in() {
                cache::clear();
            }
        });
        client
    }

    /// How many times the browser came back online (tracked).
    pub(crate) fn online_generation(&self) -> u32 {
        self.online.get()
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
        let wire = self.wire(request)?;
        let answer = self.send_wire(&wire, cancel).await?;
        decode(&answer).map(|value| (answer.status, value))
    }

    /// As [`Client::send`], sent exactly once: no automatic retry, even for a request that is
    /// safe to repeat. For a change whose lost answer the caller reads back before it decides
    /// to send again (accepting a quote).
    pub async fn send_once<T: DeserializeOwned>(
        &self,
        request: &ApiRequest<T>,
    ) -> Result<T, ApiError> {
        let mut wire = self.wire(request)?;
        wire.retry_safe = false;
        let answer = self.send_wire(&wire, None).await?;
        decode(&answer)
    }

    /// `request` as sent for the signed-in company; `Unauthorized` when nobody is signed in.
    fn wire<T: DeserializeOwned>(&self, request: &ApiRequest<T>) -> Result<Wire, ApiError> {
        let Some(session) = self.session.get_untracked() else {
            return Err(ApiError::Unauthorized { message: None });
        };
        let scope = session.scope();
        let target = Target {
            base_url: session.environment.api_base_url,
            api_key: Some(session.api_key),
        };
        let mut wire = Wire::new(request, &target);
        wire.scope = Some(scope);
        wire.rotates_key = request.operation == regenerate_api_key().operation;
        Ok(wire)
    }

    /// Send `wire` (retrying where safe). A 401 goes to the session ([`SessionCtx::refused`]):
    /// it ends the session only if the refused key is still this tab's and the stored one; if
    /// the key changed meanwhile (here or in another tab), a request safe to repeat goes again,
    /// once, with the new key. Boxed, so callers of every answer type share this one copy.
    fn send_wire<'a>(
        &'a self,
        wire: &'a Wire,
        cancel: Option<&'a Cancel>,
    ) -> Pin<Box<dyn Future<Output = Result<Answer, ApiError>> + 'a>> {
        Box::pin(async move {
            let result = self.send_and_judge(wire, cancel).await;
            let Err(ApiError::Unauthorized { .. }) = &result else {
                return result;
            };
            let Some(key) = self.key_after_refusal(wire).await else {
                return result;
            };
            // A refused request was not carried out, but one not safe to repeat is never sent
            // twice on its own: the browser may have resent it after the server had done it.
            let cancelled = cancel.is_some_and(Cancel::is_cancelled);
            if !wire.retry_safe || cancelled || wire.api_key.as_deref() == Some(key.as_str()) {
                return result;
            }
            let again = wire.with_key(key);
            let result = self.send_and_judge(&again, cancel).await;
            if let Err(ApiError::Unauthorized { .. }) = &result {
                // Refused again: judged like any other 401, not sent a third time.
                self.key_after_refusal(&again).await;
            }
            result
        })
    }

    /// One [`execute`], telling the session while it may rotate the key.
    async fn send_and_judge(
        &self,
        wire: &Wire,
        cancel: Option<&Cancel>,
    ) -> Result<Answer, ApiError> {
        if !wire.rotates_key {
            return execute(wire, self.timeout_ms, cancel).await;
        }
        self.session.key_change_started();
        let result = execute(wire, self.timeout_ms, cancel).await;
        self.session.key_change_finished(result.is_ok());
        result
    }

    /// The 401 rule for `wire`'s key; the key to send again with, if the company's key changed.
    async fn key_after_refusal(&self, wire: &Wire) -> Option<String> {
        let (Some(scope), Some(key)) = (&wire.scope, &wire.api_key) else {
            return None;
        };
        self.session.refused(scope, key).await
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
    let answer = execute(&Wire::new(request, target), timeout_ms, None).await?;
    decode(&answer)
}

/// Decode a successful answer into `T`.
fn decode<T: DeserializeOwned>(answer: &Answer) -> Result<T, ApiError> {
    lumo_api::decode(answer.status, &answer.body)
}

/// A request as it goes over the wire, its answer type erased. Holds the API key: no Debug.
pub struct Wire {
    method: Method,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
    retry_safe: bool,
    /// The key sent, when the operation is authenticated.
    api_key: Option<String>,
    cache_key: CacheKey,
    /// The signed-in company it was sent for ([`Session::scope`]), when sent for the session.
    ///
    /// [`Session::scope`]: crate::session::Session::scope
    scope: Option<String>,
    /// It rotates the company's key (regenerate): a 401 to the old key meanwhile waits for it.
    rotates_key: bool,
}

impl Wire {
    fn new<T: DeserializeOwned>(request: &ApiRequest<T>, target: &Target) -> Wire {
        let url = request.url(&target.base_url);
        let mut headers = request.headers();
        let api_key = if request.authenticated {
            target.api_key.clone()
        } else {
            None
        };
        if let Some(key) = &api_key {
            headers.push(("X-API-Key", key.trim().to_string()));
        }
        Wire {
            cache_key: CacheKey::new(&target.base_url, api_key.as_deref(), &url),
            method: request.method,
            url,
            headers,
            body: request.body.clone(),
            retry_safe: request.is_retry_safe(),
            api_key,
            scope: None,
            rotates_key: false,
        }
    }

    /// The same request with another key of the same company (after the key changed while it
    /// was on its way). Keeps the cache key it was asked under: its answer is shared and kept
    /// under that.
    fn with_key(&self, api_key: String) -> Wire {
        let mut headers = self.headers.clone();
        for (name, value) in &mut headers {
            if *name == "X-API-Key" {
                *value = api_key.trim().to_string();
            }
        }
        Wire {
            method: self.method,
            url: self.url.clone(),
            headers,
            body: self.body.clone(),
            retry_safe: self.retry_safe,
            api_key: Some(api_key),
            cache_key: self.cache_key.clone(),
            scope: self.scope.clone(),
            rotates_key: self.rotates_key,
        }
    }

    /// A read: its answer may be cached and shared by everyone asking the same.
    fn is_read(&self) -> bool {
        self.method == Method::Get
    }
}

/// Send `wire` until it succeeds, fails for good, or is cancelled. A successful mutation clears
/// the response cache.
async fn execute(
    wire: &Wire,
    timeout_ms: u32,
    cancel: Option<&Cancel>,
) -> Result<Answer, ApiError> {
    let raw = RawRequest {
        method: wire.method.as_str(),
        url: &wire.url,
        headers: &wire.headers,
        body: wire.body.as_deref(),
        own_site_file: false,
    };
    let mut retry = 0;
    loop {
        let error = match fetch_raw(&raw, timeout_ms, cancel).await {
            Ok(answer) if (200..300).contains(&answer.status) => {
                if !wire.is_read() {
                    cache::clear();
                }
                return Ok(Answer {
                    status: answer.status,
                    body: answer.body,
                });
            }
            Ok(answer) => {
                // Retry-After may be an HTTP date: read against this browser's clock.
                error_from_response_at(
                    answer.status,
                    &answer.body,
                    answer.retry_after.as_deref(),
                    chrono::Utc::now(),
                )
            }
            Err(error) => error,
        };
        let cancelled = cancel.is_some_and(Cancel::is_cancelled);
        if cancelled || !wire.retry_safe || fetch::is_redirect_refusal(&error) {
            return Err(error);
        }
        let Some(wait_ms) = retry::delay_before_retry(retry, &error, js_sys::Math::random()) else {
            return Err(error);
        };
        crate::refresh::sleep(wait_ms).await;
        if cancel.is_some_and(Cancel::is_cancelled) {
            return Err(fetch::cancelled_error());
        }
        retry += 1;
    }
}
