//! After a panic the reactive system is gone, so the page would silently stop responding.
//! This hook logs the panic (console_error_panic_hook) and then replaces the page with a plain
//! error screen and a Reload button, written straight into the DOM.

use std::panic;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{t, Key};

/// Install the hook. Release builds use `panic = "abort"`; the hook still runs first.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_error_screen();
    }));
}

fn show_error_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    // Static markup only: the panic message may contain data and is not shown to the user. The
    // words go in as text (never as markup), in the language on screen.
    body.set_inner_html(
        r#"<main class="fatal-screen" role="alert">
  <div class="fatal-card">
    <h1 id="fatal-title"></h1>
    <p id="fatal-body"></p>
    <button type="button" class="btn btn-primary" id="fatal-reload"></button>
  </div>
</main>"#,
    );
    for (id, key) in [
        ("#fatal-title", Key::CommonFatalTitle),
        ("#fatal-body", Key::CommonFatalBody),
        ("#fatal-reload", Key::Reload),
    ] {
        if let Ok(Some(element)) = document.query_selector(id) {
            element.set_text_content(Some(t(key)));
        }
    }
    // A listener rather than an inline `onclick`, so a strict Content-Security-Policy still works.
    if let Ok(Some(button)) = document.query_selector("#fatal-reload") {
        let reload = Closure::once_into_js(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.unchecked_ref());
        if let Ok(element) = button.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
