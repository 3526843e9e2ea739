//! Client-side checks mirroring the contract's request validation, so a form can point at the
//! field before the server does. Each `validate_*` returns `None` when the value is acceptable and
//! otherwise a sentence for the person who typed it. Lengths count characters, not bytes.
//!
//! Values are checked as they will be sent (no trimming), except the company name and dispute
//! reason, whose bounds apply to the trimmed text: send those trimmed.
//! Form-level checks ([`validate_register`] and others) return [`FieldErrors`] keyed by the wire
//! (camelCase) field name, the same keys [`crate::ApiError::field_messages`] uses.

mod email;
mod forms;
mod url;

pub use email::validate_email;
pub use forms::{
    patch_field, profile_changes, validate_create_dispute, validate_create_user_wallet,
    validate_login, validate_prepare_order, validate_profile_update, validate_register,
    validate_replace_user_wallet, FieldErrors, ProfileInput, FORM_FIELD,
};
pub use url::validate_https_url;

use super::nspk::parse_nspk_link;
use super::tron::tron_address_problem;
use crate::requests::path_segment_is_safe;

pub const EMAIL_MAX: usize = 254;
pub const URL_MAX: usize = 2048;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 256;
pub const COMPANY_NAME_MIN: usize = 2;
pub const COMPANY_NAME_MAX: usize = 120;
pub const REASON_MAX: usize = 2000;
pub const REPLACE_REASON_MAX: usize = 500;
pub const EXTERNAL_ID_MAX: usize = 255;
pub const QR_CODE_MAX: usize = 2048;
/// `contactTelegram` at registration only has this bound (the profile update has a pattern).
pub const REGISTER_TELEGRAM_MAX: usize = 64;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A Telegram username: `^@?[A-Za-z0-9_]{5,32}$`.
pub fn validate_telegram(s: &str) -> Option<String> {
    if s.trim().is_empty() {
        return Some("Enter a Telegram username.".into());
    }
    let name = s.strip_prefix('@').unwrap_or(s);
    let ok = (5..=32).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (!ok).then(|| {
        "A Telegram username has 5 to 32 letters, digits or underscores, optionally after @.".into()
    })
}

/// A TRON address with a valid checksum.
pub fn validate_tron(s: &str) -> Option<String> {
    tron_address_problem(s).map(str::to_string)
}

/// A new password (registration): 8 to 256 characters.
pub fn validate_password(s: &str) -> Option<String> {
    let n = chars(s);
    if n == 0 {
        Some("Enter a password.".into())
    } else if n < PASSWORD_MIN {
        Some(format!(
            "A password has at least {PASSWORD_MIN} characters."
        ))
    } else if n > PASSWORD_MAX {
        Some(format!("A password has at most {PASSWORD_MAX} characters."))
    } else {
        None
    }
}

/// The password at sign-in: 1 to 256 characters.
pub fn validate_login_password(s: &str) -> Option<String> {
    let n = chars(s);
    if n == 0 {
        Some("Enter the password.".into())
    } else if n > PASSWORD_MAX {
        Some(format!("A password has at most {PASSWORD_MAX} characters."))
    } else {
        None
    }
}

/// 2 to 120 characters once trimmed.
pub fn validate_company_name(s: &str) -> Option<String> {
    let n = chars(s.trim());
    if n == 0 {
        Some("Enter the company name.".into())
    } else if n < COMPANY_NAME_MIN {
        Some(format!(
            "A company name has at least {COMPANY_NAME_MIN} characters."
        ))
    } else if n > COMPANY_NAME_MAX {
        Some(format!(
            "A company name has at most {COMPANY_NAME_MAX} characters."
        ))
    } else {
        None
    }
}

/// A dispute reason: 1 to 2000 characters once trimmed.
pub fn validate_reason(s: &str) -> Option<String> {
    let n = chars(s.trim());
    if n == 0 {
        Some("Describe what went wrong.".into())
    } else if n > REASON_MAX {
        Some(format!(
            "A reason has at most {REASON_MAX} characters; this one has {n}."
        ))
    } else {
        None
    }
}

/// A user's id in the company's system: 1 to 255 characters, not only spaces, and not `.` or
/// `..` (spaces around them included, in case the server trims). The id goes into paths
/// (`/user-wallets/{externalId}/replace`), where a browser resolves `.` and `..` away and would
/// send the request to another operation; see [`crate::requests::path_segment_is_safe`].
pub fn validate_external_id(s: &str) -> Option<String> {
    if s.trim().is_empty() {
        Some("Enter the user's id in your system.".into())
    } else if !path_segment_is_safe(s.trim()) {
        Some(
            "An external id cannot be \".\" or \"..\": in a web address those mean \"this \
             folder\" and \"the folder above\", so the wallet could not be reached."
                .into(),
        )
    } else if chars(s) > EXTERNAL_ID_MAX {
        Some(format!(
            "An external id has at most {EXTERNAL_ID_MAX} characters."
        ))
    } else {
        None
    }
}

/// An API key: `^lb2b_[0-9a-f]{32}$`.
pub fn validate_api_key(s: &str) -> Option<String> {
    if s.trim().is_empty() {
        return Some("Enter the API key.".into());
    }
    if !s.starts_with("lb2b_") {
        return Some("An API key starts with lb2b_.".into());
    }
    let hex = &s["lb2b_".len()..];
    let ok = hex.len() == 32
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (!ok).then(|| "An API key is lb2b_ followed by 32 lowercase hexadecimal digits.".into())
}

/// The QR payload of a quote: 1 to 2048 characters and a payable NSPK payment link.
pub fn validate_qr_code(s: &str) -> Option<String> {
    if chars(s) > QR_CODE_MAX {
        return Some(format!(
            "A payment link has at most {QR_CODE_MAX} characters."
        ));
    }
    parse_nspk_link(s).err().map(|problem| problem.to_string())
}
