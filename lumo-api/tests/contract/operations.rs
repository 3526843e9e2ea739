//! Every operation of the contract has a request function with its method, path and parameters.

use std::collections::BTreeSet;

use lumo_api::models::*;
use serde::de::DeserializeOwned;
use serde_yaml::Value as Yaml;

use super::support::{check, resolve, spec};

/// What the contract needs to know of a request.
struct Op {
    operation: &'static str,
    method: &'static str,
    path: String,
    query: Vec<&'static str>,
    authenticated: bool,
    idempotency_key: bool,
    has_body: bool,
}

fn op<T: DeserializeOwned>(r: lumo_api::ApiRequest<T>) -> Op {
    Op {
        operation: r.operation,
        method: r.method.as_str(),
        path: r.path.clone(),
        query: r.query.iter().map(|(name, _)| *name).collect(),
        authenticated: r.authenticated,
        idempotency_key: r.idempotency_key.is_some(),
        has_body: r.body.is_some(),
    }
}

/// Every request function, with every optional query parameter set, and ids written `ID`.
fn all_operations() -> Vec<Op> {
    use lumo_api::requests::*;
    let register = RegisterRequest {
        name: "n".into(),
        email: "e".into(),
        password: "p".into(),
        contact_email: None,
        contact_telegram: None,
    };
    let login = LoginRequest {
        email: "e".into(),
        password: "p".into(),
    };
    let orders = OrdersQuery {
        page: Page::default(),
        status: Some(OrderStatus::Success),
        external_order_id: Some("x".into()),
    };
    let wallets = UserWalletsQuery {
        page: Page::default(),
        external_id: Some("x".into()),
    };
    vec![
        op(register_company(&register)),
        op(login_company(&login)),
        op(get_company_profile()),
        op(update_company_profile(&UpdateProfileRequest::default())),
        op(regenerate_api_key()),
        op(get_current_rate()),
        op(prepare_order(&PrepareOrderRequest {
            qr_code: "q".into(),
            external_order_id: None,
        })),
        op(accept_order("ID", "key")),
        op(list_orders(&orders)),
        op(get_order("ID")),
        op(create_dispute(
            "ID",
            &CreateDisputeRequest { reason: "r".into() },
        )),
        op(list_disputes()),
        op(get_company_wallet()),
        op(list_company_deposits(Page::default())),
        op(create_user_wallet(&CreateUserWalletRequest {
            external_id: "x".into(),
        })),
        op(list_user_wallets(&wallets)),
        op(list_blocked_user_wallets(Page::default())),
        op(replace_user_wallet(
            "ID",
            &ReplaceUserWalletRequest::default(),
        )),
        op(list_user_deposits("ID", Page::default())),
    ]
}

#[test]
fn every_operation_has_a_request_with_the_contract_method_path_and_parameters() {
    let spec = spec();
    let ours = all_operations();
    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        let path = path.as_str().unwrap();
        for (method, operation) in item.as_mapping().into_iter().flatten() {
            let method = method.as_str().unwrap().to_ascii_uppercase();
            let id = operation["operationId"].as_str().expect("operationId");
            seen.insert(id.to_string());
            let Some(mine) = ours.iter().find(|o| o.operation == id) else {
                failures.push(format!("{id}: no request function"));
                continue;
            };
            let expected_path = path.replace("{id}", "ID").replace("{externalId}", "ID");
            if mine.method != method || mine.path != expected_path {
                failures.push(format!(
                    "{id}: {} {} instead of {method} {expected_path}",
                    mine.method, mine.path
                ));
            }
            let public = operation["security"]
                .as_sequence()
                .is_some_and(|s| s.is_empty());
            if mine.authenticated == public {
                failures.push(format!(
                    "{id}: authenticated {} but security says public {public}",
                    mine.authenticated
                ));
            }
            let parameters: Vec<Yaml> = operation["parameters"]
                .as_sequence()
                .into_iter()
                .flatten()
                .map(|p| resolve(&spec, p))
                .collect();
            let named = |place: &str| -> BTreeSet<String> {
                parameters
                    .iter()
                    .filter(|p| p["in"].as_str() == Some(place))
                    .filter_map(|p| p["name"].as_str().map(str::to_string))
                    .collect()
            };
            let query: BTreeSet<String> = mine.query.iter().map(|q| q.to_string()).collect();
            if query != named("query") {
                failures.push(format!(
                    "{id}: query {query:?}, contract {:?}",
                    named("query")
                ));
            }
            if mine.idempotency_key != named("header").contains("Idempotency-Key") {
                failures.push(format!(
                    "{id}: Idempotency-Key handling differs from the contract"
                ));
            }
            let body_required = operation["requestBody"]["required"].as_bool() == Some(true);
            if body_required && !mine.has_body {
                failures.push(format!("{id}: the contract requires a body"));
            }
            if operation.get("requestBody").is_none() && mine.has_body {
                failures.push(format!("{id}: sends a body the contract does not have"));
            }
        }
    }
    for mine in &ours {
        if !seen.contains(mine.operation) {
            failures.push(format!(
                "{}: not an operation of the contract",
                mine.operation
            ));
        }
    }
    assert_eq!(ours.len(), 19);
    check(failures);
}
