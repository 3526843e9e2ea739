//! "Regenerate API key": a confirmation that says what breaks, then the new key shown once.
//! The session switches to the new key, so the user stays signed in.
//!
//! Regenerating is not idempotent, and its answer can be lost after the server rotated the key
//! (a dropped connection, a timeout): the old key is then dead and the new one unknown. So after
//! such a failure the card asks once, with the old key (`GET /auth/company/profile`, sent with
//! [`send_to`] so its 401 does not end the session behind the card's back):
//! - it works: nothing was regenerated, and it is safe to try again;
//! - 401: it was regenerated and the new key never arrived. The session ends, and the shell says
//!   so (`KeyInDoubt`) and points to signing in with e-mail and password, which issues a new key
//!   (the same when the regenerate request itself is answered 401: a browser may have resent it
//!   after losing the first answer);
//! - anything else: the card cannot tell, says so, and offers to check again (never to send
//!   again: nothing is retried on its own, and the regenerate button waits for an answer).

use leptos::prelude::*;
use leptos::task::spawn_local;
use lumo_api::errors::{old_key_check, OldKeyCheck};
use lumo_api::requests::{get_company_profile, regenerate_api_key};
use lumo_api::ApiError;

use crate::client::{send_to, use_client, Target};
use crate::components::error_panel::FormError;
use crate::components::loading::Spinner;
use crate::components::{ConfirmDialog, KeyReveal};
use crate::session::use_session;
use crate::shell::use_key_in_doubt;

#[component]
pub fn ApiKeyCard() -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let key_in_doubt = use_key_in_doubt();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let checking = RwSignal::new(false);
    let new_key = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    // The old key while a lost answer is unresolved (the check failed). Never shown.
    let unresolved = RwSignal::new(None::<String>);
    let is_unresolved = move || unresolved.with(Option::is_some);

    // Ask once, with the old key, whether it still works.
    let check = move |old_key: String| {
        let Some(base_url) = session.get_untracked().map(|s| s.environment.api_base_url) else {
            return;
        };
        checking.set(true);
        error.set(None);
        note.set(None);
        spawn_local(async move {
            let target = Target {
                base_url,
                api_key: Some(old_key.clone()),
            };
            let result = send_to(&get_company_profile(), &target, client.timeout_ms()).await;
            checking.try_set(false);
            match old_key_check(&result) {
                OldKeyCheck::StillWorks => {
                    unresolved.try_set(None);
                    if let Some(doubt) = key_in_doubt {
                        doubt.settle();
                    }
                    note.try_set(Some(
                        "The key was not regenerated: the answer was lost, but your current key \
                         still works and nothing changed. It is safe to try again."
                            .to_string(),
                    ));
                }
                OldKeyCheck::Refused => {
                    unresolved.try_set(None);
                    // The shell (KeyInDoubt is set) explains this instead of the generic sign-in.
                    session.expire(&old_key);
                }
                OldKeyCheck::Unknown => {
                    unresolved.try_set(Some(old_key));
                    let detail = result.err().map(|e| e.to_string()).unwrap_or_default();
                    error.try_set(Some(format!(
                        "The answer to \u{201c}Regenerate\u{201d} was lost, so the key may or may \
                         not have been regenerated, and checking failed too. {detail} Press \
                         \u{201c}Check again\u{201d}: do not regenerate again before you know."
                    )));
                }
            }
        });
    };

    let regenerate = Callback::new(move |()| {
        if pending.get_untracked()
            || checking.get_untracked()
            || unresolved.with_untracked(Option::is_some)
        {
            return;
        }
        let Some(old_key) = session.get_untracked().map(|s| s.api_key) else {
            return;
        };
        pending.set(true);
        error.set(None);
        note.set(None);
        // From the moment the server may rotate the key until the portal holds the new one, a
        // 401 anywhere (this card's check, the rate ticker) means the new key was lost.
        if let Some(doubt) = key_in_doubt {
            doubt.begin();
        }
        spawn_local(async move {
            let result = client.send(&regenerate_api_key()).await;
            pending.try_set(false);
            open.try_set(false);
            match result {
                Ok(answer) => {
                    session.replace_key(answer.api_key.clone());
                    new_key.try_set(Some(answer.api_key));
                    // Unless another request's 401 ended the session meanwhile (the old key died
                    // while this answer was on its way): the shell's explanation then stays.
                    if let (Some(doubt), true) = (key_in_doubt, session.get_untracked().is_some()) {
                        doubt.settle();
                    }
                }
                Err(failure) if failure.may_hide_a_change() => check(old_key),
                // The key was refused, and the session has ended. Either it was rotated elsewhere
                // before, or this very request rotated it and its answer was lost: browsers
                // silently resend a request whose keep-alive connection died before the answer,
                // and the resend carries the now dead key. The remedy is the same (sign in with
                // e-mail and password): the doubt stays set, so the shell explains that.
                Err(ApiError::Unauthorized { .. }) => {}
                Err(failure) => {
                    // Refused (or a plain server error): nothing was rotated.
                    if let Some(doubt) = key_in_doubt {
                        doubt.settle();
                    }
                    error.try_set(Some(failure.to_string()));
                }
            }
        });
    });
    let check_again = move |_| {
        if checking.get_untracked() {
            return;
        }
        if let Some(old_key) = unresolved.get_untracked() {
            check(old_key);
        }
    };

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
                    disabled=move || pending.get() || checking.get() || is_unresolved()>
                    "Regenerate API key"
                </button>
            </div>
            <div aria-live="polite">
                {move || checking.get().then(|| view! {
                    <p class="alert alert-info" role="status" data-testid="key-checking">
                        <Spinner/>" Checking whether the key was regenerated…"
                    </p>
                })}
                {move || note.get().map(|text| view! {
                    <p class="alert alert-info" role="status" data-testid="key-note">{text}</p>
                })}
            </div>
            <FormError message=error/>
            <Show when=move || is_unresolved() && !checking.get()>
                <div class="form-actions">
                    <button type="button" class="btn btn-secondary" on:click=check_again>"Check again"</button>
                </div>
            </Show>
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
