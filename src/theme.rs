//! Light/dark theme: follows `prefers-color-scheme` until the user picks one with the toggle;
//! the choice is stored in localStorage. `data-theme` on `<html>` always says which one shows:
//! index.html sets it before the app loads (no flash) and follows the system while no choice is
//! stored; the toggle reads it, so it never disagrees with what is on screen.

use leptos::prelude::*;

use crate::i18n::{t, Key};

const STORAGE_KEY: &str = "lumo.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// The theme on screen, as index.html (or the last toggle) set it.
fn shown() -> Option<Theme> {
    let value = web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("data-theme")?;
    match value.as_str() {
        "light" => Some(Theme::Light),
        "dark" => Some(Theme::Dark),
        _ => None,
    }
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

fn system() -> Theme {
    let dark = dark_query().is_some_and(|query| query.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(STORAGE_KEY, theme.as_str());
    }
}

/// Keeps `theme` in step with the page when index.html follows a system switch (no choice stored
/// yet), so the toggle's label never names the theme already on screen.
fn follow_system_switches(theme: RwSignal<Theme>) {
    use send_wrapper::SendWrapper;
    use wasm_bindgen::{closure::Closure, JsCast};

    let Some(query) = dark_query() else {
        return;
    };
    // index.html's own listener was added first, so data-theme is already updated here.
    let on_change = Closure::<dyn Fn()>::new(move || {
        if let Some(now) = shown() {
            theme.try_set(now);
        }
    });
    if query
        .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())
        .is_ok()
    {
        let listener = SendWrapper::new((query, on_change));
        on_cleanup(move || {
            let (query, on_change) = &*listener;
            let _ = query
                .remove_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        });
    }
}

// The listener above is hand-written: leptos-use-media-query's use_media_query costs +3,367 B
// brotli on the cold visit (measured 2026-12-03), over the 3 KB bar.

/// A button switching between light and dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(shown().unwrap_or_else(system));
    follow_system_switches(theme);
    let toggle = move |_| {
        // The system may have switched since (index.html follows it until a choice is stored).
        let next = shown().unwrap_or_else(|| theme.get_untracked()).other();
        apply(next);
        theme.set(next);
    };
    view! {
        <button
            type="button"
            class="btn btn-ghost btn-icon"
            on:click=toggle
            aria-label=move || match theme.get() {
                Theme::Light => t(Key::CommonThemeToDark),
                Theme::Dark => t(Key::CommonThemeToLight),
            }
            title=move || match theme.get() {
                Theme::Light => t(Key::CommonThemeDark),
                Theme::Dark => t(Key::CommonThemeLight),
            }
        >
            <span aria-hidden="true">{move || match theme.get() {
                Theme::Light => "☾",
                Theme::Dark => "☀",
            }}</span>
        </button>
    }
}
