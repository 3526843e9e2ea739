//! Test harness: an in-process sandbox on port 0 and a small HTTP client around reqwest that
//! checks every API response against the contract.

use std::time::Duration;

use lumo_sandbox::{spawn, Options, SandboxHandle, DEMO_API_KEY};
use reqwest::{header::HeaderMap, Client, Method, StatusCode};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::contract::contract;

pub struct Sb {
    pub base: String,
    pub client: Client,
    pub handle: SandboxHandle,
    /// Sent as `X-Sandbox-Token` by [`Sb::control`] (the sandbox's `--control-token`).
    pub control_token: Option<String>,
}

pub async fn start() -> Sb {
    start_with(Options {
        port: 0,
        ..Options::default()
    })
    .await
}

/// `opts.control_token` is also what [`Sb::control`] sends.
pub async fn start_with(opts: Options) -> Sb {
    let control_token = opts.control_token.clone();
    let (addr, handle) = spawn(opts).await.expect("sandbox starts");
    let client = Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    Sb {
        base: format!("http://{addr}"),
        client,
        handle,
        control_token,
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
    /// The operationId the contract check matched (API calls only).
    pub operation: Option<String>,
}

impl Resp {
    pub fn code(&self) -> u16 {
        self.status.as_u16()
    }

    pub fn typed<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.json.clone())
            .unwrap_or_else(|e| panic!("cannot decode {}: {e}", self.text))
    }

    /// The `message` lines of an error body.
    pub fn messages(&self) -> Vec<String> {
        match &self.json["message"] {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            _ => vec![],
        }
    }

    pub fn message_text(&self) -> String {
        self.messages().join(" | ")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    }

    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(self.code(), status, "unexpected answer: {}", self.text);
        self
    }
}

/// One request being built.
pub struct Call<'a> {
    sb: &'a Sb,
    method: Method,
    path: String,
    key: Option<String>,
    body: Option<String>,
    headers: Vec<(String, String)>,
    check_contract: bool,
}

impl Sb {
    /// A request with the demo key in `X-API-Key`.
    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        Call {
            sb: self,
            method,
            path: path.to_string(),
            key: Some(DEMO_API_KEY.to_string()),
            body: None,
            headers: Vec::new(),
            check_contract: !path.starts_with("/_sandbox"),
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path).send().await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call(Method::POST, path).json(body).send().await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.call(Method::PATCH, path).json(body).send().await
    }

    /// A control route (no key; the control token when the sandbox has one).
    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let mut c = self.call(method, path).no_key();
        if let Some(t) = &self.control_token {
            c = c.header("X-Sandbox-Token", t);
        }
        if let Some(b) = body {
            c = c.json(b);
        }
        c.send().await
    }

    pub async fn advance(&self, seconds: i64) {
        self.control(
            Method::POST,
            "/_sandbox/clock/advance",
            Some(serde_json::json!({"seconds": seconds})),
        )
        .await
        .expect(200);
    }

    pub async fn state(&self) -> Value {
        self.control(Method::GET, "/_sandbox/state", None)
            .await
            .json
    }

    pub async fn balance(&self) -> lumo_api::models::CompanyWallet {
        self.get("/wallets/balance").await.expect(200).typed()
    }

    /// Every order of the demo company, newest first (paged with limit 100).
    pub async fn all_orders(&self, query: &str) -> Vec<lumo_api::models::Order> {
        let mut out = Vec::new();
        loop {
            let page: Vec<lumo_api::models::Order> = self
                .get(&format!("/orders?limit=100&offset={}{query}", out.len()))
                .await
                .expect(200)
                .typed();
            let n = page.len();
            out.extend(page);
            if n < 100 {
                return out;
            }
        }
    }
}

impl<'a> Call<'a> {
    pub fn key(mut self, key: &str) -> Self {
        self.key = Some(key.to_string());
        self
    }

    pub fn no_key(mut self) -> Self {
        self.key = None;
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body.to_string());
        self.header("content-type", "application/json")
    }

    pub fn raw(mut self, body: &str) -> Self {
        self.body = Some(body.to_string());
        self.header("content-type", "application/json")
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Skip the contract check (fault responses are deliberately off-contract).
    pub fn no_contract(mut self) -> Self {
        self.check_contract = false;
        self
    }

    pub async fn try_send(self) -> Result<Resp, reqwest::Error> {
        let url = format!("{}{}", self.sb.base, self.path);
        let mut rb = self.sb.client.request(self.method.clone(), &url);
        if let Some(k) = &self.key {
            rb = rb.header("X-API-Key", k);
        }
        for (n, v) in &self.headers {
            rb = rb.header(n, v);
        }
        if let Some(b) = self.body {
            rb = rb.body(b);
        }
        let resp = rb.send().await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await?;
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        let mut operation = None;
        let path = self.path.split('?').next().unwrap_or_default().to_string();
        // Unknown routes answer NestJS's "Cannot GET /x" 404: not an operation.
        let routed = !(status == StatusCode::NOT_FOUND
            && json["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Cannot ")));
        if self.check_contract && routed {
            operation =
                Some(contract().check(self.method.as_str(), &path, status.as_u16(), &json, &text));
        }
        Ok(Resp {
            status,
            headers,
            text,
            json,
            operation,
        })
    }

    pub async fn send(self) -> Resp {
        let what = format!("{} {}", self.method, self.path);
        self.try_send()
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }
}

pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}
