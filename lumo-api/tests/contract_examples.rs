//! The contract's own examples against the models: every schema example decodes into its model
//! and encodes back to the same JSON (numbers compared by decimal value, times by instant); every
//! schema is mapped to a model; enums list exactly the contract's values. Error examples,
//! operations and rule consistency are in `contract/`.
//!
//! The YAML is `../../shared/api/lumo-b2b.openapi.yaml` from this crate, or `$LUMO_OPENAPI`.

mod contract;

use std::collections::BTreeSet;

use lumo_api::models::*;
use serde_json::Value;
use serde_yaml::Value as Yaml;

use contract::support::{check, diff, round_trip, schemas, spec, to_json, RoundTrip};

/// Schema name -> model. Every object schema of the contract must be here.
const MODELS: &[(&str, RoundTrip)] = &[
    ("Error", round_trip::<ErrorBody>),
    ("LoginRequest", round_trip::<LoginRequest>),
    ("RegisterRequest", round_trip::<RegisterRequest>),
    ("CompanyInfo", round_trip::<CompanyInfo>),
    ("AuthResponse", round_trip::<AuthResponse>),
    ("ApiKeyResponse", round_trip::<ApiKeyResponse>),
    ("CompanyProfile", round_trip::<CompanyProfile>),
    ("UpdateProfileRequest", round_trip::<UpdateProfileRequest>),
    ("Rate", round_trip::<Rate>),
    ("PrepareOrderRequest", round_trip::<PrepareOrderRequest>),
    ("Quote", round_trip::<Quote>),
    ("Order", round_trip::<Order>),
    ("CreateDisputeRequest", round_trip::<CreateDisputeRequest>),
    ("Dispute", round_trip::<Dispute>),
    ("CompanyWallet", round_trip::<CompanyWallet>),
    ("Deposit", round_trip::<Deposit>),
    (
        "CreateUserWalletRequest",
        round_trip::<CreateUserWalletRequest>,
    ),
    (
        "ReplaceUserWalletRequest",
        round_trip::<ReplaceUserWalletRequest>,
    ),
    ("UserWallet", round_trip::<UserWallet>),
    ("UserDeposit", round_trip::<UserDeposit>),
];

fn wires<T>(known: &[T], wire: fn(&T) -> &str) -> Vec<String> {
    known.iter().map(|v| wire(v).to_string()).collect()
}

/// Enum schema name -> the model enum's known values.
type KnownValues = fn() -> Vec<String>;

const ENUMS: &[(&str, KnownValues)] = &[
    ("OrderStatus", || {
        wires(OrderStatus::KNOWN, OrderStatus::as_wire)
    }),
    ("DisputeStatus", || {
        wires(DisputeStatus::KNOWN, DisputeStatus::as_wire)
    }),
    ("DisputeResolution", || {
        wires(DisputeResolution::KNOWN, DisputeResolution::as_wire)
    }),
    ("DepositStatus", || {
        wires(DepositStatus::KNOWN, DepositStatus::as_wire)
    }),
];

fn is_enum(schema: &Yaml) -> bool {
    schema.get("enum").is_some()
}

fn model(name: &str) -> Option<RoundTrip> {
    MODELS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

#[test]
fn the_comparator_is_numerically_aware_and_strict_otherwise() {
    let a: Value = serde_json::from_str(r#"{"x":5000.0,"t":"2026-11-24T10:00:00Z"}"#).unwrap();
    let b: Value = serde_json::from_str(r#"{"x":5000,"t":"2026-11-24T10:00:00+00:00"}"#).unwrap();
    let mut out = Vec::new();
    diff(&a, &b, "$", &mut out);
    assert!(out.is_empty(), "{out:?}");
    let c: Value =
        serde_json::from_str(r#"{"x":5000.01,"t":"2026-11-24T10:00:01Z","y":null}"#).unwrap();
    diff(&a, &c, "$", &mut out);
    assert_eq!(out.len(), 3, "{out:?}");
}

#[test]
fn every_schema_example_round_trips_through_its_model() {
    let spec = spec();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, schema) in schemas(&spec) {
        let Some(example) = schema.get("example") else {
            continue;
        };
        let Some(round_trip) = model(&name) else {
            failures.push(format!("{name}: no model mapped"));
            continue;
        };
        let expected = to_json(example);
        match round_trip(&expected.to_string()) {
            Ok(actual) => diff(&expected, &actual, &name, &mut failures),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
        checked += 1;
    }
    check(failures);
    assert!(checked >= 19, "only {checked} examples checked");
}

#[test]
fn the_table_covers_every_object_schema_and_names_only_real_ones() {
    let spec = spec();
    let all = schemas(&spec);
    let mut failures = Vec::new();
    for (name, schema) in &all {
        if is_enum(schema) {
            if !ENUMS.iter().any(|(n, _)| n == name) {
                failures.push(format!("enum {name}: not in ENUMS"));
            }
        } else if model(name).is_none() {
            let note = if schema.get("example").is_some() {
                " (it has an example)"
            } else {
                ""
            };
            failures.push(format!("{name}: no model in MODELS{note}"));
        }
    }
    let names: BTreeSet<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let mapped = MODELS
        .iter()
        .map(|(n, _)| *n)
        .chain(ENUMS.iter().map(|(n, _)| *n));
    for name in mapped {
        if !names.contains(name) {
            failures.push(format!("{name}: mapped but not in the contract"));
        }
    }
    check(failures);
}

#[test]
fn enums_know_exactly_the_contract_values() {
    let spec = spec();
    let mut failures = Vec::new();
    for (name, schema) in schemas(&spec) {
        let Some(values) = schema.get("enum") else {
            continue;
        };
        let contract: Vec<String> = values
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        if let Some((_, known)) = ENUMS.iter().find(|(n, _)| *n == name) {
            if known() != contract {
                failures.push(format!(
                    "{name}: contract {contract:?}, model {:?}",
                    known()
                ));
            }
        }
    }
    // The inline currency enum of Deposit and UserDeposit.
    for name in ["Deposit", "UserDeposit"] {
        let values = &spec["components"]["schemas"][name]["properties"]["currency"]["enum"];
        let contract: Vec<String> = values
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let known = wires(Currency::KNOWN, Currency::as_wire);
        if known != contract {
            failures.push(format!(
                "{name}.currency: contract {contract:?}, model {known:?}"
            ));
        }
    }
    check(failures);
}

fn property_names(schema: &Yaml, key: &str) -> BTreeSet<String> {
    match schema.get(key) {
        Some(Yaml::Mapping(map)) => map
            .keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        Some(Yaml::Sequence(items)) => items
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => BTreeSet::new(),
    }
}

fn is_nullable(property: &Yaml) -> bool {
    let in_type = property["type"]
        .as_sequence()
        .is_some_and(|types| types.iter().any(|t| t.as_str() == Some("null")));
    let in_one_of = property["oneOf"]
        .as_sequence()
        .is_some_and(|options| options.iter().any(|o| o["type"].as_str() == Some("null")));
    in_type || in_one_of
}

#[test]
fn models_write_only_contract_fields_and_always_the_required_ones() {
    let spec = spec();
    let mut failures = Vec::new();
    for (name, schema) in schemas(&spec) {
        let (Some(example), Some(round_trip)) = (schema.get("example"), model(&name)) else {
            continue;
        };
        let Ok(Value::Object(encoded)) = round_trip(&to_json(example).to_string()) else {
            failures.push(format!("{name}: example does not encode to an object"));
            continue;
        };
        let properties = property_names(&schema, "properties");
        for key in encoded.keys().filter(|k| !properties.contains(*k)) {
            failures.push(format!(
                "{name}: writes {key}, which the contract does not have"
            ));
        }
        for key in property_names(&schema, "required")
            .iter()
            .filter(|k| !encoded.contains_key(*k))
        {
            failures.push(format!("{name}: does not write the required {key}"));
        }
    }
    check(failures);
}

#[test]
fn optional_fields_may_be_absent_or_null_and_required_ones_may_not_be_absent() {
    let spec = spec();
    let mut failures = Vec::new();
    for (name, schema) in schemas(&spec) {
        let (Some(example), Some(round_trip)) = (schema.get("example"), model(&name)) else {
            continue;
        };
        let Value::Object(base) = to_json(example) else {
            continue;
        };
        let required = property_names(&schema, "required");
        for property in property_names(&schema, "properties") {
            let mut without = base.clone();
            let was_there = without.remove(&property).is_some();
            let decoded = round_trip(&Value::Object(without).to_string());
            match (required.contains(&property), decoded) {
                (true, Ok(_)) if was_there => {
                    failures.push(format!("{name}: decodes without the required {property}"))
                }
                (false, Err(e)) => {
                    failures.push(format!("{name}: needs the optional {property}: {e}"))
                }
                _ => {}
            }
            if is_nullable(&schema["properties"][property.as_str()]) {
                let mut with_null = base.clone();
                with_null.insert(property.clone(), Value::Null);
                if let Err(e) = round_trip(&Value::Object(with_null).to_string()) {
                    failures.push(format!("{name}: rejects {property}: null: {e}"));
                }
            }
        }
    }
    check(failures);
}
