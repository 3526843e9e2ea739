//! Previous / next pagination for lists without a total count: "Page N", next disabled once a
//! page came back shorter than its limit (see `lumo_api::listing::has_next_page`).

use leptos::prelude::*;

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
    /// What the rows are ("orders").
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
    let summary = move || {
        let count = rows.get();
        let what = if count == 1 {
            noun.trim_end_matches('s').to_string()
        } else {
            noun.clone()
        };
        let last = if has_next.get() { "" } else { " (last page)" };
        format!("Page {} · {count} {what} on this page{last}", page.get())
    };
    view! {
        <nav class="pagination" aria-label="Pagination">
            <span class="pagination__summary" aria-live="polite" data-testid="page-summary">{summary}</span>
            <div class="pagination__buttons">
                <button
                    type="button"
                    class="btn btn-secondary btn-sm"
                    disabled=move || page.get() <= 1
                    on:click=previous
                >
                    "← Previous"
                </button>
                <button
                    type="button"
                    class="btn btn-secondary btn-sm"
                    disabled=move || !has_next.get()
                    on:click=next
                >
                    "Next →"
                </button>
            </div>
        </nav>
    }
}
