//! Every word the portal shows, in the reader's language.
//!
//! The texts are in `i18n/catalog-en.txt` and `i18n/catalog-ru.txt`; the build checks that the two
//! agree and generates [`Key`] (see `build.rs`). English is compiled in. Russian is downloaded the
//! first time it is chosen (`russian.rs`), so an English reader never carries it.
//!
//! Views take [`tr`] (reactive text: it follows a switch of language without rebuilding the
//! page, so nothing typed is lost); code that builds a string takes [`t`], [`tf`] or [`tn`], which
//! read the language inside whatever reactive scope calls them.
//!
//! The language is global, not a context: enum labels, formatting and rules' messages are worded
//! from plain functions far from any component, and one language holds for the whole tab.

use leptos::prelude::*;
use lumo_api::catalog;
pub use lumo_api::locale::Locale;

mod choice;
#[cfg(test)]
mod keys_in_use;
mod russian;

pub use choice::{apply_to_document, initial_locale, switch_to};

include!(concat!(env!("OUT_DIR"), "/catalog_keys.rs"));

thread_local! {
    static LOCALE: ArcRwSignal<Locale> = ArcRwSignal::new(Locale::En);
}

/// The language on screen (tracked: a reactive scope that reads it runs again on a switch).
pub fn locale() -> Locale {
    LOCALE.with(|locale| locale.get())
}

/// Shows `locale`. Russian only once its catalog is loaded (see [`switch_to`]).
fn set_locale(locale: Locale) {
    LOCALE.with(|signal| signal.set(locale));
}

/// The text of `key` in the language on screen.
pub fn t(key: Key) -> &'static str {
    match locale() {
        Locale::En => english(key),
        Locale::Ru => russian::text(key).unwrap_or_else(|| english(key)),
    }
}

/// The text of `key` as a view or attribute value that follows the language.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(key)
}

/// The text of `key` with its `{name}` placeholders filled.
pub fn tf(key: Key, values: &[(&str, &str)]) -> String {
    catalog::fill(t(key), values)
}

/// The form of the counted text `key` for `n` (`{n}` is `n`, grouped by thousands), its other
/// placeholders filled: "1 dispute", "5 disputes"; "21 спор", "22 спора", "25 споров".
pub fn tn(key: Key, n: u64, values: &[(&str, &str)]) -> String {
    let locale = locale();
    let form = catalog::form(t(key), locale.plural_index(n));
    let count = locale.count_text(n);
    let mut all = Vec::with_capacity(values.len() + 1);
    all.push(("n", count.as_str()));
    all.extend_from_slice(values);
    catalog::fill(form, &all)
}

fn english(key: Key) -> &'static str {
    let index = key as usize;
    let start = match index.checked_sub(1) {
        Some(previous) => ENGLISH_ENDS.get(previous).copied().unwrap_or(0),
        None => 0,
    };
    let end = ENGLISH_ENDS.get(index).copied().unwrap_or(0);
    ENGLISH_TEXT
        .get(usize::from(start)..usize::from(end))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_english_text_is_read_by_its_key() {
        let entries = catalog::entries(include_str!("../i18n/catalog-en.txt")).unwrap();
        assert_eq!(entries.len(), KEY_COUNT);
        for (key, entry) in ALL_KEYS.iter().zip(&entries) {
            assert_eq!(english(*key), entry.text, "{}", entry.key);
        }
    }
}
