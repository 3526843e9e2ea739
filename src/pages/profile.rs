//! /profile: the company's data, the editable contact and integration fields, and API key
//! regeneration.

use leptos::prelude::*;
use lumo_api::models::CompanyProfile;
use lumo_api::requests::get_company_profile;

use crate::client::api_resource;
use crate::components::{ApiView, CopyButton, PageHeader};
use crate::session::use_session;

mod api_key;
mod edit;

use api_key::ApiKeyCard;
use edit::ProfileForm;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    let profile = api_resource(|| (), |()| get_company_profile());
    let saved = RwSignal::new(false);

    // Keep the top bar's company name in step with the profile.
    Effect::new(move |_| {
        if let Some(Ok(data)) = profile.get() {
            session.set_company_name(&data.name);
        }
    });
    let on_saved = Callback::new(move |updated: CompanyProfile| {
        profile.set(updated);
    });

    view! {
        <PageHeader title="Profile" subtitle="Your company's details, contacts, webhook and API key."/>
        <ApiView resource=profile loading_label="Loading the profile…" let:data>
            <CompanyCard profile=data.clone()/>
            <ProfileForm profile=data on_saved saved/>
        </ApiView>
        <ApiKeyCard/>
    }
}

#[component]
fn CompanyCard(profile: CompanyProfile) -> impl IntoView {
    let optional = |value: Option<String>| match value.filter(|v| !v.trim().is_empty()) {
        Some(text) => view! { <span>{text}</span> }.into_any(),
        None => view! { <span class="muted">"Not set"</span> }.into_any(),
    };
    let status = if profile.is_active {
        view! { <span class="badge badge--success">"Active"</span> }.into_any()
    } else {
        view! { <span class="badge badge--danger">"Inactive"</span> }.into_any()
    };
    let id = profile.id.clone();
    view! {
        <section class="card" aria-labelledby="company-title">
            <div class="card__header">
                <h2 id="company-title" class="card__title">"Company"</h2>
                {status}
            </div>
            <dl class="details">
                <dt>"Name"</dt>
                <dd>{profile.name}</dd>
                <dt>"Company ID"</dt>
                <dd class="inline-actions"><code>{profile.id}</code><CopyButton text=id what="company ID"/></dd>
                <dt>"Login e-mail"</dt>
                <dd>{profile.email}</dd>
                <dt>"Status"</dt>
                <dd>{if profile.is_active { "Active" } else { "Inactive: API access is refused" }}</dd>
                <dt>"Contact e-mail"</dt>
                <dd>{optional(profile.contact_email)}</dd>
                <dt>"Telegram"</dt>
                <dd>{optional(profile.contact_telegram)}</dd>
                <dt>"Webhook URL"</dt>
                <dd class="mono">{optional(profile.webhook_url)}</dd>
                <dt>"Deposit forward address"</dt>
                <dd class="mono">{optional(profile.deposit_forward_address)}</dd>
            </dl>
        </section>
    }
}
