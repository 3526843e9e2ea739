//! Client-side checks mirroring the contract's request validation, so a form can point at the
//! field before the server does. Each `validate_*` returns `None` when the value is acceptable and
//! otherwise the [`Problem`] found (the portal words it). Lengths count characters, not bytes.
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
use super::nspk::NspkError;
use super::tron::{tron_address_problem, TronProblem};
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

/// What is wrong with a value, for the portal to word. Limits travel with the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    EmailMissing,
    EmailTooLong {
        max: usize,
    },
    EmailHasSpaces,
    /// Not like `name@example.com`.
    EmailInvalid,
    UrlMissing,
    UrlTooLong {
        max: usize,
    },
    UrlHasSpaces,
    /// No `scheme://`.
    UrlNotFull,
    UrlNoHost,
    UrlBadHost,
    UrlBadPort,
    /// Not https (http only for localhost).
    UrlNotHttps,
    TelegramMissing,
    /// Not 5 to 32 letters, digits or underscores after an optional @.
    TelegramInvalid,
    /// Registration's `contactTelegram` is longer than `max`.
    TelegramContactTooLong {
        max: usize,
    },
    Tron(TronProblem),
    /// A new password is empty.
    PasswordMissing,
    /// The password at sign-in is empty.
    LoginPasswordMissing,
    PasswordTooShort {
        min: usize,
    },
    PasswordTooLong {
        max: usize,
    },
    CompanyNameMissing,
    CompanyNameTooShort {
        min: usize,
    },
    CompanyNameTooLong {
        max: usize,
    },
    /// A dispute reason is empty.
    ReasonMissing,
    /// A dispute reason has `count` characters, more than `max`.
    ReasonTooLong {
        max: usize,
        count: usize,
    },
    /// A replace reason is longer than `max`.
    ReplaceReasonTooLong {
        max: usize,
    },
    ExternalIdMissing,
    /// `.` or `..`: a path segment a browser resolves away.
    ExternalIdDotSegment,
    ExternalIdTooLong {
        max: usize,
    },
    ApiKeyMissing,
    /// Does not start with `lb2b_`.
    ApiKeyPrefix,
    /// Not `lb2b_` and 32 lowercase hexadecimal digits.
    ApiKeyInvalid,
    PaymentLinkTooLong {
        max: usize,
    },
    PaymentLink(NspkError),
    /// `externalOrderId` is longer than `max`.
    OrderReferenceTooLong {
        max: usize,
    },
    /// A profile update that changes nothing.
    NothingChanged,
}

/// A Telegram username: `^@?[A-Za-z0-9_]{5,32}$`.
pub fn validate_telegram(s: &str) -> Option<Problem> {
    if s.trim().is_empty() {
        return Some(Problem::TelegramMissing);
    }
    let name = s.strip_prefix('@').unwrap_or(s);
    let ok = (5..=32).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (!ok).then_some(Problem::TelegramInvalid)
}

/// A TRON address with a valid checksum.
pub fn validate_tron(s: &str) -> Option<Problem> {
    tron_address_problem(s).map(Problem::Tron)
}

/// A new password (registration): 8 to 256 characters.
pub fn validate_password(s: &str) -> Option<Problem> {
    let n = chars(s);
    if n == 0 {
        Some(Problem::PasswordMissing)
    } else if n < PASSWORD_MIN {
        Some(Problem::PasswordTooShort { min: PASSWORD_MIN })
    } else if n > PASSWORD_MAX {
        Some(Problem::PasswordTooLong { max: PASSWORD_MAX })
    } else {
        None
    }
}

/// The password at sign-in: 1 to 256 characters.
pub fn validate_login_password(s: &str) -> Option<Problem> {
    let n = chars(s);
    if n == 0 {
        Some(Problem::LoginPasswordMissing)
    } else if n > PASSWORD_MAX {
        Some(Problem::PasswordTooLong { max: PASSWORD_MAX })
    } else {
        None
    }
}

/// 2 to 120 characters once trimmed.
pub fn validate_company_name(s: &str) -> Option<Problem> {
    let n = chars(s.trim());
    if n == 0 {
        Some(Problem::CompanyNameMissing)
    } else if n < COMPANY_NAME_MIN {
        Some(Problem::CompanyNameTooShort {
            min: COMPANY_NAME_MIN,
        })
    } else if n > COMPANY_NAME_MAX {
        Some(Problem::CompanyNameTooLong {
            max: COMPANY_NAME_MAX,
        })
    } else {
        None
    }
}

/// A dispute reason: 1 to 2000 characters once trimmed.
pub fn validate_reason(s: &str) -> Option<Problem> {
    let n = chars(s.trim());
    if n == 0 {
        Some(Problem::ReasonMissing)
    } else if n > REASON_MAX {
        Some(Problem::ReasonTooLong {
            max: REASON_MAX,
            count: n,
        })
    } else {
        None
    }
}

/// A user's id in the company's system: 1 to 255 characters, not only spaces, and not `.` or
/// `..` (spaces around them included, in case the server trims). The id goes into paths
/// (`/user-wallets/{externalId}/replace`), where a browser resolves `.` and `..` away and would
/// send the request to another operation; see [`crate::requests::path_segment_is_safe`].
pub fn validate_external_id(s: &str) -> Option<Problem> {
    if s.trim().is_empty() {
        Some(Problem::ExternalIdMissing)
    } else if !path_segment_is_safe(s.trim()) {
        Some(Problem::ExternalIdDotSegment)
    } else if chars(s) > EXTERNAL_ID_MAX {
        Some(Problem::ExternalIdTooLong {
            max: EXTERNAL_ID_MAX,
        })
    } else {
        None
    }
}

/// An API key: `^lb2b_[0-9a-f]{32}$`.
pub fn validate_api_key(s: &str) -> Option<Problem> {
    if s.trim().is_empty() {
        return Some(Problem::ApiKeyMissing);
    }
    if !s.starts_with("lb2b_") {
        return Some(Problem::ApiKeyPrefix);
    }
    let hex = &s["lb2b_".len()..];
    let ok = hex.len() == 32
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (!ok).then_some(Problem::ApiKeyInvalid)
}

/// The QR payload of a quote: 1 to 2048 characters and a payable NSPK payment link.
pub fn validate_qr_code(s: &str) -> Option<Problem> {
    if chars(s) > QR_CODE_MAX {
        return Some(Problem::PaymentLinkTooLong { max: QR_CODE_MAX });
    }
    parse_nspk_link(s).err().map(Problem::PaymentLink)
}
