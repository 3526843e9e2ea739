//! The "Language" select: on the sign-in pages and in the signed-in top bar. Switching changes
//! every text in place (nothing reloads, nothing typed is lost) and is remembered in this browser.
//! Each language is named in itself, so whoever cannot read the current one still finds theirs.

use leptos::prelude::*;

use crate::i18n::{self, locale, tr, Key, Locale};

#[component]
pub fn LanguageSelect() -> impl IntoView {
    let switch = Action::new_local(|wanted: &Locale| i18n::switch_to(*wanted, true));
    let failed = move || matches!(switch.value().get(), Some(Err(_)));
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(wanted) = Locale::from_code(&event_target_value(&ev)) {
            switch.dispatch(wanted);
        }
    };
    view! {
        <div class="language-select">
            <label class="language-select__label">
                <span>{tr(Key::Language)}</span>
                <select
                    data-testid="language-select"
                    on:change=on_change
                    // Again after every attempt: a failed switch puts the select back.
                    prop:value=move || {
                        switch.value().track();
                        locale().code()
                    }
                    aria-busy=move || switch.pending().get().then_some("true")
                >
                    <option value="en" lang="en" translate="no">"English"</option>
                    <option value="ru" lang="ru" translate="no">"Русский"</option>
                </select>
            </label>
            {move || {
                failed()
                    .then(|| {
                        view! {
                            <p class="language-select__error" role="alert">
                                {tr(Key::LanguageLoadFailed)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
