//! Optional static server for a built portal: files from a directory, `index.html` for any
//! path without a file (single-page app routing), and a `/config.json` that points the portal
//! at this sandbox (unless the directory has its own and no override was asked for).

use std::path::PathBuf;

use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use serde_json::json;
use tower_http::services::{ServeDir, ServeFile};

#[derive(Clone)]
struct StaticConfig {
    dir: PathBuf,
    generated: GeneratedConfig,
    override_config: bool,
}

/// What the generated config.json tells the portal about this sandbox.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedConfig {
    pub api_base_url: String,
    pub max_page_size: u32,
}

/// The generated config.json (`maxPageSize` only when it differs from the contract's 100).
pub fn config_json(cfg: &GeneratedConfig) -> serde_json::Value {
    let mut config = json!({
        "environments": [
            {"id": "sandbox", "name": "Sandbox", "apiBaseUrl": cfg.api_base_url}
        ],
        "defaultEnvironment": "sandbox"
    });
    if cfg.max_page_size != 100 {
        config["maxPageSize"] = json!(cfg.max_page_size);
    }
    config
}

pub fn router(dir: PathBuf, generated: GeneratedConfig, override_config: bool) -> Router {
    let files = ServeDir::new(&dir).fallback(ServeFile::new(dir.join("index.html")));
    Router::new()
        .route("/config.json", get(config))
        .with_state(StaticConfig {
            dir,
            generated,
            override_config,
        })
        .fallback_service(files)
}

async fn config(State(cfg): State<StaticConfig>) -> Response {
    let own = cfg.dir.join("config.json");
    let body = if !cfg.override_config && own.is_file() {
        match tokio::fs::read(&own).await {
            Ok(bytes) => bytes,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    } else {
        config_json(&cfg.generated).to_string().into_bytes()
    };
    let mut resp = (StatusCode::OK, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}
