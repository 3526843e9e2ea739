//! The heading block of a page: `<h1>`, an optional line under it, actions on the right.
//! Also sets the document title ("Orders · Lumo Portal").

use leptos::prelude::*;

#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional, into)] subtitle: Option<String>,
    /// Buttons or links shown on the right.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    set_document_title(&title);
    view! {
        <div class="page-header">
            <div class="page-header__text">
                <h1>{title}</h1>
                {subtitle.map(|text| view! { <p class="page-header__subtitle">{text}</p> })}
            </div>
            {children.map(|actions| view! { <div class="page-header__actions">{actions()}</div> })}
        </div>
    }
}

pub fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} · Lumo Portal"));
    }
}
