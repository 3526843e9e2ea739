//! Control routes: reset, rotate-key, state, seed, clock, company activation, --no-control.

use lumo_api::models::{AuthResponse, Dispute, Order};
use lumo_sandbox::{Options, DEMO_API_KEY, DEMO_EMAIL, DEMO_PASSWORD};
use reqwest::Method;
use serde_json::json;

use crate::common::{start, start_with};

#[tokio::test]
async fn reset_restores_the_seed_the_key_the_clock_and_clears_faults() {
    let sb = start().await;
    let initial = sb.state().await;
    assert_eq!(initial["clockOffsetSeconds"], json!(0));
    let auth: AuthResponse = sb
        .call(Method::POST, "/auth/company/login")
        .no_key()
        .json(json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}))
        .send()
        .await
        .expect(200)
        .typed();
    sb.get("/orders").await.expect(401);
    sb.call(Method::POST, "/user-wallets")
        .key(&auth.api_key)
        .json(json!({"externalId": "temp"}))
        .send()
        .await
        .expect(201);
    sb.advance(3600).await;
    sb.control(
        Method::POST,
        "/_sandbox/faults",
        Some(json!({"path": "/disputes", "fault": "status:500"})),
    )
    .await
    .expect(201);
    assert_eq!(sb.state().await["faults"], json!(1));

    let r = sb.control(Method::POST, "/_sandbox/reset", None).await;
    r.expect(204);
    let after = sb.state().await;
    for k in [
        "orders",
        "disputes",
        "deposits",
        "userWallets",
        "userDeposits",
        "companies",
    ] {
        assert_eq!(after[k], initial[k], "{k}");
    }
    assert_eq!(after["clockOffsetSeconds"], json!(0));
    assert_eq!(after["faults"], json!(0));
    sb.get("/orders").await.expect(200);
    sb.get("/disputes").await.expect(200);
    sb.call(Method::GET, "/orders")
        .key(&auth.api_key)
        .send()
        .await
        .expect(401);
}

#[tokio::test]
async fn state_never_leaks_keys_and_rotate_key_invalidates_the_demo_key() {
    let sb = start().await;
    let r = sb.control(Method::GET, "/_sandbox/state", None).await;
    r.expect(200);
    assert!(!r.text.contains("lb2b_"), "{}", r.text);
    for k in [
        "orders",
        "disputes",
        "deposits",
        "userWallets",
        "userDeposits",
    ] {
        assert!(r.json[k].as_u64().unwrap() > 0, "{k}");
    }
    let r = sb.control(Method::POST, "/_sandbox/rotate-key", None).await;
    r.expect(204);
    assert!(r.text.is_empty());
    let r = sb.get("/auth/company/profile").await;
    r.expect(401);
    assert_eq!(r.message_text(), "Invalid API key");
    sb.control(Method::POST, "/_sandbox/reset", None)
        .await
        .expect(204);
    assert!(sb
        .call(Method::GET, "/orders")
        .key(DEMO_API_KEY)
        .send()
        .await
        .status
        .is_success());
}

#[tokio::test]
async fn seed_adds_data_and_lists_stay_newest_first() {
    let sb = start().await;
    let before = sb.state().await;
    let r = sb
        .control(
            Method::POST,
            "/_sandbox/seed",
            Some(json!({"orders": 1500, "disputes": 60})),
        )
        .await;
    r.expect(200);
    assert_eq!(
        r.json["orders"].as_u64().unwrap(),
        before["orders"].as_u64().unwrap() + 1500
    );
    assert_eq!(
        r.json["disputes"].as_u64().unwrap(),
        before["disputes"].as_u64().unwrap() + 60
    );
    let all = sb.all_orders("").await;
    assert_eq!(all.len() as u64, r.json["orders"].as_u64().unwrap());
    assert!(all.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    let disputes: Vec<Dispute> = sb.get("/disputes").await.expect(200).typed();
    assert_eq!(disputes.len() as u64, r.json["disputes"].as_u64().unwrap());
    assert!(disputes
        .windows(2)
        .all(|w| w[0].created_at >= w[1].created_at));
    let ids: std::collections::HashSet<&str> =
        disputes.iter().map(|d| d.order_id.as_str()).collect();
    assert_eq!(ids.len(), disputes.len(), "one dispute per order");
    // Seeding again adds different data.
    sb.control(Method::POST, "/_sandbox/seed", Some(json!({"orders": 10})))
        .await
        .expect(200);
    let ids: std::collections::HashSet<String> =
        sb.all_orders("").await.into_iter().map(|o| o.id).collect();
    assert_eq!(ids.len(), all.len() + 10);
    sb.control(Method::POST, "/_sandbox/seed", Some(json!({"orders": -1})))
        .await
        .expect(400);
}

#[tokio::test]
async fn clock_advance_validates_and_reports() {
    let sb = start().await;
    let r = sb
        .control(
            Method::POST,
            "/_sandbox/clock/advance",
            Some(json!({"seconds": 90})),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json["offsetSeconds"], json!(90));
    let r = sb.control(Method::GET, "/_sandbox/clock", None).await;
    assert_eq!(r.json["offsetSeconds"], json!(90));
    for bad in [
        json!({"seconds": -5}),
        json!({}),
        json!({"seconds": "5"}),
        json!({"seconds": 1.5}),
    ] {
        sb.control(Method::POST, "/_sandbox/clock/advance", Some(bad))
            .await
            .expect(400);
    }
    sb.call(Method::POST, "/_sandbox/clock/advance")
        .no_key()
        .raw("{")
        .send()
        .await
        .expect(400);
}

#[tokio::test]
async fn company_can_be_deactivated() {
    let sb = start().await;
    sb.control(
        Method::POST,
        "/_sandbox/company",
        Some(json!({"isActive": false})),
    )
    .await
    .expect(204);
    let r = sb.get("/orders").await;
    r.expect(403);
    sb.control(
        Method::POST,
        "/_sandbox/company",
        Some(json!({"isActive": true})),
    )
    .await
    .expect(204);
    let _: Vec<Order> = sb.get("/orders").await.expect(200).typed();
}

#[tokio::test]
async fn no_control_hides_the_control_routes() {
    let sb = start_with(Options {
        port: 0,
        control: false,
        ..Options::default()
    })
    .await;
    for (method, path) in [
        (Method::GET, "/_sandbox/state"),
        (Method::POST, "/_sandbox/reset"),
        (Method::POST, "/_sandbox/faults"),
        (Method::POST, "/_sandbox/clock/advance"),
    ] {
        let r = sb
            .call(method, path)
            .no_key()
            .json(json!({"path": "/orders", "fault": "drop", "seconds": 1}))
            .send()
            .await;
        r.expect(404);
        assert!(r.message_text().starts_with("Cannot "));
    }
    sb.get("/orders").await.expect(200);
}

#[tokio::test]
async fn clock_advance_refuses_absurd_amounts_and_keeps_serving() {
    let sb = start().await;
    for (body, message) in [
        (
            json!({"seconds": u64::MAX}),
            "seconds must not be greater than",
        ),
        (
            json!({"seconds": i64::MAX}),
            "seconds must not be greater than",
        ),
        (
            json!({"seconds": i64::MIN}),
            "seconds must not be less than 0",
        ),
        (
            json!({"seconds": 1e300}),
            "seconds must be an integer number",
        ),
    ] {
        let r = sb
            .control(Method::POST, "/_sandbox/clock/advance", Some(body))
            .await;
        r.expect(400);
        assert!(r.message_text().contains(message), "{}", r.text);
    }
    let r = sb
        .call(Method::POST, "/_sandbox/clock/advance")
        .no_key()
        .raw(r#"{"seconds": 340282366920938463463374607431768211456}"#)
        .send()
        .await;
    r.expect(400);
    assert_eq!(sb.state().await["clockOffsetSeconds"], json!(0));

    // Ten-year steps up to the 100-year limit, then a clear refusal; the clock stays put.
    let step = 10 * 366 * 86_400;
    for _ in 0..10 {
        sb.advance(step).await;
    }
    let limit = lumo_sandbox::clock::MAX_OFFSET_SECONDS;
    assert_eq!(sb.state().await["clockOffsetSeconds"], json!(limit));
    for seconds in [1, step] {
        let r = sb
            .control(
                Method::POST,
                "/_sandbox/clock/advance",
                Some(json!({"seconds": seconds})),
            )
            .await;
        r.expect(400);
        assert_eq!(r.json["statusCode"], json!(400));
        assert!(
            r.message_text().contains("cannot be advanced that far"),
            "{}",
            r.text
        );
    }
    sb.advance(0).await;
    let clock = sb.control(Method::GET, "/_sandbox/clock", None).await;
    clock.expect(200);
    assert_eq!(clock.json["offsetSeconds"], json!(limit));
    // Everything still serves, a century ahead.
    sb.get("/orders").await.expect(200);
    sb.get("/rates/current").await.expect(200);
    sb.post(
        "/orders/prepare",
        json!({"qrCode": lumo_sandbox::DEMO_QR_AFFORDABLE}),
    )
    .await
    .expect(201);
    sb.control(Method::POST, "/_sandbox/reset", None)
        .await
        .expect(204);
    assert_eq!(sb.state().await["clockOffsetSeconds"], json!(0));
}

#[tokio::test]
async fn deposits_that_would_overflow_a_balance_are_400() {
    let sb = start().await;
    {
        let mut db = sb.handle.state.raw_db();
        let c = db
            .company_mut(lumo_sandbox::DEMO_COMPANY_ID)
            .expect("demo company");
        c.usdt_balance = rust_decimal::Decimal::MAX;
    }
    for status in ["confirmed", "pending"] {
        let r = sb
            .control(
                Method::POST,
                "/_sandbox/deposits",
                Some(json!({"amount": 1000, "currency": "USDT", "status": status})),
            )
            .await;
        r.expect(400);
        assert!(r.message_text().contains("overflow"), "{}", r.text);
    }
    let r = sb.get("/wallets/balance").await;
    r.expect(200);
    assert!(
        r.text
            .contains(&format!("\"usdtBalance\":{}", rust_decimal::Decimal::MAX)),
        "unchanged: {}",
        r.text
    );
    sb.control(
        Method::POST,
        "/_sandbox/deposits",
        Some(json!({"amount": 5, "currency": "TRX"})),
    )
    .await
    .expect(201);
    sb.get("/orders").await.expect(200);
}
