//! The deposit history table shared by the company wallet and the user wallet pages: time,
//! amount, currency, transaction id (shortened, full on hover, copyable), status.

use leptos::prelude::*;
use lumo_api::models::DepositStatus;
use lumo_api::rules::deposits::{shorten_middle, DepositLine};

use crate::labels;
use lumo_api::rules::money::format_amount;

use crate::components::{CopyButton, Time};

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
    let label = labels::deposit_status(&status);
    view! {
        <span class=format!("badge badge--{}", deposit_tone(&status))
            title=labels::deposit_status_explanation(&status) data-status=status.as_wire().to_string()>
            {label}
        </span>
    }
}

/// A long id shortened in the middle, the full value on hover and in a copy button.
#[component]
pub fn ShortId(
    #[prop(into)] value: String,
    /// What it is, for the copy button's name ("transaction id").
    #[prop(into)]
    what: String,
    #[prop(default = 8)] keep: usize,
) -> impl IntoView {
    let short = shorten_middle(&value, keep);
    view! {
        <span class="short-id">
            <code class="mono" title=value.clone()>{short}</code>
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
            let amount = format_amount(row.amount, &currency);
            let to_cell = show_to_address.then(|| {
                let old = current_address
                    .as_deref()
                    .zip(row.to_address.as_deref())
                    .is_some_and(|(current, to)| current != to);
                let address = row.to_address.clone().unwrap_or_default();
                view! {
                    <td class="nowrap">
                        <code class="mono" title=address.clone()>{shorten_middle(&address, 6)}</code>
                        {old.then(|| view! {
                            <span class="badge badge--warning" title="Sent to an earlier (blocked) address of this user: credited, flagged for review.">
                                "Old address"
                            </span>
                        })}
                    </td>
                }
            });
            view! {
                <tr data-testid="deposit-row" data-tx=row.tx_hash.clone()>
                    <td class="nowrap"><Time value=row.created_at/></td>
                    <td class="num"><span class="money" data-testid="deposit-amount">{amount}</span></td>
                    <td>{currency}</td>
                    <td class="nowrap"><ShortId value=row.tx_hash.clone() what="transaction id"/></td>
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
                        <th scope="col">"Time"</th>
                        <th scope="col" class="num">"Amount"</th>
                        <th scope="col">"Currency"</th>
                        <th scope="col">"Transaction id"</th>
                        {show_to_address.then(|| view! { <th scope="col">"To address"</th> })}
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
