//! A newly issued API key, shown once with a copy button and a line on keeping it safe.

use leptos::prelude::*;

use crate::components::CopyButton;

#[component]
pub fn KeyReveal(#[prop(into)] api_key: String) -> impl IntoView {
    let text = Signal::stored(api_key.clone());
    view! {
        <section class="key-reveal" aria-labelledby="key-reveal-title">
            <h2 id="key-reveal-title" class="key-reveal__title">"Your new API key"</h2>
            <div class="key-reveal__row">
                <code class="key-reveal__key" data-testid="new-api-key">{api_key}</code>
                <CopyButton text what="API key"/>
            </div>
            <p class="key-reveal__note">
                "This is the only time the key is shown. Store it in your secrets manager now. "
                "Anyone who has it can act for your company, and the previous key no longer works: "
                "update every system that used it."
            </p>
        </section>
    }
}
