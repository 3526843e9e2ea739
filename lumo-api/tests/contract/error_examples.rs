//! The error examples of the contract (components.responses and per operation).

use lumo_api::errors::error_from_response;
use lumo_api::models::ErrorBody;
use serde_json::Value;
use serde_yaml::Value as Yaml;

use super::support::{check, diff, round_trip, spec, to_json};

/// Every error example of the contract: (where, HTTP status, example).
fn error_examples(spec: &Yaml) -> Vec<(String, u16, Value)> {
    let mut found = Vec::new();
    let example_of = |response: &Yaml| {
        response["content"]["application/json"]
            .get("example")
            .map(to_json)
    };
    if let Some(responses) = spec["components"]["responses"].as_mapping() {
        for (name, response) in responses {
            if let Some(example) = example_of(response) {
                let status = example["statusCode"].as_u64().expect("statusCode") as u16;
                found.push((
                    format!("responses.{}", name.as_str().unwrap()),
                    status,
                    example,
                ));
            }
        }
    }
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        for (method, operation) in item.as_mapping().into_iter().flatten() {
            for (code, response) in operation["responses"].as_mapping().into_iter().flatten() {
                let Some(example) = example_of(response) else {
                    continue;
                };
                let code = code
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| serde_yaml::to_string(code).unwrap().trim().to_string());
                let status = code.parse().expect("numeric response code");
                let at = format!(
                    "{} {} {code}",
                    method.as_str().unwrap(),
                    path.as_str().unwrap()
                );
                found.push((at, status, example));
            }
        }
    }
    found
}

#[test]
fn every_error_example_round_trips_and_maps_to_its_error() {
    let spec = spec();
    let examples = error_examples(&spec);
    assert!(
        examples.len() >= 9,
        "only {} error examples found",
        examples.len()
    );
    let mut failures = Vec::new();
    for (at, status, example) in examples {
        let text = example.to_string();
        match round_trip::<ErrorBody>(&text) {
            Ok(actual) => diff(&example, &actual, &at, &mut failures),
            Err(e) => failures.push(format!("{at}: {e}")),
        }
        if example["statusCode"].as_u64() != Some(u64::from(status)) {
            failures.push(format!(
                "{at}: statusCode {} under {status}",
                example["statusCode"]
            ));
        }
        let error = error_from_response(status, &text, None);
        if error.status() != Some(status) {
            failures.push(format!("{at}: became {error:?}"));
        }
        let said = match &example["message"] {
            Value::String(s) => s.clone(),
            Value::Array(lines) => lines
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        };
        if error.server_message().as_deref() != Some(said.as_str()) {
            failures.push(format!(
                "{at}: message {said:?} became {:?}",
                error.server_message()
            ));
        }
        if !error.to_string().contains(&said) {
            failures.push(format!("{at}: Display does not show {said:?}: {error}"));
        }
    }
    check(failures);
}

#[test]
fn the_validation_example_is_grouped_under_its_field() {
    let spec = spec();
    let example = to_json(
        &spec["components"]["responses"]["ValidationError"]["content"]["application/json"]
            ["example"],
    );
    let error = error_from_response(400, &example.to_string(), None);
    assert_eq!(
        error.field_messages("contactEmail"),
        vec!["contactEmail must be an email".to_string()]
    );
}
