//! The heading block of a page: `<h1>`, an optional line under it, actions on the right.
//! Also sets the document title ("Orders · Lumo Portal"), in the language on screen.

use leptos::prelude::*;

use crate::i18n::{text, tf, Key};

#[component]
pub fn PageHeader(
    #[prop(into)] title: TextProp,
    #[prop(optional, into)] subtitle: Option<TextProp>,
    /// Buttons or links shown on the right.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let heading = title.clone();
    Effect::new(move || set_document_title(&title.get()));
    view! {
        <div class="page-header">
            <div class="page-header__text">
                <h1>{text(heading)}</h1>
                {subtitle.map(|line| view! { <p class="page-header__subtitle">{text(line)}</p> })}
            </div>
            {children.map(|actions| view! { <div class="page-header__actions">{actions()}</div> })}
        </div>
    }
}

/// "Orders · Lumo Portal". Call it inside a reactive scope (an `Effect`) to follow the language.
pub fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&tf(Key::TitleSuffix, &[("title", title)]));
    }
}
