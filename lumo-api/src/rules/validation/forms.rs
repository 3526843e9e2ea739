//! Whole request bodies, checked field by field. The keys are the wire (camelCase) names.

use std::collections::BTreeMap;

use super::{
    validate_company_name, validate_email, validate_external_id, validate_https_url,
    validate_login_password, validate_password, validate_qr_code, validate_reason,
    validate_telegram, validate_tron, Problem, EXTERNAL_ID_MAX, REGISTER_TELEGRAM_MAX,
    REPLACE_REASON_MAX,
};
use crate::models::{
    CompanyProfile, CreateDisputeRequest, CreateUserWalletRequest, LoginRequest,
    PrepareOrderRequest, RegisterRequest, ReplaceUserWalletRequest, UpdateProfileRequest,
};

/// Problems by wire field name; a problem with the form as a whole is under [`FORM_FIELD`].
pub type FieldErrors = BTreeMap<String, Problem>;

/// The key of problems that concern no single field (as [`crate::ApiError`] groups such lines).
pub const FORM_FIELD: &str = "";

fn put(errors: &mut FieldErrors, field: &str, problem: Option<Problem>) {
    if let Some(problem) = problem {
        errors.insert(field.to_string(), problem);
    }
}

pub fn validate_login(body: &LoginRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    put(&mut errors, "email", validate_email(&body.email));
    put(
        &mut errors,
        "password",
        validate_login_password(&body.password),
    );
    errors
}

/// Registration; `contactTelegram` here only has the contract's 64-character bound.
pub fn validate_register(body: &RegisterRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    put(&mut errors, "name", validate_company_name(&body.name));
    put(&mut errors, "email", validate_email(&body.email));
    put(&mut errors, "password", validate_password(&body.password));
    if let Some(contact) = &body.contact_email {
        put(&mut errors, "contactEmail", validate_email(contact));
    }
    if let Some(telegram) = &body.contact_telegram {
        let too_long = telegram.chars().count() > REGISTER_TELEGRAM_MAX;
        put(
            &mut errors,
            "contactTelegram",
            too_long.then_some(Problem::TelegramContactTooLong {
                max: REGISTER_TELEGRAM_MAX,
            }),
        );
    }
    errors
}

/// A profile update: at least one field; a field sent as null (clear) is always acceptable.
pub fn validate_profile_update(body: &UpdateProfileRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if body.is_empty() {
        put(&mut errors, FORM_FIELD, Some(Problem::NothingChanged));
        return errors;
    }
    let check = |value: &Option<Option<String>>, rule: fn(&str) -> Option<Problem>| {
        value.as_ref().and_then(|v| v.as_deref()).and_then(rule)
    };
    put(
        &mut errors,
        "contactEmail",
        check(&body.contact_email, validate_email),
    );
    put(
        &mut errors,
        "contactTelegram",
        check(&body.contact_telegram, validate_telegram),
    );
    put(
        &mut errors,
        "webhookUrl",
        check(&body.webhook_url, validate_https_url),
    );
    put(
        &mut errors,
        "depositForwardAddress",
        check(&body.deposit_forward_address, validate_tron),
    );
    errors
}

pub fn validate_prepare_order(body: &PrepareOrderRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    put(&mut errors, "qrCode", validate_qr_code(&body.qr_code));
    if let Some(id) = &body.external_order_id {
        let too_long = id.chars().count() > EXTERNAL_ID_MAX;
        put(
            &mut errors,
            "externalOrderId",
            too_long.then_some(Problem::OrderReferenceTooLong {
                max: EXTERNAL_ID_MAX,
            }),
        );
    }
    errors
}

pub fn validate_create_dispute(body: &CreateDisputeRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    put(&mut errors, "reason", validate_reason(&body.reason));
    errors
}

pub fn validate_create_user_wallet(body: &CreateUserWalletRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    put(
        &mut errors,
        "externalId",
        validate_external_id(&body.external_id),
    );
    errors
}

pub fn validate_replace_user_wallet(body: &ReplaceUserWalletRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Some(reason) = &body.reason {
        let too_long = reason.chars().count() > REPLACE_REASON_MAX;
        put(
            &mut errors,
            "reason",
            too_long.then_some(Problem::ReplaceReasonTooLong {
                max: REPLACE_REASON_MAX,
            }),
        );
    }
    errors
}

/// One field of a partial update from what the form holds: unchanged gives `None` (not sent),
/// an emptied field `Some(None)` (cleared), anything else `Some(Some(trimmed))`.
pub fn patch_field(current: Option<&str>, input: &str) -> Option<Option<String>> {
    let input = input.trim();
    let current = current.filter(|c| !c.is_empty());
    match (current, input.is_empty()) {
        (None, true) => None,
        (Some(_), true) => Some(None),
        (Some(c), false) if c == input => None,
        _ => Some(Some(input.to_string())),
    }
}

/// What the profile form holds, one text per editable field.
pub struct ProfileInput<'a> {
    pub contact_email: &'a str,
    pub contact_telegram: &'a str,
    pub webhook_url: &'a str,
    pub deposit_forward_address: &'a str,
}

/// The profile update to send: only the fields that differ from `profile` ([`patch_field`]).
pub fn profile_changes(profile: &CompanyProfile, input: &ProfileInput<'_>) -> UpdateProfileRequest {
    UpdateProfileRequest {
        contact_email: patch_field(profile.contact_email.as_deref(), input.contact_email),
        contact_telegram: patch_field(profile.contact_telegram.as_deref(), input.contact_telegram),
        webhook_url: patch_field(profile.webhook_url.as_deref(), input.webhook_url),
        deposit_forward_address: patch_field(
            profile.deposit_forward_address.as_deref(),
            input.deposit_forward_address,
        ),
    }
}
