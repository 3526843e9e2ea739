//! An amount with its currency, formatted exactly by `lumo_api::rules::money`.

use leptos::prelude::*;
use lumo_api::rules::money::format_amount;
use rust_decimal::Decimal;

#[component]
pub fn Money(
    amount: Decimal,
    /// "USDT", "RUB", "TRX".
    #[prop(into)]
    currency: String,
) -> impl IntoView {
    view! { <span class="money">{format_amount(amount, &currency)}</span> }
}
