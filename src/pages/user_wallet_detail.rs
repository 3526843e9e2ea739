//! /user-wallets/:externalId (the externalId percent-encoded in the path): the user's current
//! wallet (address with copy and QR once its checksum passed, status, last observed balances),
//! replace, the user's earlier wallets, and the deposits to any of them (with the API's
//! pagination in the URL).

mod replace;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use lumo_api::models::UserWallet;
use lumo_api::requests::{Page, UserWalletsQuery};
use lumo_api::rules::deposits::DepositLine;
use lumo_api::rules::money::format_amount;
use lumo_api::rules::user_wallets::{block_reason_text, current_wallet, previous_wallets};
use replace::ReplaceWallet;

use crate::client::{api_resource, use_client};
use crate::components::deposit_history::{use_history_paging, DepositHistory};
use crate::components::loading::Spinner;
use crate::components::qr::{deposit_address_ok, BadAddressWarning, CheckedShortAddress};
use crate::components::user_wallet::{create_or_get, WalletStatusBadge};
use crate::components::{ApiView, DepositAddressBlock, PageHeader, Time};

/// The API's largest page: a user has a handful of wallets (one per replacement).
const WALLETS_PER_USER: u32 = 100;

#[component]
pub fn UserWalletDetailPage() -> impl IntoView {
    let params = use_params_map();
    let external_id = Memo::new(move |_| params.read().get("externalId").unwrap_or_default());
    let wallets = api_resource(
        move || external_id.get(),
        |id| {
            lumo_api::requests::list_user_wallets(&UserWalletsQuery {
                page: Page::new(WALLETS_PER_USER, 0),
                external_id: Some(id),
            })
        },
    );
    let paging = use_history_paging();
    let deposits = api_resource(
        move || (external_id.get(), paging.paging.get().page),
        |(id, page)| lumo_api::requests::list_user_deposits(&id, page),
    );
    let rows = Signal::derive(move || {
        deposits
            .get()
            .map(|result| result.map(|list| list.iter().map(DepositLine::from).collect()))
    });
    let replaced = RwSignal::new(None::<(UserWallet, String)>);
    let on_replaced = Callback::new(move |done: (UserWallet, String)| {
        replaced.set(Some(done));
        wallets.refetch();
        deposits.refetch();
    });
    let refresh = move |_| {
        wallets.refetch();
        deposits.refetch();
    };
    let retry = Callback::new(move |()| deposits.refetch());

    view! {
        <div class="user-wallet-page">
            <p class="breadcrumb"><a href="/user-wallets">"← User wallets"</a></p>
            {move || {
                let id = external_id.get();
                view! {
                    <PageHeader title=format!("User {id}") subtitle="Wallet, balances and deposits of one user of your service.">
                        <button type="button" class="btn btn-secondary" on:click=refresh
                            disabled=move || wallets.loading() || deposits.loading()>
                            "Refresh"
                        </button>
                    </PageHeader>
                }
            }}
            <div aria-live="polite">
                {move || replaced.get().map(|(wallet, old)| view! {
                    <div class="alert alert-success" role="status" data-testid="replace-result">
                        <p class="alert__title">"Wallet replaced."</p>
                        <p>
                            "New address: " <code class="mono" data-testid="new-address">{wallet.address.clone()}</code>
                        </p>
                        {(!deposit_address_ok(&wallet.address)).then(|| view! { <BadAddressWarning/> })}
                        <p>
                            "The old address " <code class="mono">{old}</code>
                            " is blocked: deposits still sent to it are credited but flagged for review."
                        </p>
                    </div>
                })}
            </div>
            <ApiView resource=wallets loading_label="Loading the wallet…" let:list>
                <WalletsOfUser list external_id=external_id.get_untracked() on_replaced
                    on_created=Callback::new(move |()| wallets.refetch())/>
            </ApiView>
            <Show when=move || matches!(wallets.get(), Some(Ok(list)) if !list.is_empty())>
                <section class="section" aria-labelledby="user-deposits-title">
                    <h2 id="user-deposits-title" class="section__title">"Deposits"</h2>
                    <DepositHistory
                        result=rows
                        loading=Signal::derive(move || deposits.loading())
                        retry
                        paging
                        show_to_address=true
                        current_address=Signal::derive(move || {
                            wallets.get()
                                .and_then(Result::ok)
                                .and_then(|list| current_wallet(&list).map(|w| w.address.clone()))
                        })
                        empty_text="Deposits to this user's addresses appear here."
                    />
                </section>
            </Show>
        </div>
    }
}

#[component]
fn WalletsOfUser(
    list: Vec<UserWallet>,
    external_id: String,
    on_replaced: Callback<(UserWallet, String)>,
    on_created: Callback<()>,
) -> impl IntoView {
    // The search is exact, but keep only this externalId in case a server matches loosely.
    let list: Vec<UserWallet> = list
        .into_iter()
        .filter(|w| w.external_id == external_id)
        .collect();
    let Some(current) = current_wallet(&list).cloned() else {
        return view! { <NoWallet external_id on_created/> }.into_any();
    };
    let previous: Vec<UserWallet> = previous_wallets(&list).into_iter().cloned().collect();
    let reason = block_reason_text(&current);
    let address = current.address.clone();
    view! {
        <div class="card-grid">
            <div class="card deposit-address" data-testid="current-wallet">
                <div class="card__header">
                    <div>
                        <h2 class="card__title">"Deposit address"</h2>
                        <p class="card__subtitle">"Network: TRON. USDT as a TRC-20 token, or TRX."</p>
                    </div>
                </div>
                <div class="deposit-address__body">
                    // Checked (base58check) before it is shown as a QR code or offered for copying.
                    <DepositAddressBlock address=address.clone()
                        qr_label=format!("QR code of the deposit address of user {external_id}")>
                        <p>
                            <WalletStatusBadge blocked=current.is_blocked reason=reason.clone()/>
                            {reason.clone().map(|text| view! { <span class="block-reason">" " {text}</span> })}
                        </p>
                        {current.is_blocked.then(|| view! {
                            <p class="alert alert-warning">
                                "This address is blocked: deposits to it are credited but flagged for review. Replace the wallet to issue a new address."
                            </p>
                        })}
                        <p class="muted">"Created " <Time value=current.created_at/></p>
                        <div class="form-actions">
                            <ReplaceWallet external_id=external_id.clone() old_address=address.clone() on_replaced/>
                        </div>
                    </DepositAddressBlock>
                </div>
            </div>
            <div class="card balances">
                <div class="card__header">
                    <div>
                        <h2 class="card__title">"Last observed balances"</h2>
                        <p class="card__subtitle">"As last seen by the platform on this address: not live, and not counting the user's earlier addresses."</p>
                    </div>
                </div>
                <dl class="balances__list">
                    <div class="stat">
                        <dt class="stat__label">"USDT (last observed)"</dt>
                        <dd class="stat__value money" data-testid="user-balance-usdt">{format_amount(current.last_usdt_balance, "USDT")}</dd>
                    </div>
                    <div class="stat">
                        <dt class="stat__label">"TRX (last observed)"</dt>
                        <dd class="stat__value money" data-testid="user-balance-trx">{format_amount(current.last_trx_balance, "TRX")}</dd>
                    </div>
                </dl>
            </div>
        </div>
        {(!previous.is_empty()).then(|| view! { <PreviousWallets previous/> })}
    }
    .into_any()
}

#[component]
fn PreviousWallets(previous: Vec<UserWallet>) -> impl IntoView {
    view! {
        <section class="section" aria-labelledby="previous-wallets-title">
            <h2 id="previous-wallets-title" class="section__title">"Earlier addresses"</h2>
            <div class="card card--flush">
                <div class="table-wrap">
                    <table class="table" data-testid="previous-wallets">
                        <thead>
                            <tr>
                                <th scope="col">"Address"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Block reason"</th>
                                <th scope="col" class="num">"USDT (last seen)"</th>
                                <th scope="col">"Created"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {previous.into_iter().map(|wallet| {
                                let reason = block_reason_text(&wallet);
                                view! {
                                    <tr>
                                        <td class="nowrap"><CheckedShortAddress address=wallet.address.clone()/></td>
                                        <td><WalletStatusBadge blocked=wallet.is_blocked reason=reason.clone()/></td>
                                        <td>{reason.unwrap_or_else(|| "—".to_string())}</td>
                                        <td class="num"><span class="money">{format_amount(wallet.last_usdt_balance, "USDT")}</span></td>
                                        <td class="nowrap"><Time value=wallet.created_at/></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

#[component]
fn NoWallet(external_id: String, on_created: Callback<()>) -> impl IntoView {
    let client = use_client();
    let create = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { create_or_get(client, &id).await }
    });
    let pending = create.pending();
    let value = create.value();
    let version = create.version();
    // Once per answer, and only while this view is shown.
    Effect::new(move |seen: Option<usize>| {
        let now = version.get();
        if seen.is_some_and(|seen| seen != now)
            && value.with_untracked(|v| matches!(v, Some(Ok(_))))
        {
            on_created.run(());
        }
        now
    });
    // The last failure, hidden again while the next try is on its way.
    let error = Signal::derive(move || {
        if pending.get() {
            return None;
        }
        value.with(|v| match v {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        })
    });
    let id = StoredValue::new(external_id.clone());
    let on_click = move |_| {
        if !pending.get_untracked() {
            create.dispatch_local(id.get_value());
        }
    };
    view! {
        <div class="card empty-state" data-testid="no-wallet">
            <p class="empty-state__title">{format!("No wallet for \u{201c}{external_id}\u{201d}")}</p>
            <p class="muted">"This user id has no wallet yet (the id must match exactly)."</p>
            <button type="button" class="btn btn-primary" on:click=on_click disabled=move || pending.get()>
                {move || pending.get().then(|| view! { <Spinner/> })}
                "Create a wallet for this user"
            </button>
            <crate::components::error_panel::FormError message=error/>
        </div>
    }
}
