//! "Regenerate API key": a confirmation that says what breaks, then the new key shown once.
//! The session switches to the new key, so the user stays signed in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::requests::regenerate_api_key;
use lumo_api::ApiError;

use crate::client::use_client;
use crate::components::error_panel::FormError;
use crate::components::{ConfirmDialog, KeyReveal};
use crate::session::use_session;

#[component]
pub fn ApiKeyCard() -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let new_key = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let regenerate = Callback::new(move |()| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = client.send(&regenerate_api_key()).await;
            pending.try_set(false);
            open.try_set(false);
            match result {
                Ok(answer) => {
                    session.replace_key(answer.api_key.clone());
                    new_key.try_set(Some(answer.api_key));
                }
                Err(failure) => {
                    error.try_set(Some(regenerate_failure(&failure)));
                }
            }
        });
    });

    view! {
        <section class="card" aria-labelledby="api-key-title">
            <div class="card__header">
                <div>
                    <h2 id="api-key-title" class="card__title">"API key"</h2>
                    <p class="card__subtitle">
                        "Your backend and this portal use the company's API key. Regenerate it if it may have leaked."
                    </p>
                </div>
                <button type="button" class="btn btn-secondary" on:click=move |_| open.set(true)
                    disabled=move || pending.get()>
                    "Regenerate API key"
                </button>
            </div>
            <FormError message=error/>
            {move || new_key.get().map(|api_key| view! { <KeyReveal api_key/> })}
        </section>
        <ConfirmDialog
            open
            title="Regenerate the API key?"
            confirm_label="Regenerate key"
            on_confirm=regenerate
            danger=true
            pending=pending
        >
            <p>
                "A new key is issued and the current key stops working at once. If your company's "
                "backend uses the current key, its calls to Lumo will fail until you update it with "
                "the new key."
            </p>
            <p>"This portal switches to the new key by itself; you stay signed in. The new key is shown once."</p>
        </ConfirmDialog>
    }
}

fn regenerate_failure(error: &ApiError) -> String {
    match error {
        ApiError::Network { .. } | ApiError::Timeout { .. } => format!(
            "{error} The key may or may not have been regenerated. If the portal then asks you to \
             sign in again, it was: sign in with e-mail and password to receive a new key."
        ),
        other => other.to_string(),
    }
}
