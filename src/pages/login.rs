//! /login: sign in with an existing API key (checked with GET profile; nothing rotates) or with
//! e-mail and password (issues a NEW key: explicit warning and confirmation; the new key is then
//! shown once). Environment picker, "keep me signed in", expired-key message, safe return path.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use lumo_api::models::LoginRequest;
use lumo_api::requests::{get_company_profile, login_company};
use lumo_api::rules::validation::{validate_api_key, validate_login};

use super::auth::messages::{sign_in_failure, Method};
use super::auth::{AuthLayout, EnvChoice, EnvPicker, RememberMe};
use crate::client::{send_to, use_client, Target};
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::components::page_header::set_document_title;
use crate::components::{Field, KeyReveal};
use crate::config::use_config;
use crate::nav::after_sign_in;
use crate::session::{use_session, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    ApiKey,
    Password,
}

#[component]
pub fn LoginPage() -> impl IntoView {
    set_document_title("Sign in");
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
    // Password sign-in rotated the key: show the new one before going on.
    let on_password_sign_in = Callback::new(move |signed_in: Session| {
        let key = signed_in.api_key.clone();
        session.sign_in(signed_in);
        new_key.set(Some(key));
    });

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
                <h1>"Signed in"</h1>
                <p class="auth-card__lead">
                    "Signing in issued a new API key. If your company's backend used the previous key, "
                    "update it with this one now."
                </p>
                <KeyReveal api_key=key/>
                <div class="form-actions spaced-top">
                    <button type="button" class="btn btn-primary btn-block" on:click=move |_| go_on()>
                        "Continue to the portal"
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <h1>"Sign in"</h1>
            <p class="auth-card__lead">"Sign in to your company's Lumo account."</p>
            {expired.then(|| view! {
                <p class="alert alert-warning" role="alert">
                    "Your API key is no longer valid — it may have been rotated elsewhere. Sign in again."
                </p>
            })}
            <div class="form spaced-top-sm">
                <EnvPicker choice=env id="login-environment"/>
                <div class="tabs" role="tablist" aria-label="Sign-in method" on:keydown=on_tab_key>
                    <button type="button" role="tab" class="tab" id="tab-api-key"
                        aria-controls="panel-api-key"
                        aria-selected=move || (tab.get() == Tab::ApiKey).to_string()
                        tabindex=move || if tab.get() == Tab::ApiKey { "0" } else { "-1" }
                        on:click=move |_| tab.set(Tab::ApiKey)>
                        "API key"
                    </button>
                    <button type="button" role="tab" class="tab" id="tab-password"
                        aria-controls="panel-password"
                        aria-selected=move || (tab.get() == Tab::Password).to_string()
                        tabindex=move || if tab.get() == Tab::Password { "0" } else { "-1" }
                        on:click=move |_| tab.set(Tab::Password)>
                        "E-mail and password"
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
                "New to Lumo? " <a href="/register">"Register your company"</a>
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
    let key_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form_error.set(None);
        let environment = env.resolve(&config);
        let api_key = key.get_untracked().trim().to_string();
        let problem = validate_api_key(&api_key);
        key_error.set(problem.clone());
        let Some(environment) = environment else {
            focus_id("login-environment-custom-url");
            return;
        };
        if problem.is_some() {
            focus_id("login-api-key");
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let target = Target {
                base_url: environment.api_base_url.clone(),
                api_key: Some(api_key.clone()),
            };
            let result = send_to(&get_company_profile(), &target, timeout_ms).await;
            pending.try_set(false);
            match result {
                Ok(profile) => on_success.run(Session {
                    api_key,
                    environment,
                    company_id: profile.id,
                    company_name: profile.name,
                    remember: remember.get_untracked(),
                }),
                Err(error) => {
                    form_error.try_set(Some(sign_in_failure(
                        Method::ApiKey,
                        &environment.name,
                        &error,
                    )));
                }
            }
        });
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="field__hint">"Use the key your company already has. Nothing changes for your integration."</p>
            <Field
                id="login-api-key"
                label="Company API key"
                value=key
                error=key_error
                input_type="password"
                autocomplete="off"
                placeholder="lb2b_…"
                code=true
                required=true
            />
            <RememberMe value=remember id="login-remember-key"/>
            <FormError message=form_error/>
            <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                <Show when=move || pending.get()><Spinner/></Show>
                {move || if pending.get() { "Checking the key…" } else { "Sign in with API key" }}
            </button>
        </form>
    }
}

#[component]
fn PasswordForm(
    env: EnvChoice,
    remember: RwSignal<bool>,
    on_success: Callback<Session>,
) -> impl IntoView {
    let config = use_config();
    let timeout_ms = use_client().timeout_ms();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let email_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let understood_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form_error.set(None);
        let environment = env.resolve(&config);
        let body = LoginRequest {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        let errors = validate_login(&body);
        email_error.set(errors.get("email").cloned());
        password_error.set(errors.get("password").cloned());
        understood_error.set((!understood.get_untracked()).then(|| {
            "Confirm that you understand the current API key will stop working.".to_string()
        }));
        let Some(environment) = environment else {
            focus_id("login-environment-custom-url");
            return;
        };
        if errors.contains_key("email") {
            focus_id("login-email");
            return;
        }
        if errors.contains_key("password") {
            focus_id("login-password");
            return;
        }
        if !understood.get_untracked() {
            focus_id("login-understood");
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let target = Target {
                base_url: environment.api_base_url.clone(),
                api_key: None,
            };
            let result = send_to(&login_company(&body), &target, timeout_ms).await;
            pending.try_set(false);
            match result {
                Ok(auth) => {
                    password.try_set(String::new());
                    on_success.run(Session {
                        api_key: auth.api_key,
                        environment,
                        company_id: auth.company.id,
                        company_name: auth.company.name,
                        remember: remember.get_untracked(),
                    });
                }
                Err(error) => {
                    if matches!(error, lumo_api::ApiError::Unauthorized { .. }) {
                        password.try_set(String::new());
                    }
                    form_error.try_set(Some(sign_in_failure(
                        Method::Password,
                        &environment.name,
                        &error,
                    )));
                }
            }
        });
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <div class="alert alert-warning" id="login-rotation-warning">
                <strong class="alert__title">"This issues a new API key"</strong>
                "Signing in with e-mail and password replaces your company's API key. The current key "
                "stops working at once — if your company's backend uses it, its calls will fail until "
                "you update it with the new key. To avoid this, sign in with the API key instead."
            </div>
            <Field
                id="login-email"
                label="E-mail"
                value=email
                error=email_error
                input_type="email"
                autocomplete="username"
                required=true
            />
            <Field
                id="login-password"
                label="Password"
                value=password
                error=password_error
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
                            understood_error.set(None);
                        }
                        aria-describedby="login-rotation-warning login-understood-error"
                        aria-invalid=move || understood_error.get().is_some().then_some("true")
                    />
                    <span>"I understand that the current API key will stop working."</span>
                </label>
                <div class="field__error-slot" aria-live="polite">
                    {move || understood_error.get().map(|text| view! {
                        <p id="login-understood-error" class="field__error">{text}</p>
                    })}
                </div>
            </div>
            <RememberMe value=remember id="login-remember-password"/>
            <FormError message=form_error/>
            <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                <Show when=move || pending.get()><Spinner/></Show>
                {move || if pending.get() { "Signing in…" } else { "Sign in and issue a new key" }}
            </button>
        </form>
    }
}
