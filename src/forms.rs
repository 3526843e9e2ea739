//! Form error plumbing shared by pages: client-side `FieldErrors` (from
//! `lumo_api::rules::validation`) and the server's 400 messages, both keyed by camelCase field.

use leptos::prelude::*;
use lumo_api::rules::validation::{FieldErrors, FORM_FIELD};
use lumo_api::ApiError;

/// A 400's messages grouped onto the form's `fields`; lines naming no field of the form go under
/// [`FORM_FIELD`]. Other errors give an empty map (show them with `FormError`).
pub fn api_field_errors(error: &ApiError, fields: &[&str]) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let ApiError::Validation { messages, by_field } = error else {
        return errors;
    };
    let mut general = Vec::new();
    for (field, lines) in by_field {
        if !field.is_empty() && fields.contains(&field.as_str()) {
            errors.insert(field.clone(), lines.join(" "));
        } else {
            general.extend(lines.iter().cloned());
        }
    }
    if by_field.is_empty() {
        general.extend(messages.iter().cloned());
    }
    if !general.is_empty() {
        errors.insert(FORM_FIELD.to_string(), general.join(" "));
    }
    errors
}

/// The message for one field, as a signal for `Field`'s `error` prop.
pub fn field_error(errors: RwSignal<FieldErrors>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|map| map.get(field).cloned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn validation(lines: &[(&str, &str)]) -> ApiError {
        let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (field, line) in lines {
            by_field
                .entry((*field).to_string())
                .or_default()
                .push((*line).to_string());
        }
        ApiError::Validation {
            messages: lines.iter().map(|(_, l)| (*l).to_string()).collect(),
            by_field,
        }
    }

    #[test]
    fn groups_server_lines_onto_the_form_fields() {
        let error = validation(&[
            ("contactEmail", "contactEmail must be an email"),
            ("webhookUrl", "webhookUrl must be https"),
            ("", "Something general"),
            ("other", "other should not exist"),
        ]);
        let errors = api_field_errors(&error, &["contactEmail", "webhookUrl"]);
        assert_eq!(errors["contactEmail"], "contactEmail must be an email");
        assert_eq!(errors["webhookUrl"], "webhookUrl must be https");
        assert_eq!(
            errors[FORM_FIELD],
            "Something general other should not exist"
        );
    }

    #[test]
    fn non_validation_errors_give_no_field_errors() {
        assert!(api_field_errors(&ApiError::Conflict { message: None }, &["email"]).is_empty());
    }
}
