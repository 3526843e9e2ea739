//! Every status and body becomes a value or a specific ApiError, never a panic.

use lumo_api::errors::{
    decode_with_retry_after, decode_with_retry_after_at, error_from_response,
    error_from_response_at, old_key_check, parse_retry_after, DecodeKind, OldKeyCheck,
};
use lumo_api::models::{CompanyProfile, Dispute, Order};
use lumo_api::{decode, ApiError};

fn err(status: u16, body: &str) -> ApiError {
    error_from_response(status, body, None)
}

#[test]
fn a_400_with_an_array_is_validation_grouped_by_field() {
    let body = r#"{"statusCode":400,"message":["contactEmail must be an email",
        "webhookUrl must be a URL address","contactEmail should not be empty",
        "property foo should not exist","email must be an email","each value in x must be a string"],
        "error":"Bad Request"}"#;
    let error = err(400, body);
    let ApiError::Validation { messages, by_field } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(messages.len(), 6);
    assert_eq!(
        error.field_messages("contactEmail"),
        vec![
            "contactEmail must be an email",
            "contactEmail should not be empty"
        ]
    );
    assert_eq!(error.field_messages("webhookUrl").len(), 1);
    assert_eq!(
        error.field_messages("foo"),
        vec!["property foo should not exist"]
    );
    assert_eq!(
        error.field_messages("email"),
        vec!["email must be an email"]
    );
    assert_eq!(by_field[""], vec!["each value in x must be a string"]);
    assert_eq!(error.status(), Some(400));
    assert!(error.to_string().contains("contactEmail must be an email"));
    assert!(error.field_messages("password").is_empty());
}

#[test]
fn a_400_with_a_string_is_validation_with_that_line() {
    let error = err(
        400,
        r#"{"statusCode":400,"message":"Invalid QR code","error":"Bad Request"}"#,
    );
    assert!(
        matches!(&error, ApiError::Validation { messages, .. } if messages == &["Invalid QR code"])
    );
    assert_eq!(error.server_message().as_deref(), Some("Invalid QR code"));
    // Without a body the user still gets a line.
    assert!(matches!(err(400, ""), ApiError::Validation { messages, .. } if messages.len() == 1));
}

#[test]
fn each_status_maps_to_its_error_and_keeps_the_message() {
    let body = |status: u16| format!(r#"{{"statusCode":{status},"message":"said {status}"}}"#);
    type Is = fn(&ApiError) -> bool;
    let cases: Vec<(u16, Is)> = vec![
        (401, |e| matches!(e, ApiError::Unauthorized { .. })),
        (403, |e| matches!(e, ApiError::Forbidden { .. })),
        (404, |e| matches!(e, ApiError::NotFound { .. })),
        (405, |e| matches!(e, ApiError::MethodNotAllowed { .. })),
        (409, |e| matches!(e, ApiError::Conflict { .. })),
        (429, |e| {
            matches!(
                e,
                ApiError::RateLimited {
                    retry_after: None,
                    ..
                }
            )
        }),
        (418, |e| matches!(e, ApiError::Client { status: 418, .. })),
        (422, |e| matches!(e, ApiError::Client { status: 422, .. })),
        (500, |e| matches!(e, ApiError::Server { status: 500, .. })),
        (502, |e| matches!(e, ApiError::Server { status: 502, .. })),
        (503, |e| matches!(e, ApiError::Server { status: 503, .. })),
    ];
    for (status, is_expected) in cases {
        let error = err(status, &body(status));
        assert!(is_expected(&error), "{status}: {error:?}");
        assert_eq!(error.status(), Some(status));
        let said = format!("said {status}");
        assert_eq!(error.server_message().as_deref(), Some(said.as_str()));
        assert!(error.to_string().contains(&said), "{error}");
        assert!(!error.title().is_empty());
    }
}

#[test]
fn a_429_reads_retry_after() {
    let body = r#"{"statusCode":429,"message":"Too many requests"}"#;
    let error = error_from_response(429, body, Some("2"));
    assert!(
        matches!(
            error,
            ApiError::RateLimited {
                retry_after: Some(2),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("2 s"));
    assert!(error.is_transient());
    assert_eq!(parse_retry_after(" 10 "), Some(10));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    assert_eq!(parse_retry_after("-1"), None);
    assert_eq!(parse_retry_after("99999999999"), Some(u32::MAX));
    let via_decode: Result<Order, _> = decode_with_retry_after(429, "", Some("7"));
    assert!(matches!(
        via_decode,
        Err(ApiError::RateLimited {
            retry_after: Some(7),
            message: None
        })
    ));
}

#[test]
fn a_non_json_5xx_is_a_server_error_without_message() {
    let error = err(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
    assert_eq!(
        error,
        ApiError::Server {
            status: 502,
            message: None
        }
    );
    assert!(error.is_transient());
    assert!(error.to_string().contains("502"));
    assert_eq!(
        err(500, ""),
        ApiError::Server {
            status: 500,
            message: None
        }
    );
}

#[test]
fn messages_survive_odd_error_bodies() {
    // statusCode of another type, a BOM, extra fields, a bare string, non-string array items.
    let error = err(
        409,
        r#"{"statusCode":"409","message":"Quote has expired","extra":{}}"#,
    );
    assert_eq!(error.server_message().as_deref(), Some("Quote has expired"));
    let error = err(409, "\u{feff}{\"message\":\"Quote has expired\"}");
    assert_eq!(error.server_message().as_deref(), Some("Quote has expired"));
    let error = err(404, r#""Order not found""#);
    assert_eq!(error.server_message().as_deref(), Some("Order not found"));
    let error = err(400, r#"{"message":["a must be x", 3, null, "  "]}"#);
    assert!(
        matches!(&error, ApiError::Validation { messages, .. } if messages == &["a must be x"])
    );
    let error = err(403, r#"{"message":"   "}"#);
    assert_eq!(error, ApiError::Forbidden { message: None });
}

#[test]
fn helpers_describe_the_error() {
    assert!(err(404, "").is_unsupported_operation());
    assert!(err(405, "").is_unsupported_operation());
    assert!(!err(409, "").is_unsupported_operation());
    assert!(!err(401, "").is_transient());
    assert!(err(503, "").is_transient());
    let network = ApiError::Network {
        detail: "refused".into(),
    };
    assert_eq!(network.status(), None);
    assert!(network.to_string().contains("refused"));
    assert_eq!(ApiError::Timeout { seconds: 15 }.status(), None);
}

#[test]
fn empty_2xx_bodies() {
    let r: Result<CompanyProfile, _> = decode(200, "");
    assert!(
        matches!(
            r,
            Err(ApiError::Decode {
                status: 200,
                kind: DecodeKind::Empty,
                ..
            })
        ),
        "{r:?}"
    );
    let r: Result<CompanyProfile, _> = decode(200, "  \n ");
    assert!(matches!(
        r,
        Err(ApiError::Decode {
            kind: DecodeKind::Empty,
            ..
        })
    ));
    let r: Result<(), _> = decode(204, "");
    assert!(r.is_ok());
    let r: Result<Option<Order>, _> = decode(200, "");
    assert_eq!(r.unwrap(), None);
}

#[test]
fn bodies_that_are_not_the_expected_json() {
    let r: Result<Vec<Order>, _> = decode(200, "<!doctype html><html>proxy</html>");
    assert!(
        matches!(
            r,
            Err(ApiError::Decode {
                kind: DecodeKind::NotJson,
                ..
            })
        ),
        "{r:?}"
    );
    let r: Result<Vec<Order>, _> = decode(200, r#"[{"id":"x""#);
    assert!(
        matches!(
            r,
            Err(ApiError::Decode {
                kind: DecodeKind::Malformed,
                ..
            })
        ),
        "{r:?}"
    );
    let r: Result<Vec<Order>, _> = decode(200, r#"{"unexpected":true}"#);
    assert!(
        matches!(
            r,
            Err(ApiError::Decode {
                kind: DecodeKind::WrongShape,
                ..
            })
        ),
        "{r:?}"
    );
    let r: Result<Vec<Order>, _> = decode(200, "[]");
    assert_eq!(r.unwrap(), Vec::<Order>::new());
    let r: Result<Vec<Dispute>, _> = decode(200, "\u{feff}[]");
    assert!(r.is_ok(), "{r:?}");
    let r: Result<Vec<Order>, _> = decode(201, "[] trailing");
    assert!(r.is_err());
    let error = r.unwrap_err();
    assert!(error.to_string().contains("HTTP 201"), "{error}");
}

#[test]
fn never_panics_on_weird_bodies_and_statuses() {
    let deep = "[".repeat(10_000);
    let bodies: Vec<String> = vec![
        String::new(),
        " ".into(),
        "null".into(),
        "true".into(),
        "0".into(),
        "-1e999999".into(),
        "1e400".into(),
        "\"".into(),
        "\"\\ud800\"".into(),
        "{".into(),
        "}".into(),
        "[".into(),
        "[{}]".into(),
        "{\"message\":{}}".into(),
        "{\"message\":[[\"x\"]]}".into(),
        "{\"statusCode\":1e999,\"message\":\"x\"}".into(),
        "{\"statusCode\":-5}".into(),
        "\u{feff}".into(),
        "\u{0}\u{1}\u{2}".into(),
        "<html>".into(),
        "é∂ƒ©˙∆˚¬".into(),
        deep.clone(),
        format!("{{\"message\":{deep}"),
        "{\"id\":\"x\",\"status\":5}".into(),
        "[{\"id\":\"x\"}]".into(),
        r#"{"address":"T","usdtBalance":1e-30,"trxBalance":"abc"}"#.into(),
    ];
    let statuses = [
        0,
        1,
        100,
        199,
        200,
        201,
        204,
        299,
        300,
        304,
        399,
        400,
        401,
        403,
        404,
        405,
        409,
        418,
        429,
        499,
        500,
        503,
        599,
        600,
        999,
        u16::MAX,
    ];
    for status in statuses {
        for body in &bodies {
            for retry_after in [None, Some("x"), Some("99999999999"), Some("3")] {
                let a: Result<Vec<Order>, _> = decode_with_retry_after(status, body, retry_after);
                let b: Result<CompanyProfile, _> =
                    decode_with_retry_after(status, body, retry_after);
                let c: Result<serde_json::Value, _> =
                    decode_with_retry_after(status, body, retry_after);
                for error in [a.err(), b.err(), c.err()].into_iter().flatten() {
                    let _ = (
                        error.to_string(),
                        error.title(),
                        error.status(),
                        error.server_message(),
                    );
                    if !(200..300).contains(&status) {
                        assert_eq!(error.status(), Some(status), "{status} {body:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_429_with_an_http_date_needs_the_clock() {
    let now = lumo_api::time::parse_rfc3339("2026-10-21T07:28:00Z").unwrap();
    let date = Some("Wed, 21 Oct 2026 07:28:30 GMT");
    let wait = |error: ApiError| match error {
        ApiError::RateLimited { retry_after, .. } => retry_after,
        other => panic!("{other:?}"),
    };
    assert_eq!(wait(error_from_response_at(429, "", date, now)), Some(30));
    assert_eq!(
        wait(error_from_response_at(429, "", Some(" 5 "), now)),
        Some(5)
    );
    assert_eq!(
        wait(error_from_response_at(429, "", Some("later"), now)),
        None
    );
    assert_eq!(wait(error_from_response_at(429, "", None, now)), None);
    let absurd = error_from_response(429, "", Some("99999999999"));
    assert_eq!(wait(absurd.clone()), Some(u32::MAX));
    assert!(absurd
        .to_string()
        .starts_with("Too many requests: try again later."));
    let day = error_from_response(429, "", Some("86400"));
    assert!(day.to_string().contains("try again in 86400 s"));
    // Without a clock a date cannot be read: the caller backs off on its own schedule.
    assert_eq!(wait(error_from_response(429, "", date)), None);
    let decoded: Result<Order, _> = decode_with_retry_after_at(429, "{}", date, now);
    assert_eq!(decoded.map_err(wait), Err(Some(30)));
    let ok: Result<Option<Order>, _> = decode_with_retry_after_at(204, "", date, now);
    assert_eq!(ok, Ok(None));
    // Other statuses are built exactly as without a clock.
    for status in [400, 401, 404, 409, 500, 503, 418] {
        let body = r#"{"message":"nope"}"#;
        assert_eq!(
            error_from_response_at(status, body, date, now),
            error_from_response(status, body, date)
        );
    }
}

#[test]
fn a_lost_or_unreadable_answer_may_hide_a_change_and_a_refusal_does_not() {
    let lost = [
        ApiError::Network {
            detail: "connection reset".into(),
        },
        ApiError::Timeout { seconds: 15 },
        err(502, ""),
        err(504, "<html>gateway timeout</html>"),
        ApiError::Decode {
            status: 201,
            kind: DecodeKind::Malformed,
            detail: String::new(),
        },
    ];
    for error in lost {
        assert!(error.may_hide_a_change(), "{error:?}");
    }
    let refused = [
        err(500, ""),
        err(503, ""),
        err(400, r#"{"message":["reason must not be empty"]}"#),
        err(401, ""),
        err(404, ""),
        err(409, ""),
        err(429, ""),
        ApiError::Decode {
            status: 500,
            kind: DecodeKind::NotJson,
            detail: String::new(),
        },
    ];
    for error in refused {
        assert!(!error.may_hide_a_change(), "{error:?}");
    }
}

#[test]
fn the_old_key_tells_whether_the_key_was_regenerated() {
    assert_eq!(
        old_key_check(&Ok::<(), ApiError>(())),
        OldKeyCheck::StillWorks
    );
    assert_eq!(
        old_key_check(&Err::<(), _>(ApiError::Unauthorized { message: None })),
        OldKeyCheck::Refused
    );
    assert_eq!(
        old_key_check(&Err::<(), _>(ApiError::Timeout { seconds: 15 })),
        OldKeyCheck::Unknown
    );
    assert_eq!(
        old_key_check(&Err::<(), _>(ApiError::Forbidden { message: None })),
        OldKeyCheck::Unknown
    );
}
