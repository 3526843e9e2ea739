//! Copy a value to the clipboard, with "Copied" feedback announced to screen readers.
//! Uses `navigator.clipboard` and falls back to a hidden textarea and `execCommand("copy")`
//! where the Clipboard API is missing (plain-http origins, older browsers).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{t, tf, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

#[component]
pub fn CopyButton(
    /// The text to copy.
    #[prop(into)]
    text: Signal<String>,
    /// Button label (text or `tr(Key::…)`); "Copy" by default.
    #[prop(optional, into)]
    label: Option<TextProp>,
    /// What is copied, for the accessible name ("Copy API key"): text or `tr(Key::…)`.
    #[prop(optional, into)]
    what: Option<TextProp>,
) -> impl IntoView {
    let label = move || match &label {
        Some(text) => text.get().to_string(),
        None => t(Key::CommonCopy).to_string(),
    };
    let aria_label = move || {
        what.as_ref()
            .map(|what| tf(Key::CommonCopyWhat, &[("what", &what.get())]))
    };
    let state = RwSignal::new(CopyState::Idle);
    let on_click = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            let copied = copy_text(&value).await;
            state.try_set(if copied {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
            set_timeout(
                move || {
                    state.try_set(CopyState::Idle);
                },
                Duration::from_millis(2000),
            );
        });
    };
    view! {
        <button type="button" class="btn btn-secondary btn-sm copy-button" on:click=on_click aria-label=aria_label>
            {move || match state.get() {
                CopyState::Idle => label(),
                CopyState::Copied => t(Key::CommonCopied).to_string(),
                CopyState::Failed => t(Key::CommonCopyFailed).to_string(),
            }}
        </button>
        <span class="visually-hidden" aria-live="polite">
            {move || match state.get() {
                CopyState::Idle => "",
                CopyState::Copied => t(Key::CommonCopiedAnnounce),
                CopyState::Failed => t(Key::CommonCopyFailedAnnounce),
            }}
        </span>
    }
}

/// Copy `text`; true when it worked.
pub async fn copy_text(text: &str) -> bool {
    if clipboard_api(text).await {
        return true;
    }
    exec_command_copy(text)
}

async fn clipboard_api(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined outside secure contexts: check before calling it.
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|value| !value.is_undefined() && !value.is_null())
        .unwrap_or(false);
    if !present {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

// Hand-written, like copy_text above: leptos-use's use_clipboard does not fit (not measured): it
// never reports a failed copy ("Copy failed") and has no execCommand fallback.
fn exec_command_copy(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(area) = document
        .create_element("textarea")
        .map(|el| el.unchecked_into::<web_sys::HtmlTextAreaElement>())
    else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    // A class, not a style attribute: the CSP (style-src 'self') refuses inline styles.
    let _ = area.set_attribute("class", "clipboard-fallback");
    let active = document.active_element();
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|doc| doc.exec_command("copy").ok())
        .unwrap_or(false);
    let _ = body.remove_child(&area);
    if let Some(element) = active.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
    copied
}
