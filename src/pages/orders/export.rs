//! "Export CSV": every order the current filters select (all pages, 100 at a time until a short
//! page, at most 100,000 rows; an API that repeats a page stops it), with a live count,
//! cancellable, saved as a Blob through an `<a download>` (`components::csv_download`).
//! The file holds what the API returned and nothing else (never the API key).

use chrono::Local;
use leptos::prelude::*;
use lumo_api::csv::{export_file_name_in, CsvDialect, ExportStop, OrdersExport};
use lumo_api::listing::OrdersView;
use lumo_api::ApiError;
use send_wrapper::SendWrapper;

use crate::client::{use_client, Cancel, Client};
use crate::components::csv_download::{save_csv, ExcelCsvButton};
use crate::components::loading::Spinner;
use crate::error_words::error_words;
use crate::i18n::{locale, t, tf, tr, Key, Locale};

/// How an export ended.
#[derive(Clone, PartialEq)]
enum ExportEnd {
    /// Saved; `cut` when the row limit left the rest of the list out.
    Done {
        count: usize,
        file: String,
        cut: Option<ExportStop>,
    },
    Cancelled {
        fetched: usize,
    },
    Failed {
        fetched: usize,
        error: ApiError,
    },
    /// The export stopped and nothing was saved (the API repeated a page).
    Stopped {
        reason: ExportStop,
    },
}

/// Fetch every page `view` selects, counting the orders into `fetched` as they come, and save
/// the file.
async fn export_orders(
    client: Client,
    view: OrdersView,
    cancel: Cancel,
    fetched: RwSignal<usize>,
    dialect: CsvDialect,
) -> ExportEnd {
    let mut export = OrdersExport::new(view.status.clone(), view.external_order_id.clone());
    while let Some(query) = export.next_query() {
        let answer = client
            .send_cancellable(&lumo_api::requests::list_orders(&query), Some(&cancel))
            .await;
        if cancel.is_cancelled() {
            return ExportEnd::Cancelled {
                fetched: export.fetched(),
            };
        }
        match answer {
            Ok(page) => match export.add_page(page) {
                Err(reason) if !reason.keeps_rows() => return ExportEnd::Stopped { reason },
                // Ok, or the row limit: the loop ends when there is no next page. `fetched`
                // belongs to the view, which may be gone by now.
                _ => {
                    fetched.try_set(export.fetched());
                }
            },
            Err(error) => {
                return ExportEnd::Failed {
                    fetched: export.fetched(),
                    error,
                }
            }
        }
    }
    let file = export_file_name_in(dialect, Local::now().date_naive());
    match save_csv(&file, &export.to_csv_in(dialect)) {
        Ok(()) => ExportEnd::Done {
            count: export.fetched(),
            file,
            cut: export.stop(),
        },
        Err(detail) => ExportEnd::Failed {
            fetched: export.fetched(),
            error: ApiError::Network { detail },
        },
    }
}

#[component]
pub fn CsvExport(state: Signal<OrdersView>) -> impl IntoView {
    let client = use_client();
    // Orders fetched so far by the running export.
    let fetched = RwSignal::new(0usize);
    // The last export's cancel; cancelling one that has ended does nothing.
    let running: StoredValue<Option<SendWrapper<Cancel>>> = StoredValue::new(None);

    let export = Action::new_local(
        move |(view, cancel, dialect): &(OrdersView, Cancel, CsvDialect)| {
            export_orders(client, view.clone(), cancel.clone(), fetched, *dialect)
        },
    );
    let exporting = export.pending();
    let ended = export.value();

    let stop = move || {
        if let Some(cancel) = running.try_update_value(Option::take).flatten() {
            cancel.cancel();
        }
    };
    on_cleanup(stop);

    let start = move |dialect: CsvDialect| {
        if exporting.get_untracked() {
            return;
        }
        let cancel = Cancel::new();
        running.set_value(Some(SendWrapper::new(cancel.clone())));
        fetched.set(0);
        export.dispatch_local((state.get_untracked(), cancel, dialect));
    };

    let message = move || {
        if exporting.get() {
            return Some(match fetched.get() {
                0 => (t(Key::OrdersExportFetching).to_string(), ""),
                fetched => (counted(Key::OrdersExportFetched, fetched, &[]), ""),
            });
        }
        ended.with(|ended| ended.as_ref().map(describe))
    };

    view! {
        <div class="export">
            <span class="export-status" aria-live="polite" data-testid="export-status">
                {move || message().map(|(text, class)| view! {
                    <span class=format!("export-status__text {class}")>{text}</span>
                })}
            </span>
            {move || if exporting.get() {
                view! {
                    <span class="export__spinner"><Spinner/></span>
                    <button type="button" class="btn btn-secondary" on:click=move |_| stop()>
                        {tr(Key::OrdersExportCancel)}
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="btn btn-secondary"
                        title=tr(Key::OrdersExportTitle)
                        on:click=move |_| start(CsvDialect::Standard)
                    >
                        {tr(Key::OrdersExportButton)}
                    </button>
                    <ExcelCsvButton on_click=Callback::new(move |()| start(CsvDialect::ExcelSemicolon))/>
                }
                .into_any()
            }}
        </div>
    }
}

/// What the status line says after an export, and its modifier class.
fn describe(ended: &ExportEnd) -> (String, &'static str) {
    match ended {
        ExportEnd::Done {
            count,
            file,
            cut: None,
        } => (
            counted(Key::OrdersExportSaved, *count, &[("file", file)]),
            "export-status--done",
        ),
        ExportEnd::Done {
            count,
            file,
            cut: Some(reason),
        } => (
            counted(
                Key::OrdersExportSavedCut,
                *count,
                &[
                    ("file", file),
                    ("reason", &crate::rule_words::export_stop(reason)),
                ],
            ),
            "export-status--error",
        ),
        ExportEnd::Cancelled { fetched } => {
            (counted(Key::OrdersExportCancelled, *fetched, &[]), "")
        }
        ExportEnd::Failed { fetched, error } => (
            counted(
                Key::OrdersExportFailed,
                *fetched,
                &[("error", &error_words(error).text())],
            ),
            "export-status--error",
        ),
        ExportEnd::Stopped { reason } => (
            tf(
                Key::OrdersExportStopped,
                &[("reason", &crate::rule_words::export_stop(reason))],
            ),
            "export-status--error",
        ),
    }
}

/// The form of the counted text `key` for `n` orders. English writes the count as it always did
/// (`1000`, no grouping: tests and users match it); Russian groups it (`1 000`).
fn counted(key: Key, n: usize, values: &[(&str, &str)]) -> String {
    let locale = locale();
    let n = n as u64;
    let count = match locale {
        Locale::En => n.to_string(),
        Locale::Ru => locale.count_text(n),
    };
    let form = lumo_api::catalog::form(t(key), locale.plural_index(n));
    let mut all = Vec::with_capacity(values.len() + 1);
    all.push(("n", count.as_str()));
    all.extend_from_slice(values);
    lumo_api::catalog::fill(form, &all)
}
