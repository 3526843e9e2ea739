//! /wallet: the company's TRON deposit address (copy and QR, once its checksum passed), every
//! balance the API gives, and the deposit history (unconfirmed operation: "not available on this
//! environment" on 404/405).

use leptos::prelude::*;
use lumo_api::models::CompanyWallet;
use lumo_api::rules::deposits::DepositLine;
use lumo_api::rules::money::format_amount_in;
use rust_decimal::Decimal;

use crate::client::api_resource;
use crate::components::{ApiView, DepositAddressBlock, PageHeader};
use crate::i18n::{locale, t, tr, Key};

use crate::components::deposit_history::{use_history_paging, DepositHistory};

/// Other networks' token standards, named in the address warning: kept out of translation.
const OTHER_NETWORKS: &str = "(ERC-20, BEP-20)";

#[component]
pub fn WalletPage() -> impl IntoView {
    let wallet = api_resource(|| (), |()| lumo_api::requests::get_company_wallet());
    let paging = use_history_paging();
    let deposits = api_resource(
        move || paging.paging.get().page,
        lumo_api::requests::list_company_deposits,
    );
    let rows = Signal::derive(move || {
        deposits
            .get()
            .map(|result| result.map(|list| list.iter().map(DepositLine::from).collect()))
    });
    let refresh = move |_| {
        wallet.refetch();
        deposits.refetch();
    };
    let retry = Callback::new(move |()| deposits.refetch());

    view! {
        <div class="wallet-page">
            <PageHeader title=tr(Key::WalletTitle) subtitle=tr(Key::WalletSubtitle)>
                <button type="button" class="btn btn-secondary" on:click=refresh
                    disabled=move || wallet.loading() || deposits.loading()>
                    {tr(Key::WalletRefresh)}
                </button>
            </PageHeader>
            <ApiView resource=wallet loading_label=tr(Key::WalletLoading) let:wallet>
                <WalletSummary wallet/>
            </ApiView>
            <section class="section" aria-labelledby="deposit-history-title">
                <h2 id="deposit-history-title" class="section__title">{tr(Key::WalletHistoryTitle)}</h2>
                <DepositHistory
                    result=rows
                    loading=Signal::derive(move || deposits.loading())
                    retry
                    paging
                    empty_text=tr(Key::WalletHistoryEmpty)
                />
            </section>
        </div>
    }
}

#[component]
fn WalletSummary(wallet: CompanyWallet) -> impl IntoView {
    let address = wallet.address.clone();
    view! {
        <div class="card-grid wallet-summary">
            <div class="card deposit-address">
                <div class="card__header">
                    <div>
                        <h2 class="card__title">{tr(Key::WalletAddressTitle)}</h2>
                        <p class="card__subtitle">{tr(Key::WalletAddressNetwork)}</p>
                    </div>
                </div>
                <div class="deposit-address__body">
                    // Checked (base58check) before it is shown as a QR code or offered for copying.
                    <DepositAddressBlock address qr_label=tr(Key::WalletAddressQr)>
                        <p class="alert alert-warning deposit-address__warning">
                            {move || with_kept(t(Key::WalletAddressWarning), OTHER_NETWORKS)}
                        </p>
                    </DepositAddressBlock>
                </div>
            </div>
            <div class="card balances">
                <div class="card__header">
                    <h2 class="card__title">{tr(Key::WalletBalances)}</h2>
                </div>
                <dl class="balances__list">
                    <Balance testid="balance-usdt" label=Key::WalletBalanceUsdt amount=Some(wallet.usdt_balance) currency="USDT"
                        hint=Key::WalletBalanceUsdtHint/>
                    <Balance testid="balance-frozen" label=Key::WalletBalanceFrozen amount=wallet.frozen_balance currency="USDT"
                        hint=Key::WalletBalanceFrozenHint/>
                    <Balance testid="balance-available" label=Key::WalletBalanceAvailable amount=wallet.available_balance currency="USDT"
                        hint=Key::WalletBalanceAvailableHint/>
                    <Balance testid="balance-trx" label=Key::WalletBalanceTrx amount=Some(wallet.trx_balance) currency="TRX"
                        hint=Key::WalletBalanceTrxHint/>
                </dl>
                {(wallet.frozen_balance.is_none() || wallet.available_balance.is_none()).then(|| view! {
                    <p class="muted balances__note">
                        {tr(Key::WalletBalancesNote)}
                    </p>
                })}
            </div>
        </div>
    }
}

/// One balance; nothing when the API did not send it.
#[component]
fn Balance(
    testid: &'static str,
    label: Key,
    amount: Option<Decimal>,
    currency: &'static str,
    hint: Key,
) -> impl IntoView {
    amount.map(|amount| {
        view! {
            <div class="stat">
                <dt class="stat__label">{tr(label)}</dt>
                <dd class="stat__value money" data-testid=testid data-amount=amount.to_string() translate="no">
                    {move || format_amount_in(locale(), amount, currency)}
                </dd>
                <dd class="stat__hint">{tr(hint)}</dd>
            </div>
        }
    })
}

/// `text` with `kept` (when it holds it) in an element translators and the word checks leave
/// alone.
fn with_kept(text: &'static str, kept: &'static str) -> impl IntoView {
    match text.split_once(kept) {
        Some((before, after)) => view! {
            {before}<span translate="no">{kept}</span>{after}
        }
        .into_any(),
        None => text.into_any(),
    }
}
