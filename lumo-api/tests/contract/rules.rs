//! The examples agree with the domain rules.

use lumo_api::models::*;
use serde_yaml::Value as Yaml;

use super::support::{check, example_of, schemas, spec};

/// The examples are consistent with the rules: request examples pass client-side validation,
/// addresses have valid checksums, the quote is priced from its QR link.
#[test]
fn examples_satisfy_the_domain_rules() {
    use lumo_api::rules::{money, nspk, tron, validation};
    let spec = spec();
    let mut failures = Vec::new();

    let mut addresses = Vec::new();
    for (name, schema) in schemas(&spec) {
        if let Some(Yaml::Mapping(fields)) = schema.get("example") {
            for (key, value) in fields {
                let key = key.as_str().unwrap_or_default();
                if key == "address" || key.ends_with("Address") {
                    addresses.push((
                        format!("{name}.{key}"),
                        value.as_str().unwrap_or_default().to_string(),
                    ));
                }
            }
        }
    }
    assert!(addresses.len() >= 5, "{addresses:?}");
    for (at, address) in addresses {
        if let Some(problem) = tron::tron_address_problem(&address) {
            failures.push(format!("{at} {address}: {problem:?}"));
        }
    }

    let forms: Vec<(&str, validation::FieldErrors)> = vec![
        (
            "LoginRequest",
            validation::validate_login(&example_of(&spec, "LoginRequest")),
        ),
        (
            "RegisterRequest",
            validation::validate_register(&example_of(&spec, "RegisterRequest")),
        ),
        (
            "UpdateProfileRequest",
            validation::validate_profile_update(&example_of(&spec, "UpdateProfileRequest")),
        ),
        (
            "PrepareOrderRequest",
            validation::validate_prepare_order(&example_of(&spec, "PrepareOrderRequest")),
        ),
        (
            "CreateDisputeRequest",
            validation::validate_create_dispute(&example_of(&spec, "CreateDisputeRequest")),
        ),
        (
            "CreateUserWalletRequest",
            validation::validate_create_user_wallet(&example_of(&spec, "CreateUserWalletRequest")),
        ),
        (
            "ReplaceUserWalletRequest",
            validation::validate_replace_user_wallet(&example_of(
                &spec,
                "ReplaceUserWalletRequest",
            )),
        ),
    ];
    for (name, errors) in forms {
        if !errors.is_empty() {
            failures.push(format!("{name} example fails validation: {errors:?}"));
        }
    }

    let profile: CompanyProfile = example_of(&spec, "CompanyProfile");
    let as_update = UpdateProfileRequest {
        contact_email: Some(profile.contact_email),
        contact_telegram: Some(profile.contact_telegram),
        webhook_url: Some(profile.webhook_url),
        deposit_forward_address: Some(profile.deposit_forward_address),
    };
    let errors = validation::validate_profile_update(&as_update);
    if !errors.is_empty() {
        failures.push(format!(
            "CompanyProfile example could not be saved back: {errors:?}"
        ));
    }
    for name in ["AuthResponse", "ApiKeyResponse"] {
        let key: ApiKeyResponse = example_of(&spec, name);
        if let Some(problem) = validation::validate_api_key(&key.api_key) {
            failures.push(format!("{name}.apiKey: {problem:?}"));
        }
    }

    let prepare: PrepareOrderRequest = example_of(&spec, "PrepareOrderRequest");
    let quote: Quote = example_of(&spec, "Quote");
    match nspk::parse_nspk_link(&prepare.qr_code) {
        Ok(payment) if payment.amount_rub != quote.amount_rub => failures.push(format!(
            "Quote.amountRub {} is not the QR's {}",
            quote.amount_rub, payment.amount_rub
        )),
        Ok(_) => {}
        Err(e) => failures.push(format!("PrepareOrderRequest.qrCode: {e:?}")),
    }
    if money::usdt_for_rub(quote.amount_rub, quote.rate) != Some(quote.amount_usdt) {
        failures.push(format!(
            "Quote.amountUsdt {} is not amountRub / rate = {:?}",
            quote.amount_usdt,
            money::usdt_for_rub(quote.amount_rub, quote.rate)
        ));
    }
    check(failures);
}
