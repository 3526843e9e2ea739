//! A deposit history section (company or user wallet): chart, table and pagination, with its own
//! loading, empty, error and "not available on this environment" states. The page lives in the
//! URL query as the API's own `limit`/`offset` (`lumo_api::rules::deposits::OffsetPaging`).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use lumo_api::requests::Page;
use lumo_api::rules::deposits::{DepositLine, OffsetPaging, PageInfo};
use lumo_api::ApiError;

use crate::components::pagination::Pagination;
use crate::components::url_list::{list_url, page_size_options, use_url_view};
use crate::components::{DepositsChart, DepositsTable, ErrorPanel, IgnoredQueryNotice, Loading};
use crate::i18n::{text, tf, tr, Key};

/// The deposit page in the URL, and a way to move to another page of it (same path).
#[derive(Clone, Copy)]
pub struct HistoryPaging {
    pub paging: Memo<OffsetPaging>,
    pub go: Callback<Page>,
}

pub fn use_history_paging() -> HistoryPaging {
    let location = use_location();
    let paging = use_url_view(OffsetPaging::from_query);
    let navigate = use_navigate();
    let go = Callback::new(move |page: Page| {
        let path = location.pathname.get_untracked();
        navigate(
            &list_url(&path, &OffsetPaging::query_for(page)),
            Default::default(),
        );
    });
    HistoryPaging { paging, go }
}

#[component]
pub fn DepositHistory(
    /// The answer for the current page, already turned into rows.
    #[prop(into)]
    result: Signal<Option<Result<Vec<DepositLine>, ApiError>>>,
    #[prop(into)] loading: Signal<bool>,
    retry: Callback<()>,
    paging: HistoryPaging,
    /// Show the receiving address column (user deposits).
    #[prop(optional)]
    show_to_address: bool,
    /// The user's current address (user deposits to another address are flagged as old).
    #[prop(optional, into)]
    current_address: Signal<Option<String>>,
    /// What an empty history says: text or `tr(Key::…)`.
    #[prop(into)]
    empty_text: TextProp,
) -> impl IntoView {
    let HistoryPaging { paging, go } = paging;
    let on_limit = move |ev: leptos::ev::Event| {
        if let Ok(limit) = event_target_value(&ev).parse::<u32>() {
            go.run(Page::new(limit, 0));
        }
    };
    let limits = move || page_size_options(paging.with(|p| p.page.limit));
    let refreshing = move || loading.get() && result.with(Option::is_some);

    let body = move || match result.get() {
        None => view! { <Loading label=tr(Key::WalletDepositsLoading)/> }.into_any(),
        Some(Err(error)) if error.is_unsupported_operation() => view! {
            <div class="alert alert-info" role="status" data-testid="deposits-unavailable">
                <p class="alert__title">{tr(Key::WalletDepositsUnavailableTitle)}</p>
                <p>{tr(Key::WalletDepositsUnavailableText)}</p>
            </div>
        }
        .into_any(),
        Some(Err(error)) => {
            view! { <ErrorPanel error retry title=tr(Key::WalletDepositsFailed)/> }.into_any()
        }
        Some(Ok(rows)) => {
            let page = paging.get_untracked().page;
            let info = PageInfo {
                page,
                count: rows.len(),
            };
            if rows.is_empty() {
                let first = move |_| go.run(Page::new(page.limit, 0));
                return view! {
                    <div class="card empty-state" data-testid="deposits-empty">
                        {if info.has_previous() {
                            view! {
                                <p class="empty-state__title">{tr(Key::WalletDepositsEmptyPageTitle)}</p>
                                <p class="muted">{tr(Key::WalletDepositsEmptyPageText)}</p>
                                <button type="button" class="btn btn-secondary" on:click=first>{tr(Key::WalletDepositsFirstPage)}</button>
                            }.into_any()
                        } else {
                            view! {
                                <p class="empty-state__title">{tr(Key::WalletDepositsEmptyTitle)}</p>
                                <p class="muted">{text(empty_text.clone())}</p>
                            }.into_any()
                        }}
                    </div>
                }
                .into_any();
            }
            let number = page.number();
            let has_next = info.has_next();
            let count = rows.len();
            let on_page = Callback::new(move |n: u32| {
                go.run(Page::new(
                    page.limit,
                    n.saturating_sub(1).saturating_mul(page.limit),
                ))
            });
            view! {
                <div class="card">
                    <DepositsChart deposits=rows.clone()/>
                </div>
                <div class="card card--flush">
                    <DepositsTable rows show_to_address current_address=current_address.get()/>
                </div>
                <div class="deposit-history__footer">
                    <p class="muted deposits-range" data-testid="deposits-range">{move || range_text(&info)}</p>
                    <label class="deposit-history__size">
                        {tr(Key::WalletDepositsPerPage)}" "
                        <select class="input" on:change=on_limit>{limits}</select>
                    </label>
                </div>
                <Pagination
                    page=Signal::derive(move || number)
                    has_next=Signal::derive(move || has_next)
                    rows=Signal::derive(move || count)
                    noun="deposits"
                    on_page
                />
            }
            .into_any()
        }
    };

    view! {
        <div class="api-view deposit-history" aria-busy=move || loading.get().to_string()>
            <div class="refresh-bar" class:refresh-bar--active=refreshing aria-hidden="true"></div>
            <IgnoredQueryNotice ignored=Signal::derive(move || paging.with(|p| p.ignored.clone()))/>
            {body}
        </div>
    }
}

/// "Showing 21–40" (the rows of a page that has some), in the language on screen.
fn range_text(info: &PageInfo) -> String {
    if info.count == 0 {
        return info.range_label();
    }
    let first = u64::from(info.page.offset) + 1;
    let last = u64::from(info.page.offset) + info.count as u64;
    tf(
        Key::WalletDepositsRange,
        &[("first", &first.to_string()), ("last", &last.to_string())],
    )
}
