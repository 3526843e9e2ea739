//! Unknown paths inside the shell.

use leptos::prelude::*;

use crate::components::PageHeader;
use crate::i18n::{tr, Key};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeader title=tr(Key::CommonNotFoundTitle)/>
        <div class="card empty-state">
            <p>{tr(Key::CommonNotFoundBody)}</p>
            <p><a class="btn btn-primary" href="/orders">{tr(Key::CommonGoToOrders)}</a></p>
        </div>
    }
}
