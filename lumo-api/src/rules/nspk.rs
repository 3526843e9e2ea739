//! NSPK (Faster Payments System) payment links, as scanned from a QR code:
//! `https://qr.nspk.ru/<32 uppercase letters/digits>?type=02&bank=<12 digits>&sum=<kopecks>&cur=RUB&crc=<4 hex>`.
//!
//! Accepted leniently where it costs nothing: surrounding whitespace, any parameter order, the
//! scheme and host in any case, unknown extra parameters and a `#fragment` (ignored). Strict on
//! what prices the payment: the id, the type, the bank, the amount and the currency.
//!
//! `type=01` is a static QR: the payer types the amount, so it cannot be priced and is refused
//! ([`NspkError::StaticQrHasNoAmount`]) even when it carries a `sum`, as the API refuses it.

use rust_decimal::Decimal;

const HOST: &str = "qr.nspk.ru";
const ID_LEN: usize = 32;
const BANK_LEN: usize = 12;
/// More kopecks than this (10^16 RUB) is certainly not a payment.
const MAX_SUM_DIGITS: usize = 18;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NspkKind {
    /// `type=01`: printed once, the payer usually types the amount.
    Static,
    /// `type=02`: issued for one payment with its amount.
    Dynamic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NspkPayment {
    /// The 32-character QR id from the path.
    pub qr_id: String,
    pub kind: NspkKind,
    /// The 12-digit id of the merchant's bank.
    pub bank: String,
    /// `sum` divided by 100, with scale 2 (`500000` is 5000.00).
    pub amount_rub: Decimal,
    /// Always `RUB` for a payment that parses.
    pub currency: String,
    /// The 4 hexadecimal digits as written (not verified: the algorithm is not published).
    pub crc: String,
}

/// Why a payment link cannot be paid (the portal words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NspkError {
    Empty,
    /// Not an `https://qr.nspk.ru/...` link.
    NotNspkLink,
    /// The path is not 32 uppercase letters or digits.
    BadId,
    /// The same parameter appears twice.
    DuplicateParameter(String),
    MissingType,
    /// A `type` other than 01 and 02.
    UnsupportedType(String),
    /// `type=01` without `sum`.
    StaticQrHasNoAmount,
    MissingBank,
    BadBank,
    MissingAmount,
    /// `sum` is not a positive whole number of kopecks.
    BadAmount,
    MissingCurrency,
    /// The currency is not RUB (the value as written).
    NotRub(String),
    MissingCrc,
    BadCrc,
}

/// Parse a scanned NSPK payment link into what prices it.
pub fn parse_nspk_link(s: &str) -> Result<NspkPayment, NspkError> {
    let link = s.trim();
    if link.is_empty() {
        return Err(NspkError::Empty);
    }
    let rest = strip_prefix_ignore_case(link, "https://").ok_or(NspkError::NotNspkLink)?;
    let rest = strip_prefix_ignore_case(rest, HOST).ok_or(NspkError::NotNspkLink)?;
    let rest = rest.strip_prefix('/').ok_or(NspkError::NotNspkLink)?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (id, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !is_qr_id(id) {
        return Err(NspkError::BadId);
    }
    let params = Params::parse(query)?;

    let kind = match params.get("type") {
        None => return Err(NspkError::MissingType),
        Some("01") => NspkKind::Static,
        Some("02") => NspkKind::Dynamic,
        Some(other) => return Err(NspkError::UnsupportedType(other.to_string())),
    };
    let bank = params.get("bank").ok_or(NspkError::MissingBank)?;
    if bank.len() != BANK_LEN || !bank.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NspkError::BadBank);
    }
    if kind == NspkKind::Static {
        return Err(NspkError::StaticQrHasNoAmount);
    }
    let sum = params.get("sum").ok_or(NspkError::MissingAmount)?;
    let amount_rub = kopecks_to_rub(sum)?;
    let currency = params.get("cur").ok_or(NspkError::MissingCurrency)?;
    if currency != "RUB" {
        return Err(NspkError::NotRub(currency.to_string()));
    }
    let crc = params.get("crc").ok_or(NspkError::MissingCrc)?;
    if crc.len() != 4 || !crc.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(NspkError::BadCrc);
    }
    Ok(NspkPayment {
        qr_id: id.to_string(),
        kind,
        bank: bank.to_string(),
        amount_rub,
        currency: currency.to_string(),
        crc: crc.to_string(),
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn is_qr_id(id: &str) -> bool {
    id.len() == ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn kopecks_to_rub(sum: &str) -> Result<Decimal, NspkError> {
    if sum.is_empty() || sum.len() > MAX_SUM_DIGITS || !sum.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NspkError::BadAmount);
    }
    let kopecks: i64 = sum.parse().map_err(|_| NspkError::BadAmount)?;
    if kopecks == 0 {
        return Err(NspkError::BadAmount);
    }
    Ok(Decimal::new(kopecks, 2))
}

/// Query parameters by name; values as written (no percent-decoding: valid values never need it).
struct Params<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Params<'a> {
    fn parse(query: &'a str) -> Result<Self, NspkError> {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for part in query.split('&').filter(|part| !part.is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            if pairs.iter().any(|(seen, _)| *seen == name) {
                return Err(NspkError::DuplicateParameter(name.to_string()));
            }
            pairs.push((name, value));
        }
        Ok(Params(pairs))
    }

    /// The value of `name`; an empty value counts as absent.
    fn get(&self, name: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
            .filter(|value| !value.is_empty())
    }
}
