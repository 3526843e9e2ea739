//! `--control-token`: the control routes require `X-Sandbox-Token`; the API never does.

use lumo_sandbox::{Options, DEMO_API_KEY};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{start, start_with, Resp, Sb};

const TOKEN: &str = "s3cret-Token_42";

async fn with_token() -> Sb {
    start_with(Options {
        port: 0,
        control_token: Some(TOKEN.into()),
        ..Options::default()
    })
    .await
}

/// A control request with `token` as `X-Sandbox-Token` (none: no header).
async fn send(sb: &Sb, method: Method, path: &str, body: Value, token: Option<&str>) -> Resp {
    let mut c = sb.call(method, path).no_key().json(body);
    if let Some(t) = token {
        c = c.header("X-Sandbox-Token", t);
    }
    c.send().await
}

#[track_caller]
fn assert_401(r: &Resp, message: &str) {
    r.expect(401);
    assert_eq!(
        r.json,
        json!({"statusCode": 401, "message": message, "error": "Unauthorized"}),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn control_routes_need_the_token_and_do_nothing_without_it() {
    let sb = with_token().await;
    let initial = sb.state().await;
    assert_eq!(initial["faults"], json!(0));
    let routes: [(Method, &str, Value); 9] = [
        (Method::POST, "/_sandbox/reset", json!({})),
        (Method::GET, "/_sandbox/state", json!({})),
        (Method::GET, "/_sandbox/clock", json!({})),
        (
            Method::POST,
            "/_sandbox/clock/advance",
            json!({"seconds": 3600}),
        ),
        (
            Method::POST,
            "/_sandbox/faults",
            json!({"path": "/orders", "fault": "status:500"}),
        ),
        (Method::POST, "/_sandbox/seed", json!({"orders": 5})),
        (Method::POST, "/_sandbox/rotate-key", json!({})),
        (
            Method::POST,
            "/_sandbox/company",
            json!({"isActive": false}),
        ),
        (Method::GET, "/_sandbox/not-a-route", json!({})),
    ];
    for (method, path, body) in &routes {
        let missing = send(&sb, method.clone(), path, body.clone(), None).await;
        assert_401(&missing, "X-Sandbox-Token header is required");
        for wrong in ["s3cret-Token_43", "s3cret", "s3cret-Token_42x", "x"] {
            let r = send(&sb, method.clone(), path, body.clone(), Some(wrong)).await;
            assert_401(&r, "Invalid X-Sandbox-Token");
        }
    }
    // None of them had an effect: no clock offset, no fault, no extra orders, the key and the
    // company unchanged.
    let state = sb.control(Method::GET, "/_sandbox/state", None).await;
    state.expect(200);
    assert_eq!(state.json["clockOffsetSeconds"], json!(0));
    assert_eq!(state.json["faults"], json!(0));
    assert_eq!(state.json["orders"], initial["orders"]);
    // Neither rotated away nor deactivated.
    sb.get("/orders").await.expect(200);

    // With the right token every one works (the unknown path is then a NestJS 404).
    let expected = [204, 200, 200, 200, 201, 200, 204, 204, 404];
    for ((method, path, body), code) in routes.iter().zip(expected) {
        send(&sb, method.clone(), path, body.clone(), Some(TOKEN))
            .await
            .expect(code);
    }
    let state = sb.state().await;
    assert_eq!(state["clockOffsetSeconds"], json!(3600));
    assert_eq!(state["faults"], json!(1));
}

#[tokio::test]
async fn api_routes_ignore_the_token() {
    let sb = with_token().await;
    sb.get("/orders").await.expect(200);
    sb.call(Method::GET, "/orders")
        .header("X-Sandbox-Token", "wrong")
        .send()
        .await
        .expect(200);
    sb.call(Method::GET, "/orders")
        .no_key()
        .send()
        .await
        .expect(401);
    assert!(sb
        .call(Method::GET, "/rates/current")
        .key(DEMO_API_KEY)
        .send()
        .await
        .status
        .is_success());
}

#[tokio::test]
async fn the_401_and_the_preflight_are_cors_enabled() {
    let sb = with_token().await;
    let r = sb
        .call(Method::POST, "/_sandbox/reset")
        .no_key()
        .header("Origin", "http://portal.test")
        .send()
        .await;
    r.expect(401);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    let r = sb
        .call(Method::OPTIONS, "/_sandbox/reset")
        .no_key()
        .header("Origin", "http://portal.test")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "x-sandbox-token,content-type",
        )
        .send()
        .await;
    assert!(r.status.is_success(), "{} {}", r.code(), r.text);
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(allowed.contains("x-sandbox-token"), "{allowed}");
}

#[tokio::test]
async fn without_a_token_the_control_routes_are_open() {
    let sb = start().await;
    for token in [None, Some("anything")] {
        send(&sb, Method::GET, "/_sandbox/state", json!({}), token)
            .await
            .expect(200);
        send(&sb, Method::POST, "/_sandbox/reset", json!({}), token)
            .await
            .expect(204);
    }
    send(
        &sb,
        Method::POST,
        "/_sandbox/clock/advance",
        json!({"seconds": 60}),
        None,
    )
    .await
    .expect(200);
    assert_eq!(sb.state().await["clockOffsetSeconds"], json!(60));
}
