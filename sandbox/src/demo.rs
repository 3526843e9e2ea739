//! The fixed demo data every start (and every `/_sandbox/reset`) begins with.

/// The demo company's id.
pub const DEMO_COMPANY_ID: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
pub const DEMO_COMPANY_NAME: &str = "Demo Company";
/// Sign-in e-mail of the demo company.
pub const DEMO_EMAIL: &str = "demo@lumo.test";
/// Sign-in password of the demo company.
pub const DEMO_PASSWORD: &str = "demo-password";
/// The demo company's API key after a start or reset (a login or regeneration rotates it).
pub const DEMO_API_KEY: &str = "lb2b_0123456789abcdef0123456789abcdef";

/// A second, inactive company: every call with its key (and its login) answers 403.
pub const INACTIVE_COMPANY_ID: &str = "0d5f8a3c-7b2e-4c19-9e64-3a1b2c4d5e6f";
pub const INACTIVE_EMAIL: &str = "inactive@lumo.test";
pub const INACTIVE_PASSWORD: &str = "demo-password";
pub const INACTIVE_API_KEY: &str = "lb2b_00000000000000000000000000000403";

/// A dynamic NSPK QR payload of 5,000.00 RUB (about 52 USDT): the demo balance covers it.
pub const DEMO_QR_AFFORDABLE: &str = "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B";
/// A dynamic NSPK QR payload of 50,000,000.00 RUB: more than the demo balance covers.
pub const DEMO_QR_TOO_EXPENSIVE: &str = "https://qr.nspk.ru/BD20007N9LJ2TP5L0BCQR6K3QBNSCDUP?type=02&bank=100000000004&sum=5000000000&cur=RUB&crc=3C4D";
/// A static NSPK QR payload (type=01, no amount): prepare refuses it with 400.
pub const DEMO_QR_STATIC: &str =
    "https://qr.nspk.ru/AS10003P3RUNTVBB4P2AUMV7VJBE8C1E?type=01&bank=100000000111&cur=RUB&crc=5E6F";

/// The demo company's QR commission.
pub const DEMO_QR_RATE_OFFSET_BPS: i64 = 100;

/// Merchants of QR payments; a payment's merchant is picked by its 12-digit bank id
/// (`bank % len`), so the same link always shows the same merchant.
pub const MERCHANTS: &[&str] = &[
    "Pyaterochka #1412",
    "Coffee Point LLC",
    "Dodo Pizza Tverskaya",
    "IP Ivanov A.A.",
    "Azbuka Vkusa",
    "Teremok",
    "DNS Retail",
    "OOO Romashka",
    "Lenta Hypermarket",
    "Shokoladnitsa",
    "Vkusvill",
    "Yandex Lavka",
];

/// The merchant shown for a payment to `bank` (12 digits).
pub fn merchant_for_bank(bank: &str) -> &'static str {
    let n: u64 = bank.parse().unwrap_or(0);
    MERCHANTS[(n % MERCHANTS.len() as u64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use lumo_api::rules::nspk::parse_nspk_link;

    #[test]
    fn demo_payloads_parse() {
        let a = parse_nspk_link(DEMO_QR_AFFORDABLE).unwrap();
        assert_eq!(a.amount_rub.to_string(), "5000.00");
        assert_eq!(merchant_for_bank(&a.bank), "OOO Romashka");
        let b = parse_nspk_link(DEMO_QR_TOO_EXPENSIVE).unwrap();
        assert_eq!(b.amount_rub.to_string(), "50000000.00");
        assert!(parse_nspk_link(DEMO_QR_STATIC).is_err());
    }
}
