use std::str::FromStr;

use lumo_api::rules::nspk::*;
use rust_decimal::Decimal;

const ID: &str = "AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO";
/// The contract's example payload.
const EXAMPLE: &str = "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B";

fn link(query: &str) -> String {
    format!("https://qr.nspk.ru/{ID}?{query}")
}

fn err(s: &str) -> NspkError {
    parse_nspk_link(s).expect_err(s)
}

#[test]
fn the_contract_example_parses() {
    let payment = parse_nspk_link(EXAMPLE).unwrap();
    assert_eq!(
        payment,
        NspkPayment {
            qr_id: ID.into(),
            kind: NspkKind::Dynamic,
            bank: "100000000111".into(),
            amount_rub: Decimal::from_str("5000.00").unwrap(),
            currency: "RUB".into(),
            crc: "1A2B".into(),
        }
    );
    assert_eq!(payment.amount_rub.to_string(), "5000.00");
    assert_eq!(payment.amount_rub.scale(), 2);
}

#[test]
fn lenient_where_it_costs_nothing() {
    let shuffled = link("crc=1a2b&cur=RUB&sum=1&bank=100000000111&type=02&extra=x&");
    let payment = parse_nspk_link(&format!("  \n{shuffled}#frag \t")).unwrap();
    assert_eq!(payment.amount_rub.to_string(), "0.01");
    assert_eq!(payment.crc, "1a2b");
    let upper = EXAMPLE.replace("https://qr.nspk.ru", "HTTPS://QR.NSPK.RU");
    assert_eq!(parse_nspk_link(&upper).unwrap().qr_id, ID);
    let huge = link("type=02&bank=100000000111&sum=999999999999999999&cur=RUB&crc=FFFF");
    assert_eq!(
        parse_nspk_link(&huge).unwrap().amount_rub.to_string(),
        "9999999999999999.99"
    );
}

#[test]
fn a_static_qr_is_refused_with_or_without_an_amount() {
    assert_eq!(
        err(&link("type=01&bank=100000000111&cur=RUB&crc=1A2B")),
        NspkError::StaticQrHasNoAmount
    );
    assert_eq!(
        err(&link(
            "type=01&bank=100000000111&sum=10000&cur=RUB&crc=1A2B"
        )),
        NspkError::StaticQrHasNoAmount
    );
}

#[test]
fn each_problem_is_reported() {
    let base = "type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B";
    let with = |from: &str, to: &str| link(&base.replace(from, to));
    assert_eq!(err(""), NspkError::Empty);
    assert_eq!(err("  "), NspkError::Empty);
    assert_eq!(err("hello"), NspkError::NotNspkLink);
    assert_eq!(
        err(&EXAMPLE.replace("https", "http")),
        NspkError::NotNspkLink
    );
    assert_eq!(
        err(&EXAMPLE.replace("qr.nspk.ru", "qr.nspk.ru.evil.example")),
        NspkError::NotNspkLink
    );
    assert_eq!(
        err(&EXAMPLE.replace("qr.nspk.ru", "qr.nspk.ru:443")),
        NspkError::NotNspkLink
    );
    assert_eq!(err("https://qr.nspk.ru"), NspkError::NotNspkLink);
    assert_eq!(err("https://qr.nspk.r"), NspkError::NotNspkLink);
    assert_eq!(err("https://qr.nspk.ru/é"), NspkError::BadId);
    assert_eq!(
        err(&EXAMPLE.replace(ID, &ID.to_lowercase())),
        NspkError::BadId
    );
    assert_eq!(err(&EXAMPLE.replace(ID, &ID[1..])), NspkError::BadId);
    assert_eq!(
        err(&EXAMPLE.replace(ID, &format!("{ID}/"))),
        NspkError::BadId
    );
    assert_eq!(err(&with("type=02&", "")), NspkError::MissingType);
    assert_eq!(err(&with("type=02", "type=")), NspkError::MissingType);
    assert_eq!(
        err(&with("type=02", "type=03")),
        NspkError::UnsupportedType("03".into())
    );
    assert_eq!(err(&with("bank=100000000111&", "")), NspkError::MissingBank);
    assert_eq!(
        err(&with("100000000111", "10000000011")),
        NspkError::BadBank
    );
    assert_eq!(
        err(&with("100000000111", "10000000011x")),
        NspkError::BadBank
    );
    assert_eq!(err(&with("sum=500000&", "")), NspkError::MissingAmount);
    for bad in [
        "0",
        "-5",
        "+5",
        "5.00",
        "1e3",
        "5 0",
        "1234567890123456789",
        "５",
    ] {
        assert_eq!(
            err(&with("sum=500000", &format!("sum={bad}"))),
            NspkError::BadAmount,
            "{bad}"
        );
    }
    assert_eq!(err(&with("&cur=RUB", "")), NspkError::MissingCurrency);
    assert_eq!(
        err(&with("cur=RUB", "cur=USD")),
        NspkError::NotRub("USD".into())
    );
    assert_eq!(
        err(&with("cur=RUB", "cur=rub")),
        NspkError::NotRub("rub".into())
    );
    assert_eq!(err(&with("&crc=1A2B", "")), NspkError::MissingCrc);
    assert_eq!(err(&with("crc=1A2B", "crc=1A2")), NspkError::BadCrc);
    assert_eq!(err(&with("crc=1A2B", "crc=XYZW")), NspkError::BadCrc);
    assert_eq!(
        err(&link(&format!("{base}&sum=1"))),
        NspkError::DuplicateParameter("sum".into())
    );
}

#[test]
fn every_error_is_a_distinct_problem() {
    let errors = [
        NspkError::Empty,
        NspkError::NotNspkLink,
        NspkError::BadId,
        NspkError::DuplicateParameter("sum".into()),
        NspkError::MissingType,
        NspkError::UnsupportedType("03".into()),
        NspkError::StaticQrHasNoAmount,
        NspkError::MissingBank,
        NspkError::BadBank,
        NspkError::MissingAmount,
        NspkError::BadAmount,
        NspkError::MissingCurrency,
        NspkError::NotRub("USD".into()),
        NspkError::MissingCrc,
        NspkError::BadCrc,
    ];
    // Each problem is its own value: the portal words each one differently.
    for (i, a) in errors.iter().enumerate() {
        for b in &errors[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "https://qr.nspk.ru/",
        "https://qr.nspk.ru/?",
        "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?",
        "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?&&&==&=",
        "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO#?type=02",
        "httpsé://qr",
        "ééééééééééé",
        "https://qr.nspk.rué",
    ];
    for input in inputs {
        assert!(parse_nspk_link(input).is_err(), "{input}");
    }
}
