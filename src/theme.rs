//! Light/dark theme: follows `prefers-color-scheme` until the user picks one with the toggle;
//! the choice is stored in localStorage and applied as `data-theme` on `<html>` (index.html
//! applies it before the app loads, so there is no flash).

use leptos::prelude::*;

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

fn stored() -> Option<Theme> {
    let value = web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()??;
    match value.as_str() {
        "light" => Some(Theme::Light),
        "dark" => Some(Theme::Dark),
        _ => None,
    }
}

fn system() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches());
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

/// A button switching between light and dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(stored().unwrap_or_else(system));
    let toggle = move |_| {
        let next = theme.get_untracked().other();
        apply(next);
        theme.set(next);
    };
    view! {
        <button
            type="button"
            class="btn btn-ghost btn-icon"
            on:click=toggle
            aria-label=move || match theme.get() {
                Theme::Light => "Switch to dark theme",
                Theme::Dark => "Switch to light theme",
            }
            title=move || match theme.get() {
                Theme::Light => "Dark theme",
                Theme::Dark => "Light theme",
            }
        >
            <span aria-hidden="true">{move || match theme.get() {
                Theme::Light => "☾",
                Theme::Dark => "☀",
            }}</span>
        </button>
    }
}
