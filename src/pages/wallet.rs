//! /wallet: the company's TRON deposit address (copy and QR, once its checksum passed), every
//! balance the API gives, and the deposit history (unconfirmed operation: "not available on this
//! environment" on 404/405).

use leptos::prelude::*;
use lumo_api::models::CompanyWallet;
use lumo_api::rules::deposits::DepositLine;
use lumo_api::rules::money::format_amount;
use rust_decimal::Decimal;

use crate::client::api_resource;
use crate::components::{ApiView, DepositAddressBlock, PageHeader};

use crate::components::deposit_history::{use_history_paging, DepositHistory};

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
            <PageHeader title="Company wallet" subtitle="Where to send funds, what the company holds, and what arrived.">
                <button type="button" class="btn btn-secondary" on:click=refresh
                    disabled=move || wallet.loading() || deposits.loading()>
                    "Refresh"
                </button>
            </PageHeader>
            <ApiView resource=wallet loading_label="Loading the wallet…" let:wallet>
                <WalletSummary wallet/>
            </ApiView>
            <section class="section" aria-labelledby="deposit-history-title">
                <h2 id="deposit-history-title" class="section__title">"Deposit history"</h2>
                <DepositHistory
                    result=rows
                    loading=Signal::derive(move || deposits.loading())
                    retry
                    paging
                    empty_text="Deposits sent to the address above appear here."
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
                        <h2 class="card__title">"Deposit address"</h2>
                        <p class="card__subtitle">"Network: TRON. Send USDT as a TRC-20 token, or TRX."</p>
                    </div>
                </div>
                <div class="deposit-address__body">
                    // Checked (base58check) before it is shown as a QR code or offered for copying.
                    <DepositAddressBlock address qr_label="QR code of the company deposit address">
                        <p class="alert alert-warning deposit-address__warning">
                            "Only send USDT (TRC-20) or TRX on the TRON network. Tokens on other networks \
                             (ERC-20, BEP-20) sent here are lost."
                        </p>
                    </DepositAddressBlock>
                </div>
            </div>
            <div class="card balances">
                <div class="card__header">
                    <h2 class="card__title">"Balances"</h2>
                </div>
                <dl class="balances__list">
                    <Balance testid="balance-usdt" label="USDT balance" amount=Some(wallet.usdt_balance) currency="USDT"
                        hint="Everything the wallet holds in USDT."/>
                    <Balance testid="balance-frozen" label="Frozen by open orders" amount=wallet.frozen_balance currency="USDT"
                        hint="Reserved by accepted orders that have not settled yet."/>
                    <Balance testid="balance-available" label="Available for new orders" amount=wallet.available_balance currency="USDT"
                        hint="USDT balance minus the frozen amount."/>
                    <Balance testid="balance-trx" label="TRX balance" amount=Some(wallet.trx_balance) currency="TRX"
                        hint="Pays the TRON network's fees."/>
                </dl>
                {(wallet.frozen_balance.is_none() || wallet.available_balance.is_none()).then(|| view! {
                    <p class="muted balances__note">
                        "This environment does not report frozen and available amounts separately."
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
    label: &'static str,
    amount: Option<Decimal>,
    currency: &'static str,
    hint: &'static str,
) -> impl IntoView {
    amount.map(|amount| {
        view! {
            <div class="stat">
                <dt class="stat__label">{label}</dt>
                <dd class="stat__value money" data-testid=testid data-amount=amount.to_string()>
                    {format_amount(amount, currency)}
                </dd>
                <dd class="stat__hint">{hint}</dd>
            </div>
        }
    })
}
