//! Fault injection: every kind, matching rules, counting, clearing; never on /_sandbox.

use std::time::{Duration, Instant};

use lumo_api::models::{Order, Quote};
use lumo_sandbox::{DEMO_API_KEY, DEMO_QR_AFFORDABLE};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{start, Sb};

async fn quote(sb: &Sb) -> Quote {
    sb.post("/orders/prepare", json!({"qrCode": DEMO_QR_AFFORDABLE}))
        .await
        .expect(201)
        .typed()
}

async fn order_count(sb: &Sb) -> u64 {
    sb.state().await["orders"].as_u64().expect("orders count")
}

/// How many orders of the demo company's list have this id.
async fn listed(sb: &Sb, id: &str) -> usize {
    sb.all_orders("")
        .await
        .iter()
        .filter(|o| o.id == id)
        .count()
}

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
async fn drop_after_keeps_the_effect_and_a_retry_with_the_same_key_gets_the_same_order() {
    let sb = start().await;
    let q = quote(&sb).await;
    let orders_before = order_count(&sb).await;
    let frozen_before = sb.balance().await.frozen_balance.unwrap_or_default();
    fault(
        &sb,
        json!({"method": "POST", "path": "/orders/accept/*", "fault": "drop-after", "times": 1}),
    )
    .await;
    let err = sb
        .call(Method::POST, &format!("/orders/accept/{}", q.id))
        .header("Idempotency-Key", "drop-after-1")
        .try_send()
        .await
        .expect_err("no answer, the connection is dropped");
    assert!(!err.is_timeout(), "{err:?}");
    assert!(
        err.is_request() || err.is_connect() || err.is_body(),
        "{err:?}"
    );

    // The server did the work: the order exists, exactly once, with the amount frozen.
    let order: Order = sb
        .get(&format!("/orders/{}", q.id))
        .await
        .expect(200)
        .typed();
    assert_eq!(order.id, q.id);
    assert_eq!(order.amount_usdt, q.amount_usdt);
    assert_eq!(order_count(&sb).await, orders_before + 1);
    assert_eq!(listed(&sb, &q.id).await, 1);
    let frozen_after = sb.balance().await.frozen_balance.unwrap_or_default();
    assert_eq!(frozen_after, frozen_before + q.amount_usdt);

    // The client's retry with the same key gets the stored answer, not a second order.
    let retry = sb
        .call(Method::POST, &format!("/orders/accept/{}", q.id))
        .header("Idempotency-Key", "drop-after-1")
        .send()
        .await;
    retry.expect(201);
    let again: Order = retry.typed();
    assert_eq!(again.id, order.id);
    assert_eq!(again.created_at, order.created_at);
    assert_eq!(order_count(&sb).await, orders_before + 1);
    assert_eq!(listed(&sb, &q.id).await, 1);
    assert_eq!(
        sb.balance().await.frozen_balance.unwrap_or_default(),
        frozen_after,
        "frozen once"
    );
    // The fault was used up.
    let r = sb.control(Method::GET, "/_sandbox/faults", None).await;
    assert_eq!(r.json, json!([]));
}

#[tokio::test]
async fn delay_after_does_the_work_first_and_answers_late() {
    let sb = start().await;
    let q = quote(&sb).await;
    let orders_before = order_count(&sb).await;
    fault(
        &sb,
        json!({"method": "POST", "path": "/orders/accept/*", "fault": "delay-after:1500", "times": 2}),
    )
    .await;
    let url = format!("{}/orders/accept/{}", sb.base, q.id);
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let t = Instant::now();
    let err = impatient
        .post(&url)
        .header("X-API-Key", DEMO_API_KEY)
        .header("Idempotency-Key", "delay-after-1")
        .send()
        .await
        .expect_err("the client gives up first");
    assert!(err.is_timeout(), "{err:?}");

    // Still within the delay: the order already exists.
    let order: Order = sb
        .get(&format!("/orders/{}", q.id))
        .await
        .expect(200)
        .typed();
    assert!(
        t.elapsed() < Duration::from_millis(1500),
        "seen during the delay: {:?}",
        t.elapsed()
    );
    assert_eq!(order.id, q.id);
    assert_eq!(order_count(&sb).await, orders_before + 1);

    // A patient retry (same key) waits the full delay, then gets the same order.
    let t = Instant::now();
    let r = sb
        .call(Method::POST, &format!("/orders/accept/{}", q.id))
        .header("Idempotency-Key", "delay-after-1")
        .send()
        .await;
    let waited = t.elapsed();
    r.expect(201);
    assert!(waited >= Duration::from_millis(1500), "{waited:?}");
    assert_eq!(r.typed::<Order>().id, order.id);
    assert_eq!(order_count(&sb).await, orders_before + 1);
    assert_eq!(listed(&sb, &q.id).await, 1);
    // Used up: the next answer is immediate.
    let t = Instant::now();
    sb.call(Method::POST, &format!("/orders/accept/{}", q.id))
        .header("Idempotency-Key", "delay-after-1")
        .send()
        .await
        .expect(201);
    assert!(
        t.elapsed() < Duration::from_millis(1500),
        "{:?}",
        t.elapsed()
    );
}

#[tokio::test]
async fn redirect_answers_307_with_cors_and_does_not_run_the_handler() {
    let sb = start().await;
    let location = "http://127.0.0.1:9/elsewhere?x=1:2";
    let r = sb
        .control(
            Method::POST,
            "/_sandbox/faults",
            Some(json!({"method": "POST", "path": "/orders/prepare", "fault": format!("redirect:{location}"), "times": 1})),
        )
        .await;
    r.expect(201);
    assert_eq!(r.json["fault"], json!(format!("redirect:{location}")));
    let quotes_before = sb.state().await["quotes"].as_u64().unwrap();

    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let resp = no_follow
        .post(format!("{}/orders/prepare", sb.base))
        .header("X-API-Key", DEMO_API_KEY)
        .header("Origin", "http://portal.test")
        .header("content-type", "application/json")
        .body(json!({"qrCode": DEMO_QR_AFFORDABLE}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 307);
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    assert_eq!(header("location").as_deref(), Some(location));
    assert_eq!(
        header("access-control-allow-origin").as_deref(),
        Some("*"),
        "the redirect carries CORS"
    );
    assert_eq!(
        sb.state().await["quotes"].as_u64().unwrap(),
        quotes_before,
        "no quote was made"
    );
    // Used once; the route works again.
    quote(&sb).await;
    assert_eq!(
        sb.state().await["quotes"].as_u64().unwrap(),
        quotes_before + 1
    );
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
        json!({"path": "/orders", "fault": "delay-after:120001"}),
        json!({"path": "/orders", "fault": "delay-after:soon"}),
        json!({"path": "/orders", "fault": "drop-after:1"}),
        json!({"path": "/orders", "fault": "redirect:"}),
        json!({"path": "/orders", "fault": "redirect:/x\r\nSet-Cookie: a=b"}),
        json!({"path": "/orders", "fault": "redirect:/a b"}),
    ] {
        sb.control(Method::POST, "/_sandbox/faults", Some(bad))
            .await
            .expect(400);
    }
    let r = sb
        .control(
            Method::POST,
            "/_sandbox/faults",
            Some(json!({"path": "/orders", "fault": "explode"})),
        )
        .await;
    r.expect(400);
    for kind in ["drop-after", "delay-after:<ms>", "redirect:<location>"] {
        assert!(r.message_text().contains(kind), "{}", r.text);
    }
    assert_eq!(
        sb.control(Method::GET, "/_sandbox/faults", None).await.json,
        json!([]),
        "nothing invalid was stored"
    );
}
