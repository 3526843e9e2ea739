//! The profile edit form: contact e-mail, Telegram, webhook URL and deposit forward address.
//! Sends only changed fields (an emptied field is sent as null to clear it); unsaved input
//! survives a forced re-sign-in through the drafts store.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::models::CompanyProfile;
use lumo_api::requests::update_company_profile;
use lumo_api::rules::validation::{
    profile_changes, validate_profile_update, FieldErrors, ProfileInput, FORM_FIELD,
};
use lumo_api::ApiError;

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::components::Field;
use crate::drafts::use_drafts;
use crate::forms::{api_field_errors, field_error};

/// Wire name, input id, drafts key.
const FIELDS: &[(&str, &str, &str)] = &[
    (
        "contactEmail",
        "profile-contact-email",
        "profile.contactEmail",
    ),
    (
        "contactTelegram",
        "profile-contact-telegram",
        "profile.contactTelegram",
    ),
    ("webhookUrl", "profile-webhook-url", "profile.webhookUrl"),
    (
        "depositForwardAddress",
        "profile-deposit-forward-address",
        "profile.depositForwardAddress",
    ),
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
    let originals = [
        profile.contact_email.clone().unwrap_or_default(),
        profile.contact_telegram.clone().unwrap_or_default(),
        profile.webhook_url.clone().unwrap_or_default(),
        profile.deposit_forward_address.clone().unwrap_or_default(),
    ];
    let values: Vec<RwSignal<String>> = FIELDS
        .iter()
        .zip(originals.iter())
        .map(|((_, _, key), original)| {
            let value = RwSignal::new(drafts.get(key).unwrap_or_else(|| original.clone()));
            let original = original.clone();
            Effect::new(move |_| {
                let current = value.get();
                if current == original {
                    drafts.remove(key);
                } else {
                    drafts.set(key, current);
                }
            });
            value
        })
        .collect();
    let (contact_email, contact_telegram, webhook_url, forward_address) =
        (values[0], values[1], values[2], values[3]);
    let has_drafts = FIELDS.iter().any(|(_, _, key)| drafts.get(key).is_some());

    let errors = RwSignal::new(FieldErrors::new());
    let form_error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<&'static str>);
    let pending = RwSignal::new(false);
    let profile = StoredValue::new(profile);

    let focus_first_error = move |errors: &FieldErrors| {
        if let Some((_, id, _)) = FIELDS
            .iter()
            .find(|(field, _, _)| errors.contains_key(*field))
        {
            focus_id(id);
        }
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        saved.set(false);
        note.set(None);
        form_error.set(None);
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
            errors.set(FieldErrors::new());
            note.set(Some("Nothing to save: no field was changed."));
            return;
        }
        let problems = validate_profile_update(&body);
        errors.set(problems.clone());
        if !problems.is_empty() {
            focus_first_error(&problems);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            // PATCH sets fields to given values: idempotent. If its answer is lost (timeout,
            // dropped connection), sending the same form again is safe, so the form simply
            // keeps the input and lets the user save again; no read-back is needed.
            let result = client.send(&update_company_profile(&body)).await;
            pending.try_set(false);
            match result {
                Ok(updated) => {
                    drafts.clear_prefix("profile.");
                    saved.try_set(true);
                    on_saved.run(updated);
                }
                Err(error @ ApiError::Validation { .. }) => {
                    let fields: Vec<&str> = FIELDS.iter().map(|(field, _, _)| *field).collect();
                    let mut map = api_field_errors(&error, &fields);
                    if let Some(general) = map.remove(FORM_FIELD) {
                        form_error.try_set(Some(general));
                    }
                    errors.try_set(map.clone());
                    focus_first_error(&map);
                }
                Err(error) => {
                    form_error.try_set(Some(error.to_string()));
                }
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="profile-edit-title">
            <div class="card__header">
                <div>
                    <h2 id="profile-edit-title" class="card__title">"Contacts and integration"</h2>
                    <p class="card__subtitle">"Leave a field empty to clear it. Only changed fields are sent."</p>
                </div>
            </div>
            <form class="form" on:submit=submit novalidate>
                {has_drafts.then(|| view! {
                    <p class="alert alert-info" role="status">"Your unsaved changes were kept."</p>
                })}
                <div class="form-grid">
                    <Field id="profile-contact-email" label="Contact e-mail" value=contact_email
                        error=field_error(errors, "contactEmail") input_type="email" autocomplete="email"/>
                    <Field id="profile-contact-telegram" label="Telegram" value=contact_telegram
                        error=field_error(errors, "contactTelegram") placeholder="@your_team"
                        hint="5 to 32 letters, digits or underscores, optionally after @."/>
                </div>
                <Field id="profile-webhook-url" label="Webhook URL" value=webhook_url
                    error=field_error(errors, "webhookUrl") input_type="url" code=true
                    placeholder="https://example.com/hooks/lumo"
                    hint="Lumo sends order and deposit events here. Must start with https:// (http only for localhost)."/>
                <Field id="profile-deposit-forward-address" label="Deposit forward address"
                    value=forward_address error=field_error(errors, "depositForwardAddress") code=true
                    placeholder="T…" hint="A TRON address (34 characters, starting with T); the checksum is verified."/>
                <FormError message=form_error/>
                <div aria-live="polite">
                    {move || note.get().map(|text| view! { <p class="alert alert-info">{text}</p> })}
                    {move || saved.get().then(|| view! { <p class="alert alert-success">"Profile saved."</p> })}
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                        <Show when=move || pending.get()><Spinner/></Show>
                        {move || if pending.get() { "Saving…" } else { "Save changes" }}
                    </button>
                </div>
            </form>
        </section>
    }
}
