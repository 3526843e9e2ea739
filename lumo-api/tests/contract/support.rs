//! Shared by the contract tests: loading the YAML, turning YAML into JSON, comparing JSON.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use serde_yaml::Value as Yaml;

const DEFAULT_SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/api/lumo-b2b.openapi.yaml"
);

/// Decode JSON text into the model, encode it again.
pub type RoundTrip = fn(&str) -> Result<Value, String>;

pub fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<Value, String> {
    let model: T = serde_json::from_str(text).map_err(|e| format!("decode: {e}"))?;
    let encoded = serde_json::to_string(&model).map_err(|e| format!("encode: {e}"))?;
    serde_json::from_str(&encoded).map_err(|e| format!("re-read: {e}"))
}

pub fn spec() -> Yaml {
    let path = std::env::var("LUMO_OPENAPI").unwrap_or_else(|_| DEFAULT_SPEC.to_string());
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the contract at {path}: {e} (set LUMO_OPENAPI)"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

pub fn schemas(spec: &Yaml) -> Vec<(String, Yaml)> {
    spec["components"]["schemas"]
        .as_mapping()
        .expect("components.schemas")
        .iter()
        .map(|(name, schema)| {
            (
                name.as_str().expect("schema name").to_string(),
                schema.clone(),
            )
        })
        .collect()
}

/// YAML to JSON, keeping each number's text (serde_json has arbitrary_precision on).
pub fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Number(n) => Value::Number(
            serde_json::Number::from_str(&n.to_string())
                .unwrap_or_else(|e| panic!("YAML number {n} is not JSON: {e}")),
        ),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
                    };
                    (key, to_json(v))
                })
                .collect::<Map<_, _>>(),
        ),
        Yaml::Tagged(tagged) => to_json(&tagged.value),
    }
}

fn decimal(n: &serde_json::Number) -> Option<Decimal> {
    let text = n.to_string();
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

fn instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Differences between two JSON values: numbers by decimal value, strings that are both
/// RFC 3339 times by instant, objects by their key sets.
pub fn diff(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => {
            if decimal(a).is_none() || decimal(a) != decimal(b) {
                out.push(format!("{path}: number {a} became {b}"));
            }
        }
        (Value::String(a), Value::String(b)) => {
            let same_instant = matches!((instant(a), instant(b)), (Some(x), Some(y)) if x == y);
            if a != b && !same_instant {
                out.push(format!("{path}: {a:?} became {b:?}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: {} items became {}", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(x, y, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => diff(x, y, &format!("{path}.{key}"), out),
                    (Some(_), None) => out.push(format!("{path}.{key}: dropped")),
                    (None, Some(y)) => out.push(format!("{path}.{key}: added as {y}")),
                    (None, None) => {}
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(format!("{path}: {a} became {b}")),
    }
}

pub fn check(failures: Vec<String>) {
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A `$ref: '#/components/...'` followed; anything else as it is.
pub fn resolve(spec: &Yaml, node: &Yaml) -> Yaml {
    let Some(reference) = node.get("$ref").and_then(Yaml::as_str) else {
        return node.clone();
    };
    let mut target = spec;
    for part in reference.trim_start_matches("#/").split('/') {
        target = &target[part];
    }
    target.clone()
}

pub fn example_of<T: DeserializeOwned>(spec: &Yaml, name: &str) -> T {
    let example = to_json(&spec["components"]["schemas"][name]["example"]);
    serde_json::from_value(example).unwrap_or_else(|e| panic!("{name}: {e}"))
}
