//! API-key authentication: `X-API-Key`, `Authorization: Bearer <key>` or the `api_key` query
//! parameter (in that order of preference). A missing or unknown key is 401 "Invalid API key";
//! the key of an inactive company is 403.

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{errors::ApiError, extract::query_pairs, state::AppState};

/// The authenticated company.
#[derive(Debug, Clone)]
pub struct AuthCompany {
    pub id: String,
}

/// The key the request presents, if any.
pub fn presented_key(parts: &Parts) -> Option<String> {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(key) = header("x-api-key") {
        return Some(key);
    }
    if let Some(auth) = header("authorization") {
        let mut it = auth.splitn(2, ' ');
        if let (Some(scheme), Some(token)) = (it.next(), it.next()) {
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() {
                return Some(token.trim().to_string());
            }
        }
    }
    query_pairs(parts)
        .ok()?
        .into_iter()
        .rev()
        .find(|(k, v)| k == "api_key" && !v.is_empty())
        .map(|(_, v)| v)
}

impl FromRequestParts<AppState> for AuthCompany {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let key = presented_key(parts).ok_or_else(ApiError::invalid_api_key)?;
        let db = state.raw_db();
        let company = db
            .company_by_key(&key)
            .ok_or_else(ApiError::invalid_api_key)?;
        if !company.is_active {
            return Err(ApiError::forbidden("Company is inactive"));
        }
        Ok(AuthCompany {
            id: company.id.clone(),
        })
    }
}
