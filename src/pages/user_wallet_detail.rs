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
use lumo_api::rules::money::format_amount_in;
use lumo_api::rules::user_wallets::{current_wallet, previous_wallets};
use replace::ReplaceWallet;

use crate::client::{api_resource, use_client};
use crate::components::deposit_history::{use_history_paging, DepositHistory};
use crate::components::loading::Spinner;
use crate::components::qr::{deposit_address_ok, BadAddressWarning, CheckedShortAddress};
use crate::components::user_wallet::{
    create_or_get, BlockReason, BlockReasonText, WalletStatusBadge,
};
use crate::components::{ApiView, DepositAddressBlock, PageHeader, Time};
use crate::error_words::error_words;
use crate::i18n::{locale, t, tf, tr, Key};

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
            <p class="breadcrumb"><a href="/user-wallets">{tr(Key::UserWalletsBack)}</a></p>
            {move || {
                let id = external_id.get();
                let title_data = id.clone();
                view! {
                    <PageHeader
                        title=move || tf(Key::UserWalletsDetailTitle, &[("id", &id)])
                        title_data
                        subtitle=tr(Key::UserWalletsDetailSubtitle)
                    >
                        <button type="button" class="btn btn-secondary" on:click=refresh
                            disabled=move || wallets.loading() || deposits.loading()>
                            {tr(Key::UserWalletsRefresh)}
                        </button>
                    </PageHeader>
                }
            }}
            <div aria-live="polite">
                {move || replaced.get().map(|(wallet, old)| view! {
                    <div class="alert alert-success" role="status" data-testid="replace-result">
                        <p class="alert__title">{tr(Key::UserWalletsReplacedTitle)}</p>
                        <p>
                            {tr(Key::UserWalletsReplacedNew)}" " <code class="mono" data-testid="new-address" translate="no">{wallet.address.clone()}</code>
                        </p>
                        {(!deposit_address_ok(&wallet.address)).then(|| view! { <BadAddressWarning/> })}
                        <p>
                            {tr(Key::UserWalletsReplacedOldBefore)}" " <code class="mono" translate="no">{old}</code>
                            " "{tr(Key::UserWalletsReplacedOldAfter)}
                        </p>
                    </div>
                })}
            </div>
            <ApiView resource=wallets loading_label=tr(Key::UserWalletsDetailLoading) let:list>
                <WalletsOfUser list external_id=external_id.get_untracked() on_replaced
                    on_created=Callback::new(move |()| wallets.refetch())/>
            </ApiView>
            <Show when=move || matches!(wallets.get(), Some(Ok(list)) if !list.is_empty())>
                <section class="section" aria-labelledby="user-deposits-title">
                    <h2 id="user-deposits-title" class="section__title">{tr(Key::UserWalletsDeposits)}</h2>
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
                        empty_text=tr(Key::UserWalletsDepositsEmpty)
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
    let reason = BlockReason::of(&current);
    let address = current.address.clone();
    let (usdt, trx) = (current.last_usdt_balance, current.last_trx_balance);
    let qr_id = external_id.clone();
    view! {
        <div class="card-grid">
            <div class="card deposit-address" data-testid="current-wallet">
                <div class="card__header">
                    <div>
                        <h2 class="card__title">{tr(Key::UserWalletsAddressTitle)}</h2>
                        <p class="card__subtitle">{tr(Key::UserWalletsAddressNetwork)}</p>
                    </div>
                </div>
                <div class="deposit-address__body">
                    // Checked (base58check) before it is shown as a QR code or offered for copying.
                    <DepositAddressBlock address=address.clone()
                        qr_label=move || tf(Key::UserWalletsAddressQr, &[("id", &qr_id)])>
                        <p>
                            <WalletStatusBadge blocked=current.is_blocked reason=reason.clone()/>
                            {reason.clone().map(|reason| view! { <span class="block-reason">" " <BlockReasonText reason/></span> })}
                        </p>
                        {current.is_blocked.then(|| view! {
                            <p class="alert alert-warning">
                                {tr(Key::UserWalletsAddressBlocked)}
                            </p>
                        })}
                        <p class="muted">{tr(Key::UserWalletsCreated)}" " <Time value=current.created_at/></p>
                        <div class="form-actions">
                            <ReplaceWallet external_id=external_id.clone() old_address=address.clone() on_replaced/>
                        </div>
                    </DepositAddressBlock>
                </div>
            </div>
            <div class="card balances">
                <div class="card__header">
                    <div>
                        <h2 class="card__title">{tr(Key::UserWalletsBalancesTitle)}</h2>
                        <p class="card__subtitle">{tr(Key::UserWalletsBalancesSubtitle)}</p>
                    </div>
                </div>
                <dl class="balances__list">
                    <div class="stat">
                        <dt class="stat__label">{tr(Key::UserWalletsBalanceUsdt)}</dt>
                        <dd class="stat__value money" data-testid="user-balance-usdt" translate="no">{move || format_amount_in(locale(), usdt, "USDT")}</dd>
                    </div>
                    <div class="stat">
                        <dt class="stat__label">{tr(Key::UserWalletsBalanceTrx)}</dt>
                        <dd class="stat__value money" data-testid="user-balance-trx" translate="no">{move || format_amount_in(locale(), trx, "TRX")}</dd>
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
            <h2 id="previous-wallets-title" class="section__title">{tr(Key::UserWalletsEarlier)}</h2>
            <div class="card card--flush">
                <div class="table-wrap">
                    <table class="table" data-testid="previous-wallets">
                        <thead>
                            <tr>
                                <th scope="col">{tr(Key::UserWalletsColAddress)}</th>
                                <th scope="col">{tr(Key::UserWalletsColStatus)}</th>
                                <th scope="col">{tr(Key::UserWalletsColReason)}</th>
                                <th scope="col" class="num">{tr(Key::UserWalletsColUsdt)}</th>
                                <th scope="col">{tr(Key::UserWalletsColCreated)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {previous.into_iter().map(|wallet| {
                                let reason = BlockReason::of(&wallet);
                                let usdt = wallet.last_usdt_balance;
                                view! {
                                    <tr>
                                        <td class="nowrap"><CheckedShortAddress address=wallet.address.clone()/></td>
                                        <td><WalletStatusBadge blocked=wallet.is_blocked reason=reason.clone()/></td>
                                        <td>{match reason {
                                            Some(reason) => view! { <BlockReasonText reason/> }.into_any(),
                                            None => "—".into_any(),
                                        }}</td>
                                        <td class="num"><span class="money" translate="no">{move || format_amount_in(locale(), usdt, "USDT")}</span></td>
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
            Some(Err(e)) => Some(error_words(e)),
            _ => None,
        })
    });
    let id = StoredValue::new(external_id.clone());
    let title_id = external_id;
    let on_click = move |_| {
        if !pending.get_untracked() {
            create.dispatch_local(id.get_value());
        }
    };
    view! {
        <div class="card empty-state" data-testid="no-wallet">
            <p class="empty-state__title">{move || crate::labels::with_id(t(Key::UserWalletsEmptyIdTitle), &title_id)}</p>
            <p class="muted">{tr(Key::UserWalletsNoWalletText)}</p>
            <button type="button" class="btn btn-primary" on:click=on_click disabled=move || pending.get()>
                {move || pending.get().then(|| view! { <Spinner/> })}
                {tr(Key::UserWalletsCreateForUser)}
            </button>
            <crate::components::error_panel::FormError message=error/>
        </div>
    }
}
