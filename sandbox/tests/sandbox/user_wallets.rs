//! User wallets: create-or-return, list, blocked list, replace, deposits.

use lumo_api::{
    models::{DepositStatus, UserDeposit, UserWallet},
    rules::tron::is_valid_tron_address,
};
use lumo_sandbox::DEMO_COMPANY_ID;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

use crate::common::{start, Sb};

async fn create(sb: &Sb, external_id: &str) -> crate::common::Resp {
    sb.post("/user-wallets", json!({"externalId": external_id}))
        .await
}

#[tokio::test]
async fn create_returns_the_existing_wallet() {
    let sb = start().await;
    let r = create(&sb, "user-new-1").await;
    r.expect(201);
    let w: UserWallet = r.typed();
    assert_eq!(w.external_id, "user-new-1");
    assert_eq!(w.company_id, DEMO_COMPANY_ID);
    assert!(!w.is_blocked);
    assert!(is_valid_tron_address(&w.address), "{}", w.address);
    assert_eq!(w.last_usdt_balance, Decimal::ZERO);
    let again: UserWallet = create(&sb, "user-new-1").await.expect(201).typed();
    assert_eq!(again, w);
    let seeded: UserWallet = create(&sb, "user-1001").await.expect(201).typed();
    assert!(seeded.created_at < w.created_at);

    let listed: Vec<UserWallet> = sb.get("/user-wallets?limit=1").await.expect(200).typed();
    assert_eq!(listed[0].id, w.id, "newest first");

    for (body, expected) in [
        (json!({}), "externalId should not be empty"),
        (json!({"externalId": ""}), "externalId should not be empty"),
        (
            json!({"externalId": "   "}),
            "externalId should not be empty",
        ),
        (json!({"externalId": 7}), "externalId must be a string"),
        (
            json!({"externalId": "x".repeat(256)}),
            "externalId must be shorter than or equal to 255 characters",
        ),
        (
            json!({"externalId": "a", "reason": "b"}),
            "property reason should not exist",
        ),
    ] {
        let r = sb.post("/user-wallets", body).await;
        r.expect(400);
        assert!(
            r.messages().contains(&expected.to_string()),
            "{:?}",
            r.messages()
        );
    }
}

#[tokio::test]
async fn list_filters_and_pages() {
    let sb = start().await;
    let all: Vec<UserWallet> = sb.get("/user-wallets?limit=100").await.expect(200).typed();
    assert!(all.len() >= 30);
    assert!(all.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    assert!(all.iter().all(|w| is_valid_tron_address(&w.address)));
    let mut addresses: Vec<&str> = all.iter().map(|w| w.address.as_str()).collect();
    addresses.sort();
    addresses.dedup();
    assert_eq!(addresses.len(), all.len(), "addresses are unique");
    let page: Vec<UserWallet> = sb
        .get("/user-wallets?limit=10&offset=10")
        .await
        .expect(200)
        .typed();
    assert_eq!(&all[10..20], &page[..]);
    let one: Vec<UserWallet> = sb
        .get("/user-wallets?externalId=user-1002")
        .await
        .expect(200)
        .typed();
    assert!(!one.is_empty() && one.iter().all(|w| w.external_id == "user-1002"));
    let none: Vec<UserWallet> = sb
        .get("/user-wallets?externalId=user-100")
        .await
        .expect(200)
        .typed();
    assert!(none.is_empty());
}

#[tokio::test]
async fn blocked_list_holds_only_blocked_wallets() {
    let sb = start().await;
    let blocked: Vec<UserWallet> = sb
        .get("/user-wallets/blocked?limit=100")
        .await
        .expect(200)
        .typed();
    assert!(blocked.len() >= 5);
    assert!(blocked
        .iter()
        .all(|w| w.is_blocked && w.block_reason.is_some()));
    assert!(blocked
        .windows(2)
        .all(|w| w[0].created_at >= w[1].created_at));
    let page: Vec<UserWallet> = sb
        .get("/user-wallets/blocked?limit=2&offset=1")
        .await
        .expect(200)
        .typed();
    assert_eq!(&blocked[1..3], &page[..]);
}

#[tokio::test]
async fn replace_blocks_the_old_wallet_and_issues_a_new_one() {
    let sb = start().await;
    let old: UserWallet = create(&sb, "acme/user 42").await.expect(201).typed();
    let r = sb
        .post(
            "/user-wallets/acme%2Fuser%2042/replace",
            json!({"reason": "Address shared publicly by mistake"}),
        )
        .await;
    r.expect(201);
    let new: UserWallet = r.typed();
    assert_eq!(
        new.external_id, "acme/user 42",
        "the path parameter is percent-decoded"
    );
    assert_ne!(new.id, old.id);
    assert_ne!(new.address, old.address);
    assert!(is_valid_tron_address(&new.address));
    assert!(!new.is_blocked);

    let blocked: Vec<UserWallet> = sb
        .get("/user-wallets/blocked?limit=100")
        .await
        .expect(200)
        .typed();
    let was = blocked
        .iter()
        .find(|w| w.id == old.id)
        .expect("old wallet is blocked");
    assert_eq!(
        was.block_reason.as_deref(),
        Some("Address shared publicly by mistake")
    );
    let current: UserWallet = create(&sb, "acme/user 42").await.expect(201).typed();
    assert_eq!(current.id, new.id, "create returns the new wallet");
    let both: Vec<UserWallet> = sb
        .get("/user-wallets?externalId=acme%2Fuser%2042")
        .await
        .expect(200)
        .typed();
    assert_eq!(both.len(), 2);
    assert_eq!(both[0].id, new.id);

    // No body: the default reason.
    let third: UserWallet = sb
        .call(Method::POST, "/user-wallets/acme%2Fuser%2042/replace")
        .send()
        .await
        .expect(201)
        .typed();
    let blocked: Vec<UserWallet> = sb
        .get("/user-wallets/blocked?limit=100")
        .await
        .expect(200)
        .typed();
    assert_eq!(
        blocked
            .iter()
            .find(|w| w.id == new.id)
            .unwrap()
            .block_reason
            .as_deref(),
        Some("replaced")
    );
    assert!(!third.is_blocked);

    let r = sb.post("/user-wallets/nobody/replace", json!({})).await;
    r.expect(404);
    assert_eq!(r.message_text(), "User wallet not found");
    sb.post(
        "/user-wallets/acme%2Fuser%2042/replace",
        json!({"reason": "x".repeat(501)}),
    )
    .await
    .expect(400);
    sb.post(
        "/user-wallets/acme%2Fuser%2042/replace",
        json!({"why": "x"}),
    )
    .await
    .expect(400);
}

#[tokio::test]
async fn user_deposits_and_injection() {
    let sb = start().await;
    sb.get("/user-wallets/nobody/deposits").await.expect(404);
    // A seeded user with deposits.
    let mut found = None;
    for n in 1001..1037 {
        let ext = format!("user-{n}");
        let ds: Vec<UserDeposit> = sb
            .get(&format!("/user-wallets/{ext}/deposits"))
            .await
            .expect(200)
            .typed();
        if ds.len() >= 2 {
            found = Some((ext, ds));
            break;
        }
    }
    let (ext, ds) = found.expect("a seeded user has deposits");
    assert!(ds.iter().all(|d| d.external_id == ext));
    assert!(ds.windows(2).all(|w| w[0].created_at >= w[1].created_at));

    let fresh: UserWallet = create(&sb, "depositor").await.expect(201).typed();
    let empty: Vec<UserDeposit> = sb
        .get("/user-wallets/depositor/deposits")
        .await
        .expect(200)
        .typed();
    assert!(empty.is_empty());
    let r = sb
        .control(
            Method::POST,
            "/_sandbox/deposits",
            Some(json!({"amount": 25.5, "currency": "USDT", "externalId": "depositor"})),
        )
        .await;
    r.expect(201);
    let d: UserDeposit = r.typed();
    assert_eq!(d.wallet_id, fresh.id);
    assert_eq!(d.address, fresh.address);
    assert_eq!(d.status, DepositStatus::Confirmed);
    let listed: Vec<UserDeposit> = sb
        .get("/user-wallets/depositor/deposits")
        .await
        .expect(200)
        .typed();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0], d);
    let w: UserWallet = create(&sb, "depositor").await.expect(201).typed();
    assert_eq!(w.last_usdt_balance, Decimal::new(255, 1));
    sb.control(
        Method::POST,
        "/_sandbox/deposits",
        Some(
            json!({"amount": 3, "currency": "TRX", "externalId": "depositor", "status": "pending"}),
        ),
    )
    .await
    .expect(201);
    let w: UserWallet = create(&sb, "depositor").await.expect(201).typed();
    assert_eq!(w.last_trx_balance, Decimal::ZERO);
    sb.advance(121).await;
    let w: UserWallet = create(&sb, "depositor").await.expect(201).typed();
    assert_eq!(w.last_trx_balance, Decimal::from(3));
}
