//! The 19 operations: method, path, query, body, authentication and Idempotency-Key.

use lumo_api::models::*;
use lumo_api::requests::{
    self, path_segment_is_safe, percent_encode, Method, OrdersQuery, Page, UserWalletsQuery,
};
use lumo_api::ApiRequest;
use serde_json::{json, Value};

const KEY: &str = "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f1";

/// What a transport sees of a request, typed out so every operation is checked the same way.
#[derive(Debug, PartialEq)]
struct Seen {
    operation: &'static str,
    method: &'static str,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Value>,
    authenticated: bool,
    idempotency_key: Option<String>,
}

fn seen<T: serde::de::DeserializeOwned>(r: &ApiRequest<T>) -> Seen {
    Seen {
        operation: r.operation,
        method: r.method.as_str(),
        path: r.path.clone(),
        query: r.query.clone(),
        body: r
            .body
            .as_deref()
            .map(|b| serde_json::from_str(b).expect("body is JSON")),
        authenticated: r.authenticated,
        idempotency_key: r.idempotency_key.clone(),
    }
}

fn expect(
    operation: &'static str,
    method: &'static str,
    path: &str,
    query: &[(&'static str, &str)],
    body: Option<Value>,
    authenticated: bool,
) -> Seen {
    Seen {
        operation,
        method,
        path: path.to_string(),
        query: query.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        body,
        authenticated,
        idempotency_key: None,
    }
}

fn page(limit: &str, offset: &str) -> Vec<(&'static str, String)> {
    vec![("limit", limit.into()), ("offset", offset.into())]
}

#[test]
fn auth_operations() {
    let register = RegisterRequest {
        name: "Acme".into(),
        email: "a@acme.example".into(),
        password: "correct-horse".into(),
        contact_email: None,
        contact_telegram: Some("@acme_finance".into()),
    };
    assert_eq!(
        seen(&requests::register_company(&register)),
        expect(
            "registerCompany",
            "POST",
            "/auth/company/register",
            &[],
            Some(
                json!({"name":"Acme","email":"a@acme.example","password":"correct-horse","contactTelegram":"@acme_finance"})
            ),
            false,
        )
    );
    let login = LoginRequest {
        email: "demo@lumo.test".into(),
        password: "demo-password".into(),
    };
    assert_eq!(
        seen(&requests::login_company(&login)),
        expect(
            "loginCompany",
            "POST",
            "/auth/company/login",
            &[],
            Some(json!({"email":"demo@lumo.test","password":"demo-password"})),
            false,
        )
    );
    assert_eq!(
        seen(&requests::get_company_profile()),
        expect(
            "getCompanyProfile",
            "GET",
            "/auth/company/profile",
            &[],
            None,
            true
        )
    );
    let update = UpdateProfileRequest {
        contact_telegram: Some(None),
        deposit_forward_address: Some(Some("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8".into())),
        ..Default::default()
    };
    assert_eq!(
        seen(&requests::update_company_profile(&update)),
        expect(
            "updateCompanyProfile",
            "PATCH",
            "/auth/company/profile",
            &[],
            Some(
                json!({"contactTelegram":null,"depositForwardAddress":"TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"})
            ),
            true,
        )
    );
    assert_eq!(
        seen(&requests::regenerate_api_key()),
        expect(
            "regenerateCompanyApiKey",
            "POST",
            "/auth/company/regenerate-key",
            &[],
            None,
            true
        )
    );
}

#[test]
fn rate_and_order_operations() {
    assert_eq!(
        seen(&requests::get_current_rate()),
        expect("getCurrentRate", "GET", "/rates/current", &[], None, true)
    );
    let prepare = PrepareOrderRequest {
        qr_code: "https://qr.nspk.ru/X".into(),
        external_order_id: None,
    };
    assert_eq!(
        seen(&requests::prepare_order(&prepare)),
        expect(
            "prepareOrder",
            "POST",
            "/orders/prepare",
            &[],
            Some(json!({"qrCode":"https://qr.nspk.ru/X"})),
            true
        )
    );
    let mut accept = expect("acceptOrder", "POST", "/orders/accept/q-1", &[], None, true);
    accept.idempotency_key = Some("k-1".into());
    assert_eq!(seen(&requests::accept_order("q-1", "k-1")), accept);
    assert_eq!(
        seen(&requests::list_orders(&OrdersQuery::default())),
        Seen {
            query: page("20", "0"),
            ..expect("listOrders", "GET", "/orders", &[], None, true)
        }
    );
    let filtered = OrdersQuery {
        page: Page::new(50, 100),
        status: Some(OrderStatus::InProgress),
        external_order_id: Some("ORD 1&x=2".into()),
    };
    let request = requests::list_orders(&filtered);
    assert_eq!(
        request.query,
        vec![
            ("limit", "50".into()),
            ("offset", "100".into()),
            ("status", "in_progress".into()),
            ("externalOrderId", "ORD 1&x=2".into()),
        ]
    );
    assert_eq!(
        request.url("http://h"),
        "http://h/orders?limit=50&offset=100&status=in_progress&externalOrderId=ORD%201%26x%3D2"
    );
    let empty_filter = OrdersQuery {
        external_order_id: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(requests::list_orders(&empty_filter).query, page("20", "0"));
    assert_eq!(
        seen(&requests::get_order("o-1")),
        expect("getOrder", "GET", "/orders/o-1", &[], None, true)
    );
}

#[test]
fn dispute_operations() {
    let body = CreateDisputeRequest {
        reason: "Paid twice".into(),
    };
    assert_eq!(
        seen(&requests::create_dispute("o-1", &body)),
        expect(
            "createDispute",
            "POST",
            "/orders/o-1/disputes",
            &[],
            Some(json!({"reason":"Paid twice"})),
            true
        )
    );
    assert_eq!(
        seen(&requests::list_disputes()),
        expect("listDisputes", "GET", "/disputes", &[], None, true)
    );
}

#[test]
fn wallet_operations() {
    assert_eq!(
        seen(&requests::get_company_wallet()),
        expect(
            "getCompanyWallet",
            "GET",
            "/wallets/balance",
            &[],
            None,
            true
        )
    );
    assert_eq!(
        seen(&requests::list_company_deposits(Page::new(10, 30))),
        Seen {
            query: page("10", "30"),
            ..expect(
                "listCompanyDeposits",
                "GET",
                "/wallets/deposits",
                &[],
                None,
                true
            )
        }
    );
    let create = CreateUserWalletRequest {
        external_id: "user-42".into(),
    };
    assert_eq!(
        seen(&requests::create_user_wallet(&create)),
        expect(
            "createUserWallet",
            "POST",
            "/user-wallets",
            &[],
            Some(json!({"externalId":"user-42"})),
            true
        )
    );
    let query = UserWalletsQuery {
        page: Page::default(),
        external_id: Some("user-42".into()),
    };
    assert_eq!(
        seen(&requests::list_user_wallets(&query)),
        expect(
            "listUserWallets",
            "GET",
            "/user-wallets",
            &[("externalId", "user-42"), ("limit", "20"), ("offset", "0")],
            None,
            true,
        )
    );
    assert_eq!(
        requests::list_user_wallets(&UserWalletsQuery::default()).query,
        page("20", "0")
    );
    assert_eq!(
        seen(&requests::list_blocked_user_wallets(Page::default())),
        Seen {
            query: page("20", "0"),
            ..expect(
                "listBlockedUserWallets",
                "GET",
                "/user-wallets/blocked",
                &[],
                None,
                true
            )
        }
    );
    let replace = ReplaceUserWalletRequest {
        reason: Some("leaked".into()),
    };
    assert_eq!(
        seen(&requests::replace_user_wallet("user-42", &replace)),
        expect(
            "replaceUserWallet",
            "POST",
            "/user-wallets/user-42/replace",
            &[],
            Some(json!({"reason":"leaked"})),
            true
        )
    );
    assert_eq!(
        requests::replace_user_wallet("u", &ReplaceUserWalletRequest::default())
            .body
            .as_deref(),
        Some("{}")
    );
    assert_eq!(
        seen(&requests::list_user_deposits("user-42", Page::default())),
        Seen {
            query: page("20", "0"),
            ..expect(
                "listUserDeposits",
                "GET",
                "/user-wallets/user-42/deposits",
                &[],
                None,
                true
            )
        }
    );
}

#[test]
fn ids_are_percent_encoded_in_paths() {
    let tricky = "a/b?c=d#e f%é😀";
    let encoded = "a%2Fb%3Fc%3Dd%23e%20f%25%C3%A9%F0%9F%98%80";
    assert_eq!(percent_encode(tricky), encoded);
    assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(
        requests::get_order(tricky).path,
        format!("/orders/{encoded}")
    );
    assert_eq!(
        requests::accept_order(tricky, "k").path,
        format!("/orders/accept/{encoded}")
    );
    let dispute = CreateDisputeRequest { reason: "r".into() };
    assert_eq!(
        requests::create_dispute(tricky, &dispute).path,
        format!("/orders/{encoded}/disputes")
    );
    assert_eq!(
        requests::replace_user_wallet(tricky, &ReplaceUserWalletRequest::default()).path,
        format!("/user-wallets/{encoded}/replace")
    );
    assert_eq!(
        requests::list_user_deposits(tricky, Page::default()).path,
        format!("/user-wallets/{encoded}/deposits")
    );
    assert_eq!(
        requests::get_order("..").path,
        "/orders/..",
        "dots are unreserved"
    );
    let query = UserWalletsQuery {
        page: Page::default(),
        external_id: Some(tricky.into()),
    };
    let url = requests::list_user_wallets(&query).url("https://api.example");
    assert_eq!(
        url,
        format!("https://api.example/user-wallets?externalId={encoded}&limit=20&offset=0")
    );
}

/// Every request that puts an id in its path, with the path around the id.
fn id_paths(id: &str) -> Vec<(String, &'static str, &'static str)> {
    let dispute = CreateDisputeRequest { reason: "r".into() };
    let replace = ReplaceUserWalletRequest::default();
    vec![
        (requests::get_order(id).path, "/orders/", ""),
        (requests::accept_order(id, "k").path, "/orders/accept/", ""),
        (
            requests::create_dispute(id, &dispute).path,
            "/orders/",
            "/disputes",
        ),
        (
            requests::replace_user_wallet(id, &replace).path,
            "/user-wallets/",
            "/replace",
        ),
        (
            requests::list_user_deposits(id, Page::default()).path,
            "/user-wallets/",
            "/deposits",
        ),
    ]
}

/// Undo `percent_encode` (for the test: every `%` is followed by two hex digits).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn hostile_ids_stay_one_path_segment_in_every_request() {
    let hostile = [
        "../x",
        "../../auth/company/regenerate-key",
        "a/b",
        "?q",
        "#f",
        "%2e%2e",
        "%2F",
        "a b",
        "a+b",
        "a;b",
        "a\\b",
        "\u{0}\r\n",
        "пользователь-42",
        "😀",
        "ÿ",
    ];
    for id in hostile {
        assert!(path_segment_is_safe(id), "{id:?}");
        let encoded = percent_encode(id);
        for (path, before, after) in id_paths(id) {
            let segment = path
                .strip_prefix(before)
                .and_then(|rest| rest.strip_suffix(after))
                .unwrap_or_else(|| panic!("{path} for {id:?}"));
            assert_eq!(segment, encoded, "{path}");
            // Nothing that ends or splits a segment, starts a query or fragment, or is not ASCII.
            assert!(
                segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
                "{path}"
            );
            assert_eq!(
                path.matches('/').count(),
                before.matches('/').count() + after.matches('/').count()
            );
            assert!(segment != "." && segment != "..", "{path}");
            assert_eq!(percent_decode(segment), id, "{path}");
            // The full URL keeps it too.
            let url = requests::get_order(id).url("https://api.example/");
            assert_eq!(url, format!("https://api.example/orders/{encoded}"));
        }
    }
    assert_eq!(percent_encode("%2e%2e"), "%252e%252e");
    assert_eq!(percent_encode("?q"), "%3Fq");
    assert_eq!(percent_encode("#f"), "%23f");
    assert_eq!(percent_encode("a b"), "a%20b");
    assert_eq!(percent_encode("../x"), "..%2Fx");
    assert_eq!(percent_encode("é"), "%C3%A9");
}

#[test]
fn dot_segments_and_empty_ids_are_not_safe_path_segments() {
    // Encoding cannot save these (a browser reads `%2E` as a dot too): callers check first.
    for unsafe_id in ["", ".", ".."] {
        assert!(!path_segment_is_safe(unsafe_id), "{unsafe_id:?}");
    }
    for fine in ["...", ". ", " ..", ".a", "a.", "..x", "x.."] {
        assert!(path_segment_is_safe(fine), "{fine:?}");
    }
}

#[test]
fn url_joins_base_urls_with_or_without_a_trailing_slash() {
    let request = requests::get_order("o-1");
    for base in [
        "https://api.example",
        "https://api.example/",
        "https://api.example//",
    ] {
        assert_eq!(request.url(base), "https://api.example/orders/o-1");
    }
    assert_eq!(
        request.url("https://mock.example/prefix/"),
        "https://mock.example/prefix/orders/o-1"
    );
    assert_eq!(
        request.url("http://127.0.0.1:8787"),
        "http://127.0.0.1:8787/orders/o-1"
    );
}

#[test]
fn the_api_key_never_appears_in_urls_or_headers() {
    let login = LoginRequest {
        email: "demo@lumo.test".into(),
        password: KEY.into(),
    };
    let urls_and_headers: Vec<String> = vec![
        requests::get_company_profile().url("https://api.example"),
        requests::login_company(&login).url("https://api.example"),
        requests::list_orders(&OrdersQuery::default()).url("https://api.example"),
        format!("{:?}", requests::get_company_profile().headers()),
        format!("{:?}", requests::login_company(&login).headers()),
        format!("{:?}", requests::accept_order("q", "k").headers()),
    ];
    for text in urls_and_headers {
        assert!(!text.contains(KEY) && !text.contains("lb2b_"), "{text}");
        assert!(!text.to_ascii_lowercase().contains("api_key"), "{text}");
        assert!(!text.to_ascii_lowercase().contains("x-api-key"), "{text}");
    }
}

#[test]
fn headers_and_retry_safety() {
    let get = requests::get_company_profile();
    assert_eq!(
        get.headers(),
        vec![("Accept", "application/json".to_string())]
    );
    assert!(get.is_retry_safe());
    let accept = requests::accept_order("q", "key-1");
    assert!(accept
        .headers()
        .contains(&("Idempotency-Key", "key-1".to_string())));
    assert!(
        !accept
            .headers()
            .iter()
            .any(|(name, _)| *name == "Content-Type"),
        "accept has no body"
    );
    assert!(accept.is_retry_safe());
    let blank = requests::accept_order("q", "  ");
    assert_eq!(blank.idempotency_key, None);
    assert!(!blank.is_retry_safe());
    let dispute = requests::create_dispute("o", &CreateDisputeRequest { reason: "r".into() });
    assert!(dispute
        .headers()
        .contains(&("Content-Type", "application/json".to_string())));
    assert!(!dispute.is_retry_safe());
    assert_eq!(Method::Patch.as_str(), "PATCH");
}

#[test]
fn pages_stay_in_bounds() {
    assert_eq!(Page::new(0, 0).limit, 1);
    assert_eq!(Page::new(1000, 0).limit, 100);
    let page = Page::new(20, 0);
    assert_eq!(page.next().offset, 20);
    assert_eq!(page.next().number(), 2);
    assert_eq!(page.previous().offset, 0);
    assert_eq!(Page::new(20, u32::MAX).next().offset, u32::MAX);
}

#[test]
fn each_request_decodes_its_own_answer() {
    let request = requests::get_order("o-1");
    let body = r#"{"id":"o-1","status":"success","amountRub":1,"amountUsdt":1,"merchantName":"m","createdAt":"2026-11-24T10:00:00Z"}"#;
    assert_eq!(request.decode(200, body, None).unwrap().id, "o-1");
    assert!(request
        .decode(404, r#"{"message":"Order not found"}"#, None)
        .is_err());
    let list = requests::list_disputes();
    assert!(list.decode(200, "[]", None).unwrap().is_empty());
}
