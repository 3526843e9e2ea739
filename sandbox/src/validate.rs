//! Request validation with class-validator's wording, as a NestJS service answers it:
//! one message per problem, each starting with the property name ("email must be an email"),
//! `property x should not exist` for unknown properties (whitelist + forbidNonWhitelisted).
//!
//! Bodies are checked as `serde_json::Value` first, so a wrong type gets a message instead of a
//! serde error, then deserialised into the `lumo_api` request type.

use lumo_api::rules::{
    tron::is_valid_tron_address,
    validation::{validate_email, validate_https_url, validate_telegram},
};
use serde_json::{Map, Value};

/// Collects problems of one request.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<String>);

impl Problems {
    pub fn push(&mut self, message: impl Into<String>) {
        self.0.push(message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), crate::errors::ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::errors::ApiError::validation(self.0))
        }
    }
}

/// Unknown properties: `property foo should not exist`.
pub fn forbid_unknown(map: &Map<String, Value>, allowed: &[&str], problems: &mut Problems) {
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            problems.push(format!("property {key} should not exist"));
        }
    }
}

/// Constraints on one string property.
#[derive(Debug, Clone, Copy, Default)]
pub struct Str {
    pub required: bool,
    /// `null` accepted (and meaning "no value" / "clear").
    pub nullable: bool,
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub email: bool,
    /// Length bounds apply to the trimmed value.
    pub trim: bool,
}

impl Str {
    pub fn required() -> Self {
        Str {
            required: true,
            ..Str::default()
        }
    }
    pub fn optional() -> Self {
        Str::default()
    }
    pub fn nullable() -> Self {
        Str {
            nullable: true,
            ..Str::default()
        }
    }
    pub fn min(mut self, n: usize) -> Self {
        self.min = Some(n);
        self
    }
    pub fn max(mut self, n: usize) -> Self {
        self.max = Some(n);
        self
    }
    pub fn email(mut self) -> Self {
        self.email = true;
        self
    }
    pub fn trimmed(mut self) -> Self {
        self.trim = true;
        self
    }
}

/// What a string property held.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Absent,
    Null,
    Value(String),
}

/// Checks `map[name]` against `rules`; records problems; returns what was there.
pub fn string(map: &Map<String, Value>, name: &str, rules: Str, problems: &mut Problems) -> Field {
    match map.get(name) {
        None | Some(Value::Null) if rules.required => {
            problems.push(format!("{name} should not be empty"));
            problems.push(format!("{name} must be a string"));
            Field::Absent
        }
        None => Field::Absent,
        Some(Value::Null) if rules.nullable => Field::Null,
        // class-validator's @IsOptional lets null through as "not given".
        Some(Value::Null) => Field::Absent,
        Some(Value::String(s)) => {
            let measured = if rules.trim { s.trim() } else { s.as_str() };
            let n = measured.chars().count();
            let before = problems.0.len();
            if rules.required && n == 0 {
                problems.push(format!("{name} should not be empty"));
            }
            if let Some(min) = rules.min {
                if n < min && !(rules.required && n == 0 && min == 1) {
                    problems.push(format!(
                        "{name} must be longer than or equal to {min} characters"
                    ));
                }
            }
            if let Some(max) = rules.max {
                if n > max {
                    problems.push(format!(
                        "{name} must be shorter than or equal to {max} characters"
                    ));
                }
            }
            if rules.email && validate_email(s).is_some() {
                problems.push(format!("{name} must be an email"));
            }
            if problems.0.len() == before {
                Field::Value(s.clone())
            } else {
                Field::Absent
            }
        }
        Some(_) => {
            problems.push(format!("{name} must be a string"));
            Field::Absent
        }
    }
}

/// `^@?[A-Za-z0-9_]{5,32}$`.
pub fn telegram_ok(s: &str) -> bool {
    validate_telegram(s).is_none()
}

/// https URL (http only for localhost / 127.0.0.1 / [::1]), at most 2048 characters.
pub fn webhook_url_ok(s: &str) -> bool {
    validate_https_url(s).is_none()
}

pub fn tron_ok(s: &str) -> bool {
    is_valid_tron_address(s)
}

/// The body as a JSON object, or a validation error.
pub fn object(value: &Value) -> Result<&Map<String, Value>, crate::errors::ApiError> {
    value.as_object().ok_or_else(|| {
        crate::errors::ApiError::validation(vec!["request body must be a JSON object".into()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value, name: &str, rules: Str) -> (Field, Vec<String>) {
        let mut p = Problems::default();
        let f = string(v.as_object().unwrap(), name, rules, &mut p);
        (f, p.0)
    }

    #[test]
    fn messages_follow_class_validator() {
        let (f, p) = run(json!({}), "name", Str::required().min(2));
        assert_eq!(f, Field::Absent);
        assert_eq!(p, vec!["name should not be empty", "name must be a string"]);
        let (_, p) = run(json!({"name": 5}), "name", Str::required());
        assert_eq!(p, vec!["name must be a string"]);
        let (_, p) = run(json!({"name": "a"}), "name", Str::required().min(2).max(3));
        assert_eq!(p, vec!["name must be longer than or equal to 2 characters"]);
        let (_, p) = run(json!({"name": "abcd"}), "name", Str::required().max(3));
        assert_eq!(
            p,
            vec!["name must be shorter than or equal to 3 characters"]
        );
        let (_, p) = run(json!({"email": "nope"}), "email", Str::required().email());
        assert_eq!(p, vec!["email must be an email"]);
        let (f, p) = run(json!({"x": null}), "x", Str::nullable().email());
        assert_eq!((f, p.len()), (Field::Null, 0));
        let (f, _) = run(json!({"x": " ok "}), "x", Str::required().trimmed());
        assert_eq!(f, Field::Value(" ok ".into()));
    }

    #[test]
    fn unknown_properties() {
        let mut p = Problems::default();
        forbid_unknown(json!({"a": 1, "b": 2}).as_object().unwrap(), &["a"], &mut p);
        assert_eq!(p.0, vec!["property b should not exist"]);
    }
}
