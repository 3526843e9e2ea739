//! Fault injection: every kind, matching rules, counting, clearing; never on /_sandbox.

use std::time::Instant;

use lumo_api::models::Order;
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{start, Sb};

async fn fault(sb: &Sb, body: Value) {
    sb.control(Method::POST, "/_sandbox/faults", Some(body))
        .await
        .expect(201);
}

#[tokio::test]
async fn status_faults_answer_with_a_nestjs_body_and_count_down() {
    let sb = start().await;
    fault(
        &sb,
        json!({"path": "/orders", "fault": "status:503", "times": 2}),
    )
    .await;
    for _ in 0..2 {
        let r = sb
            .call(Method::GET, "/orders")
            .no_contract()
            .header("Origin", "http://portal.test")
            .send()
            .await;
        r.expect(503);
        assert_eq!(r.json["statusCode"], json!(503));
        assert_eq!(r.json["error"], json!("Service Unavailable"));
        assert!(r.json["message"].is_string());
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*"),
            "faults carry CORS"
        );
    }
    sb.get("/orders").await.expect(200);

    fault(&sb, json!({"method": "get", "path": "/rates/current", "fault": "status:429:retry-after=2", "times": 1})).await;
    let r = sb
        .call(Method::GET, "/rates/current")
        .header("Origin", "http://portal.test")
        .send()
        .await;
    r.expect(429);
    assert_eq!(r.header("retry-after").as_deref(), Some("2"));
    assert!(r
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .contains("retry-after"));
    sb.get("/rates/current").await.expect(200);
}

#[tokio::test]
async fn latency_then_normal_service() {
    let sb = start().await;
    fault(
        &sb,
        json!({"path": "/disputes", "fault": "latency:500", "times": 1}),
    )
    .await;
    let t = Instant::now();
    sb.get("/disputes").await.expect(200);
    assert!(t.elapsed().as_millis() >= 500, "{:?}", t.elapsed());
    let t = Instant::now();
    sb.get("/disputes").await.expect(200);
    assert!(t.elapsed().as_millis() < 500);
}

#[tokio::test]
async fn malformed_and_wrong_shape_bodies() {
    let sb = start().await;
    fault(
        &sb,
        json!({"path": "/wallets/balance", "fault": "malformed", "times": 1}),
    )
    .await;
    let r = sb
        .call(Method::GET, "/wallets/balance")
        .no_contract()
        .send()
        .await;
    r.expect(200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(
        serde_json::from_str::<Value>(&r.text).is_err(),
        "truncated: {}",
        r.text
    );

    fault(
        &sb,
        json!({"path": "/orders", "fault": "wrong-shape", "times": 1}),
    )
    .await;
    let r = sb.call(Method::GET, "/orders").no_contract().send().await;
    r.expect(200);
    assert_eq!(r.json, json!({"unexpected": true}));
    assert!(serde_json::from_value::<Vec<Order>>(r.json.clone()).is_err());
    sb.get("/orders").await.expect(200);
}

#[tokio::test]
async fn drop_closes_the_connection_without_a_response() {
    let sb = start().await;
    fault(&sb, json!({"path": "/orders", "fault": "drop", "times": 1})).await;
    let err = sb
        .call(Method::GET, "/orders")
        .try_send()
        .await
        .expect_err("connection dropped");
    assert!(!err.is_timeout(), "{err:?}");
    assert!(
        err.is_request() || err.is_connect() || err.is_body(),
        "{err:?}"
    );
    // The fault was used once; the server is fine.
    sb.get("/orders").await.expect(200);
    // A fresh client sees the same.
    fault(
        &sb,
        json!({"method": "POST", "path": "/orders/*", "fault": "drop"}),
    )
    .await;
    let fresh = reqwest::Client::new();
    let e = fresh
        .post(format!("{}/orders/prepare", sb.base))
        .send()
        .await;
    assert!(e.is_err(), "{e:?}");
    sb.get("/orders").await.expect(200);
}

#[tokio::test]
async fn matching_rules_and_clearing() {
    let sb = start().await;
    // Method filter.
    fault(
        &sb,
        json!({"method": "POST", "path": "/user-wallets", "fault": "status:500"}),
    )
    .await;
    sb.get("/user-wallets").await.expect(200);
    sb.call(Method::POST, "/user-wallets")
        .no_contract()
        .json(json!({"externalId": "a"}))
        .send()
        .await
        .expect(500);
    // Prefix with *.
    fault(
        &sb,
        json!({"path": "/user-wallets/*", "fault": "status:502"}),
    )
    .await;
    sb.call(Method::GET, "/user-wallets/blocked")
        .no_contract()
        .send()
        .await
        .expect(502);
    sb.call(Method::GET, "/user-wallets/user-1001/deposits")
        .no_contract()
        .send()
        .await
        .expect(502);
    sb.get("/user-wallets").await.expect(200);
    // Unlimited until cleared; listed.
    let r = sb.control(Method::GET, "/_sandbox/faults", None).await;
    assert_eq!(r.json.as_array().unwrap().len(), 2);
    assert_eq!(
        r.json[1],
        json!({"method": null, "path": "/user-wallets/*", "fault": "status:502", "times": null})
    );
    sb.control(Method::DELETE, "/_sandbox/faults", None)
        .await
        .expect(204);
    sb.get("/user-wallets/blocked").await.expect(200);

    // A catch-all fault never touches the control routes.
    fault(&sb, json!({"path": "/*", "fault": "status:503"})).await;
    sb.control(Method::GET, "/_sandbox/state", None)
        .await
        .expect(200);
    sb.call(Method::GET, "/disputes")
        .no_contract()
        .send()
        .await
        .expect(503);
    sb.control(Method::POST, "/_sandbox/reset", None)
        .await
        .expect(204);
    sb.get("/disputes").await.expect(200);

    for bad in [
        json!({"path": "/orders", "fault": "explode"}),
        json!({"path": "/orders", "fault": "status:200"}),
        json!({"path": "orders", "fault": "drop"}),
        json!({"path": "/_sandbox/state", "fault": "drop"}),
        json!({"fault": "drop"}),
        json!({"path": "/orders", "fault": "drop", "times": 0}),
    ] {
        sb.control(Method::POST, "/_sandbox/faults", Some(bad))
            .await
            .expect(400);
    }
}
