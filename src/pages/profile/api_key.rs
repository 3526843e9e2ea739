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
//!
//! Both are actions. Whatever the portal must do about an answer (take the new key, settle the
//! doubt, end the session) happens inside their futures, so it happens even when the card is
//! gone by then; the card only shows their outcome.

use leptos::prelude::*;
use lumo_api::errors::{old_key_check, OldKeyCheck};
use lumo_api::requests::{get_company_profile, regenerate_api_key};
use lumo_api::ApiError;

use crate::client::{send_to, use_client, Client, Target};
use crate::components::error_panel::FormError;
use crate::components::loading::Spinner;
use crate::components::{ConfirmDialog, KeyReveal};
use crate::error_words::{error_words, Words};
use crate::i18n::{tr, Key};
use crate::session::{use_session, SessionCtx};
use crate::shell::{use_key_in_doubt, KeyInDoubt};

/// The key a lost answer left in doubt, and where to ask about it. Never shown (no Debug).
#[derive(Clone)]
struct OldKey {
    base_url: String,
    api_key: String,
}

/// What asking with the old key found.
#[derive(Clone)]
enum ReadBack {
    /// Nothing was regenerated; the doubt is settled.
    StillWorks,
    /// It was regenerated and the new key is lost; the session has ended (the shell explains).
    Refused,
    /// No telling (the check's own failure): the old key is kept to ask again (never shown).
    Unknown {
        api_key: String,
        failure: Option<ApiError>,
    },
}

/// Ask once, with the old key, whether it still works, and act on the answer.
async fn read_back(
    client: Client,
    session: SessionCtx,
    key_in_doubt: Option<KeyInDoubt>,
    old: OldKey,
) -> ReadBack {
    let target = Target {
        base_url: old.base_url.clone(),
        api_key: Some(old.api_key.clone()),
    };
    let result = send_to(&get_company_profile(), &target, client.timeout_ms()).await;
    match old_key_check(&result) {
        OldKeyCheck::StillWorks => {
            if let Some(doubt) = key_in_doubt {
                doubt.settle();
            }
            ReadBack::StillWorks
        }
        OldKeyCheck::Refused => {
            // The shell (KeyInDoubt is set) explains this instead of the generic sign-in.
            session.expire(&old.api_key);
            ReadBack::Refused
        }
        OldKeyCheck::Unknown => ReadBack::Unknown {
            api_key: old.api_key,
            failure: result.err(),
        },
    }
}

/// The old key of the signed-in session, to ask about it.
fn asking_about(session: SessionCtx, api_key: String) -> Option<OldKey> {
    session.get_untracked().map(|s| OldKey {
        base_url: s.environment.api_base_url,
        api_key,
    })
}

#[component]
pub fn ApiKeyCard() -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let key_in_doubt = use_key_in_doubt();
    let open = RwSignal::new(false);
    let new_key = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Words>);
    let note = RwSignal::new(None::<Key>);

    // The read-back. Reference-counted rather than owned by the card, so that the regenerate
    // future can start it after the card is gone: it settles the doubt or ends the session.
    let check = ArcAction::new_unsync(move |old: &OldKey| {
        read_back(client, session, key_in_doubt, old.clone())
    });
    let checking: Memo<bool> = check.pending().into();
    let checked: MappedSignal<Option<ReadBack>> = check.value().into();
    // A lost answer is unresolved while the last check could not tell.
    let is_unresolved =
        move || checked.with(|found| matches!(found, Some(ReadBack::Unknown { .. })));

    let regenerate = Action::new_local({
        let check = check.clone();
        move |old_key: &String| {
            let (old_key, check) = (old_key.clone(), check.clone());
            async move {
                // From the moment the server may rotate the key until the portal holds the new
                // one, a 401 anywhere (this card's check, the rate ticker) means it was lost.
                if let Some(doubt) = key_in_doubt {
                    doubt.begin();
                }
                let result = client.send(&regenerate_api_key()).await;
                match &result {
                    Ok(answer) => {
                        session.replace_key(answer.api_key.clone());
                        // Unless another request's 401 ended the session meanwhile (the old key
                        // died while this answer was on its way): the shell's explanation stays.
                        if let (Some(doubt), true) =
                            (key_in_doubt, session.get_untracked().is_some())
                        {
                            doubt.settle();
                        }
                    }
                    Err(failure) if failure.may_hide_a_change() => {
                        if let Some(old) = asking_about(session, old_key) {
                            check.dispatch_local(old);
                        }
                    }
                    // The key was refused, and the session has ended. Either it was rotated
                    // elsewhere before, or this very request rotated it and its answer was lost:
                    // browsers silently resend a request whose keep-alive connection died before
                    // the answer, and the resend carries the now dead key. The remedy is the same
                    // (sign in with e-mail and password): the doubt stays set, so the shell
                    // explains that.
                    Err(ApiError::Unauthorized { .. }) => {}
                    // Refused (or a plain server error): nothing was rotated.
                    Err(_) => {
                        if let Some(doubt) = key_in_doubt {
                            doubt.settle();
                        }
                    }
                }
                result.map(|answer| answer.api_key)
            }
        }
    });
    let pending = regenerate.pending();

    let regenerated = regenerate.version();
    Effect::new(move |seen: Option<usize>| {
        let now = regenerated.get();
        if seen.is_some_and(|seen| seen != now) {
            open.set(false);
            regenerate.value().with_untracked(|answer| match answer {
                Some(Ok(api_key)) => new_key.set(Some(api_key.clone())),
                // Lost: the read-back says what happened. Refused: the shell does.
                Some(Err(failure))
                    if failure.may_hide_a_change()
                        || matches!(failure, ApiError::Unauthorized { .. }) => {}
                Some(Err(failure)) => error.set(Some(error_words(failure))),
                None => {}
            });
        }
        now
    });
    let check_version: RwSignal<usize> = check.version().into();
    Effect::new(move |seen: Option<usize>| {
        let now = check_version.get();
        if seen.is_some_and(|seen| seen != now) {
            checked.with_untracked(|found| match found {
                Some(ReadBack::StillWorks) => note.set(Some(Key::ProfileKeyNotRegenerated)),
                Some(ReadBack::Unknown { failure, .. }) => {
                    let mut words = Words::of(Key::ProfileKeyUnknown);
                    if let Some(failure) = failure {
                        words = words.then(error_words(failure));
                    }
                    error.set(Some(words.then(Words::of(Key::ProfileKeyUnknownNext))));
                }
                Some(ReadBack::Refused) | None => {}
            });
        }
        now
    });

    let on_confirm = Callback::new(move |()| {
        if pending.get_untracked() || checking.get_untracked() || untrack(is_unresolved) {
            return;
        }
        let Some(old_key) = session.get_untracked().map(|s| s.api_key) else {
            return;
        };
        error.set(None);
        note.set(None);
        regenerate.dispatch_local(old_key);
    });
    let ask = Callback::new(move |old: OldKey| {
        check.dispatch_local(old);
    });
    let check_again = move |_| {
        if checking.get_untracked() {
            return;
        }
        let unresolved = checked.with_untracked(|found| match found {
            Some(ReadBack::Unknown { api_key, .. }) => Some(api_key.clone()),
            _ => None,
        });
        let Some(old) = unresolved.and_then(|api_key| asking_about(session, api_key)) else {
            return;
        };
        error.set(None);
        note.set(None);
        ask.run(old);
    };

    view! {
        <section class="card" aria-labelledby="api-key-title">
            <div class="card__header">
                <div>
                    <h2 id="api-key-title" class="card__title">{tr(Key::ProfileApiKey)}</h2>
                    <p class="card__subtitle">{tr(Key::ProfileApiKeySubtitle)}</p>
                </div>
                <button type="button" class="btn btn-secondary" on:click=move |_| open.set(true)
                    disabled=move || pending.get() || checking.get() || is_unresolved()>
                    {tr(Key::ProfileRegenerate)}
                </button>
            </div>
            <div aria-live="polite">
                {move || checking.get().then(|| view! {
                    <p class="alert alert-info" role="status" data-testid="key-checking">
                        <Spinner/>" "{tr(Key::ProfileChecking)}
                    </p>
                })}
                {move || note.get().map(|key| view! {
                    <p class="alert alert-info" role="status" data-testid="key-note">{tr(key)}</p>
                })}
            </div>
            <FormError message=error/>
            <Show when=move || is_unresolved() && !checking.get()>
                <div class="form-actions">
                    <button type="button" class="btn btn-secondary" on:click=check_again>{tr(Key::ProfileCheckAgain)}</button>
                </div>
            </Show>
            {move || new_key.get().map(|api_key| view! { <KeyReveal api_key/> })}
        </section>
        <ConfirmDialog
            open
            title=tr(Key::ProfileRegenerateTitle)
            confirm_label=tr(Key::ProfileRegenerateConfirm)
            on_confirm
            danger=true
            pending=pending
        >
            <p>{tr(Key::ProfileRegenerateWarning)}</p>
            <p>{tr(Key::ProfileRegenerateStay)}</p>
        </ConfirmDialog>
    }
}
