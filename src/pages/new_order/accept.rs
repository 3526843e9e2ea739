//! Accepting a quote until the outcome is known (`lumo_api::rules::quotes::pending` decides;
//! this file only sends, reads, waits and stores).
//!
//! The pending accept (quote, deadline, Idempotency-Key) is written to sessionStorage, under the
//! environment and company it belongs to, BEFORE the first accept is sent, and removed only on a
//! definite answer. So a reload, a crash or a sign-in after a 401 in the uncertain window resumes
//! the check with the same key, and no other company ever sees it. It is deliberately not cleared
//! on sign-out: what it guards is money, and it holds nothing secret.

use chrono::Utc;
use leptos::prelude::*;
use lumo_api::models::Order;
use lumo_api::rules::quotes::pending::{
    is_order_of, AcceptCheck, AcceptStep, NotPlaced, PendingAccept, Stall,
};

use crate::client::Client;
use crate::error_words::error_words;
use crate::i18n::{t, Key};
use crate::refresh::sleep;

const STORAGE_PREFIX: &str = "lumo.pending-accept|";

/// Where the page stands with an accept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum AcceptStatus {
    /// Nothing sent yet.
    Idle,
    /// The first accept is on its way.
    Placing,
    /// An answer was lost: reading back whether the order exists.
    Checking,
    /// The outcome is still unknown and the page stopped asking by itself (worded when shown,
    /// in the language on screen: lumo-api's `stall_summary`, [`stall_detail`]).
    Stalled(Stall),
    /// Definitely not placed (worded when shown: [`refusal_message`]).
    NotPlaced(Refusal),
}

/// Why an accept definitely placed no order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Refusal {
    /// The conversation's end.
    Api(NotPlaced),
    /// The quote's id cannot be put in a path safely: nothing was sent.
    UnsafeId,
}

/// What a refusal says, and whether it is the server's own words (shown as they come, kept out
/// of translation).
pub(super) fn refusal_message(refusal: &Refusal) -> (String, bool) {
    match refusal {
        Refusal::Api(NotPlaced::Refused {
            message: Some(text),
        }) => (text.clone(), true),
        Refusal::Api(NotPlaced::Refused { message: None }) => {
            (t(Key::NewOrderRefusedDefault).to_string(), false)
        }
        Refusal::Api(NotPlaced::Expired) => (t(Key::NewOrderExpiredUnplaced).to_string(), false),
        Refusal::UnsafeId => (t(Key::NewOrderUnsafeId).to_string(), false),
    }
}

impl AcceptStatus {
    /// While this holds, nothing may start a fresh order for this payment.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            AcceptStatus::Placing | AcceptStatus::Checking | AcceptStatus::Stalled(_)
        )
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn storage_key(scope: &str) -> String {
    format!("{STORAGE_PREFIX}{scope}")
}

/// The accept left unresolved in this tab for this environment and company, if any.
pub(super) fn load(scope: &str) -> Option<PendingAccept> {
    let text = storage()?.get_item(&storage_key(scope)).ok().flatten()?;
    PendingAccept::from_json(&text)
}

fn save(scope: &str, pending: &PendingAccept) -> bool {
    storage()
        .and_then(|s| s.set_item(&storage_key(scope), &pending.to_json()).ok())
        .is_some()
}

fn forget(scope: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&storage_key(scope));
    }
}

/// Where one run of the conversation starts.
#[derive(Debug, Clone)]
pub(super) struct AcceptStart {
    pub scope: String,
    pub pending: PendingAccept,
    /// `SendAccept` on the first click; `ReadBack` to resume (after a reload or "Check again").
    pub first: AcceptStep,
}

/// Handles the page gives the conversation.
#[derive(Clone, Copy)]
pub(super) struct AcceptRun {
    pub client: Client,
    pub status: RwSignal<AcceptStatus>,
    pub check: StoredValue<AcceptCheck>,
    /// False once the quote panel is gone: the conversation stops (the stored pending accept
    /// resumes it on the next visit).
    pub alive: StoredValue<bool>,
    pub on_placed: Callback<Order>,
}

/// The accept conversation as an action. Its steps and its end are written to `status` as they
/// happen, not left in the action's value: the page must know mid-run that the outcome is
/// unknown (Placing, then Checking) to block a fresh start, so `status` is the one truth and the
/// action's value is `()`. `pending()` says a run is under way.
#[derive(Clone, Copy)]
pub(super) struct Accepting {
    action: Action<AcceptStart, ()>,
    running: Memo<bool>,
    run: AcceptRun,
}

impl Accepting {
    pub fn new(run: AcceptRun) -> Accepting {
        let action = Action::new_local(move |start: &AcceptStart| {
            let AcceptStart {
                scope,
                pending,
                first,
            } = start.clone();
            async move {
                if first == AcceptStep::SendAccept && !save(&scope, &pending) {
                    // Without storage a reload would forget the key; the conversation still
                    // runs, and the page stays blocked until it ends, which is what matters most.
                    leptos::logging::warn!("pending accept not stored: sessionStorage unavailable");
                }
                run.converse(scope, pending, first).await;
            }
        });
        Accepting {
            action,
            running: action.pending(),
            run,
        }
    }

    /// Start (first click: `SendAccept`) or resume (after a reload or "Check again":
    /// `ReadBack`) the conversation. Ignored while a run is under way: two runs would share one
    /// count of reads and accepts.
    pub fn start(&self, start: AcceptStart) {
        if self.running.get_untracked() {
            return;
        }
        // Set before the run begins, so a second click already finds the accept under way.
        self.run
            .status
            .set(if start.first == AcceptStep::SendAccept {
                AcceptStatus::Placing
            } else {
                AcceptStatus::Checking
            });
        self.action.dispatch_local(start);
    }

    /// "Check again" after a stall: a fresh round of reads (and accepts), same key.
    pub fn check_again(&self, start: AcceptStart) {
        if self.running.get_untracked() {
            return;
        }
        self.run.check.update_value(AcceptCheck::restart);
        self.start(start);
    }
}

impl AcceptRun {
    async fn converse(self, scope: String, pending: PendingAccept, mut step: AcceptStep) {
        let id = pending.quote.id.clone();
        loop {
            if !self.alive.try_get_value().unwrap_or(false) {
                return;
            }
            if step == AcceptStep::SendAccept {
                match self.check.try_update_value(AcceptCheck::before_accept) {
                    None => return,
                    Some(Some(stop)) => step = stop,
                    Some(None) => {}
                }
            }
            step = match step {
                AcceptStep::SendAccept => {
                    // No automatic retries in the transport: after a lost answer the order is
                    // read back first, and only then is accept sent again, with the same key.
                    let request = lumo_api::requests::accept_order(&id, &pending.idempotency_key);
                    let answer = self.client.send_once(&request).await;
                    if answer.is_err() {
                        self.status.try_set(AcceptStatus::Checking);
                    }
                    let Some(next) = self.check.try_update_value(|c| c.after_accept(answer)) else {
                        return;
                    };
                    next
                }
                AcceptStep::ReadBack { after_ms } => {
                    if after_ms > 0 {
                        sleep(after_ms).await;
                        if !self.alive.try_get_value().unwrap_or(false) {
                            return;
                        }
                    }
                    let read = self
                        .client
                        .send(&lumo_api::requests::get_order(&id))
                        .await
                        .and_then(|order| {
                            if is_order_of(&order, &pending) {
                                Ok(order)
                            } else {
                                Err(lumo_api::ApiError::NotFound { message: None })
                            }
                        });
                    let now = Utc::now();
                    let Some(next) = self
                        .check
                        .try_update_value(|c| c.after_read(read, now, pending.deadline))
                    else {
                        return;
                    };
                    next
                }
                AcceptStep::Placed(order) => {
                    forget(&scope);
                    self.on_placed.run(*order);
                    return;
                }
                AcceptStep::NotPlaced(why) => {
                    forget(&scope);
                    self.status
                        .try_set(AcceptStatus::NotPlaced(Refusal::Api(why)));
                    return;
                }
                AcceptStep::Stalled(stall) => {
                    self.status.try_set(AcceptStatus::Stalled(stall));
                    return;
                }
            };
        }
    }
}

/// What to know about a stall, in the language on screen.
pub(super) fn stall_detail(stall: &Stall) -> String {
    match stall {
        Stall::SignedOut => t(Key::NewOrderStallSignedOut).to_string(),
        Stall::Unreachable(error) | Stall::NoDefiniteAnswer(error) => error_words(error).text(),
    }
}
