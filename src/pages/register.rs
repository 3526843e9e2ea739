//! /register: self-service company sign-up (an unconfirmed operation). On success the company is
//! signed in and its first API key shown once. Where the environment lacks the operation (404 or
//! 405) the page says so and points to the Lumo manager and to sign-in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::models::RegisterRequest;
use lumo_api::requests::register_company;
use lumo_api::rules::validation::validate_register;
use lumo_api::ApiError;

use crate::client::{send_to, use_client, Target};
use crate::components::auth::form_parts::refuse_without_environment;
use crate::components::auth::messages::reach_failure;
use crate::components::auth::{AuthLayout, EnvChoice, EnvPicker, RememberMe};
use crate::components::error_panel::FormError;
use crate::components::form::{
    FieldMessage, FieldMessages, Form, FormField, IntoFieldMessages, SubmitButton,
};
use crate::components::page_header::set_document_title;
use crate::components::{Field, KeyReveal};
use crate::config::{use_config, Environment};
use crate::error_words::Words;
use crate::i18n::{t, tr, Key};
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
    Effect::new(move || set_document_title(t(Key::AuthRegisterTitle)));
    let outcome = RwSignal::new(Outcome::Form);
    let navigate = use_navigate();

    let body = move || {
        match outcome.get() {
        Outcome::Form => view! { <RegisterForm outcome/> }.into_any(),
        Outcome::Registered { api_key } => {
            let navigate = navigate.clone();
            view! {
                <h1>{tr(Key::AuthRegisteredTitle)}</h1>
                <p class="auth-card__lead">{tr(Key::AuthRegisteredLead)}</p>
                <KeyReveal api_key/>
                <div class="form-actions spaced-top">
                    <button type="button" class="btn btn-primary btn-block"
                        on:click=move |_| navigate("/orders", Default::default())>
                        {tr(Key::AuthContinue)}
                    </button>
                </div>
            }
            .into_any()
        }
        Outcome::Unavailable { env_name } => view! {
            <h1>{tr(Key::AuthRegistrationUnavailable)}</h1>
            <div class="alert alert-info spaced-block" role="status">
                <strong class="alert__title">
                    {Words::of(Key::AuthNoSelfRegistration).with_data("env", env_name).view()}
                </strong>
                {tr(Key::AuthAskManager)}
            </div>
            <div class="form-actions">
                <a class="btn btn-primary" href="/login">{tr(Key::AuthGoToSignIn)}</a>
                <button type="button" class="btn btn-secondary" on:click=move |_| outcome.set(Outcome::Form)>
                    {tr(Key::AuthChooseAnotherEnv)}
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
            let mut taken = FieldMessages::new();
            taken.insert("email".to_string(), FieldMessage::Said(Key::AuthEmailTaken));
            form.set_failure(None);
            form.set_errors(taken);
        }
        ApiError::Validation { .. } => {}
        error => {
            let words = tried.with_value(|env| reach_failure(env, error));
            form.set_failure_words(Some(words));
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
        let mut problems = validate_register(&body).into_messages();
        if password.get_untracked() != confirmation.get_untracked() {
            problems.insert(
                "passwordConfirmation".to_string(),
                FieldMessage::Said(Key::AuthPasswordsDiffer),
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
        <h1>{tr(Key::AuthRegisterHeading)}</h1>
        <p class="auth-card__lead">{tr(Key::AuthRegisterLead)}</p>
        <form class="form" on:submit=submit novalidate>
            <EnvPicker choice=env id="register-environment"/>
            <Field id="register-name" label=tr(Key::AuthCompanyName) value=name
                error=form.field_error("name") autocomplete="organization" required=true/>
            <Field id="register-email" label=tr(Key::AuthLoginEmail) value=email
                error=form.field_error("email") input_type="email" autocomplete="username"
                hint=tr(Key::AuthLoginEmailHint) required=true/>
            <div class="form-grid">
                <Field id="register-password" label=tr(Key::AuthPassword) value=password
                    error=form.field_error("password") input_type="password"
                    autocomplete="new-password" hint=tr(Key::AuthPasswordHint) required=true/>
                <Field id="register-password-confirmation" label=tr(Key::AuthRepeatPassword) value=confirmation
                    error=form.field_error("passwordConfirmation") input_type="password"
                    autocomplete="new-password" required=true/>
            </div>
            <div class="form-grid">
                <Field id="register-contact-email" label=tr(Key::AuthContactEmail) value=contact_email
                    error=form.field_error("contactEmail") input_type="email" autocomplete="email"
                    optional=true hint=tr(Key::AuthContactEmailHint)/>
                <Field id="register-contact-telegram" label=tr(Key::AuthTelegram) value=contact_telegram
                    error=form.field_error("contactTelegram") placeholder="@your_team" code=true
                    optional=true/>
            </div>
            <RememberMe value=remember id="register-remember"/>
            <FormError message=form.form_error()/>
            <SubmitButton form label=tr(Key::AuthRegisterSubmit) pending_label=tr(Key::AuthRegistering) class="btn-primary btn-block"/>
        </form>
        <p class="auth-footer">{tr(Key::AuthHaveAccount)}" " <a href="/login">{tr(Key::AuthSignInLink)}</a></p>
    }
}
