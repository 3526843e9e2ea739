//! Schema conformance: every response the tests receive is validated against the operation's
//! response schema in `shared/api/lumo-b2b.openapi.yaml` (2xx bodies) or the Error schema
//! (error bodies).
//!
//! The YAML is found at `$LUMO_OPENAPI`, else `../../shared/api/lumo-b2b.openapi.yaml` relative
//! to this crate's manifest directory. OpenAPI 3.1 schemas are JSON Schema 2020-12: the
//! component schemas become `$defs` (refs rewritten), `example` and `x-` keys are dropped, and
//! every object schema is made strict (`additionalProperties: false`) so an extra or misspelt
//! field in a response fails too. Formats are asserted.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, Mutex, OnceLock},
};

use jsonschema::Validator;
use serde_json::{json, Map, Value};

pub struct Contract {
    doc: Value,
    defs: Value,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

pub fn openapi_path() -> PathBuf {
    if let Ok(p) = std::env::var("LUMO_OPENAPI") {
        if !p.is_empty() {
            return PathBuf::from(p);
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/api/lumo-b2b.openapi.yaml")
}

pub fn contract() -> &'static Contract {
    static C: OnceLock<Contract> = OnceLock::new();
    C.get_or_init(|| {
        let path = openapi_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the contract at {}: {e}", path.display()));
        let doc: Value = serde_yaml::from_str(&text).expect("the contract is valid YAML");
        let mut defs = doc["components"]["schemas"].clone();
        assert!(defs.is_object(), "components.schemas missing");
        prepare_schema(&mut defs);
        Contract {
            doc,
            defs,
            validators: Mutex::new(HashMap::new()),
        }
    })
}

/// Rewrites refs, drops `example`/`x-` keys, makes object schemas strict.
fn prepare_schema(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|k, _| k != "example" && k != "examples" && !k.starts_with("x-"));
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                if let Some(name) = r.strip_prefix("#/components/schemas/") {
                    *r = format!("#/$defs/{name}");
                }
            }
            let is_object_schema = map.get("type").and_then(Value::as_str) == Some("object")
                && map.contains_key("properties");
            if is_object_schema && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for (k, child) in map.iter_mut() {
                if k == "properties" || k == "$defs" {
                    // Names here are property or definition names, not keywords: recurse into
                    // their schemas only.
                    if let Value::Object(props) = child {
                        for s in props.values_mut() {
                            prepare_schema(s);
                        }
                    }
                } else {
                    prepare_schema(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(prepare_schema),
        _ => {}
    }
}

impl Contract {
    /// The `(template, operation)` of the YAML that serves `method path`.
    pub fn operation(&self, method: &str, path: &str) -> Option<(String, &Value)> {
        let paths = self.doc["paths"].as_object()?;
        let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let mut best: Option<(usize, &String, &Value)> = None;
        for (template, item) in paths {
            let tsegs: Vec<&str> = template.split('/').collect();
            if tsegs.len() != segs.len() {
                continue;
            }
            let mut statics = 0;
            let ok = tsegs.iter().zip(&segs).all(|(t, s)| {
                if t.starts_with('{') {
                    !s.is_empty()
                } else {
                    statics += 1;
                    t == s
                }
            });
            let Some(op) = item.get(method.to_ascii_lowercase()) else {
                continue;
            };
            if ok && best.is_none_or(|(b, _, _)| statics > b) {
                best = Some((statics, template, op));
            }
        }
        best.map(|(_, t, op)| (t.clone(), op))
    }

    fn resolve_response<'a>(&'a self, r: &'a Value) -> &'a Value {
        match r.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/components/responses/");
                &self.doc["components"]["responses"][name]
            }
            None => r,
        }
    }

    fn validator(&self, cache_key: &str, schema: &Value) -> Arc<Validator> {
        if let Some(v) = self.validators.lock().unwrap().get(cache_key) {
            return v.clone();
        }
        let mut root = schema.clone();
        prepare_schema(&mut root);
        let mut doc = match root {
            Value::Object(m) => m,
            other => {
                let mut m = Map::new();
                m.insert("allOf".into(), json!([other]));
                m
            }
        };
        doc.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        doc.insert("$defs".into(), self.defs.clone());
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&Value::Object(doc))
            .unwrap_or_else(|e| panic!("schema for {cache_key} does not compile: {e}"));
        let v = Arc::new(validator);
        self.validators
            .lock()
            .unwrap()
            .insert(cache_key.to_string(), v.clone());
        v
    }

    /// Validates one response; returns the operationId. Panics with every problem found.
    pub fn check(&self, method: &str, path: &str, status: u16, body: &Value, text: &str) -> String {
        let (template, op) = self
            .operation(method, path)
            .unwrap_or_else(|| panic!("{method} {path} is not an operation of the contract"));
        let op_id = op["operationId"].as_str().unwrap_or("?").to_string();
        let responses = &op["responses"];
        let declared = responses
            .get(status.to_string())
            .map(|r| self.resolve_response(r));
        let r = declared.unwrap_or_else(|| {
            panic!("{op_id}: status {status} is not declared for {method} {template}: {text}")
        });
        let schema = if (200..300).contains(&status) {
            r["content"]["application/json"]["schema"].clone()
        } else {
            // Error statuses: the declared schema when there is one, the Error schema always.
            json!({"$ref": "#/components/schemas/Error"})
        };
        let key = format!("{method} {template} {status}");
        let validator = self.validator(&key, &schema);
        // With serde_json's arbitrary_precision, a Value's numbers keep their text; the
        // validator reads them through as_f64/as_u64, which works on that text.
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{op_id} ({method} {path} -> {status}) does not match the contract:\n  {}\nbody: {}",
            errors.join("\n  "),
            truncate(text, 2000)
        );
        if !(200..300).contains(&status) {
            assert_eq!(
                body["statusCode"],
                json!(status),
                "{op_id}: statusCode of {text}"
            );
            assert!(body["error"].is_string(), "{op_id}: error of {text}");
            assert!(
                body["message"].is_string() || body["message"].is_array(),
                "{op_id}: message of {text}"
            );
        }
        op_id
    }

    /// Every operationId of the contract.
    pub fn operation_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for item in self.doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            for op in item.as_object().into_iter().flat_map(|m| m.values()) {
                if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    }
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails(method: &str, path: &str, status: u16, body: Value) -> bool {
        let text = body.to_string();
        std::panic::catch_unwind(|| contract().check(method, path, status, &body, &text)).is_err()
    }

    #[test]
    fn the_checker_catches_drift() {
        let order = json!({
            "id": "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b", "status": "in_progress",
            "amountRub": 5000.00, "amountUsdt": 52.63, "rate": 95.0, "merchantName": "OOO Romashka",
            "externalOrderId": null, "paymentUntil": "2026-11-24T10:05:00Z",
            "createdAt": "2026-11-24T10:00:00.123Z", "updatedAt": null
        });
        let path = "/orders/3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b";
        assert!(!fails("GET", path, 200, order.clone()));
        let mut extra = order.clone();
        extra["amountUSDT"] = json!(1);
        assert!(fails("GET", path, 200, extra), "unknown field");
        let mut text_amount = order.clone();
        text_amount["amountUsdt"] = json!("52.63");
        assert!(fails("GET", path, 200, text_amount), "amount as a string");
        let mut missing = order.clone();
        missing.as_object_mut().unwrap().remove("merchantName");
        assert!(fails("GET", path, 200, missing), "missing required field");
        let mut bad_time = order.clone();
        bad_time["createdAt"] = json!("yesterday");
        assert!(fails("GET", path, 200, bad_time), "format is asserted");
        let mut bad_status = order.clone();
        bad_status["status"] = json!("paid");
        assert!(fails("GET", path, 200, bad_status), "enum");
        assert!(
            fails("GET", "/orders", 200, order.clone()),
            "a bare array is expected"
        );
        assert!(!fails("GET", "/orders", 200, json!([order])));
        assert!(fails("GET", path, 201, json!({})), "undeclared status");
        assert!(!fails(
            "GET",
            path,
            404,
            json!({"statusCode": 404, "message": "Order not found", "error": "Not Found"})
        ));
        assert!(
            fails(
                "GET",
                path,
                404,
                json!({"statusCode": 400, "message": "x", "error": "Not Found"})
            ),
            "statusCode matches"
        );
        let rate = json!({"rate": 95.00, "effectiveRate": 95.95, "qrRateOffsetBps": 100});
        assert!(!fails("GET", "/rates/current", 200, rate));
        assert!(
            fails(
                "GET",
                "/rates/current",
                200,
                json!({"rate": 95.00, "effectiveRate": 95.95, "qrRateOffsetBps": 1.5})
            ),
            "integer"
        );
    }
}
