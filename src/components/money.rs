//! An amount with its currency, formatted exactly by `lumo_api::rules::money`.

use leptos::prelude::*;
use lumo_api::rules::money::format_amount_in;
use rust_decimal::Decimal;

use crate::i18n::locale;

#[component]
pub fn Money(
    amount: Decimal,
    /// "USDT", "RUB", "TRX".
    #[prop(into)]
    currency: String,
) -> impl IntoView {
    view! { <span class="money" translate="no">{move || format_amount_in(locale(), amount, &currency)}</span> }
}
