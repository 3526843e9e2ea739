//! /login: sign in with an existing API key (checked with GET profile; nothing rotates) or with
//! e-mail and password (issues a NEW key: explicit warning and confirmation; the new key is then
//! shown once). Environment picker, "keep me signed in", expired-key message, safe return path.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use lumo_api::models::LoginRequest;
use lumo_api::requests::{get_company_profile, login_company};
use lumo_api::rules::validation::{validate_api_key, validate_login, FieldErrors};
use lumo_api::ApiError;

use crate::client::{send_to, use_client, Target};
use crate::components::auth::form_parts::refuse_without_environment;
use crate::components::auth::messages::{sign_in_failure, Method};
use crate::components::auth::{AuthLayout, EnvChoice, EnvPicker, RememberMe};
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::form::{FieldMessage, Form, FormField, IntoFieldMessages, SubmitButton};
use crate::components::page_header::set_document_title;
use crate::components::{Field, KeyReveal};
use crate::config::{use_config, Environment};
use crate::i18n::{t, tr, Key};
use crate::nav::after_sign_in;
use crate::session::{use_session, Session};

const KEY_FIELDS: &[FormField] = &[FormField::new("apiKey", "login-api-key")];

const PASSWORD_FIELDS: &[FormField] = &[
    FormField::new("email", "login-email"),
    FormField::new("password", "login-password"),
    FormField::new("understood", "login-understood"),
];

/// One sign-in as submitted: the credential, where it goes, and "keep me signed in" as it was
/// when the button was pressed.
#[derive(Clone)]
struct Attempt<C> {
    credential: C,
    environment: Environment,
    remember: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    ApiKey,
    Password,
}

#[component]
pub fn LoginPage() -> impl IntoView {
    Effect::new(move || set_document_title(t(Key::AuthSignInTitle)));
    let query = use_query_map();
    let navigate = use_navigate();
    let session = use_session();
    let config = use_config();

    let return_to = query.with_untracked(|q| q.get("return"));
    let destination = after_sign_in(return_to.as_deref());
    let expired = query.with_untracked(|q| q.get("reason").as_deref() == Some("expired"));

    // Arriving here while signed in (a bookmark, the back button): go straight on.
    if session.get_untracked().is_some() {
        let navigate = navigate.clone();
        let destination = destination.clone();
        request_animation_frame(move || navigate(&destination, Default::default()));
    }

    let tab = RwSignal::new(Tab::ApiKey);
    let env = EnvChoice::new(&config);
    let remember = RwSignal::new(false);
    let new_key = RwSignal::new(None::<String>);

    let go_on = {
        let navigate = navigate.clone();
        let destination = destination.clone();
        move || navigate(&destination, Default::default())
    };
    let on_key_sign_in = {
        let go_on = go_on.clone();
        Callback::new(move |signed_in: Session| {
            session.sign_in(signed_in);
            go_on();
        })
    };
    // Password sign-in rotated the key (the session holds the new one already): show it before
    // going on.
    let on_password_sign_in = Callback::new(move |key: String| new_key.set(Some(key)));

    let select_tab = move |next: Tab| {
        tab.set(next);
        focus_id(match next {
            Tab::ApiKey => "tab-api-key",
            Tab::Password => "tab-password",
        });
    };
    let on_tab_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowLeft" | "ArrowRight" | "Home" | "End" => {
            ev.prevent_default();
            let next = match tab.get_untracked() {
                Tab::ApiKey => Tab::Password,
                Tab::Password => Tab::ApiKey,
            };
            let next = match ev.key().as_str() {
                "Home" => Tab::ApiKey,
                "End" => Tab::Password,
                _ => next,
            };
            select_tab(next);
        }
        _ => {}
    };

    let form = move || {
        if let Some(key) = new_key.get() {
            let go_on = go_on.clone();
            return view! {
                <h1>{tr(Key::AuthSignedIn)}</h1>
                <p class="auth-card__lead">{tr(Key::AuthNewKeyLead)}</p>
                <KeyReveal api_key=key/>
                <div class="form-actions spaced-top">
                    <button type="button" class="btn btn-primary btn-block" on:click=move |_| go_on()>
                        {tr(Key::AuthContinue)}
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <h1>{tr(Key::AuthSignInTitle)}</h1>
            <p class="auth-card__lead">{tr(Key::AuthSignInLead)}</p>
            {expired.then(|| view! {
                <p class="alert alert-warning" role="alert">{tr(Key::AuthExpired)}</p>
            })}
            <div class="form spaced-top-sm">
                <EnvPicker choice=env id="login-environment"/>
                <div class="tabs" role="tablist" aria-label=tr(Key::AuthMethod) on:keydown=on_tab_key>
                    <button type="button" role="tab" class="tab" id="tab-api-key"
                        aria-controls="panel-api-key"
                        aria-selected=move || (tab.get() == Tab::ApiKey).to_string()
                        tabindex=move || if tab.get() == Tab::ApiKey { "0" } else { "-1" }
                        on:click=move |_| tab.set(Tab::ApiKey)>
                        {tr(Key::AuthTabApiKey)}
                    </button>
                    <button type="button" role="tab" class="tab" id="tab-password"
                        aria-controls="panel-password"
                        aria-selected=move || (tab.get() == Tab::Password).to_string()
                        tabindex=move || if tab.get() == Tab::Password { "0" } else { "-1" }
                        on:click=move |_| tab.set(Tab::Password)>
                        {tr(Key::AuthTabPassword)}
                    </button>
                </div>
            </div>
            <div role="tabpanel" id="panel-api-key" aria-labelledby="tab-api-key"
                hidden=move || tab.get() != Tab::ApiKey>
                <ApiKeyForm env remember on_success=on_key_sign_in/>
            </div>
            <div role="tabpanel" id="panel-password" aria-labelledby="tab-password"
                hidden=move || tab.get() != Tab::Password>
                <PasswordForm env remember on_success=on_password_sign_in/>
            </div>
            <p class="auth-footer">
                {tr(Key::AuthNewToLumo)}" " <a href="/register">{tr(Key::AuthRegisterCompanyLink)}</a>
            </p>
        }
        .into_any()
    };

    view! { <AuthLayout>{form}</AuthLayout> }
}

#[component]
fn ApiKeyForm(
    env: EnvChoice,
    remember: RwSignal<bool>,
    on_success: Callback<Session>,
) -> impl IntoView {
    let config = use_config();
    let timeout_ms = use_client().timeout_ms();
    let key = RwSignal::new(String::new());
    // The environment of the attempt, named in its failure.
    let tried = StoredValue::new(String::new());

    // A read (GET profile with the typed key) that changes nothing on the server: the sign-in
    // waits for this form to see the answer, so a page left meanwhile signs nobody in.
    let form = Form::new(KEY_FIELDS, move |attempt: &Attempt<String>| {
        let attempt = attempt.clone();
        async move {
            let target = Target {
                base_url: attempt.environment.api_base_url.clone(),
                api_key: Some(attempt.credential.clone()),
            };
            let profile = send_to(&get_company_profile(), &target, timeout_ms).await?;
            Ok(Session {
                api_key: attempt.credential,
                environment: attempt.environment,
                company_id: profile.id,
                company_name: profile.name,
                remember: attempt.remember,
            })
        }
    });
    form.on_success(move |signed_in: &Session| on_success.run(signed_in.clone()));
    form.on_failure(move |error| {
        // A 400 is the kit's: its lines land on the fields.
        if !matches!(error, ApiError::Validation { .. }) {
            let words = tried.with_value(|env| sign_in_failure(Method::ApiKey, env, error));
            form.set_failure_words(Some(words));
        }
    });
    let pending = form.pending();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let api_key = key.get_untracked().trim().to_string();
        let mut problems = FieldErrors::new();
        if let Some(problem) = validate_api_key(&api_key) {
            problems.insert("apiKey".to_string(), problem);
        }
        let Some(environment) = env.resolve(&config) else {
            refuse_without_environment(form, problems, "login-environment-custom-url");
            return;
        };
        tried.set_value(environment.name.clone());
        let attempt = Attempt {
            credential: api_key,
            environment,
            remember: remember.get_untracked(),
        };
        form.submit(attempt, problems);
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="field__hint">{tr(Key::AuthKeyHint)}</p>
            <Field
                id="login-api-key"
                label=tr(Key::AuthCompanyApiKey)
                value=key
                error=form.field_error("apiKey")
                input_type="password"
                autocomplete="off"
                placeholder="lb2b_…"
                code=true
                required=true
            />
            <RememberMe value=remember id="login-remember-key"/>
            <FormError message=form.form_error()/>
            <SubmitButton form label=tr(Key::AuthSignInWithKey) pending_label=tr(Key::AuthCheckingKey)
                class="btn-primary btn-block"/>
        </form>
    }
}

#[component]
fn PasswordForm(
    env: EnvChoice,
    remember: RwSignal<bool>,
    /// With the new key, already in the session.
    on_success: Callback<String>,
) -> impl IntoView {
    let config = use_config();
    let session = use_session();
    let timeout_ms = use_client().timeout_ms();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    // The kit keeps a message until the next submit; touching the box answers this one.
    let understood_touched = RwSignal::new(false);
    let tried = StoredValue::new(String::new());

    let form = Form::new(PASSWORD_FIELDS, move |attempt: &Attempt<LoginRequest>| {
        let request = login_company(&attempt.credential);
        let attempt = attempt.clone();
        async move {
            let target = Target {
                base_url: attempt.environment.api_base_url.clone(),
                api_key: None,
            };
            let auth = send_to(&request, &target, timeout_ms).await?;
            // The old key died when the server answered: the session takes the new one here, so
            // it is kept even if this page is gone by the time the answer arrives.
            let api_key = auth.api_key.clone();
            session.sign_in(Session {
                api_key: auth.api_key,
                environment: attempt.environment,
                company_id: auth.company.id,
                company_name: auth.company.name,
                remember: attempt.remember,
            });
            Ok(api_key)
        }
    });
    form.on_success(move |api_key: &String| {
        password.set(String::new());
        on_success.run(api_key.clone());
    });
    form.on_failure(move |error| {
        if matches!(error, ApiError::Unauthorized { .. }) {
            password.set(String::new());
        }
        // A 400 is the kit's: its lines land on the fields.
        if !matches!(error, ApiError::Validation { .. }) {
            let words = tried.with_value(|env| sign_in_failure(Method::Password, env, error));
            form.set_failure_words(Some(words));
        }
    });
    let pending = form.pending();
    let understood_error = {
        let error = form.field_error("understood");
        Signal::derive(move || error.get().filter(|_| !understood_touched.get()))
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        understood_touched.set(false);
        let body = LoginRequest {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        let mut problems = validate_login(&body).into_messages();
        if !understood.get_untracked() {
            problems.insert(
                "understood".to_string(),
                FieldMessage::Said(Key::AuthUnderstandRequired),
            );
        }
        let Some(environment) = env.resolve(&config) else {
            refuse_without_environment(form, problems, "login-environment-custom-url");
            return;
        };
        tried.set_value(environment.name.clone());
        let attempt = Attempt {
            credential: body,
            environment,
            remember: remember.get_untracked(),
        };
        form.submit(attempt, problems);
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <div class="alert alert-warning" id="login-rotation-warning">
                <strong class="alert__title">{tr(Key::AuthRotationTitle)}</strong>
                {tr(Key::AuthRotationBody)}
            </div>
            <Field
                id="login-email"
                label=tr(Key::AuthEmail)
                value=email
                error=form.field_error("email")
                input_type="email"
                autocomplete="username"
                required=true
            />
            <Field
                id="login-password"
                label=tr(Key::AuthPassword)
                value=password
                error=form.field_error("password")
                input_type="password"
                autocomplete="current-password"
                required=true
            />
            <div class="field" class:field--invalid=move || understood_error.get().is_some()>
                <label class="checkbox" for="login-understood">
                    <input
                        id="login-understood"
                        type="checkbox"
                        prop:checked=move || understood.get()
                        on:change=move |ev| {
                            understood.set(event_target_checked(&ev));
                            understood_touched.set(true);
                        }
                        aria-describedby="login-rotation-warning login-understood-error"
                        aria-invalid=move || understood_error.get().is_some().then_some("true")
                    />
                    <span>{tr(Key::AuthUnderstand)}</span>
                </label>
                <div class="field__error-slot" aria-live="polite">
                    {move || understood_error.get().map(|text| view! {
                        <p id="login-understood-error" class="field__error">{text}</p>
                    })}
                </div>
            </div>
            <RememberMe value=remember id="login-remember-password"/>
            <FormError message=form.form_error()/>
            <SubmitButton form label=tr(Key::AuthSignInNewKey) pending_label=tr(Key::AuthSigningIn)
                class="btn-primary btn-block"/>
        </form>
    }
}
