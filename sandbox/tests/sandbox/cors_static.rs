//! CORS (any origin by default, or a list), and the optional static portal server.

use std::path::PathBuf;

use lumo_sandbox::Options;
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{start, start_with};

#[tokio::test]
async fn preflight_allows_the_portal_headers() {
    let sb = start().await;
    for path in [
        "/orders/accept/3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
        "/_sandbox/reset",
    ] {
        let r = sb
            .call(Method::OPTIONS, path)
            .no_key()
            .no_contract()
            .header("Origin", "https://portal.example")
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "x-api-key,content-type,idempotency-key,authorization",
            )
            .send()
            .await;
        assert!(r.status.is_success(), "{}", r.code());
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
        let allowed = r
            .header("access-control-allow-headers")
            .unwrap()
            .to_ascii_lowercase();
        for h in [
            "x-api-key",
            "content-type",
            "idempotency-key",
            "authorization",
        ] {
            assert!(allowed.contains(h), "{allowed}");
        }
        let methods = r.header("access-control-allow-methods").unwrap();
        assert!(
            methods.contains("PATCH") && methods.contains("POST"),
            "{methods}"
        );
    }
    let r = sb
        .call(Method::GET, "/orders?limit=1")
        .header("Origin", "https://portal.example")
        .send()
        .await;
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert!(r
        .header("access-control-expose-headers")
        .unwrap()
        .contains("retry-after"));
    let r = sb
        .call(Method::GET, "/orders")
        .no_key()
        .header("Origin", "https://portal.example")
        .send()
        .await;
    r.expect(401);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*"),
        "errors carry CORS"
    );
}

#[tokio::test]
async fn cors_origin_list_is_enforced() {
    let sb = start_with(Options {
        port: 0,
        cors_origins: vec![
            "http://127.0.0.1:8080".into(),
            "https://portal.example".into(),
        ],
        ..Options::default()
    })
    .await;
    let r = sb
        .call(Method::GET, "/rates/current")
        .header("Origin", "https://portal.example")
        .send()
        .await;
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://portal.example")
    );
    let r = sb
        .call(Method::GET, "/rates/current")
        .header("Origin", "https://evil.example")
        .send()
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lumo-sandbox-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    dir
}

async fn text(url: String) -> (u16, String, String) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, ct, r.text().await.unwrap())
}

#[tokio::test]
async fn static_server_serves_the_portal_with_spa_fallback_and_config() {
    let dir = temp_dir("spa");
    let sb = start_with(Options {
        port: 0,
        static_dir: Some(dir.clone()),
        static_port: 0,
        ..Options::default()
    })
    .await;
    let base = format!("http://{}", sb.handle.static_addr().unwrap());
    let (s, ct, body) = text(format!("{base}/")).await;
    assert_eq!(
        (s, body.as_str()),
        (200, "<!doctype html><title>portal</title>")
    );
    assert!(ct.starts_with("text/html"));
    let (s, _, body) = text(format!(
        "{base}/orders/3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b"
    ))
    .await;
    assert_eq!(s, 200);
    assert!(body.contains("portal"), "SPA fallback to index.html");
    let (s, ct, body) = text(format!("{base}/assets/app.js")).await;
    assert_eq!((s, body.as_str()), (200, "console.log(1)"));
    assert!(ct.contains("javascript"), "{ct}");
    let (s, _, body) = text(format!("{base}/config.json")).await;
    assert_eq!(s, 200);
    let cfg: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        cfg,
        json!({"environments": [{"id": "sandbox", "name": "Sandbox", "apiBaseUrl": sb.base}], "defaultEnvironment": "sandbox"})
    );

    // The directory's own config.json wins, unless overridden.
    std::fs::write(
        dir.join("config.json"),
        r#"{"environments":[],"defaultEnvironment":"x"}"#,
    )
    .unwrap();
    let (_, _, body) = text(format!("{base}/config.json")).await;
    assert_eq!(body, r#"{"environments":[],"defaultEnvironment":"x"}"#);
    let sb2 = start_with(Options {
        port: 0,
        static_dir: Some(dir.clone()),
        static_port: 0,
        config_json_override: true,
        ..Options::default()
    })
    .await;
    let (_, _, body) = text(format!(
        "http://{}/config.json",
        sb2.handle.static_addr().unwrap()
    ))
    .await;
    let cfg: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(cfg["environments"][0]["apiBaseUrl"], json!(sb2.base));
    sb2.handle.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn max_page_size_widens_the_orders_page_and_says_so_in_config_json() {
    let dir = temp_dir("pages");
    let sb = start_with(Options {
        port: 0,
        static_dir: Some(dir.clone()),
        static_port: 0,
        max_page_size: 1000,
        ..Options::default()
    })
    .await;
    // The seed has 240 orders: all of them come in one page.
    let orders = sb.get("/orders?limit=1000").await;
    orders.expect(200);
    assert_eq!(orders.json.as_array().map(Vec::len), Some(240));
    sb.get("/orders?limit=1001").await.expect(400);
    // The other lists keep the contract's bound.
    sb.get("/user-wallets?limit=101").await.expect(400);
    let (_, _, body) = text(format!(
        "http://{}/config.json",
        sb.handle.static_addr().unwrap()
    ))
    .await;
    let cfg: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(cfg["maxPageSize"], json!(1000));
    sb.handle.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let sb = start().await;
    let base = sb.base.clone();
    sb.get("/rates/current").await.expect(200);
    sb.handle.shutdown().await;
    let r = reqwest::Client::new()
        .get(format!("{base}/rates/current"))
        .send()
        .await;
    assert!(r.is_err(), "{r:?}");
}
