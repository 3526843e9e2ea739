//! One function per operation of the contract. Each returns an [`ApiRequest`]: a plain
//! description (method, escaped path, query, JSON body, extra headers) plus the type its answer
//! decodes into. The portal's transport executes it; tests inspect it.

use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::{decode_with_retry_after, decode_with_retry_after_at, ApiError};
use crate::models::*;

mod encode;
pub mod queries;

pub use encode::{path_segment_is_safe, percent_encode};
pub use queries::{OrdersQuery, Page, UserWalletsQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }
}

/// A request to the API whose successful answer decodes into `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest<T> {
    /// The contract's operationId, for diagnostics and tests.
    pub operation: &'static str,
    pub method: Method,
    /// Path from the server root with every parameter percent-encoded.
    pub path: String,
    /// Query parameters, unencoded; [`ApiRequest::url`] encodes them.
    pub query: Vec<(&'static str, String)>,
    /// JSON text of the body, when the operation has one.
    pub body: Option<String>,
    /// `Idempotency-Key` for operations that take one.
    pub idempotency_key: Option<String>,
    /// Whether the company's API key must be sent (every operation but login and register).
    pub authenticated: bool,
    response: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> ApiRequest<T> {
    fn new(operation: &'static str, method: Method, path: String) -> Self {
        ApiRequest {
            operation,
            method,
            path,
            query: Vec::new(),
            body: None,
            idempotency_key: None,
            authenticated: true,
            response: PhantomData,
        }
    }

    fn json<B: Serialize>(mut self, body: &B) -> Self {
        // Serialising these plain structs cannot fail; an empty object is a safe fallback.
        self.body = Some(serde_json::to_string(body).unwrap_or_else(|_| "{}".to_string()));
        self
    }

    fn public(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// Absolute URL under `base_url` (with or without a trailing slash).
    pub fn url(&self, base_url: &str) -> String {
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), self.path);
        for (index, (name, value)) in self.query.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&percent_encode(value));
        }
        url
    }

    /// Headers besides the API key, which the transport adds when [`Self::authenticated`].
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Accept", "application/json".to_string())];
        if self.body.is_some() {
            headers.push(("Content-Type", "application/json".to_string()));
        }
        if let Some(key) = &self.idempotency_key {
            headers.push(("Idempotency-Key", key.clone()));
        }
        headers
    }

    /// Safe to send again after a network failure or 5xx: a GET, or a POST with an
    /// Idempotency-Key.
    pub fn is_retry_safe(&self) -> bool {
        self.method == Method::Get || self.idempotency_key.is_some()
    }

    /// Decode the answer: status, body text and the `Retry-After` header if any.
    pub fn decode(
        &self,
        status: u16,
        body: &str,
        retry_after: Option<&str>,
    ) -> Result<T, ApiError> {
        decode_with_retry_after(status, body, retry_after)
    }

    /// As [`ApiRequest::decode`], reading an HTTP-date `Retry-After` too, relative to `now`.
    pub fn decode_at(
        &self,
        status: u16,
        body: &str,
        retry_after: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<T, ApiError> {
        decode_with_retry_after_at(status, body, retry_after, now)
    }
}

pub fn register_company(body: &RegisterRequest) -> ApiRequest<AuthResponse> {
    ApiRequest::new(
        "registerCompany",
        Method::Post,
        "/auth/company/register".into(),
    )
    .json(body)
    .public()
}

pub fn login_company(body: &LoginRequest) -> ApiRequest<AuthResponse> {
    ApiRequest::new("loginCompany", Method::Post, "/auth/company/login".into())
        .json(body)
        .public()
}

pub fn get_company_profile() -> ApiRequest<CompanyProfile> {
    ApiRequest::new(
        "getCompanyProfile",
        Method::Get,
        "/auth/company/profile".into(),
    )
}

pub fn update_company_profile(body: &UpdateProfileRequest) -> ApiRequest<CompanyProfile> {
    ApiRequest::new(
        "updateCompanyProfile",
        Method::Patch,
        "/auth/company/profile".into(),
    )
    .json(body)
}

pub fn regenerate_api_key() -> ApiRequest<ApiKeyResponse> {
    ApiRequest::new(
        "regenerateCompanyApiKey",
        Method::Post,
        "/auth/company/regenerate-key".into(),
    )
}

pub fn get_current_rate() -> ApiRequest<Rate> {
    ApiRequest::new("getCurrentRate", Method::Get, "/rates/current".into())
}

pub fn prepare_order(body: &PrepareOrderRequest) -> ApiRequest<Quote> {
    ApiRequest::new("prepareOrder", Method::Post, "/orders/prepare".into()).json(body)
}

/// Accept a quote. The key must be generated once per quote and reused on every retry. A blank
/// key is not sent (the contract requires at least one character), which also makes the request
/// not [`ApiRequest::is_retry_safe`].
pub fn accept_order(quote_id: &str, idempotency_key: &str) -> ApiRequest<Order> {
    let mut request = ApiRequest::new(
        "acceptOrder",
        Method::Post,
        format!("/orders/accept/{}", percent_encode(quote_id)),
    );
    request.idempotency_key =
        Some(idempotency_key.to_string()).filter(|key| !key.trim().is_empty());
    request
}

pub fn list_orders(query: &OrdersQuery) -> ApiRequest<Vec<Order>> {
    let mut request = ApiRequest::new("listOrders", Method::Get, "/orders".into());
    request.query = query.to_pairs();
    request
}

pub fn get_order(id: &str) -> ApiRequest<Order> {
    ApiRequest::new(
        "getOrder",
        Method::Get,
        format!("/orders/{}", percent_encode(id)),
    )
}

pub fn create_dispute(order_id: &str, body: &CreateDisputeRequest) -> ApiRequest<Dispute> {
    ApiRequest::new(
        "createDispute",
        Method::Post,
        format!("/orders/{}/disputes", percent_encode(order_id)),
    )
    .json(body)
}

pub fn list_disputes() -> ApiRequest<Vec<Dispute>> {
    ApiRequest::new("listDisputes", Method::Get, "/disputes".into())
}

pub fn get_company_wallet() -> ApiRequest<CompanyWallet> {
    ApiRequest::new("getCompanyWallet", Method::Get, "/wallets/balance".into())
}

pub fn list_company_deposits(page: Page) -> ApiRequest<Vec<Deposit>> {
    let mut request = ApiRequest::new(
        "listCompanyDeposits",
        Method::Get,
        "/wallets/deposits".into(),
    );
    request.query = page.to_pairs();
    request
}

pub fn create_user_wallet(body: &CreateUserWalletRequest) -> ApiRequest<UserWallet> {
    ApiRequest::new("createUserWallet", Method::Post, "/user-wallets".into()).json(body)
}

pub fn list_user_wallets(query: &UserWalletsQuery) -> ApiRequest<Vec<UserWallet>> {
    let mut request = ApiRequest::new("listUserWallets", Method::Get, "/user-wallets".into());
    request.query = query.to_pairs();
    request
}

pub fn list_blocked_user_wallets(page: Page) -> ApiRequest<Vec<UserWallet>> {
    let mut request = ApiRequest::new(
        "listBlockedUserWallets",
        Method::Get,
        "/user-wallets/blocked".into(),
    );
    request.query = page.to_pairs();
    request
}

pub fn replace_user_wallet(
    external_id: &str,
    body: &ReplaceUserWalletRequest,
) -> ApiRequest<UserWallet> {
    ApiRequest::new(
        "replaceUserWallet",
        Method::Post,
        format!("/user-wallets/{}/replace", percent_encode(external_id)),
    )
    .json(body)
}

pub fn list_user_deposits(external_id: &str, page: Page) -> ApiRequest<Vec<UserDeposit>> {
    let mut request = ApiRequest::new(
        "listUserDeposits",
        Method::Get,
        format!("/user-wallets/{}/deposits", percent_encode(external_id)),
    );
    request.query = page.to_pairs();
    request
}
