//! /profile: the company's data, the editable contact and integration fields, and API key
//! regeneration.

use leptos::prelude::*;
use lumo_api::models::CompanyProfile;
use lumo_api::requests::get_company_profile;

use crate::client::api_resource;
use crate::components::{ApiView, CopyButton, PageHeader};
use crate::i18n::{tr, Key};
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
        <PageHeader title=tr(Key::NavProfile) subtitle=tr(Key::ProfileSubtitle)/>
        <ApiView resource=profile loading_label=tr(Key::ProfileLoading) let:data>
            <CompanyCard profile=data.clone()/>
            <ProfileForm profile=data on_saved saved/>
        </ApiView>
        <ApiKeyCard/>
    }
}

#[component]
fn CompanyCard(profile: CompanyProfile) -> impl IntoView {
    let optional = |value: Option<String>| match value.filter(|v| !v.trim().is_empty()) {
        Some(text) => view! { <span translate="no">{text}</span> }.into_any(),
        None => view! { <span class="muted">{tr(Key::ProfileNotSet)}</span> }.into_any(),
    };
    let status = if profile.is_active {
        view! { <span class="badge badge--success">{tr(Key::ProfileActive)}</span> }.into_any()
    } else {
        view! { <span class="badge badge--danger">{tr(Key::ProfileInactive)}</span> }.into_any()
    };
    let id = profile.id.clone();
    view! {
        <section class="card" aria-labelledby="company-title">
            <div class="card__header">
                <h2 id="company-title" class="card__title">{tr(Key::ProfileCompany)}</h2>
                {status}
            </div>
            <dl class="details">
                <dt>{tr(Key::ProfileName)}</dt>
                <dd translate="no">{profile.name}</dd>
                <dt>{tr(Key::ProfileCompanyId)}</dt>
                <dd class="inline-actions">
                    <code translate="no">{profile.id}</code>
                    <CopyButton text=id what=tr(Key::ProfileCompanyIdWhat)/>
                </dd>
                <dt>{tr(Key::AuthLoginEmail)}</dt>
                <dd translate="no">{profile.email}</dd>
                <dt>{tr(Key::ProfileStatus)}</dt>
                <dd>
                    {tr(if profile.is_active { Key::ProfileActive } else { Key::ProfileInactiveRefused })}
                </dd>
                <dt>{tr(Key::AuthContactEmail)}</dt>
                <dd>{optional(profile.contact_email)}</dd>
                <dt>{tr(Key::AuthTelegram)}</dt>
                <dd>{optional(profile.contact_telegram)}</dd>
                <dt>{tr(Key::ProfileWebhookUrl)}</dt>
                <dd class="mono">{optional(profile.webhook_url)}</dd>
                <dt>{tr(Key::ProfileForwardAddress)}</dt>
                <dd class="mono">{optional(profile.deposit_forward_address)}</dd>
            </dl>
        </section>
    }
}
