//! The profile edit form: contact e-mail, Telegram, webhook URL and deposit forward address.
//! Sends only changed fields (an emptied field is sent as null to clear it); unsaved input
//! survives a forced re-sign-in through the drafts store.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use lumo_api::models::{CompanyProfile, UpdateProfileRequest};
use lumo_api::requests::update_company_profile;
use lumo_api::rules::validation::{profile_changes, validate_profile_update, ProfileInput};

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::form::{draft_value, Form, FormField, SubmitButton};
use crate::components::Field;
use crate::drafts::use_drafts;
use crate::i18n::{tr, Key};

const FIELDS: &[FormField] = &[
    FormField::new("contactEmail", "profile-contact-email"),
    FormField::new("contactTelegram", "profile-contact-telegram"),
    FormField::new("webhookUrl", "profile-webhook-url"),
    FormField::new("depositForwardAddress", "profile-deposit-forward-address"),
];

/// The drafts keys, in the order of `FIELDS`.
const DRAFTS: [&str; 4] = [
    "profile.contactEmail",
    "profile.contactTelegram",
    "profile.webhookUrl",
    "profile.depositForwardAddress",
];

#[component]
pub fn ProfileForm(
    profile: CompanyProfile,
    on_saved: Callback<CompanyProfile>,
    /// "Saved" message, kept by the page (this form is rebuilt with the saved profile).
    saved: RwSignal<bool>,
) -> impl IntoView {
    let client = use_client();
    let drafts = use_drafts();
    let has_drafts = DRAFTS.iter().any(|key| drafts.get(key).is_some());
    let contact_email = draft_value(
        drafts,
        DRAFTS[0],
        profile.contact_email.clone().unwrap_or_default(),
    );
    let contact_telegram = draft_value(
        drafts,
        DRAFTS[1],
        profile.contact_telegram.clone().unwrap_or_default(),
    );
    let webhook_url = draft_value(
        drafts,
        DRAFTS[2],
        profile.webhook_url.clone().unwrap_or_default(),
    );
    let forward_address = draft_value(
        drafts,
        DRAFTS[3],
        profile.deposit_forward_address.clone().unwrap_or_default(),
    );
    let note = RwSignal::new(None::<Key>);
    let profile = StoredValue::new(profile);

    // PATCH sets fields to given values: idempotent. If its answer is lost (timeout, dropped
    // connection), sending the same form again is safe, so the form simply keeps the input and
    // lets the user save again; no read-back is needed.
    let form = Form::new(FIELDS, move |body: &UpdateProfileRequest| {
        let request = update_company_profile(body);
        async move { client.send(&request).await }
    });
    form.on_success(move |updated: &CompanyProfile| {
        drafts.clear_prefix("profile.");
        saved.set(true);
        on_saved.run(updated.clone());
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        note.set(None);
        let body = profile.with_value(|profile| {
            profile_changes(
                profile,
                &ProfileInput {
                    contact_email: &contact_email.get_untracked(),
                    contact_telegram: &contact_telegram.get_untracked(),
                    webhook_url: &webhook_url.get_untracked(),
                    deposit_forward_address: &forward_address.get_untracked(),
                },
            )
        });
        if body.is_empty() {
            form.clear();
            note.set(Some(Key::ProfileNothingToSave));
            return;
        }
        let problems = validate_profile_update(&body);
        form.submit(body, problems);
    };

    view! {
        <section class="card" aria-labelledby="profile-edit-title">
            <div class="card__header">
                <div>
                    <h2 id="profile-edit-title" class="card__title">{tr(Key::ProfileEditTitle)}</h2>
                    <p class="card__subtitle">{tr(Key::ProfileEditSubtitle)}</p>
                </div>
            </div>
            <form class="form" on:submit=submit novalidate>
                {has_drafts.then(|| view! {
                    <p class="alert alert-info" role="status">{tr(Key::ProfileDraftsKept)}</p>
                })}
                <div class="form-grid">
                    <Field id="profile-contact-email" label=tr(Key::AuthContactEmail) value=contact_email
                        error=form.field_error("contactEmail") input_type="email" autocomplete="email"/>
                    <Field id="profile-contact-telegram" label=tr(Key::AuthTelegram) value=contact_telegram
                        error=form.field_error("contactTelegram") placeholder="@your_team" code=true
                        hint=tr(Key::ProfileTelegramHint)/>
                </div>
                <Field id="profile-webhook-url" label=tr(Key::ProfileWebhookUrl) value=webhook_url
                    error=form.field_error("webhookUrl") input_type="url" code=true
                    placeholder="https://example.com/hooks/lumo"
                    hint=tr(Key::ProfileWebhookHint)/>
                <Field id="profile-deposit-forward-address" label=tr(Key::ProfileForwardAddress)
                    value=forward_address error=form.field_error("depositForwardAddress") code=true
                    placeholder="T…" hint=tr(Key::ProfileForwardHint)/>
                <FormError message=form.form_error()/>
                <div aria-live="polite">
                    {move || note.get().map(|key| view! { <p class="alert alert-info">{tr(key)}</p> })}
                    {move || saved.get().then(|| view! { <p class="alert alert-success">{tr(Key::ProfileSaved)}</p> })}
                </div>
                <div class="form-actions">
                    <SubmitButton form label=tr(Key::ProfileSave) pending_label=tr(Key::ProfileSaving)/>
                </div>
            </form>
        </section>
    }
}
