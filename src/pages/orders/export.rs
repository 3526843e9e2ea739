//! "Export CSV": every order the current filters select (all pages, 100 at a time until a short
//! page, at most 100,000 rows; an API that repeats a page stops it), with a live count,
//! cancellable, saved as a Blob through an `<a download>` (`components::csv_download`).
//! The file holds what the API returned and nothing else (never the API key).

use chrono::Local;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::csv::{export_file_name, ExportStop, OrdersExport};
use lumo_api::listing::OrdersView;
use lumo_api::ApiError;
use send_wrapper::SendWrapper;

use crate::client::{use_client, Cancel};
use crate::components::csv_download::save_csv;
use crate::components::loading::Spinner;

#[derive(Clone, PartialEq)]
enum ExportState {
    Idle,
    Running {
        fetched: usize,
    },
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

#[component]
pub fn CsvExport(state: Signal<OrdersView>) -> impl IntoView {
    let client = use_client();
    let status = RwSignal::new(ExportState::Idle);
    let running: StoredValue<Option<SendWrapper<Cancel>>> = StoredValue::new(None);

    let stop = move || {
        if let Some(cancel) = running.try_update_value(Option::take).flatten() {
            cancel.cancel();
        }
    };
    on_cleanup(stop);

    let start = move || {
        if matches!(status.get_untracked(), ExportState::Running { .. }) {
            return;
        }
        let view = state.get_untracked();
        let cancel = Cancel::new();
        running.set_value(Some(SendWrapper::new(cancel.clone())));
        status.set(ExportState::Running { fetched: 0 });
        spawn_local(async move {
            let mut export = OrdersExport::new(view.status.clone(), view.external_order_id.clone());
            while let Some(query) = export.next_query() {
                let answer = client
                    .send_cancellable(&lumo_api::requests::list_orders(&query), Some(&cancel))
                    .await;
                if cancel.is_cancelled() {
                    status.try_set(ExportState::Cancelled {
                        fetched: export.fetched(),
                    });
                    return;
                }
                match answer {
                    Ok(page) => match export.add_page(page) {
                        Err(reason) if !reason.keeps_rows() => {
                            running.try_set_value(None);
                            status.try_set(ExportState::Stopped { reason });
                            return;
                        }
                        // Ok, or the row limit: the loop ends when there is no next page.
                        _ => {
                            status.try_set(ExportState::Running {
                                fetched: export.fetched(),
                            });
                        }
                    },
                    Err(error) => {
                        running.try_set_value(None);
                        status.try_set(ExportState::Failed {
                            fetched: export.fetched(),
                            error,
                        });
                        return;
                    }
                }
            }
            running.try_set_value(None);
            let file = export_file_name(Local::now().date_naive());
            let saved = save_csv(&file, &export.to_csv());
            status.try_set(match saved {
                Ok(()) => ExportState::Done {
                    count: export.fetched(),
                    file,
                    cut: export.stop(),
                },
                Err(detail) => ExportState::Failed {
                    fetched: export.fetched(),
                    error: ApiError::Network { detail },
                },
            });
        });
    };

    let message = move || match status.get() {
        ExportState::Idle => None,
        ExportState::Running { fetched: 0 } => Some(("Fetching orders…".to_string(), "")),
        ExportState::Running { fetched } => Some((format!("Fetched {fetched} orders…"), "")),
        ExportState::Done {
            count,
            file,
            cut: None,
        } => Some((
            format!("Saved {count} orders to {file}."),
            "export-status--done",
        )),
        ExportState::Done {
            count,
            file,
            cut: Some(reason),
        } => Some((
            format!("Saved {count} orders to {file}. {reason}"),
            "export-status--error",
        )),
        ExportState::Cancelled { fetched } => Some((
            format!("Export cancelled after {fetched} orders; nothing was saved."),
            "",
        )),
        ExportState::Failed { fetched, error } => Some((
            format!("Export failed after {fetched} orders: {error}"),
            "export-status--error",
        )),
        ExportState::Stopped { reason } => Some((
            format!("Export stopped; nothing was saved. {reason}"),
            "export-status--error",
        )),
    };

    view! {
        <div class="export">
            <span class="export-status" aria-live="polite" data-testid="export-status">
                {move || message().map(|(text, class)| view! {
                    <span class=format!("export-status__text {class}")>{text}</span>
                })}
            </span>
            {move || match status.get() {
                ExportState::Running { .. } => view! {
                    <span class="export__spinner"><Spinner/></span>
                    <button type="button" class="btn btn-secondary" on:click=move |_| stop()>
                        "Cancel export"
                    </button>
                }
                .into_any(),
                _ => view! {
                    <button
                        type="button"
                        class="btn btn-secondary"
                        title="Download every order matching the filters (all pages) as CSV"
                        on:click=move |_| start()
                    >
                        "Export CSV"
                    </button>
                }
                .into_any(),
            }}
        </div>
    }
}
