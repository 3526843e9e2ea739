//! /register: self-service company sign-up (an unconfirmed operation). On success the company is
//! signed in and its first API key shown once. Where the environment lacks the operation (404 or
//! 405) the page says so and points to the Lumo manager and to sign-in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::models::RegisterRequest;
use lumo_api::requests::register_company;
use lumo_api::rules::validation::{validate_register, FieldErrors};
use lumo_api::ApiError;

use crate::client::{send_to, use_client, Target};
use crate::components::auth::form_parts::refuse_without_environment;
use crate::components::auth::messages::reach_failure;
use crate::components::auth::{AuthLayout, EnvChoice, EnvPicker, RememberMe};
use crate::components::error_panel::FormError;
use crate::components::form::{Form, FormField, SubmitButton};
use crate::components::page_header::set_document_title;
use crate::components::{Field, KeyReveal};
use crate::config::{use_config, Environment};
use crate::session::{use_session, Session};

/// The form's fields in the order they appear (the first invalid one gets focus).
const FIELDS: &[FormField] = &[
    FormField::new("name", "register-name"),
    FormField::new("email", "register-email"),
    FormField::new("password", "register-password"),
    FormField::new("passwordConfirmation", "register-password-confirmation"),
    FormField::new("contactEmail", "register-contact-email"),
    FormField::new("contactTelegram", "register-contact-telegram"),
];

/// A registration as submitted, with "keep me signed in" as it was when the button was pressed.
#[derive(Clone)]
struct Registration {
    body: RegisterRequest,
    environment: Environment,
    remember: bool,
}

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
    // The environment of the attempt, named in its failure.
    let tried = StoredValue::new(String::new());

    let form = Form::new(FIELDS, move |registration: &Registration| {
        let request = register_company(&registration.body);
        let Registration {
            environment,
            remember,
            ..
        } = registration.clone();
        async move {
            let target = Target {
                base_url: environment.api_base_url.clone(),
                api_key: None,
            };
            let auth = send_to(&request, &target, timeout_ms).await?;
            // The company's first key is shown only once: the session takes it here, so it is
            // kept even if this page is gone by the time the answer arrives.
            let api_key = auth.api_key.clone();
            session.sign_in(Session {
                api_key: auth.api_key,
                environment,
                company_id: auth.company.id,
                company_name: auth.company.name,
                remember,
            });
            Ok(api_key)
        }
    });
    form.on_success(move |api_key: &String| {
        outcome.set(Outcome::Registered {
            api_key: api_key.clone(),
        });
    });
    // A 400 is the kit's (its lines land on the fields); the rest is worded here.
    form.on_failure(move |error| match error {
        error if error.is_unsupported_operation() => outcome.set(Outcome::Unavailable {
            env_name: tried.get_value(),
        }),
        ApiError::Conflict { .. } => {
            let mut taken = FieldErrors::new();
            taken.insert(
                "email".to_string(),
                "A company with this e-mail is already registered. Sign in instead, or use another e-mail."
                    .to_string(),
            );
            form.set_failure(None);
            form.set_errors(taken);
        }
        ApiError::Validation { .. } => {}
        error => {
            let text = tried.with_value(|env| reach_failure(env, error));
            form.set_failure(Some(text));
        }
    });
    let pending = form.pending();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
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
        let Some(environment) = env.resolve(&config) else {
            refuse_without_environment(form, problems, "register-environment-custom-url");
            return;
        };
        tried.set_value(environment.name.clone());
        let registration = Registration {
            body,
            environment,
            remember: remember.get_untracked(),
        };
        form.submit(registration, problems);
    };

    view! {
        <h1>"Register your company"</h1>
        <p class="auth-card__lead">
            "Create a Lumo account for your company. You will receive its API key right away."
        </p>
        <form class="form" on:submit=submit novalidate>
            <EnvPicker choice=env id="register-environment"/>
            <Field id="register-name" label="Company name" value=name
                error=form.field_error("name") autocomplete="organization" required=true/>
            <Field id="register-email" label="Login e-mail" value=email
                error=form.field_error("email") input_type="email" autocomplete="username"
                hint="You sign in with this address." required=true/>
            <div class="form-grid">
                <Field id="register-password" label="Password" value=password
                    error=form.field_error("password") input_type="password"
                    autocomplete="new-password" hint="At least 8 characters." required=true/>
                <Field id="register-password-confirmation" label="Repeat the password" value=confirmation
                    error=form.field_error("passwordConfirmation") input_type="password"
                    autocomplete="new-password" required=true/>
            </div>
            <div class="form-grid">
                <Field id="register-contact-email" label="Contact e-mail" value=contact_email
                    error=form.field_error("contactEmail") input_type="email" autocomplete="email"
                    optional=true hint="Where Lumo writes about your account."/>
                <Field id="register-contact-telegram" label="Telegram" value=contact_telegram
                    error=form.field_error("contactTelegram") placeholder="@your_team"
                    optional=true/>
            </div>
            <RememberMe value=remember id="register-remember"/>
            <FormError message=form.form_error()/>
            <SubmitButton form label="Register" pending_label="Registering…" class="btn-primary btn-block"/>
        </form>
        <p class="auth-footer">"Already have an account? " <a href="/login">"Sign in"</a></p>
    }
}
