//! What the sign-in and registration forms say when the API refuses or cannot be reached.
//! Each failure gets its own sentence. Pure; tested natively.

use lumo_api::ApiError;

/// Which sign-in form failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    ApiKey,
    Password,
}

/// The message for a failed sign-in on environment `env` (its name).
pub fn sign_in_failure(method: Method, env: &str, error: &ApiError) -> String {
    match error {
        ApiError::Unauthorized { .. } => match method {
            Method::ApiKey => format!(
                "{env} does not accept this API key. Check that you copied all of it and chose \
                 the right environment; the key may also have been rotated."
            ),
            Method::Password => "Wrong e-mail or password.".to_string(),
        },
        ApiError::Forbidden { message } => with_server_words(
            "Access refused: this company is inactive, or your network address is not on its \
             allowlist. Contact your Lumo manager.",
            message,
        ),
        other => reach_failure(env, other),
    }
}

/// Messages for failures that are not about the credentials themselves.
pub fn reach_failure(env: &str, error: &ApiError) -> String {
    match error {
        ApiError::Network { .. } => format!(
            "Could not reach {env}. Check your connection and the environment's address, then try again."
        ),
        ApiError::Timeout { seconds } => {
            format!("{env} did not answer within {seconds} s. Try again in a moment.")
        }
        ApiError::Server { status, .. } => format!(
            "{env} had a problem (HTTP {status}). Nothing was changed; try again in a moment."
        ),
        ApiError::Decode { .. } => format!(
            "{env} sent an answer the portal cannot read. Check that the environment's address \
             points at the Lumo API."
        ),
        other => other.to_string(),
    }
}

fn with_server_words(text: &str, message: &Option<String>) -> String {
    match message {
        Some(words) if !words.trim().is_empty() => format!("{text} The server said: {words}"),
        _ => text.to_string(),
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
            sign_in_failure(Method::Password, "Sandbox", &unauthorized),
            sign_in_failure(Method::ApiKey, "Sandbox", &unauthorized),
            sign_in_failure(Method::Password, "Sandbox", &forbidden),
            sign_in_failure(Method::Password, "Sandbox", &network),
            sign_in_failure(Method::Password, "Sandbox", &server),
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
    fn messages_never_contain_a_key() {
        let error = ApiError::Unauthorized {
            message: Some("Invalid API key".into()),
        };
        assert!(!sign_in_failure(Method::ApiKey, "Sandbox", &error).contains("lb2b_"));
    }
}
