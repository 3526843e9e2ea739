//! The deposit history table shared by the company wallet and the user wallet pages: time,
//! amount, currency, transaction id (shortened, full on hover, copyable), status.

use leptos::prelude::*;
use lumo_api::models::DepositStatus;
use lumo_api::rules::deposits::{shorten_middle, DepositLine};

use crate::labels;
use lumo_api::rules::money::format_amount_in;

use crate::components::{CopyButton, Time};
use crate::i18n::{locale, tr, Key};

fn deposit_tone(status: &DepositStatus) -> &'static str {
    match status {
        DepositStatus::Confirmed => "success",
        DepositStatus::Pending => "info",
        DepositStatus::AmlFailed => "danger",
        DepositStatus::Unknown(_) => "neutral",
    }
}

#[component]
pub fn DepositStatusBadge(status: DepositStatus) -> impl IntoView {
    let class = format!("badge badge--{}", deposit_tone(&status));
    let wire = status.as_wire().to_string();
    let explained = status.clone();
    view! {
        <span class=class
            title=move || labels::deposit_status_explanation(&explained) data-status=wire>
            {move || labels::deposit_status(&status)}
        </span>
    }
}

/// A long id shortened in the middle, the full value on hover and in a copy button.
#[component]
pub fn ShortId(
    #[prop(into)] value: String,
    /// What it is, for the copy button's name ("transaction id"): text or `tr(Key::…)`.
    #[prop(into)]
    what: TextProp,
    #[prop(default = 8)] keep: usize,
) -> impl IntoView {
    let short = shorten_middle(&value, keep);
    view! {
        <span class="short-id">
            <code class="mono" title=value.clone() translate="no">{short}</code>
            <CopyButton text=value what=what/>
        </span>
    }
}

#[component]
pub fn DepositsTable(
    rows: Vec<DepositLine>,
    /// Show the receiving address (user deposits can reach older wallets of the user).
    #[prop(optional)]
    show_to_address: bool,
    /// The user's current address: deposits to any other address are flagged as to an old one.
    #[prop(default = None)]
    current_address: Option<String>,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|row| {
            let currency = row.currency.as_wire().to_string();
            let amount = {
                let (value, currency) = (row.amount, currency.clone());
                move || format_amount_in(locale(), value, &currency)
            };
            let to_cell = show_to_address.then(|| {
                let old = current_address
                    .as_deref()
                    .zip(row.to_address.as_deref())
                    .is_some_and(|(current, to)| current != to);
                let address = row.to_address.clone().unwrap_or_default();
                view! {
                    <td class="nowrap">
                        <code class="mono" title=address.clone() translate="no">{shorten_middle(&address, 6)}</code>
                        {old.then(|| view! {
                            <span class="badge badge--warning" title=tr(Key::WalletDepositOldAddressTitle)>
                                {tr(Key::WalletDepositOldAddress)}
                            </span>
                        })}
                    </td>
                }
            });
            view! {
                <tr data-testid="deposit-row" data-tx=row.tx_hash.clone()>
                    <td class="nowrap"><Time value=row.created_at/></td>
                    <td class="num"><span class="money" data-testid="deposit-amount" translate="no">{amount}</span></td>
                    <td translate="no">{currency}</td>
                    <td class="nowrap"><ShortId value=row.tx_hash.clone() what=tr(Key::WalletDepositTxWhat)/></td>
                    {to_cell}
                    <td><DepositStatusBadge status=row.status.clone()/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="deposits-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::WalletDepositsColTime)}</th>
                        <th scope="col" class="num">{tr(Key::WalletDepositsColAmount)}</th>
                        <th scope="col">{tr(Key::WalletDepositsColCurrency)}</th>
                        <th scope="col">{tr(Key::WalletDepositsColTx)}</th>
                        {show_to_address.then(|| view! { <th scope="col">{tr(Key::WalletDepositsColTo)}</th> })}
                        <th scope="col">{tr(Key::WalletDepositsColStatus)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
