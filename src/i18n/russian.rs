//! The Russian catalog: downloaded the first time Russian is chosen, kept for the tab's life.
//!
//! The file is `catalog-ru.txt` at the site's root (Trunk copies it from `i18n/`); the request
//! carries the build's fingerprint of it, so a cache never answers with another deployment's copy,
//! and the copy is read only when its fingerprint matches (texts are read by position).

use std::cell::OnceCell;

use lumo_api::catalog;

use super::{Key, KEY_COUNT, RUSSIAN_FINGERPRINT};
use crate::client::{fetch_raw, RawRequest};
use crate::config::DEFAULT_TIMEOUT_MS;

thread_local! {
    static TEXTS: OnceCell<Vec<&'static str>> = const { OnceCell::new() };
}

/// Why Russian could not be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request failed or the server answered something other than 200.
    Unreachable,
    /// A file came that is not this build's catalog (an older or newer deployment, or a page).
    Mismatch,
}

pub fn text(key: Key) -> Option<&'static str> {
    TEXTS.with(|texts| {
        texts
            .get()
            .and_then(|list| list.get(usize::from(key.index)).copied())
    })
}

pub fn is_loaded() -> bool {
    TEXTS.with(|texts| texts.get().is_some())
}

pub async fn load() -> Result<(), LoadError> {
    if is_loaded() {
        return Ok(());
    }
    let url = format!("/catalog-ru.txt?v={RUSSIAN_FINGERPRINT:08x}");
    let headers = [("Accept", "text/plain".to_string())];
    let request = RawRequest {
        method: "GET",
        url: &url,
        headers: &headers,
        body: None,
        own_site_file: true,
    };
    let answer = fetch_raw(&request, DEFAULT_TIMEOUT_MS, None)
        .await
        .map_err(|_| LoadError::Unreachable)?;
    if answer.status != 200 {
        return Err(LoadError::Unreachable);
    }
    // Leaked once per tab: every text is then a `&'static str`, like the English ones.
    let source: &'static str = Box::leak(answer.body.into_boxed_str());
    let texts = catalog::read_translation(source, KEY_COUNT, RUSSIAN_FINGERPRINT)
        .ok_or(LoadError::Mismatch)?;
    TEXTS.with(|cell| {
        let _ = cell.set(texts);
    });
    Ok(())
}
