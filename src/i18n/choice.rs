//! Which language shows: the reader's stored choice, else the browser's first language; and what
//! follows it outside the views (`<html lang>`).

use lumo_api::locale::Locale;

use super::russian::{self, LoadError};
use super::set_locale;

/// localStorage: the language the reader chose with the select (`en` or `ru`).
const STORAGE_KEY: &str = "lumo.language";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|value| value.as_string())
        .collect()
}

/// The language to start in: the stored choice, else `navigator.languages`.
pub fn initial_locale() -> Locale {
    Locale::choose(stored().as_deref(), &browser_languages())
}

/// Shows `locale` once its words are here (Russian is downloaded the first time) and, when
/// `remember`, keeps the choice. On failure the language on screen stays as it was.
pub async fn switch_to(locale: Locale, remember: bool) -> Result<(), LoadError> {
    if locale == Locale::Ru {
        russian::load().await?;
    }
    set_locale(locale);
    if remember {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, locale.code());
        }
    }
    Ok(())
}

/// `<html lang>` says which language is on screen (screen readers, hyphenation, fonts).
pub fn apply_to_document(locale: Locale) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", locale.code());
    }
}
