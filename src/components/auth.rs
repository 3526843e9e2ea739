//! Parts shared by the sign-in and registration pages: the centred card layout (with the
//! "Language" select), the environment picker (from /config.json, or a custom API URL) and "keep
//! me signed in".

use leptos::prelude::*;
use lumo_api::rules::validation::validate_https_url;

use crate::components::{EnvBadge, Field, LanguageSelect};
use crate::config::use_config;
use crate::config::{Config, Environment, CUSTOM_ID};
use crate::i18n::{t, tr, Key};
use crate::theme::ThemeToggle;

pub mod form_parts;
pub mod messages;

/// The centred card used by /login and /register.
#[component]
pub fn AuthLayout(#[prop(optional)] wide: bool, children: Children) -> impl IntoView {
    view! {
        <main class="auth-page" id="main">
            <div class="auth-card" class:auth-card--wide=wide>
                <div class="auth-brand">
                    <span class="brand">
                        <span class="brand__mark" aria-hidden="true" translate="no">"L"</span>
                        <span class="brand__name" translate="no">"Lumo"</span>
                        <span class="brand__sub">{tr(Key::BrandSub)}</span>
                    </span>
                    <ThemeToggle/>
                </div>
                <LanguageSelect/>
                {children()}
            </div>
        </main>
    }
}

/// The environment being chosen on a sign-in form.
#[derive(Clone, Copy)]
pub struct EnvChoice {
    /// An environment id from config.json, or [`CUSTOM_ID`].
    pub selected: RwSignal<String>,
    pub custom_url: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
}

impl EnvChoice {
    pub fn new(config: &Config) -> Self {
        let initial = config
            .default_env()
            .map(|env| env.id.clone())
            .unwrap_or_else(|| CUSTOM_ID.to_string());
        EnvChoice {
            selected: RwSignal::new(initial),
            custom_url: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }

    /// The chosen environment, or a message under the URL field.
    pub fn resolve(&self, config: &Config) -> Option<Environment> {
        let selected = self.selected.get_untracked();
        let result = if selected == CUSTOM_ID {
            let url = self.custom_url.get_untracked();
            let url = url.trim();
            match validate_https_url(url) {
                Some(problem) => Err(crate::rule_words::problem(&problem)),
                None => Ok(Environment::custom(url)),
            }
        } else {
            config
                .find(&selected)
                .cloned()
                .ok_or_else(|| t(Key::AuthChooseEnvironment).to_string())
        };
        match result {
            Ok(env) => {
                self.error.set(None);
                Some(env)
            }
            Err(problem) => {
                self.error.set(Some(problem));
                None
            }
        }
    }

    /// The environment as currently chosen, for the badge (custom URLs as typed).
    fn preview(&self, config: &Config) -> Option<Environment> {
        let selected = self.selected.get();
        if selected == CUSTOM_ID {
            let url = self.custom_url.get();
            (!url.trim().is_empty()).then(|| Environment::custom(&url))
        } else {
            config.find(&selected).cloned()
        }
    }
}

/// A select of the configured environments plus "Custom URL…", with the chosen one's badge.
#[component]
pub fn EnvPicker(choice: EnvChoice, #[prop(into)] id: String) -> impl IntoView {
    let config = use_config();
    let options = config
        .environments
        .iter()
        .map(|env| {
            let id = env.id.clone();
            let selected = move || choice.selected.get() == id;
            view! { <option value=env.id.clone() selected=selected translate="no">{env.name.clone()}</option> }
        })
        .collect_view();
    let is_custom = move || choice.selected.get() == CUSTOM_ID;
    let custom_id = format!("{id}-custom-url");
    let label_for = id.clone();
    let badge_config = config.clone();
    let badge = move || {
        choice
            .preview(&badge_config)
            .map(|env| view! { <EnvBadge env/> })
    };
    view! {
        <div class="field">
            <label for=label_for class="field__label">{tr(Key::AuthEnvironment)}</label>
            <div class="env-picker">
                <select
                    id=id
                    class="input"
                    on:change=move |ev| {
                        choice.selected.set(event_target_value(&ev));
                        choice.error.set(None);
                    }
                >
                    {options}
                    <option value=CUSTOM_ID selected=is_custom>{tr(Key::AuthCustomUrl)}</option>
                </select>
                {badge}
            </div>
        </div>
        <Show when=is_custom>
            <Field
                id=custom_id.clone()
                label=tr(Key::AuthApiBaseUrl)
                value=choice.custom_url
                error=choice.error
                input_type="url"
                placeholder="https://api.example.com"
                hint=tr(Key::AuthApiBaseUrlHint)
                code=true
                required=true
            />
        </Show>
    }
}

/// "Keep me signed in on this device" (localStorage) versus this tab only (sessionStorage).
#[component]
pub fn RememberMe(value: RwSignal<bool>, #[prop(into)] id: String) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    let label_for = id.clone();
    view! {
        <div class="field">
            <label class="checkbox" for=label_for>
                <input
                    id=id
                    type="checkbox"
                    prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))
                    aria-describedby=described_by
                />
                <span>{tr(Key::AuthRemember)}</span>
            </label>
            <p id=hint_id class="field__hint">
                {tr(Key::AuthRememberHint)}
            </p>
        </div>
    }
}
