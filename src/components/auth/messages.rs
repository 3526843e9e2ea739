//! What the sign-in and registration forms say when the API refuses or cannot be reached.
//! Each failure gets its own sentence, in the language on screen; the environment's name and the
//! server's own words are data (`translate="no"`). Pure; tested natively.

use lumo_api::ApiError;

use crate::error_words::{error_words, server_said, Words};
use crate::i18n::Key;

/// Which sign-in form failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    ApiKey,
    Password,
}

/// The message for a failed sign-in on environment `env` (its name).
pub fn sign_in_failure(method: Method, env: &str, error: &ApiError) -> Words {
    match error {
        ApiError::Unauthorized { .. } => match method {
            Method::ApiKey => Words::of(Key::AuthKeyRefused).with_data("env", env),
            Method::Password => Words::of(Key::AuthWrongPassword),
        },
        ApiError::Forbidden { message } => server_said(Words::of(Key::AuthAccessRefused), message),
        other => reach_failure(env, other),
    }
}

/// Messages for failures that are not about the credentials themselves.
pub fn reach_failure(env: &str, error: &ApiError) -> Words {
    match error {
        ApiError::Network { .. } => Words::of(Key::AuthUnreachable).with_data("env", env),
        ApiError::Timeout { seconds } => Words::of(Key::AuthTimeout)
            .with_data("env", env)
            .with_plain("seconds", seconds),
        ApiError::Server { status, .. } => Words::of(Key::AuthServerProblem)
            .with_data("env", env)
            .with_plain("status", status),
        ApiError::Decode { .. } => Words::of(Key::AuthUnreadable).with_data("env", env),
        other => error_words(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_its_own_message() {
        let unauthorized = ApiError::Unauthorized { message: None };
        let forbidden = ApiError::Forbidden {
            message: Some("Company is inactive".into()),
        };
        let network = ApiError::Network { detail: "x".into() };
        let server = ApiError::Server {
            status: 502,
            message: None,
        };
        let messages = [
            sign_in_failure(Method::Password, "Sandbox", &unauthorized).text(),
            sign_in_failure(Method::ApiKey, "Sandbox", &unauthorized).text(),
            sign_in_failure(Method::Password, "Sandbox", &forbidden).text(),
            sign_in_failure(Method::Password, "Sandbox", &network).text(),
            sign_in_failure(Method::Password, "Sandbox", &server).text(),
        ];
        assert_eq!(messages[0], "Wrong e-mail or password.");
        assert!(messages[1].contains("API key"));
        assert!(messages[2].contains("inactive") && messages[2].contains("Company is inactive"));
        assert!(messages[3].contains("Could not reach Sandbox"));
        assert!(messages[4].contains("HTTP 502"));
        for (i, a) in messages.iter().enumerate() {
            for b in &messages[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn the_english_wording_is_kept() {
        let forbidden = ApiError::Forbidden {
            message: Some("Company is inactive".into()),
        };
        assert_eq!(
            sign_in_failure(Method::Password, "Sandbox", &forbidden).text(),
            "Access refused: this company is inactive, or your network address is not on its \
             allowlist. Contact your Lumo manager. The server said: Company is inactive"
        );
        assert_eq!(
            reach_failure("Sandbox", &ApiError::Timeout { seconds: 20 }).text(),
            "Sandbox did not answer within 20 s. Try again in a moment."
        );
    }

    #[test]
    fn messages_never_contain_a_key() {
        let error = ApiError::Unauthorized {
            message: Some("Invalid API key".into()),
        };
        assert!(!sign_in_failure(Method::ApiKey, "Sandbox", &error)
            .text()
            .contains("lb2b_"));
    }
}
