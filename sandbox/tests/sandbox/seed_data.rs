//! The demo seed, and a tour through all 19 operations checked against the contract.

use std::collections::BTreeSet;

use lumo_api::models::{
    CompanyProfile, Deposit, Dispute, DisputeResolution, DisputeStatus, Order, OrderStatus, Quote,
    UserDeposit, UserWallet,
};
use lumo_sandbox::{DEMO_COMPANY_ID, DEMO_EMAIL, DEMO_QR_AFFORDABLE, DEMO_QR_TOO_EXPENSIVE};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

use crate::{common::start, contract::contract};

#[tokio::test]
async fn seed_has_every_status_over_ninety_days() {
    let sb = start().await;
    let orders = sb.all_orders("").await;
    assert!(orders.len() >= 200);
    for s in OrderStatus::KNOWN {
        assert!(orders.iter().any(|o| o.status == *s), "an order is {s}");
    }
    assert!(orders.iter().any(|o| o.external_order_id.is_none()));
    assert!(
        orders
            .iter()
            .filter(|o| o.external_order_id.is_some())
            .count()
            > 150
    );
    let span = orders.first().unwrap().created_at - orders.last().unwrap().created_at;
    assert!(span.num_days() >= 80 && span.num_days() <= 90, "{span}");
    for o in &orders {
        assert_eq!(
            o.amount_usdt,
            crate::common::round2(o.amount_rub / o.rate.unwrap()),
            "{o:?}"
        );
    }

    let disputes: Vec<Dispute> = sb.get("/disputes").await.expect(200).typed();
    for s in DisputeStatus::KNOWN {
        assert!(disputes.iter().any(|d| d.status == *s), "a dispute is {s}");
    }
    for r in DisputeResolution::KNOWN {
        assert!(
            disputes.iter().any(|d| d.resolution.as_ref() == Some(r)),
            "a dispute resolved {r}"
        );
    }
    for d in &disputes {
        let partial = d.resolution == Some(DisputeResolution::PartialRefund);
        assert_eq!(d.refund_amount.is_some(), partial, "{d:?}");
        assert_eq!(d.resolved_at.is_some(), !d.status.is_open(), "{d:?}");
        let order = orders
            .iter()
            .find(|o| o.id == d.order_id)
            .expect("the disputed order exists");
        assert_eq!(order.status, OrderStatus::Disputed);
        assert!(d.created_at > order.created_at);
        if let (Some(at), Some(refund)) = (d.resolved_at, d.refund_amount) {
            assert!(at >= d.created_at);
            assert!(refund > Decimal::ZERO && refund <= order.amount_usdt);
        }
    }
    let by: BTreeSet<&str> = disputes
        .iter()
        .filter_map(|d| d.resolved_by.as_deref())
        .collect();
    assert!(
        by.contains("support@lumo") && by.contains("wallet-sync"),
        "{by:?}"
    );

    let wallets: Vec<UserWallet> = sb.get("/user-wallets?limit=100").await.expect(200).typed();
    assert!(wallets.len() >= 30);
    assert!(wallets.iter().filter(|w| w.is_blocked).count() >= 3);
    assert!(wallets.iter().all(|w| w.company_id == DEMO_COMPANY_ID));
    let mut user_deposits = 0;
    for w in wallets.iter().take(12) {
        let ds: Vec<UserDeposit> = sb
            .get(&format!(
                "/user-wallets/{}/deposits?limit=100",
                w.external_id
            ))
            .await
            .expect(200)
            .typed();
        user_deposits += ds.len();
    }
    assert!(user_deposits > 0);

    let profile: CompanyProfile = sb.get("/auth/company/profile").await.expect(200).typed();
    assert_eq!(profile.id, DEMO_COMPANY_ID);
    assert_eq!(profile.email, DEMO_EMAIL);
    assert!(profile.contact_email.is_some() && profile.contact_telegram.is_some());
    assert!(profile.webhook_url.is_some() && profile.deposit_forward_address.is_some());
}

#[tokio::test]
async fn seed_is_deterministic() {
    let a = start().await;
    let b = start().await;
    let ids = |os: Vec<Order>| {
        os.into_iter()
            .map(|o| (o.id, o.status, o.amount_rub))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(a.all_orders("").await), ids(b.all_orders("").await));
    let wa: Vec<UserWallet> = a.get("/user-wallets?limit=100").await.typed();
    let wb: Vec<UserWallet> = b.get("/user-wallets?limit=100").await.typed();
    assert_eq!(
        wa.iter().map(|w| &w.address).collect::<Vec<_>>(),
        wb.iter().map(|w| &w.address).collect::<Vec<_>>()
    );
    assert_eq!(a.balance().await.address, b.balance().await.address);
}

/// Calls all 19 operations with a success answer; each is validated against its schema.
#[tokio::test]
async fn tour_of_every_operation_matches_the_contract() {
    let sb = start().await;
    let mut seen = BTreeSet::new();
    let mut note = |r: &crate::common::Resp| {
        assert!(r.status.is_success(), "{}", r.text);
        seen.insert(r.operation.clone().expect("checked against the contract"));
    };
    let r = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(json!({"name": "Tour Co", "email": "tour@co.example", "password": "password123", "contactEmail": null}))
        .send()
        .await;
    note(&r);
    let r = sb
        .call(Method::POST, "/auth/company/login")
        .no_key()
        .json(json!({"email": "tour@co.example", "password": "password123"}))
        .send()
        .await;
    note(&r);
    note(&sb.get("/auth/company/profile").await);
    note(
        &sb.patch(
            "/auth/company/profile",
            json!({"contactEmail": "ops@demo.example"}),
        )
        .await,
    );
    note(&sb.get("/rates/current").await);
    let r = sb
        .post(
            "/orders/prepare",
            json!({"qrCode": DEMO_QR_AFFORDABLE, "externalOrderId": "TOUR-1"}),
        )
        .await;
    note(&r);
    let q: Quote = r.typed();
    let expensive = sb
        .post("/orders/prepare", json!({"qrCode": DEMO_QR_TOO_EXPENSIVE}))
        .await;
    note(&expensive);
    let r = sb
        .call(Method::POST, &format!("/orders/accept/{}", q.id))
        .header("Idempotency-Key", "tour")
        .send()
        .await;
    note(&r);
    note(&sb.get("/orders?limit=5&status=in_progress").await);
    let r = sb.get(&format!("/orders/{}", q.id)).await;
    note(&r);
    let success: Vec<Order> = sb.get("/orders?status=success&limit=1").await.typed();
    let r = sb
        .post(
            &format!("/orders/{}/disputes", success[0].id),
            json!({"reason": "tour"}),
        )
        .await;
    note(&r);
    let r = sb
        .post(
            &format!("/orders/{}/disputes", success[0].id),
            json!({"reason": "tour again"}),
        )
        .await;
    assert_eq!(r.code(), 200);
    note(&r);
    note(&sb.get("/disputes").await);
    note(&sb.get("/wallets/balance").await);
    let r = sb.get("/wallets/deposits?limit=100").await;
    let ds: Vec<Deposit> = r.typed();
    assert!(!ds.is_empty());
    note(&r);
    note(
        &sb.post("/user-wallets", json!({"externalId": "tour-user"}))
            .await,
    );
    note(&sb.get("/user-wallets?externalId=tour-user").await);
    note(&sb.get("/user-wallets/blocked").await);
    note(
        &sb.post("/user-wallets/tour-user/replace", json!({"reason": "tour"}))
            .await,
    );
    note(&sb.get("/user-wallets/user-1001/deposits").await);
    note(
        &sb.call(Method::POST, "/auth/company/regenerate-key")
            .send()
            .await,
    );

    let all: BTreeSet<String> = contract().operation_ids().into_iter().collect();
    assert_eq!(all.len(), 19, "the contract has 19 operations");
    assert_eq!(seen, all);
}
