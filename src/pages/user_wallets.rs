//! /user-wallets: the wallets of the company's users, keyed by the company's own externalId.
//! Search by externalId, a "Blocked" view with block reasons, create-or-return a wallet (saying
//! plainly whether it was new), pagination in the URL (`lumo_api::listing::UserWalletsView`).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::listing::{has_next_page, Paging, UserWalletsView};
use lumo_api::models::UserWallet;
use lumo_api::rules::money::format_amount_in;
use lumo_api::rules::validation::validate_external_id;

use crate::client::api_resource;
use crate::components::field::focus_id;
use crate::components::pagination::Pagination;
use crate::components::qr::CheckedShortAddress;
use crate::components::url_list::{list_url, use_url_view};
use crate::components::user_wallet::{
    wallet_href, BlockReason, BlockReasonText, WalletStatusBadge,
};
use crate::components::{ApiView, IgnoredQueryNotice, PageHeader, Time};
use crate::i18n::{locale, t, tf, tr, Key};

mod create;

use create::CreateWalletForm;

fn wallets_url(view: &UserWalletsView) -> String {
    list_url("/user-wallets", &view.to_query())
}

#[component]
pub fn UserWalletsPage() -> impl IntoView {
    let state = use_url_view(UserWalletsView::from_query);
    let wallets = api_resource(
        move || state.get(),
        |view| {
            if view.blocked_only {
                lumo_api::requests::list_blocked_user_wallets(view.paging.to_page())
            } else {
                lumo_api::requests::list_user_wallets(&view.api_query())
            }
        },
    );
    let navigate = use_navigate();
    let go = Callback::new(move |next: UserWalletsView| {
        navigate(&wallets_url(&next), Default::default())
    });
    let on_created = Callback::new(move |()| wallets.refetch());

    let tab = move |blocked: bool| {
        move |_| {
            let current = state.get_untracked();
            if current.blocked_only != blocked {
                go.run(UserWalletsView {
                    blocked_only: blocked,
                    external_id: None,
                    paging: Paging {
                        page: 1,
                        limit: current.paging.limit,
                    },
                    ignored: Vec::new(),
                });
            }
        }
    };
    let blocked = move || state.with(|s| s.blocked_only);

    view! {
        <div class="user-wallets-page">
            <PageHeader title=tr(Key::UserWalletsTitle) subtitle=tr(Key::UserWalletsSubtitle)/>
            <CreateWalletForm on_created/>
            <div class="tabs" role="tablist" aria-label=tr(Key::UserWalletsTabs)>
                <button type="button" class="tab" role="tab" aria-selected=move || (!blocked()).to_string()
                    on:click=tab(false)>{tr(Key::UserWalletsTabAll)}</button>
                <button type="button" class="tab" role="tab" aria-selected=move || blocked().to_string()
                    on:click=tab(true)>{tr(Key::UserWalletsTabBlocked)}</button>
            </div>
            <Show when=move || !blocked()>
                <SearchForm state go/>
            </Show>
            <Show when=blocked>
                <p class="muted">{tr(Key::UserWalletsBlockedNote)}</p>
            </Show>
            <IgnoredQueryNotice ignored=Signal::derive(move || state.with(|s| s.ignored.clone()))/>
            <ApiView resource=wallets loading_label=tr(Key::UserWalletsLoading) let:list>
                <WalletsResults list state go/>
            </ApiView>
        </div>
    }
}

const SEARCH_ID: &str = "user-wallets-search";
const SEARCH_ERROR_ID: &str = "user-wallets-search-error";

#[component]
fn SearchForm(state: Memo<UserWalletsView>, go: Callback<UserWalletsView>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| text.set(state.with(|s| s.external_id.clone().unwrap_or_default())));
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = state.get_untracked();
        let id = text.get_untracked();
        // The same rules as creating (`.` and `..` are refused): nothing is sent for an id that
        // can never name a wallet.
        if !id.trim().is_empty() {
            if let Some(problem) = validate_external_id(&id) {
                error.set(Some(crate::rule_words::problem(&problem)));
                focus_id(SEARCH_ID);
                return;
            }
        }
        error.set(None);
        go.run(UserWalletsView {
            external_id: (!id.trim().is_empty()).then_some(id),
            paging: Paging {
                page: 1,
                limit: current.paging.limit,
            },
            blocked_only: false,
            ignored: Vec::new(),
        });
    };
    let clear = move |_| {
        text.set(String::new());
        error.set(None);
        let current = state.get_untracked();
        go.run(UserWalletsView {
            external_id: None,
            paging: Paging {
                page: 1,
                limit: current.paging.limit,
            },
            blocked_only: false,
            ignored: Vec::new(),
        });
    };
    view! {
        <form class="toolbar" role="search" aria-label=tr(Key::UserWalletsSearchLabel) on:submit=on_search>
            <div class="field" class:field--invalid=move || error.with(Option::is_some)>
                <label class="field__label" for=SEARCH_ID>{tr(Key::UserWalletsSearchField)}</label>
                <input id=SEARCH_ID class="input input--code" type="search" maxlength="255" translate="no"
                    autocomplete="off" spellcheck="false" placeholder="user-1001"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then_some(SEARCH_ERROR_ID)
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                {move || error.get().map(|text| view! {
                    <p id=SEARCH_ERROR_ID class="field__error">{text}</p>
                })}
            </div>
            <button type="submit" class="btn btn-secondary">{tr(Key::UserWalletsSearch)}</button>
            <Show when=move || state.with(|s| s.external_id.is_some())>
                <button type="button" class="btn btn-ghost" on:click=clear>{tr(Key::UserWalletsShowAll)}</button>
            </Show>
        </form>
    }
}

#[component]
fn WalletsResults(
    list: Vec<UserWallet>,
    state: Memo<UserWalletsView>,
    go: Callback<UserWalletsView>,
) -> impl IntoView {
    let current = state.get_untracked();
    let page = current.paging.page;
    let limit = current.paging.limit;
    let rows = list.len();
    let has_next = has_next_page(rows, limit);
    let blocked_view = current.blocked_only;

    if list.is_empty() {
        let (title, text) = match (&current.external_id, blocked_view, page > 1) {
            (_, _, true) => (
                Key::UserWalletsEmptyPageTitle,
                Key::UserWalletsEmptyPageText,
            ),
            (Some(_), _, _) => (Key::UserWalletsEmptyIdTitle, Key::UserWalletsEmptyIdText),
            (None, true, _) => (
                Key::UserWalletsEmptyBlockedTitle,
                Key::UserWalletsEmptyBlockedText,
            ),
            (None, false, _) => (Key::UserWalletsEmptyTitle, Key::UserWalletsEmptyText),
        };
        let id = current.external_id.clone().unwrap_or_default();
        let title = move || quoted_id_view(t(title), &id, &[("page", &page.to_string())]);
        return view! {
            <div class="card empty-state" data-testid="user-wallets-empty">
                <p class="empty-state__title">{title}</p>
                <p class="muted">{tr(text)}</p>
            </div>
        }
        .into_any();
    }

    let on_page = Callback::new(move |n: u32| {
        let mut next = state.get_untracked();
        next.paging.page = n.max(1);
        next.ignored.clear();
        go.run(next);
    });
    view! {
        <div class="card card--flush">
            <div class="table-wrap">
                <table class="table" data-testid="user-wallets-table">
                    <caption class="visually-hidden">
                        {move || {
                            let key = if blocked_view {
                                Key::UserWalletsCaptionBlocked
                            } else {
                                Key::UserWalletsCaption
                            };
                            tf(key, &[("page", &page.to_string())])
                        }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::UserWalletsColUser)}</th>
                            <th scope="col">{tr(Key::UserWalletsColAddress)}</th>
                            <th scope="col" class="num">{tr(Key::UserWalletsColUsdt)}</th>
                            <th scope="col" class="num">{tr(Key::UserWalletsColTrx)}</th>
                            <th scope="col">{tr(Key::UserWalletsColStatus)}</th>
                            {blocked_view.then(|| view! { <th scope="col">{tr(Key::UserWalletsColReason)}</th> })}
                            <th scope="col">{tr(Key::UserWalletsColCreated)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().map(|wallet| view! { <WalletRow wallet blocked_view/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
        <Pagination
            page=Signal::derive(move || page)
            has_next=Signal::derive(move || has_next)
            rows=Signal::derive(move || rows)
            noun="wallets"
            on_page
        />
    }
    .into_any()
}

#[component]
fn WalletRow(wallet: UserWallet, blocked_view: bool) -> impl IntoView {
    let reason = BlockReason::of(&wallet);
    let (usdt, trx) = (wallet.last_usdt_balance, wallet.last_trx_balance);
    view! {
        <tr data-testid="user-wallet-row" data-external-id=wallet.external_id.clone() data-blocked=wallet.is_blocked.to_string()>
            <td><a class="row-link mono" href=wallet_href(&wallet.external_id) translate="no">{wallet.external_id.clone()}</a></td>
            <td class="nowrap"><CheckedShortAddress address=wallet.address.clone()/></td>
            <td class="num"><span class="money" translate="no">{move || format_amount_in(locale(), usdt, "USDT")}</span></td>
            <td class="num"><span class="money" translate="no">{move || format_amount_in(locale(), trx, "TRX")}</span></td>
            <td><WalletStatusBadge blocked=wallet.is_blocked reason=reason.clone()/></td>
            {blocked_view.then(|| view! { <td data-testid="block-reason">{reason.clone().map(|reason| view! { <BlockReasonText reason/> })}</td> })}
            <td class="nowrap"><Time value=wallet.created_at/></td>
        </tr>
    }
}

/// `template` filled with `values`, its `{id}` (a user's id, data) in an element kept out of
/// translation.
fn quoted_id_view(template: &'static str, id: &str, values: &[(&str, &str)]) -> impl IntoView {
    match template.split_once("{id}") {
        Some((before, after)) => view! {
            {tf_text(before, values)}
            <span translate="no">{id.to_string()}</span>
            {tf_text(after, values)}
        }
        .into_any(),
        None => tf_text(template, values).into_any(),
    }
}

fn tf_text(text: &str, values: &[(&str, &str)]) -> String {
    lumo_api::catalog::fill(text, values)
}
