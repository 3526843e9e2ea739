use lumo_api::models::*;
use lumo_api::rules::nspk::NspkError;
use lumo_api::rules::tron::TronProblem;
use lumo_api::rules::validation::*;
use lumo_api::ApiError;

fn ok(problem: Option<Problem>) -> bool {
    problem.is_none()
}

#[test]
fn emails() {
    for good in [
        "demo@lumo.test",
        "finance@acme.example",
        "first.last+tag@sub.domain.co",
        "o'hara@example.org",
        "user_name-1@xn--80ak6aa92e.xn--p1ai",
        "иван@пример.рф",
        "a@b.io",
    ] {
        assert!(
            ok(validate_email(good)),
            "{good}: {:?}",
            validate_email(good)
        );
    }
    for bad in [
        "plainaddress",
        "@example.com",
        "user@",
        "user@localhost",
        "user@example",
        "user@example.c",
        "user@example.123",
        "user@-example.com",
        "user@example-.com",
        "user@exa_mple.com",
        "user@example..com",
        ".user@example.com",
        "user.@example.com",
        "us..er@example.com",
        "us\"er@example.com",
        "a@b@example.com",
        "user@[127.0.0.1]",
        "user@.example.com",
    ] {
        assert!(!ok(validate_email(bad)), "{bad} accepted");
    }
    assert_eq!(validate_email(""), Some(Problem::EmailMissing));
    assert_eq!(validate_email("plainaddress"), Some(Problem::EmailInvalid));
    assert_eq!(
        validate_email("user name@example.com"),
        Some(Problem::EmailHasSpaces)
    );
    assert_eq!(
        validate_email(" demo@lumo.test"),
        Some(Problem::EmailHasSpaces)
    );
    let local = "a".repeat(64);
    assert!(ok(validate_email(&format!("{local}@example.com"))));
    assert!(!ok(validate_email(&format!("a{local}@example.com"))));
    // 254 characters is the limit, counted in characters.
    let label = "a".repeat(60);
    let long = format!("{local}@{label}.{label}.{label}.{}", "b".repeat(6));
    assert_eq!(long.chars().count(), 254);
    assert!(ok(validate_email(&long)), "{:?}", validate_email(&long));
    let too_long = format!("{local}@{label}.{label}.{label}.{}", "b".repeat(7));
    assert_eq!(
        validate_email(&too_long),
        Some(Problem::EmailTooLong { max: 254 })
    );
}

#[test]
fn https_urls() {
    for good in [
        "https://demo.example/hooks/lumo",
        "HTTPS://Demo.Example",
        "https://demo.example:8443/h?x=1&y=%20#frag",
        "https://user:pass@demo.example/h",
        "https://203.0.113.9/h",
        "https://[2001:db8::1]:443/h",
        "https://пример.рф/хук",
        "https://ПРИМЕР.РФ/хук",
        "https://Dém\u{f3}.Example/",
        "http://localhost:3000/hook",
        "http://127.0.0.1:8787/h",
        "http://[::1]/h",
        "https://localhost/h",
    ] {
        assert!(
            ok(validate_https_url(good)),
            "{good}: {:?}",
            validate_https_url(good)
        );
    }
    let problem = |s: &str| validate_https_url(s).unwrap_or_else(|| panic!("{s} accepted"));
    use Problem::*;
    assert_eq!(problem(""), UrlMissing);
    assert_eq!(problem("demo.example/hook"), UrlNotFull);
    for plain in [
        "http://demo.example/hook",
        "http://localhost.evil.example/",
        "http://127.0.0.2/",
        "ftp://demo.example/",
    ] {
        assert_eq!(problem(plain), UrlNotHttps, "{plain}");
    }
    for no_host in ["https:///path", "https://", "https://user@/x"] {
        assert_eq!(problem(no_host), UrlNoHost, "{no_host}");
    }
    for bad_host in [
        "javascript://alert(1)",
        "https://intranet/hook",
        "https://demo..example/",
        "https://-demo.example/",
        "https://demo_x.example/",
        "https://256.1.1.1/",
        "https://1.2.3/",
        "https://[zz::1]/",
        "https://[::1/",
        "https://[::1]x/",
    ] {
        assert_eq!(problem(bad_host), UrlBadHost, "{bad_host}");
    }
    for bad_port in [
        "https://demo.example:0/",
        "https://demo.example:65536/",
        "https://demo.example:/",
        "https://demo.example:80a/",
    ] {
        assert_eq!(problem(bad_port), UrlBadPort, "{bad_port}");
    }
    assert_eq!(problem("https://demo.example/a b"), UrlHasSpaces);
    assert_eq!(problem("https://demo.example/\u{7}"), UrlHasSpaces);
    let path = "a".repeat(2048 - "https://demo.example/".len());
    assert!(ok(validate_https_url(&format!(
        "https://demo.example/{path}"
    ))));
    assert_eq!(
        problem(&format!("https://demo.example/{path}é")),
        UrlTooLong { max: 2048 }
    );
}

#[test]
fn telegram_usernames() {
    for good in [
        "@demo_support",
        "demo_support",
        "abcde",
        &"a".repeat(32),
        &format!("@{}", "A".repeat(32)),
    ] {
        assert!(ok(validate_telegram(good)), "{good}");
    }
    for bad in [
        "@abcd",
        "abcd",
        &"a".repeat(33),
        "@@abcde",
        "demo-support",
        "demo support",
        "t.me/demo",
        "дмитрий_ok",
    ] {
        assert_eq!(
            validate_telegram(bad),
            Some(Problem::TelegramInvalid),
            "{bad}"
        );
    }
    assert_eq!(validate_telegram(""), Some(Problem::TelegramMissing));
}

#[test]
fn tron_addresses() {
    assert!(ok(validate_tron("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8")));
    assert_eq!(
        validate_tron("TJRabPrwbZy45sbavfcjinPJC18kjpRTv9"),
        Some(Problem::Tron(TronProblem::ChecksumMismatch))
    );
    assert_eq!(validate_tron(""), Some(Problem::Tron(TronProblem::Missing)));
}

#[test]
fn passwords() {
    assert!(ok(validate_password("12345678")));
    assert_eq!(
        validate_password("1234567"),
        Some(Problem::PasswordTooShort { min: 8 })
    );
    assert!(ok(validate_password("пароль12")), "8 characters, 16 bytes");
    assert!(!ok(validate_password("пароль1")), "7 characters, 14 bytes");
    assert!(ok(validate_password(&"x".repeat(256))));
    assert_eq!(
        validate_password(&"x".repeat(257)),
        Some(Problem::PasswordTooLong { max: 256 })
    );
    assert_eq!(validate_password(""), Some(Problem::PasswordMissing));
    assert!(ok(validate_login_password("x")));
    assert_eq!(
        validate_login_password(""),
        Some(Problem::LoginPasswordMissing)
    );
    assert!(ok(validate_login_password(&"é".repeat(256))));
    assert_eq!(
        validate_login_password(&"é".repeat(257)),
        Some(Problem::PasswordTooLong { max: 256 })
    );
}

#[test]
fn company_names() {
    assert!(ok(validate_company_name("Acme Payments LLC")));
    assert!(ok(validate_company_name("AB")));
    assert_eq!(
        validate_company_name(" A "),
        Some(Problem::CompanyNameTooShort { min: 2 }),
        "1 character once trimmed"
    );
    assert_eq!(
        validate_company_name("   "),
        Some(Problem::CompanyNameMissing)
    );
    assert!(ok(validate_company_name(&format!(
        "  {}  ",
        "Я".repeat(120)
    ))));
    assert_eq!(
        validate_company_name(&"Я".repeat(121)),
        Some(Problem::CompanyNameTooLong { max: 120 })
    );
}

#[test]
fn dispute_reasons() {
    assert_eq!(REASON_MAX, 2000);
    assert!(ok(validate_reason("x")));
    assert_eq!(validate_reason(" \n\t "), Some(Problem::ReasonMissing));
    assert!(ok(validate_reason(&format!("\n{}\n", "ё".repeat(2000)))));
    assert_eq!(
        validate_reason(&"ё".repeat(2001)),
        Some(Problem::ReasonTooLong {
            max: 2000,
            count: 2001
        })
    );
}

#[test]
fn external_ids_and_api_keys() {
    assert!(ok(validate_external_id("user-42")));
    assert!(ok(validate_external_id(&"ü".repeat(255))));
    assert_eq!(
        validate_external_id(&"ü".repeat(256)),
        Some(Problem::ExternalIdTooLong { max: 255 })
    );
    assert_eq!(validate_external_id(""), Some(Problem::ExternalIdMissing));
    assert_eq!(
        validate_external_id("   "),
        Some(Problem::ExternalIdMissing)
    );
    // Dot segments: a browser resolves `/user-wallets/../replace` to `/replace`.
    for dots in [".", "..", " .. ", "\t.\n"] {
        assert_eq!(
            validate_external_id(dots),
            Some(Problem::ExternalIdDotSegment),
            "{dots:?}"
        );
    }
    for fine in [
        "...",
        ".a",
        "a.",
        "a..b",
        "../x",
        "%2e%2e",
        "a/b",
        "?q",
        "#f",
        "пользователь",
    ] {
        assert!(ok(validate_external_id(fine)), "{fine}");
    }
    assert_eq!(
        validate_create_user_wallet(&CreateUserWalletRequest {
            external_id: "..".into()
        })
        .get("externalId"),
        Some(&Problem::ExternalIdDotSegment)
    );

    assert!(ok(validate_api_key(
        "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f1"
    )));
    assert_eq!(validate_api_key(""), Some(Problem::ApiKeyMissing));
    assert_eq!(
        validate_api_key("5f7f1f7b7f034dbf81b0b8b8d7c0b9f1"),
        Some(Problem::ApiKeyPrefix)
    );
    for bad in [
        "lb2b_5F7F1F7B7F034DBF81B0B8B8D7C0B9F1",
        "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f",
        "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f12",
        "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9fg",
        "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9f1 ",
        "lb2b_5f7f1f7b7f034dbf81b0b8b8d7c0b9fé",
    ] {
        assert_eq!(validate_api_key(bad), Some(Problem::ApiKeyInvalid), "{bad}");
    }
}

#[test]
fn qr_codes() {
    let example = "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B";
    assert!(ok(validate_qr_code(example)));
    assert_eq!(
        validate_qr_code(""),
        Some(Problem::PaymentLink(NspkError::Empty))
    );
    assert_eq!(
        validate_qr_code(&format!("{example}&x={}", "a".repeat(2048))),
        Some(Problem::PaymentLinkTooLong { max: 2048 })
    );
    assert_eq!(
        validate_qr_code(&example.replace("cur=RUB", "cur=USD")),
        Some(Problem::PaymentLink(NspkError::NotRub("USD".into())))
    );
}

fn register(name: &str, email: &str, password: &str) -> RegisterRequest {
    RegisterRequest {
        name: name.into(),
        email: email.into(),
        password: password.into(),
        contact_email: None,
        contact_telegram: None,
    }
}

#[test]
fn registration_form() {
    assert!(validate_register(&register(
        "Acme Payments LLC",
        "finance@acme.example",
        "correct-horse"
    ))
    .is_empty());
    let mut bad = register("A", "nope", "short");
    bad.contact_email = Some("also nope".into());
    bad.contact_telegram = Some("x".repeat(65));
    let errors = validate_register(&bad);
    let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        [
            "contactEmail",
            "contactTelegram",
            "email",
            "name",
            "password"
        ]
    );
    assert_eq!(
        errors["contactTelegram"],
        Problem::TelegramContactTooLong { max: 64 }
    );
    assert_eq!(errors["password"], Problem::PasswordTooShort { min: 8 });
    // The contract bounds registration's contactTelegram by length only.
    let mut loose = register("Acme", "a@acme.example", "correct-horse");
    loose.contact_telegram = Some("t.me/acme".into());
    assert!(validate_register(&loose).is_empty());
}

#[test]
fn profile_update_form() {
    let empty = validate_profile_update(&UpdateProfileRequest::default());
    assert_eq!(empty.keys().collect::<Vec<_>>(), [FORM_FIELD]);
    assert_eq!(empty[FORM_FIELD], Problem::NothingChanged);
    let clear_all = UpdateProfileRequest {
        contact_email: Some(None),
        contact_telegram: Some(None),
        webhook_url: Some(None),
        deposit_forward_address: Some(None),
    };
    assert!(validate_profile_update(&clear_all).is_empty());
    let good = UpdateProfileRequest {
        contact_email: Some(Some("support@demo.example".into())),
        contact_telegram: Some(Some("@demo_support".into())),
        webhook_url: Some(Some("https://demo.example/hooks/lumo".into())),
        deposit_forward_address: Some(Some("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8".into())),
    };
    assert!(validate_profile_update(&good).is_empty());
    let bad = UpdateProfileRequest {
        contact_email: Some(Some("support".into())),
        contact_telegram: Some(Some("@ab".into())),
        webhook_url: Some(Some("http://demo.example/hooks".into())),
        deposit_forward_address: Some(Some("TJRabPrwbZy45sbavfcjinPJC18kjpRTv9".into())),
    };
    let errors = validate_profile_update(&bad);
    let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        [
            "contactEmail",
            "contactTelegram",
            "depositForwardAddress",
            "webhookUrl"
        ]
    );
    assert_eq!(errors["contactTelegram"], Problem::TelegramInvalid);
    assert_eq!(errors["webhookUrl"], Problem::UrlNotHttps);
    assert_eq!(
        errors["depositForwardAddress"],
        Problem::Tron(TronProblem::ChecksumMismatch)
    );
}

#[test]
fn client_and_server_messages_share_field_names() {
    let bad = UpdateProfileRequest {
        contact_email: Some(Some("nope".into())),
        ..Default::default()
    };
    let client = validate_profile_update(&bad);
    let server = lumo_api::errors::error_from_response(
        400,
        r#"{"statusCode":400,"message":["contactEmail must be an email"],"error":"Bad Request"}"#,
        None,
    );
    for field in client.keys() {
        assert!(!server.field_messages(field).is_empty(), "{field}");
    }
    assert!(matches!(server, ApiError::Validation { .. }));
}

#[test]
fn other_forms() {
    let login = LoginRequest {
        email: "demo@lumo.test".into(),
        password: "x".into(),
    };
    assert!(validate_login(&login).is_empty());
    let login = LoginRequest {
        email: "".into(),
        password: "".into(),
    };
    assert_eq!(validate_login(&login).len(), 2);

    let prepare = PrepareOrderRequest {
        qr_code: "nope".into(),
        external_order_id: Some("x".repeat(256)),
    };
    let errors = validate_prepare_order(&prepare);
    assert_eq!(
        errors["qrCode"],
        Problem::PaymentLink(NspkError::NotNspkLink)
    );
    assert_eq!(
        errors["externalOrderId"],
        Problem::OrderReferenceTooLong { max: 255 }
    );

    assert!(
        validate_create_dispute(&CreateDisputeRequest { reason: " ".into() })
            .contains_key("reason")
    );
    assert!(validate_create_user_wallet(&CreateUserWalletRequest {
        external_id: "".into()
    })
    .contains_key("externalId"));
    assert!(validate_replace_user_wallet(&ReplaceUserWalletRequest::default()).is_empty());
    let long = ReplaceUserWalletRequest {
        reason: Some("x".repeat(501)),
    };
    assert_eq!(
        validate_replace_user_wallet(&long).get("reason"),
        Some(&Problem::ReplaceReasonTooLong { max: 500 })
    );
}

#[test]
fn patching_a_field_from_a_form() {
    assert_eq!(patch_field(None, ""), None);
    assert_eq!(patch_field(None, "   "), None);
    assert_eq!(patch_field(Some(""), ""), None);
    assert_eq!(patch_field(Some("a@b.io"), " a@b.io "), None);
    assert_eq!(patch_field(Some("a@b.io"), ""), Some(None));
    assert_eq!(
        patch_field(Some("a@b.io"), "c@d.io"),
        Some(Some("c@d.io".into()))
    );
    assert_eq!(patch_field(None, " c@d.io "), Some(Some("c@d.io".into())));
}

fn profile() -> CompanyProfile {
    CompanyProfile {
        id: "c1".into(),
        name: "Demo".into(),
        email: "demo@lumo.test".into(),
        contact_email: Some("ops@demo.test".into()),
        contact_telegram: None,
        is_active: true,
        webhook_url: Some("https://demo.test/hook".into()),
        deposit_forward_address: None,
    }
}

#[test]
fn profile_changes_are_the_changed_fields_and_null_for_cleared_ones() {
    let body = profile_changes(
        &profile(),
        &ProfileInput {
            contact_email: "ops@demo.test",
            contact_telegram: "@demo_ops",
            webhook_url: "",
            deposit_forward_address: "",
        },
    );
    assert_eq!(body.contact_email, None);
    assert_eq!(body.contact_telegram, Some(Some("@demo_ops".into())));
    assert_eq!(body.webhook_url, Some(None));
    assert_eq!(body.deposit_forward_address, None);
    let json = serde_json::to_string(&body).unwrap();
    assert_eq!(json, r#"{"contactTelegram":"@demo_ops","webhookUrl":null}"#);
}

#[test]
fn an_unchanged_profile_form_sends_nothing() {
    let p = profile();
    let body = profile_changes(
        &p,
        &ProfileInput {
            contact_email: " ops@demo.test ",
            contact_telegram: "",
            webhook_url: "https://demo.test/hook",
            deposit_forward_address: "",
        },
    );
    assert!(body.is_empty());
}
