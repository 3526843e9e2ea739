//! The raw browser fetch: one attempt, with a timeout and cancellation through AbortController,
//! sent through gloo-net's `http` module. Nothing here knows about the API's types; `client.rs`
//! builds on it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Method, Request, RequestBuilder};
use leptos::prelude::set_timeout_with_handle;
use lumo_api::ApiError;
use web_sys::{
    AbortController, Headers, RequestCache, RequestCredentials, RequestMode, RequestRedirect,
    ResponseType,
};

/// What came back: enough for `ApiRequest::decode`.
pub struct RawResponse {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
}

/// One request as the browser sends it. `headers` may hold the API key: never log this.
pub struct RawRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(&'static str, String)],
    pub body: Option<&'a str>,
    /// A file of the portal's own site (config.json), not an API call: fetched with the
    /// browser's default cache mode and same-origin credentials, like the `<link rel=preload>`
    /// in index.html, so the browser hands over the preloaded answer instead of asking again.
    /// API calls never touch the HTTP cache and never send cookies.
    pub own_site_file: bool,
}

/// A handle that aborts whatever attempt is in flight and stops further retries. Cloned into
/// `on_cleanup` so an unmounted or superseded view never receives a late answer.
#[derive(Clone, Default)]
pub struct Cancel {
    inner: Rc<CancelInner>,
}

#[derive(Default)]
struct CancelInner {
    cancelled: Cell<bool>,
    current: RefCell<Option<AbortController>>,
}

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.inner.cancelled.set(true);
        if let Some(controller) = self.inner.current.borrow_mut().take() {
            controller.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.get()
    }

    fn attach(&self, controller: &AbortController) {
        *self.inner.current.borrow_mut() = Some(controller.clone());
    }

    fn detach(&self) {
        self.inner.current.borrow_mut().take();
    }
}

/// Error reported for an attempt that was cancelled on purpose. Never shown: its view is gone.
pub fn cancelled_error() -> ApiError {
    ApiError::Network {
        detail: "the request was cancelled".to_string(),
    }
}

fn network_failure() -> ApiError {
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    let detail = if offline {
        "this device appears to be offline"
    } else {
        "no answer from the server (it may be down, unreachable, or not accepting requests from this site)"
    };
    ApiError::Network {
        detail: detail.to_string(),
    }
}

fn setup_failure(what: &str) -> ApiError {
    ApiError::Network {
        detail: what.to_string(),
    }
}

/// Send one request and read the whole answer, within `timeout_ms`.
pub async fn fetch_raw(
    request: &RawRequest<'_>,
    timeout_ms: u32,
    cancel: Option<&Cancel>,
) -> Result<RawResponse, ApiError> {
    if cancel.is_some_and(Cancel::is_cancelled) {
        return Err(cancelled_error());
    }
    let controller = AbortController::new()
        .map_err(|_| setup_failure("the browser refused to start a request"))?;
    let method = Method::from_bytes(request.method.as_bytes())
        .map_err(|_| setup_failure("the request method is not valid"))?;
    // Filled through web_sys, not gloo's `Headers::append`, which throws on a value the browser
    // rejects (a key pasted with a line break): here that is a setup failure whose message never
    // repeats the value.
    let headers =
        Headers::new().map_err(|_| setup_failure("the browser refused to start a request"))?;
    for (name, value) in request.headers {
        headers.append(name, value).map_err(|_| {
            setup_failure("a request header had characters the browser does not allow")
        })?;
    }
    let builder = RequestBuilder::new(request.url)
        .method(method)
        .mode(RequestMode::Cors)
        .headers(gloo_net::http::Headers::from_raw(headers))
        .abort_signal(Some(&controller.signal()));
    let builder = if request.own_site_file {
        builder
            .cache(RequestCache::Default)
            .credentials(RequestCredentials::SameOrigin)
    } else {
        // Never follow a redirect: the X-API-Key header would travel to whatever host it names.
        // "manual" rather than "error": both stop at the redirect, but "manual" lets us tell the
        // user what happened (an opaque redirect) instead of a bare network failure.
        builder
            .cache(RequestCache::NoStore)
            .credentials(RequestCredentials::Omit)
            .redirect(RequestRedirect::Manual)
    };
    let browser_request = match request.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|_| setup_failure("the API address is not a valid URL"))?;

    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            Duration::from_millis(u64::from(timeout_ms)),
        )
        .ok()
    };
    if let Some(cancel) = cancel {
        cancel.attach(&controller);
    }

    let outcome = read_answer(browser_request).await;

    if let Some(timer) = timer {
        timer.clear();
    }
    if let Some(cancel) = cancel {
        cancel.detach();
    }
    match outcome {
        Ok(Answer::Raw(raw)) => Ok(raw),
        Ok(Answer::Redirected) => Err(redirect_refused()),
        Err(()) if cancel.is_some_and(Cancel::is_cancelled) => Err(cancelled_error()),
        Err(()) if timed_out.get() => Err(ApiError::Timeout {
            seconds: timeout_ms.div_ceil(1000),
        }),
        Err(()) => Err(network_failure()),
    }
}

const REDIRECT_REFUSED: &str = "the API answered with a redirect to another address, which \
    the portal never follows (the API key must not travel to another host). Check the API \
    address: it should be the API itself, not a page that forwards to it";

/// The answer was a redirect, which is never followed.
pub fn redirect_refused() -> ApiError {
    ApiError::Network {
        detail: REDIRECT_REFUSED.to_string(),
    }
}

/// A refused redirect will be refused again: not worth an automatic retry.
pub fn is_redirect_refusal(error: &ApiError) -> bool {
    matches!(error, ApiError::Network { detail } if detail == REDIRECT_REFUSED)
}

enum Answer {
    Raw(RawResponse),
    Redirected,
}

async fn read_answer(request: Request) -> Result<Answer, ()> {
    let response = request.send().await.map_err(|_| ())?;
    if response.type_() == ResponseType::Opaqueredirect || (300..400).contains(&response.status()) {
        return Ok(Answer::Redirected);
    }
    let status = response.status();
    let retry_after = response.headers().get("Retry-After");
    let body = response.text().await.map_err(|_| ())?;
    Ok(Answer::Raw(RawResponse {
        status,
        body,
        retry_after,
    }))
}

// gloo-net 0.7, not 0.6: 0.6 adds a stray `&` to every URL with a query. As the transport it
// cost +1,969 B brotli on the cold visit against the hand-written web_sys fetch (2026-12-03).
