//! Previous / next pagination for lists without a total count: "Page N", next disabled once a
//! page came back shorter than its limit (see `lumo_api::listing::has_next_page`).

use leptos::prelude::*;

use crate::i18n::{tf, tn, tr, Key};

/// The counted text of the rows for a noun the portal knows ("orders" -> "5 orders").
fn rows_key(noun: &str) -> Option<Key> {
    match noun {
        "orders" => Some(Key::CommonPageRowsOrders),
        "wallets" => Some(Key::CommonPageRowsWallets),
        "deposits" => Some(Key::CommonPageRowsDeposits),
        _ => None,
    }
}

#[component]
pub fn Pagination(
    /// 1-based page number.
    #[prop(into)]
    page: Signal<u32>,
    /// Whether a next page may exist.
    #[prop(into)]
    has_next: Signal<bool>,
    /// Go to page N.
    on_page: Callback<u32>,
    /// Rows on this page, for the "N orders on this page" line.
    #[prop(into)]
    rows: Signal<usize>,
    /// What the rows are: "orders", "wallets" or "deposits" (worded in the language on screen;
    /// another noun is shown as given).
    #[prop(into)]
    noun: String,
) -> impl IntoView {
    let previous = move |_| {
        let current = page.get_untracked();
        if current > 1 {
            on_page.run(current - 1);
        }
    };
    let next = move |_| on_page.run(page.get_untracked() + 1);
    let key = rows_key(&noun);
    let summary = move || {
        let count = rows.get();
        let rows_text = match key {
            Some(key) => tn(key, count as u64, &[]),
            None if count == 1 => format!("{count} {}", noun.trim_end_matches('s')),
            None => format!("{count} {noun}"),
        };
        let template = if has_next.get() {
            Key::CommonPageSummary
        } else {
            Key::CommonPageSummaryLast
        };
        tf(
            template,
            &[("page", &page.get().to_string()), ("rows", &rows_text)],
        )
    };
    view! {
        <nav class="pagination" aria-label=tr(Key::CommonPagination)>
            <span class="pagination__summary" aria-live="polite" data-testid="page-summary">{summary}</span>
            <div class="pagination__buttons">
                <button
                    type="button"
                    class="btn btn-secondary btn-sm"
                    disabled=move || page.get() <= 1
                    on:click=previous
                >
                    {tr(Key::CommonPrevious)}
                </button>
                <button
                    type="button"
                    class="btn btn-secondary btn-sm"
                    disabled=move || !has_next.get()
                    on:click=next
                >
                    {tr(Key::CommonNext)}
                </button>
            </div>
        </nav>
    }
}
