//! Lumo company portal: a client-side Leptos app served as static files.
//!
//! Layers, top to bottom: `app`/`shell`/`nav` (contexts, layout, routes) -> `pages` (one file or
//! folder per route; never importing another page) -> `components` (shared views, the form kit
//! `components::form`, the sign-in layout `components::auth`) -> `client`, `session`, `labels`,
//! `format`, `refresh` -> `lumo_api` (models, rules, every computation). README, "Adding a
//! page", lists the files a new page touches.

mod app;
mod client;
mod components;
mod config;
mod disputes_store;
mod drafts;
mod error_words;
mod format;
mod i18n;
mod labels;
mod nav;
mod pages;
mod panic_screen;
mod refresh;
mod rule_words;
mod seen_marks;
mod session;
mod shell;
mod theme;

fn main() {
    panic_screen::install();
    remove_boot_placeholder();
    leptos::mount::mount_to_body(app::App);
}

/// index.html shows a static "Loading…" until the app starts; the app has its own from here.
fn remove_boot_placeholder() {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-placeholder"))
    {
        element.remove();
    }
}
