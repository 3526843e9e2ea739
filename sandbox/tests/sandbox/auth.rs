//! Authentication, key rotation, registration and the profile.

use lumo_api::models::{AuthResponse, CompanyProfile, Order};
use lumo_sandbox::{DEMO_API_KEY, DEMO_EMAIL, DEMO_PASSWORD, INACTIVE_API_KEY, INACTIVE_EMAIL};
use reqwest::Method;
use serde_json::json;

use crate::common::start;

const INVALID_KEY_BODY: &str =
    r#"{"statusCode":401,"message":"Invalid API key","error":"Unauthorized"}"#;

#[tokio::test]
async fn missing_or_unknown_key_is_401_with_the_nestjs_body() {
    let sb = start().await;
    for call in [
        sb.call(Method::GET, "/orders").no_key(),
        sb.call(Method::GET, "/orders")
            .key("lb2b_ffffffffffffffffffffffffffffffff"),
        sb.call(Method::GET, "/orders").key("garbage"),
        sb.call(Method::GET, "/wallets/balance")
            .no_key()
            .header("Authorization", "Basic abc"),
    ] {
        let r = call.send().await;
        r.expect(401);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&r.text).unwrap(),
            serde_json::from_str::<serde_json::Value>(INVALID_KEY_BODY).unwrap()
        );
    }
}

#[tokio::test]
async fn bearer_and_query_parameter_are_accepted() {
    let sb = start().await;
    sb.call(Method::GET, "/auth/company/profile")
        .no_key()
        .header("Authorization", &format!("Bearer {DEMO_API_KEY}"))
        .send()
        .await
        .expect(200);
    sb.call(
        Method::GET,
        &format!("/rates/current?api_key={DEMO_API_KEY}"),
    )
    .no_key()
    .send()
    .await
    .expect(200);
}

#[tokio::test]
async fn inactive_company_is_403() {
    let sb = start().await;
    let r = sb
        .call(Method::GET, "/orders")
        .key(INACTIVE_API_KEY)
        .send()
        .await;
    r.expect(403);
    assert_eq!(r.message_text(), "Company is inactive");
    let r = sb
        .call(Method::POST, "/auth/company/login")
        .no_key()
        .json(json!({"email": INACTIVE_EMAIL, "password": "demo-password"}))
        .send()
        .await;
    r.expect(403);
}

#[tokio::test]
async fn login_rotates_the_key() {
    let sb = start().await;
    let login = |email: &str, password: &str| {
        sb.call(Method::POST, "/auth/company/login")
            .no_key()
            .json(json!({"email": email, "password": password}))
    };
    login(DEMO_EMAIL, "wrong-password").send().await.expect(401);
    let r = login("nobody@lumo.test", DEMO_PASSWORD).send().await;
    r.expect(401);
    assert_eq!(r.message_text(), "Invalid email or password");
    let r = login("not-an-email", "").send().await;
    r.expect(400);
    assert!(
        r.messages().contains(&"email must be an email".to_string()),
        "{}",
        r.text
    );
    assert!(
        r.messages()
            .contains(&"password should not be empty".to_string()),
        "{}",
        r.text
    );

    let auth: AuthResponse = login("DEMO@lumo.test", DEMO_PASSWORD)
        .send()
        .await
        .expect(200)
        .typed();
    assert_ne!(auth.api_key, DEMO_API_KEY);
    assert_eq!(auth.company.email, DEMO_EMAIL);
    sb.get("/auth/company/profile").await.expect(401);
    sb.call(Method::GET, "/auth/company/profile")
        .key(&auth.api_key)
        .send()
        .await
        .expect(200);
}

#[tokio::test]
async fn regenerate_key_rotates_the_key() {
    let sb = start().await;
    let r = sb
        .call(Method::POST, "/auth/company/regenerate-key")
        .send()
        .await;
    r.expect(200);
    let new_key = r.json["apiKey"].as_str().unwrap().to_string();
    assert_ne!(new_key, DEMO_API_KEY);
    sb.get("/orders").await.expect(401);
    sb.call(Method::GET, "/orders")
        .key(&new_key)
        .send()
        .await
        .expect(200);
    sb.call(Method::POST, "/auth/company/regenerate-key")
        .send()
        .await
        .expect(401);
}

#[tokio::test]
async fn register_creates_a_company_and_refuses_a_taken_email() {
    let sb = start().await;
    let body = json!({"name": "Acme Payments LLC", "email": "finance@acme.example", "password": "correct-horse-battery", "contactTelegram": "@acme_finance"});
    let r = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(body.clone())
        .send()
        .await;
    r.expect(201);
    let auth: AuthResponse = r.typed();
    assert_eq!(auth.company.name, "Acme Payments LLC");
    let profile: CompanyProfile = sb
        .call(Method::GET, "/auth/company/profile")
        .key(&auth.api_key)
        .send()
        .await
        .expect(200)
        .typed();
    assert!(profile.is_active);
    assert_eq!(profile.contact_telegram.as_deref(), Some("@acme_finance"));
    assert_eq!(profile.contact_email, None);

    let mut again = body.clone();
    again["email"] = json!("FINANCE@acme.example");
    let r = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(again)
        .send()
        .await;
    r.expect(409);
    assert_eq!(r.message_text(), "Email is already registered");
    let r = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(json!({"name": "Demo", "email": DEMO_EMAIL, "password": "long-enough"}))
        .send()
        .await;
    r.expect(409);

    let r = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(json!({"name": "A", "email": "nope", "password": "short", "contactEmail": "x@", "extra": 1}))
        .send()
        .await;
    r.expect(400);
    let m = r.messages();
    for expected in [
        "property extra should not exist",
        "name must be longer than or equal to 2 characters",
        "email must be an email",
        "password must be longer than or equal to 8 characters",
        "contactEmail must be an email",
    ] {
        assert!(
            m.contains(&expected.to_string()),
            "missing {expected:?} in {m:?}"
        );
    }
    let r = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(json!({}))
        .send()
        .await;
    r.expect(400);
    assert!(r
        .messages()
        .contains(&"name should not be empty".to_string()));
}

#[tokio::test]
async fn another_companys_order_is_404() {
    let sb = start().await;
    let auth: AuthResponse = sb
        .call(Method::POST, "/auth/company/register")
        .no_key()
        .json(json!({"name": "Other Co", "email": "other@co.example", "password": "password123"}))
        .send()
        .await
        .expect(201)
        .typed();
    let demo_orders: Vec<Order> = sb.get("/orders?limit=1").await.expect(200).typed();
    let id = &demo_orders[0].id;
    let r = sb
        .call(Method::GET, &format!("/orders/{id}"))
        .key(&auth.api_key)
        .send()
        .await;
    r.expect(404);
    let theirs: Vec<Order> = sb
        .call(Method::GET, "/orders")
        .key(&auth.api_key)
        .send()
        .await
        .expect(200)
        .typed();
    assert!(theirs.is_empty());
    let r = sb
        .call(Method::POST, &format!("/orders/{id}/disputes"))
        .key(&auth.api_key)
        .json(json!({"reason": "not mine"}))
        .send()
        .await;
    r.expect(404);
}

#[tokio::test]
async fn profile_patch_is_partial_and_null_clears() {
    let sb = start().await;
    let before: CompanyProfile = sb.get("/auth/company/profile").await.expect(200).typed();
    assert_eq!(before.email, DEMO_EMAIL);
    assert!(before.contact_email.is_some() && before.webhook_url.is_some());
    let forward = before.deposit_forward_address.clone().unwrap();
    assert!(lumo_api::rules::tron::is_valid_tron_address(&forward));

    let after: CompanyProfile = sb
        .patch(
            "/auth/company/profile",
            json!({"contactTelegram": "new_handle", "webhookUrl": null}),
        )
        .await
        .expect(200)
        .typed();
    assert_eq!(after.contact_telegram.as_deref(), Some("new_handle"));
    assert_eq!(after.webhook_url, None);
    assert_eq!(
        after.contact_email, before.contact_email,
        "absent field left as it was"
    );
    assert_eq!(after.name, before.name);

    let again: CompanyProfile = sb.get("/auth/company/profile").await.expect(200).typed();
    assert_eq!(again, after);

    let ok: CompanyProfile = sb
        .patch(
            "/auth/company/profile",
            json!({"webhookUrl": "http://localhost:9000/hook", "depositForwardAddress": "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", "contactEmail": null}),
        )
        .await
        .expect(200)
        .typed();
    assert_eq!(
        ok.webhook_url.as_deref(),
        Some("http://localhost:9000/hook")
    );
    assert_eq!(ok.contact_email, None);
    sb.patch(
        "/auth/company/profile",
        json!({"webhookUrl": "http://127.0.0.1/x"}),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn profile_patch_validation() {
    let sb = start().await;
    let cases = [
        (json!({}), "At least one of contactEmail, contactTelegram, webhookUrl, depositForwardAddress must be provided"),
        (json!({"name": "New name"}), "property name should not exist"),
        (json!({"contactEmail": "not-an-email"}), "contactEmail must be an email"),
        (json!({"contactEmail": 5}), "contactEmail must be a string"),
        (json!({"contactTelegram": "abc"}), "contactTelegram must match ^@?[A-Za-z0-9_]{5,32}$ regular expression"),
        (json!({"contactTelegram": "@has space"}), "contactTelegram must match ^@?[A-Za-z0-9_]{5,32}$ regular expression"),
        (json!({"webhookUrl": "http://example.com/hook"}), "webhookUrl must use https (http is allowed only for localhost and 127.0.0.1)"),
        (json!({"webhookUrl": "not a url"}), "webhookUrl must be a URL address"),
        (json!({"webhookUrl": "ftp://example.com"}), "webhookUrl must be a URL address"),
        // Right shape, wrong checksum (last character changed).
        (json!({"depositForwardAddress": "TJRabPrwbZy45sbavfcjinPJC18kjpRTv9"}), "depositForwardAddress must be a valid TRON address (base58check, 34 characters starting with T, valid checksum)"),
        (json!({"depositForwardAddress": "0x52908400098527886E0F7030069857D2E4169EE7"}), "depositForwardAddress must be a valid TRON address (base58check, 34 characters starting with T, valid checksum)"),
    ];
    for (body, expected) in cases {
        let r = sb.patch("/auth/company/profile", body.clone()).await;
        r.expect(400);
        assert!(
            r.json["message"].is_array(),
            "validation message is an array: {}",
            r.text
        );
        assert!(
            r.messages().contains(&expected.to_string()),
            "{body}: {:?}",
            r.messages()
        );
    }
    // Nothing changed.
    let p: CompanyProfile = sb.get("/auth/company/profile").await.expect(200).typed();
    assert_eq!(p.contact_telegram.as_deref(), Some("@demo_support"));
}

#[tokio::test]
async fn malformed_json_is_a_nestjs_400() {
    let sb = start().await;
    for path in ["/auth/company/login", "/orders/prepare", "/user-wallets"] {
        let r = sb
            .call(Method::POST, path)
            .raw("{\"qrCode\": ")
            .send()
            .await;
        r.expect(400);
        assert_eq!(r.json["statusCode"], json!(400));
        assert_eq!(r.json["error"], json!("Bad Request"));
        assert!(r.json["message"].is_string(), "{}", r.text);
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
    }
    let r = sb
        .call(Method::PATCH, "/auth/company/profile")
        .raw("[1,2]")
        .send()
        .await;
    r.expect(400);
}

#[tokio::test]
async fn unknown_routes_are_nestjs_404s() {
    let sb = start().await;
    let r = sb.call(Method::GET, "/nope").no_contract().send().await;
    r.expect(404);
    assert_eq!(
        r.json,
        json!({"statusCode": 404, "message": "Cannot GET /nope", "error": "Not Found"})
    );
    let r = sb
        .call(Method::DELETE, "/orders")
        .no_contract()
        .send()
        .await;
    r.expect(404);
    assert_eq!(r.message_text(), "Cannot DELETE /orders");
}
