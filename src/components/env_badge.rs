//! The environment as a coloured badge: production red, staging amber, sandbox green, custom
//! grey. Shown in the top bar on every page and on the sign-in forms.

use leptos::prelude::*;

use crate::config::Environment;
use crate::i18n::{tf, tr, Key};

#[component]
pub fn EnvBadge(env: Environment) -> impl IntoView {
    let kind = env.kind();
    let class = format!("env-badge env-badge--{}", kind.css());
    let url = env.api_base_url.clone();
    let title = move || tf(Key::CommonEnvApiTitle, &[("url", &url)]);
    // Data (a name and an address): marked as such, with the hidden label in the language.
    view! {
        <span class=class title=title data-testid="env-badge" translate="no">
            <span class="env-badge__dot" aria-hidden="true"></span>
            <span class="visually-hidden">{tr(Key::CommonEnvironmentLabel)}" "</span>
            {env.name}
        </span>
    }
}
