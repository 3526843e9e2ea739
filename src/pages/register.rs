//! /register: self-service company sign-up (an unconfirmed operation). On success the company is
//! signed in and its first API key shown once. Where the environment lacks the operation (404 or
//! 405) the page says so and points to the Lumo manager and to sign-in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use lumo_api::models::RegisterRequest;
use lumo_api::requests::register_company;
use lumo_api::rules::validation::{validate_register, FieldErrors, FORM_FIELD};
use lumo_api::ApiError;

use super::auth::messages::reach_failure;
use super::auth::{AuthLayout, EnvChoice, EnvPicker, RememberMe};
use crate::client::{send_to, use_client, Target};
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::components::page_header::set_document_title;
use crate::components::{Field, KeyReveal};
use crate::config::use_config;
use crate::forms::{api_field_errors, field_error};
use crate::session::{use_session, Session};

/// The form's fields, wire names, in the order they appear (for focusing the first invalid).
const FIELDS: &[(&str, &str)] = &[
    ("name", "register-name"),
    ("email", "register-email"),
    ("password", "register-password"),
    ("passwordConfirmation", "register-password-confirmation"),
    ("contactEmail", "register-contact-email"),
    ("contactTelegram", "register-contact-telegram"),
];

#[derive(Clone)]
enum Outcome {
    Form,
    Registered { api_key: String },
    Unavailable { env_name: String },
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_document_title("Register");
    let outcome = RwSignal::new(Outcome::Form);
    let navigate = use_navigate();

    let body = move || {
        match outcome.get() {
        Outcome::Form => view! { <RegisterForm outcome/> }.into_any(),
        Outcome::Registered { api_key } => {
            let navigate = navigate.clone();
            view! {
                <h1>"Your company is registered"</h1>
                <p class="auth-card__lead">"You are signed in. Here is your company's first API key."</p>
                <KeyReveal api_key/>
                <div class="form-actions spaced-top">
                    <button type="button" class="btn btn-primary btn-block"
                        on:click=move |_| navigate("/orders", Default::default())>
                        "Continue to the portal"
                    </button>
                </div>
            }
            .into_any()
        }
        Outcome::Unavailable { env_name } => view! {
            <h1>"Registration is not available"</h1>
            <div class="alert alert-info spaced-block" role="status">
                <strong class="alert__title">{format!("{env_name} does not offer self-service registration.")}</strong>
                "Companies on this environment get their account and API key from their Lumo manager. "
                "Ask your Lumo manager for an account, then sign in."
            </div>
            <div class="form-actions">
                <a class="btn btn-primary" href="/login">"Go to sign in"</a>
                <button type="button" class="btn btn-secondary" on:click=move |_| outcome.set(Outcome::Form)>
                    "Choose another environment"
                </button>
            </div>
        }
        .into_any(),
    }
    };

    view! { <AuthLayout wide=true>{body}</AuthLayout> }
}

#[component]
fn RegisterForm(outcome: RwSignal<Outcome>) -> impl IntoView {
    let config = use_config();
    let session = use_session();
    let timeout_ms = use_client().timeout_ms();
    let env = EnvChoice::new(&config);
    let remember = RwSignal::new(false);

    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let contact_telegram = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let form_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let focus_first_error = move |errors: &FieldErrors| {
        if let Some((_, id)) = FIELDS.iter().find(|(field, _)| errors.contains_key(*field)) {
            focus_id(id);
        }
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form_error.set(None);
        let optional = |value: RwSignal<String>| {
            let text = value.get_untracked().trim().to_string();
            (!text.is_empty()).then_some(text)
        };
        let body = RegisterRequest {
            name: name.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            contact_email: optional(contact_email),
            contact_telegram: optional(contact_telegram),
        };
        let mut problems = validate_register(&body);
        if password.get_untracked() != confirmation.get_untracked() {
            problems.insert(
                "passwordConfirmation".to_string(),
                "The two passwords do not match.".to_string(),
            );
        }
        let environment = env.resolve(&config);
        errors.set(problems.clone());
        let Some(environment) = environment else {
            focus_id("register-environment-custom-url");
            return;
        };
        if !problems.is_empty() {
            focus_first_error(&problems);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let target = Target {
                base_url: environment.api_base_url.clone(),
                api_key: None,
            };
            let result = send_to(&register_company(&body), &target, timeout_ms).await;
            pending.try_set(false);
            match result {
                Ok(auth) => {
                    let api_key = auth.api_key.clone();
                    session.sign_in(Session {
                        api_key: auth.api_key,
                        environment,
                        company_id: auth.company.id,
                        company_name: auth.company.name,
                        remember: remember.get_untracked(),
                    });
                    outcome.try_set(Outcome::Registered { api_key });
                }
                Err(error) if error.is_unsupported_operation() => {
                    outcome.try_set(Outcome::Unavailable {
                        env_name: environment.name,
                    });
                }
                Err(ApiError::Conflict { .. }) => {
                    let mut map = FieldErrors::new();
                    map.insert(
                        "email".to_string(),
                        "A company with this e-mail is already registered. Sign in instead, or use another e-mail."
                            .to_string(),
                    );
                    errors.try_set(map.clone());
                    focus_first_error(&map);
                }
                Err(error @ ApiError::Validation { .. }) => {
                    let fields: Vec<&str> = FIELDS.iter().map(|(field, _)| *field).collect();
                    let mut map = api_field_errors(&error, &fields);
                    if let Some(general) = map.remove(FORM_FIELD) {
                        form_error.try_set(Some(general));
                    }
                    errors.try_set(map.clone());
                    focus_first_error(&map);
                }
                Err(error) => {
                    form_error.try_set(Some(reach_failure(&environment.name, &error)));
                }
            }
        });
    };

    view! {
        <h1>"Register your company"</h1>
        <p class="auth-card__lead">
            "Create a Lumo account for your company. You will receive its API key right away."
        </p>
        <form class="form" on:submit=submit novalidate>
            <EnvPicker choice=env id="register-environment"/>
            <Field id="register-name" label="Company name" value=name
                error=field_error(errors, "name") autocomplete="organization" required=true/>
            <Field id="register-email" label="Login e-mail" value=email
                error=field_error(errors, "email") input_type="email" autocomplete="username"
                hint="You sign in with this address." required=true/>
            <div class="form-grid">
                <Field id="register-password" label="Password" value=password
                    error=field_error(errors, "password") input_type="password"
                    autocomplete="new-password" hint="At least 8 characters." required=true/>
                <Field id="register-password-confirmation" label="Repeat the password" value=confirmation
                    error=field_error(errors, "passwordConfirmation") input_type="password"
                    autocomplete="new-password" required=true/>
            </div>
            <div class="form-grid">
                <Field id="register-contact-email" label="Contact e-mail" value=contact_email
                    error=field_error(errors, "contactEmail") input_type="email" autocomplete="email"
                    optional=true hint="Where Lumo writes about your account."/>
                <Field id="register-contact-telegram" label="Telegram" value=contact_telegram
                    error=field_error(errors, "contactTelegram") placeholder="@your_team"
                    optional=true/>
            </div>
            <RememberMe value=remember id="register-remember"/>
            <FormError message=form_error/>
            <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                <Show when=move || pending.get()><Spinner/></Show>
                {move || if pending.get() { "Registering…" } else { "Register" }}
            </button>
        </form>
        <p class="auth-footer">"Already have an account? " <a href="/login">"Sign in"</a></p>
    }
}
