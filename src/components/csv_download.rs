//! Saving a CSV text as a download: a Blob behind an `<a download>`, clicked at once. Shared by
//! the orders and the disputes exports (the text itself comes from `lumo_api::csv`).

use wasm_bindgen::{JsCast, JsValue};

use leptos::prelude::*;

use crate::i18n::{locale, t, tf, tr, Key, Locale};

/// Offer `text` as a download named `file` (UTF-8 with a byte-order mark, so spreadsheet
/// programs read Cyrillic text right). `Err` says what failed, for the export's message.
pub fn save_csv(file: &str, text: &str) -> Result<(), String> {
    let fail = |what: Key| tf(Key::CommonCsvNotSaved, &[("what", t(what))]);
    let window = web_sys::window().ok_or_else(|| fail(Key::CommonCsvNoWindow))?;
    let document = window
        .document()
        .ok_or_else(|| fail(Key::CommonCsvNoDocument))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&format!("\u{feff}{text}")));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail(Key::CommonCsvBlob))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| fail(Key::CommonCsvObjectUrl))?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| fail(Key::CommonCsvLink))?;
    anchor.set_href(&url);
    anchor.set_download(file);
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(|| fail(Key::CommonCsvNoBody))?;
    let _ = body.append_child(&anchor);
    anchor.click();
    let _ = body.remove_child(&anchor);
    // Give the browser time to start the download before the URL is released.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// «CSV для Excel (;)»: shown to Russian readers beside an export's own button, it asks for the
/// same rows in `lumo_api::csv::CsvDialect::ExcelSemicolon`, which a Russian Excel opens as
/// columns. Nothing in English.
#[component]
pub fn ExcelCsvButton(on_click: Callback<()>) -> impl IntoView {
    move || {
        (locale() == Locale::Ru).then(|| {
            view! {
                <button
                    type="button"
                    class="btn btn-secondary"
                    title=tr(Key::CsvExcelHint)
                    data-testid="export-excel"
                    on:click=move |_| on_click.run(())
                >
                    {tr(Key::CsvExcelButton)}
                </button>
            }
        })
    }
}
