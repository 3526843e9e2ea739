//! A newly issued API key, shown once with a copy button and a line on keeping it safe.

use leptos::prelude::*;

use crate::components::CopyButton;
use crate::i18n::{tr, Key};

#[component]
pub fn KeyReveal(#[prop(into)] api_key: String) -> impl IntoView {
    let text = Signal::stored(api_key.clone());
    view! {
        <section class="key-reveal" aria-labelledby="key-reveal-title">
            <h2 id="key-reveal-title" class="key-reveal__title">{tr(Key::CommonNewKeyTitle)}</h2>
            <div class="key-reveal__row">
                <code class="key-reveal__key" data-testid="new-api-key" translate="no">{api_key}</code>
                <CopyButton text what=tr(Key::CommonApiKeyWhat)/>
            </div>
            <p class="key-reveal__note">
                {tr(Key::CommonNewKeyNote)}
            </p>
        </section>
    }
}
