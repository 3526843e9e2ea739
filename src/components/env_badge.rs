//! The environment as a coloured badge: production red, staging amber, sandbox green, custom
//! grey. Shown in the top bar on every page and on the sign-in forms.

use leptos::prelude::*;

use crate::config::Environment;

#[component]
pub fn EnvBadge(env: Environment) -> impl IntoView {
    let kind = env.kind();
    let class = format!("env-badge env-badge--{}", kind.css());
    let title = format!("API: {}", env.api_base_url);
    view! {
        <span class=class title=title data-testid="env-badge">
            <span class="env-badge__dot" aria-hidden="true"></span>
            <span class="visually-hidden">"Environment: "</span>
            {env.name}
        </span>
    }
}
