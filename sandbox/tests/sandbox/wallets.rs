//! Company wallet: balances and deposits, deposit injection and confirmation.

use lumo_api::models::{CompanyWallet, Deposit, DepositStatus};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

use crate::common::start;

#[tokio::test]
async fn balance_fields_add_up() {
    let sb = start().await;
    let w: CompanyWallet = sb.balance().await;
    assert!(
        lumo_api::rules::tron::is_valid_tron_address(&w.address),
        "{}",
        w.address
    );
    let frozen = w.frozen_balance.unwrap();
    assert!(
        frozen > Decimal::ZERO,
        "seeded in_progress orders freeze USDT"
    );
    assert_eq!(w.available_balance.unwrap(), w.usdt_balance - frozen);
    assert!(w.trx_balance > Decimal::ZERO);
}

#[tokio::test]
async fn deposits_are_listed_newest_first_with_pages() {
    let sb = start().await;
    let all: Vec<Deposit> = sb
        .get("/wallets/deposits?limit=100")
        .await
        .expect(200)
        .typed();
    assert!(all.len() >= 20);
    assert!(all.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    for s in DepositStatus::KNOWN {
        assert!(all.iter().any(|d| d.status == *s), "seed has a {s} deposit");
    }
    assert!(all.iter().all(|d| d.tx_hash.len() == 64));
    let first: Vec<Deposit> = sb.get("/wallets/deposits").await.expect(200).typed();
    assert_eq!(first.len(), 20);
    let second: Vec<Deposit> = sb
        .get("/wallets/deposits?limit=5&offset=5")
        .await
        .expect(200)
        .typed();
    assert_eq!(&all[5..10], &second[..]);
}

#[tokio::test]
async fn injected_deposits_change_balances() {
    let sb = start().await;
    let before = sb.balance().await;
    let inject = |body: serde_json::Value| {
        let sb = &sb;
        async move {
            sb.control(Method::POST, "/_sandbox/deposits", Some(body))
                .await
        }
    };
    let r = inject(json!({"amount": 100.5, "currency": "USDT"})).await;
    r.expect(201);
    let d: Deposit = r.typed();
    assert_eq!(d.status, DepositStatus::Confirmed);
    assert!(d.confirmed_at.is_some());
    let after = sb.balance().await;
    assert_eq!(
        after.usdt_balance - before.usdt_balance,
        Decimal::new(1005, 1)
    );
    assert_eq!(
        after.available_balance.unwrap() - before.available_balance.unwrap(),
        Decimal::new(1005, 1)
    );

    inject(json!({"amount": 12, "currency": "TRX"}))
        .await
        .expect(201);
    assert_eq!(
        sb.balance().await.trx_balance - before.trx_balance,
        Decimal::from(12)
    );

    let listed: Vec<Deposit> = sb
        .get("/wallets/deposits?limit=2")
        .await
        .expect(200)
        .typed();
    assert_eq!(listed[1].id, d.id, "newest first");

    // AML-held: listed, not credited.
    let usdt = sb.balance().await.usdt_balance;
    let aml: Deposit = inject(json!({"amount": 50, "currency": "USDT", "status": "aml_failed"}))
        .await
        .expect(201)
        .typed();
    assert_eq!(aml.status, DepositStatus::AmlFailed);
    assert_eq!(sb.balance().await.usdt_balance, usdt);

    // Pending: credited when it confirms, two minutes later.
    let pending: Deposit = inject(json!({"amount": 7, "currency": "USDT", "status": "pending"}))
        .await
        .expect(201)
        .typed();
    assert_eq!(pending.status, DepositStatus::Pending);
    let usdt = sb.balance().await.usdt_balance;
    sb.advance(121).await;
    let confirmed = sb
        .get("/wallets/deposits?limit=100")
        .await
        .typed::<Vec<Deposit>>()
        .into_iter()
        .find(|x| x.id == pending.id)
        .unwrap();
    assert_eq!(confirmed.status, DepositStatus::Confirmed);
    assert!(sb.balance().await.usdt_balance >= usdt + Decimal::from(7));

    for bad in [
        json!({"amount": -1, "currency": "USDT"}),
        json!({"amount": 1, "currency": "BTC"}),
        json!({"currency": "USDT"}),
        json!({"amount": 1, "currency": "USDT", "status": "lost"}),
        json!({"amount": "1", "currency": "USDT"}),
        json!({"amount": 1e30, "currency": "USDT"}),
        serde_json::from_str(r#"{"amount": 1e400, "currency": "USDT"}"#).unwrap(),
    ] {
        inject(bad).await.expect(400);
    }
    inject(json!({"amount": 1, "currency": "USDT", "externalId": "nobody-here"}))
        .await
        .expect(404);
}

#[tokio::test]
async fn seeded_pending_deposits_confirm_with_the_clock() {
    let sb = start().await;
    let before = sb.balance().await;
    let all: Vec<Deposit> = sb
        .get("/wallets/deposits?limit=100")
        .await
        .expect(200)
        .typed();
    let pending: Decimal = all
        .iter()
        .filter(|d| d.status == DepositStatus::Pending)
        .map(|d| d.amount)
        .sum();
    assert!(pending > Decimal::ZERO);
    sb.advance(300).await;
    let all: Vec<Deposit> = sb
        .get("/wallets/deposits?limit=100")
        .await
        .expect(200)
        .typed();
    assert!(all.iter().all(|d| d.status != DepositStatus::Pending));
    let after = sb.balance().await;
    // Seeded in_progress orders also settled meanwhile (success spends, failed releases).
    assert!(after.usdt_balance + before.frozen_balance.unwrap() >= before.usdt_balance + pending);
    assert_eq!(after.frozen_balance, Some(Decimal::ZERO));
}
