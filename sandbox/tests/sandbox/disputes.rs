//! Opening disputes, the open-dispute rule, history order, resolution through control routes,
//! and the automatic progression of seeded disputes.

use lumo_api::models::{Dispute, DisputeResolution, DisputeStatus, Order, OrderStatus, Quote};
use lumo_sandbox::DEMO_QR_AFFORDABLE;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

use crate::common::{start, Sb};

async fn completed_order(sb: &Sb, status: &str, nth: usize) -> Order {
    let list: Vec<Order> = sb
        .get(&format!("/orders?status={status}&limit=100"))
        .await
        .expect(200)
        .typed();
    list[nth].clone()
}

async fn open_dispute(sb: &Sb, order_id: &str, reason: &str) -> crate::common::Resp {
    sb.post(
        &format!("/orders/{order_id}/disputes"),
        json!({"reason": reason}),
    )
    .await
}

async fn disputes(sb: &Sb) -> Vec<Dispute> {
    sb.get("/disputes").await.expect(200).typed()
}

#[tokio::test]
async fn dispute_on_a_non_completed_order_is_409() {
    let sb = start().await;
    let q: Quote = sb
        .post("/orders/prepare", json!({"qrCode": DEMO_QR_AFFORDABLE}))
        .await
        .expect(201)
        .typed();
    let o: Order = sb
        .call(Method::POST, &format!("/orders/accept/{}", q.id))
        .send()
        .await
        .expect(201)
        .typed();
    let r = open_dispute(&sb, &o.id, "Too early").await;
    r.expect(409);
    assert_eq!(
        r.message_text(),
        "Dispute allowed only for completed orders"
    );
    let created = completed_order(&sb, "created", 0).await;
    open_dispute(&sb, &created.id, "x").await.expect(409);
}

#[tokio::test]
async fn open_dispute_then_get_the_same_one_back() {
    let sb = start().await;
    let order = completed_order(&sb, "success", 0).await;
    let r = open_dispute(
        &sb,
        &order.id,
        "  The merchant did not receive the payment.  ",
    )
    .await;
    r.expect(201);
    let d: Dispute = r.typed();
    assert_eq!(d.status, DisputeStatus::Submitted);
    assert_eq!(d.order_id, order.id);
    assert_eq!(
        d.reason, "The merchant did not receive the payment.",
        "trimmed"
    );
    assert_eq!(d.resolution, None);
    assert_eq!(d.resolved_at, None);
    assert_eq!(d.created_at, d.updated_at);

    let o: Order = sb
        .get(&format!("/orders/{}", order.id))
        .await
        .expect(200)
        .typed();
    assert_eq!(o.status, OrderStatus::Disputed);

    // The order is `disputed` now, yet a second POST finds the open dispute: 200, same id.
    let again = open_dispute(&sb, &order.id, "Another reason").await;
    again.expect(200);
    let d2: Dispute = again.typed();
    assert_eq!(d2.id, d.id);
    assert_eq!(d2.reason, d.reason);

    let history = disputes(&sb).await;
    assert_eq!(history[0].id, d.id, "newest first");
    assert!(history
        .windows(2)
        .all(|w| w[0].created_at >= w[1].created_at));
    assert_eq!(history.iter().filter(|x| x.order_id == order.id).count(), 1);

    // A failed order can be disputed too; the newer one comes first.
    sb.advance(1).await;
    let failed = completed_order(&sb, "failed", 0).await;
    let d3: Dispute = open_dispute(&sb, &failed.id, "Failed but charged")
        .await
        .expect(201)
        .typed();
    assert_eq!(disputes(&sb).await[0].id, d3.id);
}

#[tokio::test]
async fn dispute_validation() {
    let sb = start().await;
    let order = completed_order(&sb, "success", 1).await;
    let path = format!("/orders/{}/disputes", order.id);
    for (body, expected) in [
        (json!({}), "reason should not be empty"),
        (json!({"reason": ""}), "reason should not be empty"),
        (json!({"reason": "   "}), "reason should not be empty"),
        (json!({"reason": 42}), "reason must be a string"),
        (
            json!({"reason": "x".repeat(2001)}),
            "reason must be shorter than or equal to 2000 characters",
        ),
        (
            json!({"reason": "ok", "amount": 1}),
            "property amount should not exist",
        ),
    ] {
        let r = sb.post(&path, body).await;
        r.expect(400);
        assert!(
            r.messages().contains(&expected.to_string()),
            "{:?}",
            r.messages()
        );
    }
    sb.post(&path, json!({"reason": "x".repeat(2000)}))
        .await
        .expect(201);
    let r = sb
        .post("/orders/nope/disputes", json!({"reason": "x"}))
        .await;
    r.expect(400);
    assert_eq!(r.messages(), vec!["id must be a UUID"]);
    sb.post(
        "/orders/3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b/disputes",
        json!({"reason": "x"}),
    )
    .await
    .expect(404);
}

#[tokio::test]
async fn resolve_and_reject_through_control_routes() {
    let sb = start().await;
    let order = completed_order(&sb, "success", 2).await;
    let d: Dispute = open_dispute(&sb, &order.id, "Paid twice")
        .await
        .expect(201)
        .typed();
    let resolve = |id: String, body: serde_json::Value| {
        let sb = &sb;
        async move {
            sb.control(
                Method::POST,
                &format!("/_sandbox/disputes/{id}/resolve"),
                Some(body),
            )
            .await
        }
    };
    let r = resolve(d.id.clone(), json!({"resolution": "partial_refund"})).await;
    r.expect(400);
    assert!(r.message_text().contains("refundAmount"));
    resolve(d.id.clone(), json!({"resolution": "maybe"}))
        .await
        .expect(400);
    resolve(
        d.id.clone(),
        json!({"resolution": "refund", "refundAmount": 1}),
    )
    .await
    .expect(400);
    resolve(
        "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b".into(),
        json!({"resolution": "confirm"}),
    )
    .await
    .expect(404);

    let before = sb.balance().await;
    let r = resolve(d.id.clone(), json!({"resolution": "partial_refund", "refundAmount": 1.25, "adminComment": "Half refunded"})).await;
    r.expect(200);
    let resolved: Dispute = r.typed();
    assert_eq!(resolved.status, DisputeStatus::Resolved);
    assert_eq!(resolved.resolution, Some(DisputeResolution::PartialRefund));
    assert_eq!(resolved.refund_amount, Some(Decimal::new(125, 2)));
    assert_eq!(resolved.resolved_by.as_deref(), Some("support@lumo"));
    assert_eq!(resolved.admin_comment.as_deref(), Some("Half refunded"));
    assert!(resolved.resolved_at.is_some());
    let after = sb.balance().await;
    assert_eq!(
        after.usdt_balance - before.usdt_balance,
        Decimal::new(125, 2)
    );
    let listed = disputes(&sb)
        .await
        .into_iter()
        .find(|x| x.id == d.id)
        .unwrap();
    assert_eq!(listed, resolved);
    resolve(d.id.clone(), json!({"resolution": "confirm"}))
        .await
        .expect(409);
    // The order stays disputed and has no open dispute: a new one is refused.
    open_dispute(&sb, &order.id, "Again").await.expect(409);

    // Full refund: refundAmount stays null, the order's amount comes back.
    let order2 = completed_order(&sb, "success", 3).await;
    let d2: Dispute = open_dispute(&sb, &order2.id, "Not delivered")
        .await
        .expect(201)
        .typed();
    let before = sb.balance().await;
    let r: Dispute = resolve(d2.id.clone(), json!({"resolution": "refund"}))
        .await
        .expect(200)
        .typed();
    assert_eq!(r.resolution, Some(DisputeResolution::Refund));
    assert_eq!(r.refund_amount, None);
    assert_eq!(
        sb.balance().await.usdt_balance - before.usdt_balance,
        order2.amount_usdt
    );

    // Reject.
    let order3 = completed_order(&sb, "failed", 1).await;
    let d3: Dispute = open_dispute(&sb, &order3.id, "Wrong amount")
        .await
        .expect(201)
        .typed();
    let r = sb
        .control(
            Method::POST,
            &format!("/_sandbox/disputes/{}/reject", d3.id),
            Some(json!({"adminComment": "No discrepancy"})),
        )
        .await;
    r.expect(200);
    let rejected: Dispute = r.typed();
    assert_eq!(rejected.status, DisputeStatus::Rejected);
    assert_eq!(rejected.resolution, None);
    assert_eq!(rejected.refund_amount, None);
    assert_eq!(rejected.admin_comment.as_deref(), Some("No discrepancy"));
    sb.control(
        Method::POST,
        &format!("/_sandbox/disputes/{}/reject", d3.id),
        Some(json!({})),
    )
    .await
    .expect(409);
    // Schema check of what the API now lists.
    disputes(&sb).await;
}

#[tokio::test]
async fn seeded_disputes_move_on_with_the_clock_and_new_ones_wait() {
    let sb = start().await;
    let order = completed_order(&sb, "success", 4).await;
    let mine: Dispute = open_dispute(&sb, &order.id, "Mine")
        .await
        .expect(201)
        .typed();
    let count = |ds: &[Dispute], s: DisputeStatus| ds.iter().filter(|d| d.status == s).count();
    let start_list = disputes(&sb).await;
    assert_eq!(count(&start_list, DisputeStatus::Submitted), 4);
    assert_eq!(count(&start_list, DisputeStatus::InReview), 3);

    sb.advance(3600).await;
    let later = disputes(&sb).await;
    assert_eq!(
        count(&later, DisputeStatus::Submitted),
        1,
        "only the API-created one waits"
    );
    assert_eq!(
        later.iter().find(|d| d.id == mine.id).unwrap().status,
        DisputeStatus::Submitted
    );

    sb.advance(24 * 3600).await;
    let day = disputes(&sb).await;
    assert_eq!(count(&day, DisputeStatus::InReview), 0);
    assert_eq!(
        day.iter().find(|d| d.id == mine.id).unwrap().status,
        DisputeStatus::Submitted
    );
    for d in &day {
        if d.status == DisputeStatus::Resolved || d.status == DisputeStatus::Rejected {
            assert!(d.resolved_at.is_some() && d.resolved_by.is_some(), "{d:?}");
        }
    }

    // Two days after creation the wallet sync settles API-created ones as well.
    sb.advance(24 * 3600).await;
    let done = disputes(&sb).await;
    let m = done.iter().find(|d| d.id == mine.id).unwrap();
    assert!(!m.status.is_open(), "{m:?}");
    assert_eq!(m.resolved_by.as_deref(), Some("wallet-sync"));
}
