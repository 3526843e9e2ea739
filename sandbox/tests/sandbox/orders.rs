//! Rates, quotes, accept (idempotency, expiry, balance), order lists and lookups.

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Order, OrderStatus, Quote, Rate};
use lumo_sandbox::{DEMO_QR_AFFORDABLE, DEMO_QR_STATIC, DEMO_QR_TOO_EXPENSIVE};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

use crate::common::{round2, start, Sb};

async fn quote(sb: &Sb, qr: &str) -> Quote {
    sb.post("/orders/prepare", json!({"qrCode": qr}))
        .await
        .expect(201)
        .typed()
}

async fn accept(sb: &Sb, id: &str, key: Option<&str>) -> crate::common::Resp {
    let mut c = sb.call(Method::POST, &format!("/orders/accept/{id}"));
    if let Some(k) = key {
        c = c.header("Idempotency-Key", k);
    }
    c.send().await
}

#[tokio::test]
async fn rate_applies_the_company_offset_and_drifts_with_the_clock() {
    let sb = start().await;
    let r: Rate = sb.get("/rates/current").await.expect(200).typed();
    assert_eq!(r.qr_rate_offset_bps, 100);
    assert_eq!(r.effective_rate, round2(r.rate * Decimal::new(101, 2)));
    assert!(
        r.rate > Decimal::from(90) && r.rate < Decimal::from(100),
        "{}",
        r.rate
    );
    assert_eq!(r.rate.scale(), 2);
    let mut seen = vec![r.rate];
    for _ in 0..8 {
        sb.advance(15).await;
        let next: Rate = sb.get("/rates/current").await.expect(200).typed();
        assert!((next.rate - r.rate).abs() < Decimal::from(5));
        seen.push(next.rate);
    }
    seen.dedup();
    assert!(seen.len() > 1, "the rate drifts: {seen:?}");
}

#[tokio::test]
async fn prepare_prices_the_qr() {
    let sb = start().await;
    let before: Rate = sb.get("/rates/current").await.expect(200).typed();
    let q = quote(&sb, DEMO_QR_AFFORDABLE).await;
    let after: Rate = sb.get("/rates/current").await.expect(200).typed();
    assert_eq!(q.amount_rub, Decimal::new(500_000, 2));
    assert!(
        q.rate == before.effective_rate || q.rate == after.effective_rate,
        "quote rate is the effective rate"
    );
    assert_eq!(q.amount_usdt, round2(q.amount_rub / q.rate));
    assert!(q.is_balance_sufficient);
    assert_eq!(q.merchant_name, "OOO Romashka");
    let ttl = q.expires_at - Utc::now();
    assert!(
        ttl <= Duration::seconds(30) && ttl > Duration::seconds(25),
        "{ttl}"
    );

    let q2 = quote(&sb, DEMO_QR_TOO_EXPENSIVE).await;
    assert_eq!(q2.amount_rub, Decimal::new(5_000_000_000, 2));
    assert!(!q2.is_balance_sufficient);
    assert_ne!(q.id, q2.id);

    // With an externalOrderId, echoed on the order.
    let q3: Quote = sb
        .post(
            "/orders/prepare",
            json!({"qrCode": DEMO_QR_AFFORDABLE, "externalOrderId": "ORD-TEST-1"}),
        )
        .await
        .expect(201)
        .typed();
    let o: Order = accept(&sb, &q3.id, None).await.expect(201).typed();
    assert_eq!(o.external_order_id.as_deref(), Some("ORD-TEST-1"));
}

#[tokio::test]
async fn prepare_refuses_bad_payment_links() {
    let sb = start().await;
    let base = "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO";
    let cases = [
        (DEMO_QR_STATIC.to_string(), "no amount"),
        (
            format!("{base}?type=01&bank=100000000111&sum=10000&cur=RUB&crc=1A2B"),
            "no amount",
        ),
        (
            format!("{base}?type=02&bank=100000000111&cur=RUB&crc=1A2B"),
            "no amount",
        ),
        (
            format!("{base}?type=02&bank=100000000111&sum=500000&cur=USD&crc=1A2B"),
            "RUB",
        ),
        (
            format!("{base}?type=02&bank=100000000111&sum=500000&crc=1A2B"),
            "currency",
        ),
        ("https://example.com/pay?sum=1".to_string(), "NSPK"),
        (
            format!("{base}?type=02&bank=1234&sum=500000&cur=RUB&crc=1A2B"),
            "NSPK",
        ),
    ];
    for (qr, needle) in cases {
        let r = sb.post("/orders/prepare", json!({"qrCode": qr})).await;
        r.expect(400);
        assert!(r.message_text().contains(needle), "{qr}: {}", r.text);
        assert!(r.json["message"].is_string());
    }
    let r = sb.post("/orders/prepare", json!({"qrCode": ""})).await;
    r.expect(400);
    assert!(
        r.messages()
            .contains(&"qrCode should not be empty".to_string()),
        "{}",
        r.text
    );
    let r = sb.post("/orders/prepare", json!({})).await;
    r.expect(400);
    assert!(r
        .messages()
        .contains(&"qrCode must be a string".to_string()));
    let r = sb
        .post(
            "/orders/prepare",
            json!({"qrCode": DEMO_QR_AFFORDABLE, "amount": 5}),
        )
        .await;
    r.expect(400);
    assert_eq!(r.messages(), vec!["property amount should not exist"]);
    let r = sb
        .post(
            "/orders/prepare",
            json!({"qrCode": DEMO_QR_AFFORDABLE, "externalOrderId": "x".repeat(256)}),
        )
        .await;
    r.expect(400);
}

#[tokio::test]
async fn accept_creates_an_in_progress_order_and_freezes_the_amount() {
    let sb = start().await;
    let before = sb.balance().await;
    let q = quote(&sb, DEMO_QR_AFFORDABLE).await;
    let o: Order = accept(&sb, &q.id, None).await.expect(201).typed();
    assert_eq!(o.id, q.id);
    assert_eq!(o.status, OrderStatus::InProgress);
    assert_eq!(o.amount_usdt, q.amount_usdt);
    assert_eq!(o.amount_rub, q.amount_rub);
    assert_eq!(o.rate, Some(q.rate));
    assert_eq!(o.merchant_name, q.merchant_name);
    assert_eq!(o.payment_until, Some(o.created_at + Duration::minutes(5)));
    let after = sb.balance().await;
    assert_eq!(
        after.frozen_balance.unwrap() - before.frozen_balance.unwrap(),
        q.amount_usdt
    );
    assert_eq!(
        before.available_balance.unwrap() - after.available_balance.unwrap(),
        q.amount_usdt
    );
    assert_eq!(after.usdt_balance, before.usdt_balance);

    let got: Order = sb
        .get(&format!("/orders/{}", o.id))
        .await
        .expect(200)
        .typed();
    assert_eq!(got, o);
    let newest: Vec<Order> = sb.get("/orders?limit=1").await.expect(200).typed();
    assert_eq!(newest[0].id, o.id);

    // Accepting again without a key: 409.
    let r = accept(&sb, &q.id, None).await;
    r.expect(409);
    assert_eq!(r.message_text(), "Quote has already been accepted");
}

#[tokio::test]
async fn accept_is_idempotent_per_key() {
    let sb = start().await;
    let orders_before = sb.state().await["orders"].as_u64().unwrap();
    let q = quote(&sb, DEMO_QR_AFFORDABLE).await;
    let a = accept(&sb, &q.id, Some("key-1")).await;
    a.expect(201);
    let b = accept(&sb, &q.id, Some("key-1")).await;
    b.expect(201);
    assert_eq!(a.json, b.json, "the stored response is returned");
    assert_eq!(
        sb.state().await["orders"].as_u64().unwrap(),
        orders_before + 1,
        "one order"
    );
    let frozen_once = sb.balance().await.frozen_balance.unwrap();

    // A different key for the accepted quote: already accepted.
    accept(&sb, &q.id, Some("key-2")).await.expect(409);
    // The same key for another quote: 409.
    let other = quote(&sb, DEMO_QR_AFFORDABLE).await;
    let r = accept(&sb, &other.id, Some("key-1")).await;
    r.expect(409);
    assert!(r.message_text().contains("Idempotency-Key"), "{}", r.text);
    assert_eq!(sb.balance().await.frozen_balance.unwrap(), frozen_once);
    // The other quote is still acceptable with its own key.
    accept(&sb, &other.id, Some("key-3")).await.expect(201);
    assert_eq!(
        sb.state().await["orders"].as_u64().unwrap(),
        orders_before + 2
    );
}

#[tokio::test]
async fn expired_quote_is_409() {
    let sb = start().await;
    let q = quote(&sb, DEMO_QR_AFFORDABLE).await;
    sb.advance(31).await;
    let r = accept(&sb, &q.id, Some("late")).await;
    r.expect(409);
    assert_eq!(r.message_text(), "Quote has expired");
}

#[tokio::test]
async fn insufficient_balance_is_409_and_unknown_quote_404() {
    let sb = start().await;
    let q = quote(&sb, DEMO_QR_TOO_EXPENSIVE).await;
    let r = accept(&sb, &q.id, None).await;
    r.expect(409);
    assert!(
        r.message_text().starts_with("Insufficient balance"),
        "{}",
        r.text
    );
    accept(&sb, "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b", None)
        .await
        .expect(404);
    accept(&sb, "not-a-uuid", None).await.expect(404);
}

#[tokio::test]
async fn in_progress_orders_settle_after_payment_until() {
    let sb = start().await;
    let before = sb.balance().await;
    let deposits: Vec<lumo_api::models::Deposit> = sb
        .get("/wallets/deposits?limit=100")
        .await
        .expect(200)
        .typed();
    let arriving: Decimal = deposits
        .iter()
        .filter(|d| d.status == lumo_api::models::DepositStatus::Pending)
        .map(|d| d.amount)
        .sum();
    let q = quote(&sb, DEMO_QR_AFFORDABLE).await;
    let o: Order = accept(&sb, &q.id, None).await.expect(201).typed();
    sb.advance(5 * 60 + 1).await;
    let settled: Order = sb
        .get(&format!("/orders/{}", o.id))
        .await
        .expect(200)
        .typed();
    assert!(settled.status.is_completed(), "{:?}", settled.status);
    let in_progress: Vec<Order> = sb
        .get("/orders?status=in_progress")
        .await
        .expect(200)
        .typed();
    assert!(
        in_progress.is_empty(),
        "seeded in_progress orders settle too"
    );
    let after = sb.balance().await;
    assert_eq!(after.frozen_balance, Some(Decimal::ZERO));
    // Successful payments spend their frozen USDT; failed ones release it.
    assert!(after.usdt_balance <= before.usdt_balance + arriving);
    assert!(
        after.usdt_balance
            >= before.usdt_balance + arriving - before.frozen_balance.unwrap() - q.amount_usdt
    );
}

fn is_newest_first(orders: &[Order]) -> bool {
    orders
        .windows(2)
        .all(|w| w[0].created_at >= w[1].created_at)
}

#[tokio::test]
async fn list_pagination_and_bounds() {
    let sb = start().await;
    let page: Vec<Order> = sb.get("/orders").await.expect(200).typed();
    assert_eq!(page.len(), 20, "default limit");
    assert!(is_newest_first(&page));
    let big: Vec<Order> = sb.get("/orders?limit=100").await.expect(200).typed();
    assert_eq!(big.len(), 100);
    assert!(is_newest_first(&big));
    let second: Vec<Order> = sb
        .get("/orders?limit=20&offset=20")
        .await
        .expect(200)
        .typed();
    assert_eq!(&big[..20], &page[..]);
    assert_eq!(&big[20..40], &second[..]);
    let far: Vec<Order> = sb.get("/orders?offset=100000").await.expect(200).typed();
    assert!(far.is_empty());

    for (query, message) in [
        ("limit=0", "limit must not be less than 1"),
        ("limit=101", "limit must not be greater than 100"),
        ("offset=-1", "offset must not be less than 0"),
        ("limit=abc", "limit must be an integer number"),
        ("limit=1.5", "limit must be an integer number"),
        ("status=paid", "status must be one of the following values: created, in_progress, success, failed, disputed"),
    ] {
        let r = sb.get(&format!("/orders?{query}")).await;
        r.expect(400);
        assert_eq!(r.messages(), vec![message.to_string()], "{query}");
    }
    for path in [
        "/wallets/deposits",
        "/user-wallets",
        "/user-wallets/blocked",
        "/user-wallets/user-1001/deposits",
    ] {
        for query in ["limit=0", "limit=101", "offset=-1"] {
            sb.get(&format!("{path}?{query}")).await.expect(400);
        }
    }
}

#[tokio::test]
async fn list_filters_by_status_and_external_order_id() {
    let sb = start().await;
    let all = sb.all_orders("").await;
    assert!(all.len() >= 200);
    assert!(is_newest_first(&all));
    for status in OrderStatus::KNOWN {
        let some = sb.all_orders(&format!("&status={status}")).await;
        assert!(!some.is_empty(), "seed has {status}");
        assert!(some.iter().all(|o| o.status == *status));
        assert_eq!(
            some.len(),
            all.iter().filter(|o| o.status == *status).count()
        );
        assert!(is_newest_first(&some));
    }
    let with_ext = all.iter().find(|o| o.external_order_id.is_some()).unwrap();
    let ext = with_ext.external_order_id.clone().unwrap();
    let found: Vec<Order> = sb
        .get(&format!("/orders?externalOrderId={ext}"))
        .await
        .expect(200)
        .typed();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, with_ext.id);
    let none: Vec<Order> = sb
        .get("/orders?externalOrderId=ORD-10")
        .await
        .expect(200)
        .typed();
    assert!(none.is_empty(), "exact match only");
    let both: Vec<Order> = sb
        .get(&format!("/orders?externalOrderId={ext}&status=created"))
        .await
        .expect(200)
        .typed();
    assert!(both.iter().all(|o| o.status == OrderStatus::Created));
}

#[tokio::test]
async fn get_order_by_id() {
    let sb = start().await;
    let r = sb.get("/orders/not-a-uuid").await;
    r.expect(400);
    assert_eq!(r.messages(), vec!["id must be a UUID"]);
    let r = sb.get("/orders/3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b").await;
    r.expect(404);
    assert_eq!(r.message_text(), "Order not found");
    let first: Vec<Order> = sb.get("/orders?limit=3").await.expect(200).typed();
    for o in first {
        let got: Order = sb
            .get(&format!("/orders/{}", o.id))
            .await
            .expect(200)
            .typed();
        assert_eq!(got, o);
        let upper: Order = sb
            .get(&format!("/orders/{}", o.id.to_uppercase()))
            .await
            .expect(200)
            .typed();
        assert_eq!(upper.id, o.id);
    }
}

#[test]
fn timestamps_are_rfc3339() {
    let t: DateTime<Utc> = "2026-11-24T10:00:00.123Z".parse().unwrap();
    assert_eq!(
        serde_json::to_value(t).unwrap(),
        json!("2026-11-24T10:00:00.123Z")
    );
}
