//! Runtime configuration from `/config.json`: the named environments and their API base URLs.
//!
//! Shape: `{"environments":[{"id":"sandbox","name":"Sandbox","apiBaseUrl":"http://127.0.0.1:8787"}],
//! "defaultEnvironment":"sandbox","requestTimeoutMs":15000,"maxPageSize":100}` (the last two optional).
//! The app loads it and provides it as context; views read it with [`use_config`].

use leptos::prelude::expect_context;
use lumo_api::requests::queries::MAX_LIMIT;
use serde::{Deserialize, Serialize};

/// Default time allowed for one API request.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// No deployment gets pages larger than this, whatever its config says.
const MAX_PAGE_SIZE: u32 = 1_000;

/// One API deployment the portal can talk to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Environment {
    pub id: String,
    pub name: String,
    pub api_base_url: String,
}

impl Environment {
    /// The environment for an API URL typed on the sign-in page.
    pub fn custom(api_base_url: &str) -> Self {
        let url = api_base_url.trim().trim_end_matches('/').to_string();
        let host = url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(&url)
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        Environment {
            id: CUSTOM_ID.to_string(),
            name: if host.is_empty() {
                "Custom".to_string()
            } else {
                host
            },
            api_base_url: url,
        }
    }

    pub fn kind(&self) -> EnvKind {
        EnvKind::of(self)
    }
}

/// Id given to an environment entered as a custom URL.
pub const CUSTOM_ID: &str = "custom";

/// What an environment is, for its badge colour. Nobody should confuse production with a sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvKind {
    Production,
    Staging,
    Sandbox,
    Custom,
}

impl EnvKind {
    /// Derived from the id and name: "prod…" is production, "stag…"/"uat"/"preprod" staging,
    /// "sandbox"/"dev"/"local"/"test"/"demo" a sandbox; anything else (and custom URLs) custom.
    pub fn of(env: &Environment) -> Self {
        if env.id == CUSTOM_ID {
            return EnvKind::Custom;
        }
        let text = format!("{} {}", env.id, env.name).to_ascii_lowercase();
        let has = |needle: &str| text.contains(needle);
        if has("preprod") || has("stag") || has("uat") {
            EnvKind::Staging
        } else if has("prod") || has("live") {
            EnvKind::Production
        } else if has("sandbox") || has("dev") || has("local") || has("test") || has("demo") {
            EnvKind::Sandbox
        } else {
            EnvKind::Custom
        }
    }

    /// CSS modifier: `env-badge--production` and so on.
    pub fn css(self) -> &'static str {
        match self {
            EnvKind::Production => "production",
            EnvKind::Staging => "staging",
            EnvKind::Sandbox => "sandbox",
            EnvKind::Custom => "custom",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub environments: Vec<Environment>,
    #[serde(default)]
    pub default_environment: Option<String>,
    #[serde(default)]
    pub request_timeout_ms: Option<u32>,
    /// The largest page the API takes, for an API that allows more than the contract's 100
    /// (the benchmark's sandbox does, to time the orders table at 1,000 rows).
    #[serde(default)]
    pub max_page_size: Option<u32>,
}

impl Config {
    /// Parse and check `config.json`. The message says what is wrong, for the error screen.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config =
            serde_json::from_str(text).map_err(|err| format!("config.json is not valid: {err}"))?;
        if config.environments.is_empty() {
            return Err("config.json lists no environments.".to_string());
        }
        if let Some(bad) = config
            .environments
            .iter()
            .find(|env| env.id.trim().is_empty() || env.api_base_url.trim().is_empty())
        {
            return Err(format!(
                "config.json has an environment without an id or apiBaseUrl (name \"{}\").",
                bad.name
            ));
        }
        Ok(config)
    }

    /// The environment to preselect on sign-in.
    pub fn default_env(&self) -> Option<&Environment> {
        self.default_environment
            .as_deref()
            .and_then(|id| self.find(id))
            .or_else(|| self.environments.first())
    }

    pub fn find(&self, id: &str) -> Option<&Environment> {
        self.environments.iter().find(|env| env.id == id)
    }

    /// The largest `limit` a list URL may ask for: at least the contract's 100, at most 1,000.
    pub fn page_size_limit(&self) -> u32 {
        self.max_page_size
            .unwrap_or(MAX_LIMIT)
            .clamp(MAX_LIMIT, MAX_PAGE_SIZE)
    }

    /// Time allowed for one request, clamped to something sensible.
    pub fn timeout_ms(&self) -> u32 {
        self.request_timeout_ms
            .unwrap_or(DEFAULT_TIMEOUT_MS)
            .clamp(1_000, 120_000)
    }
}

/// The configuration the app provided (`app.rs`), for any view below it.
pub fn use_config() -> Config {
    expect_context::<Config>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(id: &str, name: &str) -> Environment {
        Environment {
            id: id.into(),
            name: name.into(),
            api_base_url: "https://api.example".into(),
        }
    }

    #[test]
    fn parses_the_documented_shape() {
        let config = Config::parse(
            r#"{"environments":[{"id":"sandbox","name":"Sandbox","apiBaseUrl":"http://127.0.0.1:8787"}],"defaultEnvironment":"sandbox"}"#,
        )
        .unwrap();
        assert_eq!(
            config.default_env().unwrap().api_base_url,
            "http://127.0.0.1:8787"
        );
        assert_eq!(config.timeout_ms(), DEFAULT_TIMEOUT_MS);
        assert_eq!(config.page_size_limit(), 100);
    }

    #[test]
    fn page_size_limit_stays_between_the_contract_and_1000() {
        let with = |n: &str| {
            Config::parse(&format!(
                r#"{{"environments":[{{"id":"a","name":"A","apiBaseUrl":"u"}}],"maxPageSize":{n}}}"#
            ))
            .map(|c| c.page_size_limit())
        };
        assert_eq!(with("1000"), Ok(1000));
        assert_eq!(with("250"), Ok(250));
        assert_eq!(with("5"), Ok(100));
        assert_eq!(with("99999"), Ok(1000));
    }

    #[test]
    fn rejects_broken_or_empty_configs() {
        assert!(Config::parse("<html>").is_err());
        assert!(Config::parse(r#"{"environments":[]}"#).is_err());
        assert!(
            Config::parse(r#"{"environments":[{"id":"","name":"x","apiBaseUrl":"u"}]}"#).is_err()
        );
    }

    #[test]
    fn unknown_default_falls_back_to_the_first() {
        let config = Config::parse(
            r#"{"environments":[{"id":"a","name":"A","apiBaseUrl":"u"}],"defaultEnvironment":"zzz","requestTimeoutMs":5}"#,
        )
        .unwrap();
        assert_eq!(config.default_env().unwrap().id, "a");
        assert_eq!(config.timeout_ms(), 1_000);
    }

    #[test]
    fn kinds_from_id_and_name() {
        assert_eq!(env("production", "Production").kind(), EnvKind::Production);
        assert_eq!(env("prod-eu", "EU").kind(), EnvKind::Production);
        assert_eq!(env("staging", "Staging").kind(), EnvKind::Staging);
        assert_eq!(env("preprod", "Pre-production").kind(), EnvKind::Staging);
        assert_eq!(env("sandbox", "Sandbox").kind(), EnvKind::Sandbox);
        assert_eq!(env("x", "Local dev").kind(), EnvKind::Sandbox);
        assert_eq!(env("acme", "Acme").kind(), EnvKind::Custom);
        assert_eq!(
            Environment::custom("https://api.acme.example/").kind(),
            EnvKind::Custom
        );
    }

    #[test]
    fn custom_environment_is_named_after_its_host() {
        let env = Environment::custom(" https://api.acme.example/v1/ ");
        assert_eq!(env.name, "api.acme.example");
        assert_eq!(env.api_base_url, "https://api.acme.example/v1");
    }
}
