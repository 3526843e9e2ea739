//! "Export CSV" on /disputes: the disputes listed under the current filters (all of them, not
//! only the cards rendered so far), from the list the page shows (no extra request), written by
//! `lumo_api::csv::disputes_csv` and saved through `components::csv_download`. The file holds
//! what the API returned and nothing else (never the API key).

use chrono::Local;
use leptos::prelude::*;
use lumo_api::csv::{disputes_csv_in, disputes_file_name_in, CsvDialect};
use lumo_api::listing::DisputesView;

use crate::components::csv_download::{save_csv, ExcelCsvButton};
use crate::disputes_store::use_disputes_store;
use crate::i18n::{t, tf, tn, tr, Key};
use crate::labels::marked;

#[derive(Clone, PartialEq)]
enum Outcome {
    Saved { count: usize, file: String },
    NotLoaded,
    Failed(String),
}

#[component]
pub fn DisputesExport(state: Memo<DisputesView>) -> impl IntoView {
    let store = use_disputes_store();
    let outcome = RwSignal::new(None::<Outcome>);
    // A new filter makes the last message stale.
    Effect::new(move |first: Option<()>| {
        state.track();
        if first.is_some() {
            outcome.set(None);
        }
    });

    let export = move |dialect: CsvDialect| {
        let Some(list) = store.latest_untracked() else {
            outcome.set(Some(Outcome::NotLoaded));
            return;
        };
        let view = state.get_untracked();
        let rows = view.apply(&list);
        let file = disputes_file_name_in(dialect, Local::now().date_naive());
        let text = disputes_csv_in(dialect, rows.iter().copied());
        outcome.set(Some(match save_csv(&file, &text) {
            Ok(()) => Outcome::Saved {
                count: rows.len(),
                file,
            },
            Err(detail) => Outcome::Failed(detail),
        }));
    };

    let message = move || {
        outcome.get().map(|outcome| {
            let (text, data, class) = match outcome {
                Outcome::Saved { count, file } => (
                    tn(Key::DisputesExportSaved, count as u64, &[("file", &file)]),
                    Some(file),
                    "export-status--done",
                ),
                Outcome::NotLoaded => (
                    t(Key::DisputesExportNotLoaded).to_string(),
                    None,
                    "export-status--error",
                ),
                Outcome::Failed(detail) => (
                    tf(Key::DisputesExportFailed, &[("detail", &detail)]),
                    Some(detail),
                    "export-status--error",
                ),
            };
            let text = marked(text, data.as_deref());
            view! { <span class=format!("export-status__text {class}")>{text}</span> }
        })
    };

    view! {
        <div class="export">
            <span class="export-status" aria-live="polite" data-testid="export-status">{message}</span>
            <button
                type="button"
                class="btn btn-secondary"
                title=tr(Key::DisputesExportHint)
                on:click=move |_| export(CsvDialect::Standard)
            >
                {tr(Key::DisputesExport)}
            </button>
            <ExcelCsvButton on_click=Callback::new(move |()| export(CsvDialect::ExcelSemicolon))/>
        </div>
    }
}
