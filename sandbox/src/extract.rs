//! Extractors that answer bad input with NestJS-shaped 400s instead of axum's plain text.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Path, Query, Request},
    http::request::Parts,
};
use serde_json::Value;

use crate::{errors::ApiError, validate::Problems};

/// The request body as JSON. An empty body reads as `{}`; malformed JSON is a 400 whose
/// message is a string, as body-parser words it in a NestJS service.
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody(Value::Object(Default::default())));
        }
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request(format!("Unexpected token in JSON body: {e}")))
    }
}

/// The query string as name/value pairs (percent-decoded), in order.
pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        query_pairs(parts).map(QueryPairs)
    }
}

pub fn query_pairs(parts: &Parts) -> Result<Vec<(String, String)>, ApiError> {
    Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map(|Query(pairs)| pairs)
        .map_err(|_| ApiError::bad_request("Malformed query string"))
}

impl QueryPairs {
    /// The last value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One path parameter, percent-decoded.
pub struct PathParam(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| PathParam(p))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// `limit` (1..=100, default 20) and `offset` (>= 0, default 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

impl Page {
    pub const DEFAULT_LIMIT: i64 = 20;
    pub const MAX_LIMIT: i64 = 100;

    /// Reads the pair; problems go to `problems` with class-validator's wording.
    pub fn read(query: &QueryPairs, problems: &mut Problems) -> Page {
        Self::read_up_to(query, Self::MAX_LIMIT, problems)
    }

    /// `read` with another largest limit (`--max-page-size`, for benchmarks).
    pub fn read_up_to(query: &QueryPairs, max_limit: i64, problems: &mut Problems) -> Page {
        let limit = int_param(
            query,
            "limit",
            1,
            Some(max_limit),
            Self::DEFAULT_LIMIT,
            problems,
        );
        let offset = int_param(query, "offset", 0, None, 0, problems);
        Page {
            limit: limit as usize,
            offset: offset as usize,
        }
    }

    /// One page of `items`.
    pub fn slice<T>(&self, items: impl Iterator<Item = T>) -> Vec<T> {
        items.skip(self.offset).take(self.limit).collect()
    }
}

fn int_param(
    query: &QueryPairs,
    name: &str,
    min: i64,
    max: Option<i64>,
    default: i64,
    problems: &mut Problems,
) -> i64 {
    let Some(raw) = query.get(name) else {
        return default;
    };
    let Ok(n) = raw.trim().parse::<i64>() else {
        problems.push(format!("{name} must be an integer number"));
        return default;
    };
    if n < min {
        problems.push(format!("{name} must not be less than {min}"));
        return default;
    }
    if let Some(max) = max {
        if n > max {
            problems.push(format!("{name} must not be greater than {max}"));
            return default;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> QueryPairs {
        QueryPairs(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn page_bounds() {
        let mut p = Problems::default();
        assert_eq!(
            Page::read(&q(&[]), &mut p),
            Page {
                limit: 20,
                offset: 0
            }
        );
        assert_eq!(
            Page::read(&q(&[("limit", "100"), ("offset", "7")]), &mut p),
            Page {
                limit: 100,
                offset: 7
            }
        );
        assert!(p.is_empty());
        Page::read(&q(&[("limit", "0"), ("offset", "-1")]), &mut p);
        Page::read(&q(&[("limit", "101"), ("offset", "x")]), &mut p);
        assert_eq!(
            p.0,
            vec![
                "limit must not be less than 1",
                "offset must not be less than 0",
                "limit must not be greater than 100",
                "offset must be an integer number",
            ]
        );
    }
}
