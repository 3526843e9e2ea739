//! Unknown paths inside the shell.

use leptos::prelude::*;

use crate::components::PageHeader;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeader title="Page not found"/>
        <div class="card empty-state">
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p><a class="btn btn-primary" href="/orders">"Go to orders"</a></p>
        </div>
    }
}
