//! /user-wallets: the wallets of the company's users, keyed by the company's own externalId.
//! Search by externalId, a "Blocked" view with block reasons, create-or-return a wallet (saying
//! plainly whether it was new), pagination in the URL (`lumo_api::listing::UserWalletsView`).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lumo_api::listing::{has_next_page, Paging, UserWalletsView};
use lumo_api::models::UserWallet;
use lumo_api::rules::money::format_amount;
use lumo_api::rules::user_wallets::block_reason_text;
use lumo_api::rules::validation::validate_external_id;

use crate::client::api_resource;
use crate::components::field::focus_id;
use crate::components::pagination::Pagination;
use crate::components::qr::CheckedShortAddress;
use crate::components::url_list::{list_url, use_url_view};
use crate::components::user_wallet::{wallet_href, WalletStatusBadge};
use crate::components::{ApiView, IgnoredQueryNotice, PageHeader, Time};

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
            <PageHeader title="User wallets" subtitle="A TRON deposit address per user of your service, keyed by your own user id (externalId)."/>
            <CreateWalletForm on_created/>
            <div class="tabs" role="tablist" aria-label="Which wallets">
                <button type="button" class="tab" role="tab" aria-selected=move || (!blocked()).to_string()
                    on:click=tab(false)>"All wallets"</button>
                <button type="button" class="tab" role="tab" aria-selected=move || blocked().to_string()
                    on:click=tab(true)>"Blocked"</button>
            </div>
            <Show when=move || !blocked()>
                <SearchForm state go/>
            </Show>
            <Show when=blocked>
                <p class="muted">"Blocked wallets keep their address on record: deposits still sent to one are credited but flagged for review."</p>
            </Show>
            <IgnoredQueryNotice ignored=Signal::derive(move || state.with(|s| s.ignored.clone()))/>
            <ApiView resource=wallets loading_label="Loading user wallets…" let:list>
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
                error.set(Some(problem));
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
        <form class="toolbar" role="search" aria-label="Find a user's wallet" on:submit=on_search>
            <div class="field" class:field--invalid=move || error.with(Option::is_some)>
                <label class="field__label" for=SEARCH_ID>"User id (externalId, exact)"</label>
                <input id=SEARCH_ID class="input input--code" type="search" maxlength="255"
                    autocomplete="off" spellcheck="false" placeholder="user-1001"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then_some(SEARCH_ERROR_ID)
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                {move || error.get().map(|text| view! {
                    <p id=SEARCH_ERROR_ID class="field__error">{text}</p>
                })}
            </div>
            <button type="submit" class="btn btn-secondary">"Search"</button>
            <Show when=move || state.with(|s| s.external_id.is_some())>
                <button type="button" class="btn btn-ghost" on:click=clear>"Show all"</button>
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
                format!("Nothing on page {page}"),
                "The list ends before this page.".to_string(),
            ),
            (Some(id), _, _) => (
                format!("No wallet for \u{201c}{id}\u{201d}"),
                "The id must match exactly. Create one with the form above.".to_string(),
            ),
            (None, true, _) => (
                "No blocked wallets".to_string(),
                "No user wallet has been blocked or replaced.".to_string(),
            ),
            (None, false, _) => (
                "No user wallets yet".to_string(),
                "Create one with the form above, or from your backend.".to_string(),
            ),
        };
        return view! {
            <div class="card empty-state" data-testid="user-wallets-empty">
                <p class="empty-state__title">{title}</p>
                <p class="muted">{text}</p>
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
                        {if blocked_view { format!("Blocked user wallets, page {page}") } else { format!("User wallets, page {page}") }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"User id"</th>
                            <th scope="col">"Address"</th>
                            <th scope="col" class="num">"USDT (last seen)"</th>
                            <th scope="col" class="num">"TRX (last seen)"</th>
                            <th scope="col">"Status"</th>
                            {blocked_view.then(|| view! { <th scope="col">"Block reason"</th> })}
                            <th scope="col">"Created"</th>
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
    let reason = block_reason_text(&wallet);
    view! {
        <tr data-testid="user-wallet-row" data-external-id=wallet.external_id.clone() data-blocked=wallet.is_blocked.to_string()>
            <td><a class="row-link mono" href=wallet_href(&wallet.external_id)>{wallet.external_id.clone()}</a></td>
            <td class="nowrap"><CheckedShortAddress address=wallet.address.clone()/></td>
            <td class="num"><span class="money">{format_amount(wallet.last_usdt_balance, "USDT")}</span></td>
            <td class="num"><span class="money">{format_amount(wallet.last_trx_balance, "TRX")}</span></td>
            <td><WalletStatusBadge blocked=wallet.is_blocked reason=reason.clone()/></td>
            {blocked_view.then(|| view! { <td data-testid="block-reason">{reason.clone().unwrap_or_default()}</td> })}
            <td class="nowrap"><Time value=wallet.created_at/></td>
        </tr>
    }
}
