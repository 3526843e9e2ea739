//! lumo-sandbox: a faithful local Lumo B2B API for development, demos and tests.
//!
//! Every operation of `shared/api/lumo-b2b.openapi.yaml` at the same paths, with the same
//! fields, status codes and NestJS-style errors; in memory; seeded with a demo company
//! ([`demo`]); time-driven lifecycle ([`lifecycle`]) on an injectable clock ([`clock`]);
//! control routes under `/_sandbox/` ([`control`]) and fault injection ([`faults`]).
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! let (addr, handle) = lumo_sandbox::spawn(lumo_sandbox::Options { port: 0, ..Default::default() }).await?;
//! println!("API on http://{addr}");
//! handle.shutdown().await;
//! # Ok(()) }
//! ```

use std::{
    io,
    net::{IpAddr, Ipv4Addr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

use axum::{
    http::{Method, Uri},
    middleware, Router,
};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};

pub mod auth;
pub mod cli;
pub mod clock;
pub mod conn;
pub mod control;
pub mod control_token;
pub mod cors;
pub mod demo;
pub mod errors;
pub mod extract;
pub mod fault_rule;
pub mod faults;
pub mod lifecycle;
pub mod prng;
pub mod rates;
pub mod routes;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod tron;
pub mod validate;
pub mod world;

pub use demo::{
    DEMO_API_KEY, DEMO_COMPANY_ID, DEMO_EMAIL, DEMO_PASSWORD, DEMO_QR_AFFORDABLE, DEMO_QR_STATIC,
    DEMO_QR_TOO_EXPENSIVE, INACTIVE_API_KEY, INACTIVE_EMAIL,
};
pub use state::{AppConfig, AppState};

use crate::{conn::KillSwitch, errors::ApiError};

/// How to run the sandbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub host: IpAddr,
    /// API port; 0 picks a free one.
    pub port: u16,
    /// Serve the `/_sandbox/*` routes.
    pub control: bool,
    /// Allowed CORS origins; empty: any.
    pub cors_origins: Vec<String>,
    /// Also serve a built portal from this directory.
    pub static_dir: Option<PathBuf>,
    pub static_port: u16,
    /// Serve the generated `/config.json` even when the directory has one.
    pub config_json_override: bool,
    /// Largest page GET /orders serves (the contract's 100; more only for benchmarks).
    pub max_page_size: u32,
    /// Require `X-Sandbox-Token: T` on the `/_sandbox/*` routes; `None`: open.
    pub control_token: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8787,
            control: true,
            cors_origins: Vec::new(),
            static_dir: None,
            static_port: 8080,
            config_json_override: false,
            max_page_size: 100,
            control_token: None,
        }
    }
}

/// The whole HTTP application for `state`: API routes (with fault injection), control routes
/// (unless disabled; behind the control token when one is set), NestJS-style 404s, CORS around
/// everything (so fault and 401 answers carry CORS headers too).
pub fn app(state: AppState) -> Router {
    let api = routes::router().layer(middleware::from_fn_with_state(
        state.clone(),
        faults::inject,
    ));
    let control = state.config().control;
    let router = if control {
        api.merge(control::router())
    } else {
        api
    };
    let router = router
        .fallback(not_found)
        .method_not_allowed_fallback(not_found);
    // Around the fallback too, so an unknown /_sandbox path answers 401, not 404.
    let router = if control && state.config().control_token.is_some() {
        router.layer(middleware::from_fn_with_state(
            state.clone(),
            control_token::require,
        ))
    } else {
        router
    };
    router
        .layer(cors::layer(&state.config().cors_origins))
        .with_state(state)
}

/// NestJS answers an unknown route (or method) with 404 `Cannot GET /path`.
async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("Cannot {} {}", method, uri.path()))
}

/// A running sandbox. Dropping it stops the servers too.
pub struct SandboxHandle {
    pub state: AppState,
    static_addr: Option<SocketAddr>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl SandboxHandle {
    /// Where the static portal server listens, when one was asked for.
    pub fn static_addr(&self) -> Option<SocketAddr> {
        self.static_addr
    }

    /// Stops accepting, lets requests in flight finish (at most 5 s), and returns.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        let tasks = std::mem::take(&mut self.tasks);
        let all = async {
            for t in tasks {
                let _ = t.await;
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(5), all).await;
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn stopped(mut rx: watch::Receiver<bool>) {
    while !*rx.borrow_and_update() {
        if rx.changed().await.is_err() {
            return;
        }
    }
}

/// The base URL a browser should use for the API at `addr` (an unspecified address becomes
/// 127.0.0.1).
pub fn api_base_url(addr: SocketAddr) -> String {
    let host = if addr.ip().is_unspecified() {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        addr.ip()
    };
    format!("http://{}", SocketAddr::new(host, addr.port()))
}

/// Binds and starts the API server (and the static server when `static_dir` is set) on the
/// current Tokio runtime. Returns the API address and a handle.
pub async fn spawn(opts: Options) -> io::Result<(SocketAddr, SandboxHandle)> {
    let state = AppState::new(AppConfig {
        control: opts.control,
        cors_origins: opts.cors_origins.clone(),
        max_page_size: i64::from(opts.max_page_size),
        control_token: opts.control_token.clone(),
    });
    let listener = TcpListener::bind(SocketAddr::new(opts.host, opts.port)).await?;
    let addr = listener.local_addr()?;
    let (stop, rx) = watch::channel(false);
    let mut tasks = Vec::new();

    let service = app(state.clone()).into_make_service_with_connect_info::<KillSwitch>();
    let api_stop = stopped(rx.clone());
    tasks.push(tokio::spawn(async move {
        let _ = axum::serve(conn::KillableListener(listener), service)
            .with_graceful_shutdown(api_stop)
            .await;
    }));

    let mut static_addr = None;
    if let Some(dir) = opts.static_dir.clone() {
        let listener = TcpListener::bind(SocketAddr::new(opts.host, opts.static_port)).await?;
        static_addr = Some(listener.local_addr()?);
        let router = static_files::router(
            dir,
            static_files::GeneratedConfig {
                api_base_url: api_base_url(addr),
                max_page_size: opts.max_page_size,
            },
            opts.config_json_override,
        );
        let static_stop = stopped(rx);
        tasks.push(tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(static_stop)
                .await;
        }));
    }
    Ok((
        addr,
        SandboxHandle {
            state,
            static_addr,
            stop,
            tasks,
        },
    ))
}
