//! A labelled input with an optional hint and an error message tied to it through
//! `aria-describedby`; the error area is an `aria-live` region.

use leptos::prelude::*;

use crate::i18n::{text, tr, Key};

#[component]
pub fn Field(
    /// The input's id; the label, hint and error ids derive from it.
    #[prop(into)]
    id: String,
    /// Text or `tr(Key::…)`.
    #[prop(into)]
    label: TextProp,
    value: RwSignal<String>,
    /// The message to show under the input, if any.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    #[prop(optional, into)] hint: Option<TextProp>,
    /// `text`, `email`, `password`, `url`…
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] placeholder: Option<TextProp>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
    /// Monospace text without spellcheck or autocapitalisation (keys, addresses, URLs).
    #[prop(optional)]
    code: bool,
    /// "(optional)" after the label.
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone() class="field__label">
                {text(label)}
                {optional.then(|| view! { <span class="field__optional">" "{tr(Key::FieldOptional)}</span> })}
            </label>
            <input
                id=id
                class="input"
                class:input--code=code
                type=input_type
                autocomplete=autocomplete
                required=required
                placeholder=move || placeholder.as_ref().map(|text| text.get())
                spellcheck=code.then_some("false")
                // A code field's placeholder is an example value (`lb2b_…`), not words.
                translate=code.then_some("no")
                autocapitalize=code.then_some("off")
                disabled=move || disabled.get().unwrap_or(false)
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|hint| view! { <p id=hint_id class="field__hint">{text(hint)}</p> })}
            <div class="field__error-slot" aria-live="polite">
                {move || error.get().map(|text| view! { <p id=error_id.clone() class="field__error">{text}</p> })}
            </div>
        </div>
    }
}

/// Move keyboard focus to the element with this id (the first invalid field after a submit).
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
