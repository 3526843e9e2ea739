//! The heading block of a page: `<h1>`, an optional line under it, actions on the right.
//! Also sets the document title ("Orders · Lumo Portal"), in the language on screen.

use leptos::prelude::*;

use crate::i18n::{text, tf, Key};
use crate::labels::marked;

#[component]
pub fn PageHeader(
    #[prop(into)] title: TextProp,
    #[prop(optional, into)] subtitle: Option<TextProp>,
    /// The part of the title that is data (an order's id), marked `translate="no"`.
    #[prop(optional, into)]
    title_data: Option<String>,
    /// The subtitle is data (a merchant's name), not words: marked `translate="no"`.
    #[prop(optional)]
    subtitle_is_data: bool,
    /// Buttons or links shown on the right.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let heading = title.clone();
    Effect::new(move || set_document_title(&title.get()));
    view! {
        <div class="page-header">
            <div class="page-header__text">
                <h1>{move || marked(heading.get().to_string(), title_data.as_deref())}</h1>
                {subtitle.map(|line| view! {
                    <p class="page-header__subtitle" translate=subtitle_is_data.then_some("no")>{text(line)}</p>
                })}
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
